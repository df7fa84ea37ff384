#include "capture/packet/IpFragmentReassembler.h"

#include <algorithm>
#include <cstring>

namespace pdnsw {
namespace {
constexpr std::uint32_t kMaxDatagram = 65535;
}

void IpFragmentReassembler::drop(std::unordered_map<Key, Datagram, KeyHash>::iterator it)
{
    m_bytes -= it->second.data.capacity();
    m_datagrams.erase(it);
}

IpFragmentReassembler::Result IpFragmentReassembler::add(
    const Fragment& f, std::int64_t timeUsec, std::vector<std::uint8_t>& out)
{
    ++m_stats.fragments;
    expire(timeUsec);
    const std::uint64_t begin = f.offset;
    const std::uint64_t end = begin + f.payload.size();
    // Every fragment but the last carries a multiple of 8 octets (RFC 791, RFC 8200).
    if (end > kMaxDatagram || (f.moreFragments && f.payload.size() % 8 != 0)
        || (f.moreFragments && f.payload.empty())) {
        ++m_stats.invalid;
        return Result::Dropped;
    }

    const Key key{f.src, f.dst, f.id, f.proto};
    auto it = m_datagrams.find(key);
    if (it == m_datagrams.end()) {
        if (m_datagrams.size() >= m_limits.maxDatagrams)
            enforceBounds();
        Datagram d;
        d.firstSeen = timeUsec;
        d.generation = ++m_generation;
        it = m_datagrams.emplace(key, std::move(d)).first;
        m_order.emplace_back(timeUsec, it->second.generation, key);
    }
    Datagram& d = it->second;

    if ((d.total >= 0 && end > static_cast<std::uint64_t>(d.total))
        || (!f.moreFragments && d.total >= 0 && static_cast<std::int64_t>(end) != d.total)
        || (!f.moreFragments && !d.ranges.empty() && d.ranges.back().second > end)) {
        ++m_stats.invalid;
        drop(it);
        return Result::Dropped;
    }

    // Overlaps: identical bytes are a duplicate, different bytes make the datagram ambiguous.
    bool allDuplicate = !d.ranges.empty();
    std::uint64_t covered = 0;
    for (const auto& [rb, re] : d.ranges) {
        const std::uint64_t ob = std::max<std::uint64_t>(rb, begin);
        const std::uint64_t oe = std::min<std::uint64_t>(re, end);
        if (ob < oe) {
            if (std::memcmp(d.data.data() + ob, f.payload.data() + (ob - begin), oe - ob) != 0) {
                ++m_stats.overlapDropped;
                drop(it);
                return Result::Dropped;
            }
            covered += oe - ob;
        }
    }
    allDuplicate = allDuplicate && covered == end - begin;
    if (allDuplicate)
        ++m_stats.duplicates;

    if (d.data.size() < end) {
        const std::size_t before = d.data.capacity();
        d.data.resize(end);
        m_bytes += d.data.capacity() - before;
    }
    if (!f.payload.empty())
        std::memcpy(d.data.data() + begin, f.payload.data(), f.payload.size());
    if (!f.moreFragments)
        d.total = static_cast<std::int64_t>(end);

    // Insert and merge the range.
    auto pos
        = std::lower_bound(d.ranges.begin(), d.ranges.end(), std::make_pair(std::uint32_t(begin), std::uint32_t(0)));
    d.ranges.insert(pos, {std::uint32_t(begin), std::uint32_t(end)});
    std::vector<std::pair<std::uint32_t, std::uint32_t>> merged;
    merged.reserve(d.ranges.size());
    for (const auto& r : d.ranges) {
        if (!merged.empty() && r.first <= merged.back().second)
            merged.back().second = std::max(merged.back().second, r.second);
        else
            merged.push_back(r);
    }
    d.ranges.swap(merged);

    if (d.total >= 0 && d.ranges.size() == 1 && d.ranges.front().first == 0
        && static_cast<std::int64_t>(d.ranges.front().second) == d.total) {
        out.assign(d.data.begin(), d.data.begin() + d.total);
        ++m_stats.reassembled;
        drop(it);
        return Result::Complete;
    }
    if (m_bytes > m_limits.maxBytes)
        enforceBounds();
    return m_datagrams.count(key) ? Result::Incomplete : Result::Dropped;
}

void IpFragmentReassembler::enforceBounds()
{
    // Oldest first, until both bounds hold again (with room for one more datagram).
    while (!m_order.empty() && (m_bytes > m_limits.maxBytes || m_datagrams.size() >= m_limits.maxDatagrams)) {
        const auto [time, generation, key] = m_order.front();
        m_order.pop_front();
        auto it = m_datagrams.find(key);
        if (it != m_datagrams.end() && it->second.generation == generation) {
            ++m_stats.evicted;
            drop(it);
        }
    }
}

void IpFragmentReassembler::expire(std::int64_t nowUsec)
{
    while (!m_order.empty()) {
        const auto& [time, generation, key] = m_order.front();
        auto it = m_datagrams.find(key);
        if (it == m_datagrams.end() || it->second.generation != generation) {
            m_order.pop_front(); // already completed or dropped
            continue;
        }
        if (nowUsec - time <= m_limits.timeoutUsec)
            break;
        ++m_stats.timedOut;
        drop(it);
        m_order.pop_front();
    }
}

void IpFragmentReassembler::finish()
{
    m_stats.timedOut += m_datagrams.size();
    m_datagrams.clear();
    m_order.clear();
    m_bytes = 0;
}

} // namespace pdnsw
