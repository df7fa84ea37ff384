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

const QString& cachedRrTypeName(std::uint16_t type)
{
    // Asked for millions of times; QString copies of a cached value are reference counted.
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

namespace {

void joinAddresses(const std::uint32_t* ids, std::size_t count, const std::vector<QString>& texts, QString& out)
{
    // One allocation: sizes first, then the characters (ids are always known when batches arrive in order; an
    // unknown one is skipped, the set being only a sample anyway).
    qsizetype length = 0;
    std::size_t known = 0;
    for (std::size_t i = 0; i < count; ++i) {
        if (ids[i] < texts.size()) {
            length += texts[ids[i]].size();
            ++known;
        }
    }
    if (known <= 1) {
        out = QString(); // a single address shares the cached text: no allocation
        for (std::size_t i = 0; i < count; ++i)
            if (ids[i] < texts.size())
                out = texts[ids[i]];
        return;
    }
    out = QString(length + static_cast<qsizetype>(known) - 1, Qt::Uninitialized);
    QChar* p = out.data();
    bool first = true;
    for (std::size_t i = 0; i < count; ++i) {
        if (ids[i] >= texts.size())
            continue;
        if (!first)
            *p++ = QLatin1Char(',');
        first = false;
        const QString& t = texts[ids[i]];
        std::copy(t.constBegin(), t.constEnd(), p);
        p += t.size();
    }
}

QString latin1(std::string_view text)
{
    // The decoder's text is escaped presentation form: ASCII only.
    return QString::fromLatin1(text.data(), static_cast<qsizetype>(text.size()));
}

} // namespace

void toObservation(
    const RecordBatch& batch, const AggregatedRecord& r, const std::vector<QString>& addresses, Observation& o)
{
    static const QString mdns = QStringLiteral("{\"proto\":\"mdns\"}");
    static const QString llmnr = QStringLiteral("{\"proto\":\"llmnr\"}");
    o.rrname = latin1(batch.rrname(r));
    o.rrtype = cachedRrTypeName(r.rrtype);
    o.rdata = latin1(batch.rdata(r));
    o.section = r.section;
    o.firstSeen = r.firstSeen;
    o.lastSeen = r.lastSeen;
    o.count = r.count;
    o.rcode = r.rcode;
    if (r.ttlMin >= 0) {
        o.ttlMin = r.ttlMin;
        o.ttlMax = r.ttlMax;
    } else {
        o.ttlMin.reset();
        o.ttlMax.reset();
    }
    joinAddresses(batch.clients(r), r.clientCount, addresses, o.clients);
    joinAddresses(batch.servers(r), r.serverCount, addresses, o.servers);
    if (r.service == DnsService::Mdns) {
        o.attrs = mdns;
        o.service = Service::Mdns;
    } else if (r.service == DnsService::Llmnr) {
        o.attrs = llmnr;
        o.service = Service::Llmnr;
    } else {
        o.attrs.clear();
        o.service = Service::Dns;
    }
}

} // namespace pdnsw
