#include "capture/packet/AddressTable.h"

#include "models/FastHash.h"

namespace pdnsw {

namespace {

std::uint64_t addressHash(const IpAddress& a)
{
    return fastHash(a.bytes, sizeof a.bytes, a.family);
}

} // namespace

std::uint32_t AddressTable::intern(const IpAddress& address)
{
    if (m_addresses.size() * 2 >= m_index.size())
        grow();
    const std::size_t mask = m_index.size() - 1;
    for (std::size_t pos = addressHash(address) & mask;; pos = (pos + 1) & mask) {
        const std::uint32_t slot = m_index[pos];
        if (slot == 0) {
            const auto id = static_cast<std::uint32_t>(m_addresses.size());
            m_addresses.push_back(address);
            m_index[pos] = id + 1;
            return id;
        }
        if (m_addresses[slot - 1] == address)
            return slot - 1;
    }
}

void AddressTable::grow()
{
    std::vector<std::uint32_t> index(m_index.empty() ? 256 : m_index.size() * 2, 0);
    const std::size_t mask = index.size() - 1;
    for (std::size_t id = 0; id < m_addresses.size(); ++id) {
        std::size_t pos = addressHash(m_addresses[id]) & mask;
        while (index[pos] != 0)
            pos = (pos + 1) & mask;
        index[pos] = static_cast<std::uint32_t>(id + 1);
    }
    m_index.swap(index);
}

void AddressTable::takeNew(std::vector<std::string>& texts, bool& reset)
{
    texts.clear();
    reset = m_resetPending;
    m_resetPending = false;
    for (std::size_t id = m_published; id < m_addresses.size(); ++id)
        texts.push_back(m_addresses[id].toString());
    m_published = m_addresses.size();
}

void AddressTable::clear()
{
    m_addresses.clear();
    m_index.clear();
    m_published = 0;
    m_resetPending = true;
}

} // namespace pdnsw
