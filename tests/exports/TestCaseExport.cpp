// Exports of a real case file: every format through exportCase, the manifest beside it (hashes of the export
// and of the inputs), filters (names with their CNAME chain, since/until, sources), atomic write and cancel,
// the PDF checked with poppler's pdfinfo/pdftotext, and the sandbox override resolved from the case.
#include "ExportTestCase.h"
#include "models/CaseFile.h"
#include "models/CaseReader.h"
#include "models/NotesStore.h"
#include "models/ObservationWriter.h"
#include "models/ProviderQueryLog.h"
#include "models/export/CaseExport.h"
#include "models/export/ExportManifest.h"
#include "models/export/ExportText.h"
#include "models/export/GraphExporters.h"
#include "models/export/TimelinePicture.h"
#include "models/sandbox/CaseOverride.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

using namespace pdnsw;
using namespace pdnsw::testdata;

namespace {

QJsonArray jsonExport(const QString& casePath, const ExportFilter& filter, const QString& out)
{
    CaseExportRequest request;
    request.casePath = casePath;
    request.format = ExportFormat::Json;
    request.filter = filter;
    request.outputPath = out;
    const CaseExportResult result = exportCase(request);
    if (!result.ok)
        qWarning("%s", qPrintable(result.error));
    QFile f(out);
    f.open(QIODevice::ReadOnly);
    return QJsonDocument::fromJson(f.readAll()).array();
}

QSet<QString> rrnames(const QJsonArray& array)
{
    QSet<QString> names;
    for (const QJsonValue& v : array)
        names.insert(v.toObject().value(QStringLiteral("rrname")).toString());
    return names;
}

QString run(const QString& program, const QStringList& args)
{
    QProcess p;
    p.start(program, args);
    if (!p.waitForFinished(60000) || p.exitCode() != 0)
        return QStringLiteral("<%1 failed: %2>").arg(program, QString::fromUtf8(p.readAllStandardError()));
    return QString::fromUtf8(p.readAllStandardOutput());
}

} // namespace

class TestCaseExport : public QObject
{
    Q_OBJECT

private:
    QString bigGraphCase(); // empty when it could not be made (the reason is logged)

private slots:
    void initTestCase();
    void testEveryFormat_data();
    void testEveryFormat();
    void testFilterNamesFollowsChain();
    void testFilterByAddress();
    void testSelectionKey_data();
    void testSelectionKey();
    void testFilterTimeAndSource();
    void testNotesFollowTheSelection();
    void testSourcesFollowTheSelection();
    void testPdfReport();
    void testCancelLeavesNoFile();
    void testLargeGraphWarns();
    void testLargeGraphWrittenWhole_data();
    void testTimelinePictureKeepsNowLookupsAside();
    void testLargeGraphWrittenWhole();
    void testUnwritableOutput();
    void testNotACase();
    void testHeldRecordLimit_data();
    void testHeldRecordLimit();
    void testReportPinsNamesThatWentNxdomain();
    void testOverrideFromCase();

private:
    QTemporaryDir m_dir;
    QString m_case;
    QString m_bigGraphCase; // made by the first test that needs it: a graph past kLargeGraphNodes
};

void TestCaseExport::initTestCase()
{
    QVERIFY(m_dir.isValid());
    // PDNSW_KEEP_TEST_FILES=1 keeps the case and the exports for a look.
    m_dir.setAutoRemove(qEnvironmentVariableIsEmpty("PDNSW_KEEP_TEST_FILES"));
    if (!m_dir.autoRemove())
        qInfo("test files kept in %s", qPrintable(m_dir.path()));
    m_case = m_dir.filePath(QStringLiteral("incident.pdnscase"));
    const QString problem = createSampleCase(m_case);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
}

void TestCaseExport::testEveryFormat_data()
{
    QTest::addColumn<QString>("format");
    QTest::addColumn<qint64>("records");
    for (const QString& name : exportFormatNames()) {
        // COF cannot carry the one negative answer.
        QTest::newRow(qPrintable(name)) << name
                                        << qint64(sampleRecords().size() - (name == QLatin1String("cof") ? 1 : 0));
    }
}

