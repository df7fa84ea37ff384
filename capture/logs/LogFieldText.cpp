#include "capture/logs/LogFieldText.h"

#include "models/DomainName.h"
#include "models/PresentationText.h"
#include "models/UtcTime.h"

#include <QStringDecoder>

#include <cmath>

namespace pdnsw {
namespace {

// 9999-12-31T23:59:59Z: anything later is a misplaced column, not a time.
constexpr qint64 kMaxLogTime = 253402300799;
// Longest text form of a DNS name when every octet is escaped as \DDD (255 octets * 4).
constexpr qsizetype kMaxNameText = 1020;
constexpr qsizetype kMaxRdataText = 65535 * 4;

bool isDigit(QChar c)
{
    return c >= u'0' && c <= u'9';
}

bool allDigits(QStringView s)
{
    if (s.isEmpty())
        return false;
    for (QChar c : s) {
        if (!isDigit(c))
            return false;
    }
    return true;
}

bool isNameType(QStringView type)
{
    static const char16_t* const kTypes[] = {u"CNAME", u"DNAME", u"NS", u"PTR", u"MB", u"MD", u"MF", u"MG", u"MR"};
    for (const char16_t* t : kTypes) {
        if (type == QStringView(t))
            return true;
    }
    return false;
}

// Types whose rdata is "<number> <name>".
bool isPreferenceNameType(QStringView type)
{
    return type == u"MX" || type == u"KX" || type == u"RT" || type == u"AFSDB";
}

std::optional<QString> canonicalName(QStringView text, QString* problem)
{
    return logDomainName(text, problem);
}

} // namespace

std::optional<qint64> parseLogTime(QStringView text)
{
    const QStringView t = text.trimmed();
    if (t.isEmpty())
        return std::nullopt;
    const qsizetype dot = t.indexOf(u'.');
    const QStringView whole = dot < 0 ? t : t.left(dot);
    if (allDigits(whole)) {
        if (dot >= 0 && !t.mid(dot + 1).isEmpty() && !allDigits(t.mid(dot + 1)))
            return std::nullopt;
        if (whole.size() > 12)
            return std::nullopt;
        const qint64 seconds = whole.toLongLong();
        return seconds <= kMaxLogTime ? std::optional<qint64>(seconds) : std::nullopt;
    }
    // ISO 8601: drop a fraction after the seconds so every digit count parses the same way (floored, never
    // rounded into the next second).
    QString iso = t.toString();
    if (iso.size() > 20 && (iso[19] == u'.' || iso[19] == u',')) {
        qsizetype end = 20;
        while (end < iso.size() && isDigit(iso[end]))
            ++end;
        iso.remove(19, end - 19);
    }
    const auto seconds = parseUtcTime(iso);
    if (!seconds || *seconds < 0 || *seconds > kMaxLogTime)
        return std::nullopt;
    return seconds;
}

std::optional<qint64> logTimeFromJson(const QJsonValue& value)
{
    if (value.isDouble()) {
        const double v = value.toDouble();
        if (!std::isfinite(v) || v < 0 || v > static_cast<double>(kMaxLogTime))
            return std::nullopt;
        return static_cast<qint64>(std::floor(v));
    }
    if (value.isString())
        return parseLogTime(value.toString());
    return std::nullopt;
}

std::optional<qint64> parseLogCount(QStringView text)
{
    const QStringView t = text.trimmed();
    if (!allDigits(t) || t.size() > 18)
        return std::nullopt;
    return t.toLongLong();
}

std::optional<qint64> logCountFromJson(const QJsonValue& value)
{
    if (value.isDouble()) {
        const double v = value.toDouble();
        // Integral and exactly representable: counts above 2^53 do not occur in passive DNS.
        if (!std::isfinite(v) || v < 0 || v > 9007199254740992.0 || std::floor(v) != v)
            return std::nullopt;
        return static_cast<qint64>(v);
    }
    if (value.isString())
        return parseLogCount(value.toString());
    return std::nullopt;
}

std::optional<qint64> parseLogSeconds(QStringView text)
{
    const QStringView t = text.trimmed();
    const qsizetype dot = t.indexOf(u'.');
    const QStringView whole = dot < 0 ? t : t.left(dot);
    if (!allDigits(whole) || whole.size() > 12)
        return std::nullopt;
    if (dot >= 0 && !t.mid(dot + 1).isEmpty() && !allDigits(t.mid(dot + 1)))
        return std::nullopt;
    return whole.toLongLong();
}

QString textFromLogBytes(QByteArrayView bytes)
{
    bool ascii = true;
    for (char c : bytes) {
        if (static_cast<unsigned char>(c) >= 0x80) {
            ascii = false;
            break;
        }
    }
    if (ascii)
        return QString::fromLatin1(bytes);
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    QString decoded = decoder.decode(bytes);
    if (!decoder.hasError())
        return decoded;
    QString out;
    out.reserve(bytes.size() * 2);
    for (char c : bytes) {
        const auto u = static_cast<unsigned char>(c);
        if (u >= 0x80)
            appendDecimalEscape(out, u);
        else
            out += QChar(u);
    }
    return out;
}

QString escapeLogText(QStringView text)
{
    return escapeControlText(text, false);
}

// True when the name is already lower-case ASCII letters, digits, '-', '_' and '.': nothing to escape or fold.
static bool isPlainName(QStringView name)
{
    for (QChar c : name) {
        const char16_t u = c.unicode();
        if (!((u >= u'a' && u <= u'z') || (u >= u'0' && u <= u'9') || u == u'-' || u == u'_' || u == u'.'))
            return false;
    }
    return true;
}

std::optional<QString> logDomainName(QStringView text, QString* problem)
{
    const QStringView t = text.trimmed();
    if (t == u"." || t == u"<Root>")
        return QStringLiteral(".");
    if (t.isEmpty()) {
        if (problem)
            *problem = QStringLiteral("the name is empty");
        return std::nullopt;
    }
    if (hasEmptyLabel(t)) {
        if (problem)
            *problem = QStringLiteral("the name %1 has an empty label (a leading dot or two dots in a row), which no "
                                      "DNS message can carry")
                           .arg(quoteForMessage(t));
        return std::nullopt;
    }
    if (t.size() <= 255 && isPlainName(t))
        return (t.endsWith(u'.') ? t.chopped(1) : t).toString();
    if (t.size() > kMaxNameText) {
        if (problem)
            *problem = QStringLiteral("the name is %1 characters long, more than any DNS name").arg(t.size());
        return std::nullopt;
    }
    const QString normalized = normalizeDomainName(escapeControlText(t, true));
    if (normalized.isEmpty()) {
        if (problem)
            *problem = QStringLiteral("the name %1 is not a domain name").arg(quoteForMessage(t));
        return std::nullopt;
    }
    return normalized;
}

std::optional<qint64> dnsTtl(const std::optional<qint64>& value)
{
    if (!value || *value < 0 || *value > 0xffffffffLL)
        return std::nullopt;
    return value;
}

std::optional<QString> canonicalLogRdata(QStringView rrtype, QStringView text, QString* problem)
{
    const QStringView t = text.trimmed();
    if (t.isEmpty()) {
        if (problem)
            *problem = QStringLiteral("the %1 rdata is empty").arg(rrtype);
        return std::nullopt;
    }
    if (t.size() > kMaxRdataText) {
        if (problem)
            *problem = QStringLiteral("the rdata is %1 characters long, more than any DNS record").arg(t.size());
        return std::nullopt;
    }
    if (rrtype == u"A" || rrtype == u"AAAA") {
        const auto address = canonicalAddress(t);
        const bool v6 = address && address->contains(u':');
        if (!address || v6 != (rrtype == u"AAAA")) {
            if (problem) {
                *problem
                    = QStringLiteral("%1 is not an %2 address")
                          .arg(quoteForMessage(t), rrtype == u"A" ? QStringLiteral("IPv4") : QStringLiteral("IPv6"));
            }
            return std::nullopt;
        }
        return address;
    }
    if (isNameType(rrtype))
        return canonicalName(t, problem);

    const QList<QStringView> tokens = t.split(u' ', Qt::SkipEmptyParts);
    // Zeek and passivedns keep only the name of MX / SRV / SOA answers; full rdata has it at a known place.
    auto rebuild = [&](qsizetype nameFrom, qsizetype nameTo) -> std::optional<QString> {
        QStringList parts;
        for (qsizetype i = 0; i < tokens.size(); ++i) {
            if (i >= nameFrom && i <= nameTo) {
                const auto name = canonicalName(tokens[i], problem);
                if (!name)
                    return std::nullopt;
                parts.append(*name);
            } else {
                parts.append(escapeLogText(tokens[i]));
            }
        }
        return parts.join(u' ');
    };
    if (isPreferenceNameType(rrtype)) {
        if (tokens.size() == 1)
            return canonicalName(tokens[0], problem);
        if (tokens.size() == 2 && allDigits(tokens[0]))
            return rebuild(1, 1);
    } else if (rrtype == u"SRV") {
        if (tokens.size() == 1)
            return canonicalName(tokens[0], problem);
        if (tokens.size() == 4 && allDigits(tokens[0]) && allDigits(tokens[1]) && allDigits(tokens[2]))
            return rebuild(3, 3);
    } else if (rrtype == u"SOA") {
        if (tokens.size() == 1)
            return canonicalName(tokens[0], problem);
        if (tokens.size() == 7)
            return rebuild(0, 1);
    }
    return escapeLogText(t);
}

QString quoteForMessage(QStringView text)
{
    constexpr qsizetype kMax = 60;
    const bool cut = text.size() > kMax;
    QString shown = escapeControlText(cut ? text.left(kMax) : text, false);
    return QStringLiteral("'%1%2'").arg(shown, cut ? QStringLiteral("…") : QString());
}

QString quoteForMessage(QByteArrayView bytes)
{
    return quoteForMessage(textFromLogBytes(viewLeft(bytes, 240)));
}

} // namespace pdnsw
