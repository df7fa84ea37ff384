// One phase of the capture benchmark in a process of its own, so each phase's CPU time, peak RSS and (under
// callgrind) instruction count are its own. BenchCaptureImport drives it; it can also be run by hand:
//   capture_bench_phase generate FILE PACKETS NAMES
//   capture_bench_phase startup|bare|sha|decode FILE
//   capture_bench_phase import FILE CASE
// Prints key=value lines on stdout; exit status 0 when the phase worked.

#include "BenchPcapGenerator.h"

#include "capture/packet/PcapImporter.h"
#include "models/CaseFile.h"
#include "models/ObservationWriter.h"
#include "models/Sha256.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>

#include <pcap/pcap.h>

#include <sys/resource.h>

#include <cstdio>

using namespace pdnsw;

namespace {

double cpuSeconds()
{
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + (u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

double peakRssMb()
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray& line : f.readAll().split('\n'))
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').value(0).toDouble() / 1024.0;
    return -1;
}

// Kept out of line so a profile names it.
__attribute__((noinline)) bool bareLoop(const QString& path, unsigned long long& packets)
{
    char errbuf[PCAP_ERRBUF_SIZE];
    pcap_t* p = pcap_open_offline(QFile::encodeName(path).constData(), errbuf);
    if (!p) {
        std::fprintf(stderr, "%s\n", errbuf);
        return false;
    }
    pcap_pkthdr* h;
    const u_char* d;
    unsigned long long sum = 0;
    while (pcap_next_ex(p, &h, &d) == 1) {
        sum += h->caplen + d[0];
        ++packets;
    }
    pcap_close(p);
    std::printf("checksum=%llu\n", sum);
    return true;
}

struct CountingSink : ObservationSink
{
    qint64 count = 0;
    qint64 unanswered = 0;
    qint64 errors = 0;
    bool addObservation(const Observation&) override { return ++count > 0; }
    bool addUnansweredQuery(const QString&, const QString&, qint64) override { return ++unanswered > 0; }
    void addError(const QString&, const QString&) override { ++errors; }
};

void printImport(const PcapImportResult& r)
{
    std::printf("packets=%llu\ndns_messages=%llu\nresponses=%llu\nobservations=%lld\nunanswered=%lld\nerrors=%llu\n"
                "tcp_messages=%llu\nretransmissions=%llu\n",
        (unsigned long long)r.stats.packets, (unsigned long long)r.stats.dnsMessages,
        (unsigned long long)r.stats.responses, (long long)r.observations, (long long)r.unanswered,
        (unsigned long long)r.stats.problems, (unsigned long long)r.stats.tcpMessages,
        (unsigned long long)r.tcp.retransmissions);
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 3) {
        std::fprintf(stderr, "usage: %s generate|startup|bare|sha|decode|import FILE [...]\n", argv[0]);
        return 2;
    }
    const QString phase = args[1];
    const QString path = args[2];
    QElapsedTimer timer;
    timer.start();
    const double cpu0 = cpuSeconds();
    bool ok = true;

    if (phase == QLatin1String("generate") && args.size() >= 5) {
        const bench::GeneratedCapture g = bench::writeBenchCapture(path, args[3].toULongLong(), args[4].toUInt());
        std::printf("packets=%llu\nnames=%llu\nbytes=%llu\ntransactions=%llu\ntcp_flows=%llu\nunanswered=%llu\n",
            (unsigned long long)g.packets, (unsigned long long)g.names, (unsigned long long)g.bytes,
            (unsigned long long)g.transactions, (unsigned long long)g.tcpFlows, (unsigned long long)g.unanswered);
        ok = g.packets >= args[3].toULongLong();
    } else if (phase == QLatin1String("startup")) {
        ok = QFileInfo::exists(path);
    } else if (phase == QLatin1String("bare")) {
        unsigned long long packets = 0;
        ok = bareLoop(path, packets);
        std::printf("packets=%llu\n", packets);
    } else if (phase == QLatin1String("sha")) {
        QString error;
        const auto sha = fileSha256(path, nullptr, &error);
        ok = sha.has_value();
        std::printf("sha256=%s\n", sha ? qPrintable(*sha) : qPrintable(error));
    } else if (phase == QLatin1String("decode")) {
        // The packet path alone (hash included), into a sink that only counts: decoding without SQLite.
        CountingSink sink;
        PcapImporter importer;
        const PcapImportResult r = importer.importFile(path, sink);
        ok = r.ok();
        printImport(r);
        if (!ok)
            std::fprintf(stderr, "%s\n", qPrintable(r.error));
    } else if (phase == QLatin1String("import") && args.size() >= 4) {
        CaseError error;
        auto caseFile = CaseFile::open(args[3], CaseFile::Mode::CreateIfMissing, &error);
        if (!caseFile) {
            std::fprintf(stderr, "%s\n", qPrintable(error.message));
            return 1;
        }
        ObservationWriter writer(*caseFile);
        writer.setPipelined(true);
        PcapImporter importer;
        const PcapImportResult r = importer.importIntoCase(path, writer);
        ok = r.ok();
        printImport(r);
        std::printf("rows_inserted=%lld\nrows_merged=%lld\n", (long long)writer.stats().inserted,
            (long long)writer.stats().merged);
        if (!ok)
            std::fprintf(stderr, "%s\n", qPrintable(r.error));
    } else {
        std::fprintf(stderr, "unknown phase or missing arguments: %s\n", qPrintable(args.join(QLatin1Char(' '))));
        return 2;
    }
    std::printf("wall=%.4f\ncpu=%.4f\nrss_mb=%.1f\n", timer.nsecsElapsed() / 1e9, cpuSeconds() - cpu0, peakRssMb());
    return ok ? 0 : 1;
}
