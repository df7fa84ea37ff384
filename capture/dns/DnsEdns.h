#pragma once

#include "capture/dns/DnsIssue.h"

#include <cstddef>
#include <cstdint>

namespace pdnsw {

struct EdnsInfo;

// Fills `edns` from an OPT pseudo-RR (RFC 6891): the requestor's UDP size from CLASS, the extended rcode,
// version and flags from TTL, and each option of RDATA [offset, offset + length) in its text form. Returns
// the first problem met (BadOpt for an option running past the RDATA, BadEdnsOption for an impossible value);
// options before it are kept.
DnsIssue parseEdns(const std::uint8_t* message, std::size_t offset, std::size_t length, std::uint16_t rrclass,
    std::uint32_t ttl, EdnsInfo& edns);

} // namespace pdnsw
