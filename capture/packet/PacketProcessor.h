#pragma once

#include "capture/dns/DnsMessage.h"
#include "capture/packet/CaptureOptions.h"
#include "capture/packet/CaptureTypes.h"
#include "capture/packet/DnsAggregator.h"
#include "capture/packet/IpFragmentReassembler.h"
#include "capture/packet/TcpDnsReassembler.h"

#include <QString>

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace pdnsw {

// Counters of one run of the packet path (a file or a live capture).
struct PacketStats
{
    std::uint64_t packets = 0;
    std::uint64_t bytes = 0; // captured bytes
    std::uint64_t ipv4 = 0;
    std::uint64_t ipv6 = 0;
    std::uint64_t notIp = 0; // ARP, LLDP, ... (not errors)
    std::uint64_t dnsMessages = 0; // UDP datagrams and TCP messages on a DNS port
    // Packets to or from the mDNS / LLMNR port while that service is off (CaptureOptions): not errors, but an
    // import that reads nothing from them should say why.
    std::uint64_t mdnsSkipped = 0;
    std::uint64_t llmnrSkipped = 0;
    std::uint64_t udpMessages = 0;
    std::uint64_t tcpMessages = 0;
    std::uint64_t queries = 0;
    std::uint64_t responses = 0;
    std::uint64_t malformedDns = 0; // messages the decoder flagged (their decodable part still counts)
    std::uint64_t snapTruncated = 0; // packets cut by the snapshot length (not an error; partial decode)
    std::uint64_t headerErrors = 0; // broken link/IP/UDP/TCP headers
    std::uint64_t problems = 0; // every counted error, pcap-level ones included
};

// "18 packets on the mDNS port (5353) were left out" ("1 packet ... was"; LLMNR alike), or empty when none were: what
// an import says before telling how to turn the service on.
QString skippedLocalLinkSummary(const PacketStats& stats);
// The command-line flags that would have read them: "--mdns", "--llmnr", both, or empty.
QString skippedLocalLinkFlags(const PacketStats& stats);

// The packet path for one input: link layer, IPv4/IPv6 with extension headers and fragment reassembly, UDP,
// TCP stream reassembly, DNS decoding, aggregation. Single-threaded and deterministic: time is the capture's.
class PacketProcessor
{
public:
    PacketProcessor(const CaptureOptions& options, DnsMessageConsumer& consumer);

    // False for a link type we do not decode.
    bool setLinkType(int dlt);
    int linkType() const { return m_dlt; }

    // One captured frame. `number` counts from 1; `offset` is its position in the file (-1 when unknown).
    void processPacket(std::int64_t timeUsec, const std::uint8_t* data, std::size_t caplen, std::uint64_t number,
        std::int64_t offset = -1);
    // A problem found outside the packet path (a pcap-level error) or inside it.
    void addProblem(std::uint64_t number, std::int64_t offset, std::string message);
    // End of input: reassembly state is given up, pending queries become unanswered.
    void finish();

    const PacketStats& stats() const { return m_stats; }
    const IpFragmentReassembler& fragments() const { return m_fragments; }
    const TcpDnsReassembler& tcp() const { return m_tcp; }
    void takeProblems(std::vector<CaptureProblem>& out);

    static std::string position(std::uint64_t number, std::int64_t offset);

private:
    struct Packet
    {
        std::int64_t timeUsec;
        std::uint64_t number;
        std::int64_t offset;
    };

    void handleIpv4(const std::uint8_t* p, std::size_t n);
    void handleIpv6(const std::uint8_t* p, std::size_t n);
    void handleIpv6Chain(std::uint8_t next, const IpAddress& src, const IpAddress& dst, const std::uint8_t* p,
        std::size_t n, bool truncated, bool reassembled);
    void handleTransport(std::uint8_t proto, const IpAddress& src, const IpAddress& dst, const std::uint8_t* p,
        std::size_t n, bool truncated);
    void handleMessage(const std::uint8_t* data, std::size_t size, const MessageContext& ctx, bool truncated);
    bool classify(std::uint16_t srcPort, std::uint16_t dstPort, bool udp, DnsService& service) const;
    void countSkippedLocalLink(std::uint16_t srcPort, std::uint16_t dstPort);
    void headerProblem(std::string message);
    void tick(std::int64_t timeUsec);

    CaptureOptions m_options;
    DnsMessageConsumer& m_consumer;
    IpFragmentReassembler m_fragments;
    TcpDnsReassembler m_tcp;
    DnsMessage m_message;
    std::vector<std::uint8_t> m_reassembled;
    std::vector<CaptureProblem> m_problems;
    // Per port: 0 = not ours, 1 + DnsService otherwise.
    std::array<std::uint8_t, 65536> m_udpPorts{};
    std::array<std::uint8_t, 65536> m_tcpPorts{};
    PacketStats m_stats;
    Packet m_packet{0, 0, -1};
    std::int64_t m_now = 0; // latest capture time seen
    std::int64_t m_lastSweep = 0; // last reassembly/query expiry pass
    int m_dlt = -1;
};

} // namespace pdnsw
