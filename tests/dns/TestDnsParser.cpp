#include "capture/dns/DnsMessage.h"
#include "capture/dns/DnsPresentation.h"
#include "dns/DnsMalformedCases.h"
#include "dns/DnsTestSummary.h"
#include "dns/DnsWire.h"

#include <QRandomGenerator>
#include <QTest>

#include <arpa/inet.h>

#include <cstring>

using namespace pdnsw;
using namespace pdnsw::test;

namespace {

constexpr std::uint16_t kA = 1, kNs = 2, kCname = 5, kSoa = 6, kPtr = 12, kHinfo = 13, kMx = 15, kTxt = 16, kRp = 17,
                        kAfsdb = 18, kAaaa = 28, kSrv = 33, kNaptr = 35, kDname = 39, kOpt = 41, kDs = 43, kSshfp = 44,
                        kRrsig = 46, kNsec = 47, kDnskey = 48, kNsec3 = 50, kNsec3param = 51, kTlsa = 52, kCds = 59,
                        kSvcb = 64, kHttps = 65, kSpf = 99, kUri = 256, kCaa = 257;

bool parse(const QByteArray& bytes, DnsMessage& message)
{
    return parseDnsMessage(
        reinterpret_cast<const std::uint8_t*>(bytes.constData()), static_cast<std::size_t>(bytes.size()), message);
}

// A response to "example.com <type>" whose single answer (owner: pointer to the question, offset 12) carries
// `rdata`. Inside rdata, c00c means "example.com" and c014 means "com".
QByteArray answerWith(std::uint16_t type, const QByteArray& rdata)
{
    DnsWire w = DnsWire::header(1, 1);
    w.question("example.com", type).pointer(12).rr(type, rdata);
    return w;
}

QByteArray charString(const QByteArray& text)
{
    return QByteArray(1, static_cast<char>(text.size())) + text;
}

QByteArray u16(std::uint16_t v)
{
    return DnsWire().u16(v).bytes();
}

QByteArray svcParam(std::uint16_t key, const QByteArray& value)
{
    return DnsWire().u16(key).u16(static_cast<std::uint16_t>(value.size())).bytes(value).bytes();
}

// Linear work: every step reads at least one octet of some name, and each name costs at most 127 hops plus
// 128 labels, so even a hostile message stays within this bound.
std::uint32_t stepBound(qsizetype size)
{
    return static_cast<std::uint32_t>(256 * (size / 2 + 1));
}

} // namespace

class TestDnsParser : public QObject
{
    Q_OBJECT

private slots:
    void testMalformed_data();
    void testMalformed();
    void testRdata_data();
    void testRdata();
    void testNameEscaping_data();
    void testNameEscaping();
    void testNameLengthLimits();
    void testHeaderFlags();
    void testEdns();
    void testBufferReuse();
    void testPointerAmplification();
    void testIpv6TextMatchesInetNtop();
    void testEncodings();
    void testMnemonics();
};

void TestDnsParser::testMalformed_data()
{
    QTest::addColumn<QByteArray>("message");
    QTest::addColumn<QString>("issues");
    QTest::addColumn<QString>("survivors");
    for (const MalformedCase& c : malformedCases())
        QTest::newRow(qPrintable(c.name)) << c.message << c.issues << c.survivors;
}

void TestDnsParser::testMalformed()
{
    QFETCH(QByteArray, message);
    QFETCH(QString, issues);
    QFETCH(QString, survivors);

    DnsMessage parsed;
    const bool ok = parse(message, parsed);
    QCOMPARE(QString::fromStdString(dnsIssueList(parsed.issues)), issues);
    QCOMPARE(ok, !parsed.isMalformed());
    QCOMPARE(ok, issues == QLatin1String("trailing-data"));
    QCOMPARE(summarizeForTest(parsed), survivors);
    QVERIFY2(parsed.steps <= stepBound(message.size()), qPrintable(QString::number(parsed.steps)));
    QVERIFY(parsed.firstIssueOffset <= static_cast<std::uint32_t>(message.size()));
    // The same bytes give the same result on a reused message, and without the name suffix cache.
    const QString first = summarizeForTest(parsed);
    parse(message, parsed);
    QCOMPARE(summarizeForTest(parsed), first);
    DnsMessage walked;
    walked.m_nameScratch.cacheEnabled = false;
    QCOMPARE(parse(message, walked), ok);
    QCOMPARE(walked.issues, parsed.issues);
    QCOMPARE(summarizeForTest(walked), first);
}

