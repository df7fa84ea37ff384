// The bulk import path: merge rules of the upsert, duplicate files, interrupted imports, concurrent readers.
#include "models/CaseFile.h"
#include "models/CaseReader.h"
#include "models/CaseSchema.h"
#include "models/ObservationWriter.h"
#include "models/SqlStatement.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <atomic>
#include <chrono>
#include <memory>
#include <thread>

using namespace pdnsw;

Q_DECLARE_METATYPE(std::optional<qint64>)

namespace {

Observation obs(const QString& name, const QString& data, std::optional<qint64> first, std::optional<qint64> last,
    std::optional<qint64> count)
{
    Observation o;
    o.rrname = name;
    o.rrtype = QStringLiteral("A");
    o.rdata = data;
    o.firstSeen = first;
    o.lastSeen = last;
    o.count = count;
    return o;
}

SourceInfo fileSource(const QString& sha)
{
    SourceInfo s;
    s.kind = QStringLiteral("cof");
    s.label = QStringLiteral("answers.ndjson");
    s.path = QStringLiteral("/evidence/answers.ndjson");
    s.sha256 = sha;
    s.size = 1234;
    return s;
}

using Opt = std::optional<qint64>;

} // namespace

class TestObservationWriter : public QObject
{
    Q_OBJECT
private slots:
    void mergeRules_data();
    void mergeRules();
    void providerCountKeepsMaximum();
    void sectionsAndSourcesStayApart();
    void duplicateFileIsRefused();
    void interruptedImportStartsOver();
    void runningImportIsNotTakenForInterrupted();
    void sameFileWithOtherOptions_data();
    void sameFileWithOtherOptions();
    void batchesAndErrors();
    void readerDuringImportNeverBlocks();
    void diskFullStopsCleanly_data();
    void diskFullStopsCleanly();
    void bulkPathMatchesDirectPath();
    void bulkRowsKeepTheirOwnFields_data();
    void bulkRowsKeepTheirOwnFields();
    void otherWriterWaitsForBulkIndexes();
};

void TestObservationWriter::mergeRules_data()
{
    QTest::addColumn<Opt>("first1");
    QTest::addColumn<Opt>("last1");
    QTest::addColumn<Opt>("count1");
    QTest::addColumn<Opt>("first2");
    QTest::addColumn<Opt>("last2");
    QTest::addColumn<Opt>("count2");
    QTest::addColumn<Opt>("first");
    QTest::addColumn<Opt>("last");
    QTest::addColumn<Opt>("count");
    QTest::newRow("later sighting") << Opt(100) << Opt(200) << Opt(3) << Opt(150) << Opt(400) << Opt(2) << Opt(100)
                                    << Opt(400) << Opt(5);
    QTest::newRow("earlier sighting") << Opt(100) << Opt(200) << Opt(1) << Opt(50) << Opt(60) << Opt(1) << Opt(50)
                                      << Opt(200) << Opt(2);
    QTest::newRow("inside") << Opt(100) << Opt(200) << Opt(1) << Opt(120) << Opt(130) << Opt(1) << Opt(100) << Opt(200)
                            << Opt(2);
    QTest::newRow("no times first") << Opt() << Opt() << Opt(1) << Opt(10) << Opt(20) << Opt(1) << Opt(10) << Opt(20)
                                    << Opt(2);
    QTest::newRow("no times second") << Opt(10) << Opt(20) << Opt(1) << Opt() << Opt() << Opt(1) << Opt(10) << Opt(20)
                                     << Opt(2);
    QTest::newRow("no count either") << Opt(10) << Opt(20) << Opt() << Opt(30) << Opt(40) << Opt() << Opt(10) << Opt(40)
                                     << Opt();
    QTest::newRow("count only on second")
        << Opt(10) << Opt(20) << Opt() << Opt(30) << Opt(40) << Opt(7) << Opt(10) << Opt(40) << Opt(7);
    QTest::newRow("only last seen") << Opt() << Opt(500) << Opt() << Opt() << Opt(300) << Opt() << Opt() << Opt(500)
                                    << Opt();
}

