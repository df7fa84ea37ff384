#pragma once

#include <QByteArrayView>
#include <QJsonValue>
#include <QString>
#include <QStringView>

#include <optional>

namespace pdnsw {

// Field parsing shared by the log readers. Everything here takes attacker-controlled text: it never trusts a
// length, never throws and turns control characters into visible escapes.

// A log time as UTC epoch seconds: "1322849924", "1322849924.408856" (fraction dropped), numeric strings,
// ISO 8601 with any number of fraction digits ("2020-06-05T14:39:59.305988Z"). Times before 1970 or after 9999
// are refused, so a shifted column is caught rather than imported as nonsense.
std::optional<qint64> parseLogTime(QStringView text);
// The same from a JSON number or string.
std::optional<qint64> logTimeFromJson(const QJsonValue& value);

// A non-negative whole number ("5", 5, "5.0" is refused); counts and TTLs.
std::optional<qint64> parseLogCount(QStringView text);
// The value when it is a DNS TTL (an unsigned 32-bit number of seconds), nullopt otherwise.
std::optional<qint64> dnsTtl(const std::optional<qint64>& value);
std::optional<qint64> logCountFromJson(const QJsonValue& value);
// A non-negative duration in seconds with an optional fraction (Zeek intervals "3600.000000"), floored.
std::optional<qint64> parseLogSeconds(QStringView text);

// Bytes from a log as text: UTF-8 when valid, otherwise every byte >= 0x80 as a \DDD escape (RFC 1035 style),
// so nothing is lost or replaced by U+FFFD.
QString textFromLogBytes(QByteArrayView bytes);

// Control characters (and, for names, spaces) as \DDD escapes, so attacker text cannot break a table or a line.
QString escapeLogText(QStringView text);

// A query or owner name in the record's form (lower-case A-label, no trailing dot, "." for the root).
// nullopt with a reason for an empty or impossibly long name.
std::optional<QString> logDomainName(QStringView text, QString* problem);

// Canonical rdata text for a record of the given type: addresses via canonicalAddress(), names lower-case
// without the trailing dot (also inside MX / SRV / SOA / KX / RT / AFSDB rdata), other text with control
// characters escaped. nullopt with a reason when the text cannot be rdata of that type (e.g. A "not-an-ip").
std::optional<QString> canonicalLogRdata(QStringView rrtype, QStringView text, QString* problem);

// QByteArrayView::mid / left only arrived in Qt 6.5; these clamp to the view like QByteArray's do.
inline QByteArrayView viewMid(QByteArrayView view, qsizetype pos, qsizetype length = -1)
{
    if (pos < 0)
        pos = 0;
    if (pos >= view.size())
        return QByteArrayView();
    const qsizetype available = view.size() - pos;
    return view.sliced(pos, length < 0 || length > available ? available : length);
}
inline QByteArrayView viewLeft(QByteArrayView view, qsizetype length)
{
    return viewMid(view, 0, length);
}

// Short, escaped, quoted excerpt of a field for an error message: 'abc…'.
QString quoteForMessage(QStringView text);
QString quoteForMessage(QByteArrayView bytes);

} // namespace pdnsw
