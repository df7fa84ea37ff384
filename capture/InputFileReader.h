#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QFile>
#include <QString>

#include <cstdio>
#include <functional>
#include <memory>

namespace pdnsw {

// How a file to import is compressed, from its first bytes. Zeek archives its logs gzip-compressed, and captures
// are often kept as .pcap.gz or .pcap.zst (Wireshark reads both): those are read as they are. The other formats get
// a message saying what to do.
enum class Compression
{
    None,
    Gzip,
    Bzip2,
    Xz,
    Zstd,
};

Compression compressionOf(QByteArrayView head);
// Null for None, Gzip and Zstd, which are read; else what the analyst should do, naming the file.
QString unreadableCompressionMessage(const QString& path, Compression compression);

// A file read as the bytes it holds or, when gzip- or zstd-compressed, as the bytes it decompresses to (members or
// frames one after the other, as gzip -d and zstd -d give them). Positions for progress are in the file's own bytes;
// the raw bytes observer sees every byte of the file as it is read, so its SHA-256 takes no second pass.
class InputFileReader
{
public:
    InputFileReader();
    ~InputFileReader();
    InputFileReader(const InputFileReader&) = delete;
    InputFileReader& operator=(const InputFileReader&) = delete;

    // Opens the file and looks at its first bytes. Refuses a folder and the compressions that are not read.
    bool open(const QString& path, QString* error);
    void setRawBytesObserver(std::function<void(QByteArrayView)> observer) { m_observer = std::move(observer); }

    Compression compression() const { return m_compression; }
    qint64 fileSize() const { return m_fileSize; }
    qint64 filePosition() const { return m_filePosition; } // bytes of the file read so far
    qint64 position() const { return m_position; } // bytes handed out so far (decompressed)

    // Up to max bytes; 0 at the end; -1 on an error, which errorString() describes with the file and where.
    qint64 read(char* data, qint64 max);
    QByteArray read(qint64 max);
    bool atEnd() const { return m_end; }
    const QString& errorString() const { return m_error; }

    // A stdio stream of the (decompressed) bytes for libpcap, which reads them through this reader: it must
    // outlive the stream. Closing the stream does not close the reader.
    std::FILE* openStream();

private:
    bool fill();
    enum class Refill
    {
        Filled, // more of the file is in
        Stop, // the file has ended where the stream may end, or with output to hand out first
        Failed, // an error, or the file is cut inside the stream
    };
    // Input for a decoder that has used all it had. `mayStop`: the stream may end here, or output waits.
    Refill refill(const char* kind, bool mayStop);
    qint64 inflateInto(char* data, qint64 max);
    qint64 unzstdInto(char* data, qint64 max);
    bool fail(const QString& message);
    QString keptText() const;

    struct Inflater;
    struct Unzstd;
    QFile m_file;
    QString m_path;
    Compression m_compression = Compression::None;
    qint64 m_fileSize = 0;
    qint64 m_filePosition = 0;
    qint64 m_position = 0;
    bool m_end = false;
    bool m_fileDone = false;
    QString m_error;
    QByteArray m_input; // raw bytes read, not yet inflated
    qsizetype m_inputUsed = 0;
    std::unique_ptr<Inflater> m_inflater;
    std::unique_ptr<Unzstd> m_unzstd;
    std::function<void(QByteArrayView)> m_observer;
};

} // namespace pdnsw