void TestObservationWriter::mergeRules()
{
    QFETCH(Opt, first1);
    QFETCH(Opt, last1);
    QFETCH(Opt, count1);
    QFETCH(Opt, first2);
    QFETCH(Opt, last2);
    QFETCH(Opt, count2);
    QFETCH(Opt, first);
    QFETCH(Opt, last);
    QFETCH(Opt, count);
    QTemporaryDir dir;
    CaseError error;
    auto file = CaseFile::open(dir.filePath(QStringLiteral("m.pdnscase")), CaseFile::Mode::CreateIfMissing, &error);
    QVERIFY(file);
    // The two sightings land in different batches too, so the merge is the database's, not a buffer's.
    ObservationWriter writer(*file, 1);
    QCOMPARE(writer.beginSource(fileSource({}), &error), ObservationWriter::Begin::Started);
    Observation a = obs(QStringLiteral("www.bad.example"), QStringLiteral("198.51.100.23"), first1, last1, count1);
    a.ttlMin = 300;
    a.ttlMax = 300;
    Observation b = obs(QStringLiteral("www.bad.example"), QStringLiteral("198.51.100.23"), first2, last2, count2);
    b.ttlMin = 60;
    b.ttlMax = 600;
    QVERIFY(writer.addObservation(a));
    QVERIFY(writer.addObservation(b));
    QVERIFY(writer.finish(true, {}, &error));
    QCOMPARE(writer.stats().inserted, 1);
    QCOMPARE(writer.stats().merged, 1);
    SqlStatement st(
        file->handle(), "SELECT first_seen, last_seen, count, ttl_min, ttl_max, count(*) FROM observations");
    QVERIFY(st.step());
    QCOMPARE(st.optInt64(0), first);
    QCOMPARE(st.optInt64(1), last);
    QCOMPARE(st.optInt64(2), count);
    QCOMPARE(st.int64(3), 60);
    QCOMPARE(st.int64(4), 600);
    QCOMPARE(st.int64(5), 1);
}

void TestObservationWriter::providerCountKeepsMaximum()
{
    QTemporaryDir dir;
    CaseError error;
    auto file = CaseFile::open(dir.filePath(QStringLiteral("p.pdnscase")), CaseFile::Mode::CreateIfMissing, &error);
    ObservationWriter writer(*file);
    SourceInfo dnsdb;
    dnsdb.kind = QStringLiteral("provider:dnsdb");
    dnsdb.label = QStringLiteral("DNSDB");
    dnsdb.countIsMax = true;
    QVERIFY(writer.continueSource(dnsdb, &error));
    const qint64 id = writer.sourceId();
    // The same record returned by two queries (name, then a pivot on the address) is one total, not two.
    QVERIFY(writer.addObservation(obs(QStringLiteral("a.example"), QStringLiteral("192.0.2.1"), 10, 20, 40)));
    QVERIFY(writer.finish(true, {}, &error));
    QVERIFY(writer.continueSource(dnsdb, &error));
    QCOMPARE(writer.sourceId(), id);
    QVERIFY(writer.addObservation(obs(QStringLiteral("a.example"), QStringLiteral("192.0.2.1"), 10, 25, 42)));
    QVERIFY(writer.finish(true, {}, &error));
    QCOMPARE(queryInt(file->handle(), "SELECT count FROM observations").value_or(0), 42);
    QCOMPARE(queryInt(file->handle(), "SELECT last_seen FROM observations").value_or(0), 25);
    QCOMPARE(queryInt(file->handle(), "SELECT count(*) FROM sources").value_or(0), 1);
    // Another run's writer (the next provider query) continues the source: the Elapsed column is that run's time,
    // not a clock that was never started.
    ObservationWriter nextRun(*file);
    QVERIFY(nextRun.continueSource(dnsdb, &error));
    QCOMPARE(nextRun.sourceId(), id);
    QVERIFY(nextRun.finish(true, QStringLiteral("{\"added\":0}"), &error));
    const qint64 elapsed
        = queryInt(file->handle(), "SELECT json_extract(stats, '$.elapsedMs') FROM sources").value_or(-1);
    QVERIFY2(elapsed >= 0 && elapsed < 60000, qPrintable(QString::number(elapsed)));
}

void TestObservationWriter::sectionsAndSourcesStayApart()
{
    QTemporaryDir dir;
    CaseError error;
    auto file = CaseFile::open(dir.filePath(QStringLiteral("s.pdnscase")), CaseFile::Mode::CreateIfMissing, &error);
    ObservationWriter writer(*file);
    for (const QString& sha : {QStringLiteral("aa"), QStringLiteral("bb")}) {
        QCOMPARE(writer.beginSource(fileSource(sha), &error), ObservationWriter::Begin::Started);
        Observation answer = obs(QStringLiteral("ns.example"), QStringLiteral("192.0.2.53"), 1, 2, 1);
        Observation glue = answer;
        glue.section = Section::Additional;
        QVERIFY(writer.addObservation(answer));
        QVERIFY(writer.addObservation(glue));
        QVERIFY(writer.finish(true, {}, &error));
    }
    QCOMPARE(queryInt(file->handle(), "SELECT count(*) FROM observations").value_or(0), 4);
    QCOMPARE(queryInt(file->handle(), "SELECT sum(count) FROM observations WHERE section = 0").value_or(0), 2);
    QCOMPARE(queryInt(file->handle(), "SELECT observation_count FROM sources WHERE sha256 = 'aa'").value_or(0), 2);
}

