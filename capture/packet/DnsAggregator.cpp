#include "capture/packet/DnsAggregator.h"

#include "capture/dns/DnsMessage.h"
#include "models/FastHash.h"
#include "models/RrType.h"

#include <algorithm>
#include <bit>
#include <cstring>

namespace pdnsw {
namespace {

constexpr int kOpcodeQuery = 0, kOpcodeIquery = 1, kOpcodeNotify = 4;
constexpr int kRcodeNoError = 0, kRcodeServFail = 2, kRcodeNxDomain = 3, kRcodeRefused = 5;

// Key layout: service, section, type (2), name, NUL, rdata. The name's length is kept beside the key, so the
// separator is only a readability aid; the whole key is compared.
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

DnsAggregator::DnsAggregator(const Limits& limits)
    : m_limits(limits)
    , m_pending(limits.maxPendingQueries, limits.queryTimeoutUsec, limits.maxPendingNameBytes)
{
    m_limits.maxAddresses = std::min(m_limits.maxAddresses, AggregatedRecord::kMaxAddresses);
    m_limits.maxRecords = std::max<std::size_t>(1, m_limits.maxRecords);
}

void DnsAggregator::addAddress(std::uint32_t* set, std::uint8_t& count, std::uint32_t id) const
{
    for (std::uint8_t i = 0; i < count; ++i)
        if (set[i] == id)
            return;
    if (count < m_limits.maxAddresses)
        set[count++] = id;
}

void DnsAggregator::rebuildIndex(std::size_t size)
{
    m_index.assign(size, 0);
    const std::size_t mask = size - 1;
    for (std::size_t i = 0; i < m_entries.size(); ++i) {
        std::size_t pos = m_entries[i].hash & mask;
        while (m_index[pos] != 0)
            pos = (pos + 1) & mask;
        m_index[pos] = static_cast<std::uint32_t>(i + 1);
    }
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
    const std::uint64_t hash = fastHash(m_key.data(), m_key.size());

    if (m_index.empty() && !m_entries.empty())
        rebuildIndex(std::max<std::size_t>(1024, std::bit_ceil(m_entries.size() * 2 + 2)));
    Entry* e = nullptr;
    if (!m_index.empty()) {
        const std::size_t mask = m_index.size() - 1;
        for (std::size_t pos = hash & mask; m_index[pos] != 0; pos = (pos + 1) & mask) {
            Entry& candidate = m_entries[m_index[pos] - 1];
            if (candidate.hash == hash && candidate.keyLength == m_key.size()
                && std::memcmp(m_arena.data() + candidate.keyOffset, m_key.data(), m_key.size()) == 0) {
                e = &candidate;
                break;
            }
        }
    }
    if (!e) {
        // Full in records or in text: the least recently seen go to the output until the new one fits.
        while (!m_entries.empty()
            && (m_entries.size() >= m_limits.maxRecords || m_arena.size() + m_key.size() > m_limits.maxKeyBytes))
            evictOldest();
        if ((m_entries.size() + 1) * 2 > m_index.size())
            rebuildIndex(std::max<std::size_t>(1024, m_index.size() * 2));
        const std::size_t mask = m_index.size() - 1;
        std::size_t pos = hash & mask;
        while (m_index[pos] != 0)
            pos = (pos + 1) & mask;
        Entry fresh;
        fresh.hash = hash;
        fresh.firstUsec = fresh.lastUsec = ctx.timeUsec;
        fresh.keyOffset = m_arena.size();
        fresh.keyLength = static_cast<std::uint32_t>(m_key.size());
        fresh.nameLength = static_cast<std::uint16_t>(std::min<std::size_t>(name.size(), 0xFFFF));
        m_arena.append(m_key);
        m_entries.push_back(fresh);
        m_index[pos] = static_cast<std::uint32_t>(m_entries.size());
        e = &m_entries.back();
    }
    e->lastTick = m_tick;
    e->firstUsec = std::min(e->firstUsec, ctx.timeUsec);
    e->lastUsec = std::max(e->lastUsec, ctx.timeUsec);
    ++e->count;
    if (ttl >= 0) {
        e->ttlMin = e->ttlMin < 0 ? ttl : std::min(e->ttlMin, ttl);
        e->ttlMax = std::max(e->ttlMax, ttl);
    }
    e->rcode = static_cast<std::uint16_t>(rcode);
    // The response's sender is the server, its receiver the client.
    if (ctx.src.isValid())
        addAddress(e->servers, e->serverCount, m_srcId);
    if (ctx.dst.isValid())
        addAddress(e->clients, e->clientCount, m_dstId);
}

void DnsAggregator::addMessage(const DnsMessage& message, const MessageContext& ctx)
{
    const int opcode = message.flags.opcode;
    if (!message.flags.qr) {
        ++m_queries;
        // Only unicast DNS queries wait for a response; mDNS/LLMNR questions are often legitimately unanswered.
        if (ctx.service != DnsService::Dns || opcode != kOpcodeQuery)
            return;
        for (const DnsQuestion& q : message.questions())
            m_pending.add(ctx.src, ctx.srcPort, message.id, q.qtype, q.name, ctx.timeUsec);
        return;
    }

    ++m_responses;
    ++m_tick;
    if (ctx.service == DnsService::Dns && opcode == kOpcodeQuery) {
        for (const DnsQuestion& q : message.questions())
            m_pending.answer(ctx.dst, ctx.dstPort, message.id, q.qtype, q.name);
    }
    // UPDATE, DSO and other opcodes use the sections for something else than answers.
    if (opcode != kOpcodeQuery && opcode != kOpcodeIquery && opcode != kOpcodeNotify)
        return;
    const int rcode = message.rcode;
    const bool recordsToKeep = !message.records().empty();
    const char* negative = nullptr;
    if (opcode == kOpcodeQuery) {
        if (rcode == kRcodeNxDomain)
            negative = "NXDOMAIN";
        else if (rcode == kRcodeServFail)
            negative = "SERVFAIL";
        else if (rcode == kRcodeRefused)
            negative = "REFUSED";
    }
    const bool maybeNoData = opcode == kOpcodeQuery && rcode == kRcodeNoError && !message.flags.tc
        && ctx.service != DnsService::Mdns && !message.questions().empty();
    if (!recordsToKeep && !negative && !maybeNoData)
        return;
    m_srcId = ctx.src.isValid() ? m_addresses.intern(ctx.src) : 0;
    m_dstId = ctx.dst.isValid() ? m_addresses.intern(ctx.dst) : 0;

    for (const DnsRecord& r : message.records()) {
        if (r.type == RrTypes::OPT || r.type == RrTypes::TSIG)
            continue;
        const Section section = r.section == DnsSection::Answer
            ? Section::Answer
            : (r.section == DnsSection::Authority ? Section::Authority : Section::Additional);
        record(r.name, r.type, r.rdata, section, r.ttl, rcode, ctx);
    }
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

void DnsAggregator::writeOut(const Entry& e)
{
    AggregatedRecord r;
    const char* key = m_arena.data() + e.keyOffset;
    r.service = static_cast<DnsService>(key[0]);
    r.section = static_cast<Section>(key[1]);
    r.rrtype = static_cast<std::uint16_t>(static_cast<unsigned char>(key[2]) << 8 | static_cast<unsigned char>(key[3]));
    r.nameOffset = m_output.text.size();
    r.nameLength = e.nameLength;
    m_output.text.append(key + kKeyHeader, e.nameLength);
    const std::size_t rdataAt = kKeyHeader + e.nameLength + 1;
    r.rdataOffset = m_output.text.size();
    r.rdataLength = static_cast<std::uint32_t>(e.keyLength - rdataAt);
    m_output.text.append(key + rdataAt, r.rdataLength);
    r.firstSeen = seconds(e.firstUsec);
    r.lastSeen = seconds(e.lastUsec);
    r.count = e.count;
    r.ttlMin = e.ttlMin;
    r.ttlMax = e.ttlMax;
    r.rcode = e.rcode;
    r.addressOffset = static_cast<std::uint32_t>(m_output.addressIds.size());
    r.clientCount = e.clientCount;
    r.serverCount = e.serverCount;
    m_output.addressIds.insert(m_output.addressIds.end(), e.clients, e.clients + e.clientCount);
    m_output.addressIds.insert(m_output.addressIds.end(), e.servers, e.servers + e.serverCount);
    m_output.records.push_back(r);
}

void DnsAggregator::evictOldest()
{
    m_scratchTicks.clear();
    for (const Entry& x : m_entries)
        m_scratchTicks.push_back(x.lastTick);
    const auto nth = m_scratchTicks.begin() + static_cast<std::ptrdiff_t>(m_scratchTicks.size() / 4);
    std::nth_element(m_scratchTicks.begin(), nth, m_scratchTicks.end());
    const std::uint64_t cut = *nth;
    // One pass: the released go out, the kept move down with their keys into a fresh arena, then the index is
    // rebuilt. Linear in the table, once per quarter of the table, never per packet.
    std::string arena;
    arena.reserve(m_arena.size());
    std::size_t kept = 0;
    for (std::size_t i = 0; i < m_entries.size(); ++i) {
        Entry& e = m_entries[i];
        if (e.lastTick <= cut) {
            writeOut(e);
            continue;
        }
        const std::size_t offset = arena.size();
        arena.append(m_arena, e.keyOffset, e.keyLength);
        e.keyOffset = offset;
        if (kept != i)
            m_entries[kept] = e;
        ++kept;
    }
    m_entries.resize(kept);
    m_arena.swap(arena);
    rebuildIndex(m_index.size());
}

std::size_t DnsAggregator::releaseSome(std::size_t limit, std::size_t maxBytes)
{
    // From the back, so the rest stays in place; the index is rebuilt if decoding goes on.
    std::size_t n = 0;
    while (n < limit && n < m_entries.size() && (n == 0 || m_output.text.size() < maxBytes))
        writeOut(m_entries[m_entries.size() - 1 - n++]);
    m_entries.resize(m_entries.size() - n);
    m_index.clear();
    if (m_entries.empty()) {
        m_arena.clear();
        m_arena.shrink_to_fit();
        m_entries.shrink_to_fit();
    }
    return m_entries.size();
}

void DnsAggregator::takeOutput(RecordBatch& out)
{
    out.text.clear();
    out.records.clear();
    out.addressIds.clear();
    out.text.swap(m_output.text);
    out.records.swap(m_output.records);
    out.addressIds.swap(m_output.addressIds);
    m_addresses.takeNew(out.newAddresses, out.addressesReset);
    // Released records carry their address ids with them; the ids are only reused once nothing holds one.
    if (m_entries.empty() && addressTableFull())
        m_addresses.clear();
}

} // namespace pdnsw
