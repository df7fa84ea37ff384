#pragma once

#include "capture/packet/DnsAggregator.h"
#include "capture/packet/IpFragmentReassembler.h"
#include "capture/packet/TcpDnsReassembler.h"

#include <QString>

#include <cstdint>
#include <optional>
#include <vector>

namespace pdnsw {

// What the packet path listens to and how much memory it may hold. The defaults suit both files and live
// capture; tests shrink the limits to exercise the bounds.
struct CaptureOptions
{
    std::vector<std::uint16_t> dnsPorts{53}; // unicast DNS, UDP and TCP
    bool mdns = false; // UDP 5353, labelled "mdns"
    bool llmnr = false; // UDP/TCP 5355, labelled "llmnr"

    IpFragmentReassembler::Limits fragments;
    TcpDnsReassembler::Limits tcp;
    DnsAggregator::Limits aggregator;
    std::size_t maxStoredProblems = 1000; // problems kept with their text; all are counted
    // The aggregator keeps its records until the end of a file (so a popular record is written once) unless it
    // is full; what it releases, unanswered queries and problems go to the writer every this many DNS messages
    // (as the aggregator receives them) or once this many records wait, and at the end in chunks of that size.
    // Message counts, not a clock: the same file always splits the same way. Live captures hand everything over
    // on a timer instead (LiveCaptureSettings::flushIntervalMs).
    std::uint64_t flushEveryMessages = 262144;
    std::size_t flushAtRecords = 32768;
    std::size_t flushAtBytes = 8u << 20; // or once their text reaches this (huge rdata)

    // "53,5300" -> ports; nullopt with a message for anything but 1-65535 separated by commas.
    static std::optional<std::vector<std::uint16_t>> parsePorts(const QString& text, QString* error);
    // The options as the source's parameters JSON: {"ports":[53],"mdns":false,"llmnr":false}.
    QString parametersJson() const;
};

} // namespace pdnsw