void TestObservationWriter::duplicateFileIsRefused()
{
    QTemporaryDir dir;
    CaseError error;
    auto file = CaseFile::open(dir.filePath(QStringLiteral("d.pdnscase")), CaseFile::Mode::CreateIfMissing, &error);
    ObservationWriter writer(*file);
    QCOMPARE(writer.beginSource(fileSource(QStringLiteral("ab12")), &error), ObservationWriter::Begin::Started);
    QVERIFY(writer.addObservation(obs(QStringLiteral("x.example"), QStringLiteral("192.0.2.9"), 1, 1, 1)));
    QVERIFY(writer.finish(true, {}, &error));
    QCOMPARE(writer.beginSource(fileSource(QStringLiteral("ab12")), &error), ObservationWriter::Begin::Duplicate);
    QCOMPARE(error.kind, CaseError::Kind::Duplicate);
    QVERIFY2(error.message.contains(QStringLiteral("already in the case")), qPrintable(error.message));
    QVERIFY(!writer.addObservation(obs(QStringLiteral("x.example"), QStringLiteral("192.0.2.9"), 1, 1, 1)));
    QCOMPARE(queryInt(file->handle(), "SELECT count FROM observations").value_or(0), 1);
    QCOMPARE(queryInt(file->handle(), "SELECT count(*) FROM sources").value_or(0), 1);
}

void TestObservationWriter::interruptedImportStartsOver()
{
    QTemporaryDir dir;
    CaseError error;
    auto file = CaseFile::open(dir.filePath(QStringLiteral("i.pdnscase")), CaseFile::Mode::CreateIfMissing, &error);
    {
        ObservationWriter writer(*file, 2);
        QCOMPARE(writer.beginSource(fileSource(QStringLiteral("cafe")), &error), ObservationWriter::Begin::Started);
        for (int i = 0; i < 5; ++i)
            QVERIFY(writer.addObservation(obs(QStringLiteral("x.example"), QStringLiteral("192.0.2.9"), i, i, 1)));
        QVERIFY(writer.flush(&error)); // no finish(): as if the process died here
    }
    QCOMPARE(queryText(file->handle(), "SELECT state FROM sources").value_or(QString()), QStringLiteral("importing"));
    ObservationWriter writer(*file);
    QCOMPARE(writer.beginSource(fileSource(QStringLiteral("cafe")), &error), ObservationWriter::Begin::Resumed);
    for (int i = 0; i < 5; ++i)
        QVERIFY(writer.addObservation(obs(QStringLiteral("x.example"), QStringLiteral("192.0.2.9"), i, i, 1)));
    QVERIFY(writer.finish(true, {}, &error));
    QCOMPARE(queryInt(file->handle(), "SELECT count FROM observations").value_or(0), 5); // not 10
    QCOMPARE(queryInt(file->handle(), "SELECT count(*) FROM sources").value_or(0), 1);
}

void TestObservationWriter::runningImportIsNotTakenForInterrupted()
{
    // The same file imported twice at once (two windows, or the window and the command line): the second import
    // must neither drop the running one's rows nor import the file a second time.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("twice.pdnscase"));
    CaseError error;
    auto first = CaseFile::open(path, CaseFile::Mode::CreateIfMissing, &error);
    auto second = CaseFile::open(path, CaseFile::Mode::OpenExisting, &error);
    QVERIFY(first && second);
    ObservationWriter running(*first, 2);
    QCOMPARE(running.beginSource(fileSource(QStringLiteral("beef")), &error), ObservationWriter::Begin::Started);
    for (int i = 0; i < 5; ++i)
        QVERIFY(
            running.addObservation(obs(QStringLiteral("n%1.example").arg(i), QStringLiteral("192.0.2.9"), i, i, 1)));
    QVERIFY(running.flush(&error));
    {
        ObservationWriter again(*second);
        QCOMPARE(again.beginSource(fileSource(QStringLiteral("beef")), &error), ObservationWriter::Begin::Failed);
        QCOMPARE(error.kind, CaseError::Kind::Busy);
        QVERIFY2(error.message.contains(QStringLiteral("being imported")), qPrintable(error.message));
    }
    for (int i = 5; i < 8; ++i)
        QVERIFY(
            running.addObservation(obs(QStringLiteral("n%1.example").arg(i), QStringLiteral("192.0.2.9"), i, i, 1)));
    QVERIFY2(running.finish(true, {}, &error), qPrintable(error.message));
    QCOMPARE(queryInt(second->handle(), "SELECT count(*) FROM observations").value_or(0), 8);
    QCOMPARE(queryInt(second->handle(), "SELECT count(*) FROM sources").value_or(0), 1);
    QCOMPARE(queryInt(second->handle(), "SELECT count(*) FROM source_importers").value_or(-1), 0);
    // Once it is complete, the file is a plain duplicate.
    ObservationWriter later(*second);
    QCOMPARE(later.beginSource(fileSource(QStringLiteral("beef")), &error), ObservationWriter::Begin::Duplicate);
}