void TestCaseExport::testEveryFormat()
{
    QFETCH(QString, format);
    QFETCH(qint64, records);
    QTemporaryDir out;
    const QString path = out.filePath(QStringLiteral("evidence.") + format);
    CaseExportRequest request;
    request.casePath = m_case;
    request.format = *exportFormatFromName(format);
    request.outputPath = path;
    const CaseExportResult result = exportCase(request);
    QVERIFY2(result.ok, qPrintable(result.error));
    QCOMPARE(result.records, records);
    QVERIFY(QFileInfo(path).size() > 0);
    // Only the export and its manifest: no temporary file left behind.
    QCOMPARE(QDir(out.path()).entryList(QDir::Files | QDir::Hidden).size(), 2);

    QFile mf(manifestPathFor(path));
    QVERIFY(mf.open(QIODevice::ReadOnly));
    const QJsonObject manifest = QJsonDocument::fromJson(mf.readAll()).object();
    QString error;
    QCOMPARE(manifest.value(QStringLiteral("export_sha256")).toString(), sha256OfFile(path, &error));
    QCOMPARE(result.sha256, manifest.value(QStringLiteral("export_sha256")).toString());
    QCOMPARE(manifest.value(QStringLiteral("export_size")).toInteger(), QFileInfo(path).size());
    QCOMPARE(manifest.value(QStringLiteral("format")).toString(), format);
    QCOMPARE(manifest.value(QStringLiteral("tool_version")).toString(), QStringLiteral(PDNSW_VERSION));
    QVERIFY(!manifest.value(QStringLiteral("case_id")).toString().isEmpty());
    QVERIFY(!manifest.value(QStringLiteral("export_time")).toString().isEmpty());
    const QJsonArray sources = manifest.value(QStringLiteral("sources")).toArray();
    QCOMPARE(sources.size(), 3);
    QCOMPARE(
        sources.at(0).toObject().value(QStringLiteral("sha256")).toString(), sampleContext().sources.first().sha256);
    const QJsonArray queries = manifest.value(QStringLiteral("provider_queries")).toArray();
    QCOMPARE(queries.size(), 1);
    QCOMPARE(queries.at(0).toObject().value(QStringLiteral("answers")).toArray().size(), 1);
    QCOMPARE(queries.at(0)
                 .toObject()
                 .value(QStringLiteral("answers"))
                 .toArray()
                 .at(0)
                 .toObject()
                 .value(QStringLiteral("sha256"))
                 .toString()
                 .size(),
        64);
}

void TestCaseExport::testFilterNamesFollowsChain()
{
    ExportFilter filter;
    filter.names = {QStringLiteral("www.bad.example")};
    const QJsonArray array = jsonExport(m_case, filter, m_dir.filePath(QStringLiteral("names.json")));
    QCOMPARE(rrnames(array), (QSet<QString>{QStringLiteral("www.bad.example"), QStringLiteral("cdn.bad.example")}));
    QCOMPARE(array.size(), 6);
}

// An address or a CIDR among the names selects the records that pointed at it, as Details lists them.
void TestCaseExport::testFilterByAddress()
{
    ExportFilter filter;
    filter.names = {QStringLiteral("203.0.113.77")};
    QJsonArray array = jsonExport(m_case, filter, m_dir.filePath(QStringLiteral("address.json")));
    QVERIFY(!array.isEmpty());
    for (const QJsonValue& v : std::as_const(array)) {
        QCOMPARE(v.toObject().value(QStringLiteral("rdata")).toString(), QStringLiteral("203.0.113.77"));
        QVERIFY(v.toObject().value(QStringLiteral("rrtype")).toString() == QLatin1String("A"));
    }
    QVERIFY(rrnames(array).contains(QStringLiteral("www.bad.example")));
    filter.names = {QStringLiteral("203.0.113.0/24"), QStringLiteral("198.51.100.23")};
    array = jsonExport(m_case, filter, m_dir.filePath(QStringLiteral("network.json")));
    QSet<QString> data;
    for (const QJsonValue& v : std::as_const(array))
        data.insert(v.toObject().value(QStringLiteral("rdata")).toString());
    QCOMPARE(data, (QSet<QString>{QStringLiteral("203.0.113.77"), QStringLiteral("198.51.100.23")}));

    // What selects nothing is said, not taken for "nothing there"; what selects something is not. A network counts
    // as selecting when an exported address lies in it (203.0.113.77, 2001:db8::23).
    CaseExportRequest request;
    request.casePath = m_case;
    request.format = ExportFormat::Csv;
    request.filter.names = {QStringLiteral("www.bad.example"), QStringLiteral("wwww.bad.example"),
        QStringLiteral("192.0.2.254"), QStringLiteral("198.51.100.23"), QStringLiteral("10.0.0.0/8"),
        QStringLiteral("203.0.113.0/24"), QStringLiteral("2001:db8::/32")};
    request.outputPath = m_dir.filePath(QStringLiteral("typo.csv"));
    const CaseExportResult result = exportCase(request);
    QVERIFY2(result.ok, qPrintable(result.error));
    QCOMPARE(result.warnings,
        (QStringList{
            QStringLiteral("10.0.0.0/8: no record selected (not in the case, or outside the time and source filters)"),
            QStringLiteral("192.0.2.254: no record selected (not in the case, or outside the time and source filters)"),
            QStringLiteral(
                "wwww.bad.example: no record selected (not in the case, or outside the time and source filters)")}));
}

