// The real pdnsw-cli binary on a real case: export (file + manifest, stdout, usage errors) and hosts (formats,
// refusals, apply / re-apply / revert on a CRLF hosts file, a file the user may not write).
#include "ExportTestCase.h"
#include "models/export/ExportManifest.h"
#include "models/sandbox/ManagedBlock.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>
#include <unistd.h>

using namespace pdnsw;
using namespace pdnsw::testdata;

namespace {

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QString err;
};

Run cli(
    const QStringList& args, const QString& program = QStringLiteral(PDNSW_CLI_PATH), const QStringList& prefix = {})
{
    QProcess p;
    p.start(prefix.isEmpty() ? program : prefix.first(),
        prefix.isEmpty() ? args : prefix.mid(1) + QStringList{program} + args);
    Run r;
    if (!p.waitForFinished(120000)) {
        p.kill();
        r.err = QStringLiteral("timed out");
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
    r.out = p.readAllStandardOutput();
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool writeAll(const QString& path, const QByteArray& data)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(data) == data.size();
}

const QByteArray kWindowsHosts = QByteArrayLiteral("# Copyright (c) 1993-2009 Microsoft Corp.\r\n"
                                                   "#\r\n"
                                                   "# localhost name resolution is handled within DNS itself.\r\n"
                                                   "10.0.0.5 fileserver   \r\n"
                                                   "#\t127.0.0.1       localhost\r\n");

} // namespace

class TestExportCli : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void testExportToFile();
    void testExportToStdout();
    void testExportTimeMakesExportsRepeatable_data();
    void testExportTimeMakesExportsRepeatable();
    void testExportUsage_data();
    void testExportUsage();
    void testExportPdf();
    void testHostsFormats_data();
    void testHostsFormats();
    void testHostsRefusesInjection();
    void testHostsJson();
    void testHostsNothingToPin();
    void testApplyReapplyRevert();
    void testApplyNotWritable();

private:
    QTemporaryDir m_dir;
    QString m_case;
};

void TestExportCli::initTestCase()
{
    QVERIFY(m_dir.isValid());
    // Readable by an unprivileged user too (the not-writable test runs the CLI as nobody when we are root).
    QVERIFY(::chmod(QFile::encodeName(m_dir.path()).constData(), 0777) == 0);
    m_case = m_dir.filePath(QStringLiteral("incident.pdnscase"));
    const QString problem = createSampleCase(m_case);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    QVERIFY(QFile::exists(QStringLiteral(PDNSW_CLI_PATH)));
}

void TestExportCli::testExportToFile()
{
    const QString path = m_dir.filePath(QStringLiteral("bundle.json"));
    const Run r = cli(
        {QStringLiteral("export"), QStringLiteral("--case"), m_case, QStringLiteral("--format"), QStringLiteral("stix"),
            QStringLiteral("--names"), QStringLiteral("www.bad.example"), QStringLiteral("-o"), path});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QVERIFY(QString::fromUtf8(r.out).contains(QStringLiteral("Wrote 6 records as stix")));
    const QJsonObject bundle = QJsonDocument::fromJson(readAll(path)).object();
    QCOMPARE(bundle.value(QStringLiteral("type")).toString(), QStringLiteral("bundle"));
    const QJsonObject manifest = QJsonDocument::fromJson(readAll(manifestPathFor(path))).object();
    QString error;
    QCOMPARE(manifest.value(QStringLiteral("export_sha256")).toString(), sha256OfFile(path, &error));
    QCOMPARE(manifest.value(QStringLiteral("filter")).toObject().value(QStringLiteral("names")).toArray().size(), 1);
    QCOMPARE(manifest.value(QStringLiteral("records")).toInteger(), 6);
}