void TestObservationWriter::sameFileWithOtherOptions_data()
{
    // What an earlier import of the same bytes was left as, whether it read them with the same options, and so
    // what a new import does and whether the earlier source is still there afterwards.
    QTest::addColumn<QString>("earlier");
    QTest::addColumn<bool>("sameOptions");
    QTest::addColumn<int>("begin");
    QTest::addColumn<bool>("earlierKept");
    using B = ObservationWriter::Begin;
    QTest::newRow("complete, same options") << "complete" << true << int(B::Duplicate) << true;
    QTest::newRow("complete, other options") << "complete" << false << int(B::Started) << true;
    QTest::newRow("running, same options") << "running" << true << int(B::Failed) << true;
    QTest::newRow("running, other options") << "running" << false << int(B::Started) << true;
    QTest::newRow("interrupted, same options") << "interrupted" << true << int(B::Resumed) << false;
    QTest::newRow("interrupted, other options") << "interrupted" << false << int(B::Resumed) << false;
}

void TestObservationWriter::sameFileWithOtherOptions()
{
    QFETCH(QString, earlier);
    QFETCH(bool, sameOptions);
    QFETCH(int, begin);
    QFETCH(bool, earlierKept);
    QTemporaryDir dir;
    CaseError error;
    auto file = CaseFile::open(dir.filePath(QStringLiteral("o.pdnscase")), CaseFile::Mode::CreateIfMissing, &error);
    QVERIFY2(file, qPrintable(error.message));
    SourceInfo plain = fileSource(QStringLiteral("f00d"));
    plain.parameters = QStringLiteral("{\"llmnr\":false,\"mdns\":false,\"ports\":[53]}");
    SourceInfo other = plain;
    if (!sameOptions)
        other.parameters = QStringLiteral("{\"llmnr\":false,\"mdns\":true,\"ports\":[53]}");

    auto first = std::make_unique<ObservationWriter>(*file, 2);
    QCOMPARE(first->beginSource(plain, &error), ObservationWriter::Begin::Started);
    for (int i = 0; i < 3; ++i)
        QVERIFY(first->addObservation(obs(QStringLiteral("x.example"), QStringLiteral("192.0.2.9"), i, i, 1)));
    if (earlier == QLatin1String("complete"))
        QVERIFY(first->finish(true, {}, &error));
    else
        QVERIFY(first->flush(&error));
    if (earlier == QLatin1String("interrupted"))
        first.reset(); // no finish(): as if the process died here

    ObservationWriter second(*file);
    QCOMPARE(int(second.beginSource(other, &error)), begin);
    // Source ids are reused once the earlier one is dropped, so count the sources instead.
    const bool began
        = begin == int(ObservationWriter::Begin::Started) || begin == int(ObservationWriter::Begin::Resumed);
    QCOMPARE(queryInt(file->handle(), "SELECT count(*) FROM sources").value_or(-1),
        qint64(earlierKept ? 1 : 0) + (began ? 1 : 0));
    if (began) {
        QVERIFY(second.addObservation(obs(QStringLiteral("x.example"), QStringLiteral("192.0.2.9"), 1, 1, 1)));
        QVERIFY2(second.finish(true, {}, &error), qPrintable(error.message));
        QCOMPARE(
            queryInt(file->handle(), "SELECT count(*) FROM observations").value_or(-1), qint64(earlierKept ? 2 : 1));
    }
    if (first && earlier == QLatin1String("running"))
        QVERIFY2(first->finish(true, {}, &error), qPrintable(error.message));
}

