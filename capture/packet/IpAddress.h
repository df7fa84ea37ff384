#pragma once

#include <cstdint>
#include <cstring>
#include <string>

namespace pdnsw {

// An IPv4 or IPv6 address as it came off the wire, small enough to copy freely on the packet path.
struct IpAddress
{
    std::uint8_t family = 0; // 4 or 6; 0 = none
    std::uint8_t bytes[16] = {};

    static IpAddress v4(const std::uint8_t* p)
    {
        IpAddress a;
        a.family = 4;
        std::memcpy(a.bytes, p, 4);
        return a;
    }
    static IpAddress v6(const std::uint8_t* p)
    {
        IpAddress a;
        a.family = 6;
        std::memcpy(a.bytes, p, 16);
        return a;
    }
    int size() const { return family == 4 ? 4 : (family == 6 ? 16 : 0); }
    bool isValid() const { return family != 0; }
    // Canonical text: dotted quad or RFC 5952 IPv6.
    std::string toString() const;
    std::uint64_t hash() const;

    bool operator==(const IpAddress& o) const { return family == o.family && std::memcmp(bytes, o.bytes, 16) == 0; }
};

} // namespace pdnsw
