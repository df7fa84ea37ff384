#include "capture/InputFileReader.h"

#include <QFileInfo>

#include <zlib.h>
#include <zstd.h>

#include <cerrno>
#include <limits>

namespace pdnsw {

Compression compressionOf(QByteArrayView head)
{
    const auto starts = [&](std::initializer_list<unsigned char> magic) {
        if (head.size() < qsizetype(magic.size()))
            return false;
        qsizetype i = 0;
        for (const unsigned char b : magic)
            if (static_cast<unsigned char>(head[i++]) != b)
                return false;
        return true;
    };
    if (starts({0x1f, 0x8b}))
        return Compression::Gzip;
    if (starts({'B', 'Z', 'h'}))
        return Compression::Bzip2;
    if (starts({0xfd, '7', 'z', 'X', 'Z', 0x00}))
        return Compression::Xz;
    if (starts({0x28, 0xb5, 0x2f, 0xfd}))
        return Compression::Zstd;
    return Compression::None;
}

QString unreadableCompressionMessage(const QString& path, Compression compression)
{
    const auto message = [&](const char* kind, const char* command) {
        return QStringLiteral("%1 is %2-compressed, which the workbench does not read (it reads gzip and zstd); "
                              "decompress it first (%3 %1) and import the result")
            .arg(path, QLatin1String(kind), QLatin1String(command));
    };
    switch (compression) {
    case Compression::Bzip2:
        return message("bzip2", "bunzip2 -k");
    case Compression::Xz:
        return message("xz", "unxz -k");
    case Compression::None:
    case Compression::Gzip:
    case Compression::Zstd:
        break;
    }
    return {};
}

struct InputFileReader::Inflater
{
    z_stream stream{};
    bool initialised = false;
    bool finished = false; // the last member ended

    ~Inflater()
    {
        if (initialised)
            inflateEnd(&stream);
    }
};

struct InputFileReader::Unzstd
{
    ZSTD_DStream* stream = ZSTD_createDStream();
    bool frameDone = false; // the last frame read so far is complete: the file may end here