void TestObservationWriter::batchesAndErrors()
{
    QTemporaryDir dir;
    CaseError error;
    auto file = CaseFile::open(dir.filePath(QStringLiteral("b.pdnscase")), CaseFile::Mode::CreateIfMissing, &error);
    ObservationWriter writer(*file, 100);
    QList<qint64> batches;
    writer.setBatchCommittedCallback([&](qint64 batch, qint64) { batches.append(batch); });
    QCOMPARE(writer.beginSource(fileSource(QStringLiteral("ee")), &error), ObservationWriter::Begin::Started);
    for (int i = 0; i < 250; ++i)
        QVERIFY(writer.addObservation(obs(QStringLiteral("n%1.example").arg(i), QStringLiteral("192.0.2.1"), i, i, 1)));
    for (int i = 0; i < ObservationWriter::kMaxStoredErrorsPerSource + 50; ++i)
        writer.addError(QStringLiteral("line %1").arg(i + 1), QStringLiteral("bad timestamp"));
    QVERIFY(writer.addUnansweredQuery(QStringLiteral("q.example"), QStringLiteral("A"), 5));
    QVERIFY(writer.addUnansweredQuery(QStringLiteral("q.example"), QStringLiteral("A"), 9));
    QVERIFY(writer.finish(true, QStringLiteral("{\"lines\":250}"), &error));
    QCOMPARE(batches, (QList<qint64>{1, 2, 3}));
    QCOMPARE(writer.stats().errors, ObservationWriter::kMaxStoredErrorsPerSource + 50);
    QCOMPARE(queryInt(file->handle(), "SELECT count(*) FROM source_errors").value_or(0),
        ObservationWriter::kMaxStoredErrorsPerSource);
    QCOMPARE(queryInt(file->handle(), "SELECT count FROM unanswered_queries").value_or(0), 2);
    QCOMPARE(queryInt(file->handle(), "SELECT last_seen - first_seen FROM unanswered_queries").value_or(0), 4);
    QCOMPARE(queryText(file->handle(), "SELECT state FROM sources").value_or(QString()), QStringLiteral("complete"));
}

void TestObservationWriter::readerDuringImportNeverBlocks()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("r.pdnscase"));
    CaseError error;
    auto file = CaseFile::open(path, CaseFile::Mode::CreateIfMissing, &error);
    QVERIFY(file);
    std::atomic<bool> done{false};
    std::atomic<int> readerFailures{0};
    std::atomic<int> reads{0};
    std::unique_ptr<QThread> reader(QThread::create([&] {
        CaseError e;
        auto r = CaseReader::open(path, &e);
        if (!r) {
            ++readerFailures;
            return;
        }
        while (!done) {
            const auto counts = r->counts();
            const auto names = r->names(NameFilter{QStringLiteral("host1"), {}, false, 5});
            if (counts.sources < 0 || names.size() > 5)
                ++readerFailures;
            ++reads;
        }
    }));
    reader->start();
    ObservationWriter writer(*file, 2000);
    QCOMPARE(writer.beginSource(fileSource(QStringLiteral("ff")), &error), ObservationWriter::Begin::Started);
    for (int i = 0; i < 60000; ++i) {
        if (!writer.addObservation(obs(QStringLiteral("host%1.example").arg(i), QStringLiteral("192.0.2.7"), i, i, 1)))
            QFAIL(qPrintable(writer.lastError().message));
    }
    QVERIFY(writer.finish(true, {}, &error));
    done = true;
    reader->wait();
    QCOMPARE(readerFailures.load(), 0);
    QVERIFY(reads.load() > 0);
}

void TestObservationWriter::diskFullStopsCleanly_data()
{
    QTest::addColumn<bool>("pipelined");
    QTest::newRow("in the caller's thread") << false;
    QTest::newRow("pipelined") << true;
}

void TestObservationWriter::diskFullStopsCleanly()
{
    QFETCH(bool, pipelined);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("full.pdnscase"));
    CaseError error;
    auto file = CaseFile::open(path, CaseFile::Mode::CreateIfMissing, &error);
    const qint64 pages = queryInt(file->handle(), "PRAGMA page_count").value_or(0);
    const QByteArray limit = "PRAGMA max_page_count = " + QByteArray::number(pages + 40);
    execSql(file->handle(), limit.constData());
    ObservationWriter writer(*file, 100);
    writer.setPipelined(pipelined);
    qint64 committedRows = 0; // every row is new, so rows handed over at a commit = rows in the case
    writer.setBatchCommittedCallback([&](qint64, qint64 rows) { committedRows = rows; });
    QCOMPARE(writer.beginSource(fileSource(QStringLiteral("f0")), &error), ObservationWriter::Begin::Started);
    bool stopped = false;
    for (int i = 0; i < 100000 && !stopped; ++i) {
        if (!writer.addObservation(
                obs(QStringLiteral("long-name-%1.example.com").arg(i), QStringLiteral("192.0.2.1"), i, i, 1)))
            stopped = true;
    }
    QVERIFY(stopped);
    QCOMPARE(writer.lastError().kind, CaseError::Kind::Io);
    QVERIFY(writer.lastError().message.contains(QStringLiteral("disk is full")));
    writer.finish(false, {}, &error); // may itself fail for lack of space; the case must stay sound either way
    QCOMPARE(file->quickCheck(), QStringLiteral("ok"));
    const qint64 rows = queryInt(file->handle(), "SELECT count(*) FROM observations").value_or(-1);
    QVERIFY(committedRows > 0);
    QCOMPARE(rows, committedRows); // only whole committed batches
}

