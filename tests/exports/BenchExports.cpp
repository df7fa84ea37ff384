// Export throughput on a synthetic case (LABELS bench: not part of the normal run). Prints records per second
// for each format and the ratio to the CSV export measured in the same run, and how far each export raised the
// process's resident memory above what it held before (peak RSS, reset between formats).
#include "models/CaseFile.h"
#include "models/ObservationWriter.h"
#include "models/export/CaseExport.h"

#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace pdnsw;

namespace {

// A field of /proc/self/status in MB ("VmRSS", "VmHWM"); -1 when it cannot be read.
double statusMb(const QByteArray& field)
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray& line : f.readAll().split('\n'))
        if (line.startsWith(field + ':'))
            return line.mid(field.size() + 1).trimmed().split(' ').value(0).toDouble() / 1024.0;
    return -1;
}

// Linux resets the peak (VmHWM) to the current RSS when "5" is written to clear_refs.
bool resetPeakRss()
{
    QFile f(QStringLiteral("/proc/self/clear_refs"));
    return f.open(QIODevice::WriteOnly) && f.write("5") == 1;
}

} // namespace

class BenchExports : public QObject
{
    Q_OBJECT

private slots:
    void benchFormats();
};

void BenchExports::benchFormats()
{
    const int records = qEnvironmentVariableIntValue("PDNSW_BENCH_EXPORT_RECORDS") > 0
        ? qEnvironmentVariableIntValue("PDNSW_BENCH_EXPORT_RECORDS")
        : 100000;
    QTemporaryDir dir;
    const QString casePath = dir.filePath(QStringLiteral("bench.pdnscase"));
    {
        CaseError error;
        auto file = CaseFile::open(casePath, CaseFile::Mode::CreateIfMissing, &error);
        QVERIFY2(file, qPrintable(error.message));
        ObservationWriter writer(*file);
        SourceInfo info;
        info.kind = QStringLiteral("pcap");
        info.label = QStringLiteral("bench.pcap");
        info.sha256 = QString(64, u'a');
        info.size = 1;
        QCOMPARE(writer.beginSource(info, &error), ObservationWriter::Begin::Started);
        for (int i = 0; i < records; ++i) {
            Observation o;
            // 1/4 CNAMEs into a shared CDN name pool, the rest addresses: a realistic graph shape.
            o.rrname = QStringLiteral("host%1.zone%2.example").arg(i).arg(i % 997);
            if (i % 4 == 0) {
                o.rrtype = QStringLiteral("CNAME");
                o.rdata = QStringLiteral("edge%1.cdn.example").arg(i % 5003);
            } else {
                o.rrtype = QStringLiteral("A");
                o.rdata = QStringLiteral("10.%1.%2.%3").arg(i >> 16 & 255).arg(i >> 8 & 255).arg(i & 255);
            }
            o.firstSeen = 1500000000 + i;
            o.lastSeen = 1500000000 + i + 3600;
            o.count = 1 + i % 17;
            QVERIFY(writer.addObservation(o));
        }
        QVERIFY(writer.finish(true, {}, &error));
    }

    double csvRate = 0;
    for (const QString& name :
        {QStringLiteral("csv"), QStringLiteral("json"), QStringLiteral("cof"), QStringLiteral("stix"),
            QStringLiteral("misp"), QStringLiteral("graphml"), QStringLiteral("gexf"), QStringLiteral("dot")}) {
        CaseExportRequest request;
        request.casePath = casePath;
        request.format = *exportFormatFromName(name);
        request.outputPath = dir.filePath(QStringLiteral("out.") + name);
        const bool peakReset = resetPeakRss();
        const double rssBefore = statusMb("VmRSS");
        QElapsedTimer timer;
        timer.start();
        const CaseExportResult result = exportCase(request);
        const double seconds = timer.nsecsElapsed() / 1e9;
        const double peakAbove = peakReset ? statusMb("VmHWM") - rssBefore : -1;
        QVERIFY2(result.ok, qPrintable(result.error));
        QCOMPARE(result.records, qint64(records));
        const double rate = records / seconds;
        if (name == QLatin1String("csv"))
            csvRate = rate;
        qInfo("export %-8s %8d records %7.2f s %10.0f records/s  %5.2fx csv  %8.1f MB file  peak RSS +%.1f MB",
            qPrintable(name), records, seconds, rate, rate / csvRate, QFileInfo(request.outputPath).size() / 1e6,
            peakAbove);
    }
}

QTEST_GUILESS_MAIN(BenchExports)
#include "BenchExports.moc"
