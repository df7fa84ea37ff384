#pragma once

#include <QString>

#include <cstdint>

namespace pdnsw::bench {

struct GeneratedCapture
{
    std::uint64_t packets = 0;
    std::uint64_t names = 0;
    std::uint64_t bytes = 0;
};

// Writes a realistic DNS capture (Ethernet, classic pcap): resolver traffic of a few hundred IPv4 and IPv6
// clients over an hour, Zipf-like popularity over `names` names, A/AAAA answers with rotating addresses,
// CNAME chains, NXDOMAIN with SOA, EDNS, and some DNS over TCP with a retransmitted segment. Deterministic
// for a given seed.
GeneratedCapture writeBenchCapture(
    const QString& path, std::uint64_t minPackets, std::uint32_t names, std::uint64_t seed = 42);

} // namespace pdnsw::bench
