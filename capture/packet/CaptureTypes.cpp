#include "capture/packet/CaptureTypes.h"

#include "models/RrType.h"

#include <array>

namespace pdnsw {

const char* dnsServiceName(DnsService service)
{
    switch (service) {
    case DnsService::Dns:
        return "dns";
    case DnsService::Mdns:
        return "mdns";
    case DnsService::Llmnr:
        return "llmnr";
    }
    return "dns";
}

namespace {

QString joinAddresses(const std::vector<IpAddress>& addresses)
{
    QString text;
    for (const IpAddress& a : addresses) {
        if (!text.isEmpty())
            text += QLatin1Char(',');
        text += QLatin1String(a.toString());
    }
    return text;
}

// Mnemonics are asked for millions of times; QString copies of a cached value are reference counted.
const QString& cachedTypeName(std::uint16_t type)
{
    static const std::array<QString, 260> common = [] {
        std::array<QString, 260> names;
        for (std::size_t i = 0; i < names.size(); ++i)
            names[i] = rrTypeName(static_cast<quint16>(i));
        return names;
    }();
    if (type < common.size())
        return common[type];
    thread_local QString other;
    other = rrTypeName(type);
    return other;
}

} // namespace

Observation toObservation(const AggregatedRecord& r)
{
    Observation o;
    // The decoder's text is escaped presentation form: ASCII only.
    o.rrname = QString::fromLatin1(r.rrname.data(), static_cast<qsizetype>(r.rrname.size()));
    o.rrtype = cachedTypeName(r.rrtype);
    o.rdata = QString::fromLatin1(r.rdata.data(), static_cast<qsizetype>(r.rdata.size()));
    o.section = r.section;
    o.firstSeen = r.firstSeen;
    o.lastSeen = r.lastSeen;
    o.count = r.count;
    o.rcode = r.rcode;
    if (r.ttlMin >= 0) {
        o.ttlMin = r.ttlMin;
        o.ttlMax = r.ttlMax;
    }
    o.clients = joinAddresses(r.clients);
    o.servers = joinAddresses(r.servers);
    if (r.service == DnsService::Mdns)
        o.attrs = QStringLiteral("{\"proto\":\"mdns\"}");
    else if (r.service == DnsService::Llmnr)
        o.attrs = QStringLiteral("{\"proto\":\"llmnr\"}");
    return o;
}

} // namespace pdnsw