void TestDnsParser::testRdata_data()
{
    QTest::addColumn<int>("type");
    QTest::addColumn<QByteArray>("rdata");
    QTest::addColumn<QString>("text");

    QTest::newRow("A") << int(kA) << fromHex("c0000201") << "192.0.2.1";
    QTest::newRow("AAAA") << int(kAaaa) << fromHex("20010db8000000000000000000000001") << "2001:db8::1";
    QTest::newRow("AAAA longest zero run")
        << int(kAaaa) << fromHex("20010db8000000000001000000000000") << "2001:db8:0:0:1::";
    QTest::newRow("AAAA mapped") << int(kAaaa) << fromHex("00000000000000000000ffffc0000201") << "::ffff:192.0.2.1";
    QTest::newRow("AAAA all zero") << int(kAaaa) << QByteArray(16, '\0') << "::";
    QTest::newRow("CNAME plain") << int(kCname) << nameWire("www.Example.NET") << "www.example.net";
    QTest::newRow("CNAME compressed") << int(kCname) << fromHex("03777777 c00c") << "www.example.com";
    QTest::newRow("CNAME root") << int(kCname) << fromHex("00") << ".";
    QTest::newRow("NS") << int(kNs) << fromHex("036e7331 c00c") << "ns1.example.com";
    QTest::newRow("PTR") << int(kPtr) << nameWire("host.example.org") << "host.example.org";
    QTest::newRow("DNAME") << int(kDname) << nameWire("example.net") << "example.net";
    QTest::newRow("MX") << int(kMx) << u16(10) + fromHex("026d78 c00c") << "10 mx.example.com";
    QTest::newRow("MX null") << int(kMx) << u16(0) + fromHex("00") << "0 .";
    QTest::newRow("AFSDB") << int(kAfsdb) << u16(1) + nameWire("afs.example.com") << "1 afs.example.com";
    QTest::newRow("RP") << int(kRp) << nameWire("admin.example.com") + nameWire("txt.example.com")
                        << "admin.example.com txt.example.com";
    QTest::newRow("TXT one") << int(kTxt) << charString("v=spf1 -all") << "\"v=spf1 -all\"";
    QTest::newRow("TXT several") << int(kTxt) << charString("a") + charString("") + charString("b c")
                                 << "\"a\" \"\" \"b c\"";
    QTest::newRow("TXT escapes") << int(kTxt) << charString(QByteArray("q\"b\\s\x09\xff", 7))
                                 << "\"q\\\"b\\\\s\\009\\255\"";
    QTest::newRow("TXT empty rdata") << int(kTxt) << QByteArray() << "\"\"";
    QTest::newRow("SPF") << int(kSpf) << charString("v=spf1 mx") << "\"v=spf1 mx\"";
    QTest::newRow("HINFO") << int(kHinfo) << charString("INTEL") + charString("Linux") << "\"INTEL\" \"Linux\"";
    QTest::newRow("SOA") << int(kSoa)
                         << fromHex("036e7331 c00c") + fromHex("0a686f73746d6173746572 c00c")
            + DnsWire().u32(2024010101).u32(7200).u32(3600).u32(1209600).u32(300).bytes()
                         << "ns1.example.com hostmaster.example.com 2024010101 7200 3600 1209600 300";
    QTest::newRow("SRV") << int(kSrv) << u16(10) + u16(60) + u16(5060) + nameWire("sip.example.com")
                         << "10 60 5060 sip.example.com";
    QTest::newRow("CAA issue") << int(kCaa) << fromHex("00 05") + "issue" + "letsencrypt.org"
                               << "0 issue \"letsencrypt.org\"";
    QTest::newRow("CAA critical iodef") << int(kCaa) << fromHex("80 05") + "iodef" + "mailto:a@b.example"
                                        << "128 iodef \"mailto:a@b.example\"";
    QTest::newRow("CAA hostile tag") << int(kCaa) << fromHex("00 03") + QByteArray("a b", 3) + "x"
                                     << "0 a\\032b \"x\"";
    QTest::newRow("NAPTR") << int(kNaptr)
                           << u16(100) + u16(10) + charString("U") + charString("E2U+sip")
            + charString("!^.*$!sip:info@example.com!") + fromHex("00")
                           << "100 10 \"U\" \"E2U+sip\" \"!^.*$!sip:info@example.com!\" .";
    QTest::newRow("SSHFP") << int(kSshfp) << fromHex("01 02 0123456789abcdef") << "1 2 0123456789ABCDEF";
    QTest::newRow("TLSA") << int(kTlsa) << fromHex("03 01 01 a1b2c3") << "3 1 1 A1B2C3";
    QTest::newRow("DS") << int(kDs) << u16(12345) + fromHex("08 02 deadbeef") << "12345 8 2 DEADBEEF";
    QTest::newRow("CDS") << int(kCds) << u16(7) + fromHex("0d 02 00ff") << "7 13 2 00FF";
    QTest::newRow("DNSKEY") << int(kDnskey) << u16(257) + fromHex("03 08") + QByteArray("foobar") << "257 3 8 Zm9vYmFy";
    QTest::newRow("RRSIG") << int(kRrsig)
                           << u16(kA) + fromHex("08 02") + DnsWire().u32(300).u32(1704067200).u32(1701388800).bytes()
            + u16(12345) + fromHex("07 6578616d706c65 03 636f6d 00") + QByteArray("fo")
                           << "A 8 2 300 20240101000000 20231201000000 12345 example.com Zm8=";
    QTest::newRow("NSEC") << int(kNsec)
                          << nameWire("host.example.com") + fromHex("00 06 40 01 00 00 00 03") + fromHex("04 1b")
            + QByteArray(26, 0) + fromHex("20")
                          << "host.example.com A MX RRSIG NSEC TYPE1234";
    QTest::newRow("NSEC3") << int(
        kNsec3) << fromHex("01 00 000a 04 aabbccdd 06") + QByteArray("foobar") + fromHex("00 07 22 00 00 00 00 02 90")
                           << "1 0 10 AABBCCDD CPNMUOJ1E8 NS SOA RRSIG DNSKEY NSEC3PARAM";
    QTest::newRow("NSEC3 no salt no types") << int(kNsec3) << fromHex("01 01 0000 00 01 ff") << "1 1 0 - VS";
    QTest::newRow("NSEC3PARAM") << int(kNsec3param) << fromHex("01 00 000a 04 aabbccdd") << "1 0 10 AABBCCDD";
    QTest::newRow("HTTPS service") << int(kHttps)
                                   << u16(1) + fromHex("00") + svcParam(1, fromHex("02 6832 02 6833"))
            + svcParam(3, u16(8443)) + svcParam(4, fromHex("c0000201 c0000202"))
            + svcParam(6, fromHex("20010db8000000000000000000000001"))
                                   << "1 . alpn=h2,h3 port=8443 ipv4hint=192.0.2.1,192.0.2.2 ipv6hint=2001:db8::1";
    QTest::newRow("HTTPS mandatory ech unknown")
        << int(kHttps)
        << u16(2) + nameWire("svc.example.net") + svcParam(0, u16(1) + u16(3)) + svcParam(1, charString("h2"))
            + svcParam(2, {}) + svcParam(3, u16(443)) + svcParam(5, QByteArray("foob"))
            + svcParam(9999, fromHex("c0ffee"))
        << "2 svc.example.net mandatory=alpn,port alpn=h2 no-default-alpn port=443 ech=Zm9vYg== key9999=c0ffee";
    QTest::newRow("HTTPS alias") << int(kHttps) << u16(0) + nameWire("pool.example.net") << "0 pool.example.net";
    QTest::newRow("SVCB dohpath") << int(kSvcb)
                                  << u16(1) + nameWire("doh.example.net") + svcParam(7, "/dns-query{?dns}")
                                  << "1 doh.example.net dohpath=/dns-query{?dns}";
    QTest::newRow("URI") << int(kUri) << u16(10) + u16(1) + QByteArray("ftp://ftp1.example.com/public")
                         << "10 1 \"ftp://ftp1.example.com/public\"";
    QTest::newRow("unknown type") << 65280 << fromHex("0a0b0c") << "\\# 3 0A0B0C";
    QTest::newRow("unknown type empty") << 65280 << QByteArray() << "\\# 0";
    QTest::newRow("A6 unparsed") << 38 << fromHex("00 20010db8") << "\\# 5 0020010DB8";
}

