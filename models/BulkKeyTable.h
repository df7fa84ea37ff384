#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace pdnsw {

// Where a bulk import finds the rows it already wrote while the case's key index is dropped: an open-addressing
// table from a 64-bit hash of (rrname, rrtype, rdata, section) to row ids. A hash match is only a candidate: the
// caller confirms it with an UPDATE that checks the whole key, so a collision costs one statement, never a wrong
// merge.
class BulkKeyTable
{
public:
    // Section and service of a key in the one byte hashKey takes.
    static std::uint8_t keyTag(std::int64_t section, std::int64_t service)
    {
        return static_cast<std::uint8_t>((section & 0x0f) | (service & 0x0f) << 4);
    }
    static std::uint64_t hashKey(
        std::string_view rrname, std::string_view rrtype, std::string_view rdata, std::uint8_t section);

    // Calls visit(rowId) for each candidate of this hash until it returns true; returns whether one did.
    template <typename Visit> bool find(std::uint64_t hash, Visit&& visit) const
    {
        if (m_slots.empty())
            return false;
        const std::size_t mask = m_slots.size() - 1;
        for (std::size_t pos = hash & mask; m_slots[pos].rowId != 0; pos = (pos + 1) & mask) {
            if (m_slots[pos].hash == hash && visit(m_slots[pos].rowId))
                return true;
        }
        return false;
    }
    // Starts loading the slot where a lookup of this hash begins: the table is far larger than the CPU caches,
    // and a batch knows its hashes ahead.
    void prefetch(std::uint64_t hash) const
    {
        if (!m_slots.empty())
            __builtin_prefetch(&m_slots[hash & (m_slots.size() - 1)]);
    }
    // Row ids are positive (SQLite assigns them upwards from 1).
    bool insert(std::uint64_t hash, std::int64_t rowId);
    std::size_t size() const { return m_size; }
    std::size_t memoryBytes() const { return m_slots.size() * sizeof(Slot); }
    void clear();

private:
    struct Slot
    {
        std::uint64_t hash = 0;
        std::int64_t rowId = 0; // 0 = empty
    };
    void grow();

    std::vector<Slot> m_slots;
    std::size_t m_size = 0;
};

} // namespace pdnsw