void TestExportCli::testExportToStdout()
{
    const Run r = cli({QStringLiteral("export"), QStringLiteral("--case"), m_case, QStringLiteral("--format"),
        QStringLiteral("cof")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    const QList<QByteArray> lines = r.out.trimmed().split('\n');
    QCOMPARE(lines.size(), sampleRecords().size() - 1);
    for (const QByteArray& line : lines)
        QVERIFY(QJsonDocument::fromJson(line).isObject());
    QVERIFY2(r.err.contains(QStringLiteral("negative answers")), qPrintable(r.err));
    // No manifest for stdout, and nothing else written next to the case.
    QVERIFY(QDir(m_dir.path()).entryList({QStringLiteral("*.manifest.json")}).size() <= 1);
}

void TestExportCli::testExportTimeMakesExportsRepeatable_data()
{
    QTest::addColumn<QString>("format");
    for (const char* format : {"stix", "misp", "csv", "json", "cof", "graphml", "gexf", "dot", "html"})
        QTest::newRow(format) << QString::fromLatin1(format);
}

// With --export-time, exporting the same case twice gives the same file and manifest, byte for byte; without it
// the export is dated now.
void TestExportCli::testExportTimeMakesExportsRepeatable()
{
    QFETCH(QString, format);
    QByteArray first;
    QByteArray firstManifest;
    for (int run = 0; run < 2; ++run) {
        const QString path = m_dir.filePath(QStringLiteral("repeat-%1-%2.out").arg(format).arg(run));
        const Run r
            = cli({QStringLiteral("export"), QStringLiteral("--case"), m_case, QStringLiteral("--format"), format,
                QStringLiteral("--export-time"), QStringLiteral("2024-03-01T12:00:00Z"), QStringLiteral("-o"), path});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QByteArray bytes = readAll(path);
        QVERIFY(!bytes.isEmpty());
        // The manifest names the file it describes: the two runs' files have different names.
        const QByteArray manifest = readAll(manifestPathFor(path)).replace(QFileInfo(path).fileName().toUtf8(), "FILE");
        QVERIFY(manifest.contains("2024-03-01T12:00:00Z"));
        if (run == 0) {
            first = bytes;
            firstManifest = manifest;
            if (QTest::currentDataTag() == QByteArray("stix"))
                QVERIFY(bytes.contains("\"created\":\"2024-03-01T12:00:00.000Z\""));
            continue;
        }
        QCOMPARE(bytes, first);
        QCOMPARE(manifest, firstManifest);
    }
    const Run bad = cli({QStringLiteral("export"), QStringLiteral("--case"), m_case, QStringLiteral("--format"), format,
        QStringLiteral("--export-time"), QStringLiteral("yesterday")});
    QCOMPARE(bad.exitCode, 2);
    QVERIFY2(bad.err.contains(QStringLiteral("--export-time 'yesterday' is not a time")), qPrintable(bad.err));
}

void TestExportCli::testExportUsage_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("message");
    QTest::newRow("pdf to stdout") << QStringList{QStringLiteral("--format"), QStringLiteral("pdf")}
                                   << QStringLiteral("-o FILE");
    QTest::newRow("unknown format") << QStringList{QStringLiteral("--format"), QStringLiteral("xlsx")}
                                    << QStringLiteral("unknown format");
    QTest::newRow("bad time") << QStringList{QStringLiteral("--since"), QStringLiteral("yesterday")}
                              << QStringLiteral("not a time");
    QTest::newRow("since after until") << QStringList{QStringLiteral("--since"), QStringLiteral("2019-01-01"),
        QStringLiteral("--until"), QStringLiteral("2018-01-01")}
                                       << QStringLiteral("later");
    QTest::newRow("bad source") << QStringList{QStringLiteral("--source"), QStringLiteral("x")}
                                << QStringLiteral("not a source id");
}

void TestExportCli::testExportUsage()
{
    QFETCH(QStringList, args);
    QFETCH(QString, message);
    const Run r = cli(QStringList{QStringLiteral("export"), QStringLiteral("--case"), m_case} + args);
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(message), qPrintable(r.err));
    QVERIFY(r.out.isEmpty());
}

void TestExportCli::testExportPdf()
{
    const QString path = m_dir.filePath(QStringLiteral("report.pdf"));
    const Run r = cli({QStringLiteral("export"), QStringLiteral("--case"), m_case, QStringLiteral("--format"),
        QStringLiteral("pdf"), QStringLiteral("-o"), path});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QProcess text;
    text.start(QStringLiteral("pdftotext"), {path, QStringLiteral("-")});
    QVERIFY(text.waitForFinished(60000));
    const QString content = QString::fromUtf8(text.readAllStandardOutput());
    QVERIFY(content.contains(QStringLiteral("www.bad.example")));
    QVERIFY(content.contains(sampleContext().sources.first().sha256));
}

