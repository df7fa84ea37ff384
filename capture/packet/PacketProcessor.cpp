#include "capture/packet/PacketProcessor.h"

#include "capture/packet/LinkLayer.h"

#include <QStringList>

#include <algorithm>

namespace pdnsw {
namespace {

constexpr std::uint8_t kProtoTcp = 6, kProtoUdp = 17;
constexpr std::uint16_t kMdnsPort = 5353, kLlmnrPort = 5355;
constexpr std::int64_t kSweepIntervalUsec = 1'000'000;
constexpr int kMaxIpv6Headers = 16;

std::uint16_t be16(const std::uint8_t* p)
{
    return static_cast<std::uint16_t>(p[0] << 8 | p[1]);
}

std::uint32_t be32(const std::uint8_t* p)
{
    return std::uint32_t(p[0]) << 24 | std::uint32_t(p[1]) << 16 | std::uint32_t(p[2]) << 8 | p[3];
}

std::string endpoint(const IpAddress& a, std::uint16_t port)
{
    return a.family == 6 ? "[" + a.toString() + "]:" + std::to_string(port) : a.toString() + ":" + std::to_string(port);
}

} // namespace

PacketProcessor::PacketProcessor(const CaptureOptions& options, DnsMessageConsumer& consumer)
    : m_options(options)
    , m_consumer(consumer)
    , m_fragments(options.fragments)
    , m_tcp(options.tcp)
{
    const auto mark = [](std::array<std::uint8_t, 65536>& table, std::uint16_t port, DnsService s) {
        if (table[port] == 0)
            table[port] = static_cast<std::uint8_t>(1 + static_cast<int>(s));
    };
    for (std::uint16_t port : m_options.dnsPorts) {
        mark(m_udpPorts, port, DnsService::Dns);
        mark(m_tcpPorts, port, DnsService::Dns);
    }
    if (m_options.mdns)
        mark(m_udpPorts, kMdnsPort, DnsService::Mdns);
    if (m_options.llmnr) {
        mark(m_udpPorts, kLlmnrPort, DnsService::Llmnr);
        mark(m_tcpPorts, kLlmnrPort, DnsService::Llmnr);
    }
    m_tcp.setMessageHandler([this](const TcpDnsReassembler::Segment& seg, std::span<const std::uint8_t> message) {
        MessageContext ctx;
        ctx.timeUsec = m_packet.timeUsec;
        ctx.src = seg.src;
        ctx.dst = seg.dst;
        ctx.srcPort = seg.srcPort;
        ctx.dstPort = seg.dstPort;
        ctx.transport = DnsTransport::Tcp;
        if (!classify(seg.srcPort, seg.dstPort, false, ctx.service))
            return;
        ++m_stats.tcpMessages;
        handleMessage(message.data(), message.size(), ctx, false);
    });
}

bool PacketProcessor::setLinkType(int dlt)
{
    if (!isSupportedLinkType(dlt))
        return false;
    m_dlt = dlt;
    return true;
}

std::string PacketProcessor::position(std::uint64_t number, std::int64_t offset)
{
    if (number == 0)
        return offset >= 0 ? "offset " + std::to_string(offset) : "file";
    std::string text = "packet " + std::to_string(number);
    if (offset >= 0)
        text += " (offset " + std::to_string(offset) + ")";
    return text;
}

void PacketProcessor::addProblem(std::uint64_t number, std::int64_t offset, std::string message)
{
    ++m_stats.problems;
    if (m_problems.size() < m_options.maxStoredProblems)
        m_problems.push_back(CaptureProblem{position(number, offset), std::move(message)});
}

void PacketProcessor::headerProblem(std::string message)
{
    ++m_stats.headerErrors;
    addProblem(m_packet.number, m_packet.offset, std::move(message));
}

void PacketProcessor::takeProblems(std::vector<CaptureProblem>& out)
{
    out.insert(out.end(), std::make_move_iterator(m_problems.begin()), std::make_move_iterator(m_problems.end()));
    m_problems.clear();
}

bool PacketProcessor::classify(std::uint16_t srcPort, std::uint16_t dstPort, bool udp, DnsService& service) const
{
    const auto& table = udp ? m_udpPorts : m_tcpPorts;
    const std::uint8_t a = table[srcPort];
    const std::uint8_t b = table[dstPort];
    // Unicast DNS wins: a client whose random port happens to be 5353 still talks DNS to port 53.
    const std::uint8_t dns = 1 + static_cast<int>(DnsService::Dns);
    const std::uint8_t pick = (a == dns || b == dns) ? dns : (b ? b : a);
    if (!pick)
        return false;
    service = static_cast<DnsService>(pick - 1);
    return true;
}

QString skippedLocalLinkSummary(const PacketStats& stats)
{
    QStringList parts;
    const auto part = [&parts](std::uint64_t packets, const char* service, std::uint16_t port) {
        if (packets)
            parts << QStringLiteral("%1 %2 on the %3 port (%4)")
                         .arg(packets)
                         .arg(packets == 1 ? QStringLiteral("packet") : QStringLiteral("packets"))
                         .arg(QLatin1String(service))
                         .arg(port);
    };
    part(stats.mdnsSkipped, "mDNS", kMdnsPort);
    part(stats.llmnrSkipped, "LLMNR", kLlmnrPort);
    if (parts.isEmpty())
        return {};
    return parts.join(QStringLiteral(" and "))
        + (stats.mdnsSkipped + stats.llmnrSkipped == 1 ? QStringLiteral(" was left out")
                                                       : QStringLiteral(" were left out"));
}

QString skippedLocalLinkFlags(const PacketStats& stats)
{
    QStringList flags;
    if (stats.mdnsSkipped)
        flags << QStringLiteral("--mdns");
    if (stats.llmnrSkipped)
        flags << QStringLiteral("--llmnr");
    return flags.join(u' ');
}

void PacketProcessor::countSkippedLocalLink(std::uint16_t srcPort, std::uint16_t dstPort)
{
    if (srcPort == kMdnsPort || dstPort == kMdnsPort)
        ++m_stats.mdnsSkipped;
    else if (srcPort == kLlmnrPort || dstPort == kLlmnrPort)
        ++m_stats.llmnrSkipped;
}

void PacketProcessor::tick(std::int64_t timeUsec)
{
    m_now = std::max(m_now, timeUsec);
    if (m_now - m_lastSweep < kSweepIntervalUsec)
        return;
    m_lastSweep = m_now;
    m_fragments.expire(m_now);
    m_tcp.expire(m_now);
    m_consumer.expireQueries(m_now);
}

void PacketProcessor::processPacket(
    std::int64_t timeUsec, const std::uint8_t* data, std::size_t caplen, std::uint64_t number, std::int64_t offset)
{
    m_packet = Packet{timeUsec, number, offset};
    ++m_stats.packets;
    m_stats.bytes += caplen;
    tick(timeUsec);
    const LinkFrame frame = decodeLinkLayer(m_dlt, data, caplen);
    switch (frame.kind) {
    case LinkFrame::Kind::Ipv4:
        ++m_stats.ipv4;
        handleIpv4(data + frame.offset, caplen - frame.offset);
        break;
    case LinkFrame::Kind::Ipv6:
        ++m_stats.ipv6;
        handleIpv6(data + frame.offset, caplen - frame.offset);
        break;
    case LinkFrame::Kind::Truncated:
        headerProblem(linkTypeName(m_dlt) + " header cut short (" + std::to_string(caplen) + " bytes captured)");
        break;
    case LinkFrame::Kind::Other:
        ++m_stats.notIp;
        break;
    }
}

void PacketProcessor::handleIpv4(const std::uint8_t* p, std::size_t n)
{
    if (n < 20) {
        headerProblem("IPv4 header cut short (" + std::to_string(n) + " of 20 bytes)");
        return;
    }
    const std::size_t ihl = std::size_t(p[0] & 0x0F) * 4;
    const std::size_t total = be16(p + 2);
    if (ihl < 20 || ihl > n) {
        headerProblem("IPv4 header length " + std::to_string(ihl) + " is impossible here");
        return;
    }
    if (total < ihl) {
        headerProblem("IPv4 total length " + std::to_string(total) + " is shorter than its header");
        return;
    }
    // Trailing link padding is not part of the datagram; a short capture is the snapshot length at work.
    const bool truncated = total > n;
    const std::size_t avail = truncated ? n : total;
    if (truncated)
        ++m_stats.snapTruncated;
    const IpAddress src = IpAddress::v4(p + 12);
    const IpAddress dst = IpAddress::v4(p + 16);
    const std::uint8_t proto = p[9];
    const std::uint16_t frag = be16(p + 6);
    const std::uint32_t fragOffset = std::uint32_t(frag & 0x1FFF) * 8;
    const bool more = (frag & 0x2000) != 0;
    if (fragOffset != 0 || more) {
        if (proto != kProtoUdp && proto != kProtoTcp)
            return;
        if (truncated)
            return; // a partial fragment cannot be placed; the datagram will time out, counted there
        IpFragmentReassembler::Fragment f;
        f.src = src;
        f.dst = dst;
        f.id = be16(p + 4);
        f.proto = proto;
        f.offset = fragOffset;
        f.moreFragments = more;
        f.payload = std::span<const std::uint8_t>(p + ihl, avail - ihl);
        if (m_fragments.add(f, m_packet.timeUsec, m_reassembled) == IpFragmentReassembler::Result::Complete) {
            const std::vector<std::uint8_t> datagram = std::move(m_reassembled);
            m_reassembled.clear();
            handleTransport(proto, src, dst, datagram.data(), datagram.size(), false);
        }
        return;
    }
    handleTransport(proto, src, dst, p + ihl, avail - ihl, truncated);
}

void PacketProcessor::handleIpv6(const std::uint8_t* p, std::size_t n)
{
    if (n < 40) {
        headerProblem("IPv6 header cut short (" + std::to_string(n) + " of 40 bytes)");
        return;
    }
    const std::size_t payload = be16(p + 4);
    // Payload length 0 announces a jumbogram (hop-by-hop option): take what was captured.
    const bool truncated = payload != 0 && 40 + payload > n;
    const std::size_t avail = payload == 0 ? n : std::min(n, 40 + payload);
    if (truncated)
        ++m_stats.snapTruncated;
    handleIpv6Chain(p[6], IpAddress::v6(p + 8), IpAddress::v6(p + 24), p + 40, avail - 40, truncated, false);
}

void PacketProcessor::handleIpv6Chain(std::uint8_t next, const IpAddress& src, const IpAddress& dst,
    const std::uint8_t* p, std::size_t n, bool truncated, bool reassembled)
{
    std::size_t off = 0;
    for (int i = 0; i < kMaxIpv6Headers; ++i) {
        switch (next) {
        case 0: // hop-by-hop options
        case 43: // routing
        case 60: // destination options
        case 135: // mobility
        case 139: // HIP
        case 140: // shim6
        case 51: { // AH counts its length in 4-octet units, minus 2
            if (n - off < 2) {
                if (!truncated)
                    headerProblem("IPv6 extension header " + std::to_string(next) + " cut short");
                return;
            }
            const std::size_t len = next == 51 ? (std::size_t(p[off + 1]) + 2) * 4 : (std::size_t(p[off + 1]) + 1) * 8;
            if (n - off < len) {
                if (!truncated)
                    headerProblem("IPv6 extension header " + std::to_string(next) + " runs past the packet");
                return;
            }
            next = p[off];
            off += len;
            break;
        }
        case 44: { // fragment
            if (reassembled) {
                headerProblem("IPv6 fragment header inside a reassembled datagram");
                return;
            }
            if (n - off < 8) {
                if (!truncated)
                    headerProblem("IPv6 fragment header cut short");
                return;
            }
            if (truncated)
                return;
            const std::uint8_t inner = p[off];
            IpFragmentReassembler::Fragment f;
            f.src = src;
            f.dst = dst;
            f.id = be32(p + off + 4);
            f.proto = inner;
            f.offset = be16(p + off + 2) & 0xFFF8;
            f.moreFragments = (p[off + 3] & 1) != 0;
            f.payload = std::span<const std::uint8_t>(p + off + 8, n - off - 8);
            if (f.offset == 0 && !f.moreFragments) {
                // An atomic fragment (RFC 6946): nothing to reassemble.
                next = inner;
                off += 8;
                break;
            }
            if (m_fragments.add(f, m_packet.timeUsec, m_reassembled) == IpFragmentReassembler::Result::Complete) {
                const std::vector<std::uint8_t> datagram = std::move(m_reassembled);
                m_reassembled.clear();
                handleIpv6Chain(inner, src, dst, datagram.data(), datagram.size(), false, true);
            }
            return;
        }
        case kProtoUdp:
        case kProtoTcp:
            handleTransport(next, src, dst, p + off, n - off, truncated);
            return;
        default: // ICMPv6, ESP (encrypted), no next header, ...
            return;
        }
    }
}

void PacketProcessor::handleTransport(std::uint8_t proto, const IpAddress& src, const IpAddress& dst,
    const std::uint8_t* p, std::size_t n, bool truncated)
{
    if (proto == kProtoUdp) {
        if (n < 8) {
            if (!truncated)
                headerProblem("UDP header cut short (" + std::to_string(n) + " of 8 bytes)");
            return;
        }
        MessageContext ctx;
        ctx.srcPort = be16(p);
        ctx.dstPort = be16(p + 2);
        if (!classify(ctx.srcPort, ctx.dstPort, true, ctx.service)) {
            countSkippedLocalLink(ctx.srcPort, ctx.dstPort);
            return;
        }
        const std::size_t length = be16(p + 4);
        if (length < 8) {
            headerProblem("UDP length " + std::to_string(length) + " is shorter than its header");
            return;
        }
        std::size_t size = length - 8;
        if (size > n - 8) {
            if (!truncated)
                headerProblem("UDP length " + std::to_string(length) + " is longer than the IP payload ("
                    + std::to_string(n) + " bytes); the part present is decoded");
            truncated = true;
            size = n - 8;
        }
        ctx.timeUsec = m_packet.timeUsec;
        ctx.src = src;
        ctx.dst = dst;
        ctx.transport = DnsTransport::Udp;
        ++m_stats.udpMessages;
        handleMessage(p + 8, size, ctx, truncated);
        return;
    }
    if (proto == kProtoTcp) {
        if (n < 20) {
            if (!truncated)
                headerProblem("TCP header cut short (" + std::to_string(n) + " of 20 bytes)");
            return;
        }
        const std::uint16_t srcPort = be16(p);
        const std::uint16_t dstPort = be16(p + 2);
        DnsService service;
        if (!classify(srcPort, dstPort, false, service)) {
            countSkippedLocalLink(srcPort, dstPort);
            return;
        }
        const std::size_t dataOffset = std::size_t(p[12] >> 4) * 4;
        if (dataOffset < 20 || dataOffset > n) {
            if (!truncated)
                headerProblem("TCP data offset " + std::to_string(dataOffset) + " is impossible here");
            return;
        }
        TcpDnsReassembler::Segment seg;
        seg.src = src;
        seg.dst = dst;
        seg.srcPort = srcPort;
        seg.dstPort = dstPort;
        seg.seq = be32(p + 4);
        const std::uint8_t flags = p[13];
        seg.fin = flags & 0x01;
        seg.syn = flags & 0x02;
        seg.rst = flags & 0x04;
        // A segment cut by the snapshot length would corrupt the stream: treat its bytes as not captured.
        if (!truncated)
            seg.payload = std::span<const std::uint8_t>(p + dataOffset, n - dataOffset);
        m_tcp.addSegment(seg, m_packet.timeUsec);
    }
}

void PacketProcessor::handleMessage(
    const std::uint8_t* data, std::size_t size, const MessageContext& ctx, bool truncated)
{
    ++m_stats.dnsMessages;
    const bool ok = parseDnsMessage(data, size, m_message);
    if (!ok && m_message.isMalformed() && !truncated) {
        ++m_stats.malformedDns;
        addProblem(m_packet.number, m_packet.offset,
            std::string(ctx.transport == DnsTransport::Tcp ? "TCP" : "UDP") + " DNS message from "
                + endpoint(ctx.src, ctx.srcPort) + " to " + endpoint(ctx.dst, ctx.dstPort) + " is malformed ("
                + dnsIssueList(m_message.issues & kDnsErrorIssues) + " at message offset "
                + std::to_string(m_message.firstIssueOffset) + "); the records before the problem are kept");
    }
    if (m_message.hasIssue(DnsIssue::TruncatedHeader))
        return;
    if (m_message.flags.qr)
        ++m_stats.responses;
    else
        ++m_stats.queries;
    m_consumer.addMessage(m_message, ctx);
}

void PacketProcessor::finish()
{
    m_tcp.finish();
    m_fragments.finish();
    m_consumer.finishQueries();
}

} // namespace pdnsw
