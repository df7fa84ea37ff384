#include "capture/packet/LinkLayer.h"

namespace pdnsw {
namespace {

constexpr std::uint16_t kEtherIpv4 = 0x0800, kEtherIpv6 = 0x86DD, kEtherVlan = 0x8100, kEtherQinQ = 0x88A8,
                        kEtherQinQOld = 0x9100, kEtherPppoeSession = 0x8864;
constexpr std::uint16_t kPppIpv4 = 0x0021, kPppIpv6 = 0x0057;
constexpr int kMaxVlanTags = 8; // QinQ stacks are two or three deep; more is garbage

std::uint16_t be16(const std::uint8_t* p)
{
    return static_cast<std::uint16_t>(p[0] << 8 | p[1]);
}

LinkFrame frame(LinkFrame::Kind kind, std::size_t offset, std::uint16_t tags = 0)
{
    return LinkFrame{kind, offset, tags};
}

LinkFrame fromIpVersion(const std::uint8_t* data, std::size_t size, std::size_t offset)
{
    if (size <= offset)
        return frame(LinkFrame::Kind::Truncated, offset);
    switch (data[offset] >> 4) {
    case 4:
        return frame(LinkFrame::Kind::Ipv4, offset);
    case 6:
        return frame(LinkFrame::Kind::Ipv6, offset);
    default:
        return frame(LinkFrame::Kind::Other, offset);
    }
}

LinkFrame fromPppProtocol(const std::uint8_t* data, std::size_t size, std::size_t offset)
{
    // RFC 1662 framing may start with address 0xFF and control 0x03; protocol field compression is rare and
    // ambiguous, so only the full two-octet protocol field is read.
    if (size >= offset + 2 && data[offset] == 0xFF && data[offset + 1] == 0x03)
        offset += 2;
    if (size < offset + 2)
        return frame(LinkFrame::Kind::Truncated, offset);
    const std::uint16_t proto = be16(data + offset);
    if (proto == kPppIpv4)
        return frame(LinkFrame::Kind::Ipv4, offset + 2);
    if (proto == kPppIpv6)
        return frame(LinkFrame::Kind::Ipv6, offset + 2);
    return frame(LinkFrame::Kind::Other, offset + 2);
}

LinkFrame fromEtherType(
    const std::uint8_t* data, std::size_t size, std::uint16_t type, std::size_t offset, std::uint16_t tags)
{
    switch (type) {
    case kEtherIpv4:
        return frame(LinkFrame::Kind::Ipv4, offset, tags);
    case kEtherIpv6:
        return frame(LinkFrame::Kind::Ipv6, offset, tags);
    case kEtherPppoeSession:
        // PPPoE: version/type, code, session id, length, then the PPP protocol field.
        if (size < offset + 8)
            return frame(LinkFrame::Kind::Truncated, offset, tags);
        return fromPppProtocol(data, size, offset + 6);
    default:
        return frame(LinkFrame::Kind::Other, offset, tags);
    }
}

// Ethernet II, with any stack of 802.1Q / 802.1ad tags, and 802.3 + LLC/SNAP.
LinkFrame decodeEthernet(const std::uint8_t* data, std::size_t size)
{
    if (size < 14)
        return frame(LinkFrame::Kind::Truncated, 0);
    std::size_t offset = 12;
    std::uint16_t type = be16(data + offset);
    std::uint16_t tags = 0;
    while (type == kEtherVlan || type == kEtherQinQ || type == kEtherQinQOld) {
        if (++tags > kMaxVlanTags || size < offset + 6)
            return frame(LinkFrame::Kind::Truncated, offset, tags);
        offset += 4;
        type = be16(data + offset);
    }
    offset += 2;
    if (type <= 1500) {
        // 802.3 length field: only LLC/SNAP carries an EtherType.
        if (size >= offset + 8 && data[offset] == 0xAA && data[offset + 1] == 0xAA && data[offset + 2] == 0x03)
            return fromEtherType(data, size, be16(data + offset + 6), offset + 8, tags);
        return frame(LinkFrame::Kind::Other, offset, tags);
    }
    return fromEtherType(data, size, type, offset, tags);
}

LinkFrame decodeNull(const std::uint8_t* data, std::size_t size, bool networkOrder)
{
    if (size < 4)
        return frame(LinkFrame::Kind::Truncated, 0);
    std::uint32_t family = networkOrder ? (std::uint32_t(data[0]) << 24 | data[1] << 16 | data[2] << 8 | data[3])
                                        : (std::uint32_t(data[3]) << 24 | data[2] << 16 | data[1] << 8 | data[0]);
    // DLT_NULL is in the writer's byte order: a value that only makes sense swapped was written big-endian.
    if (!networkOrder && family > 0xFFFF)
        family = (family >> 24) | ((family >> 8) & 0xFF00) | ((family << 8) & 0xFF0000) | (family << 24);
    switch (family) {
    case 2: // AF_INET everywhere
        return frame(LinkFrame::Kind::Ipv4, 4);
    case 10: // AF_INET6 on Linux
    case 24: // NetBSD, OpenBSD, BSD/OS
    case 28: // FreeBSD, DragonFly
    case 30: // Darwin
        return frame(LinkFrame::Kind::Ipv6, 4);
    default:
        return frame(LinkFrame::Kind::Other, 4);
    }
}

} // namespace

bool isSupportedLinkType(int dlt)
{
    switch (dlt) {
    case LinkTypes::Null:
    case LinkTypes::Ethernet:
    case LinkTypes::Ppp:
    case LinkTypes::Fddi:
    case LinkTypes::Raw:
    case LinkTypes::RawOpenBsd:
    case LinkTypes::PppSerial:
    case LinkTypes::PppEther:
    case LinkTypes::LinktypeRaw:
    case LinkTypes::Loop:
    case LinkTypes::LinuxSll:
    case LinkTypes::Ipv4:
    case LinkTypes::Ipv6:
    case LinkTypes::LinuxSll2:
        return true;
    default:
        return false;
    }
}

std::string linkTypeName(int dlt)
{
    switch (dlt) {
    case LinkTypes::Null:
        return "BSD loopback (NULL)";
    case LinkTypes::Ethernet:
        return "Ethernet";
    case LinkTypes::Ppp:
        return "PPP";
    case LinkTypes::Fddi:
        return "FDDI";
    case LinkTypes::Raw:
    case LinkTypes::RawOpenBsd:
    case LinkTypes::LinktypeRaw:
        return "raw IP";
    case LinkTypes::PppSerial:
        return "PPP in HDLC framing";
    case LinkTypes::PppEther:
        return "PPPoE";
    case LinkTypes::Loop:
        return "OpenBSD loopback (LOOP)";
    case LinkTypes::LinuxSll:
        return "Linux cooked (SLL)";
    case LinkTypes::Ipv4:
        return "raw IPv4";
    case LinkTypes::Ipv6:
        return "raw IPv6";
    case LinkTypes::LinuxSll2:
        return "Linux cooked (SLL2)";
    default:
        return "DLT " + std::to_string(dlt);
    }
}

LinkFrame decodeLinkLayer(int dlt, const std::uint8_t* data, std::size_t size)
{
    switch (dlt) {
    case LinkTypes::Ethernet:
        return decodeEthernet(data, size);
    case LinkTypes::LinuxSll:
        // packet type, ARPHRD type, address length, 8 address octets, protocol.
        if (size < 16)
            return frame(LinkFrame::Kind::Truncated, 0);
        return fromEtherType(data, size, be16(data + 14), 16, 0);
    case LinkTypes::LinuxSll2:
        // protocol, reserved, interface index, ARPHRD type, packet type, address length, 8 address octets.
        if (size < 20)
            return frame(LinkFrame::Kind::Truncated, 0);
        return fromEtherType(data, size, be16(data), 20, 0);
    case LinkTypes::Raw:
    case LinkTypes::RawOpenBsd:
    case LinkTypes::LinktypeRaw:
        return fromIpVersion(data, size, 0);
    case LinkTypes::Ipv4: {
        LinkFrame f = fromIpVersion(data, size, 0);
        return f.kind == LinkFrame::Kind::Ipv4 || f.kind == LinkFrame::Kind::Truncated
            ? f
            : frame(LinkFrame::Kind::Other, 0);
    }
    case LinkTypes::Ipv6: {
        LinkFrame f = fromIpVersion(data, size, 0);
        return f.kind == LinkFrame::Kind::Ipv6 || f.kind == LinkFrame::Kind::Truncated
            ? f
            : frame(LinkFrame::Kind::Other, 0);
    }
    case LinkTypes::Null:
        return decodeNull(data, size, false);
    case LinkTypes::Loop:
        return decodeNull(data, size, true);
    case LinkTypes::Ppp:
    case LinkTypes::PppSerial:
        return fromPppProtocol(data, size, 0);
    case LinkTypes::PppEther:
        if (size < 6)
            return frame(LinkFrame::Kind::Truncated, 0);
        return fromPppProtocol(data, size, 6);
    case LinkTypes::Fddi:
        // frame control + two 6-octet addresses, then 802.2 LLC/SNAP.
        if (size < 21)
            return frame(LinkFrame::Kind::Truncated, 0);
        if (data[13] == 0xAA && data[14] == 0xAA && data[15] == 0x03)
            return fromEtherType(data, size, be16(data + 19), 21, 0);
        return frame(LinkFrame::Kind::Other, 13);
    default:
        return frame(LinkFrame::Kind::Other, 0);
    }
}

} // namespace pdnsw
