#pragma once

#include <QByteArray>
#include <QStringView>

#include <string_view>

namespace pdnsw {

// Writes one JSON object straight into a byte buffer, in the exact text QJsonDocument::Compact gives for it (keys
// in sorted order, Qt's escaping), without QJsonObject's per-field allocations: the JSON and COF exports write
// millions of records. Keys must be added in sorted order.
class CompactJsonObject
{
public:
    explicit CompactJsonObject(QByteArray& out);

    void add(std::string_view key, QStringView value);
    void add(std::string_view key, qint64 value);
    // Not an overload of add: a string literal would convert to bool before it converts to QStringView.
    void addBool(std::string_view key, bool value);
    // `json` is a JSON value already in Qt's compact form (a nested object, an array).
    void addRaw(std::string_view key, QByteArrayView json);
    void close();

    // A JSON string as Qt's compact form writes it, quotes included.
    static void appendString(QByteArray& out, QStringView text);

private:
    void appendKey(std::string_view key);

    QByteArray& m_out;
    std::string_view m_lastKey;
    bool m_first = true;
};

} // namespace pdnsw
