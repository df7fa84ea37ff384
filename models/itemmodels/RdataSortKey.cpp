#include "models/itemmodels/RdataSortKey.h"

#include <arpa/inet.h>

#include <array>

namespace pdnsw {

QString rdataSortKey(const Observation& o)
{
    const bool address
        = o.section != Section::Negative && (o.rrtype == QLatin1String("A") || o.rrtype == QLatin1String("AAAA"));
    if (address) {
        const QByteArray text = o.rdata.toLatin1();
        std::array<unsigned char, 16> bytes{};
        // Fixed-width hex of the address bytes: text order is numeric order. "0" puts addresses first.
        if (inet_pton(AF_INET, text.constData(), bytes.data()) == 1)
            return QStringLiteral("04")
                + QString::fromLatin1(QByteArray::fromRawData(reinterpret_cast<const char*>(bytes.data()), 4).toHex());
        if (inet_pton(AF_INET6, text.constData(), bytes.data()) == 1)
            return QStringLiteral("06")
                + QString::fromLatin1(QByteArray::fromRawData(reinterpret_cast<const char*>(bytes.data()), 16).toHex());
    }
    return QStringLiteral("1") + o.rdata;
}

} // namespace pdnsw
