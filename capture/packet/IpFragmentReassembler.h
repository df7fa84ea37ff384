#pragma once

#include "capture/packet/IpAddress.h"

#include <cstddef>
#include <cstdint>
#include <deque>
#include <span>
#include <unordered_map>
#include <vector>

namespace pdnsw {

// IPv4 and IPv6 fragment reassembly with bounded memory. Time is capture time (microseconds from the packet
// headers), never the wall clock, so the same file always gives the same datagrams.
//
// Policy: duplicate fragments are fine; fragments that overlap with different bytes make the datagram
// ambiguous (a known evasion trick, and RFC 5722 for IPv6) and drop it; a datagram incomplete after the
// timeout, or evicted to respect the memory bound, is dropped. Each outcome is counted.
class IpFragmentReassembler
{
public:
    struct Limits
    {
        std::size_t maxBytes = 16u << 20; // buffered fragment data over all datagrams
        std::size_t maxDatagrams = 4096; // datagrams being reassembled at once
        std::int64_t timeoutUsec = 30'000'000; // Linux ipfrag_time
    };

    struct Stats
    {
        std::uint64_t fragments = 0;
        std::uint64_t reassembled = 0;
        std::uint64_t timedOut = 0;
        std::uint64_t evicted = 0; // dropped to keep within maxBytes / maxDatagrams
        std::uint64_t overlapDropped = 0;
        std::uint64_t invalid = 0; // past 65535, misaligned, beyond the announced end
        std::uint64_t duplicates = 0;
    };

    enum class Result
    {
        Incomplete, // kept, waiting for more
        Complete, // `out` holds the reassembled payload (what follows the IP header / fragment header)
        Dropped, // this fragment or its whole datagram was dropped (see stats)
    };

    struct Fragment
    {
        IpAddress src;
        IpAddress dst;
        std::uint32_t id = 0; // 16-bit IPv4 identification or 32-bit IPv6 identification
        std::uint8_t proto = 0; // IPv4 protocol, or the IPv6 next header of the fragmentable part
        std::uint32_t offset = 0; // in bytes
        bool moreFragments = false;
        std::span<const std::uint8_t> payload;
    };

    IpFragmentReassembler() = default;
    explicit IpFragmentReassembler(const Limits& limits)
        : m_limits(limits)
    {
    }

    Result add(const Fragment& fragment, std::int64_t timeUsec, std::vector<std::uint8_t>& out);
    // Drops datagrams older than the timeout at capture time `nowUsec`.
    void expire(std::int64_t nowUsec);
    // End of input: whatever is still incomplete is counted as timed out.
    void finish();

    const Stats& stats() const { return m_stats; }
    std::size_t pendingDatagrams() const { return m_datagrams.size(); }
    std::size_t bufferedBytes() const { return m_bytes; }

private:
    struct Key
    {
        IpAddress src;
        IpAddress dst;
        std::uint32_t id = 0;
        std::uint8_t proto = 0;
        bool operator==(const Key&) const = default;
    };
    struct KeyHash
    {
        std::size_t operator()(const Key& k) const
        {
            return static_cast<std::size_t>(k.src.hash() ^ (k.dst.hash() * 31) ^ (std::uint64_t(k.id) << 8 | k.proto));
        }
    };
    struct Datagram
    {
        std::vector<std::uint8_t> data;
        std::vector<std::pair<std::uint32_t, std::uint32_t>> ranges; // received [begin, end), sorted, merged
        std::int64_t total = -1; // known once the last fragment arrived
        std::int64_t firstSeen = 0;
        std::uint64_t generation = 0;
    };

    void drop(std::unordered_map<Key, Datagram, KeyHash>::iterator it);
    void enforceBounds();

    Limits m_limits;
    Stats m_stats;
    std::unordered_map<Key, Datagram, KeyHash> m_datagrams;
    std::deque<std::tuple<std::int64_t, std::uint64_t, Key>> m_order; // arrival order, for expiry and eviction
    std::uint64_t m_generation = 0;
    std::size_t m_bytes = 0;
};

} // namespace pdnsw
