#include "capture/packet/DnsAggregator.h"

#include "capture/dns/DnsMessage.h"
#include "models/RrType.h"

#include <algorithm>
#include <cstring>

namespace pdnsw {
namespace {

constexpr int kOpcodeQuery = 0, kOpcodeIquery = 1, kOpcodeNotify = 4;
constexpr int kRcodeNoError = 0, kRcodeServFail = 2, kRcodeNxDomain = 3, kRcodeRefused = 5;

// Key layout: service, section, type (2), name, NUL, rdata. Names and rdata are escaped text with no NUL.
constexpr std::size_t kKeyHeader = 4;

std::int64_t seconds(std::int64_t usec)
{
    return usec >= 0 ? usec / 1'000'000 : -((-usec + 999'999) / 1'000'000);
}

// The negative-caching TTL of RFC 2308: the smaller of the SOA's own TTL and its MINIMUM field.
std::int64_t negativeTtl(const DnsMessage& message)
{
    for (const DnsRecord& r : message.records()) {
        if (r.section != DnsSection::Authority || r.type != RrTypes::SOA)
            continue;
        const std::size_t space = r.rdata.find_last_of(' ');
        std::int64_t minimum = -1;
        if (space != std::string::npos && space + 1 < r.rdata.size()) {
            minimum = 0;
            for (std::size_t i = space + 1; i < r.rdata.size() && minimum >= 0; ++i) {
                const char c = r.rdata[i];
                minimum = (c >= '0' && c <= '9' && minimum < 0xFFFFFFFFll) ? minimum * 10 + (c - '0') : -1;
            }
        }
        return minimum >= 0 ? std::min<std::int64_t>(r.ttl, minimum) : r.ttl;
    }
    return -1;
}

} // namespace

void DnsAggregator::addAddress(std::vector<IpAddress>& set, const IpAddress& address) const
{
    if (!address.isValid() || set.size() >= m_limits.maxAddresses)
        return;
    if (std::find(set.begin(), set.end(), address) == set.end())
        set.push_back(address);
}

void DnsAggregator::record(std::string_view name, std::uint16_t type, std::string_view rdata, Section section,
    std::int64_t ttl, int rcode, const MessageContext& ctx)
{
    m_key.resize(kKeyHeader);
    m_key[0] = static_cast<char>(ctx.service);
    m_key[1] = static_cast<char>(section);
    m_key[2] = static_cast<char>(type >> 8);
    m_key[3] = static_cast<char>(type & 0xFF);
    m_key.append(name);
    m_key.push_back('\0');
    m_key.append(rdata);

    auto it = m_records.find(std::string_view(m_key));
    if (it == m_records.end()) {
        Entry e;
        e.firstUsec = e.lastUsec = ctx.timeUsec;
        it = m_records.emplace(m_key, std::move(e)).first;
    }
    Entry& e = it->second;
    e.firstUsec = std::min(e.firstUsec, ctx.timeUsec);
    e.lastUsec = std::max(e.lastUsec, ctx.timeUsec);
    ++e.count;
    if (ttl >= 0) {
        e.ttlMin = e.ttlMin < 0 ? ttl : std::min(e.ttlMin, ttl);
        e.ttlMax = std::max(e.ttlMax, ttl);
    }
    e.rcode = rcode;
    // The response's sender is the server, its receiver the client.
    addAddress(e.servers, ctx.src);
    addAddress(e.clients, ctx.dst);
}

void DnsAggregator::buildQueryKey(
    const IpAddress& client, std::uint16_t port, std::uint16_t id, std::uint16_t qtype, std::string_view qname)
{
    m_key.resize(17 + 6);
    m_key[0] = static_cast<char>(client.family);
    std::memcpy(m_key.data() + 1, client.bytes, 16);
    const std::uint16_t parts[3] = {port, id, qtype};
    std::memcpy(m_key.data() + 17, parts, sizeof parts);
    m_key.append(qname);
}

void DnsAggregator::addMessage(const DnsMessage& message, const MessageContext& ctx)
{
    const int opcode = message.flags.opcode;
    if (!message.flags.qr) {
        ++m_queries;
        // Only unicast DNS queries wait for a response; mDNS/LLMNR questions are often legitimately unanswered.
        if (ctx.service != DnsService::Dns || opcode != kOpcodeQuery)
            return;
        for (const DnsQuestion& q : message.questions()) {
            buildQueryKey(ctx.src, ctx.srcPort, message.id, q.qtype, q.name);
            if (m_pendingTimes.find(std::string_view(m_key)) != m_pendingTimes.end())
                continue; // a retransmission of the same query
            // The order queue also holds answered entries until they reach its front: bound both.
            while ((m_pendingTimes.size() >= m_limits.maxPendingQueries
                       || m_pendingOrder.size() >= 2 * m_limits.maxPendingQueries)
                && !m_pendingOrder.empty())
                popUnanswered();
            m_pendingTimes.emplace(m_key, ctx.timeUsec);
            m_pendingOrder.emplace_back(ctx.timeUsec, m_key);
        }
        return;
    }

    ++m_responses;
    if (ctx.service == DnsService::Dns && opcode == kOpcodeQuery) {
        for (const DnsQuestion& q : message.questions()) {
            buildQueryKey(ctx.dst, ctx.dstPort, message.id, q.qtype, q.name);
            auto it = m_pendingTimes.find(std::string_view(m_key));
            if (it != m_pendingTimes.end())
                m_pendingTimes.erase(it);
        }
    }
    // UPDATE, DSO and other opcodes use the sections for something else than answers.
    if (opcode != kOpcodeQuery && opcode != kOpcodeIquery && opcode != kOpcodeNotify)
        return;

    const int rcode = message.rcode;
    for (const DnsRecord& r : message.records()) {
        if (r.type == RrTypes::OPT || r.type == RrTypes::TSIG)
            continue;
        const Section section = r.section == DnsSection::Answer
            ? Section::Answer
            : (r.section == DnsSection::Authority ? Section::Authority : Section::Additional);
        record(r.name, r.type, r.rdata, section, r.ttl, rcode, ctx);
    }

    if (opcode != kOpcodeQuery)
        return;
    const char* negative = nullptr;
    if (rcode == kRcodeNxDomain)
        negative = "NXDOMAIN";
    else if (rcode == kRcodeServFail)
        negative = "SERVFAIL";
    else if (rcode == kRcodeRefused)
        negative = "REFUSED";
    const bool maybeNoData = rcode == kRcodeNoError && !message.flags.tc && ctx.service != DnsService::Mdns;
    if (!negative && !maybeNoData)
        return;
    const std::int64_t ttl = negativeTtl(message);
    for (const DnsQuestion& q : message.questions()) {
        if (!negative) {
            if (q.qtype == RrTypes::ANY || q.qtype == RrTypes::AXFR || q.qtype == RrTypes::IXFR)
                continue;
            bool answered = false;
            for (const DnsRecord& r : message.records()) {
                if (r.section == DnsSection::Answer
                    && (r.type == q.qtype || r.type == RrTypes::CNAME || r.type == RrTypes::DNAME)) {
                    answered = true;
                    break;
                }
            }
            if (answered)
                continue;
        }
        record(q.name, q.qtype, negative ? negative : "NODATA", Section::Negative, ttl, rcode, ctx);
    }
}

void DnsAggregator::takeRecords(std::vector<AggregatedRecord>& out)
{
    out.reserve(out.size() + m_records.size());
    for (auto& [key, e] : m_records) {
        AggregatedRecord r;
        r.service = static_cast<DnsService>(key[0]);
        r.section = static_cast<Section>(key[1]);
        r.rrtype
            = static_cast<std::uint16_t>(static_cast<unsigned char>(key[2]) << 8 | static_cast<unsigned char>(key[3]));
        const std::size_t nul = key.find('\0', kKeyHeader);
        r.rrname.assign(key, kKeyHeader, nul - kKeyHeader);
        r.rdata.assign(key, nul + 1);
        r.firstSeen = seconds(e.firstUsec);
        r.lastSeen = seconds(e.lastUsec);
        r.count = e.count;
        r.ttlMin = e.ttlMin;
        r.ttlMax = e.ttlMax;
        r.rcode = e.rcode;
        r.clients = std::move(e.clients);
        r.servers = std::move(e.servers);
        out.push_back(std::move(r));
    }
    m_records.clear();
}

void DnsAggregator::popUnanswered()
{
    auto& [time, key] = m_pendingOrder.front();
    auto it = m_pendingTimes.find(std::string_view(key));
    if (it != m_pendingTimes.end() && it->second == time) {
        UnansweredQuery u;
        // Query key layout: family, address (16), port, id, qtype (2 each), name.
        std::uint16_t qtype;
        std::memcpy(&qtype, key.data() + 21, 2);
        u.rrtype = qtype;
        u.rrname.assign(key, 23);
        u.time = seconds(time);
        m_unanswered.push_back(std::move(u));
        m_pendingTimes.erase(it);
    }
    m_pendingOrder.pop_front();
}

void DnsAggregator::expireQueries(std::int64_t nowUsec)
{
    while (!m_pendingOrder.empty() && nowUsec - m_pendingOrder.front().first > m_limits.queryTimeoutUsec)
        popUnanswered();
}

void DnsAggregator::finishQueries()
{
    while (!m_pendingOrder.empty())
        popUnanswered();
}

void DnsAggregator::takeUnanswered(std::vector<UnansweredQuery>& out)
{
    if (out.empty())
        out.swap(m_unanswered);
    else
        out.insert(
            out.end(), std::make_move_iterator(m_unanswered.begin()), std::make_move_iterator(m_unanswered.end()));
    m_unanswered.clear();
}

} // namespace pdnsw
