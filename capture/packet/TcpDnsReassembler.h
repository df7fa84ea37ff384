#pragma once

#include "capture/packet/IpAddress.h"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <span>
#include <unordered_map>
#include <vector>

namespace pdnsw {

// DNS over TCP (RFC 7766): each message is preceded by a 2-octet length. Segments are put back in order per
// direction, messages are cut out as soon as they are complete (several per segment, or one spanning many),
// retransmissions are ignored, and a hole in the stream drops only the message it cuts: when that message's
// length is known the stream resumes right after it, otherwise at the next segment that plausibly starts a
// message. Streams seen without their SYN start at the first segment. Memory is bounded per direction and in
// the number of flows, and flows expire after an idle time measured in capture time.
class TcpDnsReassembler
{
public:
    struct Limits
    {
        std::size_t maxFlows = 65536; // directions tracked at once
        std::size_t maxOutOfOrderBytes = 256 * 1024; // per direction, waiting behind a hole
        std::int64_t holeTimeoutUsec = 3'000'000; // how long a hole may wait for a retransmission
        std::int64_t idleTimeoutUsec = 120'000'000; // a direction idle this long is forgotten
    };

    struct Stats
    {
        std::uint64_t segments = 0;
        std::uint64_t messages = 0;
        std::uint64_t retransmissions = 0; // segments carrying only bytes already seen
        std::uint64_t holes = 0; // gaps given up on
        std::uint64_t messagesLost = 0; // messages (or partial ones) dropped because of a hole
        std::uint64_t resyncSkipped = 0; // segments skipped while looking for a message start after a hole
        std::uint64_t flowsEvicted = 0; // directions dropped to respect maxFlows
        std::uint64_t flowsExpired = 0;
        std::uint64_t zeroLength = 0; // length prefixes of 0
    };

    struct Segment
    {
        IpAddress src;
        IpAddress dst;
        std::uint16_t srcPort = 0;
        std::uint16_t dstPort = 0;
        std::uint32_t seq = 0;
        bool syn = false;
        bool fin = false;
        bool rst = false;
        std::span<const std::uint8_t> payload;
    };

    // Called for every complete message (without its length prefix), with the segment that completed it.
    using MessageHandler = std::function<void(const Segment& segment, std::span<const std::uint8_t> message)>;

    TcpDnsReassembler() = default;
    explicit TcpDnsReassembler(const Limits& limits)
        : m_limits(limits)
    {
    }

    void setMessageHandler(MessageHandler handler) { m_handler = std::move(handler); }
    void addSegment(const Segment& segment, std::int64_t timeUsec);
    // Gives up holes that waited too long and forgets idle directions (capture time).
    void expire(std::int64_t nowUsec);
    // End of input: pending holes are given up (what follows them is still delivered), then everything is dropped.
    void finish();

    const Stats& stats() const { return m_stats; }
    std::size_t flowCount() const { return m_flows.size(); }

private:
    struct Key
    {
        IpAddress src;
        IpAddress dst;
        std::uint16_t srcPort = 0;
        std::uint16_t dstPort = 0;
        bool operator==(const Key&) const = default;
    };
    struct KeyHash
    {
        std::size_t operator()(const Key& k) const
        {
            return static_cast<std::size_t>(
                k.src.hash() ^ (k.dst.hash() * 31) ^ (std::uint64_t(k.srcPort) << 16 | k.dstPort));
        }
    };
    struct Direction
    {
        std::uint32_t nextSeq = 0;
        std::vector<std::uint8_t> buffer; // contiguous bytes from a message boundary
        std::map<std::uint32_t, std::vector<std::uint8_t>> outOfOrder; // keyed by seq relative to `base`
        std::uint32_t base = 0; // seq of the first byte ever seen: keeps map order through wraparound
        std::size_t outOfOrderBytes = 0;
        std::uint32_t skip = 0; // bytes still to drop (rest of a message cut by a hole)
        bool unaligned = false; // after a hole of unknown extent: wait for a plausible message start
        std::int64_t lastSeen = 0;
        std::int64_t holeSince = -1;
    };
    using Flows = std::unordered_map<Key, Direction, KeyHash>;

    void deliverInOrder(Direction& d, const Segment& seg, std::span<const std::uint8_t> data, bool segmentStart);
    void drainOutOfOrder(Direction& d, const Segment& seg);
    void giveUpHole(Direction& d, const Segment& seg);
    void emitMessages(Direction& d, const Segment& seg, std::span<const std::uint8_t> data);

    Limits m_limits;
    Stats m_stats;
    Flows m_flows;
    MessageHandler m_handler;
};

} // namespace pdnsw
