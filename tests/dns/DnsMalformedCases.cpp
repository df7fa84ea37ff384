#include "dns/DnsMalformedCases.h"

#include "dns/DnsWire.h"

namespace pdnsw::test {
namespace {

constexpr std::uint16_t kA = 1, kCname = 5, kTxt = 16, kAaaa = 28, kOpt = 41, kNull = 10;

QByteArray repeat(char c, int n)
{
    return QByteArray(n, c);
}

// header + "example.com A" question at offset 12, the usual start of a response.
DnsWire withQuestion(std::uint16_t an, std::uint16_t ns = 0, std::uint16_t ar = 0)
{
    DnsWire w = DnsWire::header(1, an, ns, ar);
    w.question("example.com", kA);
    return w;
}

QByteArray a(int last)
{
    return fromHex("c00002").append(static_cast<char>(last));
}

} // namespace

QList<MalformedCase> malformedCases()
{
    QList<MalformedCase> cases;
    const QString q = QStringLiteral("Q example.com A");
    const QString an1 = QStringLiteral(" | AN example.com A 192.0.2.1");
    const QString an2 = QStringLiteral(" | AN example.com A 192.0.2.2");

    // 1-2. Pointer cycles: a name pointing at itself, two names pointing at each other, a label then a
    // pointer back to its own start.
    cases.append({"self-pointer", DnsWire::header(1).hex("c00c 0001 0001"), "pointer-loop", ""});
    cases.append(
        {"two-name-cycle", DnsWire::header(2).hex("c014 0001 0001 0000 c00c 0001 0001"), "forward-pointer", ""});
    cases.append({"label-then-pointer-cycle", DnsWire::header(1).hex("03616263 c00c 0001 0001"), "pointer-loop", ""});
    // 3. A pointer past its own position (tcpdump dns_fwdptr), and beyond the end of a 60-byte message.
    {
        DnsWire w = DnsWire::header(1, 1);
        w.question("a.example", kA); // 12..26
        w.pointer(39).rr(kA, a(1)); // owner at 27 points at this record's RDATA
        cases.append({"forward-pointer", w, "forward-pointer", "Q a.example A"});
    }
    {
        DnsWire w = DnsWire::header(1);
        w.hex("c3ff 0001 0001").bytes(repeat('\0', 42));
        cases.append({"pointer-beyond-end-60", w, "pointer-out-of-range", ""});
    }
    // 4. Into the header, into the middle of a label, into a record's fixed fields.
    cases.append({"pointer-into-header", DnsWire::header(1).hex("c005 0001 0001"), "pointer-into-header", ""});
    {
        DnsWire w = DnsWire::header(1, 1);
        w.question("www.example.com", kA).pointer(14).rr(kA, a(1));
        cases.append({"pointer-mid-label", w, "pointer-into-label", "Q www.example.com A"});
    }
    {
        DnsWire w = withQuestion(2);
        w.pointer(12).rr(kA, a(1)); // 29..44
        w.pointer(31).rr(kA, a(2)); // 31 is the first record's TYPE field
        cases.append({"pointer-into-fixed-fields", w, "pointer-into-label", q + an1});
    }
    // 5. A label longer than what is left; a name that runs to the end without its root label.
    cases.append({"label-past-end", DnsWire::header(1).hex("3f").bytes(repeat('a', 10)), "label-past-end", ""});
    {
        DnsWire w = DnsWire::header(1);
        w.labels("www.example");
        cases.append({"missing-terminator", w, "missing-terminator", ""});
    }
    {
        DnsWire w = withQuestion(1);
        w.hex("c0"); // a pointer cut in half by the end of the message
        cases.append({"pointer-cut-at-end", w, "label-past-end", q});
    }
    // 6. Reserved label types 01 and 10, and the unknown EDNS0 extended label type 0x41.
    cases.append({"label-type-40", DnsWire::header(1).hex("40 01 61 00 0001 0001"), "bad-label-type", ""});
    cases.append({"label-type-80", DnsWire::header(1).hex("80 01 61 00 0001 0001"), "bad-label-type", ""});
    cases.append({"edns0-elt-41", DnsWire::header(1).hex("41 01 61 00 0001 0001"), "bad-label-type", ""});
    {
        DnsWire w = withQuestion(1);
        w.hex("03 777777 80").rr(kA, a(1));
        cases.append({"bad-label-type-after-label", w, "bad-label-type", q});
    }
    // 7. Names over 255 octets: five 63-octet labels; a 63-octet label before a pointer to a 193-octet name.
    {
        DnsWire w = DnsWire::header(1);
        for (int i = 0; i < 5; ++i)
            w.label(repeat('a', 63));
        w.u8(0).u16(kA).u16(1);
        cases.append({"five-63-octet-labels", w, "name-too-long", ""});
    }
    {
        DnsWire w = DnsWire::header(2);
        for (int i = 0; i < 3; ++i)
            w.label(repeat('b', 63));
        w.u8(0).u16(kA).u16(1);
        w.label(repeat('c', 63)).pointer(12).u16(kA).u16(1);
        const QString long3 = QString(63, 'b') + '.' + QString(63, 'b') + '.' + QString(63, 'b');
        cases.append({"pointer-suffix-over-255", w, "name-too-long", QStringLiteral("Q %1 A").arg(long3)});
    }
    // Pointer hops: a chain of owners each pointing at the previous one; the 128th hop is refused.
    {
        DnsWire w = DnsWire::header(1, 130);
        w.question("a", kA); // 12..18
        QString survivors = QStringLiteral("Q a A");
        int previous = 12;
        for (int i = 0; i < 130; ++i) {
            const int here = w.size();
            w.pointer(static_cast<std::uint16_t>(previous)).rr(kNull, {});
            previous = here;
            if (i < 127)
                survivors += QStringLiteral(" | AN a NULL \\# 0");
        }
        cases.append({"pointer-chain-128-hops", w, "too-many-pointers", survivors});
    }
    // 8. RDLENGTH: past the end, >= 0x8000, wrong for the type; names and strings past RDLENGTH.
    {
        DnsWire w = withQuestion(3);
        w.pointer(12).rr(kA, a(1)).pointer(12).rr(kA, a(2)).pointer(12).rrHeader(kA, 100).bytes(a(3));
        cases.append({"rdlength-past-end", w, "rdata-overrun", q + an1 + an2});
    }
    {
        DnsWire w = withQuestion(2);
        w.pointer(12).rr(kA, a(1)).pointer(12).rrHeader(kA, 0x8004).bytes(a(3));
        cases.append({"rdlength-0x8004", w, "rdata-overrun", q + an1});
    }
    {
        DnsWire w = withQuestion(2);
        w.pointer(12).rr(kA, fromHex("c00002")).pointer(12).rr(kA, a(2));
        cases.append({"a-with-3-octets", w, "rdata-malformed", q + an2});
    }
    {
        DnsWire w = withQuestion(2);
        w.pointer(12).rr(kAaaa, repeat('\1', 15)).pointer(12).rr(kA, a(2));
        cases.append({"aaaa-with-15-octets", w, "rdata-malformed", q + an2});
    }
    {
        DnsWire w = withQuestion(1);
        w.pointer(12).rr(kCname, fromHex("03777777 01"));
        cases.append({"cname-name-past-rdlength", w, "label-past-end,rdata-malformed", q});
    }
    {
        DnsWire w = withQuestion(2);
        w.pointer(12).rr(kCname, fromHex("03777777")); // the root label is missing inside RDLENGTH
        w.pointer(12).rr(kA, a(2));
        cases.append({"cname-missing-terminator-in-rdata", w, "missing-terminator,rdata-malformed", q + an2});
    }
    {
        DnsWire w = withQuestion(2);
        w.pointer(12).rr(kCname, fromHex("03777777 c03c")); // points forward, past itself
        w.pointer(12).rr(kA, a(2));
        cases.append({"cname-forward-pointer", w, "forward-pointer,rdata-malformed", q + an2});
    }
    {
        DnsWire w = withQuestion(1);
        w.pointer(12).rr(kCname, fromHex("03777777 c00c 00")); // a stray octet after a complete name
        cases.append({"cname-octets-after-name", w, "rdata-malformed", q});
    }
    {
        DnsWire w = withQuestion(1);
        w.pointer(12).rr(kTxt, fromHex("05 6162"));
        cases.append({"txt-string-past-rdlength", w, "rdata-malformed", q});
    }
    // 9. Counts larger than the data; short headers.
    {
        DnsWire w = DnsWire::header(65535, 65535, 65535, 65535);
        w.question("a.example", kA);
        cases.append({"qdcount-65535", w, "counts-exceed-data", "Q a.example A"});
    }
    {
        DnsWire w = DnsWire::header(1, 65535);
        w.question("example.com", kA).pointer(12).rr(kA, a(1));
        cases.append({"ancount-65535", w, "counts-exceed-data", q + an1});
    }
    cases.append({"empty-payload", QByteArray(), "truncated-header", ""});
    cases.append({"header-11-octets", fromHex("1234 8180 0001 0000 0000 00"), "truncated-header", ""});
    {
        DnsWire w = DnsWire::header(1);
        w.name("example.com").u16(kA);
        cases.append({"question-fixed-fields-cut", w, "record-truncated", ""});
    }
    {
        DnsWire w = withQuestion(1);
        w.pointer(12).hex("0001 0001 00");
        cases.append({"record-fixed-fields-cut", w, "record-truncated", q});
    }
    // 10. EDNS: an option running past the OPT RR, an impossible client subnet, OPT out of place, two OPTs.
    {
        DnsWire w = withQuestion(0, 0, 1);
        w.u8(0).rr(kOpt, fromHex("0008 000a 0001 1800"), 0, 1232);
        cases.append({"opt-option-past-rr", w, "bad-opt", q});
    }
    {
        DnsWire w = withQuestion(0, 0, 1);
        w.u8(0).rr(kOpt, fromHex("0008 0008 0001 1800 c6336400"), 0, 1232); // /24 carries 3 octets, not 4
        cases.append({"ecs-prefix-length-mismatch", w, "bad-edns-option", q});
    }
    {
        DnsWire w = withQuestion(2);
        w.u8(0).rr(kOpt, {}, 0, 1232).pointer(12).rr(kA, a(1));
        cases.append({"opt-in-answer-section", w, "bad-opt", q + an1});
    }
    {
        DnsWire w = withQuestion(0, 0, 2);
        w.u8(0).rr(kOpt, {}, 0, 1232).u8(0).rr(kOpt, {}, 0, 512);
        cases.append({"two-opt-records", w, "bad-opt", q});
    }
    {
        DnsWire w = withQuestion(0, 0, 1);
        w.pointer(12).rr(kOpt, {}, 0, 1232);
        cases.append({"opt-owner-not-root", w, "bad-opt", q});
    }
    // Octets after the last counted record are reported but are not an error.
    {
        DnsWire w = withQuestion(1);
        w.pointer(12).rr(kA, a(1)).hex("000000");
        cases.append({"trailing-octets", w, "trailing-data", q + an1});
    }
    return cases;
}

} // namespace pdnsw::test