void TestObservationWriter::bulkPathMatchesDirectPath()
{
    // The same rows, with repeats across batches and gaps in times and counts, through the direct upsert path
    // and through the bulk stage: the case must end up identical, and so must the counts of new/merged rows.
    QList<Observation> input;
    for (int round = 0; round < 3; ++round) {
        for (int i = 0; i < 700; ++i) {
            Observation o = obs(QStringLiteral("n%1.example").arg(i % 300), QStringLiteral("192.0.2.%1").arg(i % 7),
                round * 1000 + i, round * 1000 + i + 10, (i % 5) ? std::optional<qint64>(i % 4) : std::nullopt);
            if (i % 11 == 0)
                o.firstSeen.reset();
            o.ttlMin = 60 + i % 13;
            o.ttlMax = 300 + i % 17;
            input.append(o);
        }
    }
    auto run = [&](qint64 bulkThreshold, const QString& name, QList<QStringList>& rows, ObservationWriter::Stats& stats,
                   bool pipelined = false, std::uint64_t hashMask = ~std::uint64_t(0)) {
        QTemporaryDir dir;
        CaseError error;
        auto file = CaseFile::open(dir.filePath(name), CaseFile::Mode::CreateIfMissing, &error);
        QVERIFY(file);
        {
            ObservationWriter writer(*file, 250);
            writer.setBulkThreshold(bulkThreshold);
            writer.setPipelined(pipelined);
            writer.setBulkHashMask(hashMask);
            QCOMPARE(writer.beginSource(fileSource(QStringLiteral("b1")), &error), ObservationWriter::Begin::Started);
            for (const Observation& o : input)
                QVERIFY(writer.addObservation(o));
            QVERIFY2(writer.finish(true, {}, &error), qPrintable(error.message));
            stats = writer.stats();
        }
        QCOMPARE(queryInt(file->handle(), "SELECT count(*) FROM observation_stage").value_or(-1), 0);
        QCOMPARE(queryInt(file->handle(),
                     "SELECT count(*) FROM sqlite_schema WHERE name IN ('observations_rdata', 'observations_key')")
                     .value_or(0),
            2);
        QCOMPARE(queryInt(file->handle(), "SELECT observation_count FROM sources").value_or(-1),
            queryInt(file->handle(), "SELECT count(*) FROM observations").value_or(-2));
        SqlStatement st(file->handle(),
            "SELECT rrname, rdata, first_seen, last_seen, count, ttl_min, ttl_max "
            "FROM observations ORDER BY rrname, rdata");
        while (st.step()) {
            QStringList row;
            for (int c = 0; c < 7; ++c)
                row.append(st.isNull(c) ? QStringLiteral("NULL") : st.text(c));
            rows.append(row);
        }
    };
    QList<QStringList> direct;
    QList<QStringList> bulk;
    ObservationWriter::Stats directStats;
    ObservationWriter::Stats bulkStats;
    run(std::numeric_limits<qint64>::max(), QStringLiteral("direct.pdnscase"), direct, directStats);
    run(1, QStringLiteral("bulk.pdnscase"), bulk, bulkStats);
    QVERIFY(!direct.isEmpty());
    QCOMPARE(bulk, direct);
    QCOMPARE(bulkStats.inserted, directStats.inserted);
    QCOMPARE(bulkStats.merged, directStats.merged);
    QCOMPARE(bulkStats.inserted + bulkStats.merged, qint64(input.size()));

    // Pipelined (batches written on a helper thread), both paths, and a bulk import whose key hashes keep 3 bits
    // (every key collides with many others, so merges must be confirmed by the whole key): the same case and the
    // same counts.
    for (const auto& [threshold, mask] : {std::pair{std::numeric_limits<qint64>::max(), ~std::uint64_t(0)},
             std::pair{qint64(1), ~std::uint64_t(0)}, std::pair{qint64(1), std::uint64_t(7)}}) {
        QList<QStringList> pipelined;
        ObservationWriter::Stats pipelinedStats;
        run(threshold, QStringLiteral("pipelined.pdnscase"), pipelined, pipelinedStats, true, mask);
        QCOMPARE(pipelined, direct);
        QCOMPARE(pipelinedStats.inserted, directStats.inserted);
        QCOMPARE(pipelinedStats.merged, directStats.merged);
        QCOMPARE(pipelinedStats.batchesCommitted, directStats.batchesCommitted);
    }
}

