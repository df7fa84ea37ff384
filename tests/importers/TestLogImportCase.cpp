// End to end: log files imported into a real temporary case through the real ObservationWriter, read back
// with CaseReader, and the same file refused the second time (same SHA-256, no count doubled).

#include "capture/logs/LogImporter.h"
#include "models/CaseFile.h"
#include "models/CaseReader.h"
#include "models/ObservationWriter.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace pdnsw;

namespace {

QString fixture(const char* name)
{
    return QStringLiteral(PDNSW_SOURCE_DIR "/tests/importers/data/") + QLatin1String(name);
}

struct ImportOutcome
{
    ObservationWriter::Begin begin = ObservationWriter::Begin::Failed;
    LogImportStats stats;
    ObservationWriter::Stats writer;
    CaseError error;
};

// The sequence the CLI and the GUI worker use: digest, begin the source, stream the file into the writer, finish.
ImportOutcome importInto(CaseFile& file, const QString& path)
{
    ImportOutcome outcome;
    QString message;
    const auto digest = LogImporter::digestFile(path, nullptr, &message);
    const auto format = LogImporter::detectFileFormat(path, &message);
    if (!digest || !format) {
        outcome.error.set(CaseError::Kind::InvalidInput, message);
        return outcome;
    }
    ObservationWriter writer(file, 4); // tiny batches: several commits per file
    outcome.begin = writer.beginSource(LogImporter::sourceInfo(path, *format, *digest), &outcome.error);
    if (outcome.begin != ObservationWriter::Begin::Started)
        return outcome;
    LogImportOptions options;
    options.format = format;
    options.expectedSha256 = digest->sha256;
    outcome.stats = LogImporter(options).importFile(path, writer);
    writer.finish(outcome.stats.ok(), outcome.stats.toJson(), &outcome.error);
    outcome.writer = writer.stats();
    return outcome;
}

} // namespace

class TestLogImportCase : public QObject
{
    Q_OBJECT

private slots:
    void importThenRefuseDuplicate();
    void everyFormatIntoOneCase();
};

