#pragma once

#include "capture/packet/AddressTable.h"
#include "capture/packet/CaptureTypes.h"
#include "capture/packet/DnsMessageConsumer.h"
#include "capture/packet/PendingQueries.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
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
//
// Records stay in the aggregator while the input goes on: a popular record is counted in place and reaches the
// case once. When the table is full, the least recently seen quarter is released to the output (a record
// released and seen again starts afresh; the case merges the two). The caller releases the rest in chunks at the
// end, or on every flush of a live capture. Everything is counted in messages, never in wall-clock time, so the
// same input always gives the same output.
class DnsAggregator : public DnsMessageConsumer
{
public:
    struct Limits
    {
        std::size_t maxAddresses = 8; // per record, for clients and for servers (at most 8)
        std::size_t maxRecords = 262144; // records held; beyond, the least recently seen are released
        std::size_t maxKeyBytes = 32u << 20; // text of the records held (huge TXT/rdata cannot grow it further)
        std::size_t maxPendingQueries = 131072; // queries waiting for their response
        std::size_t maxPendingNameBytes = 8u << 20; // text of their names
        std::int64_t queryTimeoutUsec = 30'000'000;
        std::size_t maxAddressTable = 262144; // distinct client/server addresses before the table must restart
    };

    DnsAggregator()
        : DnsAggregator(Limits{})
    {
    }
    explicit DnsAggregator(const Limits& limits);

    void addMessage(const DnsMessage& message, const MessageContext& context) override;

    std::size_t recordCount() const { return m_entries.size(); } // held, not yet released
    std::size_t outputCount() const { return m_output.records.size(); } // released, waiting for takeOutput
    std::size_t outputBytes() const { return m_output.text.size(); }
    std::size_t heldKeyBytes() const { return m_arena.size(); }
    std::size_t pendingQueries() const { return m_pending.size(); }
    const PendingQueries& pending() const { return m_pending; }
    std::uint64_t responses() const { return m_responses; }
    std::uint64_t queries() const { return m_queries; }
    // Moves up to `limit` held records to the output, fewer once the output text reaches `maxBytes` (at least
    // one); returns how many are still held.
    std::size_t releaseSome(std::size_t limit, std::size_t maxBytes = ~std::size_t(0));
    // The address table restarts only when no record refers to it; true when it grew past its limit and the
    // caller should release every record before the next takeOutput().
    bool addressTableFull() const { return m_addresses.size() > m_limits.maxAddressTable; }
    // Moves the released records out, with the address texts they need (see RecordBatch).
    void takeOutput(RecordBatch& out);

    // Queries whose timeout passed at capture time `nowUsec` become unanswered.
    void expireQueries(std::int64_t nowUsec) override { m_pending.expire(nowUsec); }
    // End of input: every pending query is unanswered.
    void finishQueries() override { m_pending.finish(); }
    void takeUnanswered(std::vector<UnansweredQuery>& out) { m_pending.takeUnanswered(out); }

private:
    struct Entry
    {
        std::uint64_t hash = 0;
        std::uint64_t lastTick = 0;
        std::int64_t firstUsec = 0;
        std::int64_t lastUsec = 0;
        std::int64_t count = 0;
        std::size_t keyOffset = 0; // into m_arena
        std::uint32_t keyLength = 0;
        std::uint16_t nameLength = 0;
        std::uint16_t rcode = 0;
        std::int64_t ttlMin = -1;
        std::int64_t ttlMax = -1;
        std::uint8_t clientCount = 0;
        std::uint8_t serverCount = 0;
        std::uint32_t clients[AggregatedRecord::kMaxAddresses];
        std::uint32_t servers[AggregatedRecord::kMaxAddresses];
    };

    void record(std::string_view name, std::uint16_t type, std::string_view rdata, Section section, std::int64_t ttl,
        int rcode, const MessageContext& ctx);
    void addAddress(std::uint32_t* set, std::uint8_t& count, std::uint32_t id) const;
    // Moves the least recently seen quarter of a full table to the output.
    void evictOldest();
    void writeOut(const Entry& e);
    void rebuildIndex(std::size_t size);

    Limits m_limits;
    std::vector<Entry> m_entries;
    std::vector<std::uint32_t> m_index; // entry + 1; 0 = empty slot; power-of-two size, load <= 1/2
    std::string m_arena; // the keys of m_entries
    std::string m_key; // reused lookup key: no allocation when the record exists
    std::vector<std::uint64_t> m_scratchTicks;
    AddressTable m_addresses;
    std::uint32_t m_srcId = 0; // address ids of the current message's sender and receiver
    std::uint32_t m_dstId = 0;
    RecordBatch m_output;
    PendingQueries m_pending;
    std::uint64_t m_tick = 0; // responses so far: the clock of "least recently seen"
    std::uint64_t m_responses = 0;
    std::uint64_t m_queries = 0;
};

} // namespace pdnsw
