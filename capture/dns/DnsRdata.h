#pragma once

#include "capture/dns/DnsIssue.h"

#include <cstddef>
#include <cstdint>
#include <string>

namespace pdnsw {

class DnsNameReader;

struct RdataTextResult
{
    DnsIssue issue = DnsIssue::None;
    std::size_t issueOffset = 0;
};

// Appends the canonical presentation text of one RR's RDATA (message bytes [offset, offset + length)) to
// `out`: A, AAAA, names, MX, TXT/SPF, SOA, SRV, CAA, NAPTR, SSHFP, TLSA, HTTPS/SVCB, DS/CDS, DNSKEY/CDNSKEY,
// RRSIG, NSEC, NSEC3, NSEC3PARAM, HINFO, URI and a few RFC 1035 name types; anything else as RFC 3597
// "\# len HEX". Every read stays inside the RDATA (names may point back into the message). On an issue `out`
// holds a partial text the caller discards. OPT is not handled here: it is EDNS, not data.
RdataTextResult appendRdataText(DnsNameReader& names, const std::uint8_t* message, std::size_t offset,
    std::size_t length, std::uint16_t type, std::string& out);

// RFC 3597 generic form "\# <len> <HEX>" ("\# 0" when empty).
void appendGenericRdata(std::string& out, const std::uint8_t* data, std::size_t length);

} // namespace pdnsw
