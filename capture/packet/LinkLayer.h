#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace pdnsw {

// Link-layer framing in front of IP, by pcap data link type (DLT). Every read is bounds-checked; a frame that
// is not IP (ARP, LLDP, ...) is simply "other", not an error.
namespace LinkTypes {
inline constexpr int Null = 0, Ethernet = 1, Ppp = 9, Fddi = 10, Raw = 12, RawOpenBsd = 14, PppSerial = 50,
                     PppEther = 51, LinktypeRaw = 101, Loop = 108, LinuxSll = 113, Ipv4 = 228, Ipv6 = 229,
                     LinuxSll2 = 276;
}

struct LinkFrame
{
    enum class Kind : std::uint8_t
    {
        Ipv4,
        Ipv6,
        Other, // a protocol we do not follow (ARP, LLDP, IPX...)
        Truncated, // the link header itself is cut short
    };
    Kind kind = Kind::Other;
    std::size_t offset = 0; // where the IP header starts
    std::uint16_t vlanTags = 0;
};

bool isSupportedLinkType(int dlt);
// "Ethernet", "Linux cooked (SLL2)", ... or "DLT 123".
std::string linkTypeName(int dlt);
// Decodes the link header of one captured frame.
LinkFrame decodeLinkLayer(int dlt, const std::uint8_t* data, std::size_t size);

} // namespace pdnsw
