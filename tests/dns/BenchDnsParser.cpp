// Micro-benchmark of the DNS decoder on a realistic mix (LABELS bench): typical resolver answers (A, AAAA,
// CNAME chains, NXDOMAIN with SOA, MX, TXT, EDNS) plus every DNS payload of the public captures. Prints
// messages/s and MB/s for the mix, and for the synthetic typical answers alone.

#include "capture/dns/DnsMessage.h"
#include "dns/DnsWire.h"
#include "dns/PcapDnsPayloads.h"

#include <QDir>
#include <QElapsedTimer>
#include <QTest>

#include <ctime>

using namespace pdnsw;
using namespace pdnsw::test;

namespace {

QList<QByteArray> typicalAnswers()
{
    QList<QByteArray> messages;
    {
        DnsWire w = DnsWire::header(1, 2, 0, 1);
        w.question("www.example.com", 1)
            .pointer(12)
            .rr(1, fromHex("c0000201"), 60)
            .pointer(12)
            .rr(1, fromHex("c0000202"), 60);
        w.u8(0).rr(41, {}, 0, 1232);
        messages << w;
    }
    {
        // A CNAME chain: static.cdn.example.net -> edge1.cdnn.com -> a1.cdnn.com -> A.
        DnsWire w = DnsWire::header(1, 3);
        w.question("static.cdn.example.net", 1).pointer(12);
        const int firstTarget = w.size() + 10;
        w.rr(5, nameWire("edge1.cdnn.com"), 300).pointer(static_cast<std::uint16_t>(firstTarget));
        const int secondTarget = w.size() + 10;
        w.rr(5, DnsWire().label("a1").pointer(static_cast<std::uint16_t>(firstTarget + 6)).bytes(), 20);
        w.pointer(static_cast<std::uint16_t>(secondTarget)).rr(1, fromHex("cb007101"), 20);
        messages << w;
    }
    {
        DnsWire w = DnsWire::header(1, 1);
        w.question("mail.example.org", 28).pointer(12).rr(28, fromHex("20010db8000000000000000000000025"), 3600);
        messages << w;
    }
    {
        DnsWire w = DnsWire::header(1, 0, 1, 0, 0x8183);
        w.question("nonexistent.example.com", 1).pointer(24);
        w.rr(6,
            fromHex("036e7331 c018 0a686f73746d6173746572 c018")
                + DnsWire().u32(2024010101).u32(7200).u32(3600).u32(1209600).u32(300).bytes(),
            900);
        messages << w;
    }
    {
        DnsWire w = DnsWire::header(1, 2);
        w.question("example.com", 15)
            .pointer(12)
            .rr(15, fromHex("000a 036d7831 c00c"))
            .pointer(12)
            .rr(15, fromHex("0014 036d7832 c00c"));
        messages << w;
    }
    {
        DnsWire w = DnsWire::header(1, 1);
        w.question("example.com", 16)
            .pointer(12)
            .rr(16, DnsWire().label("v=spf1 include:_spf.example.com ~all").bytes());
        messages << w;
    }
    {
        DnsWire w = DnsWire::header(1, 0, 0, 1, 0x0120); // a query with EDNS and a client cookie
        w.question("www.example.com", 65).u8(0).rr(41, fromHex("000a 0008 0102030405060708"), 0, 1232);
        messages << w;
    }
    return messages;
}

double threadCpuSeconds()
{
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return double(t.tv_sec) + double(t.tv_nsec) / 1e9;
}

struct Rate
{
    double wall = 0; // messages per wall-clock second
    double cpu = 0; // messages per second of this thread's CPU time: the figure on a machine shared by others
};

Rate messagesPerSecond(const QList<QByteArray>& messages, qint64 minimumMs, std::size_t& records)
{
    DnsMessage parsed;
    records = 0;
    QElapsedTimer timer;
    timer.start();
    const double cpuStart = threadCpuSeconds();
    qint64 count = 0;
    do {
        for (int round = 0; round < 64; ++round) {
            for (const QByteArray& m : messages) {
                parseDnsMessage(
                    reinterpret_cast<const std::uint8_t*>(m.constData()), static_cast<std::size_t>(m.size()), parsed);
                records += parsed.records().size();
                ++count;
            }
        }
    } while (timer.elapsed() < minimumMs);
    const double wall = double(timer.nsecsElapsed()) / 1e9;
    const double cpu = threadCpuSeconds() - cpuStart;
    return {count / wall, count / cpu};
}

} // namespace

class BenchDnsParser : public QObject
{
    Q_OBJECT

private slots:
    void benchMix();
};

void BenchDnsParser::benchMix()
{
    const QList<QByteArray> typical = typicalAnswers();
    DnsMessage check;
    for (const QByteArray& m : typical)
        QVERIFY2(parseDnsMessage(reinterpret_cast<const std::uint8_t*>(m.constData()), std::size_t(m.size()), check),
            dnsIssueList(check.issues).c_str());

    QList<QByteArray> mix = typical;
    const QDir pcaps(QStringLiteral(PDNSW_PCAP_DIR));
    for (const QString& file : pcaps.entryList({"*.pcap", "*.pcapng"}, QDir::Files, QDir::Name)) {
        for (const PcapDnsPayload& p : dnsPayloadsFromPcap(pcaps.filePath(file)))
            mix << p.message;
    }
    // Weight the typical answers so they make up about half of the mix, as on a resolver's wire.
    const int captured = int(mix.size() - typical.size());
    for (int i = 0; i < captured / typical.size(); ++i)
        mix << typical;

    std::size_t typicalRecords = 0, mixRecords = 0;
    const Rate typicalRate = messagesPerSecond(typical, 700, typicalRecords);
    const Rate mixRate = messagesPerSecond(mix, 700, mixRecords);
    QVERIFY(typicalRecords > 0 && mixRecords > 0);
    qint64 typicalBytes = 0, mixBytes = 0;
    for (const QByteArray& m : typical)
        typicalBytes += m.size();
    for (const QByteArray& m : mix)
        mixBytes += m.size();
    const double typicalAvg = double(typicalBytes) / double(typical.size());
    const double mixAvg = double(mixBytes) / double(mix.size());

    qInfo("typical answers: %lld kinds, %.0f bytes avg: %.2f M messages/s per CPU second (%.0f MB/s), "
          "%.2f M/s wall clock",
        qlonglong(typical.size()), typicalAvg, typicalRate.cpu / 1e6, typicalRate.cpu * typicalAvg / 1e6,
        typicalRate.wall / 1e6);
    qInfo("realistic mix: %lld messages (%d from the public captures), %.0f bytes avg: %.2f M messages/s per CPU "
          "second (%.0f MB/s), %.2f M/s wall clock",
        qlonglong(mix.size()), captured, mixAvg, mixRate.cpu / 1e6, mixRate.cpu * mixAvg / 1e6, mixRate.wall / 1e6);
    QVERIFY(typicalRate.cpu > 0 && mixRate.cpu > 0);
}

QTEST_GUILESS_MAIN(BenchDnsParser)
#include "BenchDnsParser.moc"