// What is typed in --names or the dialog, in the form records and provider questions spell it.
void TestCaseExport::testSelectionKey_data()
{
    QTest::addColumn<QString>("typed");
    QTest::addColumn<QString>("key");
    QTest::newRow("name") << " WWW.Bad.Example. "
                          << "www.bad.example";
    QTest::newRow("ipv4") << " 198.51.100.23"
                          << "198.51.100.23";
    QTest::newRow("ipv6 long form") << "2001:DB8:0:0::0001"
                                    << "2001:db8::1";
    QTest::newRow("cidr") << "198.51.100.0/24 "
                          << "198.51.100.0/24";
}

void TestCaseExport::testSelectionKey()
{
    QFETCH(QString, typed);
    QFETCH(QString, key);
    QCOMPARE(exportSelectionKey(typed), key);
}

// A selection by names carries the notes and provider queries about the names and data it exports, and the case's
// own notes;
// a whole-case export carries every note.
void TestCaseExport::testNotesFollowTheSelection()
{
    const QString path = m_dir.filePath(QStringLiteral("notes.pdnscase"));
    QVERIFY(QFile::copy(m_case, path));
    {
        CaseError error;
        const auto file = CaseFile::open(path, CaseFile::Mode::OpenExisting, {}, &error);
        QVERIFY2(file, qPrintable(error.message));
        NotesStore notes(*file);
        QVERIFY(notes.addNote(QStringLiteral("198.51.100.23"), QStringLiteral("note-on-cdn-address"), &error) > 0);
        QVERIFY(notes.addNote(QStringLiteral("csv.example"), QStringLiteral("note-on-unrelated-name"), &error) > 0);
        // Provider questions: a pivot on an exported address, one on an unrelated name, one on the selected name
        // that brought nothing.
        ProviderQueryLog log(*file);
        for (const char* question : {"198.51.100.23", "parked-unrelated.example", "www.bad.example"}) {
            ProviderQueryRecord q;
            q.provider = QStringLiteral("circl");
            q.question = QString::fromLatin1(question);
            q.parameters = QStringLiteral("{}");
            q.startedAt = 1700000000;
            q.id = log.begin(q, &error);
            QVERIFY2(q.id > 0, qPrintable(error.message));
            q.finishedAt = 1700000001;
            QVERIFY(log.finish(q, &error));
        }
    }
    const auto report = [&](const QStringList& names) {
        CaseExportRequest request;
        request.casePath = path;
        request.format = ExportFormat::Html;
        request.filter.names = names;
        request.outputPath = m_dir.filePath(QStringLiteral("notes.html"));
        const CaseExportResult result = exportCase(request);
        if (!result.ok)
            return QStringLiteral("<export failed: %1>").arg(result.error);
        QFile f(request.outputPath);
        return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QStringLiteral("<unreadable>");
    };
    const QString selected = report({QStringLiteral("www.bad.example")});
    QVERIFY2(selected.contains(QStringLiteral("Reader report: JS injected")), qPrintable(selected.left(200)));
    QVERIFY(selected.contains(QStringLiteral("Case opened after a reader")));
    QVERIFY(selected.contains(QStringLiteral("note-on-cdn-address")));
    QVERIFY(!selected.contains(QStringLiteral("note-on-unrelated-name")));
    // The queries behind the selection stay in its report, and in its manifest; the rest of the case's do not.
    QVERIFY(selected.contains(QStringLiteral("<td>circl</td><td>198.51.100.23</td>")));
    QVERIFY(selected.contains(QStringLiteral("<td>circl</td><td>www.bad.example</td>")));
    QVERIFY(!selected.contains(QStringLiteral("parked-unrelated.example")));
    QFile manifest(m_dir.filePath(QStringLiteral("notes.html.manifest.json")));
    QVERIFY(manifest.open(QIODevice::ReadOnly));
    QStringList questions;
    for (const QJsonValue& q :
        QJsonDocument::fromJson(manifest.readAll()).object().value(QStringLiteral("provider_queries")).toArray())
        questions.append(q.toObject().value(QStringLiteral("question")).toString());
    QVERIFY2(questions.contains(QStringLiteral("198.51.100.23"))
            && !questions.contains(QStringLiteral("parked-unrelated.example")),
        qPrintable(questions.join(u',')));
    const QString whole = report({});
    QVERIFY(whole.contains(QStringLiteral("parked-unrelated.example")));
    QVERIFY(whole.contains(QStringLiteral("note-on-cdn-address")));
    QVERIFY(whole.contains(QStringLiteral("note-on-unrelated-name")));
    QVERIFY(whole.contains(QStringLiteral("Reader report: JS injected")));
}