void TestLogImportCase::importThenRefuseDuplicate()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString casePath = dir.filePath(QStringLiteral("incident.pdnscase"));
    CaseError error;
    auto file = CaseFile::open(casePath, CaseFile::Mode::CreateIfMissing, &error);
    QVERIFY2(file, qPrintable(error.message));

    const QString log = fixture("zeek_dns.log");
    const ImportOutcome first = importInto(*file, log);
    QCOMPARE(first.begin, ObservationWriter::Begin::Started);
    QVERIFY2(first.stats.ok(), qPrintable(first.stats.failure));
    QVERIFY2(!first.error, qPrintable(first.error.message));
    QCOMPARE(first.writer.added, first.stats.observations);
    // www.bad.example A 198.51.100.23 is in both header blocks: one row, count 2.
    QCOMPARE(first.writer.merged, qint64(1));
    QCOMPARE(first.writer.inserted, first.stats.observations - 1);
    QCOMPARE(first.writer.unanswered, qint64(1));

    auto reader = CaseReader::open(casePath, &error);
    QVERIFY2(reader, qPrintable(error.message));
    const QList<SourceInfo> sources = reader->sources();
    QCOMPARE(sources.size(), 1);
    const SourceInfo& source = sources.first();
    QCOMPARE(source.kind, QStringLiteral("zeek"));
    QCOMPARE(source.label, QStringLiteral("zeek_dns.log"));
    QCOMPARE(source.sha256, first.stats.sha256);
    QCOMPARE(source.size, first.stats.size);
    QVERIFY(source.isComplete());
    QCOMPARE(source.timeGranularity, QStringLiteral("second"));
    QCOMPARE(source.timeKind, QStringLiteral("sensor"));

    bool sawMerged = false;
    for (const SourcedObservation& row : reader->timeline(QStringLiteral("www.bad.example"))) {
        const Observation& o = row.observation;
        if (o.rrtype == u"A" && o.rdata == u"198.51.100.23") {
            sawMerged = true;
            QCOMPARE(o.count, std::optional<qint64>(2));
            QCOMPARE(o.firstSeen, std::optional<qint64>(1515146400));
            QCOMPARE(o.lastSeen, std::optional<qint64>(1515232800));
        }
    }
    QVERIFY(sawMerged);

    // The rebuilt CNAME chain is followed by the case's timeline to the addresses.
    QSet<QString> chain;
    for (const SourcedObservation& row : reader->timeline(QStringLiteral("www.shop.example")))
        chain.insert(QStringLiteral("%1 %2 %3 %4")
                         .arg(row.chainDepth)
                         .arg(row.observation.rrname, row.observation.rrtype, row.observation.rdata));
    QVERIFY(chain.contains(QStringLiteral("0 www.shop.example CNAME shop.cdn.example.net")));
    QVERIFY(chain.contains(QStringLiteral("1 shop.cdn.example.net CNAME edge.cdn.example.net")));
    QVERIFY(chain.contains(QStringLiteral("2 edge.cdn.example.net A 203.0.113.77")));
    QVERIFY(chain.contains(QStringLiteral("2 edge.cdn.example.net A 203.0.113.78")));

    const CaseCounts before = reader->counts();

    // The same file again: refused by its SHA-256, nothing counted twice.
    const ImportOutcome second = importInto(*file, log);
    QCOMPARE(second.begin, ObservationWriter::Begin::Duplicate);
    QCOMPARE(second.error.kind, CaseError::Kind::Duplicate);
    QVERIFY2(second.error.message.contains(first.stats.sha256), qPrintable(second.error.message));
    const CaseCounts after = reader->counts();
    QCOMPARE(after.observations, before.observations);
    QCOMPARE(after.sources, qint64(1));
    for (const SourcedObservation& row : reader->timeline(QStringLiteral("www.bad.example"), false)) {
        if (row.observation.rrtype == u"A")
            QCOMPARE(row.observation.count, std::optional<qint64>(2));
    }
}

void TestLogImportCase::everyFormatIntoOneCase()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString casePath = dir.filePath(QStringLiteral("all.pdnscase"));
    CaseError error;
    auto file = CaseFile::open(casePath, CaseFile::Mode::CreateIfMissing, &error);
    QVERIFY2(file, qPrintable(error.message));
    qint64 added = 0;
    for (const char* name : {"zeek_dns.log", "zeek_dns.json", "passivedns.log", "passivedns-0.5.log", "passivedns.json",
             "circl.cof.ndjson", "dnsdb.saf.ndjson"}) {
        const ImportOutcome outcome = importInto(*file, fixture(name));
        QCOMPARE(outcome.begin, ObservationWriter::Begin::Started);
        QVERIFY2(outcome.stats.ok(), qPrintable(outcome.stats.failure));
        QVERIFY(outcome.stats.observations > 0);
        added += outcome.writer.inserted;
    }
    auto reader = CaseReader::open(casePath, &error);
    QVERIFY2(reader, qPrintable(error.message));
    QCOMPARE(reader->counts().sources, qint64(7));
    QCOMPARE(reader->counts().observations, added);
    QStringList kinds;
    for (const SourceInfo& source : reader->sources()) {
        kinds.append(source.kind);
        QVERIFY(source.isComplete());
    }
    kinds.sort();
    QCOMPARE(kinds, (QStringList{"cof", "cof", "passivedns", "passivedns", "passivedns", "zeek", "zeek"}));

    // Negative answers of every log format land as observations of the name.
    const auto gone = reader->timeline(QStringLiteral("gone.bad.example"));
    int negatives = 0;
    for (const SourcedObservation& row : gone) {
        if (row.observation.section == Section::Negative && row.observation.rdata == u"NXDOMAIN")
            ++negatives;
    }
    QCOMPARE(negatives, 4); // zeek, zeek-json, passivedns text and json
}

QTEST_GUILESS_MAIN(TestLogImportCase)
#include "TestLogImportCase.moc"
