#include <QFileInfo>
#include <QHash>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <cstdio>

// The speed goal, measured as ratios in one run: the full import of a >= 2 M-packet realistic capture
// into a case file against a bare libpcap read loop over the same (cached) file. Each phase runs in its own
// process (capture_bench_phase) so its CPU time and peak RSS are its own. Wall clocks lie on a shared machine,
// so CPU seconds are printed too, and, when valgrind is installed, instruction counts of the same phases on a
// smaller capture (callgrind), whose ratio does not depend on the load. Asserts only that the phases worked.
//
// Environment: PDNSW_BENCH_PACKETS (default 2000000), PDNSW_BENCH_NAMES (60000), PDNSW_BENCH_CALLGRIND_PACKETS
// (200000; 0 skips the instruction counts).
class BenchCaptureImport : public QObject
{
    Q_OBJECT

private slots:
    void importVersusBareReadLoop();
    void instructionCounts();

private:
    using Figures = QHash<QString, QString>;
    static Figures runPhase(const QStringList& args, const QStringList& wrapper = {}, QString* stderrText = nullptr);
    static quint64 envNumber(const char* name, quint64 fallback);
};

quint64 BenchCaptureImport::envNumber(const char* name, quint64 fallback)
{
    return qEnvironmentVariableIsSet(name) ? qEnvironmentVariable(name).toULongLong() : fallback;
}

