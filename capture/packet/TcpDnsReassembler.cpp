#include "capture/packet/TcpDnsReassembler.h"

#include <algorithm>

namespace pdnsw {
namespace {

std::uint16_t be16(const std::uint8_t* p)
{
    return static_cast<std::uint16_t>(p[0] << 8 | p[1]);
}

std::int32_t seqDiff(std::uint32_t a, std::uint32_t b)
{
    return static_cast<std::int32_t>(a - b);
}

// After a hole of unknown extent, a segment is taken as a message start only if its length prefix and DNS
// header look like one: a header's worth of bytes, at most one question, record counts the length could hold.
bool plausibleMessageStart(std::span<const std::uint8_t> data)
{
    if (data.size() < 2)
        return false;
    const std::uint16_t length = be16(data.data());
    if (length < 12)
        return false;
    if (data.size() < 14)
        return true; // the length alone arrived first; nothing more to check yet
    const std::uint8_t* h = data.data() + 2;
    const int opcode = (h[2] >> 3) & 0x0F;
    if (opcode == 3 || opcode > 6)
        return false;
    const unsigned minRecord = 11; // root owner + type, class, ttl, rdlength
    const unsigned room = (length - 12u) / minRecord + 1;
    return be16(h + 4) <= 1 && be16(h + 6) <= room && be16(h + 8) <= room && be16(h + 10) <= room;
}

} // namespace

void TcpDnsReassembler::addSegment(const Segment& seg, std::int64_t timeUsec)
{
    ++m_stats.segments;
    const Key key{seg.src, seg.dst, seg.srcPort, seg.dstPort};
    if (seg.rst) {
        auto it = m_flows.find(key);
        if (it != m_flows.end()) {
            if (!it->second.buffer.empty() || !it->second.outOfOrder.empty())
                ++m_stats.messagesLost;
            m_flows.erase(it);
        }
        m_flows.erase(Key{seg.dst, seg.src, seg.dstPort, seg.srcPort});
        return;
    }

    auto it = m_flows.find(key);
    if (it == m_flows.end()) {
        if (seg.payload.empty() && !seg.syn)
            return; // a bare ACK or FIN of a stream we hold nothing for
        if (m_flows.size() >= m_limits.maxFlows) {
            // Evict the least recently seen eighth; rare, so a scan is fine.
            std::vector<std::pair<std::int64_t, Key>> ages;
            ages.reserve(m_flows.size());
            for (const auto& [k, d] : m_flows)
                ages.emplace_back(d.lastSeen, k);
            const std::size_t n = std::max<std::size_t>(1, ages.size() / 8);
            std::nth_element(ages.begin(), ages.begin() + (n - 1), ages.end(),
                [](const auto& a, const auto& b) { return a.first < b.first; });
            for (std::size_t i = 0; i < n; ++i)
                m_flows.erase(ages[i].second);
            m_stats.flowsEvicted += n;
        }
        Direction d;
        d.nextSeq = seg.syn ? seg.seq + 1 : seg.seq;
        d.base = d.nextSeq;
        // Without the SYN we cannot know the stream starts at a message: check it looks like one.
        d.unaligned = !seg.syn;
        it = m_flows.emplace(key, std::move(d)).first;
    } else if (seg.syn && it->second.nextSeq != seg.seq + 1) {
        // A new connection on the same ports: start over.
        Direction d;
        d.nextSeq = d.base = seg.seq + 1;
        it->second = std::move(d);
    }
    Direction& d = it->second;
    d.lastSeen = timeUsec;

    std::span<const std::uint8_t> data = seg.payload;
    const std::uint32_t seq = seg.syn ? seg.seq + 1 : seg.seq;
    if (!data.empty()) {
        const std::int64_t diff = seqDiff(seq, d.nextSeq);
        if (diff + static_cast<std::int64_t>(data.size()) <= 0) {
            ++m_stats.retransmissions;
        } else if (diff <= 0) {
            deliverInOrder(d, seg, data.subspan(static_cast<std::size_t>(-diff)), diff == 0);
            drainOutOfOrder(d, seg);
        } else {
            auto& slot = d.outOfOrder[seq - d.base];
            if (slot.size() < data.size()) {
                d.outOfOrderBytes += data.size() - slot.size();
                slot.assign(data.begin(), data.end());
            } else {
                ++m_stats.retransmissions;
            }
            if (d.holeSince < 0)
                d.holeSince = timeUsec;
            if (d.outOfOrderBytes > m_limits.maxOutOfOrderBytes)
                giveUpHole(d, seg);
        }
    }
    if (seg.fin) {
        // Nothing more will come in this direction (a late retransmission aside): deliver past any hole, forget.
        while (!d.outOfOrder.empty())
            giveUpHole(d, seg);
        if (!d.buffer.empty())
            ++m_stats.messagesLost;
        m_flows.erase(it);
    }
}

void TcpDnsReassembler::deliverInOrder(
    Direction& d, const Segment& seg, std::span<const std::uint8_t> data, bool segmentStart)
{
    d.nextSeq += static_cast<std::uint32_t>(data.size());
    if (d.skip > 0) {
        const std::size_t n = std::min<std::size_t>(d.skip, data.size());
        d.skip -= static_cast<std::uint32_t>(n);
        data = data.subspan(n);
        segmentStart = true; // the skipped message ended here: a boundary
    }
    if (data.empty())
        return;
    if (d.unaligned) {
        if (!segmentStart || !plausibleMessageStart(data)) {
            ++m_stats.resyncSkipped;
            return;
        }
        d.unaligned = false;
    }
    emitMessages(d, seg, data);
}

void TcpDnsReassembler::emitMessages(Direction& d, const Segment& seg, std::span<const std::uint8_t> data)
{
    // Zero-copy while nothing is buffered: messages are handed out straight from the segment.
    const bool buffered = !d.buffer.empty();
    if (buffered) {
        d.buffer.insert(d.buffer.end(), data.begin(), data.end());
        data = d.buffer;
    }
    std::size_t pos = 0;
    while (data.size() - pos >= 2) {
        const std::size_t length = be16(data.data() + pos);
        if (length == 0) {
            ++m_stats.zeroLength;
            pos += 2;
            continue;
        }
        if (data.size() - pos - 2 < length)
            break;
        ++m_stats.messages;
        if (m_handler)
            m_handler(seg, data.subspan(pos + 2, length));
        pos += 2 + length;
    }
    if (buffered)
        d.buffer.erase(d.buffer.begin(), d.buffer.begin() + static_cast<std::ptrdiff_t>(pos));
    else if (pos < data.size())
        d.buffer.assign(data.begin() + static_cast<std::ptrdiff_t>(pos), data.end());
}

void TcpDnsReassembler::drainOutOfOrder(Direction& d, const Segment& seg)
{
    while (!d.outOfOrder.empty()) {
        auto first = d.outOfOrder.begin();
        const std::uint32_t seq = d.base + first->first;
        const std::int64_t diff = seqDiff(seq, d.nextSeq);
        if (diff > 0)
            break;
        std::vector<std::uint8_t> bytes = std::move(first->second);
        d.outOfOrder.erase(first);
        d.outOfOrderBytes -= bytes.size();
        if (-diff >= static_cast<std::int64_t>(bytes.size())) {
            ++m_stats.retransmissions;
            continue;
        }
        deliverInOrder(
            d, seg, std::span<const std::uint8_t>(bytes).subspan(static_cast<std::size_t>(-diff)), diff == 0);
    }
    if (d.outOfOrder.empty())
        d.holeSince = -1;
}

void TcpDnsReassembler::giveUpHole(Direction& d, const Segment& seg)
{
    if (d.outOfOrder.empty())
        return;
    ++m_stats.holes;
    ++m_stats.messagesLost;
    const std::uint32_t resume = d.base + d.outOfOrder.begin()->first;
    if (d.skip > 0) {
        // Still inside a message cut earlier: its end is known.
        const std::uint32_t end = d.nextSeq + d.skip;
        d.skip = seqDiff(end, resume) > 0 ? end - resume : 0;
        d.unaligned = seqDiff(end, resume) < 0;
    } else if (d.buffer.size() >= 2) {
        // The cut message's length is known: resume right after it if that is not itself inside the hole.
        const std::uint32_t end = d.nextSeq - static_cast<std::uint32_t>(d.buffer.size()) + 2u + be16(d.buffer.data());
        if (seqDiff(end, resume) >= 0) {
            d.skip = end - resume;
            d.unaligned = false;
        } else {
            d.unaligned = true;
        }
    } else {
        d.unaligned = true;
    }
    d.buffer.clear();
    d.nextSeq = resume;
    drainOutOfOrder(d, seg);
    if (!d.outOfOrder.empty())
        d.holeSince = d.lastSeen;
}

void TcpDnsReassembler::expire(std::int64_t nowUsec)
{
    for (auto it = m_flows.begin(); it != m_flows.end();) {
        Direction& d = it->second;
        if (nowUsec - d.lastSeen > m_limits.idleTimeoutUsec) {
            ++m_stats.flowsExpired;
            if (!d.buffer.empty() || !d.outOfOrder.empty())
                ++m_stats.messagesLost;
            it = m_flows.erase(it);
            continue;
        }
        if (d.holeSince >= 0 && nowUsec - d.holeSince > m_limits.holeTimeoutUsec) {
            Segment seg;
            seg.src = it->first.src;
            seg.dst = it->first.dst;
            seg.srcPort = it->first.srcPort;
            seg.dstPort = it->first.dstPort;
            while (!d.outOfOrder.empty())
                giveUpHole(d, seg);
        }
        ++it;
    }
}

void TcpDnsReassembler::finish()
{
    for (auto& [key, d] : m_flows) {
        Segment seg;
        seg.src = key.src;
        seg.dst = key.dst;
        seg.srcPort = key.srcPort;
        seg.dstPort = key.dstPort;
        while (!d.outOfOrder.empty())
            giveUpHole(d, seg);
        if (!d.buffer.empty())
            ++m_stats.messagesLost;
    }
    m_flows.clear();
}

} // namespace pdnsw
