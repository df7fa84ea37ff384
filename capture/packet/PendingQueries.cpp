#include "capture/packet/PendingQueries.h"

#include "models/FastHash.h"

#include <algorithm>
#include <bit>

namespace pdnsw {
namespace {

std::int64_t seconds(std::int64_t usec)
{
    return usec >= 0 ? usec / 1'000'000 : -((-usec + 999'999) / 1'000'000);
}

} // namespace

PendingQueries::PendingQueries(std::size_t maxPending, std::int64_t timeoutUsec, std::size_t maxNameBytes)
    : m_maxPending(std::max<std::size_t>(1, maxPending))
    , m_maxNameBytes(maxNameBytes)
    // Answered queries keep their slot until they reach the front: room for as many again.
    , m_maxRing(std::bit_ceil(2 * m_maxPending))
    , m_timeoutUsec(timeoutUsec)
{
}

std::uint64_t PendingQueries::keyHash(
    const IpAddress& client, std::uint16_t port, std::uint16_t id, std::uint16_t qtype, std::string_view qname)
{
    std::uint8_t fixed[24] = {};
    fixed[0] = client.family;
    std::memcpy(fixed + 1, client.bytes, 16);
    std::memcpy(fixed + 17, &port, 2);
    std::memcpy(fixed + 19, &id, 2);
    std::memcpy(fixed + 21, &qtype, 2);
    return fastHash(qname.data(), qname.size(), fastHash(fixed, sizeof fixed));
}

std::ptrdiff_t PendingQueries::find(std::uint64_t hash, const IpAddress& client, std::uint16_t port, std::uint16_t id,
    std::uint16_t qtype, std::string_view qname) const
{
    if (m_index.empty())
        return -1;
    const std::size_t mask = m_index.size() - 1;
    for (std::size_t pos = hash & mask;; pos = (pos + 1) & mask) {
        const std::uint32_t entry = m_index[pos];
        if (entry == 0)
            return -1;
        const Slot& s = m_ring[entry - 1];
        if (s.hash == hash && s.id == id && s.port == port && s.qtype == qtype && s.client == client && s.name == qname)
            return static_cast<std::ptrdiff_t>(pos);
    }
}

void PendingQueries::unindex(std::size_t pos)
{
    // Backward-shift deletion keeps every probe chain intact without tombstones.
    const std::size_t mask = m_index.size() - 1;
    m_index[pos] = 0;
    std::size_t hole = pos;
    for (std::size_t j = (pos + 1) & mask; m_index[j] != 0; j = (j + 1) & mask) {
        const std::size_t home = m_ring[m_index[j] - 1].hash & mask;
        const bool stays = hole <= j ? (hole < home && home <= j) : (hole < home || home <= j);
        if (stays)
            continue;
        m_index[hole] = m_index[j];
        m_index[j] = 0;
        hole = j;
    }
}

void PendingQueries::grow()
{
    const std::size_t oldSize = m_ring.size();
    const std::size_t newSize = oldSize == 0 ? 1024 : oldSize * 2;
    std::vector<Slot> ring(newSize);
    for (std::uint64_t seq = m_head; seq < m_tail; ++seq)
        ring[seq & (newSize - 1)] = std::move(m_ring[seq & (oldSize - 1)]);
    m_ring.swap(ring);
    std::vector<std::uint32_t> index(2 * newSize, 0);
    const std::size_t mask = index.size() - 1;
    for (std::uint64_t seq = m_head; seq < m_tail; ++seq) {
        const std::size_t at = seq & (newSize - 1);
        if (!m_ring[at].live)
            continue;
        std::size_t pos = m_ring[at].hash & mask;
        while (index[pos] != 0)
            pos = (pos + 1) & mask;
        index[pos] = static_cast<std::uint32_t>(at + 1);
    }
    m_index.swap(index);
}

void PendingQueries::retire(Slot& s)
{
    s.live = false;
    --m_live;
    m_nameBytes -= s.name.size();
    // A slot keeps its buffer for the next query, unless an unusually long name made it big.
    if (s.name.capacity() > 128)
        std::string().swap(s.name);
}

void PendingQueries::popOldest()
{
    Slot& s = m_ring[m_head & (m_ring.size() - 1)];
    if (s.live) {
        const std::ptrdiff_t pos = find(s.hash, s.client, s.port, s.id, s.qtype, s.name);
        if (pos >= 0)
            unindex(static_cast<std::size_t>(pos));
        m_unanswered.push_back(UnansweredQuery{s.name, s.qtype, seconds(s.timeUsec)});
        retire(s);
    }
    ++m_head;
}

void PendingQueries::add(const IpAddress& client, std::uint16_t port, std::uint16_t id, std::uint16_t qtype,
    std::string_view qname, std::int64_t timeUsec)
{
    const std::uint64_t hash = keyHash(client, port, id, qtype, qname);
    if (find(hash, client, port, id, qtype, qname) >= 0)
        return;
    while (m_head < m_tail
        && (m_live >= m_maxPending || m_nameBytes + qname.size() > m_maxNameBytes
            || (m_tail - m_head == m_ring.size() && m_ring.size() >= m_maxRing)))
        popOldest();
    if (m_tail - m_head == m_ring.size())
        grow();
    const std::size_t at = m_tail & (m_ring.size() - 1);
    Slot& s = m_ring[at];
    s.timeUsec = timeUsec;
    s.hash = hash;
    s.client = client;
    s.port = port;
    s.id = id;
    s.qtype = qtype;
    s.live = true;
    s.name.assign(qname);
    m_nameBytes += qname.size();
    const std::size_t mask = m_index.size() - 1;
    std::size_t pos = hash & mask;
    while (m_index[pos] != 0)
        pos = (pos + 1) & mask;
    m_index[pos] = static_cast<std::uint32_t>(at + 1);
    ++m_tail;
    ++m_live;
}

void PendingQueries::answer(
    const IpAddress& client, std::uint16_t port, std::uint16_t id, std::uint16_t qtype, std::string_view qname)
{
    if (m_live == 0)
        return;
    const std::ptrdiff_t pos = find(keyHash(client, port, id, qtype, qname), client, port, id, qtype, qname);
    if (pos < 0)
        return;
    Slot& s = m_ring[m_index[static_cast<std::size_t>(pos)] - 1];
    unindex(static_cast<std::size_t>(pos));
    retire(s);
}

void PendingQueries::expire(std::int64_t nowUsec)
{
    while (m_head < m_tail) {
        const Slot& s = m_ring[m_head & (m_ring.size() - 1)];
        if (s.live && nowUsec - s.timeUsec <= m_timeoutUsec)
            break;
        popOldest();
    }
}

void PendingQueries::finish()
{
    while (m_head < m_tail)
        popOldest();
}

void PendingQueries::takeUnanswered(std::vector<UnansweredQuery>& out)
{
    if (out.empty())
        out.swap(m_unanswered);
    else
        out.insert(
            out.end(), std::make_move_iterator(m_unanswered.begin()), std::make_move_iterator(m_unanswered.end()));
    m_unanswered.clear();
}

} // namespace pdnsw
