#include "capture/dns/DnsIssue.h"

namespace pdnsw {

std::string_view dnsIssueName(DnsIssue issue)
{
    switch (issue) {
    case DnsIssue::None:
        return {};
    case DnsIssue::TruncatedHeader:
        return "truncated-header";
    case DnsIssue::CountsExceedData:
        return "counts-exceed-data";
    case DnsIssue::RecordTruncated:
        return "record-truncated";
    case DnsIssue::PointerLoop:
        return "pointer-loop";
    case DnsIssue::ForwardPointer:
        return "forward-pointer";
    case DnsIssue::PointerOutOfRange:
        return "pointer-out-of-range";
    case DnsIssue::PointerIntoHeader:
        return "pointer-into-header";
    case DnsIssue::PointerIntoLabel:
        return "pointer-into-label";
    case DnsIssue::TooManyPointers:
        return "too-many-pointers";
    case DnsIssue::LabelPastEnd:
        return "label-past-end";
    case DnsIssue::MissingTerminator:
        return "missing-terminator";
    case DnsIssue::BadLabelType:
        return "bad-label-type";
    case DnsIssue::NameTooLong:
        return "name-too-long";
    case DnsIssue::RdataOverrun:
        return "rdata-overrun";
    case DnsIssue::RdataMalformed:
        return "rdata-malformed";
    case DnsIssue::BadOpt:
        return "bad-opt";
    case DnsIssue::BadEdnsOption:
        return "bad-edns-option";
    case DnsIssue::TrailingData:
        return "trailing-data";
    }
    return {};
}

std::string dnsIssueList(std::uint32_t issues)
{
    std::string list;
    for (std::uint32_t bit = 1; bit != 0 && bit <= kDnsIssueBits; bit <<= 1) {
        if (!(issues & bit))
            continue;
        if (!list.empty())
            list += ',';
        list += dnsIssueName(static_cast<DnsIssue>(bit));
    }
    return list;
}

} // namespace pdnsw
