#include "models/itemmodels/RdataSortKey.h"

#include <arpa/inet.h>

#include <cstring>

namespace pdnsw {

std::optional<AddressSortKey> addressSortKey(QByteArrayView text)
{
    // inet_pton needs a terminated string; the longest address text is 45 characters.
    char terminated[INET6_ADDRSTRLEN + 1];
    if (text.size() >= qsizetype(sizeof terminated))
        return std::nullopt;
    std::memcpy(terminated, text.data(), std::size_t(text.size()));
    terminated[text.size()] = '\0';
    AddressSortKey key;
    if (inet_pton(AF_INET, terminated, key.bytes.data()) == 1)
        key.family = 4;
    else if (inet_pton(AF_INET6, terminated, key.bytes.data()) == 1)
        key.family = 6;
    else
        return std::nullopt;
    return key;
}

QString rdataSortKey(const Observation& o)
{
    const bool address
        = o.section != Section::Negative && (o.rrtype == QLatin1String("A") || o.rrtype == QLatin1String("AAAA"));
    if (address) {
        if (const std::optional<AddressSortKey> key = addressSortKey(o.rdata.toLatin1())) {
            // Fixed-width hex of the address bytes: text order is numeric order. "0" puts addresses first.
            const qsizetype length = key->family == 4 ? 4 : 16;
            return (key->family == 4 ? QStringLiteral("04") : QStringLiteral("06"))
                + QString::fromLatin1(
                    QByteArray::fromRawData(reinterpret_cast<const char*>(key->bytes.data()), length).toHex());
        }
    }
    return QStringLiteral("1") + o.rdata;
}

} // namespace pdnsw
