#include "models/DomainName.h"

#include <QUrl>

#include <arpa/inet.h>

namespace pdnsw {

namespace {

// True when the character after this text would be escaped: the text ends in an odd run of backslashes.
bool endsWithEscape(QStringView text)
{
    qsizetype backslashes = 0;
    while (backslashes < text.size() && text[text.size() - 1 - backslashes] == u'\\')
        ++backslashes;
    return backslashes % 2 == 1;
}

} // namespace

QString normalizeDomainName(QStringView name)
{
    QStringView n = name.trimmed();
    if (n.isEmpty())
        return {};
    if (n == u".")
        return QStringLiteral(".");
    if (endsWithRootDot(n))
        n.chop(1);
    bool ascii = true;
    for (QChar c : n) {
        if (c.unicode() >= 0x80) {
            ascii = false;
            break;
        }
    }
    if (ascii)
        return n.toString().toLower();
    const QByteArray ace = QUrl::toAce(n.toString(), QUrl::AceTransitionalProcessing);
    if (ace.isEmpty())
        return n.toString().toLower(); // not convertible: keep it visible rather than lose it
    QString out = QString::fromLatin1(ace).toLower();
    // The mapping drops ignorable characters (U+FEFF, U+200B, ...): one after the root dot leaves the dot last.
    if (endsWithRootDot(out))
        out.chop(1);
    // A label of ignorables only would be left empty: keep the name as it came instead of mangling it.
    if (out.isEmpty() || out == u"." || hasEmptyLabel(out))
        return n.toString().toLower();
    return out;
}

bool endsWithRootDot(QStringView name)
{
    return name != u"." && name.endsWith(u'.') && !endsWithEscape(name.chopped(1));
}

bool hasEmptyLabel(QStringView name)
{
    if (name == u".")
        return false;
    qsizetype labelLength = 0;
    for (qsizetype i = 0; i < name.size(); ++i) {
        if (name[i] == u'\\') {
            ++i; // the escaped character (or the first digit of \DDD) belongs to the label
            ++labelLength;
            continue;
        }
        if (name[i] == u'.') {
            // One final dot is the root's; any other dot must end a non-empty label.
            if (labelLength == 0)
                return true;
            labelLength = 0;
            continue;
        }
        ++labelLength;
    }
    return false;
}

QString domainNameForDisplay(QStringView aLabelName)
{
    if (!aLabelName.contains(u"xn--", Qt::CaseInsensitive))
        return aLabelName.toString();
    // Every A-label is shown decoded beside it, whatever the TLD: the analyst needs to see homoglyphs.
    const QString unicode = QUrl::fromAce(aLabelName.toLatin1(), QUrl::IgnoreIDNWhitelist);
    return unicode.isEmpty() ? aLabelName.toString() : unicode;
}

std::optional<QString> canonicalAddress(QStringView text)
{
    const QString t = text.trimmed().toString();
    if (t.isEmpty() || t.size() > 45)
        return std::nullopt;
    if (!t.contains(u':')) {
        // Strict dotted quad: exactly four decimal parts 0..255 without leading zeros.
        const auto parts = QStringView(t).split(u'.');
        if (parts.size() != 4)
            return std::nullopt;
        for (auto part : parts) {
            if (part.isEmpty() || part.size() > 3 || (part.size() > 1 && part[0] == u'0'))
                return std::nullopt;
            for (QChar c : part) {
                if (c < u'0' || c > u'9')
                    return std::nullopt;
            }
            if (part.toInt() > 255)
                return std::nullopt;
        }
    } else {
        for (QChar c : t) {
            const bool ok = (c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f') || (c >= u'A' && c <= u'F')
                || c == u':' || c == u'.';
            if (!ok)
                return std::nullopt; // no zone ids, no brackets
        }
    }
    // inet_pton is strict (no octal, hex or shortened forms); inet_ntop prints the canonical RFC 5952 text.
    const QByteArray latin = t.toLatin1();
    char buffer[INET6_ADDRSTRLEN] = {};
    if (!t.contains(u':')) {
        in_addr v4{};
        if (inet_pton(AF_INET, latin.constData(), &v4) != 1 || !inet_ntop(AF_INET, &v4, buffer, sizeof buffer))
            return std::nullopt;
    } else {
        in6_addr v6{};
        if (inet_pton(AF_INET6, latin.constData(), &v6) != 1 || !inet_ntop(AF_INET6, &v6, buffer, sizeof buffer))
            return std::nullopt;
    }
    return QString::fromLatin1(buffer);
}

bool looksLikeAddress(QStringView text)
{
    return canonicalAddress(text).has_value();
}

} // namespace pdnsw