void TestCaseExport::testFilterTimeAndSource()
{
    ExportFilter filter;
    filter.since = t("2018-02-11");
    QJsonArray array = jsonExport(m_case, filter, m_dir.filePath(QStringLiteral("since.json")));
    for (const QJsonValue& v : array) {
        const QJsonObject o = v.toObject();
        if (o.contains(QStringLiteral("time_last")))
            QVERIFY(o.value(QStringLiteral("time_last")).toInteger() >= *filter.since);
    }
    QVERIFY(!rrnames(array).contains(QStringLiteral("csv.example")));
    QVERIFY(rrnames(array).contains(QStringLiteral("www.bad.example")));

    filter = {};
    filter.sourceIds = {2};
    array = jsonExport(m_case, filter, m_dir.filePath(QStringLiteral("source.json")));
    QCOMPARE(array.size(), 2);
    for (const QJsonValue& v : array)
        QCOMPARE(v.toObject().value(QStringLiteral("source")).toObject().value(QStringLiteral("label")).toString(),
            QStringLiteral("DNSDB"));
}

// A filtered export lists, in its manifest and its report, the sources its records came from: those hashes are
// its inputs. A whole-case export lists every source.
void TestCaseExport::testSourcesFollowTheSelection()
{
    const auto exported = [&](ExportFormat format, const QStringList& names, const QString& file) {
        CaseExportRequest request;
        request.casePath = m_case;
        request.format = format;
        request.filter.names = names;
        request.outputPath = m_dir.filePath(file);
        const CaseExportResult result = exportCase(request);
        QStringList labels;
        QFile manifest(result.manifestPath);
        if (!result.ok || !manifest.open(QIODevice::ReadOnly))
            return QStringList{QStringLiteral("<export failed: %1>").arg(result.error)};
        for (const QJsonValue& s :
            QJsonDocument::fromJson(manifest.readAll()).object().value(QStringLiteral("sources")).toArray())
            labels.append(s.toObject().value(QStringLiteral("label")).toString());
        return labels;
    };
    QCOMPARE(exported(ExportFormat::Csv, {QStringLiteral("csv.example")}, QStringLiteral("one-source.csv")),
        QStringList{QStringLiteral("dns_victim.pcapng")});
    QCOMPARE(exported(ExportFormat::Csv, {}, QStringLiteral("all-sources.csv")),
        (QStringList{QStringLiteral("dns_victim.pcapng"), QStringLiteral("DNSDB"), QStringLiteral("VirusTotal")}));
    QCOMPARE(exported(ExportFormat::Html, {QStringLiteral("csv.example")}, QStringLiteral("one-source.html")),
        QStringList{QStringLiteral("dns_victim.pcapng")});
    QFile report(m_dir.filePath(QStringLiteral("one-source.html")));
    QVERIFY(report.open(QIODevice::ReadOnly));
    const QString html = QString::fromUtf8(report.readAll());
    QVERIFY2(html.contains(QStringLiteral("The source of the records in this report; the case has 3.")),
        qPrintable(html.mid(html.indexOf(QStringLiteral("<h2>Sources")), 400)));
    QVERIFY(!html.contains(QStringLiteral("VirusTotal")));
}