void TestDnsParser::testRdata()
{
    QFETCH(int, type);
    QFETCH(QByteArray, rdata);
    QFETCH(QString, text);

    DnsMessage parsed;
    const QByteArray message = answerWith(static_cast<std::uint16_t>(type), rdata);
    QVERIFY2(parse(message, parsed), dnsIssueList(parsed.issues).c_str());
    QCOMPARE(parsed.records().size(), std::size_t(1));
    const DnsRecord& r = parsed.records()[0];
    QCOMPARE(r.type, static_cast<std::uint16_t>(type));
    QCOMPARE(r.name, std::string("example.com"));
    QCOMPARE(r.ttl, 300u);
    QCOMPARE(r.rdataLength, static_cast<std::uint16_t>(rdata.size()));
    QCOMPARE(QByteArray(message.constData() + r.rdataOffset, r.rdataLength), rdata);
    QCOMPARE(QString::fromStdString(r.rdata), text);

    // Every rdata cut one octet short must be refused or still framed, never read past its RDLENGTH.
    if (!rdata.isEmpty()) {
        DnsMessage cut;
        parse(answerWith(static_cast<std::uint16_t>(type), rdata.chopped(1)), cut);
        for (const DnsRecord& record : cut.records())
            QVERIFY(record.rdata != r.rdata);
    }
}

