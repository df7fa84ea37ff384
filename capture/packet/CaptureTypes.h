#pragma once

#include "capture/packet/IpAddress.h"
#include "models/Observation.h"

#include <cstdint>
#include <string>
#include <vector>

namespace pdnsw {

// Which protocol a message belongs to, by port. mDNS and LLMNR use the DNS wire format but are local-link name
// services, so their records stay labelled and apart from unicast DNS.
enum class DnsService : std::uint8_t
{
    Dns = 0,
    Mdns = 1, // UDP 5353
    Llmnr = 2, // UDP/TCP 5355
};

// "dns", "mdns", "llmnr".
const char* dnsServiceName(DnsService service);

enum class DnsTransport : std::uint8_t
{
    Udp = 0,
    Tcp = 1,
};

// Where one DNS message was seen.
struct MessageContext
{
    std::int64_t timeUsec = 0; // capture time, microseconds since the epoch
    IpAddress src;
    IpAddress dst;
    std::uint16_t srcPort = 0;
    std::uint16_t dstPort = 0;
    DnsTransport transport = DnsTransport::Udp;
    DnsService service = DnsService::Dns;
};

// One aggregated (rrname, rrtype, rdata, section) of one service, as the aggregator hands it over. Plain
// std::string on purpose: the decode thread builds these, the writer thread turns them into Observations.
struct AggregatedRecord
{
    std::string rrname;
    std::string rdata;
    std::uint16_t rrtype = 0;
    Section section = Section::Answer;
    DnsService service = DnsService::Dns;
    std::int64_t firstSeen = 0; // UTC seconds
    std::int64_t lastSeen = 0;
    std::int64_t count = 0;
    std::int64_t ttlMin = -1; // -1: no TTL (a negative answer without SOA)
    std::int64_t ttlMax = -1;
    int rcode = 0;
    std::vector<IpAddress> clients; // bounded
    std::vector<IpAddress> servers; // bounded
};

// A query that got no answer within the file (or the timeout, in capture time).
struct UnansweredQuery
{
    std::string rrname;
    std::uint16_t rrtype = 0;
    std::int64_t time = 0; // UTC seconds of the query
};

// A problem with one packet or with the file: "packet 4711 (offset 123456)" + what went wrong.
struct CaptureProblem
{
    std::string position;
    std::string message;
};

// Turns an aggregated record into the case's vocabulary (addresses as comma-separated text, mDNS/LLMNR as
// attrs {"proto":"mdns"}).
Observation toObservation(const AggregatedRecord& record);

} // namespace pdnsw