void TestCaseExport::testPdfReport()
{
    const QString path = m_dir.filePath(QStringLiteral("report.pdf"));
    CaseExportRequest request;
    request.casePath = m_case;
    request.format = ExportFormat::Pdf;
    request.outputPath = path;
    const CaseExportResult result = exportCase(request);
    QVERIFY2(result.ok, qPrintable(result.error));

    const QString info = run(QStringLiteral("pdfinfo"), {path});
    QVERIFY2(info.contains(QStringLiteral("PDNS Workbench report")), qPrintable(info));
    const QRegularExpression pages(QStringLiteral("Pages:\\s+(\\d+)"));
    const auto m = pages.match(info);
    QVERIFY2(m.hasMatch() && m.captured(1).toInt() >= 2, qPrintable(info));

    QString text = run(QStringLiteral("pdftotext"), {QStringLiteral("-layout"), path, QStringLiteral("-")});
    QVERIFY2(!text.startsWith(u'<'), qPrintable(text));
    for (const char* expected : {"www.bad.example", "cdn.bad.example", "198.51.100.23", "203.0.113.77", "NXDOMAIN",
             "dns_victim.pcapng", "41,002 bytes", "Provider query log", "Case opened after a reader"})
        QVERIFY2(text.contains(QLatin1String(expected)), expected);
    // The hashes: the capture's SHA-256 (maybe wrapped by the layout) and the hosts override's pin.
    QString compact = text;
    compact.remove(QRegularExpression(QStringLiteral("\\s")));
    QVERIFY(compact.contains(sampleContext().sources.first().sha256));
    QVERIFY(compact.contains(QStringLiteral("203.0.113.77www.bad.example")));
    QVERIFY(!text.contains(QStringLiteral("must-not-appear")));
    // Every time in the record tables is whole on its line: a time broken inside ("2018-01-05T08:1" over "2:00Z")
    // is misread.
    for (const SourcedObservation& r : sampleRecords()) {
        for (const auto& t : {r.observation.firstSeen, r.observation.lastSeen}) {
            if (t)
                QVERIFY2(text.contains(exportIsoTime(*t)), qPrintable(exportIsoTime(*t)));
        }
    }
    // The hostile name is shown escaped, never as markup.
    QVERIFY(text.contains(QStringLiteral("<img src=x onerror=alert(1)>")));
}

void TestCaseExport::testCancelLeavesNoFile()
{
    const QString bigCase = m_dir.filePath(QStringLiteral("big.pdnscase"));
    const QString problem = createSampleCase(bigCase, 12000);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    const QString path = m_dir.filePath(QStringLiteral("cancelled.csv"));
    CaseExportRequest request;
    request.casePath = bigCase;
    request.format = ExportFormat::Csv;
    request.outputPath = path;
    qint64 calls = 0;
    const CaseExportResult result = exportCase(request, [&](qint64 done) {
        ++calls;
        return done < 5000;
    });
    QVERIFY(!result.ok);
    QVERIFY(result.cancelled);
    QVERIFY(calls >= 1);
    QVERIFY(!QFile::exists(path));
    QVERIFY(!QFile::exists(manifestPathFor(path)));

    const CaseExportResult full = exportCase(request, [](qint64) { return true; });
    QVERIFY2(full.ok, qPrintable(full.error));
    QCOMPARE(full.records, qint64(12000 + sampleRecords().size()));
}

// A graph past what graph tools lay out is still written, with a warning that says how to make it smaller; a small
// one is not warned about.
void TestCaseExport::testLargeGraphWarns()
{
    CaseExportRequest request;
    request.casePath = m_case;
    request.format = ExportFormat::Dot;
    request.outputPath = m_dir.filePath(QStringLiteral("small.dot"));
    const CaseExportResult small = exportCase(request);
    QVERIFY2(small.ok, qPrintable(small.error));
    QVERIFY2(small.warnings.isEmpty(), qPrintable(small.warnings.join(u'\n')));

    const QString bigCase = bigGraphCase();
    QVERIFY(!bigCase.isEmpty());
    request.casePath = bigCase;
    request.outputPath = m_dir.filePath(QStringLiteral("big.dot"));
    const CaseExportResult big = exportCase(request);
    QVERIFY2(big.ok, qPrintable(big.error));
    QVERIFY(QFile::exists(request.outputPath));
    QCOMPARE(big.warnings.size(), 1);
    QVERIFY2(big.warnings.first().startsWith(QStringLiteral("a graph of 100"))
            && big.warnings.first().contains(QStringLiteral("export only the names, times or sources of interest")),
        qPrintable(big.warnings.first()));
    // A filtered export of the same case is small again.
    request.filter.names = {QStringLiteral("bulk7.example")};
    request.outputPath = m_dir.filePath(QStringLiteral("filtered.dot"));
    const CaseExportResult filtered = exportCase(request);
    QVERIFY2(filtered.ok, qPrintable(filtered.error));
    QVERIFY(filtered.warnings.isEmpty());
}

