#pragma once

#include "capture/packet/CaptureTypes.h"

#include <cstddef>
#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace pdnsw {

class DnsMessage;

// Turns decoded DNS messages into passive DNS records the way a sensor does: per (rrname, rrtype, rdata,
// section, service) first seen, last seen, count, TTL range, last rcode and a bounded set of client and server
// addresses.
// - every answer RR of a response is a record (each CNAME link its own); authority and additional RRs are
//   kept under their own sections; OPT and TSIG are transaction artefacts, not data;
// - NXDOMAIN, SERVFAIL, REFUSED and NODATA (NOERROR with no answer of the asked type and no CNAME/DNAME) are
//   Section::Negative records of the question with the rcode mnemonic as rdata and the SOA's negative TTL;
// - responses count whether or not their query was seen (one-way taps, id 0, TC=1 keep what they hold);
// - a unicast DNS query with no response from the same server to the same client port, id, name and type
//   within the query timeout (capture time) or by the end of the input is an unanswered query.
class DnsAggregator
{
public:
    struct Limits
    {
        std::size_t maxAddresses = 8; // per record, for clients and for servers
        std::size_t maxPendingQueries = 262144; // queries waiting for their response
        std::int64_t queryTimeoutUsec = 30'000'000;
    };

    DnsAggregator() = default;
    explicit DnsAggregator(const Limits& limits)
        : m_limits(limits)
    {
    }

    void addMessage(const DnsMessage& message, const MessageContext& context);

    std::size_t recordCount() const { return m_records.size(); }
    std::size_t pendingQueries() const { return m_pendingTimes.size(); }
    std::uint64_t responses() const { return m_responses; }
    std::uint64_t queries() const { return m_queries; }

    // Moves every aggregated record out (the aggregator starts empty again; the writer merges repeats).
    void takeRecords(std::vector<AggregatedRecord>& out);
    // Queries whose timeout passed at capture time `nowUsec` become unanswered.
    void expireQueries(std::int64_t nowUsec);
    // End of input: every pending query is unanswered.
    void finishQueries();
    void takeUnanswered(std::vector<UnansweredQuery>& out);

private:
    struct Entry
    {
        std::int64_t firstUsec = 0;
        std::int64_t lastUsec = 0;
        std::int64_t count = 0;
        std::int64_t ttlMin = -1;
        std::int64_t ttlMax = -1;
        int rcode = 0;
        std::vector<IpAddress> clients;
        std::vector<IpAddress> servers;
    };
    struct Hash
    {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
    };
    using Map = std::unordered_map<std::string, Entry, Hash, std::equal_to<>>;

    void record(std::string_view name, std::uint16_t type, std::string_view rdata, Section section, std::int64_t ttl,
        int rcode, const MessageContext& ctx);
    void addAddress(std::vector<IpAddress>& set, const IpAddress& address) const;
    void buildQueryKey(
        const IpAddress& client, std::uint16_t port, std::uint16_t id, std::uint16_t qtype, std::string_view qname);
    void popUnanswered();

    Limits m_limits;
    Map m_records;
    std::string m_key; // reused lookup key: no allocation when the record exists

    std::unordered_map<std::string, std::int64_t, Hash, std::equal_to<>> m_pendingTimes;
    std::deque<std::pair<std::int64_t, std::string>> m_pendingOrder;
    std::vector<UnansweredQuery> m_unanswered;
    std::uint64_t m_responses = 0;
    std::uint64_t m_queries = 0;
};

} // namespace pdnsw
