#pragma once

#include "capture/packet/IpAddress.h"
#include "models/Observation.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace pdnsw {

// A packet's capture time in microseconds. A file's timestamps are attacker-controlled (a pcapng timestamp can
// claim any 64-bit value): the seconds are clamped to +-2^40 (about 35,000 years) so that no later arithmetic on
// times (timeouts, differences, the seconds of a record) can overflow.
inline std::int64_t captureTimeUsec(std::int64_t seconds, std::int64_t microseconds)
{
    constexpr std::int64_t kLimit = std::int64_t(1) << 40;
    seconds = seconds < -kLimit ? -kLimit : (seconds > kLimit ? kLimit : seconds);
    microseconds = microseconds < -kLimit ? -kLimit : (microseconds > kLimit ? kLimit : microseconds);
    return seconds * 1'000'000 + microseconds;
}

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
// The RR type mnemonic ("A", "TYPE65280"), shared rather than built for every record.
const QString& cachedRrTypeName(std::uint16_t type);

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

// One aggregated (rrname, rrtype, rdata, section) of one service, as the aggregator hands it over: plain data,
// its text in the batch's arena and its client and server addresses as ids of the aggregator's address table.
struct AggregatedRecord
{
    static constexpr std::size_t kMaxAddresses = 8;

    std::size_t nameOffset = 0; // into RecordBatch::text
    std::size_t rdataOffset = 0;
    std::uint32_t rdataLength = 0;
    std::uint32_t addressOffset = 0; // into RecordBatch::addressIds: the clients, then the servers
    std::uint16_t nameLength = 0;
    std::uint16_t rrtype = 0;
    std::uint16_t rcode = 0;
    Section section = Section::Answer;
    DnsService service = DnsService::Dns;
    std::uint8_t clientCount = 0;
    std::uint8_t serverCount = 0;
    std::int64_t firstSeen = 0; // UTC seconds
    std::int64_t lastSeen = 0;
    std::int64_t count = 0;
    std::int64_t ttlMin = -1; // -1: no TTL (a negative answer without SOA)
    std::int64_t ttlMax = -1;
};

// Records handed from the decoding side to the writing side in one go: one text arena and one address-id array
// instead of strings and vectors per record, and the text of the addresses interned since the previous batch.
struct RecordBatch
{
    std::string text;
    std::vector<std::uint32_t> addressIds;
    std::vector<AggregatedRecord> records;
    std::vector<std::string> newAddresses; // texts of the next address ids, in order
    bool addressesReset = false; // the receiver forgets the ids it knows before taking newAddresses

    std::string_view rrname(const AggregatedRecord& r) const { return {text.data() + r.nameOffset, r.nameLength}; }
    std::string_view rdata(const AggregatedRecord& r) const { return {text.data() + r.rdataOffset, r.rdataLength}; }
    const std::uint32_t* clients(const AggregatedRecord& r) const { return addressIds.data() + r.addressOffset; }
    const std::uint32_t* servers(const AggregatedRecord& r) const { return clients(r) + r.clientCount; }
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
// attrs {"proto":"mdns"}). `addresses` holds the text of every address id the record uses.
void toObservation(
    const RecordBatch& batch, const AggregatedRecord& record, const std::vector<QString>& addresses, Observation& out);

} // namespace pdnsw