// A large graph's document goes to the file in pieces; every node and edge the warning counts is in it, and
// the XML formats are well-formed to the end.
void TestCaseExport::testLargeGraphWrittenWhole_data()
{
    QTest::addColumn<ExportFormat>("format");
    QTest::newRow("graphml") << ExportFormat::GraphMl;
    QTest::newRow("gexf") << ExportFormat::Gexf;
    QTest::newRow("dot") << ExportFormat::Dot;
}

void TestCaseExport::testLargeGraphWrittenWhole()
{
    QFETCH(ExportFormat, format);
    CaseExportRequest request;
    request.casePath = bigGraphCase();
    QVERIFY(!request.casePath.isEmpty());
    request.format = format;
    request.outputPath = m_dir.filePath(QStringLiteral("whole.") + exportFormatName(format));
    const CaseExportResult result = exportCase(request);
    QVERIFY2(result.ok, qPrintable(result.error));
    QCOMPARE(result.warnings.size(), 1);
    const QRegularExpressionMatch counts
        = QRegularExpression(QStringLiteral("^a graph of (\\d+) nodes and (\\d+) edges"))
              .match(result.warnings.first());
    QVERIFY2(counts.hasMatch(), qPrintable(result.warnings.first()));
    const qint64 nodes = counts.captured(1).toLongLong();
    const qint64 edges = counts.captured(2).toLongLong();
    QVERIFY(nodes > GraphExporter::kLargeGraphNodes);

    QFile file(request.outputPath);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY2(file.size() > 4 * (1 << 20), "the document should span several pieces");
    qint64 nodesSeen = 0;
    qint64 edgesSeen = 0;
    if (format == ExportFormat::Dot) {
        const QList<QByteArray> lines = file.readAll().split('\n');
        const QRegularExpression nodeLine(QStringLiteral("^    n\\d+ \\["));
        const QRegularExpression edgeLine(QStringLiteral("^    n\\d+ -> n\\d+ \\["));
        for (const QByteArray& line : lines) {
            const QString text = QString::fromUtf8(line);
            nodesSeen += nodeLine.match(text).hasMatch() ? 1 : 0;
            edgesSeen += edgeLine.match(text).hasMatch() ? 1 : 0;
        }
        QCOMPARE(lines.value(lines.size() - 2), QByteArray("}"));
    } else {
        QXmlStreamReader xml(&file);
        while (xml.readNext() != QXmlStreamReader::Invalid && !xml.atEnd()) {
            if (xml.isStartElement() && xml.name() == QLatin1String("node"))
                ++nodesSeen;
            else if (xml.isStartElement() && xml.name() == QLatin1String("edge"))
                ++edgesSeen;
        }
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
    }
    QCOMPARE(nodesSeen, nodes);
    QCOMPARE(edgesSeen, edges);
}

// The report's timeline picture: a system resolver lookup made years after the incident has a column of its own,
// so the axis covers the incident and not the years in between.
void TestCaseExport::testTimelinePictureKeepsNowLookupsAside()
{
    const QString www = QStringLiteral("www.bad.example");
    const auto at = [](const char* day) { return parseUtcTime(QString::fromLatin1(day)).value(); };
    QList<SourcedObservation> records{
        record(1, QStringLiteral("victim.pcapng"), www, QStringLiteral("A"), QStringLiteral("198.51.100.23"),
            at("2018-01-05T08:00:00Z"), at("2018-02-10T18:00:00Z"), 40),
        record(1, QStringLiteral("victim.pcapng"), www, QStringLiteral("A"), QStringLiteral("NXDOMAIN"),
            at("2018-03-01T00:00:00Z"), at("2018-03-05T00:00:00Z"), 3, Section::Negative),
    };
    const TimelinePicture evidence = drawTimelinePicture(records);
    QVERIFY2(evidence.problem.isEmpty(), qPrintable(evidence.problem));
    QVERIFY(!evidence.nowColumn);
    const qint64 evidenceSpan = evidence.axisLast - evidence.axisFirst;

    SourcedObservation now = record(2, QStringLiteral("System resolver (now)"), www, QStringLiteral("A"),
        QStringLiteral("NXDOMAIN"), at("2026-11-30T11:00:00Z"), at("2026-11-30T11:00:00Z"), 1, Section::Negative);
    now.sourceKind = QStringLiteral("lookup:system");
    records.append(now);
    const TimelinePicture withNow = drawTimelinePicture(records);
    QVERIFY(withNow.nowColumn);
    QCOMPARE(withNow.axisLast - withNow.axisFirst, evidenceSpan);
    QVERIFY(withNow.axisLast < at("2018-04-01T00:00:00Z"));
    QCOMPARE(withNow.rowsDrawn, evidence.rowsDrawn); // the lookup's NXDOMAIN shares the capture's row

    // A case with nothing but a lookup still draws it on an axis of its own.
    const TimelinePicture onlyNow = drawTimelinePicture({now});
    QVERIFY(!onlyNow.nowColumn);
    QVERIFY(onlyNow.axisFirst <= at("2026-11-30T11:00:00Z") && at("2026-11-30T11:00:00Z") <= onlyNow.axisLast);
}

