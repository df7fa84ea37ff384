#include "CaptureTestUtil.h"
#include "capture/dns/DnsMessage.h"
#include "capture/packet/LinkLayer.h"
#include "capture/packet/ObservationBatch.h"
#include "capture/packet/PacketProcessor.h"
#include "capture/packet/PendingQueries.h"

#include <QTest>

using namespace pdnsw;
using namespace pdnsw::test;

namespace {

const QString kClient = QStringLiteral("192.0.2.10");
const QString kServer = QStringLiteral("198.51.100.53");

QByteArray answerA(const QString& name, const QString& ip, std::uint16_t id = 0x1234, std::uint32_t ttl = 300)
{
    return DnsBuilder(id, true).question(name, 1).answer(name, 1, ttl, DnsBuilder::a(ip)).build();
}

QStringList answerLines(const CollectingSink& sink)
{
    QStringList out;
    for (const QString& line : sink.lines())
        if (line.endsWith(QLatin1String(" answer")))
            out.append(line);
    return out;
}

} // namespace

class TestPacketPath : public QObject
{
    Q_OBJECT

private slots:
    void publicLinkTypes_data();
    void publicLinkTypes();
    void generatedLinkTypes_data();
    void generatedLinkTypes();
    void malformedPcaps_data();
    void malformedPcaps();
    void ipv4Fragments_data();
    void ipv4Fragments();
    void ipv6FragmentsAndExtensionHeaders();
    void fragmentMemoryIsBounded();
    void tcpStreams_data();
    void tcpStreams();
    void tcpHoleDropsOnlyTheCutMessage();
    void publicTcpCaptures_data();
    void publicTcpCaptures();
    void rdataPaths_data();
    void rdataPaths();
    void negativeAnswers_data();
    void negativeAnswers();
    void aggregationCountsAndTimes();
    void sectionsAndChains();
    void unansweredQueries();
    void portsAndLocalServices();
    void boundedAddresses();
    void sameFileSameResult();
    void aggregatorBoundsRecordsAndText_data();
    void aggregatorBoundsRecordsAndText();
    void pendingQueriesBoundNamesAndCount();
    void hugeTimestampsAreClamped();
};

// Each link type through a public capture: the file imports without errors and yields its known answer.
void TestPacketPath::publicLinkTypes_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("dlt");
    QTest::addColumn<QString>("expected");
    QTest::newRow("ethernet") << "dnscap__dns.pcap" << 1 << "google.com A 216.58.218.206 answer";
    QTest::newRow("vlan") << "dnscap__vlan11.pcap" << 1 << "google.com A 216.58.218.206 answer";
    QTest::newRow("linux-sll") << "varanets__dns-tunneling_dns.pcap" << 113 << "google.com A 216.58.209.110 answer";
    QTest::newRow("linux-sll2") << "dnscap__sll2.pcap" << 276 << ". SOA";
    QTest::newRow("raw-ipv4-fragments") << "dnscap__frags.pcap" << 228 << "google.com A 216.58.218.206 answer";
    QTest::newRow("raw-ipv4 (BADVERS: no record)") << "zeek__dns_dns_extended_rcode.pcap" << 228 << "";
    QTest::newRow("bsd-null") << "zeek__dns-svcb.pcap" << 0 << "example.com SVCB";
    QTest::newRow("fddi") << "zeek__dns-inverse-query.pcap" << 10 << ". A 4.3.2.1 answer";
    QTest::newRow("ipv6") << "dnscap__dns6.pcap" << 1 << "google.com A 172.217.20.46 answer";
    QTest::newRow("pcapng") << "chrissanders__dns_tcp.pcapng" << 1 << "ripe.net DNSKEY";
}

void TestPacketPath::publicLinkTypes()
{
    QFETCH(QString, file);
    QFETCH(int, dlt);
    QFETCH(QString, expected);
    const Imported imported = importPath(pcapPath(file.toLatin1().constData()));
    QVERIFY2(imported.result.ok(), qPrintable(imported.result.error));
    QCOMPARE(imported.result.linkType, dlt);
    QVERIFY2(imported.sink.errors.isEmpty(), qPrintable(imported.sink.errors.join(QLatin1Char('\n'))));
    QVERIFY(imported.result.stats.responses >= 1);
    const QStringList lines = imported.sink.lines();
    if (expected.isEmpty()) {
        QVERIFY2(lines.isEmpty(), qPrintable(lines.join(QLatin1Char('\n'))));
        return;
    }
    const bool found
        = std::any_of(lines.begin(), lines.end(), [&](const QString& l) { return l.startsWith(expected); });
    QVERIFY2(found, qPrintable(QStringLiteral("missing \"%1\" in:\n%2").arg(expected, lines.join(QLatin1Char('\n')))));
}

// Link types the public captures lack (or lack in this form), from generated fixtures.
void TestPacketPath::generatedLinkTypes_data()
{
    QTest::addColumn<int>("dlt");
    QTest::addColumn<QByteArray>("frame");
    const QByteArray v4
        = udp4(kServer, kClient, 53, 40000, answerA(QStringLiteral("www.example.com"), QStringLiteral("203.0.113.7")));
    const QByteArray v6 = udp6(QStringLiteral("2001:db8::53"), QStringLiteral("2001:db8::10"), 53, 40000,
        answerA(QStringLiteral("www.example.com"), QStringLiteral("203.0.113.7")));
    QTest::newRow("ethernet") << LinkTypes::Ethernet << ethernet(v4);
    QTest::newRow("802.1Q") << LinkTypes::Ethernet << ethernet(v4, false, {0x8100});
    QTest::newRow("QinQ 88a8+8100") << LinkTypes::Ethernet << ethernet(v4, false, {0x88A8, 0x8100});
    QTest::newRow("QinQ 9100+8100 ipv6") << LinkTypes::Ethernet << ethernet(v6, true, {0x9100, 0x8100});
    QTest::newRow("sll") << LinkTypes::LinuxSll << linuxSll(v4);
    QTest::newRow("sll2 ipv4") << LinkTypes::LinuxSll2 << linuxSll2(v4);
    QTest::newRow("sll2 ipv6") << LinkTypes::LinuxSll2 << linuxSll2(v6, true);
    QTest::newRow("DLT_RAW ipv4") << LinkTypes::Raw << v4;
    QTest::newRow("DLT_RAW ipv6") << LinkTypes::Raw << v6;
    QTest::newRow("LINKTYPE_IPV4") << LinkTypes::Ipv4 << v4;
    QTest::newRow("LINKTYPE_IPV6") << LinkTypes::Ipv6 << v6;
    QTest::newRow("null ipv4") << LinkTypes::Null << bsdNull(v4, 2);
    QTest::newRow("null ipv6 linux") << LinkTypes::Null << bsdNull(v6, 10);
    QTest::newRow("null ipv6 freebsd") << LinkTypes::Null << bsdNull(v6, 28);
    QTest::newRow("null ipv6 darwin") << LinkTypes::Null << bsdNull(v6, 30);
    QTest::newRow("loop ipv4") << LinkTypes::Loop << (DnsBuilder::u32(2) + v4);
    QTest::newRow("ppp") << LinkTypes::Ppp << (QByteArray::fromHex("ff030021") + v4);
    QTest::newRow("pppoe ipv6") << LinkTypes::Ethernet << pppoe(v6, true);
}