void TestDnsParser::testNameEscaping_data()
{
    QTest::addColumn<QByteArray>("label");
    QTest::addColumn<QString>("text");

    QTest::newRow("plain") << QByteArray("www") << "www.example";
    QTest::newRow("mixed case folded") << QByteArray("WwW") << "www.example";
    QTest::newRow("NUL") << QByteArray("a\0b", 3) << "a\\000b.example";
    QTest::newRow("space") << QByteArray("a b") << "a\\032b.example";
    QTest::newRow("dot inside label") << QByteArray("a.b") << "a\\.b.example";
    QTest::newRow("markup") << QByteArray("<b>") << "\\060b\\062.example";
    QTest::newRow("hash") << QByteArray("a#b") << "a\\035b.example";
    QTest::newRow("CR LF") << QByteArray("a\r\nb") << "a\\013\\010b.example";
    QTest::newRow("0xff") << QByteArray("\xff") << "\\255.example";
    QTest::newRow("U+202E") << QByteArray("\xe2\x80\xae") << "\\226\\128\\174.example";
    QTest::newRow("zero width space") << QByteArray("a\xe2\x80\x8b") << "a\\226\\128\\139.example";
    QTest::newRow("backslash") << QByteArray("a\\b") << "a\\092b.example";
    QTest::newRow("quote") << QByteArray("\"") << "\\034.example";
    QTest::newRow("ampersand") << QByteArray("&") << "\\038.example";
    QTest::newRow("RFC 2317 slash") << QByteArray("0/25") << "0/25.example";
    QTest::newRow("wildcard") << QByteArray("*") << "*.example";
    QTest::newRow("underscore") << QByteArray("_dmarc") << "_dmarc.example";
    QTest::newRow("punycode") << QByteArray("xn--bcher-kva") << "xn--bcher-kva.example";
    QTest::newRow("63 octets") << QByteArray(63, 'z') << QString(63, 'z') + ".example";
}

void TestDnsParser::testNameEscaping()
{
    QFETCH(QByteArray, label);
    QFETCH(QString, text);

    DnsWire w = DnsWire::header(1);
    w.label(label).name("EXAMPLE").u16(kA).u16(1);
    DnsMessage parsed;
    QVERIFY(parse(w, parsed));
    QCOMPARE(parsed.questions().size(), std::size_t(1));
    QCOMPARE(QString::fromStdString(parsed.questions()[0].name), text);
    // Nothing outside printable ASCII reaches the text.
    for (char c : parsed.questions()[0].name)
        QVERIFY(c > 0x20 && c < 0x7f);
}

void TestDnsParser::testNameLengthLimits()
{
    // 3 x 63 + 61: 3 * 64 + 62 + 1 = 255 wire octets is the largest legal name.
    DnsWire ok = DnsWire::header(1);
    for (int i = 0; i < 3; ++i)
        ok.label(QByteArray(63, 'a'));
    ok.label(QByteArray(61, 'b')).u8(0).u16(kA).u16(1);
    DnsMessage parsed;
    QVERIFY(parse(ok, parsed));
    QCOMPARE(parsed.questions()[0].name.size(), std::size_t(3 * 64 + 61));

    DnsWire tooLong = DnsWire::header(1);
    for (int i = 0; i < 3; ++i)
        tooLong.label(QByteArray(63, 'a'));
    tooLong.label(QByteArray(62, 'b')).u8(0).u16(kA).u16(1);
    QVERIFY(!parse(tooLong, parsed));
    QVERIFY(parsed.hasIssue(DnsIssue::NameTooLong));

    // The root name.
    DnsWire root = DnsWire::header(1);
    root.u8(0).u16(kNs).u16(1);
    QVERIFY(parse(root, parsed));
    QCOMPARE(parsed.questions()[0].name, std::string("."));
}

