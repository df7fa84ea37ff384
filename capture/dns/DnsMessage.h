#pragma once

#include "capture/dns/DnsIssue.h"
#include "capture/dns/DnsNameReader.h"

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace pdnsw {

// The DNS message decoder of the capture engine. Hand-written on purpose: zero-copy, bounds-checked on every
// byte, iterative, no exceptions, and allocation-free in the steady state (a DnsMessage reused across calls
// keeps its buffers). Text from the wire is attacker-controlled: every name and rdata string here is already
// in escaped presentation form and safe to store; it is never raw bytes.
//
// Names: lower-case (0x20 mixed case folded), no trailing dot, the root as ".", every octet outside
// [a-z0-9-_*] written as \DDD and a '.' inside a label as "\.". Pointers must point strictly backwards
// (before the start of the name part being read), at most 127 hops, labels <= 63, names <= 255 wire octets.

enum class DnsSection : std::uint8_t
{
    Answer = 0,
    Authority = 1,
    Additional = 2,
};

std::string_view dnsSectionName(DnsSection section); // "answer", "authority", "additional"

struct DnsFlags
{
    bool qr = false; // response
    std::uint8_t opcode = 0;
    bool aa = false;
    bool tc = false;
    bool rd = false;
    bool ra = false;
    bool z = false; // the reserved bit, kept because odd senders set it
    bool ad = false;
    bool cd = false;
};

struct DnsQuestion
{
    std::string name; // presentation text as described above
    std::uint16_t qtype = 0;
    std::uint16_t qclass = 0; // raw; in mDNS the top bit is the unicast-response (QU) bit
};

struct DnsRecord
{
    DnsSection section = DnsSection::Answer;
    std::string name; // owner name, presentation text
    std::uint16_t type = 0;
    std::uint16_t rrclass = 0; // raw; in mDNS the top bit is the cache-flush bit
    std::uint32_t ttl = 0; // raw 32-bit value as on the wire
    std::string rdata; // canonical text ("192.0.2.1", "10 mx.example.com", "\# 3 0A0B0C", ...)
    std::uint16_t rdataOffset = 0; // where the RDATA starts in the message, for callers that want the bytes
    std::uint16_t rdataLength = 0;
};

struct EdnsOption
{
    std::uint16_t code = 0;
    // "ecs=198.51.100.0/24/0", "cookie=<hex>", "nsid=<hex>", "ede=<info-code>[ <text>]", "padding=<len>",
    // "keepalive=<100ms units>", anything else "opt<code>=<hex>".
    std::string text;
};

struct EdnsInfo
{
    std::uint16_t udpSize = 0;
    std::uint8_t extendedRcode = 0; // upper 8 bits of the 12-bit rcode
    std::uint8_t version = 0;
    bool dnssecOk = false;
    std::uint16_t flags = 0; // the 16 flag bits, DO included
    std::span<const EdnsOption> options() const { return {m_options.data(), m_optionCount}; }

    // Reused storage (see DnsMessage); read through options().
    std::vector<EdnsOption> m_options;
    std::size_t m_optionCount = 0;
};

class DnsMessage
{
public:
    std::uint16_t id = 0;
    DnsFlags flags;
    // The 4-bit header rcode, combined with the EDNS extended rcode when an OPT record is present (BADVERS=16).
    int rcode = 0;
    // Header counts as on the wire; the decoded vectors below may hold fewer when the message is malformed.
    std::uint16_t qdcount = 0, ancount = 0, nscount = 0, arcount = 0;
    bool hasEdns = false;
    EdnsInfo edns;
    std::uint32_t issues = 0; // DnsIssue bits
    std::uint32_t firstIssueOffset = 0; // message offset where the first issue was met
    std::uint32_t droppedRecords = 0; // records framed correctly but with broken RDATA, left out of records()
    std::uint32_t steps = 0; // label and pointer steps taken, a termination witness for tests
    // True when decoding stopped before the end (a header, question or owner-name problem); records() then
    // holds what preceded the problem.
    bool incomplete = false;

    std::span<const DnsQuestion> questions() const { return {m_questions.data(), m_questionCount}; }
    // Answer, authority and additional records in wire order; the OPT record is in edns, not here.
    std::span<const DnsRecord> records() const { return {m_records.data(), m_recordCount}; }
    std::size_t sectionCount(DnsSection section) const;

    bool hasIssue(DnsIssue issue) const { return (issues & static_cast<std::uint32_t>(issue)) != 0; }
    bool isMalformed() const { return (issues & kDnsErrorIssues) != 0; }

    // Forgets the content but keeps every buffer's capacity.
    void clear();
    // Copies the header, questions and records (not EDNS, issues or scratch) into this message's buffers,
    // reusing their capacity: what aggregation reads, handed from the decoding thread to the aggregating one.
    void copyRecordsFrom(const DnsMessage& other);

    // Reused storage, filled by parseDnsMessage; read through questions() / records().
    std::vector<DnsQuestion> m_questions;
    std::size_t m_questionCount = 0;
    std::vector<DnsRecord> m_records;
    std::size_t m_recordCount = 0;
    DnsNameScratch m_nameScratch; // label offsets and decoded name suffixes of the current message
};

// Decodes one DNS message (the UDP payload, or one TCP message without its 2-byte length prefix). Returns
// true when the message decoded without an error issue (TrailingData allowed). On false, `out` still holds
// everything decoded before the problem (a message whose 3rd answer is broken yields the first two) and
// `out.issues` says what went wrong. Never reads outside [data, data + size), never throws, and its work is
// bounded linearly by `size`.
bool parseDnsMessage(const std::uint8_t* data, std::size_t size, DnsMessage& out);

// RCODE mnemonic for the combined 12-bit rcode: "NOERROR", "NXDOMAIN", "BADVERS", ...; "RCODE<n>" otherwise.
std::string rcodeMnemonic(int rcode);
// OPCODE mnemonic: "QUERY", "IQUERY", "STATUS", "NOTIFY", "UPDATE", "DSO", "OPCODE<n>" otherwise.
std::string opcodeMnemonic(int opcode);

} // namespace pdnsw
