#include "capture/dns/DnsMessage.h"
#include "dns/DnsTestSummary.h"
#include "dns/PcapDnsPayloads.h"

#include <QDir>
#include <QHash>
#include <QTest>

using namespace pdnsw;
using namespace pdnsw::test;

namespace {

bool printable(const std::string& text)
{
    for (unsigned char c : text) {
        if (c < 0x20 || c > 0x7e)
            return false;
    }
    return true;
}

// Captures whose DNS this simple extractor cannot reach, each for a reason that belongs to the packet path
// (which has its own tests for them), not to the decoder.
const QHash<QString, QString>& unreachableByDesign()
{
    static const QHash<QString, QString> files{
        {"dnscap__frags.pcap", "every DNS message is in IPv4 fragments"},
        {"tcpdump__ppp_ip_udp_dns.pcap", "HDLC-escaped PPP frame; tshark finds no DNS in it either"},
        {"zeek__dns-inverse-query.pcap", "FDDI link type and a TCP length prefix in its own segment"},
        {"zeek__dns_proto255.pcap", "IP protocol 255, neither UDP nor TCP"},
    };
    return files;
}

QStringList captureFiles()
{
    return QDir(QStringLiteral(PDNSW_PCAP_DIR))
        .entryList({QStringLiteral("*.pcap"), QStringLiteral("*.pcapng")}, QDir::Files, QDir::Name);
}

// The decoded message of one packet of one capture (the first DNS payload in that packet).
bool decodePacket(const QString& file, int packetNumber, DnsMessage& out)
{
    const auto payloads = dnsPayloadsFromPcap(QDir(QStringLiteral(PDNSW_PCAP_DIR)).filePath(file));
    for (const PcapDnsPayload& p : payloads) {
        if (p.packetNumber == packetNumber) {
            parseDnsMessage(reinterpret_cast<const std::uint8_t*>(p.message.constData()),
                static_cast<std::size_t>(p.message.size()), out);
            return true;
        }
    }
    return false;
}

} // namespace

class TestDnsCaptures : public QObject
{
    Q_OBJECT

private slots:
    void testEveryCapture_data();
    void testEveryCapture();
    void testKnownAnswers_data();
    void testKnownAnswers();
    void testKnownIssues_data();
    void testKnownIssues();
    void testExtendedRcodes();
};

void TestDnsCaptures::testEveryCapture_data()
{
    QTest::addColumn<QString>("file");
    const QStringList files = captureFiles();
    QVERIFY2(files.size() >= 40, "the public captures are missing from tests/data/pcaps");
    for (const QString& f : files)
        QTest::newRow(qPrintable(f)) << f;
}