QString TestCaseExport::bigGraphCase()
{
    if (!m_bigGraphCase.isEmpty())
        return m_bigGraphCase;
    const QString path = m_dir.filePath(QStringLiteral("big-graph.pdnscase"));
    // Each extra record is a name and an address: two nodes.
    const QString problem = createSampleCase(path, int(GraphExporter::kLargeGraphNodes / 2) + 1);
    if (!problem.isEmpty()) {
        qWarning("%s", qPrintable(problem));
        return {};
    }
    m_bigGraphCase = path;
    return path;
}

void TestCaseExport::testUnwritableOutput()
{
    CaseExportRequest request;
    request.casePath = m_case;
    request.format = ExportFormat::Json;
    request.outputPath = m_dir.filePath(QStringLiteral("no/such/dir/out.json"));
    const CaseExportResult result = exportCase(request);
    QVERIFY(!result.ok);
    QVERIFY2(result.error.contains(request.outputPath), qPrintable(result.error));
}

void TestCaseExport::testNotACase()
{
    const QString bogus = m_dir.filePath(QStringLiteral("bogus.pdnscase"));
    QFile f(bogus);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("this is not sqlite\n");
    f.close();
    CaseExportRequest request;
    request.casePath = bogus;
    request.format = ExportFormat::Stix;
    request.outputPath = m_dir.filePath(QStringLiteral("bogus.json"));
    const CaseExportResult result = exportCase(request);
    QVERIFY(!result.ok);
    QVERIFY(!result.error.isEmpty());
    QVERIFY(!QFile::exists(request.outputPath));
}

void TestCaseExport::testHeldRecordLimit_data()
{
    QTest::addColumn<ExportFormat>("format");
    QTest::addColumn<bool>("limited");
    QTest::newRow("stix") << ExportFormat::Stix << false;
    QTest::newRow("misp") << ExportFormat::Misp << false;
    QTest::newRow("graphml") << ExportFormat::GraphMl << true;
    QTest::newRow("html") << ExportFormat::Html << true;
    QTest::newRow("csv") << ExportFormat::Csv << false;
    QTest::newRow("cof") << ExportFormat::Cof << false;
}

// A format that holds every record refuses a case past its limit with a message and writes nothing (a whole
// 10 M-row case ran out of memory in STIX and MISP before they streamed); the streaming formats take any number.
void TestCaseExport::testHeldRecordLimit()
{
    QFETCH(ExportFormat, format);
    QFETCH(bool, limited);
    CaseExportRequest request;
    request.casePath = m_case;
    request.format = format;
    request.recordLimit = 3;
    request.outputPath = m_dir.filePath(QStringLiteral("limited.") + exportFormatName(format));
    const CaseExportResult result = exportCase(request);
    if (!limited) {
        QVERIFY2(result.ok, qPrintable(result.error));
        QVERIFY(result.records > 3);
        return;
    }
    QVERIFY(!result.ok);
    QVERIFY2(result.error.contains(u"stops at 3 records") && result.error.contains(u"csv, json, cof, stix or misp"),
        qPrintable(result.error));
    QVERIFY(!QFile::exists(request.outputPath));
    QVERIFY(!QFile::exists(request.outputPath + QStringLiteral(".manifest.json")));
}