void TestExportCli::testHostsFormats_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("expected");
    QTest::newRow("latest, hosts") << QStringList{} << QStringLiteral("\n203.0.113.77\twww.bad.example\n");
    QTest::newRow("january via CNAME") << QStringList{QStringLiteral("--at"), QStringLiteral("2018-01-20")}
                                       << QStringLiteral("\n198.51.100.23\twww.bad.example\n");
    QTest::newRow("dnsmasq") << QStringList{QStringLiteral("--at"), QStringLiteral("2018-01-20"),
        QStringLiteral("--format"), QStringLiteral("dnsmasq")}
                             << QStringLiteral("\nhost-record=www.bad.example,198.51.100.23\n");
    QTest::newRow("unbound subdomains") << QStringList{QStringLiteral("--format"), QStringLiteral("unbound"),
        QStringLiteral("--subdomains")} << QStringLiteral("    local-zone: \"www.bad.example.\" redirect\n");
    QTest::newRow("inetsim") << QStringList{QStringLiteral("--format"), QStringLiteral("inetsim")}
                             << QStringLiteral("\ndns_static www.bad.example 203.0.113.77\n");
    QTest::newRow("windows") << QStringList{QStringLiteral("--format"), QStringLiteral("windows")}
                             << QStringLiteral("\r\n203.0.113.77\twww.bad.example\r\n");
    QTest::newRow("explicit address") << QStringList{QStringLiteral("--address"),
        QStringLiteral("www.bad.example=2001:DB8::1")}
                                      << QStringLiteral("\n2001:db8::1\twww.bad.example\n");
    QTest::newRow("source filter") << QStringList{QStringLiteral("--source"), QStringLiteral("1")}
                                   << QStringLiteral("\n198.51.100.23\twww.bad.example\n");
}

void TestExportCli::testHostsFormats()
{
    QFETCH(QStringList, args);
    QFETCH(QString, expected);
    const Run r
        = cli(QStringList{QStringLiteral("hosts"), QStringLiteral("www.bad.example"), QStringLiteral("--case"), m_case}
            + args);
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    const QString out = QString::fromUtf8(r.out);
    QVERIFY2(out.contains(expected), qPrintable(out));
    QVERIFY(out.startsWith(QLatin1String("# PDNS Workbench sandbox override")));
    QVERIFY(out.contains(QStringLiteral("# body-sha256: ")));
}

void TestExportCli::testHostsRefusesInjection()
{
    const Run r = cli({QStringLiteral("hosts"), QStringLiteral("evil.com\n1.2.3.4 bank.com"), QStringLiteral("a b.com"),
        QStringLiteral("www.bad.example"), QStringLiteral("--address"), QStringLiteral("ok.example=0x7f.1"),
        QStringLiteral("--case"), m_case});
    QCOMPARE(r.exitCode, 3); // partial: some input refused
    QCOMPARE(r.err.count(QStringLiteral("pdnsw-cli: refused ")), 3);
    QVERIFY(r.err.contains(QStringLiteral("evil.com\\x0a1.2.3.4 bank.com")));
    for (const QByteArray& line : r.out.split('\n')) {
        QVERIFY2(line.isEmpty() || line.startsWith('#') || line == "203.0.113.77\twww.bad.example", line.constData());
    }
}