void TestDnsCaptures::testEveryCapture()
{
    QFETCH(QString, file);
    QString error;
    const auto payloads = dnsPayloadsFromPcap(QDir(QStringLiteral(PDNSW_PCAP_DIR)).filePath(file), &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    if (unreachableByDesign().contains(file)) {
        QVERIFY2(payloads.isEmpty(), "found DNS payloads: take the file off the unreachable list");
        qInfo("%s: no payload, as expected: %s", qPrintable(file), qPrintable(unreachableByDesign().value(file)));
        return;
    }
    QVERIFY2(!payloads.isEmpty(), "no DNS payload found");

    DnsMessage parsed;
    DnsMessage walked; // every pointer followed label by label: must give the same result as the suffix cache
    walked.m_nameScratch.cacheEnabled = false;
    int malformed = 0, records = 0;
    for (const PcapDnsPayload& p : payloads) {
        const auto* bytes = reinterpret_cast<const std::uint8_t*>(p.message.constData());
        const auto size = static_cast<std::size_t>(p.message.size());
        const bool ok = parseDnsMessage(bytes, size, parsed);
        QCOMPARE(parseDnsMessage(bytes, size, walked), ok);
        QCOMPARE(walked.issues, parsed.issues);
        QCOMPARE(summarizeForTest(walked), summarizeForTest(parsed));
        malformed += ok ? 0 : 1;
        records += int(parsed.records().size());
        for (const DnsQuestion& q : parsed.questions())
            QVERIFY2(printable(q.name) && !q.name.empty(), q.name.c_str());
        for (const DnsRecord& r : parsed.records()) {
            QVERIFY2(printable(r.name) && !r.name.empty(), r.name.c_str());
            QVERIFY2(printable(r.rdata), r.rdata.c_str());
            QVERIFY(std::size_t(r.rdataOffset) + r.rdataLength <= std::size_t(p.message.size()));
        }
    }
    qInfo("%s: %lld messages, %d records, %d malformed", qPrintable(file), qlonglong(payloads.size()), records,
        malformed);
}

void TestDnsCaptures::testKnownAnswers_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("packet");
    QTest::addColumn<QString>("expected"); // one line of summarizeForTest, which must appear in the packet

    // Each line was checked against tshark -V on the same packet (rdata fields decoded by Wireshark).
    QTest::newRow("CAA") << "zeek__dns-caa.pcap" << 2 << "AN google.com CAA 0 issue \"symantec.com\"";
    QTest::newRow("HTTPS")
        << "zeek__dns-https.pcap" << 2
        << "AN cloudflare.com HTTPS 1 . alpn=h3,h3-29,h3-28,h3-27,h2 "
           "ipv4hint=104.16.132.229,104.16.133.229 ipv6hint=2606:4700::6810:84e5,2606:4700::6810:85e5";
    QTest::newRow("SVCB alias") << "zeek__dns-svcb.pcap" << 2 << "AN example.com SVCB 0 foo.example.com";
    QTest::newRow("NAPTR") << "zeek__dns_naptr.pcap" << 2
                           << "AN fp-de-carrier-vodafone.rcs.telephony.goog NAPTR 100 100 \"s\" \"SIPS+D2T\" \"\" "
                              "_sips._tcp.fp-de-carrier-vodafone.rcs.telephony.goog";
    QTest::newRow("URI") << "tcpdump__dns-uri.pcap" << 2 << "AN _http.dns.test URI 10 5 \"http://www.dns.test:8000\"";
    QTest::newRow("SOA NXDOMAIN") << "tcpdump__dns-uri.pcap" << 4
                                  << "NS test SOA localhost nobody.invalid 1 3600 1200 604800 10800";
    QTest::newRow("NSEC3")
        << "zeek__dnssec_nsec3.pcap" << 2
        << "NS vlq247qi8p1tt3a8cgmd7glfndtigsdu.sshfp.net NSEC3 1 0 20 80637D8AF055B5EECA2A621EDAAA3C5E "
           "7M53TDGQJNT9A6I2QTRPO7OL0Q2Q06A7 A NS SOA MX TXT AAAA RRSIG DNSKEY NSEC3PARAM";
    QTest::newRow("SSHFP") << "tcpdump__dnssec.pcap" << 2
                           << "AN monadic.cynic.net SSHFP 1 1 F90FD39646968EA815CCCBC8DF17D93A6A4475AB";
    QTest::newRow("HINFO") << "zeek__dns_hinfo.pcap" << 2 << "AN zeek.example.net HINFO \"INTEL-386\" \"Windows\"";
    QTest::newRow("SPF") << "zeek__dns-spf.pcap" << 2 << "AN mail.vladg.net SPF \"v=spf1 mx -all test\"";
    QTest::newRow("CNAME chain") << "zeek__dns-txt-multiple.pcap" << 2
                                 << "AN fa14._domainkey.flickr.com CNAME fa14._domainkey.yahoo.com";
    QTest::newRow("mDNS PTR") << "zeek__dns_mdns.pcap" << 3
                              << "AN 4.c.d.4.1.e.e.f.f.f.6.d.c.3.8.8.5.3.2.8.c.3.0.c.e.9.2.4.2.5.d.f.ip6.arpa PTR "
                                 "johanna-qemu-virtual-machine.local";
    QTest::newRow("IPv6 AAAA") << "zeek__dns_mdns.pcap" << 3
                               << "AN johanna-qemu-virtual-machine.local AAAA fd52:429e:c03c:8235:883c:d6ff:fee1:4dc4";
    QTest::newRow("root SOA") << "tcpdump__dns-badcookie.pcap" << 4
                              << "AN . SOA a.root-servers.net nstld.verisign-grs.com 2019021202 1800 900 604800 86400";
    QTest::newRow("UPDATE delete RRset") << "zeek__dns_dynamic-update.pcap" << 1 << "NS nwin2.stratolab.org AAAA \\# 0";
}

