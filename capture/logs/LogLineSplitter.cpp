#include "capture/logs/LogLineSplitter.h"

#include <cstring>

namespace pdnsw {

LogLineSplitter::LogLineSplitter(qsizetype maxLineBytes)
    : m_maxLineBytes(maxLineBytes > 0 ? maxLineBytes : 1)
{
}

bool LogLineSplitter::emitLine(QByteArrayView bytes, const LineCallback& onLine)
{
    Line line;
    line.number = ++m_lineNumber;
    line.length = m_partialLength + bytes.size();
    line.overLong = m_overLong || line.length > m_maxLineBytes;
    if (!line.overLong) {
        if (m_partial.isEmpty()) {
            line.bytes = bytes;
        } else {
            m_partial.append(bytes);
            line.bytes = m_partial;
        }
    }
    const bool go = onLine(line);
    m_partial.clear();
    m_partialLength = 0;
    m_overLong = false;
    return go;
}

bool LogLineSplitter::feed(QByteArrayView chunk, const LineCallback& onLine)
{
    const char* data = chunk.data();
    const qsizetype size = chunk.size();
    qsizetype pos = 0;
    if (m_skipLf && size > 0) {
        if (data[0] == '\n')
            pos = 1;
        m_skipLf = false;
    }
    while (pos < size) {
        // The next terminator: memchr for both, the nearer wins.
        const char* lf = static_cast<const char*>(std::memchr(data + pos, '\n', size - pos));
        const qsizetype lfAt = lf ? lf - data : size;
        const char* cr = static_cast<const char*>(std::memchr(data + pos, '\r', lfAt - pos));
        const qsizetype end = cr ? cr - data : lfAt;
        if (end >= size) {
            // No terminator in the rest of the chunk: keep it (or only count it once the line is too long).
            const qsizetype tail = size - pos;
            if (!m_overLong && m_partialLength + tail <= m_maxLineBytes) {
                m_partial.append(data + pos, tail);
            } else {
                m_overLong = true;
                m_partial.clear();
            }
            m_partialLength += tail;
            return true;
        }
        if (!emitLine(QByteArrayView(data + pos, end - pos), onLine))
            return false;
        pos = end + 1;
        if (data[end] == '\r') {
            if (pos < size) {
                if (data[pos] == '\n')
                    ++pos;
            } else {
                m_skipLf = true;
            }
        }
    }
    return true;
}

bool LogLineSplitter::finish(const LineCallback& onLine)
{
    if (m_partialLength == 0 && !m_overLong)
        return true;
    return emitLine(QByteArrayView(), onLine);
}

} // namespace pdnsw