void TestDnsParser::testHeaderFlags()
{
    DnsMessage parsed;
    // id 0xbeef, QR, opcode 5 (UPDATE), AA, TC, RD | RA, Z, AD, CD, rcode 3.
    QVERIFY(parse(DnsWire::header(0, 0, 0, 0, 0xaf00 | 0xf3, 0xbeef), parsed));
    QCOMPARE(parsed.id, std::uint16_t(0xbeef));
    QVERIFY(parsed.flags.qr && parsed.flags.aa && parsed.flags.tc && parsed.flags.rd);
    QCOMPARE(parsed.flags.opcode, std::uint8_t(5));
    QVERIFY(parsed.flags.ra && parsed.flags.z && parsed.flags.ad && parsed.flags.cd);
    QCOMPARE(parsed.rcode, 3);
    QCOMPARE(opcodeMnemonic(parsed.flags.opcode), std::string("UPDATE"));

    QVERIFY(parse(DnsWire::header(0, 0, 0, 0, 0x0100), parsed));
    QVERIFY(!parsed.flags.qr && parsed.flags.rd && !parsed.flags.aa && !parsed.flags.tc && !parsed.flags.ra);
    QCOMPARE(parsed.rcode, 0);
}

void TestDnsParser::testEdns()
{
    const QByteArray options = fromHex("0008 0007 0001 18 00 c63364") // ecs 198.51.100.0/24/0
        + fromHex("0008 000b 0002 38 30 20010db8abcd00") // ecs 2001:db8:abcd::/56/48
        + fromHex("000a 0008 0102030405060708") // client cookie
        + fromHex("0003 0002 6e73") // nsid "ns"
        + fromHex("000c 0003 000000") // padding
        + fromHex("000f 0006 0012 6c616d65") // ede 18 "lame"
        + fromHex("fde9 0001 ff"); // unknown
    DnsWire w = DnsWire::header(1, 0, 0, 1, 0x8180);
    // TTL: extended rcode 1, version 0, DO set.
    w.question("example.com", kA).u8(0).rr(kOpt, options, 0x01008000, 1232);
    DnsMessage parsed;
    QVERIFY2(parse(w, parsed), dnsIssueList(parsed.issues).c_str());
    QVERIFY(parsed.hasEdns);
    QCOMPARE(parsed.records().size(), std::size_t(0)); // OPT is EDNS, not data
    QCOMPARE(parsed.edns.udpSize, std::uint16_t(1232));
    QCOMPARE(parsed.edns.version, std::uint8_t(0));
    QVERIFY(parsed.edns.dnssecOk);
    QCOMPARE(parsed.rcode, 16);
    QCOMPARE(rcodeMnemonic(parsed.rcode), std::string("BADVERS"));
    QStringList texts;
    for (const EdnsOption& o : parsed.edns.options())
        texts << QString::fromStdString(o.text);
    QCOMPARE(texts,
        QStringList({"ecs=198.51.100.0/24/0", "ecs=2001:db8:abcd::/56/48", "cookie=0102030405060708", "nsid=6e73",
            "padding=3", "ede=18 \"lame\"", "opt65001=ff"}));
}

void TestDnsParser::testBufferReuse()
{
    DnsWire big = DnsWire::header(1, 3, 0, 1);
    big.question("example.com", kA);
    for (int i = 1; i <= 3; ++i)
        big.pointer(12).rr(kA, fromHex("c00002").append(char(i)));
    big.u8(0).rr(kOpt, fromHex("0008 0007 0001 18 00 c63364"), 0, 4096);
    DnsMessage parsed;
    QVERIFY(parse(big, parsed));
    QCOMPARE(parsed.records().size(), std::size_t(3));
    QCOMPARE(parsed.edns.options().size(), std::size_t(1));

    DnsWire small = DnsWire::header(1, 1);
    small.question("a.example", kAaaa).pointer(12).rr(kCname, nameWire("b.example"));
    QVERIFY(parse(small, parsed));
    QCOMPARE(summarizeForTest(parsed), QString("Q a.example AAAA | AN a.example CNAME b.example"));
    QVERIFY(!parsed.hasEdns);
    QCOMPARE(parsed.edns.options().size(), std::size_t(0));
    QCOMPARE(parsed.sectionCount(DnsSection::Answer), std::size_t(1));

    QVERIFY(!parse(QByteArray(), parsed));
    QCOMPARE(parsed.questions().size(), std::size_t(0));
    QCOMPARE(parsed.records().size(), std::size_t(0));
}

