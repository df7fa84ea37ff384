#include "capture/dns/DnsEdns.h"

#include "capture/dns/DnsMessage.h"
#include "capture/dns/DnsPresentation.h"

#include <cstring>

namespace pdnsw {
namespace {

using namespace dnstext;

enum : std::uint16_t
{
    kNsid = 3,
    kClientSubnet = 8,
    kCookie = 10,
    kKeepalive = 11,
    kPadding = 12,
    kExtendedError = 15,
};

// "ecs=198.51.100.0/24/0" (RFC 7871): family, source prefix, scope prefix, then only the prefix's octets.
bool appendClientSubnet(std::string& out, const std::uint8_t* value, std::size_t length)
{
    if (length < 4)
        return false;
    const std::uint16_t family = static_cast<std::uint16_t>(value[0] << 8 | value[1]);
    const std::uint8_t source = value[2];
    const std::uint8_t scope = value[3];
    const std::size_t addressSize = family == 1 ? 4 : family == 2 ? 16 : 0;
    if (addressSize == 0 || source > addressSize * 8 || scope > addressSize * 8)
        return false;
    const std::size_t present = length - 4;
    if (present != (source + 7u) / 8u)
        return false;
    std::uint8_t address[16] = {};
    std::memcpy(address, value + 4, present);
    out += "ecs=";
    if (addressSize == 4)
        appendIpv4(out, address);
    else
        appendIpv6(out, address);
    out.push_back('/');
    appendDecimal(out, source);
    out.push_back('/');
    appendDecimal(out, scope);
    return true;
}

void appendGenericOption(std::string& out, std::uint16_t code, const std::uint8_t* value, std::size_t length)
{
    out += "opt";
    appendDecimal(out, code);
    out.push_back('=');
    appendHexLower(out, value, length);
}

bool appendOption(std::string& out, std::uint16_t code, const std::uint8_t* value, std::size_t length)
{
    switch (code) {
    case kClientSubnet:
        return appendClientSubnet(out, value, length);
    case kNsid:
        out += "nsid=";
        appendHexLower(out, value, length);
        return true;
    case kCookie:
        // A client cookie is 8 octets; with a server cookie 16 to 40 (RFC 7873).
        if (length != 8 && (length < 16 || length > 40))
            return false;
        out += "cookie=";
        appendHexLower(out, value, length);
        return true;
    case kKeepalive:
        if (length == 0) {
            out += "keepalive";
            return true;
        }
        if (length != 2)
            return false;
        out += "keepalive=";
        appendDecimal(out, static_cast<std::uint16_t>(value[0] << 8 | value[1]));
        return true;
    case kPadding:
        out += "padding=";
        appendDecimal(out, length);
        return true;
    case kExtendedError:
        if (length < 2)
            return false;
        out += "ede=";
        appendDecimal(out, static_cast<std::uint16_t>(value[0] << 8 | value[1]));
        if (length > 2) {
            out.push_back(' ');
            appendQuoted(out, value + 2, length - 2);
        }
        return true;
    default:
        appendGenericOption(out, code, value, length);
        return true;
    }
}

} // namespace

DnsIssue parseEdns(const std::uint8_t* message, std::size_t offset, std::size_t length, std::uint16_t rrclass,
    std::uint32_t ttl, EdnsInfo& edns)
{
    edns.udpSize = rrclass;
    edns.extendedRcode = static_cast<std::uint8_t>(ttl >> 24);
    edns.version = static_cast<std::uint8_t>(ttl >> 16);
    edns.flags = static_cast<std::uint16_t>(ttl);
    edns.dnssecOk = (ttl & 0x8000) != 0;
    edns.m_optionCount = 0;

    DnsIssue issue = DnsIssue::None;
    std::size_t pos = offset;
    const std::size_t end = offset + length;
    while (end - pos >= 4) {
        const std::uint16_t code = static_cast<std::uint16_t>(message[pos] << 8 | message[pos + 1]);
        const std::size_t size = static_cast<std::size_t>(message[pos + 2] << 8 | message[pos + 3]);
        pos += 4;
        if (size > end - pos)
            return DnsIssue::BadOpt;
        if (edns.m_optionCount == edns.m_options.size())
            edns.m_options.emplace_back();
        EdnsOption& option = edns.m_options[edns.m_optionCount];
        option.code = code;
        option.text.clear();
        if (!appendOption(option.text, code, message + pos, size)) {
            // Keep the bytes in the generic form so nothing is lost, and say the value was impossible.
            option.text.clear();
            appendGenericOption(option.text, code, message + pos, size);
            if (issue == DnsIssue::None)
                issue = DnsIssue::BadEdnsOption;
        }
        ++edns.m_optionCount;
        pos += size;
    }
    if (pos != end)
        return DnsIssue::BadOpt;
    return issue;
}

} // namespace pdnsw