// A whole-case report pins the names that went NXDOMAIN, not one that answered NODATA for a type.
void TestCaseExport::testReportPinsNamesThatWentNxdomain()
{
    const QString path = m_dir.filePath(QStringLiteral("nodata.pdnscase"));
    QVERIFY(QFile::copy(m_case, path));
    {
        CaseError error;
        auto file = CaseFile::open(path, CaseFile::Mode::OpenExisting, {}, &error);
        QVERIFY2(file, qPrintable(error.message));
        ObservationWriter writer(*file);
        SourceInfo info;
        info.kind = QStringLiteral("zeek");
        info.label = QStringLiteral("old.log");
        info.sha256 = QStringLiteral("ab");
        QCOMPARE(writer.beginSource(info, &error), ObservationWriter::Begin::Started);
        Observation answer;
        answer.rrname = QStringLiteral("google.example");
        answer.rrtype = QStringLiteral("A");
        answer.rdata = QStringLiteral("192.0.2.77");
        answer.firstSeen = answer.lastSeen = 1500000000;
        Observation nodata = answer;
        nodata.rrtype = QStringLiteral("LOC");
        nodata.rdata = QStringLiteral("NODATA");
        nodata.section = Section::Negative;
        QVERIFY(writer.addObservation(answer) && writer.addObservation(nodata));
        QVERIFY(writer.finish(true, {}, &error));
    }
    CaseExportRequest request;
    request.casePath = path;
    request.format = ExportFormat::Html;
    request.outputPath = m_dir.filePath(QStringLiteral("nodata.html"));
    const CaseExportResult result = exportCase(request);
    QVERIFY2(result.ok, qPrintable(result.error));
    QFile f(request.outputPath);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QString html = QString::fromUtf8(f.readAll());
    const qsizetype pins = html.indexOf(QStringLiteral("# PDNS Workbench sandbox override"));
    QVERIFY(pins >= 0);
    const QString pack = html.mid(pins, html.indexOf(QStringLiteral("</pre>"), pins) - pins);
    QVERIFY2(pack.contains(QStringLiteral("www.bad.example")) && !pack.contains(QStringLiteral("google.example")),
        qPrintable(pack));
}

void TestCaseExport::testOverrideFromCase()
{
    CaseError error;
    const auto reader = CaseReader::open(m_case, &error);
    QVERIFY2(reader, qPrintable(error.message));
    CaseOverrideRequest request;
    request.names = {
        QStringLiteral("www.bad.example"), QStringLiteral("evil.com\n1.2.3.4 bank.com"), QStringLiteral("csv.example")};
    request.generatedAt = 1700000000;
    CaseOverrideResult result = buildCaseOverride(*reader, request);
    QVERIFY2(result.pack.ok(), qPrintable(result.pack.error));
    // The latest answer is DNSDB's A record until 2018-03-20 (the AAAA was seen on 02-11 only).
    QCOMPARE(
        result.pack.pairs, (QList<AddressName>{{QStringLiteral("203.0.113.77"), QStringLiteral("www.bad.example")}}));
    QCOMPARE(result.pack.rejected.size(), 1);
    QCOMPARE(result.unresolved.size(), 1); // csv.example has only a TXT record
    QVERIFY(result.pack.text.contains(QStringLiteral("# case: incident")));

    // Only the capture, in January: through the CNAME to the CDN's address.
    request.names = {QStringLiteral("www.bad.example")};
    request.sourceIds = {1};
    request.at = t("2018-01-20");
    request.format = OverrideFormat::Unbound;
    result = buildCaseOverride(*reader, request);
    QCOMPARE(
        result.pack.pairs, (QList<AddressName>{{QStringLiteral("198.51.100.23"), QStringLiteral("www.bad.example")}}));
    QVERIFY(result.pack.text.contains(QStringLiteral("local-data: \"www.bad.example. IN A 198.51.100.23\"")));
    QVERIFY(result.pack.text.contains(QStringLiteral("via cdn.bad.example")));
    QVERIFY(result.pack.text.contains(QStringLiteral("# sources: dns_victim.pcapng (#1)")));

    // An explicit address wins.
    request.explicitAddresses.insert(QStringLiteral("WWW.bad.example"), {QStringLiteral("192.0.2.200")});
    result = buildCaseOverride(*reader, request);
    QCOMPARE(
        result.pack.pairs, (QList<AddressName>{{QStringLiteral("192.0.2.200"), QStringLiteral("www.bad.example")}}));
}

QTEST_MAIN(TestCaseExport)
#include "TestCaseExport.moc"