void TestDnsCaptures::testKnownAnswers()
{
    QFETCH(QString, file);
    QFETCH(int, packet);
    QFETCH(QString, expected);
    DnsMessage parsed;
    QVERIFY2(decodePacket(file, packet, parsed), "packet has no DNS payload");
    QVERIFY2(!parsed.isMalformed(), dnsIssueList(parsed.issues).c_str());
    const QStringList lines = summarizeForTest(parsed).split(QLatin1String(" | "));
    QVERIFY2(lines.contains(expected), qPrintable(lines.join(QLatin1Char('\n'))));
}

void TestDnsCaptures::testKnownIssues_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("packet");
    QTest::addColumn<QString>("issue");
    QTest::addColumn<QString>("survivors");

    // tcpdump's regression captures: what its expected output says, in our words.
    QTest::newRow("dns_fwdptr <BAD PTR>") << "tcpdump__dns_fwdptr.pcap" << 1 << "forward-pointer"
                                          << "";
    QTest::newRow("dns-badlabel <DOMAIN NAME TOO LONG>") << "tcpdump__dns-badlabel.pcap" << 1 << "name-too-long"
                                                         << "";
    QTest::newRow("dns-zlip-1 [length 0 < 12]") << "tcpdump__dns-zlip-1.pcap" << 1 << "truncated-header"
                                                << "";
    QTest::newRow("dns-zlip-3 [length 0 < 12]") << "tcpdump__dns-zlip-3.pcap" << 1 << "truncated-header"
                                                << "";
    QTest::newRow("dnspad trailing octets") << "dnscap__dnspad.pcap" << 1 << "trailing-data"
                                            << "Q google.com A";
}

void TestDnsCaptures::testKnownIssues()
{
    QFETCH(QString, file);
    QFETCH(int, packet);
    QFETCH(QString, issue);
    QFETCH(QString, survivors);
    DnsMessage parsed;
    QVERIFY2(decodePacket(file, packet, parsed), "packet has no DNS payload");
    QVERIFY2(QString::fromStdString(dnsIssueList(parsed.issues)).split(QLatin1Char(',')).contains(issue),
        dnsIssueList(parsed.issues).c_str());
    QCOMPARE(summarizeForTest(parsed), survivors);
}

void TestDnsCaptures::testExtendedRcodes()
{
    DnsMessage parsed;
    QVERIFY(decodePacket(QStringLiteral("zeek__dns_dns_extended_rcode.pcap"), 2, parsed));
    QCOMPARE(rcodeMnemonic(parsed.rcode), std::string("BADVERS"));
    QVERIFY(decodePacket(QStringLiteral("tcpdump__dns-badcookie.pcap"), 2, parsed));
    QCOMPARE(rcodeMnemonic(parsed.rcode), std::string("BADCOOKIE"));
    QCOMPARE(parsed.edns.options().size(), std::size_t(1));
    QCOMPARE(parsed.edns.options()[0].text, std::string("cookie=36bf111fef2e01097d8ffe065c636ffb142d767494407a73"));
    QVERIFY(decodePacket(QStringLiteral("zeek__dns-edns-ecs.pcap"), 2, parsed));
    QCOMPARE(parsed.edns.options()[0].text, std::string("ecs=213.61.29.0/24/0"));
    QVERIFY(decodePacket(QStringLiteral("zeek__dns-edns-ecs.pcap"), 55, parsed));
    QCOMPARE(parsed.edns.options()[0].text, std::string("ecs=2001:470:1f0b:1600::/56/0"));
}

QTEST_GUILESS_MAIN(TestDnsCaptures)
#include "TestDnsCaptures.moc"