void TestObservationWriter::bulkRowsKeepTheirOwnFields_data()
{
    // Bulk rows go in 64 per statement, the rest of a batch one by one: sizes either side of those edges.
    QTest::addColumn<int>("rows");
    QTest::addColumn<int>("batchSize");
    for (const auto& [rows, batch] : {std::pair{1, 1000}, std::pair{63, 1000}, std::pair{64, 1000}, std::pair{65, 1000},
             std::pair{129, 1000}, std::pair{1000, 100}, std::pair{1000, 64}})
        QTest::addRow("%d rows in batches of %d", rows, batch) << rows << batch;
}

void TestObservationWriter::bulkRowsKeepTheirOwnFields()
{
    QFETCH(int, rows);
    QFETCH(int, batchSize);
    QTemporaryDir dir;
    CaseError error;
    auto file = CaseFile::open(dir.filePath(QStringLiteral("bulk.pdnscase")), CaseFile::Mode::CreateIfMissing, &error);
    QVERIFY(file);
    {
        ObservationWriter writer(*file, batchSize);
        writer.setBulkThreshold(1);
        QCOMPARE(writer.beginSource(fileSource(QStringLiteral("b1")), &error), ObservationWriter::Begin::Started);
        // Every field differs from row to row, and some are missing, so a row bound into another row's place (or
        // a column into another column's) shows.
        for (int i = 0; i < rows; ++i) {
            Observation o = obs(QStringLiteral("n%1.example").arg(i, 4, 10, QLatin1Char('0')),
                QStringLiteral("192.0.%1.%2").arg(i / 256).arg(i % 256), 1000 + i, 2000 + 2 * i,
                i % 3 ? Opt(i) : std::nullopt);
            o.rrtype = i % 2 ? QStringLiteral("A") : QStringLiteral("AAAA");
            o.section = i % 4 ? Section::Answer : Section::Additional;
            o.rcode = i % 5;
            o.ttlMin = i % 7 ? Opt(10 + i) : std::nullopt;
            o.ttlMax = o.ttlMin ? Opt(20 + i) : std::nullopt;
            o.clients = i % 2 ? QStringLiteral("10.0.0.%1").arg(i % 256) : QString();
            o.servers = QStringLiteral("192.0.2.%1").arg(i % 256);
            QVERIFY(writer.addObservation(o));
        }
        QVERIFY2(writer.finish(true, {}, &error), qPrintable(error.message));
        QCOMPARE(writer.stats().inserted, qint64(rows));
    }
    SqlStatement st(file->handle(),
        "SELECT rrname, rrtype, rdata, section, first_seen, last_seen, count, rcode, ttl_min, ttl_max, clients, "
        "servers FROM observations ORDER BY rrname");
    int i = 0;
    while (st.step()) {
        const QString at = QStringLiteral("row %1").arg(i);
        QCOMPARE(st.text(0), QStringLiteral("n%1.example").arg(i, 4, 10, QLatin1Char('0')));
        QCOMPARE(st.text(1), i % 2 ? QStringLiteral("A") : QStringLiteral("AAAA"));
        QCOMPARE(st.text(2), QStringLiteral("192.0.%1.%2").arg(i / 256).arg(i % 256));
        QCOMPARE(st.int64(3), qint64(i % 4 ? int(Section::Answer) : int(Section::Additional)));
        QCOMPARE(st.int64(4), qint64(1000 + i));
        QCOMPARE(st.int64(5), qint64(2000 + 2 * i));
        QVERIFY2(st.isNull(6) == !(i % 3) && (st.isNull(6) || st.int64(6) == i), qPrintable(at));
        QCOMPARE(st.int64(7), qint64(i % 5));
        QVERIFY2(st.isNull(8) == !(i % 7) && (st.isNull(8) || st.int64(8) == 10 + i), qPrintable(at));
        QVERIFY2(st.isNull(9) == !(i % 7) && (st.isNull(9) || st.int64(9) == 20 + i), qPrintable(at));
        QCOMPARE(st.isNull(10) ? QString() : st.text(10), i % 2 ? QStringLiteral("10.0.0.%1").arg(i % 256) : QString());
        QCOMPARE(st.text(11), QStringLiteral("192.0.2.%1").arg(i % 256));
        ++i;
    }
    QCOMPARE(i, rows);
}

