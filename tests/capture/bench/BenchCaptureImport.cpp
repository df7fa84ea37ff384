#include "BenchPcapGenerator.h"

#include "capture/packet/FileSha256.h"
#include "capture/packet/PcapImporter.h"
#include "models/CaseFile.h"
#include "models/ObservationWriter.h"

#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <pcap/pcap.h>

#include <cstdio>

using namespace pdnsw;

namespace {

qint64 vmHwmKb()
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray& line : f.readAll().split('\n'))
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    return -1;
}

} // namespace

// The speed goal, measured as ratios in one run: the full import of a >= 2 M-packet realistic capture
// into a case file against a bare libpcap read loop over the same (cached) file. Prints figures; asserts only
// that the import worked, since timings depend on the machine's load.
class BenchCaptureImport : public QObject
{
    Q_OBJECT

private slots:
    void importVersusBareReadLoop();
};

void BenchCaptureImport::importVersusBareReadLoop()
{
    const quint64 packets = qEnvironmentVariableIsSet("PDNSW_BENCH_PACKETS")
        ? qEnvironmentVariable("PDNSW_BENCH_PACKETS").toULongLong()
        : 2'000'000;
    const quint32 names
        = qEnvironmentVariableIsSet("PDNSW_BENCH_NAMES") ? qEnvironmentVariable("PDNSW_BENCH_NAMES").toUInt() : 60'000;
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString pcapPath = dir.filePath(QStringLiteral("bench.pcap"));
    QElapsedTimer timer;
    timer.start();
    const bench::GeneratedCapture generated = bench::writeBenchCapture(pcapPath, packets, names);
    QVERIFY(generated.packets >= packets);
    std::printf("generated %llu packets, %llu names, %.1f MB in %.2f s\n", (unsigned long long)generated.packets,
        (unsigned long long)generated.names, generated.bytes / 1e6, timer.elapsed() / 1000.0);

    // Bare libpcap loop (twice: the first also makes sure the file is in the page cache).
    double bare = 1e9;
    for (int round = 0; round < 2; ++round) {
        char errbuf[PCAP_ERRBUF_SIZE];
        timer.restart();
        pcap_t* p = pcap_open_offline(QFile::encodeName(pcapPath).constData(), errbuf);
        QVERIFY(p);
        pcap_pkthdr* h;
        const u_char* d;
        quint64 sum = 0, count = 0;
        while (pcap_next_ex(p, &h, &d) == 1) {
            sum += h->caplen + d[0];
            ++count;
        }
        pcap_close(p);
        bare = std::min(bare, timer.nsecsElapsed() / 1e9);
        QCOMPARE(count, generated.packets);
        QVERIFY(sum > 0);
    }
    std::printf("bare libpcap read loop: %.3f s\n", bare);

    timer.restart();
    QString hashError;
    const auto sha = fileSha256(pcapPath, nullptr, &hashError);
    QVERIFY2(sha, qPrintable(hashError));
    std::printf("SHA-256 alone: %.3f s (%s)\n", timer.nsecsElapsed() / 1e9,
#if defined(PDNSW_HAVE_LIBCRYPTO)
        "libcrypto"
#else
        "QCryptographicHash"
#endif
    );

    // The packet path alone, into a sink that only counts: separates decoding from SQLite.
    {
        struct CountingSink : ObservationSink
        {
            qint64 count = 0;
            bool addObservation(const Observation&) override { return ++count > 0; }
        } counting;
        PcapImporter decodeOnly;
        timer.restart();
        const PcapImportResult r = decodeOnly.importFile(pcapPath, counting);
        QVERIFY2(r.ok(), qPrintable(r.error));
        std::printf("packet path into a counting sink (hash included): %.3f s, %lld observations\n",
            timer.nsecsElapsed() / 1e9, (long long)counting.count);
    }

    const qint64 rssBefore = vmHwmKb();
    CaseError error;
    auto caseFile
        = CaseFile::open(dir.filePath(QStringLiteral("bench.pdnscase")), CaseFile::Mode::CreateIfMissing, &error);
    QVERIFY2(caseFile, qPrintable(error.message));
    ObservationWriter writer(*caseFile);
    PcapImporter importer;
    timer.restart();
    const PcapImportResult result = importer.importIntoCase(pcapPath, writer);
    const double import = timer.nsecsElapsed() / 1e9;
    QVERIFY2(result.ok(), qPrintable(result.error));
    std::printf("full import into the case: %.3f s (%llu DNS messages, %lld observations, %lld unanswered, "
                "%llu errors)\n",
        import, (unsigned long long)result.stats.dnsMessages, (long long)result.observations,
        (long long)result.unanswered, (unsigned long long)result.stats.problems);
    std::printf("ratio import / bare loop: %.2f (goal <= 5)\n", import / bare);
    std::printf("peak RSS (VmHWM): %.1f MB (before the import %.1f MB; goal <= 200 MB)\n", vmHwmKb() / 1024.0,
        rssBefore / 1024.0);
    std::printf("case file: %.1f MB\n", QFileInfo(caseFile->path()).size() / 1e6);
    std::fflush(stdout);
    QCOMPARE(result.stats.problems, 0u);
}

QTEST_GUILESS_MAIN(BenchCaptureImport)
#include "BenchCaptureImport.moc"