void TestExportCli::testHostsJson()
{
    const Run r = cli({QStringLiteral("hosts"), QStringLiteral("www.bad.example"), QStringLiteral("cdn.bad.example"),
        QStringLiteral("--at"), QStringLiteral("2018-02-01"), QStringLiteral("--case"), m_case,
        QStringLiteral("--json")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    const QJsonObject o = QJsonDocument::fromJson(r.out).object();
    const QJsonArray pins = o.value(QStringLiteral("pins")).toArray();
    QCOMPARE(pins.size(), 2);
    for (const QJsonValue& p : pins)
        QCOMPARE(p.toObject().value(QStringLiteral("address")).toString(), QStringLiteral("198.51.100.23"));
    QVERIFY(o.value(QStringLiteral("text")).toString().contains(QStringLiteral("198.51.100.23\tcdn.bad.example")));
}

void TestExportCli::testHostsNothingToPin()
{
    const Run r = cli({QStringLiteral("hosts"), QStringLiteral("csv.example"), QStringLiteral("--case"), m_case});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(QStringLiteral("nothing to pin")), qPrintable(r.err));
    QVERIFY(r.out.isEmpty());
}

void TestExportCli::testApplyReapplyRevert()
{
    const QString hosts = m_dir.filePath(QStringLiteral("hosts"));
    QVERIFY(writeAll(hosts, kWindowsHosts));
    Run r = cli({QStringLiteral("hosts"), QStringLiteral("www.bad.example"), QStringLiteral("--case"), m_case,
        QStringLiteral("--format"), QStringLiteral("windows"), QStringLiteral("--apply"), hosts});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QByteArray applied = readAll(hosts);
    QVERIFY(applied.startsWith(kWindowsHosts + ManagedBlock::kBeginMarker + "\r\n"));
    QVERIFY(applied.contains("\r\n203.0.113.77\twww.bad.example\r\n"));
    QVERIFY(applied.endsWith(ManagedBlock::kEndMarker + "\r\n"));
    QCOMPARE(readAll(ManagedBlock::backupPathFor(hosts)), kWindowsHosts);

    // Re-apply at another time: the block is replaced in place, not duplicated.
    r = cli({QStringLiteral("hosts"), QStringLiteral("www.bad.example"), QStringLiteral("--case"), m_case,
        QStringLiteral("--at"), QStringLiteral("2018-01-20"), QStringLiteral("--format"), QStringLiteral("windows"),
        QStringLiteral("--apply"), hosts});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    applied = readAll(hosts);
    QCOMPARE(applied.count(ManagedBlock::kBeginMarker), 1);
    QVERIFY(applied.contains("\r\n198.51.100.23\twww.bad.example\r\n"));
    QVERIFY(!applied.contains("203.0.113.77\t"));

    r = cli({QStringLiteral("hosts"), QStringLiteral("--revert"), hosts});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QCOMPARE(readAll(hosts), kWindowsHosts);
    r = cli({QStringLiteral("hosts"), QStringLiteral("--revert"), hosts});
    QCOMPARE(r.exitCode, 0);
    QVERIFY(QString::fromUtf8(r.out).contains(QStringLiteral("nothing to revert")));
}

void TestExportCli::testApplyNotWritable()
{
    const QString hosts = m_dir.filePath(QStringLiteral("readonly-hosts"));
    QVERIFY(writeAll(hosts, kWindowsHosts));
    QVERIFY(::chmod(QFile::encodeName(hosts).constData(), 0444) == 0);
    QStringList prefix;
    if (::geteuid() == 0) {
        // root writes any mode: run the command as nobody, as an analyst without rights would.
        if (QStandardPaths::findExecutable(QStringLiteral("setpriv")).isEmpty())
            QSKIP("setpriv is needed to drop root for this test");
        prefix = {QStringLiteral("setpriv"), QStringLiteral("--reuid=65534"), QStringLiteral("--regid=65534"),
            QStringLiteral("--clear-groups")};
        for (const QString& f : QDir(m_dir.path()).entryList({QStringLiteral("incident.pdnscase*")}))
            QVERIFY(::chmod(QFile::encodeName(m_dir.filePath(f)).constData(), 0666) == 0);
    }
    const Run r = cli({QStringLiteral("hosts"), QStringLiteral("www.bad.example"), QStringLiteral("--case"), m_case,
                          QStringLiteral("--apply"), hosts},
        QStringLiteral(PDNSW_CLI_PATH), prefix);
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(QStringLiteral("not writable")) && r.err.contains(hosts), qPrintable(r.err));
    QCOMPARE(readAll(hosts), kWindowsHosts);
    QVERIFY(!QFile::exists(ManagedBlock::backupPathFor(hosts)));
}

QTEST_GUILESS_MAIN(TestExportCli)
#include "TestExportCli.moc"
