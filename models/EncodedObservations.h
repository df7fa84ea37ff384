#pragma once

#include "models/Observation.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace pdnsw {

// The writer's batch: observations kept as UTF-8 in one arena (one append per text field, no QString copies),
// sorted by key with byte comparisons and merged in place. The sort order is the byte order of the UTF-8 key,
// which is what SQLite's BINARY collation uses for the key index, so sorted rows walk that index in order.
class EncodedObservations
{
public:
    struct Row
    {
        std::uint32_t text[6] = {}; // offsets into the arena: rrname, rrtype, rdata, clients, servers, attrs
        std::uint32_t size[6] = {};
        qint64 firstSeen = 0;
        qint64 lastSeen = 0;
        qint64 count = 0;
        qint64 ttlMin = 0;
        qint64 ttlMax = 0;
        int rcode = 0;
        // Bulk imports only (set by the writer): the row this one merges into if its key was seen, and the id
        // it gets if it is new.
        qint64 mergeId = 0;
        qint64 insertId = 0;
        std::uint8_t section = 0;
        std::uint8_t service = 0; // Service: part of the key
        std::uint8_t present = 0; // bits: kFirst, kLast, kCount, kRcode, kTtlMin, kTtlMax
    };
    enum Field
    {
        kName = 0,
        kType,
        kData,
        kClients,
        kServers,
        kAttrs
    };
    enum Present : std::uint8_t
    {
        kFirst = 1,
        kLast = 2,
        kCount = 4,
        kRcode = 8,
        kTtlMin = 16,
        kTtlMax = 32,
    };

    void add(const Observation& o);
    std::size_t size() const { return m_rows.size(); }
    std::size_t bytes() const { return m_arena.size(); }
    bool empty() const { return m_rows.empty(); }
    void clear();

    // Sorts by (rrname, rrtype, rdata, section, service) and merges rows with the same key: min first seen, max last
    // seen, summed count (the larger with countIsMax), widest TTL range, last non-empty rcode and texts.
    // Returns how many rows were merged away.
    std::size_t sortAndMerge(bool countIsMax);
    // Each row's BulkKeyTable hash, read through hashes() (bulk imports only; after sortAndMerge).
    void computeHashes();
    const std::vector<std::uint64_t>& hashes() const { return m_hashes; }
    // Tests: keeps only these hash bits, so distinct keys collide.
    void maskHashes(std::uint64_t mask)
    {
        for (std::uint64_t& h : m_hashes)
            h &= mask;
    }

    const std::vector<Row>& rows() const { return m_rows; }
    Row& row(std::size_t i) { return m_rows[i]; }
    std::string_view text(const Row& row, Field field) const
    {
        return std::string_view(m_arena.data() + row.text[field], row.size[field]);
    }

private:
    void append(Row& row, Field field, const QString& value);
    static void mergeInto(Row& into, const Row& next, bool countIsMax);

    std::string m_arena;
    std::vector<Row> m_rows;
    std::vector<Row> m_scratch;
    std::vector<std::uint64_t> m_hashes;
};

} // namespace pdnsw