void TestPacketPath::generatedLinkTypes()
{
    QFETCH(int, dlt);
    QFETCH(QByteArray, frame);
    const Imported imported = importFixture(PcapFile(dlt).add(frame));
    QVERIFY2(imported.result.ok(), qPrintable(imported.result.error));
    QCOMPARE(imported.result.stats.responses, 1u);
    QCOMPARE(answerLines(imported.sink), QStringList{QStringLiteral("www.example.com A 203.0.113.7 answer")});
    QVERIFY(imported.sink.errors.isEmpty());
}

// Broken files never crash: a clear failure for what cannot be read at all, the good part kept otherwise.
void TestPacketPath::malformedPcaps_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<bool>("opens");
    QTest::addColumn<QString>("errorPart");
    QTest::addColumn<int>("answers");
    const QByteArray good = ethernet(
        udp4(kServer, kClient, 53, 40000, answerA(QStringLiteral("a.example"), QStringLiteral("192.0.2.1"))));
    const QByteArray good2 = ethernet(
        udp4(kServer, kClient, 53, 40000, answerA(QStringLiteral("b.example"), QStringLiteral("192.0.2.2"))));
    QTest::newRow("empty file") << QByteArray() << false << "empty" << 0;
    QTest::newRow("garbage") << QByteArray("this is not a capture file at all, just text") << false << "not a readable"
                             << 0;
    QTest::newRow("header only") << PcapFile(1).bytes() << true << "" << 0;
    QTest::newRow("half a file header") << PcapFile(1).bytes().left(10) << false << "not a readable" << 0;
    QTest::newRow("unknown DLT") << PcapFile(147).add(good).bytes() << false << "DLT 147" << 0;
    QTest::newRow("truncated last record")
        << PcapFile(1).add(good).add(good2).bytes().chopped(20) << true << "packet 2 (offset" << 1;
    QTest::newRow("truncated record header")
        << PcapFile(1).add(good).raw(QByteArray(7, 'x')).bytes() << true << "packet 2 (offset" << 1;
    QTest::newRow("caplen > len")
        << PcapFile(1).add(good).addRecord(good2, std::uint32_t(good2.size()), 20).add(good2).bytes() << true
        << "caplen > len" << 2;
    QTest::newRow("caplen over snaplen limit")
        << PcapFile(1).add(good).addRecord(QByteArray(), 0x7FFFFFFF, 0x7FFFFFFF).bytes() << true << "packet 2" << 1;
    QByteArray badDns
        = ethernet(udp4(kServer, kClient, 53, 40000, QByteArray::fromHex("12348180000100010000000003616263c00c0001")));
    QTest::newRow("malformed DNS then good") << PcapFile(1).add(badDns).add(good).bytes() << true << "malformed" << 1;
    QByteArray shortIp = ethernet(QByteArray::fromHex("4500"));
    QTest::newRow("IPv4 header cut") << PcapFile(1).add(shortIp).add(good).bytes() << true << "IPv4 header cut short"
                                     << 1;
    QByteArray udpTooLong = ethernet(ipv4(kServer, kClient, 17,
        DnsBuilder::u16(53) + DnsBuilder::u16(4000) + DnsBuilder::u16(900) + DnsBuilder::u16(0)
            + answerA(QStringLiteral("c.example"), QStringLiteral("192.0.2.3"))));
    QTest::newRow("UDP length past IP") << PcapFile(1).add(udpTooLong).bytes() << true << "UDP length 900" << 1;
}

