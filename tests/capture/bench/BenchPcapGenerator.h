#pragma once

#include <QString>

#include <cstdint>

namespace pdnsw::bench {

struct GeneratedCapture
{
    std::uint64_t packets = 0;
    std::uint64_t names = 0; // distinct names asked
    std::uint64_t bytes = 0;
    std::uint64_t transactions = 0;
    std::uint64_t tcpFlows = 0;
    std::uint64_t unanswered = 0;
};

// Writes a realistic DNS capture (Ethernet, classic pcap) of what a tap in front of a few resolvers sees in an
// hour: a few hundred IPv4 and dual-stack IPv6 clients, Zipf popularity (s = 1) over `names` names in
// registrable domains (so popular names repeat thousands of times and the tail once), A + AAAA (+ HTTPS)
// lookups, answers that carry the resolver cache's decreasing TTL, CDN names behind one- and two-hop CNAME
// chains with rotating addresses, NXDOMAIN and NODATA with the zone's SOA, SERVFAIL, unanswered queries,
// reverse lookups, 0x20 mixed-case queries, compression pointers as real servers write them, and large answers
// truncated over UDP (TC=1) and retried over TCP, some with a retransmitted segment or split across segments.
// Packets are written in time order with responses interleaved. Deterministic for a given seed.
GeneratedCapture writeBenchCapture(
    const QString& path, std::uint64_t minPackets, std::uint32_t names, std::uint64_t seed = 42);

} // namespace pdnsw::bench