void TestObservationWriter::otherWriterWaitsForBulkIndexes()
{
    // While a bulk import has the key index down, a writer on another connection must not write (its upsert
    // needs the index): it waits, and gives up with a clear message after its wait limit.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("shared.pdnscase"));
    CaseError error;
    auto bulkFile = CaseFile::open(path, CaseFile::Mode::CreateIfMissing, &error);
    auto otherFile = CaseFile::open(path, CaseFile::Mode::OpenExisting, &error);
    QVERIFY(bulkFile && otherFile);
    ObservationWriter bulk(*bulkFile, 50);
    bulk.setBulkThreshold(1);
    QCOMPARE(bulk.beginSource(fileSource(QStringLiteral("bulk")), &error), ObservationWriter::Begin::Started);
    for (int i = 0; i < 200; ++i)
        QVERIFY(
            bulk.addObservation(obs(QStringLiteral("n%1.example").arg(i % 120), QStringLiteral("192.0.2.1"), i, i, 1)));
    QVERIFY(bulk.flush(&error));
    QCOMPARE(queryInt(otherFile->handle(), "SELECT count(*) FROM sqlite_schema WHERE name = 'observations_key'")
                 .value_or(-1),
        0);
    {
        // A writable open meanwhile leaves the indexes to the import that took them down, and so says nothing.
        QStringList steps;
        CaseFile::Options options;
        options.onLongStep = [&steps](const QString& step) { steps.append(step); };
        auto late = CaseFile::open(path, CaseFile::Mode::OpenExisting, options, &error);
        QVERIFY2(late, qPrintable(error.message));
        QVERIFY(!caseIndexesPresent(late->handle()));
        QVERIFY2(steps.isEmpty(), qPrintable(steps.join(QLatin1Char('\n'))));
    }

    {
        // Readers still work; only the distinct-name count waits for the index.
        auto reader = CaseReader::open(path, &error);
        QVERIFY(reader);
        QVERIFY(!reader->counts().names.has_value());
        QVERIFY(!reader->timeline(QStringLiteral("n7.example")).isEmpty());
    }
    {
        // Setting up a source does not wait; storing rows does, and gives up after the limit.
        ObservationWriter other(*otherFile);
        other.setIndexWaitMs(300);
        QList<bool> waits; // what a window would show: waiting, then no longer
        other.setIndexWaitObserver([&waits](bool waiting) { waits.append(waiting); });
        QCOMPARE(other.beginSource(fileSource(QStringLiteral("waiting")), &error), ObservationWriter::Begin::Started);
        QVERIFY(waits.isEmpty());
        QVERIFY(other.writeWouldWait());
        QVERIFY(other.addObservation(obs(QStringLiteral("n1.example"), QStringLiteral("192.0.2.1"), 5, 5, 1)));
        QElapsedTimer waited;
        waited.start();
        QVERIFY(!other.flush(&error));
        QVERIFY(waited.elapsed() >= 300);
        QCOMPARE(error.kind, CaseError::Kind::Busy);
        QVERIFY2(error.message.contains(QStringLiteral("bulk")), qPrintable(error.message));
        QCOMPARE(waits, (QList<bool>{true, false}));
    }
    {
        // A cancel from another thread ends the wait long before its limit.
        ObservationWriter other(*otherFile);
        other.setIndexWaitMs(60000);
        std::atomic<bool> stop{false};
        other.setCancelFlag(&stop);
        QCOMPARE(other.beginSource(fileSource(QStringLiteral("cancelled")), &error), ObservationWriter::Begin::Started);
        QVERIFY(other.addObservation(obs(QStringLiteral("n1.example"), QStringLiteral("192.0.2.1"), 5, 5, 1)));
        std::thread canceller([&stop] {
            std::this_thread::sleep_for(std::chrono::milliseconds(150));
            stop = true;
        });
        QElapsedTimer waited;
        waited.start();
        const bool flushed = other.flush(&error);
        canceller.join();
        QVERIFY(!flushed);
        QVERIFY2(waited.elapsed() < 10000, qPrintable(QString::number(waited.elapsed())));
        QCOMPARE(error.kind, CaseError::Kind::Cancelled);
        QVERIFY2(error.message.contains(QStringLiteral("Stopped waiting")), qPrintable(error.message));
    }

    // Once the bulk import finishes, the other writer goes ahead and merges into its own source only.
    QVERIFY(bulk.finish(true, {}, &error));
    QCOMPARE(CaseReader::open(path, &error)->counts().names.value_or(-1), 120);
    QCOMPARE(bulk.stats().inserted, 120);
    QCOMPARE(bulk.stats().merged, 80);
    ObservationWriter other(*otherFile);
    QCOMPARE(other.beginSource(fileSource(QStringLiteral("other")), &error), ObservationWriter::Begin::Started);
    QVERIFY(other.addObservation(obs(QStringLiteral("n1.example"), QStringLiteral("192.0.2.1"), 5, 5, 1)));
    QVERIFY(other.finish(true, {}, &error));
    QCOMPARE(queryInt(otherFile->handle(), "SELECT count(*) FROM observations").value_or(-1), 121);
    QCOMPARE(queryInt(otherFile->handle(), "SELECT sum(count) FROM observations").value_or(-1), 201);
}

QTEST_GUILESS_MAIN(TestObservationWriter)
#include "TestObservationWriter.moc"