BenchCaptureImport::Figures BenchCaptureImport::runPhase(
    const QStringList& args, const QStringList& wrapper, QString* stderrText)
{
    QProcess p;
    const QString tool = QStringLiteral(PDNSW_BENCH_PHASE_PATH);
    if (wrapper.isEmpty())
        p.start(tool, args);
    else
        p.start(wrapper.first(), wrapper.mid(1) + QStringList{tool} + args);
    Figures figures;
    if (!p.waitForFinished(3600 * 1000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        qWarning("phase %s failed: %s", qPrintable(args.join(QLatin1Char(' '))),
            p.readAllStandardError().right(2000).constData());
        return figures;
    }
    for (const QByteArray& line : p.readAllStandardOutput().split('\n')) {
        const qsizetype eq = line.indexOf('=');
        if (eq > 0)
            figures.insert(QString::fromUtf8(line.left(eq)), QString::fromUtf8(line.mid(eq + 1)));
    }
    if (stderrText)
        *stderrText = QString::fromUtf8(p.readAllStandardError());
    figures.insert(QStringLiteral("ok"), QStringLiteral("1"));
    return figures;
}

void BenchCaptureImport::importVersusBareReadLoop()
{
    const quint64 packets = envNumber("PDNSW_BENCH_PACKETS", 2'000'000);
    const quint64 names = envNumber("PDNSW_BENCH_NAMES", 60'000);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString pcap = dir.filePath(QStringLiteral("bench.pcap"));
    const Figures gen = runPhase({QStringLiteral("generate"), pcap, QString::number(packets), QString::number(names)});
    QVERIFY(gen.contains(QStringLiteral("ok")));
    std::printf("generated %s packets (%s transactions, %s TCP retries, %s unanswered), %s names, %.1f MB\n",
        qPrintable(gen[QStringLiteral("packets")]), qPrintable(gen[QStringLiteral("transactions")]),
        qPrintable(gen[QStringLiteral("tcp_flows")]), qPrintable(gen[QStringLiteral("unanswered")]),
        qPrintable(gen[QStringLiteral("names")]), gen[QStringLiteral("bytes")].toDouble() / 1e6);

    // The bare loop runs three times (the first also brings the file into the page cache); the best counts.
    double bareWall = 1e9, bareCpu = 1e9;
    for (int round = 0; round < 3; ++round) {
        const Figures bare = runPhase({QStringLiteral("bare"), pcap});
        QVERIFY(bare.contains(QStringLiteral("ok")));
        QCOMPARE(bare[QStringLiteral("packets")], gen[QStringLiteral("packets")]);
        bareWall = std::min(bareWall, bare[QStringLiteral("wall")].toDouble());
        bareCpu = std::min(bareCpu, bare[QStringLiteral("cpu")].toDouble());
    }
    std::printf("bare libpcap read loop: %.3f s wall, %.3f s CPU\n", bareWall, bareCpu);

    const Figures sha = runPhase({QStringLiteral("sha"), pcap});
    QVERIFY(sha.contains(QStringLiteral("ok")));
    std::printf("SHA-256 alone: %.3f s wall, %.3f s CPU\n", sha[QStringLiteral("wall")].toDouble(),
        sha[QStringLiteral("cpu")].toDouble());

    const Figures decode = runPhase({QStringLiteral("decode"), pcap});
    QVERIFY(decode.contains(QStringLiteral("ok")));
    std::printf("packet path into a counting sink (hash included): %.3f s wall, %.3f s CPU, %s observations, "
                "peak RSS %s MB\n",
        decode[QStringLiteral("wall")].toDouble(), decode[QStringLiteral("cpu")].toDouble(),
        qPrintable(decode[QStringLiteral("observations")]), qPrintable(decode[QStringLiteral("rss_mb")]));

    const QString casePath = dir.filePath(QStringLiteral("bench.pdnscase"));
    const Figures import = runPhase({QStringLiteral("import"), pcap, casePath});
    QVERIFY(import.contains(QStringLiteral("ok")));
    const double wall = import[QStringLiteral("wall")].toDouble();
    const double cpu = import[QStringLiteral("cpu")].toDouble();
    std::printf("full import into the case: %.3f s wall, %.3f s CPU (%s DNS messages, %s TCP messages, %s "
                "observations handed over -> %s rows inserted, %s merged; %s unanswered; %s errors)\n",
        wall, cpu, qPrintable(import[QStringLiteral("dns_messages")]),
        qPrintable(import[QStringLiteral("tcp_messages")]), qPrintable(import[QStringLiteral("observations")]),
        qPrintable(import[QStringLiteral("rows_inserted")]), qPrintable(import[QStringLiteral("rows_merged")]),
        qPrintable(import[QStringLiteral("unanswered")]), qPrintable(import[QStringLiteral("errors")]));
    std::printf("ratio import / bare loop: %.2f wall, %.2f CPU (goal <= 5)\n", wall / bareWall, cpu / bareCpu);
    std::printf("peak RSS of the import process (VmHWM): %s MB (goal <= 200 MB)\n",
        qPrintable(import[QStringLiteral("rss_mb")]));
    std::printf("case file: %.1f MB\n", QFileInfo(casePath).size() / 1e6);
    std::fflush(stdout);
    QCOMPARE(import[QStringLiteral("errors")], QStringLiteral("0"));
    QVERIFY(import[QStringLiteral("rows_inserted")].toLongLong() > 0);
}

void BenchCaptureImport::instructionCounts()
{
    const quint64 packets = envNumber("PDNSW_BENCH_CALLGRIND_PACKETS", 200'000);
    const QString valgrind = QStandardPaths::findExecutable(QStringLiteral("valgrind"));
    if (packets == 0 || valgrind.isEmpty())
        QSKIP("instruction counts need valgrind (apt-get install valgrind) and PDNSW_BENCH_CALLGRIND_PACKETS > 0");
    // Same name density as the large capture.
    const quint64 names = std::max<quint64>(
        1000, envNumber("PDNSW_BENCH_NAMES", 60'000) * packets / envNumber("PDNSW_BENCH_PACKETS", 2'000'000));
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString pcap = dir.filePath(QStringLiteral("small.pcap"));
    QVERIFY(runPhase({QStringLiteral("generate"), pcap, QString::number(packets), QString::number(names)})
                .contains(QStringLiteral("ok")));

    // callgrind prints "==pid== Collected : N" (instructions executed by every thread of the process).
    const auto instructions = [&](const QStringList& args) -> double {
        QString stderrText;
        const QStringList wrapper{valgrind, QStringLiteral("--tool=callgrind"),
            QStringLiteral("--callgrind-out-file=") + dir.filePath(QStringLiteral("callgrind.out.%p"))};
        if (!runPhase(args, wrapper, &stderrText).contains(QStringLiteral("ok")))
            return -1;
        const qsizetype at = stderrText.indexOf(QStringLiteral("Collected :"));
        return at < 0 ? -1 : stderrText.mid(at + 11).section(QLatin1Char('\n'), 0, 0).trimmed().toDouble();
    };
    const double startup = instructions({QStringLiteral("startup"), pcap});
    const double bare = instructions({QStringLiteral("bare"), pcap});
    const double sha = instructions({QStringLiteral("sha"), pcap});
    const double decode = instructions({QStringLiteral("decode"), pcap});
    const double import
        = instructions({QStringLiteral("import"), pcap, dir.filePath(QStringLiteral("small.pdnscase"))});
    QVERIFY(startup > 0 && bare > startup && decode > bare && import > bare);
    const double n = double(packets);
    std::printf("instructions on a %llu-packet capture (callgrind, process startup of %.0f M subtracted):\n",
        (unsigned long long)packets, startup / 1e6);
    std::printf("  bare loop %.0f M (%.0f per packet)\n", (bare - startup) / 1e6, (bare - startup) / n);
    std::printf("  SHA-256 alone %.0f M (valgrind hides the CPU's SHA extensions: far more than natively)\n",
        (sha - startup) / 1e6);
    std::printf("  packet path into a counting sink, hash included %.0f M (%.0f per packet), ratio %.2f\n",
        (decode - startup) / 1e6, (decode - startup) / n, (decode - startup) / (bare - startup));
    std::printf("  full import %.0f M (%.0f per packet), ratio %.2f (both threads summed)\n", (import - startup) / 1e6,
        (import - startup) / n, (import - startup) / (bare - startup));
    // Natively the hash costs about as much as the bare loop; without it the ratios say where the work is.
    std::printf("  without the hash: packet path %.0f per packet (ratio %.2f), full import %.0f per packet (ratio "
                "%.2f), of which writing to the case %.0f per packet\n",
        (decode - sha) / n, (decode - sha) / (bare - startup), (import - sha) / n, (import - sha) / (bare - startup),
        (import - decode) / n);
    std::fflush(stdout);
}

QTEST_GUILESS_MAIN(BenchCaptureImport)
#include "BenchCaptureImport.moc"
