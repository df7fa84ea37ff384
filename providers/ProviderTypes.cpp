#include "providers/ProviderTypes.h"

#include "models/DomainName.h"

#include <arpa/inet.h>

#include <algorithm>
#include <cstring>

namespace pdnsw {

namespace {

// Untrusted text inside an error message: control characters shown as \xNN, bounded.
QString printable(const QString& text)
{
    QString out;
    for (QChar c : text.left(80)) {
        if (c.unicode() < 0x20 || c.unicode() == 0x7f)
            out += QStringLiteral("\\x%1").arg(c.unicode(), 2, 16, QLatin1Char('0'));
        else
            out += c;
    }
    return text.size() > 80 ? out + QStringLiteral("...") : out;
}

bool validName(const QString& name, QString* error)
{
    if (name.size() > 253) {
        *error = QStringLiteral("the name is longer than 253 characters");
        return false;
    }
    const auto labels = QStringView(name).split(u'.');
    // "127.1" or "0x7f.0.0.1" are legacy address forms, not names: a top-level label is never all digits.
    bool numeric = !labels.last().isEmpty();
    for (QChar c : labels.last())
        numeric = numeric && c.isDigit();
    if (numeric) {
        *error = QStringLiteral("it ends in an all-digit label (a legacy address form?); give the address in "
                                "standard notation");
        return false;
    }
    for (QStringView label : labels) {
        if (label.isEmpty() || label.size() > 63) {
            *error = QStringLiteral("the name has an empty label or one longer than 63 characters");
            return false;
        }
        for (QChar c : label) {
            const bool ok = (c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9') || c == u'-' || c == u'_';
            if (!ok) {
                *error = QStringLiteral("the name contains '%1'; only letters, digits, '-' and '_' are allowed")
                             .arg(c.unicode() < 0x20 || c.unicode() == 0x7f
                                     ? QStringLiteral("\\x%1").arg(c.unicode(), 2, 16, QLatin1Char('0'))
                                     : QString(c));
                return false;
            }
        }
    }
    return true;
}

// Masks the host bits so "198.51.100.7/24" asks for 198.51.100.0/24.
std::optional<QString> networkAddress(const QString& address, int prefix)
{
    const QByteArray latin = address.toLatin1();
    unsigned char bytes[16] = {};
    const bool v6 = address.contains(QLatin1Char(':'));
    if (inet_pton(v6 ? AF_INET6 : AF_INET, latin.constData(), bytes) != 1)
        return std::nullopt;
    const int total = v6 ? 16 : 4;
    for (int i = 0; i < total; ++i) {
        const int bitsHere = std::clamp(prefix - i * 8, 0, 8);
        bytes[i] &= static_cast<unsigned char>(bitsHere == 0 ? 0 : (0xff << (8 - bitsHere)) & 0xff);
    }
    char text[INET6_ADDRSTRLEN] = {};
    if (!inet_ntop(v6 ? AF_INET6 : AF_INET, bytes, text, sizeof text))
        return std::nullopt;
    return QString::fromLatin1(text);
}

} // namespace

std::optional<ProviderQuestion> parseQuestion(const QString& input, QString* error)
{
    QString dummy;
    if (!error)
        error = &dummy;
    const QString text = input.trimmed();
    if (text.isEmpty()) {
        *error = QStringLiteral("the question is empty; give a name, an address or a CIDR");
        return std::nullopt;
    }
    if (text.size() > 300) {
        *error = QStringLiteral("the question is longer than 300 characters");
        return std::nullopt;
    }
    ProviderQuestion q;
    const qsizetype slash = text.indexOf(QLatin1Char('/'));
    if (slash >= 0) {
        const auto address = canonicalAddress(QStringView(text).left(slash));
        bool ok = false;
        const int prefix = text.mid(slash + 1).toInt(&ok);
        if (!address || !ok) {
            *error = QStringLiteral("'%1' is not a CIDR such as 198.51.100.0/24 or 2001:db8::/32").arg(printable(text));
            return std::nullopt;
        }
        const int maxPrefix = address->contains(QLatin1Char(':')) ? 128 : 32;
        if (prefix < 0 || prefix > maxPrefix) {
            *error = QStringLiteral("the prefix length of '%1' must be between 0 and %2")
                         .arg(printable(text))
                         .arg(maxPrefix);
            return std::nullopt;
        }
        const auto network = networkAddress(*address, prefix);
        if (!network) {
            *error = QStringLiteral("'%1' is not a CIDR").arg(printable(text));
            return std::nullopt;
        }
        if (prefix == maxPrefix) {
            q.kind = ProviderQuestion::Kind::Address;
            q.text = q.address = *network;
            return q;
        }
        q.kind = ProviderQuestion::Kind::Cidr;
        q.address = *network;
        q.prefixLength = prefix;
        q.text = QStringLiteral("%1/%2").arg(*network).arg(prefix);
        return q;
    }
    if (looksLikeAddress(text)) {
        const auto address = canonicalAddress(text);
        if (!address) {
            *error
                = QStringLiteral("'%1' looks like an address but is not one in standard notation").arg(printable(text));
            return std::nullopt;
        }
        q.kind = ProviderQuestion::Kind::Address;
        q.text = q.address = *address;
        return q;
    }
    const QString name = normalizeDomainName(text);
    if (name == QLatin1String(".") || name.startsWith(QLatin1String("*."))) {
        *error = QStringLiteral("'%1' is the root or a wildcard; ask for one name").arg(printable(text));
        return std::nullopt;
    }
    if (!validName(name, error)) {
        *error = QStringLiteral("'%1' is not a valid DNS name: %2").arg(printable(text), *error);
        return std::nullopt;
    }
    q.kind = ProviderQuestion::Kind::Name;
    q.text = name;
    return q;
}

QString questionKindName(ProviderQuestion::Kind kind)
{
    switch (kind) {
    case ProviderQuestion::Kind::Name:
        return QStringLiteral("name");
    case ProviderQuestion::Kind::Address:
        return QStringLiteral("address");
    case ProviderQuestion::Kind::Cidr:
        return QStringLiteral("cidr");
    }
    return {};
}

QString jobStateName(JobState state)
{
    switch (state) {
    case JobState::Running:
        return QStringLiteral("running");
    case JobState::Succeeded:
        return QStringLiteral("ok");
    case JobState::Limited:
        return QStringLiteral("limited");
    case JobState::Truncated:
        return QStringLiteral("truncated");
    case JobState::QuotaExhausted:
        return QStringLiteral("quota exhausted");
    case JobState::AuthFailed:
        return QStringLiteral("auth failed");
    case JobState::NotConfigured:
        return QStringLiteral("not configured");
    case JobState::Unsupported:
        return QStringLiteral("unsupported");
    case JobState::Failed:
        return QStringLiteral("failed");
    case JobState::Cancelled:
        return QStringLiteral("cancelled");
    }
    return {};
}

QByteArray HttpResponse::header(const QByteArray& lowerName) const
{
    for (const auto& h : headers) {
        if (h.first == lowerName)
            return h.second;
    }
    return {};
}

} // namespace pdnsw