void TestDnsParser::testPointerAmplification()
{
    // One 250-octet name of 125 one-letter labels, then 4000 records whose owners all point at it: the work
    // is bounded per name (RFC 9267 / FreeBSD "highly compressed names").
    DnsWire w = DnsWire::header(1, 4000);
    for (int i = 0; i < 124; ++i)
        w.label("x");
    w.u8(0).u16(kA).u16(1);
    for (int i = 0; i < 4000; ++i)
        w.pointer(12).rr(kA, fromHex("c0000201"));
    DnsMessage parsed;
    QVERIFY(parse(w, parsed));
    QCOMPARE(parsed.records().size(), std::size_t(4000));
    QCOMPARE(parsed.records()[3999].name.size(), std::size_t(124 * 2 - 1));
    QVERIFY2(parsed.steps <= stepBound(w.size()), qPrintable(QString::number(parsed.steps)));
}

void TestDnsParser::testIpv6TextMatchesInetNtop()
{
    QRandomGenerator random(20240601);
    std::uint8_t address[16];
    for (int i = 0; i < 20000; ++i) {
        // Mostly zero words, so that runs, ties and the IPv4 tails all come up.
        for (int word = 0; word < 8; ++word) {
            const quint32 pick = random.bounded(8);
            const quint32 value = pick < 4 ? 0 : pick == 4 ? 0xffff : pick == 5 ? 1 : random.bounded(0x10000);
            address[2 * word] = static_cast<std::uint8_t>(value >> 8);
            address[2 * word + 1] = static_cast<std::uint8_t>(value);
        }
        char expected[INET6_ADDRSTRLEN];
        QVERIFY(inet_ntop(AF_INET6, address, expected, sizeof expected));
        std::string ours;
        dnstext::appendIpv6(ours, address);
        QCOMPARE(QString::fromStdString(ours), QString::fromLatin1(expected));
    }
}

void TestDnsParser::testEncodings()
{
    const auto bytes = [](const char* s) { return reinterpret_cast<const std::uint8_t*>(s); };
    // RFC 4648 section 10 vectors.
    const char* inputs[] = {"", "f", "fo", "foo", "foob", "fooba", "foobar"};
    const char* base64[] = {"", "Zg==", "Zm8=", "Zm9v", "Zm9vYg==", "Zm9vYmE=", "Zm9vYmFy"};
    const char* base32hex[] = {"", "CO", "CPNG", "CPNMU", "CPNMUOG", "CPNMUOJ1", "CPNMUOJ1E8"};
    for (int i = 0; i < 7; ++i) {
        std::string b64, b32;
        dnstext::appendBase64(b64, bytes(inputs[i]), std::strlen(inputs[i]));
        dnstext::appendBase32Hex(b32, bytes(inputs[i]), std::strlen(inputs[i]));
        QCOMPARE(b64, std::string(base64[i]));
        QCOMPARE(b32, std::string(base32hex[i]));
    }
    std::string time;
    dnstext::appendSignatureTime(time, 0);
    QCOMPARE(time, std::string("19700101000000"));
    time.clear();
    dnstext::appendSignatureTime(time, 951782400); // 2000-02-29, a leap day in a century year
    QCOMPARE(time, std::string("20000229000000"));
    time.clear();
    dnstext::appendSignatureTime(time, 0xffffffffu);
    QCOMPARE(time, std::string("21060207062815"));
}

void TestDnsParser::testMnemonics()
{
    QCOMPARE(rcodeMnemonic(0), std::string("NOERROR"));
    QCOMPARE(rcodeMnemonic(3), std::string("NXDOMAIN"));
    QCOMPARE(rcodeMnemonic(23), std::string("BADCOOKIE"));
    QCOMPARE(rcodeMnemonic(4000), std::string("RCODE4000"));
    QCOMPARE(opcodeMnemonic(0), std::string("QUERY"));
    QCOMPARE(opcodeMnemonic(9), std::string("OPCODE9"));
    QCOMPARE(dnsIssueList(0), std::string());
    QCOMPARE(
        dnsIssueList(0u | DnsIssue::PointerLoop | DnsIssue::NameTooLong), std::string("pointer-loop,name-too-long"));
    QCOMPARE(dnsSectionName(DnsSection::Authority), std::string_view("authority"));
}

QTEST_GUILESS_MAIN(TestDnsParser)
#include "TestDnsParser.moc"