void TestPacketPath::malformedPcaps()
{
    QFETCH(QByteArray, bytes);
    QFETCH(bool, opens);
    QFETCH(QString, errorPart);
    QFETCH(int, answers);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("broken.pcap"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(bytes);
    f.close();
    const Imported imported = importPath(path);
    if (!opens) {
        QCOMPARE(imported.result.status, PcapImportResult::Status::Failed);
        QVERIFY2(imported.result.error.contains(path), qPrintable(imported.result.error));
        QVERIFY2(imported.result.error.contains(errorPart), qPrintable(imported.result.error));
        return;
    }
    QVERIFY2(imported.result.ok(), qPrintable(imported.result.error));
    QCOMPARE(int(answerLines(imported.sink).size()), answers);
    if (errorPart.isEmpty()) {
        QVERIFY(imported.sink.errors.isEmpty());
    } else {
        QVERIFY(imported.result.stats.problems >= 1);
        const QString all = imported.sink.errors.join(QLatin1Char('\n'));
        QVERIFY2(all.contains(errorPart), qPrintable(all));
    }
}

void TestPacketPath::ipv4Fragments_data()
{
    QTest::addColumn<QList<int>>("order");
    QTest::addColumn<int>("overlapMode"); // 0 none, 1 identical duplicate, 2 conflicting
    QTest::addColumn<bool>("complete");
    QTest::newRow("in order") << QList<int>{0, 1, 2} << 0 << true;
    QTest::newRow("reversed") << QList<int>{2, 1, 0} << 0 << true;
    QTest::newRow("shuffled") << QList<int>{1, 2, 0} << 0 << true;
    QTest::newRow("duplicate fragment") << QList<int>{0, 1, 1, 2} << 0 << true;
    QTest::newRow("identical overlap") << QList<int>{0, 1, 2} << 1 << true;
    QTest::newRow("conflicting overlap") << QList<int>{0, 1, 2} << 2 << false;
    QTest::newRow("missing middle") << QList<int>{0, 2} << 0 << false;
    QTest::newRow("missing last") << QList<int>{0, 1} << 0 << false;
}

void TestPacketPath::ipv4Fragments()
{
    QFETCH(QList<int>, order);
    QFETCH(int, overlapMode);
    QFETCH(bool, complete);
    DnsBuilder big(7, true);
    big.question(QStringLiteral("big.example"), 16);
    for (int i = 0; i < 12; ++i)
        big.answer(QStringLiteral("big.example"), 16, 60, DnsBuilder::text(QByteArray(100, char('a' + i))));
    const QByteArray transport = udp(53, 40000, big.build());
    QList<QByteArray> frags = pdnsw::test::ipv4Fragments(
        kServer, kClient, 17, transport, 99, {{0, 512}, {512, 512}, {1024, int(transport.size()) - 1024}});
    if (overlapMode != 0) {
        // A fourth fragment re-sending bytes 256..768, identical or altered.
        QByteArray piece = transport.mid(256, 512);
        if (overlapMode == 2)
            piece[100] = char(piece[100] ^ 0x55);
        frags.append(ipv4(kServer, kClient, 17, piece, 99, std::uint16_t(0x2000 | (256 / 8))));
        order.insert(2, 3);
    }
    PcapFile file(LinkTypes::Raw);
    std::int64_t t = 1700000000;
    for (int i : order)
        file.add(frags[i], t);
    // An unrelated packet 60 s later lets the capture-time timeout expire incomplete datagrams.
    file.add(udp4(kServer, kClient, 53, 40001, answerA(QStringLiteral("later.example"), QStringLiteral("192.0.2.9"))),
        t + 60);
    const Imported imported = importPath([&] {
        static QTemporaryDir dir;
        const QString p = dir.filePath(QStringLiteral("frag.pcap"));
        file.save(p);
        return p;
    }());
    QVERIFY2(imported.result.ok(), qPrintable(imported.result.error));
    QCOMPARE(imported.sink.find(QStringLiteral("big.example"), QStringLiteral("TXT")).size(), complete ? 12 : 0);
    QCOMPARE(imported.sink.find(QStringLiteral("later.example")).size(), 1);
    QCOMPARE(imported.result.fragments.reassembled, complete ? 1u : 0u);
    if (overlapMode == 2)
        QCOMPARE(imported.result.fragments.overlapDropped, 1u);
    if (!complete && overlapMode == 0)
        QCOMPARE(imported.result.fragments.timedOut, 1u);
}

void TestPacketPath::ipv6FragmentsAndExtensionHeaders()
{
    DnsBuilder big(8, true);
    big.question(QStringLiteral("v6.example"), 28);
    for (int i = 0; i < 40; ++i)
        big.answer(
            QStringLiteral("v6.example"), 28, 60, DnsBuilder::aaaa(QStringLiteral("2001:db8::%1").arg(i + 1, 0, 16)));
    const QByteArray transport = udp(53, 40000, big.build());
    const QString s = QStringLiteral("2001:db8::53"), d = QStringLiteral("2001:db8::10");
    QList<QByteArray> frags
        = ipv6Fragments(s, d, 17, transport, 0xABCDEF, {{0, 600}, {600, int(transport.size()) - 600}});
    // Out of order, and the second one behind a hop-by-hop header (PadN).
    QByteArray second = frags[1];
    QByteArray hbh = QByteArray::fromHex("2c00010400000000"); // next = fragment(44), len 0, PadN(4)
    QByteArray withHbh = second.left(40) + hbh + second.mid(40);
    withHbh[6] = 0; // next header = hop-by-hop
    withHbh[4] = char((withHbh.size() - 40) >> 8);
    withHbh[5] = char((withHbh.size() - 40) & 0xFF);
    // A plain message behind a destination-options header, and an atomic fragment.
    QByteArray dstopt = QByteArray::fromHex("1100010400000000"); // next = UDP
    QByteArray viaDstOpt
        = ipv6(s, d, 60, dstopt + udp(53, 40001, answerA(QStringLiteral("opt.example"), QStringLiteral("192.0.2.60"))));
    QByteArray atomic = ipv6(s, d, 44,
        QByteArray::fromHex("1100000000000001")
            + udp(53, 40002, answerA(QStringLiteral("atomic.example"), QStringLiteral("192.0.2.61"))));
    const Imported imported
        = importFixture(PcapFile(LinkTypes::Ipv6).add(withHbh).add(frags[0]).add(viaDstOpt).add(atomic));
    QVERIFY2(imported.result.ok(), qPrintable(imported.result.error));
    QCOMPARE(imported.sink.find(QStringLiteral("v6.example"), QStringLiteral("AAAA")).size(), 40);
    QCOMPARE(imported.sink.find(QStringLiteral("opt.example")).size(), 1);
    QCOMPARE(imported.sink.find(QStringLiteral("atomic.example")).size(), 1);
    QVERIFY(imported.sink.errors.isEmpty());

    // IPv6 conflicting overlap drops the datagram (RFC 5722).
    QByteArray altered = transport.mid(0, 600);
    altered[300] = char(altered[300] ^ 1);
    QList<QByteArray> conflicting = ipv6Fragments(s, d, 17, altered + transport.mid(600), 0xABCDEF, {{0, 600}});
    const Imported dropped = importFixture(PcapFile(LinkTypes::Ipv6).add(frags[0]).add(conflicting[0]).add(frags[1]));
    QCOMPARE(dropped.sink.find(QStringLiteral("v6.example")).size(), 0);
    QCOMPARE(dropped.result.fragments.overlapDropped, 1u);
}

void TestPacketPath::fragmentMemoryIsBounded()
{
    IpFragmentReassembler::Limits limits;
    limits.maxDatagrams = 16;
    limits.maxBytes = 64 * 1024;
    IpFragmentReassembler r(limits);
    std::vector<std::uint8_t> out;
    const std::vector<std::uint8_t> data(1024, 0x42);
    for (std::uint32_t id = 0; id < 10000; ++id) {
        IpFragmentReassembler::Fragment f;
        f.src = IpAddress::v4(reinterpret_cast<const std::uint8_t*>("\x01\x02\x03\x04"));
        f.dst = f.src;
        f.id = id;
        f.proto = 17;
        f.offset = 1024 * (id % 50);
        f.moreFragments = true;
        f.payload = data;
        r.add(f, 1000 + id, out);
        QVERIFY(r.pendingDatagrams() <= limits.maxDatagrams);
        QVERIFY(r.bufferedBytes() <= limits.maxBytes + 64 * 1024);
    }
    QVERIFY(r.stats().evicted > 0);
}

void TestPacketPath::tcpStreams_data()
{
    QTest::addColumn<QString>("shape");
    QTest::addColumn<int>("names");
    QTest::newRow("one message with SYN") << "single" << 1;
    QTest::newRow("three messages in one segment") << "several" << 3;
    QTest::newRow("one message over three segments") << "span3" << 1;
    QTest::newRow("length prefix alone first") << "prefix" << 1;
    QTest::newRow("retransmission") << "retrans" << 2;
    QTest::newRow("out of order segments") << "reorder" << 1;
    QTest::newRow("no SYN") << "nosyn" << 2;
    QTest::newRow("no SYN starting mid-message") << "nosyn-mid" << 1;
}

void TestPacketPath::tcpStreams()
{
    QFETCH(QString, shape);
    QFETCH(int, names);
    const auto msg = [](int i) {
        return tcpMessage(
            answerA(QStringLiteral("tcp%1.example").arg(i), QStringLiteral("192.0.2.%1").arg(i + 1), std::uint16_t(i)));
    };
    const std::uint32_t isn = 0xFFFFFF00; // wraps around inside the stream
    PcapFile file(LinkTypes::Raw);
    const auto seg = [&](std::uint32_t seq, std::uint8_t flags, const QByteArray& payload) {
        file.add(tcp4(kServer, kClient, 53, 40000, seq, flags, payload));
    };
    const std::uint8_t ack = TcpFlags::Ack | TcpFlags::Psh;
    if (shape != QLatin1String("nosyn") && shape != QLatin1String("nosyn-mid"))
        seg(isn, TcpFlags::Syn | TcpFlags::Ack, {});
    std::uint32_t seq = isn + 1;
    if (shape == QLatin1String("single")) {
        seg(seq, ack, msg(0));
    } else if (shape == QLatin1String("several")) {
        seg(seq, ack, msg(0) + msg(1) + msg(2));
    } else if (shape == QLatin1String("span3")) {
        const QByteArray m = msg(0);
        seg(seq, ack, m.left(10));
        seg(seq + 10, ack, m.mid(10, 15));
        seg(seq + 25, ack, m.mid(25));
    } else if (shape == QLatin1String("prefix")) {
        const QByteArray m = msg(0);
        seg(seq, ack, m.left(2));
        seg(seq + 2, ack, m.mid(2));
    } else if (shape == QLatin1String("retrans")) {
        const QByteArray a = msg(0), b = msg(1);
        seg(seq, ack, a);
        seg(seq, ack, a); // full retransmission
        seg(seq + 5, ack, a.mid(5) + b); // overlapping retransmission carrying new data
    } else if (shape == QLatin1String("reorder")) {
        const QByteArray m = msg(0);
        seg(seq + 20, ack, m.mid(20));
        seg(seq, ack, m.left(20));
    } else if (shape == QLatin1String("nosyn")) {
        seg(5000, ack, msg(0));
        seg(5000 + std::uint32_t(msg(0).size()), ack, msg(1));
    } else if (shape == QLatin1String("nosyn-mid")) {
        const QByteArray a = msg(0), b = msg(1);
        seg(7000, ack, a.mid(9)); // the capture starts inside a message: skipped, not misread
        seg(7000 + std::uint32_t(a.size() - 9), ack, b);
    }
    const Imported imported = importFixture(file);
    QVERIFY2(imported.result.ok(), qPrintable(imported.result.error));
    QCOMPARE(int(answerLines(imported.sink).size()), names);
    QVERIFY2(imported.sink.errors.isEmpty(), qPrintable(imported.sink.errors.join(QLatin1Char('\n'))));
    if (shape == QLatin1String("retrans"))
        QVERIFY(imported.result.tcp.retransmissions >= 1);
}

void TestPacketPath::tcpHoleDropsOnlyTheCutMessage()
{
    const auto msg = [](int i) {
        return tcpMessage(answerA(
            QStringLiteral("hole%1.example").arg(i), QStringLiteral("192.0.2.%1").arg(i + 1), std::uint16_t(i)));
    };
    // Segment layout: [m0][m1 first half] (lost: [m1 second half][m2]) [m3][m4]
    const QByteArray m0 = msg(0), m1 = msg(1), m2 = msg(2), m3 = msg(3), m4 = msg(4);
    PcapFile file(LinkTypes::Raw);
    const std::uint32_t isn = 100;
    std::uint32_t seq = isn + 1;
    file.add(tcp4(kServer, kClient, 53, 40000, isn, TcpFlags::Syn | TcpFlags::Ack, {}), 1700000000);
    file.add(tcp4(kServer, kClient, 53, 40000, seq, TcpFlags::Ack, m0 + m1.left(10)), 1700000000);
    seq += std::uint32_t(m0.size() + 10);
    const std::uint32_t lost = std::uint32_t(m1.size() - 10 + m2.size());
    file.add(tcp4(kServer, kClient, 53, 40000, seq + lost, TcpFlags::Ack, m3), 1700000001);
    file.add(tcp4(kServer, kClient, 53, 40000, seq + lost + std::uint32_t(m3.size()), TcpFlags::Ack, m4), 1700000001);
    // Later traffic moves capture time past the hole timeout.
    file.add(udp4(kServer, kClient, 53, 40001, answerA(QStringLiteral("later.example"), QStringLiteral("192.0.2.99"))),
        1700000030);
    const Imported imported = importFixture(file);
    QVERIFY2(imported.result.ok(), qPrintable(imported.result.error));
    QCOMPARE(imported.sink.find(QStringLiteral("hole0.example")).size(), 1);
    QCOMPARE(imported.sink.find(QStringLiteral("hole1.example")).size(), 0);
    QCOMPARE(imported.sink.find(QStringLiteral("hole2.example")).size(), 0);
    QCOMPARE(imported.sink.find(QStringLiteral("hole3.example")).size(), 1);
    QCOMPARE(imported.sink.find(QStringLiteral("hole4.example")).size(), 1);
    QCOMPARE(imported.result.tcp.holes, 1u);

    // When the cut message's length is known and it ends after the hole, the stream resumes right after it.
    PcapFile known(LinkTypes::Raw);
    seq = isn + 1;
    known.add(tcp4(kServer, kClient, 53, 40000, isn, TcpFlags::Syn | TcpFlags::Ack, {}));
    known.add(tcp4(kServer, kClient, 53, 40000, seq, TcpFlags::Ack, m0 + m1.left(10)));
    // lost: m1[10..20); then m1[20..] + m2 arrive in one segment.
    known.add(tcp4(kServer, kClient, 53, 40000, seq + std::uint32_t(m0.size() + 20), TcpFlags::Ack, m1.mid(20) + m2));
    known.add(tcp4(kServer, kClient, 53, 40000, seq + std::uint32_t(m0.size() + m1.size() + m2.size()),
        TcpFlags::Fin | TcpFlags::Ack, {}));
    const Imported resumed = importFixture(known);
    QCOMPARE(resumed.sink.find(QStringLiteral("hole0.example")).size(), 1);
    QCOMPARE(resumed.sink.find(QStringLiteral("hole1.example")).size(), 0);
    QCOMPARE(resumed.sink.find(QStringLiteral("hole2.example")).size(), 1);
}

void TestPacketPath::publicTcpCaptures_data()
{
    // Query and response counts as tshark reports them for the same files.
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("queries");
    QTest::addColumn<int>("responses");
    QTest::newRow("no SYN") << "dnscap__1qtcpnosyn.pcap" << 1 << 1;
    QTest::newRow("one message per segment") << "dnscap__dnso1tcp.pcap" << 41 << 41;
    QTest::newRow("big hole") << "dnscap__dnso1tcp-bighole.pcap" << 3 << 38;
    QTest::newRow("three queries in one packet") << "dnscap__dnsotcp-many1pkt.pcap" << 3 << 1;
    QTest::newRow("tcpdump tcp") << "tcpdump__dns_tcp.pcap" << 1 << 1;
    QTest::newRow("axfr") << "chrissanders__dns_axfr.pcapng" << 1 << 1;
    QTest::newRow("length prefix alone (FDDI)") << "zeek__dns-inverse-query.pcap" << 1 << 1;
}

void TestPacketPath::publicTcpCaptures()
{
    QFETCH(QString, file);
    QFETCH(int, queries);
    QFETCH(int, responses);
    const Imported imported = importPath(pcapPath(file.toLatin1().constData()));
    QVERIFY2(imported.result.ok(), qPrintable(imported.result.error));
    QCOMPARE(int(imported.result.stats.queries), queries);
    QCOMPARE(int(imported.result.stats.responses), responses);
    QCOMPARE(imported.result.stats.tcpMessages, imported.result.stats.dnsMessages);
    QVERIFY(imported.sink.errors.isEmpty());
}

// Every rdata path through the aggregator, end to end from wire bytes: the stored text is the decoder's.
void TestPacketPath::rdataPaths_data()
{
    QTest::addColumn<int>("type");
    QTest::addColumn<QByteArray>("rdata");
    QTest::addColumn<QString>("rrtype");
    QTest::addColumn<QString>("text");
    using B = DnsBuilder;
    QTest::newRow("A") << 1 << B::a(QStringLiteral("192.0.2.1")) << "A"
                       << "192.0.2.1";
    QTest::newRow("AAAA") << 28 << B::aaaa(QStringLiteral("2001:db8::1")) << "AAAA"
                          << "2001:db8::1";
    QTest::newRow("CNAME") << 5 << B::name(QStringLiteral("Target.Example")) << "CNAME"
                           << "target.example";
    QTest::newRow("NS") << 2 << B::name(QStringLiteral("ns1.example")) << "NS"
                        << "ns1.example";
    QTest::newRow("PTR") << 12 << B::name(QStringLiteral("host.example")) << "PTR"
                         << "host.example";
    QTest::newRow("DNAME") << 39 << B::name(QStringLiteral("other.example")) << "DNAME"
                           << "other.example";
    QTest::newRow("MX") << 15 << (B::u16(10) + B::name(QStringLiteral("mx.example"))) << "MX"
                        << "10 mx.example";
    QTest::newRow("TXT") << 16 << (B::text("hello world") + B::text("x")) << "TXT"
                         << "\"hello world\" \"x\"";
    QTest::newRow("SOA") << 6
                         << (B::name(QStringLiteral("ns.example")) + B::name(QStringLiteral("admin.example"))
                                + B::u32(1) + B::u32(7200) + B::u32(3600) + B::u32(1209600) + B::u32(300))
                         << "SOA"
                         << "ns.example admin.example 1 7200 3600 1209600 300";
    QTest::newRow("SRV") << 33 << (B::u16(1) + B::u16(2) + B::u16(443) + B::name(QStringLiteral("svc.example")))
                         << "SRV"
                         << "1 2 443 svc.example";
    QTest::newRow("CAA") << 257 << (QByteArray(1, '\0') + B::text("issue").left(6) + QByteArray("letsencrypt.org"))
                         << "CAA"
                         << "0 issue \"letsencrypt.org\"";
    QTest::newRow("unknown type") << 65280 << QByteArray::fromHex("0a0b0c") << "TYPE65280"
                                  << "\\# 3 0a0b0c";
}

void TestPacketPath::rdataPaths()
{
    QFETCH(int, type);
    QFETCH(QByteArray, rdata);
    QFETCH(QString, rrtype);
    QFETCH(QString, text);
    const QByteArray msg = DnsBuilder(1, true)
                               .question(QStringLiteral("rr.example"), std::uint16_t(type))
                               .answer(QStringLiteral("rr.example"), std::uint16_t(type), 120, rdata)
                               .build();
    const Imported imported = importFixture(PcapFile(LinkTypes::Raw).add(udp4(kServer, kClient, 53, 40000, msg)));
    QVERIFY2(imported.result.ok(), qPrintable(imported.result.error));
    const QList<Observation> found = imported.sink.find(QStringLiteral("rr.example"), rrtype);
    QCOMPARE(found.size(), 1);
    QCOMPARE(found[0].rdata.toLower(), text.toLower());
    QCOMPARE(found[0].section, Section::Answer);
    QCOMPARE(found[0].ttlMin, std::optional<qint64>(120));
}

void TestPacketPath::negativeAnswers_data()
{
    QTest::addColumn<int>("rcode");
    QTest::addColumn<int>("answerType"); // 0 = no answer
    QTest::addColumn<bool>("tc");
    QTest::addColumn<QString>("expected"); // "" = no negative record
    QTest::newRow("NXDOMAIN") << 3 << 0 << false << "NXDOMAIN";
    QTest::newRow("SERVFAIL") << 2 << 0 << false << "SERVFAIL";
    QTest::newRow("REFUSED") << 5 << 0 << false << "REFUSED";
    QTest::newRow("NODATA") << 0 << 0 << false << "NODATA";
    QTest::newRow("answer of another type") << 0 << 16 << false << "NODATA";
    QTest::newRow("CNAME is not NODATA") << 0 << 5 << false << "";
    QTest::newRow("answered") << 0 << 1 << false << "";
    QTest::newRow("TC=1 empty is not NODATA") << 0 << 0 << true << "";
}

void TestPacketPath::negativeAnswers()
{
    QFETCH(int, rcode);
    QFETCH(int, answerType);
    QFETCH(bool, tc);
    QFETCH(QString, expected);
    DnsBuilder b(5, true, rcode);
    b.question(QStringLiteral("Gone.Example"), 1).truncated(tc);
    if (answerType == 1)
        b.answer(QStringLiteral("gone.example"), 1, 60, DnsBuilder::a(QStringLiteral("192.0.2.5")));
    else if (answerType == 5)
        b.answer(QStringLiteral("gone.example"), 5, 60, DnsBuilder::name(QStringLiteral("cdn.example")));
    else if (answerType == 16)
        b.answer(QStringLiteral("gone.example"), 16, 60, DnsBuilder::text("x"));
    b.authority(QStringLiteral("example"), 6, 900,
        DnsBuilder::name(QStringLiteral("ns.example")) + DnsBuilder::name(QStringLiteral("admin.example"))
            + DnsBuilder::u32(1) + DnsBuilder::u32(1) + DnsBuilder::u32(1) + DnsBuilder::u32(1) + DnsBuilder::u32(120));
    const Imported imported = importFixture(PcapFile(LinkTypes::Raw).add(udp4(kServer, kClient, 53, 40000, b.build())));
    QList<Observation> negatives;
    for (const Observation& o : imported.sink.observations)
        if (o.section == Section::Negative)
            negatives.append(o);
    if (expected.isEmpty()) {
        QVERIFY(negatives.isEmpty());
        return;
    }
    QCOMPARE(negatives.size(), 1);
    QCOMPARE(negatives[0].rrname, QStringLiteral("gone.example"));
    QCOMPARE(negatives[0].rrtype, QStringLiteral("A"));
    QCOMPARE(negatives[0].rdata, expected);
    QCOMPARE(negatives[0].rcode, std::optional<int>(rcode));
    QCOMPARE(negatives[0].ttlMin, std::optional<qint64>(120)); // min(SOA TTL 900, SOA minimum 120)
}

void TestPacketPath::aggregationCountsAndTimes()
{
    PcapFile file(LinkTypes::Raw);
    file.add(udp4(kServer, QStringLiteral("192.0.2.11"), 53, 40000,
                 answerA(QStringLiteral("www.example"), QStringLiteral("192.0.2.80"), 1, 300)),
        1700000100);
    file.add(udp4(kServer, QStringLiteral("192.0.2.12"), 53, 40000,
                 answerA(QStringLiteral("WWW.Example"), QStringLiteral("192.0.2.80"), 2, 120)),
        1700000050);
    file.add(udp4(QStringLiteral("198.51.100.54"), QStringLiteral("192.0.2.11"), 53, 40000,
                 answerA(QStringLiteral("www.example"), QStringLiteral("192.0.2.80"), 3, 200)),
        1700000200);
    const Imported imported = importFixture(file);
    const QList<Observation> found = imported.sink.find(QStringLiteral("www.example"), QStringLiteral("A"));
    QCOMPARE(found.size(), 1);
    const Observation& o = found[0];
    QCOMPARE(o.count, std::optional<qint64>(3));
    QCOMPARE(o.firstSeen, std::optional<qint64>(1700000050)); // first seen kept even with out-of-order times
    QCOMPARE(o.lastSeen, std::optional<qint64>(1700000200));
    QCOMPARE(o.ttlMin, std::optional<qint64>(120));
    QCOMPARE(o.ttlMax, std::optional<qint64>(300));
    QCOMPARE(o.rcode, std::optional<int>(0));
    QCOMPARE(o.clients, QStringLiteral("192.0.2.11,192.0.2.12"));
    QCOMPARE(o.servers, QStringLiteral("198.51.100.53,198.51.100.54"));
}

void TestPacketPath::sectionsAndChains()
{
    const QByteArray msg
        = DnsBuilder(9, true)
              .question(QStringLiteral("www.shop.example"), 1)
              .answer(QStringLiteral("www.shop.example"), 5, 60, DnsBuilder::name(QStringLiteral("shop.cdn.example")))
              .answer(QStringLiteral("shop.cdn.example"), 5, 60, DnsBuilder::name(QStringLiteral("edge.cdn.example")))
              .answer(QStringLiteral("edge.cdn.example"), 1, 20, DnsBuilder::a(QStringLiteral("203.0.113.20")))
              .authority(QStringLiteral("cdn.example"), 2, 3600, DnsBuilder::name(QStringLiteral("ns1.cdn.example")))
              .additional(QStringLiteral("ns1.cdn.example"), 1, 3600, DnsBuilder::a(QStringLiteral("203.0.113.1")))
              .build();
    const Imported imported = importFixture(PcapFile(LinkTypes::Raw).add(udp4(kServer, kClient, 53, 40000, msg)));
    QCOMPARE(imported.sink.lines(),
        (QStringList{QStringLiteral("cdn.example NS ns1.cdn.example authority"),
            QStringLiteral("edge.cdn.example A 203.0.113.20 answer"),
            QStringLiteral("ns1.cdn.example A 203.0.113.1 additional"),
            QStringLiteral("shop.cdn.example CNAME edge.cdn.example answer"),
            QStringLiteral("www.shop.example CNAME shop.cdn.example answer")}));
}

void TestPacketPath::unansweredQueries()
{
    PcapFile file(LinkTypes::Raw);
    const QByteArray q1 = DnsBuilder(11, false).question(QStringLiteral("answered.example"), 1).build();
    const QByteArray q2 = DnsBuilder(12, false).question(QStringLiteral("Silent.Example"), 1).build();
    const QByteArray q3 = DnsBuilder(13, false).question(QStringLiteral("late.example"), 28).build();
    file.add(udp4(kClient, kServer, 40000, 53, q1), 1700000000);
    file.add(udp4(kClient, kServer, 40001, 53, q2), 1700000000);
    file.add(udp4(kClient, kServer, 40001, 53, q2), 1700000001); // retransmitted: still one query
    file.add(
        udp4(kServer, kClient, 53, 40000, answerA(QStringLiteral("answered.example"), QStringLiteral("192.0.2.1"), 11)),
        1700000000);
    file.add(udp4(kClient, kServer, 40002, 53, q3), 1700000002);
    // The response to q3 comes from the server but to another client port: it does not answer q3.
    file.add(
        udp4(kServer, kClient, 53, 40099, DnsBuilder(13, true).question(QStringLiteral("late.example"), 28).build()),
        1700000003);
    const Imported imported = importFixture(file);
    QStringList unanswered = imported.sink.unanswered;
    unanswered.sort();
    QCOMPARE(unanswered, (QStringList{QStringLiteral("late.example/AAAA"), QStringLiteral("silent.example/A")}));
    QCOMPARE(imported.result.unanswered, 2);
}

void TestPacketPath::portsAndLocalServices()
{
    const QByteArray dns = answerA(QStringLiteral("alt.example"), QStringLiteral("192.0.2.70"));
    const QByteArray mdns
        = DnsBuilder(0, true)
              .answer(QStringLiteral("printer.local"), 1, 120, DnsBuilder::a(QStringLiteral("192.168.1.20")))
              .build();
    const QByteArray llmnr = DnsBuilder(3, true)
                                 .question(QStringLiteral("laptop"), 1)
                                 .answer(QStringLiteral("laptop"), 1, 30, DnsBuilder::a(QStringLiteral("192.168.1.30")))
                                 .build();
    PcapFile file(LinkTypes::Raw);
    file.add(udp4(kServer, kClient, 5300, 40000, dns));
    file.add(udp4(QStringLiteral("192.168.1.20"), QStringLiteral("224.0.0.251"), 5353, 5353, mdns));
    file.add(udp4(QStringLiteral("192.168.1.30"), QStringLiteral("192.168.1.5"), 5355, 50000, llmnr));
    // A client whose source port is 5353 talking to port 53 is plain DNS.
    file.add(udp4(kServer, kClient, 53, 5353, answerA(QStringLiteral("plain.example"), QStringLiteral("192.0.2.71"))));

    const Imported defaults = importFixture(file);
    QCOMPARE(answerLines(defaults.sink), QStringList{QStringLiteral("plain.example A 192.0.2.71 answer")});
    QVERIFY(defaults.sink.find(QStringLiteral("plain.example"))[0].attrs.isEmpty());
    // What the defaults left out on the local-link ports is counted and named; port 5300 is just another port,
    // and the DNS answer from port 53 to a client's port 5353 is not among them.
    QCOMPARE(defaults.result.stats.mdnsSkipped, 1u);
    QCOMPARE(defaults.result.stats.llmnrSkipped, 1u);
    QCOMPARE(skippedLocalLinkSummary(defaults.result.stats),
        QStringLiteral("1 packet on the mDNS port (5353) and 1 packet on the LLMNR port (5355) were left out"));
    PacketStats one;
    one.mdnsSkipped = 1;
    QCOMPARE(skippedLocalLinkSummary(one), QStringLiteral("1 packet on the mDNS port (5353) was left out"));
    one.mdnsSkipped = 0;
    one.llmnrSkipped = 7;
    QCOMPARE(skippedLocalLinkSummary(one), QStringLiteral("7 packets on the LLMNR port (5355) were left out"));
    QVERIFY(skippedLocalLinkSummary(PacketStats{}).isEmpty());
    QCOMPARE(skippedLocalLinkFlags(defaults.result.stats), QStringLiteral("--mdns --llmnr"));
    QCOMPARE(skippedLocalLinkFlags(one), QStringLiteral("--llmnr"));
    QVERIFY(skippedLocalLinkFlags(PacketStats{}).isEmpty());

    CaptureOptions options;
    options.dnsPorts = {53, 5300};
    options.mdns = true;
    options.llmnr = true;
    const Imported all = importFixture(file, options);
    QCOMPARE(all.sink.find(QStringLiteral("alt.example")).size(), 1);
    QCOMPARE(all.sink.find(QStringLiteral("printer.local")).value(0).attrs, QStringLiteral("{\"proto\":\"mdns\"}"));
    QCOMPARE(all.sink.find(QStringLiteral("laptop")).value(0).attrs, QStringLiteral("{\"proto\":\"llmnr\"}"));
    QCOMPARE(all.sink.find(QStringLiteral("plain.example")).value(0).attrs, QString());
    QCOMPARE(all.result.stats.mdnsSkipped + all.result.stats.llmnrSkipped, 0u);

    QString error;
    QVERIFY(!CaptureOptions::parsePorts(QStringLiteral("53,abc"), &error));
    QVERIFY(error.contains(QLatin1String("abc")));
    QVERIFY(!CaptureOptions::parsePorts(QStringLiteral("70000"), &error));
    QCOMPARE(*CaptureOptions::parsePorts(QStringLiteral("53, 5300"), &error), (std::vector<std::uint16_t>{53, 5300}));
    // One spelling per set: the source's parameters, and so the duplicate check, do not depend on the order typed.
    QCOMPARE(
        *CaptureOptions::parsePorts(QStringLiteral("5300,53, 5300"), &error), (std::vector<std::uint16_t>{53, 5300}));
}

void TestPacketPath::boundedAddresses()
{
    PcapFile file(LinkTypes::Raw);
    for (int i = 0; i < 50; ++i)
        file.add(udp4(kServer, QStringLiteral("10.0.0.%1").arg(i + 1), 53, 40000,
            answerA(QStringLiteral("popular.example"), QStringLiteral("192.0.2.1"))));
    const Imported imported = importFixture(file);
    const Observation o = imported.sink.find(QStringLiteral("popular.example")).value(0);
    QCOMPARE(o.count, std::optional<qint64>(50));
    QCOMPARE(o.clients.split(QLatin1Char(',')).size(), 8);
}

void TestPacketPath::sameFileSameResult()
{
    const QString path = pcapPath("zeek__dns-edns-ecs.pcap");
    const Imported a = importPath(path);
    CaptureOptions small;
    small.flushEveryMessages = 7; // other batch boundaries must not change what is found
    const Imported b = importPath(path, small);
    QVERIFY(a.result.ok() && b.result.ok());
    QStringList la = a.sink.lines(), lb = b.sink.lines();
    la.removeDuplicates();
    lb.removeDuplicates();
    QCOMPARE(la, lb);
    QCOMPARE(a.result.stats.dnsMessages, b.result.stats.dnsMessages);
}

void TestPacketPath::aggregatorBoundsRecordsAndText_data()
{
    QTest::addColumn<int>("maxRecords");
    QTest::addColumn<int>("maxKeyBytes");
    QTest::addColumn<int>("txtBytes"); // per answer; 0 = an A record
    QTest::newRow("records bound") << 50 << (32 << 20) << 0;
    QTest::newRow("text bound, huge TXT") << 100000 << 200000 << 20000;
    QTest::newRow("both, one record") << 1 << 100 << 500;
}

void TestPacketPath::aggregatorBoundsRecordsAndText()
{
    // Many distinct records (some with huge TXT rdata): the aggregator never holds more than its limits, the least
    // recently seen go out first, and every sighting is accounted for exactly once in what comes out.
    QFETCH(int, maxRecords);
    QFETCH(int, maxKeyBytes);
    QFETCH(int, txtBytes);
    DnsAggregator::Limits limits;
    limits.maxRecords = std::size_t(maxRecords);
    limits.maxKeyBytes = std::size_t(maxKeyBytes);
    DnsAggregator aggregator(limits);
    CaptureOptions options;
    PacketProcessor processor(options, aggregator);
    BatchDelivery delivery;
    CollectingSink sink;
    DnsMessage message;
    MessageContext ctx;
    ctx.src = IpAddress::v4(reinterpret_cast<const std::uint8_t*>("\xC6\x33\x64\x35"));
    ctx.dst = IpAddress::v4(reinterpret_cast<const std::uint8_t*>("\xC0\x00\x02\x0A"));
    const int names = 400;
    for (int round = 0; round < 3; ++round) {
        for (int i = 0; i < names; ++i) {
            const QString name = QStringLiteral("n%1.example").arg(i);
            QByteArray rdata;
            for (int left = txtBytes; left > 0; left -= 255)
                rdata += DnsBuilder::text(QByteArray(std::min(left, 255), char('a' + i % 26)));
            const QByteArray wire = DnsBuilder(std::uint16_t(i), true)
                                        .question(name, txtBytes ? 16 : 1)
                                        .answer(name, txtBytes ? 16 : 1, 60,
                                            txtBytes ? rdata : DnsBuilder::a(QStringLiteral("192.0.2.%1").arg(i % 250)))
                                        .build();
            QVERIFY(parseDnsMessage(
                reinterpret_cast<const std::uint8_t*>(wire.constData()), std::size_t(wire.size()), message));
            ctx.timeUsec = (1'700'000'000ll + round * 1000 + i) * 1'000'000;
            aggregator.addMessage(message, ctx);
            QVERIFY(aggregator.recordCount() <= std::size_t(maxRecords));
            QVERIFY2(aggregator.heldKeyBytes() <= std::size_t(maxKeyBytes) + std::size_t(txtBytes) * 5 + 64,
                qPrintable(QString::number(aggregator.heldKeyBytes())));
            QVERIFY(delivery.deliver(ObservationBatch::take(aggregator, processor), sink));
        }
    }
    while (aggregator.releaseSome(7, 10000) > 0)
        QVERIFY(delivery.deliver(ObservationBatch::take(aggregator, processor), sink));
    QVERIFY(delivery.deliver(ObservationBatch::take(aggregator, processor), sink));
    // Every (name, sighting) is counted once over all the pieces that came out.
    qint64 total = 0;
    QSet<QString> seen;
    for (const Observation& o : sink.observations) {
        total += o.count.value_or(0);
        seen.insert(o.rrname);
        QCOMPARE(o.servers, QStringLiteral("198.51.100.53"));
    }
    QCOMPARE(total, qint64(3 * names));
    QCOMPARE(seen.size(), names);
}

void TestPacketPath::pendingQueriesBoundNamesAndCount()
{
    // Long attacker-made names cannot pile up: past the byte budget the oldest queries are given up as unanswered,
    // and a recent query is still matched by its response.
    PendingQueries pending(1000, 30'000'000, 64 * 1024);
    const IpAddress client = IpAddress::v4(reinterpret_cast<const std::uint8_t*>("\xC0\x00\x02\x0A"));
    const std::string longLabel(60, 'x');
    const auto name = [&](int i) { return longLabel + "." + longLabel + "." + longLabel + "." + std::to_string(i); };
    for (int i = 0; i < 5000; ++i) {
        pending.add(client, std::uint16_t(1000 + i % 50000), std::uint16_t(i), 1, name(i), 1'700'000'000'000'000);
        QVERIFY(pending.nameBytes() <= 64 * 1024);
        QVERIFY(pending.size() <= 1000);
    }
    QVERIFY(pending.ringSlots() <= 2048);
    const std::size_t waiting = pending.size();
    pending.answer(client, std::uint16_t(1000 + 4999), std::uint16_t(4999), 1, name(4999));
    QCOMPARE(pending.size(), waiting - 1);
    pending.finish();
    std::vector<UnansweredQuery> unanswered;
    pending.takeUnanswered(unanswered);
    QCOMPARE(unanswered.size(), std::size_t(4999));
    QCOMPARE(unanswered.front().rrname, name(0)); // the oldest went first
    QCOMPARE(pending.nameBytes(), std::size_t(0));
}

void TestPacketPath::hugeTimestampsAreClamped()
{
    // A pcapng timestamp can claim any 64-bit count of microseconds; found by the packet-path fuzzer as a signed
    // overflow when turned into microseconds since the epoch. The time is clamped (2^40 s), nothing overflows,
    // and the record is kept.
    const QByteArray frame = ethernet(
        udp4(kServer, kClient, 53, 40000, answerA(QStringLiteral("future.example"), QStringLiteral("192.0.2.44"))));
    const auto le32 = [](std::uint32_t v) {
        QByteArray b(4, '\0');
        for (int i = 0; i < 4; ++i)
            b[i] = char(v >> (8 * i));
        return b;
    };
    QByteArray file;
    file += le32(0x0A0D0D0A) + le32(28) + le32(0x1A2B3C4D) + QByteArray::fromHex("01000000") + QByteArray(8, '\xff')
        + le32(28);
    file += le32(1) + le32(20) + QByteArray::fromHex("0100") + QByteArray(2, '\0') + le32(65535) + le32(20);
    QByteArray data = frame;
    while (data.size() % 4)
        data.append('\0');
    const std::uint32_t epbLength = std::uint32_t(32 + data.size());
    file += le32(6) + le32(epbLength) + le32(0) + le32(0xFFFFFFFF) + le32(0xFFFFFFF0)
        + le32(std::uint32_t(frame.size())) + le32(std::uint32_t(frame.size())) + data + le32(epbLength);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("future.pcapng"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(file);
    f.close();
    const Imported imported = importPath(path);
    QVERIFY2(imported.result.ok(), qPrintable(imported.result.error));
    const QList<Observation> found = imported.sink.find(QStringLiteral("future.example"));
    QCOMPARE(found.size(), 1);
    QCOMPARE(found[0].firstSeen, std::optional<qint64>(qint64(1) << 40));
    QCOMPARE(found[0].lastSeen, found[0].firstSeen);
}

QTEST_GUILESS_MAIN(TestPacketPath)
#include "TestPacketPath.moc"
