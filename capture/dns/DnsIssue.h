#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace pdnsw {

// What was wrong in a DNS message, as bits of DnsMessage::issues. Each names one malformed-input case of
// reliability.md B.1 so a file's decode-error report can say what it met, not only that something failed.
enum class DnsIssue : std::uint32_t
{
    None = 0,
    TruncatedHeader = 1u << 0, // fewer than 12 bytes (including an empty payload): nothing decoded
    CountsExceedData = 1u << 1, // the message ended on a record boundary before QD/AN/NS/ARCOUNT were met
    RecordTruncated = 1u << 2, // the message ended inside a question or a record's fixed fields
    PointerLoop = 1u << 3, // a compression pointer into the name part being read (self or cycle)
    ForwardPointer = 1u << 4, // a compression pointer past its own position (not strictly backwards)
    PointerOutOfRange = 1u << 5, // a compression pointer at or beyond the message end
    PointerIntoHeader = 1u << 6, // a compression pointer into the 12-byte header
    PointerIntoLabel = 1u << 7, // a compression pointer into the middle of a label (not a label start)
    TooManyPointers = 1u << 8, // more than 127 pointer hops in one name
    LabelPastEnd = 1u << 9, // a label's length runs past the end of the message or of the RDATA
    MissingTerminator = 1u << 10, // a name ran to the end of the data without its root label
    BadLabelType = 1u << 11, // label type bits 01 or 10 (extended / reserved labels)
    NameTooLong = 1u << 12, // a name over 255 wire octets after decompression
    RdataOverrun = 1u << 13, // RDLENGTH past the end of the message
    RdataMalformed = 1u << 14, // RDATA wrong for its type (A with 3 octets, a name or string past RDLENGTH)
    BadOpt = 1u << 15, // an OPT RR out of place, repeated, or with an option running past its RDATA
    BadEdnsOption = 1u << 16, // an EDNS option with an impossible value (client subnet prefix/length)
    TrailingData = 1u << 17, // octets after the last counted record (informational, not an error)
};

inline constexpr std::uint32_t kDnsIssueBits = (1u << 18) - 1;
// Issues that mean the message was malformed; TrailingData alone does not.
inline constexpr std::uint32_t kDnsErrorIssues = kDnsIssueBits & ~static_cast<std::uint32_t>(DnsIssue::TrailingData);

constexpr std::uint32_t operator|(std::uint32_t bits, DnsIssue issue)
{
    return bits | static_cast<std::uint32_t>(issue);
}

// Stable identifiers for reports and tests: "pointer-loop", "forward-pointer", ...; "" for None or a mix.
std::string_view dnsIssueName(DnsIssue issue);

// Comma-separated names of every bit set in a DnsMessage::issues value ("" when none).
std::string dnsIssueList(std::uint32_t issues);

} // namespace pdnsw
