#pragma once

#include <QByteArray>
#include <QByteArrayView>

#include <functional>

namespace pdnsw {

// Cuts a byte stream fed in chunks into lines. LF, CRLF and a lone CR all end a line (old Mac and
// half-converted files exist; a CR is never part of a field in these formats). Memory stays bounded: a line
// longer than maxLineBytes is not kept but reported as over-long with its length once its end is reached.
class LogLineSplitter
{
public:
    struct Line
    {
        QByteArrayView bytes; // without terminator; empty when overLong
        qint64 number = 0; // from 1
        bool overLong = false;
        qint64 length = 0; // bytes in the line, also when overLong
    };
    // Returns false to stop splitting.
    using LineCallback = std::function<bool(const Line&)>;

    explicit LogLineSplitter(qsizetype maxLineBytes);

    // Emits every line completed by this chunk. Returns false when the callback stopped it.
    bool feed(QByteArrayView chunk, const LineCallback& onLine);
    // Emits the last line when the input did not end with a terminator.
    bool finish(const LineCallback& onLine);

    qint64 linesEmitted() const { return m_lineNumber; }

private:
    bool emitLine(QByteArrayView bytes, const LineCallback& onLine);

    qsizetype m_maxLineBytes;
    QByteArray m_partial;
    qint64 m_partialLength = 0; // also counts bytes dropped from an over-long line
    bool m_overLong = false;
    bool m_skipLf = false; // the previous chunk ended in CR: a leading LF belongs to it
    qint64 m_lineNumber = 0;
};

} // namespace pdnsw
