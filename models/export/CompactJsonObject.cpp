#include "models/export/CompactJsonObject.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace pdnsw {

CompactJsonObject::CompactJsonObject(QByteArray& out)
    : m_out(out)
{
    m_out += '{';
}

void CompactJsonObject::appendKey(std::string_view key)
{
    Q_ASSERT(m_first || m_lastKey < key);
    m_lastKey = key;
    if (!m_first)
        m_out += ',';
    m_first = false;
    m_out += '"';
    m_out.append(key.data(), qsizetype(key.size()));
    m_out += "\":";
}

void CompactJsonObject::add(std::string_view key, QStringView value)
{
    appendKey(key);
    appendString(m_out, value);
}

void CompactJsonObject::add(std::string_view key, qint64 value)
{
    appendKey(key);
    m_out += QByteArray::number(value);
}

void CompactJsonObject::addBool(std::string_view key, bool value)
{
    appendKey(key);
    m_out += value ? "true" : "false";
}

void CompactJsonObject::addRaw(std::string_view key, QByteArrayView json)
{
    appendKey(key);
    m_out += json;
}

void CompactJsonObject::close()
{
    m_out += '}';
}

void CompactJsonObject::appendString(QByteArray& out, QStringView text)
{
    // Printable ASCII without quote or backslash is written as it is: nearly every name, address and label.
    bool plain = true;
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        if (u < 0x20 || u > 0x7e || u == u'"' || u == u'\\') {
            plain = false;
            break;
        }
    }
    if (plain) {
        out += '"';
        const qsizetype start = out.size();
        out.resize(start + text.size());
        char* to = out.data() + start;
        for (const QChar c : text)
            *to++ = char(c.unicode());
        out += '"';
        return;
    }
    // Anything else is escaped by Qt itself, so the text is always what QJsonDocument writes.
    const QByteArray array = QJsonDocument(QJsonArray{text.toString()}).toJson(QJsonDocument::Compact);
    out += QByteArrayView(array).sliced(1, array.size() - 2);
}

} // namespace pdnsw
