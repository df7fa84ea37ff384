#include "models/BulkKeyTable.h"

#include "models/FastHash.h"

namespace pdnsw {

std::uint64_t BulkKeyTable::hashKey(
    std::string_view rrname, std::string_view rrtype, std::string_view rdata, std::uint8_t section)
{
    // Each part seeds the next, so ("ab", "c") and ("a", "bc") differ.
    std::uint64_t h = fastHash(rrname.data(), rrname.size(), 0x243F6A8885A308D3ull ^ section);
    h = fastHash(rrtype.data(), rrtype.size(), h);
    return fastHash(rdata.data(), rdata.size(), h);
}

void BulkKeyTable::clear()
{
    m_slots.clear();
    m_slots.shrink_to_fit();
    m_size = 0;
}

void BulkKeyTable::grow()
{
    std::vector<Slot> old;
    old.swap(m_slots);
    m_slots.assign(old.empty() ? 1024 : old.size() * 2, Slot{});
    const std::size_t mask = m_slots.size() - 1;
    for (const Slot& slot : old) {
        if (slot.rowId == 0)
            continue;
        std::size_t pos = slot.hash & mask;
        while (m_slots[pos].rowId != 0)
            pos = (pos + 1) & mask;
        m_slots[pos] = slot;
    }
}

bool BulkKeyTable::insert(std::uint64_t hash, std::int64_t rowId)
{
    if (rowId <= 0)
        return false;
    if ((m_size + 1) * 10 > m_slots.size() * 7)
        grow();
    const std::size_t mask = m_slots.size() - 1;
    std::size_t pos = hash & mask;
    while (m_slots[pos].rowId != 0)
        pos = (pos + 1) & mask;
    m_slots[pos] = Slot{hash, rowId};
    ++m_size;
    return true;
}

} // namespace pdnsw
