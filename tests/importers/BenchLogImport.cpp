// Throughput of the log importers on synthetic files: lines/s and MB/s per format, alone and into a real case.
// Labelled "bench": not part of the normal test run. Prints its figures.

#include "capture/logs/LogImporter.h"
#include "models/CaseFile.h"
#include "models/ObservationWriter.h"

#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using namespace pdnsw;

namespace {

// Counts and drops: measures the readers, not a database.
class CountingSink : public ObservationSink
{
public:
    qint64 observations = 0;
    qint64 errors = 0;
    bool addObservation(const Observation&) override
    {
        ++observations;
        return true;
    }
    void addError(const QString&, const QString&) override { ++errors; }
};

QByteArray syntheticLine(LogFormat format, int i)
{
    const QByteArray name = "host" + QByteArray::number(i % 50000) + ".example";
    const QByteArray address = "198.51." + QByteArray::number((i / 250) % 250) + '.' + QByteArray::number(i % 250 + 1);
    const QByteArray ts = QByteArray::number(1515146400 + i) + ".123456";
    switch (format) {
    case LogFormat::ZeekTsv:
        return ts + "\tC" + QByteArray::number(i) + "\t192.168.1.10\t53124\t192.168.1.1\t53\tudp\t4711\t0.02\t" + name
            + "\t1\tC_INTERNET\t1\tA\t0\tNOERROR\tF\tF\tT\tT\t0\tcdn." + name + ',' + address + "\t60.0,300.0\tF";
    case LogFormat::ZeekJson:
        return "{\"ts\":" + ts + ",\"uid\":\"C" + QByteArray::number(i)
            + "\",\"id.orig_h\":\"192.168.1.10\",\"id.resp_h\":\"192.168.1.1\",\"query\":\"" + name
            + "\",\"qtype\":1,\"qtype_name\":\"A\",\"rcode\":0,\"rcode_name\":\"NOERROR\",\"answers\":[\"cdn." + name
            + "\",\"" + address + "\"],\"TTLs\":[60.0,300.0]}";
    case LogFormat::PassiveDns:
        return ts + "||10.1.1.1||8.8.8.8||IN||" + name + ".||A||" + address + "||300||" + QByteArray::number(i % 9 + 1);
    case LogFormat::PassiveDnsJson:
        return "{\"timestamp_s\":" + QByteArray::number(1515146400 + i)
            + ",\"timestamp_ms\":123456,\"client\":\"10.1.1.1\",\"server\":\"8.8.8.8\",\"class\":\"IN\",\"query\":\""
            + name + ".\",\"type\":\"A\",\"answer\":\"" + address + "\",\"ttl\":300,\"count\":3}";
    case LogFormat::Cof:
        return "{\"rrname\":\"" + name + ".\",\"rrtype\":\"A\",\"rdata\":[\"" + address
            + "\"],\"time_first\":1514764800,\"time_last\":1517443200,\"count\":7}";
    }
    return {};
}

QString writeSynthetic(const QTemporaryDir& dir, LogFormat format, int lines)
{
    const QString path = dir.filePath(logFormatName(format) + QStringLiteral(".log"));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return {};
    if (format == LogFormat::ZeekTsv) {
        file.write("#separator \\x09\n#set_separator\t,\n#empty_field\t(empty)\n#unset_field\t-\n#path\tdns\n"
                   "#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\ttrans_id\trtt\tquery\tqclass\t"
                   "qclass_name\tqtype\tqtype_name\trcode\trcode_name\tAA\tTC\tRD\tRA\tZ\tanswers\tTTLs\trejected\n");
    }
    for (int i = 0; i < lines; ++i)
        file.write(syntheticLine(format, i) + '\n');
    return path;
}

} // namespace

class BenchLogImport : public QObject
{
    Q_OBJECT

private slots:
    void readers_data();
    void readers();
    void intoCase();
};

void BenchLogImport::readers_data()
{
    QTest::addColumn<LogFormat>("format");
    for (LogFormat format :
        {LogFormat::ZeekTsv, LogFormat::ZeekJson, LogFormat::PassiveDns, LogFormat::PassiveDnsJson, LogFormat::Cof})
        QTest::newRow(qPrintable(logFormatName(format))) << format;
}

void BenchLogImport::readers()
{
    QFETCH(LogFormat, format);
    constexpr int kLines = 200000;
    QTemporaryDir dir;
    const QString path = writeSynthetic(dir, format, kLines);
    QVERIFY(!path.isEmpty());
    CountingSink sink;
    QElapsedTimer timer;
    timer.start();
    const LogImportStats stats = LogImporter().importFile(path, sink);
    const double seconds = std::max(timer.nsecsElapsed() / 1e9, 1e-9);
    QVERIFY(stats.ok());
    QCOMPARE(sink.errors, qint64(0));
    QVERIFY(sink.observations >= kLines);
    qInfo("%-16s %7lld lines %8lld observations  %9.0f lines/s  %6.1f MB/s  (SHA-256 included)",
        qPrintable(logFormatName(format)), static_cast<long long>(stats.linesRead),
        static_cast<long long>(stats.observations), stats.linesRead / seconds, stats.size / seconds / 1e6);
}

void BenchLogImport::intoCase()
{
    constexpr int kLines = 200000;
    QTemporaryDir dir;
    const QString path = writeSynthetic(dir, LogFormat::ZeekTsv, kLines);
    CaseError error;
    auto file = CaseFile::open(dir.filePath(QStringLiteral("bench.pdnscase")), CaseFile::Mode::CreateIfMissing, &error);
    QVERIFY2(file, qPrintable(error.message));
    QElapsedTimer timer;
    timer.start();
    const auto digest = LogImporter::digestFile(path, nullptr, nullptr);
    QVERIFY(digest);
    ObservationWriter writer(*file);
    writer.setPipelined(true);
    QCOMPARE(writer.beginSource(LogImporter::sourceInfo(path, LogFormat::ZeekTsv, *digest), &error),
        ObservationWriter::Begin::Started);
    LogImportOptions options;
    options.format = LogFormat::ZeekTsv;
    options.expectedSha256 = digest->sha256;
    const LogImportStats stats = LogImporter(options).importFile(path, writer);
    QVERIFY(stats.ok());
    QVERIFY(writer.finish(true, stats.toJson(), &error));
    const double seconds = std::max(timer.nsecsElapsed() / 1e9, 1e-9);
    qInfo("zeek into a case: %lld lines, %lld observations (%lld rows, %lld merged) in %.2f s = %.0f lines/s",
        static_cast<long long>(stats.linesRead), static_cast<long long>(stats.observations),
        static_cast<long long>(writer.stats().inserted), static_cast<long long>(writer.stats().merged), seconds,
        stats.linesRead / seconds);
}

QTEST_GUILESS_MAIN(BenchLogImport)
#include "BenchLogImport.moc"
