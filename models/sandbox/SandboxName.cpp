#include "models/sandbox/SandboxName.h"

#include "models/DomainName.h"

#include <QUrl>

namespace pdnsw {

namespace {

constexpr int kMaxNameLength = 253;
constexpr int kMaxLabelLength = 63;

void setReason(QString* reason, const QString& text)
{
    if (reason)
        *reason = text;
}

QString codePoint(char16_t u)
{
    return QStringLiteral("U+") + QString::number(static_cast<uint>(u), 16).toUpper().rightJustified(4, u'0');
}

bool isInvisibleOrBidi(char16_t u)
{
    return (u >= 0x200b && u <= 0x200f) || (u >= 0x202a && u <= 0x202e) || (u >= 0x2060 && u <= 0x2069) || u == 0xfeff
        || u == 0x00ad || u == 0x061c;
}

// First refusal that does not depend on IDN conversion: the characters that break a line-based file.
std::optional<QString> structuralProblem(QStringView input)
{
    for (QChar c : input) {
        const char16_t u = c.unicode();
        if (u == 0)
            return QStringLiteral("contains a NUL byte");
        if (u == u'\n' || u == u'\r' || u == 0x0b || u == 0x0c || u == 0x85 || u == 0x2028 || u == 0x2029)
            return QStringLiteral("contains a line break (%1), which would start a new entry").arg(codePoint(u));
        if (u < 0x20 || u == 0x7f || (u >= 0x80 && u < 0xa0))
            return QStringLiteral("contains a control character (%1)").arg(codePoint(u));
        if (c.isSpace())
            return QStringLiteral("contains a blank (%1), which would add another name to the line").arg(codePoint(u));
        if (u == u'#')
            return QStringLiteral("contains '#', which starts a comment and cuts the line");
        if (isInvisibleOrBidi(u))
            return QStringLiteral("contains an invisible or bidi control character (%1)").arg(codePoint(u));
        if (u == u'*')
            return QStringLiteral("is a wildcard; hosts files list exact names (use --subdomains with dnsmasq or "
                                  "unbound to cover subdomains)");
    }
    return std::nullopt;
}

} // namespace

std::optional<QString> sandboxHostName(QStringView input, QString* reason)
{
    if (input.isEmpty()) {
        setReason(reason, QStringLiteral("the name is empty"));
        return std::nullopt;
    }
    if (const auto problem = structuralProblem(input)) {
        setReason(reason, QStringLiteral("the name ") + *problem);
        return std::nullopt;
    }
    QString name = input.toString();
    if (name.endsWith(u'.') && name.size() > 1)
        name.chop(1);

    bool ascii = true;
    for (QChar c : name) {
        if (c.unicode() >= 0x80) {
            ascii = false;
            break;
        }
    }
    if (!ascii) {
        // Same IDN processing as the case's rrnames (normalizeDomainName), so the pinned name is the one stored.
        const QByteArray ace = QUrl::toAce(name, QUrl::AceTransitionalProcessing);
        if (ace.isEmpty()) {
            setReason(reason,
                QStringLiteral("the name is not a valid internationalized domain name (IDNA "
                               "conversion to an A-label failed)"));
            return std::nullopt;
        }
        name = QString::fromLatin1(ace);
    }
    name = name.toLower();

    if (name.size() > kMaxNameLength) {
        setReason(reason,
            QStringLiteral("the name has %1 characters; at most %2 are allowed").arg(name.size()).arg(kMaxNameLength));
        return std::nullopt;
    }
    const QStringList labels = name.split(u'.');
    for (const QString& label : labels) {
        if (label.isEmpty()) {
            setReason(reason, QStringLiteral("the name has an empty label (two dots in a row, or a leading dot)"));
            return std::nullopt;
        }
        if (label.size() > kMaxLabelLength) {
            setReason(reason,
                QStringLiteral("the label '%1...' has %2 characters; at most %3 are allowed")
                    .arg(sandboxCommentText(label.left(16)), QString::number(label.size()),
                        QString::number(kMaxLabelLength)));
            return std::nullopt;
        }
        for (QChar c : label) {
            const bool ok = (c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9') || c == u'-';
            if (!ok) {
                setReason(reason,
                    c == u'_' ? QStringLiteral("the name contains '_', which hosts files and RFC 1123 host names "
                                               "do not allow")
                              : QStringLiteral("the name contains '%1'; only letters, digits, '-' and '.' are "
                                               "allowed")
                                    .arg(c.unicode() < 0x80 ? QString(c) : codePoint(c.unicode())));
                return std::nullopt;
            }
        }
        if (label.startsWith(u'-') || label.endsWith(u'-')) {
            setReason(reason, QStringLiteral("the label '%1' starts or ends with '-'").arg(label));
            return std::nullopt;
        }
    }
    // A last label of digits only is an address literal (or a legacy form such as 0x7f.1), never a host name.
    bool digitsOnly = true;
    for (QChar c : labels.last())
        digitsOnly = digitsOnly && c.isDigit();
    if (digitsOnly) {
        setReason(reason, QStringLiteral("'%1' looks like an address, not a host name").arg(name));
        return std::nullopt;
    }
    return name;
}

std::optional<QString> sandboxAddress(QStringView input, QString* reason)
{
    if (input.isEmpty()) {
        setReason(reason, QStringLiteral("the address is empty"));
        return std::nullopt;
    }
    if (const auto problem = structuralProblem(input)) {
        setReason(reason, QStringLiteral("the address ") + *problem);
        return std::nullopt;
    }
    if (input.contains(u'/')) {
        setReason(reason, QStringLiteral("'%1' is a network, not one address").arg(input.toString()));
        return std::nullopt;
    }
    if (input.contains(u'%')) {
        setReason(reason, QStringLiteral("'%1' carries a zone id, which hosts files cannot use").arg(input.toString()));
        return std::nullopt;
    }
    const auto canonical = canonicalAddress(input);
    if (!canonical) {
        setReason(reason,
            QStringLiteral("'%1' is not an IPv4 or IPv6 address in standard notation (legacy forms "
                           "such as 0x7f.1 or 127.1 are refused)")
                .arg(sandboxCommentText(input, 64)));
        return std::nullopt;
    }
    return canonical;
}

QString sandboxCommentText(QStringView text, int maxLength)
{
    QString result;
    result.reserve(std::min<qsizetype>(text.size(), maxLength));
    for (QChar c : text) {
        if (result.size() >= maxLength) {
            result.chop(3);
            result += QStringLiteral("...");
            break;
        }
        const char16_t u = c.unicode();
        result += (u >= 0x20 && u < 0x7f) ? c : QChar(u'?');
    }
    return result;
}

} // namespace pdnsw
