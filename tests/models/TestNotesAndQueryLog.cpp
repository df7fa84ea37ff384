// Notes and tags per name, and the provider audit log with its raw pages, in a real case file.
#include "models/CaseFile.h"
#include "models/NotesStore.h"
#include "models/ProviderQueryLog.h"
#include "models/SqlStatement.h"

#include <QCryptographicHash>
#include <QTemporaryDir>
#include <QTest>

using namespace pdnsw;

class TestNotesAndQueryLog : public QObject
{
    Q_OBJECT
private slots:
    void notesAndTags();
    void queryLogKeepsRawPages();
    void cacheLookupMatchesExactly();
};

void TestNotesAndQueryLog::notesAndTags()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("n.pdnscase"));
    CaseError error;
    {
        auto file = CaseFile::open(path, CaseFile::Mode::CreateIfMissing, &error);
        NotesStore notes(*file);
        const qint64 id
            = notes.addNote(QStringLiteral("www.bad.example"), QStringLiteral("served the skimmer"), &error);
        QVERIFY(id > 0);
        QVERIFY(notes.addNote(QString(), QStringLiteral("case opened after the reader's report"), &error) > 0);
        QVERIFY(notes.updateNote(id, QStringLiteral("served the skimmer JS <script>"), &error));
        QVERIFY(notes.addTag(QStringLiteral("www.bad.example"), QStringLiteral(" malicious "), &error));
        QVERIFY(notes.addTag(QStringLiteral("www.bad.example"), QStringLiteral("malicious"), &error)); // idempotent
        QVERIFY(notes.addTag(QStringLiteral("www.bad.example"), QStringLiteral("c2"), &error));
        QVERIFY(!notes.addTag(QStringLiteral("www.bad.example"), QStringLiteral("  "), &error));
        QCOMPARE(error.kind, CaseError::Kind::InvalidInput);
    }
    auto file = CaseFile::open(path, CaseFile::Mode::OpenExisting, &error);
    NotesStore notes(*file);
    const auto forName = notes.notes(QStringLiteral("www.bad.example"));
    QCOMPARE(forName.size(), 1);
    QCOMPARE(forName.first().body, QStringLiteral("served the skimmer JS <script>"));
    QCOMPARE(notes.allNotes().size(), 2);
    QCOMPARE(notes.tags(QStringLiteral("www.bad.example")), (QStringList{"c2", "malicious"}));
    QVERIFY(notes.removeTag(QStringLiteral("www.bad.example"), QStringLiteral("c2"), &error));
    QCOMPARE(notes.allTags().size(), 1);
    QVERIFY(notes.deleteNote(forName.first().id, &error));
    QCOMPARE(notes.allNotes().size(), 1);
    // Notes are written with synchronous=FULL, and the connection returns to NORMAL afterwards.
    QCOMPARE(queryInt(file->handle(), "PRAGMA synchronous").value_or(-1), 1);
}

void TestNotesAndQueryLog::queryLogKeepsRawPages()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("q.pdnscase"));
    CaseError error;
    auto file = CaseFile::open(path, CaseFile::Mode::CreateIfMissing, &error);
    ProviderQueryLog log(*file);
    ProviderQueryRecord record;
    record.provider = QStringLiteral("dnsdb");
    record.question = QStringLiteral("www.bad.example");
    record.parameters = QStringLiteral("{\"limit\":100}");
    record.startedAt = 1700000000;
    record.id = log.begin(record, &error);
    QVERIFY(record.id > 0);
    const QByteArray page1 = QByteArray("{\"cond\":\"begin\"}\n") + QByteArray(50000, 'x') + "\n";
    const QByteArray page2 = "{\"cond\":\"succeeded\"}\n";
    QVERIFY(log.addPage(
        ProviderAnswerPage{record.id, 1, QStringLiteral("https://api.dnsdb.info/..."), 200, 1700000001, {}, page1},
        &error));
    QVERIFY(log.addPage(ProviderAnswerPage{record.id, 2, QStringLiteral("https://api.dnsdb.info/...&offset=1"), 200,
                            1700000002, {}, page2},
        &error));
    record.finishedAt = 1700000003;
    record.httpStatus = 200;
    record.pages = 2;
    record.recordCount = 1;
    QVERIFY(log.finish(record, &error));

    const auto stored = log.query(record.id);
    QVERIFY(stored);
    QCOMPARE(stored->pages, 2);
    QCOMPARE(*stored->httpStatus, 200);
    QCOMPARE(*stored->finishedAt, 1700000003);
    QVERIFY(stored->error.isEmpty());
    const auto pages = log.pages(record.id);
    QCOMPARE(pages.size(), 2);
    QCOMPARE(pages.at(0).body, page1);
    QCOMPARE(
        pages.at(0).sha256, QString::fromLatin1(QCryptographicHash::hash(page1, QCryptographicHash::Sha256).toHex()));
    QCOMPARE(pages.at(1).body, page2);
    // Stored compressed: the 50 kB page takes far less room.
    QVERIFY(queryInt(file->handle(), "SELECT length(body) FROM provider_answers WHERE page = 1").value_or(0) < 5000);
    QCOMPARE(log.queries(QStringLiteral("dnsdb")).size(), 1);
    QCOMPARE(log.queries(QStringLiteral("circl")).size(), 0);
}

void TestNotesAndQueryLog::cacheLookupMatchesExactly()
{
    QTemporaryDir dir;
    CaseError error;
    auto file = CaseFile::open(dir.filePath(QStringLiteral("c.pdnscase")), CaseFile::Mode::CreateIfMissing, &error);
    ProviderQueryLog log(*file);
    auto run = [&](const QString& params, const QString& failure, qint64 started) {
        ProviderQueryRecord r;
        r.provider = QStringLiteral("virustotal");
        r.question = QStringLiteral("203.0.113.77");
        r.parameters = params;
        r.startedAt = started;
        r.id = log.begin(r, &error);
        r.finishedAt = started + 1;
        r.error = failure;
        log.finish(r, &error);
        return r.id;
    };
    const qint64 ok1 = run(QStringLiteral("{}"), {}, 100);
    run(QStringLiteral("{}"), QStringLiteral("HTTP 429: quota exceeded"), 200);
    run(QStringLiteral("{\"limit\":5}"), {}, 300);
    const auto cached
        = log.latestSuccessful(QStringLiteral("virustotal"), QStringLiteral("203.0.113.77"), QStringLiteral("{}"));
    QVERIFY(cached);
    QCOMPARE(cached->id, ok1); // the failed retry is not a cache hit
    QVERIFY(!log.latestSuccessful(QStringLiteral("otx"), QStringLiteral("203.0.113.77"), QStringLiteral("{}")));
}

QTEST_GUILESS_MAIN(TestNotesAndQueryLog)
#include "TestNotesAndQueryLog.moc"
