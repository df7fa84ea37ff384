#include "models/Cidr.h"

#include "models/DomainName.h"

#include <arpa/inet.h>

namespace pdnsw {

bool Cidr::contains(const QString& addressText) const
{
    std::array<unsigned char, 16> bytes{};
    const QByteArray latin = addressText.toLatin1();
    if (inet_pton(family, latin.constData(), bytes.data()) != 1)
        return false;
    int bits = prefix;
    for (int i = 0; bits > 0; ++i, bits -= 8) {
        const unsigned char mask = bits >= 8 ? 0xff : static_cast<unsigned char>(0xff << (8 - bits));
        if ((bytes[i] & mask) != (network[i] & mask))
            return false;
    }
    return true;
}

QString Cidr::textPrefix() const
{
    QString prefixText;
    if (family == AF_INET) {
        for (int i = 0; i < prefix / 8 && i < 3; ++i)
            prefixText += QString::number(network[i]) + u'.';
    } else {
        // Leading non-zero hextets are printed in full before any "::" compression.
        for (int i = 0; i < prefix / 16 && i < 7; ++i) {
            const int hextet = (network[2 * i] << 8) | network[2 * i + 1];
            if (hextet == 0)
                break;
            prefixText += QString::number(hextet, 16) + u':';
        }
    }
    return prefixText;
}

std::optional<Cidr> parseCidr(const QString& text)
{
    const qsizetype slash = text.indexOf(u'/');
    if (slash < 0)
        return std::nullopt;
    const auto address = canonicalAddress(QStringView(text).left(slash));
    bool ok = false;
    const int prefix = text.mid(slash + 1).toInt(&ok);
    if (!address || !ok)
        return std::nullopt;
    Cidr cidr;
    cidr.family = address->contains(u':') ? AF_INET6 : AF_INET;
    const int maxPrefix = cidr.family == AF_INET ? 32 : 128;
    if (prefix < 0 || prefix > maxPrefix)
        return std::nullopt;
    cidr.prefix = prefix;
    if (inet_pton(cidr.family, address->toLatin1().constData(), cidr.network.data()) != 1)
        return std::nullopt;
    return cidr;
}

} // namespace pdnsw