    ~Unzstd() { ZSTD_freeDStream(stream); }
};

InputFileReader::InputFileReader() = default;
InputFileReader::~InputFileReader() = default;

bool InputFileReader::open(const QString& path, QString* error)
{
    m_path = path;
    if (QFileInfo(path).isDir()) {
        *error = QStringLiteral("%1 is a directory, not a file to import").arg(path);
        return false;
    }
    m_file.setFileName(path);
    if (!m_file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot open %1: %2").arg(path, m_file.errorString());
        return false;
    }
    m_fileSize = m_file.size();
    m_compression = compressionOf(m_file.peek(8));
    if (const QString message = unreadableCompressionMessage(path, m_compression); !message.isEmpty()) {
        *error = message;
        return false;
    }
    if (m_compression == Compression::Gzip) {
        m_inflater = std::make_unique<Inflater>();
        // 16 + MAX_WBITS: gzip members only, with their header and CRC checked.
        if (inflateInit2(&m_inflater->stream, 16 + MAX_WBITS) != Z_OK) {
            *error = QStringLiteral("cannot read %1: zlib could not start").arg(path);
            return false;
        }
        m_inflater->initialised = true;
    } else if (m_compression == Compression::Zstd) {
        m_unzstd = std::make_unique<Unzstd>();
        if (!m_unzstd->stream || ZSTD_isError(ZSTD_initDStream(m_unzstd->stream))) {
            *error = QStringLiteral("cannot read %1: zstd could not start").arg(path);
            return false;
        }
    }
    return true;
}

QString InputFileReader::keptText() const
{
    // Said only when there was something before the break to keep.
    return m_position > 0 ? QStringLiteral("; what came before it was read") : QString();
}

bool InputFileReader::fail(const QString& message)
{
    m_error = message;
    m_end = true;
    return false;
}

bool InputFileReader::fill()
{
    // Keep what is not inflated yet, then append the next piece of the file.
    m_input.remove(0, m_inputUsed);
    m_inputUsed = 0;
    constexpr qint64 kChunk = 256 * 1024;
    const qsizetype kept = m_input.size();
    m_input.resize(kept + kChunk);
    const qint64 got = m_file.read(m_input.data() + kept, kChunk);
    if (got < 0)
        return fail(
            QStringLiteral("cannot read %1 at byte %2: %3").arg(m_path).arg(m_filePosition).arg(m_file.errorString()));
    m_input.resize(kept + got);
    if (got == 0)
        m_fileDone = true;
    else if (m_observer)
        m_observer(QByteArrayView(m_input.constData() + kept, got));
    m_filePosition += got;
    return true;
}

InputFileReader::Refill InputFileReader::refill(const char* kind, bool mayStop)
{
    if (!m_fileDone)
        return fill() ? Refill::Filled : Refill::Failed;
    // The file is read to its end: the stream may end here (or what came before is handed out first, and the next
    // read reports the cut), else the file is cut inside it.
    if (mayStop)
        return Refill::Stop;
    fail(QStringLiteral("%1 ends inside its %2 data after %3 bytes: the file is truncated%4")
             .arg(m_path, QLatin1String(kind))
             .arg(m_filePosition)
             .arg(keptText()));
    return Refill::Failed;
}

qint64 InputFileReader::inflateInto(char* data, qint64 max)
{
    z_stream& z = m_inflater->stream;
    z.next_out = reinterpret_cast<Bytef*>(data);
    z.avail_out = uInt(std::min<qint64>(max, std::numeric_limits<uInt>::max()));
    const uInt wanted = z.avail_out;
    while (z.avail_out > 0 && !m_inflater->finished) {
        if (m_inputUsed == m_input.size()) {
            const Refill next = refill("gzip", z.avail_out < wanted);
            if (next == Refill::Failed)
                return -1;
            if (next == Refill::Stop)
                break;
            continue;
        }
        z.next_in = reinterpret_cast<Bytef*>(m_input.data() + m_inputUsed);
        z.avail_in = uInt(std::min<qsizetype>(m_input.size() - m_inputUsed, std::numeric_limits<uInt>::max()));
        const uInt before = z.avail_in;
        const int rc = inflate(&z, Z_NO_FLUSH);
        m_inputUsed += qsizetype(before - z.avail_in);
        if (rc == Z_STREAM_END) {
            // Another member may follow, as `cat a.gz b.gz` gives; anything else after the last one is ignored,
            // as gzip -d does.
            if (m_input.size() - m_inputUsed < 2 && !m_fileDone) {
                if (!fill())
                    return -1;
            }
            const qsizetype left = m_input.size() - m_inputUsed;
            if (left >= 2 && compressionOf(QByteArrayView(m_input.constData() + m_inputUsed, 2)) == Compression::Gzip) {
                inflateReset(&z);
                continue;
            }
            m_inflater->finished = true;
            // The rest is still read, so that the file's hash and position cover all of it.
            while (!m_fileDone) {
                m_input.clear();
                m_inputUsed = 0;
                if (!fill())
                    return -1;
            }
            continue;
        }
        if (rc == Z_BUF_ERROR)
            continue; // needs more input
        if (rc != Z_OK) {
            fail(QStringLiteral("%1 is damaged near byte %2 of its gzip data (zlib: %3)%4")
                     .arg(m_path)
                     .arg(m_filePosition - (m_input.size() - m_inputUsed))
                     .arg(QString::fromLatin1(z.msg ? z.msg : "error"), keptText()));
            return -1;
        }
    }
    const qint64 produced = qint64(wanted - z.avail_out);
    if (produced == 0 && m_inflater->finished)
        m_end = true;
    return produced;
}

qint64 InputFileReader::unzstdInto(char* data, qint64 max)
{
    ZSTD_outBuffer out{data, std::size_t(max), 0};
    while (out.pos < out.size) {
        if (m_inputUsed == m_input.size()) {
            const Refill next = refill("zstd", m_unzstd->frameDone || out.pos > 0);
            if (next == Refill::Failed)
                return -1;
            if (next == Refill::Stop)
                break;
            continue;
        }
        ZSTD_inBuffer in{m_input.constData() + m_inputUsed, std::size_t(m_input.size() - m_inputUsed), 0};
        const std::size_t before = out.pos;
        // Frames follow one another in the same stream, as `cat a.zst b.zst` gives them.
        const std::size_t rc = ZSTD_decompressStream(m_unzstd->stream, &out, &in);
        m_inputUsed += qsizetype(in.pos);
        if (ZSTD_isError(rc) || (in.pos == 0 && out.pos == before)) {
            fail(QStringLiteral("%1 is damaged near byte %2 of its zstd data (zstd: %3)%4")
                     .arg(m_path)
                     .arg(m_filePosition - (m_input.size() - m_inputUsed))
                     .arg(QString::fromLatin1(ZSTD_isError(rc) ? ZSTD_getErrorName(rc) : "no progress"), keptText()));
            return -1;
        }
        m_unzstd->frameDone = rc == 0;
    }
    const qint64 produced = qint64(out.pos);
    if (produced == 0 && m_fileDone && m_inputUsed == m_input.size() && m_unzstd->frameDone)
        m_end = true;
    return produced;
}

qint64 InputFileReader::read(char* data, qint64 max)
{
    if (!m_error.isEmpty())
        return -1;
    if (m_end || max <= 0)
        return 0;
    qint64 got = 0;
    if (m_inflater) {
        got = inflateInto(data, max);
    } else if (m_unzstd) {
        got = unzstdInto(data, max);
    } else {
        got = m_file.read(data, max);
        if (got < 0) {
            fail(QStringLiteral("cannot read %1 at byte %2: %3")
                     .arg(m_path)
                     .arg(m_filePosition)
                     .arg(m_file.errorString()));
            return -1;
        }
        if (got == 0)
            m_end = true;
        else if (m_observer)
            m_observer(QByteArrayView(data, got));
        m_filePosition += got;
    }
    if (got > 0)
        m_position += got;
    return got;
}

QByteArray InputFileReader::read(qint64 max)
{
    QByteArray bytes;
    bytes.resize(max);
    qint64 total = 0;
    // Fills the buffer unless the end or an error comes first, as QFile::read does for a plain file.
    while (total < max) {
        const qint64 got = read(bytes.data() + total, max - total);
        if (got <= 0)
            break;
        total += got;
    }
    bytes.resize(total);
    return bytes;
}

std::FILE* InputFileReader::openStream()
{
    cookie_io_functions_t functions{};
    functions.read = [](void* cookie, char* buffer, std::size_t size) -> ssize_t {
        const qint64 got = static_cast<InputFileReader*>(cookie)->read(buffer, qint64(size));
        if (got < 0)
            errno = EIO;
        return ssize_t(got);
    };
    std::FILE* stream = fopencookie(this, "r", functions);
    if (stream)
        setvbuf(stream, nullptr, _IOFBF, 256 * 1024);
    return stream;
}

} // namespace pdnsw
