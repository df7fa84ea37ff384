#include "providers/RdataText.h"

#include "models/DomainName.h"
#include "models/PresentationText.h"

#include <QStringList>

namespace pdnsw {

namespace {

bool hasControl(const QString& text)
{
    for (QChar c : text) {
        if (c.unicode() < 0x20 || c.unicode() == 0x7f)
            return true;
    }
    return false;
}

bool isNameType(const QString& t)
{
    return t == QLatin1String("CNAME") || t == QLatin1String("NS") || t == QLatin1String("PTR")
        || t == QLatin1String("DNAME");
}

} // namespace

std::optional<QString> canonicalOwnerName(const QString& text)
{
    const QString t = text.trimmed();
    // No DNS message carries an empty label: such a name is a broken record, not a name to pivot on.
    if (t.isEmpty() || t.size() > 1024 || hasControl(t) || hasEmptyLabel(t))
        return std::nullopt;
    const QString n = normalizeDomainName(t);
    if (n.isEmpty())
        return std::nullopt;
    return n;
}

std::optional<QString> canonicalRdata(const QString& rrtype, const QString& text)
{
    const QString t = text.trimmed();
    if (t.isEmpty() || t.size() > kMaxRdataLength)
        return std::nullopt;
    if (rrtype == QLatin1String("A") || rrtype == QLatin1String("AAAA")) {
        const auto a = canonicalAddress(t);
        if (!a || a->contains(QLatin1Char(':')) != (rrtype == QLatin1String("AAAA")))
            return std::nullopt;
        return a;
    }
    if (isNameType(rrtype))
        return canonicalOwnerName(t);
    if (rrtype == QLatin1String("MX") || rrtype == QLatin1String("SRV")) {
        QStringList parts = t.split(QLatin1Char(' '), Qt::SkipEmptyParts);
        if (parts.isEmpty() || hasControl(t))
            return std::nullopt;
        const auto name = canonicalOwnerName(parts.last());
        if (!name)
            return std::nullopt;
        parts.last() = *name;
        return parts.join(QLatin1Char(' '));
    }
    // TXT and the rest: the text the service sent, with what cannot be shown as itself (a NUL, a newline or
    // tab inside a TXT string) escaped as \DDD, as the capture decoder and the log readers write it.
    return escapeControlText(t, false);
}

} // namespace pdnsw
