// libFuzzer entry point for the DNS message decoder (reliability.md B.1). Built as a libFuzzer target with
// PDNSW_ENABLE_FUZZING=ON under clang, and always linked into fuzz_dns_seed_runner. Every invariant failure
// aborts, which both harnesses report as a crash.

#include "capture/dns/DnsMessage.h"

#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace {

[[noreturn]] void fail(const char* what, const std::string& detail)
{
    std::fprintf(stderr, "fuzz_dns_message invariant broken: %s: %s\n", what, detail.c_str());
    std::abort();
}

bool printable(const std::string& text)
{
    for (unsigned char c : text) {
        if (c < 0x20 || c > 0x7e)
            return false;
    }
    return true;
}

// Undoes the presentation escapes of a name and checks the wire limits: labels 1..63 octets, at most 255
// octets with the length octets and the root.
void checkName(const std::string& text)
{
    if (text.empty() || !printable(text) || text.find(' ') != std::string::npos)
        fail("name text", text);
    if (text == ".")
        return;
    std::size_t wire = 1, label = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c >= 'A' && c <= 'Z')
            fail("upper case survived", text);
        if (c == '.') {
            if (label == 0)
                fail("empty label", text);
            wire += 1 + label;
            label = 0;
            continue;
        }
        if (c == '\\') {
            if (i + 1 < text.size() && text[i + 1] == '.') {
                ++i;
            } else if (i + 3 < text.size() && std::isdigit(static_cast<unsigned char>(text[i + 1]))) {
                const int value = std::atoi(text.substr(i + 1, 3).c_str());
                if (value > 255)
                    fail("escape value", text);
                i += 3;
            } else {
                fail("bad escape", text);
            }
        }
        ++label;
        if (label > 63)
            fail("label over 63 octets", text);
    }
    if (label == 0)
        fail("empty last label", text);
    wire += 1 + label;
    if (wire > 255)
        fail("name over 255 octets", text);
}

std::string fingerprint(const pdnsw::DnsMessage& m)
{
    std::string f = std::to_string(m.id) + '/' + std::to_string(m.rcode) + '/' + std::to_string(m.issues) + '/'
        + std::to_string(m.droppedRecords) + '/' + (m.hasEdns ? "E" : "-");
    for (const auto& q : m.questions())
        f += "|Q " + q.name + ' ' + std::to_string(q.qtype) + ' ' + std::to_string(q.qclass);
    for (const auto& r : m.records())
        f += "|R " + std::to_string(static_cast<int>(r.section)) + ' ' + r.name + ' ' + std::to_string(r.type) + ' '
            + std::to_string(r.ttl) + ' ' + r.rdata;
    for (const auto& o : m.edns.options())
        f += "|O " + o.text;
    return f;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    // One message reused across inputs, as the packet path does, and a fresh one that walks every name
    // without the suffix cache: both must agree.
    static pdnsw::DnsMessage reused;
    pdnsw::DnsMessage fresh;
    fresh.m_nameScratch.cacheEnabled = false;
    const bool ok = pdnsw::parseDnsMessage(data, size, reused);
    const bool okFresh = pdnsw::parseDnsMessage(data, size, fresh);
    if (ok != okFresh || fingerprint(reused) != fingerprint(fresh))
        fail("cached (reused) and uncached (fresh) decodes differ", fingerprint(reused) + " <> " + fingerprint(fresh));
    if (ok != !reused.isMalformed())
        fail("return value", std::to_string(reused.issues));
    if ((reused.issues & ~pdnsw::kDnsIssueBits) != 0)
        fail("unknown issue bits", std::to_string(reused.issues));
    if (size < 12 && !reused.hasIssue(pdnsw::DnsIssue::TruncatedHeader))
        fail("short input without truncated-header", std::to_string(size));
    if (reused.firstIssueOffset > size)
        fail("issue offset past the input", std::to_string(reused.firstIssueOffset));
    // Linear work: at most 256 steps per two octets.
    if (reused.steps > 256 * (size / 2 + 1))
        fail("steps", std::to_string(reused.steps));
    // Every record needs at least 11 octets (root owner + fixed fields), every question 5.
    if (reused.records().size() * 11 + reused.questions().size() * 5 > size)
        fail("more records than octets allow", std::to_string(reused.records().size()));

    for (const auto& q : reused.questions())
        checkName(q.name);
    for (const auto& r : reused.records()) {
        checkName(r.name);
        if (!printable(r.rdata))
            fail("rdata text", r.rdata);
        if (static_cast<std::size_t>(r.rdataOffset) + r.rdataLength > size)
            fail("rdata outside the message", std::to_string(r.rdataOffset));
    }
    for (const auto& o : reused.edns.options()) {
        if (!printable(o.text))
            fail("edns option text", o.text);
    }
    return 0;
}
