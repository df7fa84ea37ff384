#include "capture/packet/IpAddress.h"

#include <arpa/inet.h>

namespace pdnsw {

std::string IpAddress::toString() const
{
    char text[INET6_ADDRSTRLEN] = {};
    if (family == 4)
        inet_ntop(AF_INET, bytes, text, sizeof text);
    else if (family == 6)
        inet_ntop(AF_INET6, bytes, text, sizeof text);
    return text;
}

std::uint64_t IpAddress::hash() const
{
    std::uint64_t a;
    std::uint64_t b;
    std::memcpy(&a, bytes, 8);
    std::memcpy(&b, bytes + 8, 8);
    std::uint64_t h = (a ^ (b * 0x9E3779B97F4A7C15ull) ^ family) * 0xBF58476D1CE4E5B9ull;
    return h ^ (h >> 31);
}

} // namespace pdnsw
