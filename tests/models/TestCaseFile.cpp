// The case file: creation, identity, migrations, and refusal of files that are not (healthy) cases.
#include "models/CaseFile.h"
#include "models/CaseReader.h"
#include "models/CaseSchema.h"
#include "models/ObservationWriter.h"
#include "models/ReadProgressVfs.h"
#include "models/SqlStatement.h"

#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <sqlite3.h>

using namespace pdnsw;

namespace {

QByteArray fileHash(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256);
}

void writeFile(const QString& path, const QByteArray& bytes)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(bytes);
}

// A case with some rows, closed and checkpointed so the main file holds everything.
void makeCase(const QString& path, int rows)
{
    CaseError error;
    auto file = CaseFile::open(path, CaseFile::Mode::CreateIfMissing, &error);
    QVERIFY2(file, qPrintable(error.message));
    ObservationWriter writer(*file, 1000);
    SourceInfo info;
    info.kind = QStringLiteral("test");
    info.label = QStringLiteral("fixture");
    QCOMPARE(writer.beginSource(info, &error), ObservationWriter::Begin::Started);
    for (int i = 0; i < rows; ++i) {
        Observation o;
        o.rrname = QStringLiteral("host%1.example.com").arg(i);
        o.rrtype = QStringLiteral("A");
        o.rdata = QStringLiteral("192.0.2.%1").arg(i % 250);
        o.firstSeen = 1000 + i;
        o.lastSeen = 2000 + i;
        o.count = 1;
        QVERIFY(writer.addObservation(o));
    }
    QVERIFY(writer.finish(true, {}, &error));
    execSql(file->handle(), "PRAGMA wal_checkpoint(TRUNCATE)");
}

} // namespace

class TestCaseFile : public QObject
{
    Q_OBJECT
private slots:
    void createsANewCase();
    void reopensAndKeepsIdentity();
    void missingFileWithoutCreate();
    void refusesBadFiles_data();
    void refusesBadFiles();
    void corruptPagesFailQuickCheck();
    void failedMigrationChangesNothing();
    void olderCasesAreReadAndUpgradedOnWrite();
    void longStepsAreAnnounced();
    void checkReadsEveryPageOnce();
    void checkReportsProgressAndStops();
    void backupIsConsistent();
    void readOnlyNeverWrites();
};

void TestCaseFile::createsANewCase()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("new.pdnscase"));
    CaseError error;
    auto file = CaseFile::open(path, CaseFile::Mode::CreateIfMissing, &error);
    QVERIFY2(file, qPrintable(error.message));
    QCOMPARE(queryInt(file->handle(), "PRAGMA application_id").value_or(0), qint64(CaseFile::kApplicationId));
    QCOMPARE(file->schemaVersion(), CaseFile::kSchemaVersion);
    QCOMPARE(queryText(file->handle(), "PRAGMA journal_mode").value_or(QString()), QStringLiteral("wal"));
    QCOMPARE(queryInt(file->handle(), "PRAGMA foreign_keys").value_or(0), 1);
    QVERIFY(!QUuid::fromString(file->caseId()).isNull());
    QCOMPARE(file->title(), QStringLiteral("new"));
    QCOMPARE(file->quickCheck(), QStringLiteral("ok"));
    for (const char* table : {"sources", "observations", "provider_queries", "provider_answers", "notes", "tags",
             "unanswered_queries", "source_errors", "case_info"}) {
        const QByteArray sql
            = QByteArray("SELECT count(*) FROM sqlite_schema WHERE type='table' AND name='") + table + "'";
        QCOMPARE(queryInt(file->handle(), sql.constData()).value_or(0), 1);
    }
}

void TestCaseFile::reopensAndKeepsIdentity()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("c.pdnscase"));
    makeCase(path, 10);
    CaseError error;
    QString id;
    {
        auto file = CaseFile::open(path, CaseFile::Mode::OpenExisting, &error);
        QVERIFY2(file, qPrintable(error.message));
        id = file->caseId();
        QCOMPARE(queryInt(file->handle(), "SELECT count(*) FROM observations").value_or(0), 10);
    }
    auto again = CaseFile::open(path, CaseFile::Mode::ReadOnly, &error);
    QVERIFY2(again, qPrintable(error.message));
    QCOMPARE(again->caseId(), id);
    QVERIFY(again->isReadOnly());
}

void TestCaseFile::missingFileWithoutCreate()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("absent.pdnscase"));
    CaseError error;
    QVERIFY(!CaseFile::open(path, CaseFile::Mode::OpenExisting, &error));
    QCOMPARE(error.kind, CaseError::Kind::NotFound);
    QVERIFY(error.message.contains(path));
    QVERIFY(!QFile::exists(path));
}

void TestCaseFile::refusesBadFiles_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<int>("expected");
    QTest::newRow("empty file") << "empty" << int(CaseError::Kind::NotACase);
    QTest::newRow("a pcap") << "pcap" << int(CaseError::Kind::NotACase);
    QTest::newRow("text") << "text" << int(CaseError::Kind::NotACase);
    QTest::newRow("plain sqlite") << "plain" << int(CaseError::Kind::NotACase);
    QTest::newRow("other application") << "otherapp" << int(CaseError::Kind::NotACase);
    QTest::newRow("newer version") << "newer" << int(CaseError::Kind::NewerVersion);
    QTest::newRow("truncated in the header") << "trunc-header" << int(CaseError::Kind::Corrupt);
    QTest::newRow("truncated mid page") << "trunc-page" << int(CaseError::Kind::Corrupt);
    QTest::newRow("truncated whole pages") << "trunc-pages" << int(CaseError::Kind::Corrupt);
}

void TestCaseFile::refusesBadFiles()
{
    QFETCH(QString, kind);
    QFETCH(int, expected);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("bad.pdnscase"));
    if (kind == QLatin1String("empty")) {
        writeFile(path, {});
    } else if (kind == QLatin1String("pcap")) {
        QFile::copy(QStringLiteral(PDNSW_PCAP_DIR "/dnscap__dns.pcap"), path);
        QFile(path).setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    } else if (kind == QLatin1String("text")) {
        writeFile(path, "#separator \\x09\n#fields\tts\tquery\n");
    } else if (kind == QLatin1String("plain") || kind == QLatin1String("otherapp") || kind == QLatin1String("newer")) {
        sqlite3* db = nullptr;
        QCOMPARE(sqlite3_open(QFile::encodeName(path).constData(), &db), SQLITE_OK);
        execSql(db, "CREATE TABLE t(x); INSERT INTO t VALUES (1);");
        if (kind == QLatin1String("otherapp"))
            execSql(db, "PRAGMA application_id = 1598903374");
        if (kind == QLatin1String("newer")) {
            const QByteArray sql = "PRAGMA application_id = " + QByteArray::number(CaseFile::kApplicationId)
                + "; PRAGMA user_version = 999;";
            execSql(db, sql.constData());
        }
        sqlite3_close(db);
    } else {
        makeCase(path, 3000);
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadWrite));
        const qint64 size = f.size();
        QVERIFY(size > 8192);
        if (kind == QLatin1String("trunc-header"))
            f.resize(60);
        else if (kind == QLatin1String("trunc-page"))
            f.resize(size - 100);
        else
            f.resize(size - 4096 * 2);
    }
    const QByteArray before = fileHash(path);
    CaseError error;
    QVERIFY(!CaseFile::open(path, CaseFile::Mode::OpenExisting, &error));
    QCOMPARE(int(error.kind), expected);
    QVERIFY2(error.message.contains(path), qPrintable(error.message));
    QVERIFY(!CaseFile::open(path, CaseFile::Mode::CreateIfMissing, &error));
    QCOMPARE(int(error.kind), expected);
    QCOMPARE(fileHash(path), before);
    QVERIFY(!QFile::exists(path + QStringLiteral("-wal")) || QFile(path + QStringLiteral("-wal")).size() == 0);
}

void TestCaseFile::corruptPagesFailQuickCheck()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("corrupt.pdnscase"));
    makeCase(path, 3000);
    {
        // Scribble over a b-tree page in the middle, keeping the header and the size intact.
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadWrite));
        const QByteArray header = f.read(100);
        const int field = (quint8(header.at(16)) << 8) | quint8(header.at(17)); // big-endian; 1 means 65536
        const qint64 pageSize = field == 1 ? 65536 : field;
        QVERIFY(pageSize >= 512 && f.size() >= pageSize * 6);
        QVERIFY(f.seek(pageSize * 4));
        f.write(QByteArray(pageSize, '\x5a'));
    }
    const QByteArray before = fileHash(path);
    CaseError error;
    QVERIFY(!CaseFile::open(path, CaseFile::Mode::OpenExisting, &error));
    QCOMPARE(error.kind, CaseError::Kind::Corrupt);
    QVERIFY2(error.message.contains(QStringLiteral("quick_check")), qPrintable(error.message));
    QCOMPARE(fileHash(path), before);
}

void TestCaseFile::failedMigrationChangesNothing()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("m.pdnscase"));
    makeCase(path, 5);
    CaseError error;
    auto file = CaseFile::open(path, CaseFile::Mode::OpenExisting, &error);
    QVERIFY(file);
    // The next version creates a table and then fails: the whole step must roll back.
    const int next = CaseFile::kSchemaVersion + 1;
    QList<Migration> broken = caseMigrations();
    broken.append(Migration{next, "CREATE TABLE added_next(x); INSERT INTO no_such_table VALUES (1);"});
    QString message;
    QVERIFY(!applyMigrations(file->handle(), broken, &message));
    QVERIFY(message.contains(QStringLiteral("version %1").arg(next)));
    QCOMPARE(file->schemaVersion(), CaseFile::kSchemaVersion);
    QCOMPARE(queryInt(file->handle(), "SELECT count(*) FROM sqlite_schema WHERE name = 'added_next'").value_or(-1), 0);
    QCOMPARE(queryInt(file->handle(), "SELECT count(*) FROM observations").value_or(0), 5);
    // And a good step applies and bumps the version.
    QList<Migration> good = caseMigrations();
    good.append(Migration{next, "CREATE TABLE added_next(x);"});
    QVERIFY(applyMigrations(file->handle(), good, &message));
    QCOMPARE(file->schemaVersion(), next);
}

void TestCaseFile::olderCasesAreReadAndUpgradedOnWrite()
{
    // A version 1 case, as the first builds wrote it.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("v1.pdnscase"));
    {
        sqlite3* db = nullptr;
        QCOMPARE(sqlite3_open(path.toUtf8().constData(), &db), SQLITE_OK);
        const QByteArray id = "PRAGMA application_id = " + QByteArray::number(CaseFile::kApplicationId);
        QVERIFY(execSql(db, id.constData()));
        QVERIFY(execSql(db, "PRAGMA journal_mode = WAL"));
        QString message;
        QVERIFY2(applyMigrations(db, {caseMigrations().first()}, &message), qPrintable(message));
        // Version 1 marked a multicast DNS record only in attrs.
        QVERIFY(execSql(db,
            "INSERT INTO sources(id, kind, label, imported_at, state) VALUES (1, 'pcap', 'x.pcap', 0, 'complete');"
            "INSERT INTO observations(source_id, rrname, rrtype, rdata, attrs) "
            "VALUES (1, 'printer.local', 'A', '192.168.1.20', '{\"proto\":\"mdns\"}'),"
            "       (1, 'www.example', 'A', '192.0.2.1', NULL);"));
        sqlite3_close(db);
    }
    CaseError error;
    {
        auto reader = CaseFile::open(path, CaseFile::Mode::ReadOnly, &error);
        QVERIFY2(reader, qPrintable(error.message));
        QCOMPARE(reader->schemaVersion(), 1);
    }
    {
        // Readers take the service from attrs as long as the case has no column for it.
        auto reader = CaseReader::open(path, &error);
        QVERIFY2(reader, qPrintable(error.message));
        const QList<SourcedObservation> local = reader->timeline(QStringLiteral("printer.local"));
        QCOMPARE(local.size(), 1);
        QCOMPARE(local.first().observation.service, Service::Mdns);
        const QList<SourcedObservation> dns = reader->timeline(QStringLiteral("www.example"));
        QCOMPARE(dns.size(), 1);
        QCOMPARE(dns.first().observation.service, Service::Dns);
        QCOMPARE(reader->file().schemaVersion(), 1);
    }
    CaseFile::Options options;
    QStringList steps;
    options.onLongStep = [&steps](const QString& step) { steps.append(step); };
    auto writer = CaseFile::open(path, CaseFile::Mode::OpenExisting, options, &error);
    QVERIFY2(writer, qPrintable(error.message));
    QCOMPARE(writer->schemaVersion(), CaseFile::kSchemaVersion);
    // The upgrade is announced before it runs; the small file is checked without a word.
    QVERIFY(!steps.isEmpty());
    QVERIFY2(steps.first().startsWith(
                 QStringLiteral("Upgrading '%1' from case format 1 to %2").arg(path).arg(CaseFile::kSchemaVersion)),
        qPrintable(steps.join(QLatin1Char('\n'))));
    QCOMPARE(
        queryInt(writer->handle(), "SELECT count(*) FROM sqlite_schema WHERE name = 'source_importers'").value_or(0),
        1);
    QCOMPARE(
        queryInt(writer->handle(), "SELECT service FROM observations WHERE rrname = 'printer.local'").value_or(-1), 1);
    QCOMPARE(
        queryInt(writer->handle(), "SELECT service FROM observations WHERE rrname = 'www.example'").value_or(-1), 0);
    QCOMPARE(queryText(writer->handle(), "SELECT sql FROM sqlite_schema WHERE name = 'observations_key'")
                 .value_or(QString())
                 .contains(QStringLiteral("service")),
        true);
}

void TestCaseFile::longStepsAreAnnounced()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("c.pdnscase"));
    QStringList steps;
    CaseFile::Options options;
    options.onLongStep = [&steps](const QString& step) { steps.append(step); };
    CaseError error;
    // Creating a case is quick: nothing to announce.
    QVERIFY2(CaseFile::open(path, CaseFile::Mode::CreateIfMissing, options, &error), qPrintable(error.message));
    QVERIFY2(steps.isEmpty(), qPrintable(steps.join(QLatin1Char('\n'))));
    makeCase(path, 20);

    // A file below the size that takes a while is checked silently; at or above it the check is announced.
    QVERIFY2(CaseFile::open(path, CaseFile::Mode::OpenExisting, options, &error), qPrintable(error.message));
    QVERIFY2(steps.isEmpty(), qPrintable(steps.join(QLatin1Char('\n'))));
    options.announceCheckFrom = QFileInfo(path).size();
    QVERIFY2(CaseFile::open(path, CaseFile::Mode::OpenExisting, options, &error), qPrintable(error.message));
    QCOMPARE(steps.size(), 1);
    QVERIFY2(steps.first().startsWith(QStringLiteral("Checking '%1' (").arg(path)), qPrintable(steps.first()));
    steps.clear();
    options.runQuickCheck = false;
    QVERIFY2(CaseFile::open(path, CaseFile::Mode::OpenExisting, options, &error), qPrintable(error.message));
    QVERIFY2(steps.isEmpty(), qPrintable(steps.join(QLatin1Char('\n'))));

    // Indexes a bulk import left down are rebuilt on the next writable open, and that is said first.
    {
        auto file = CaseFile::open(path, CaseFile::Mode::OpenExisting, &error);
        QVERIFY2(file, qPrintable(error.message));
        QVERIFY(dropDeferrableIndexes(file->handle()));
        QVERIFY(!caseIndexesPresent(file->handle()));
    }
    // A reader does not rebuild them, so it has nothing to announce.
    QVERIFY2(CaseFile::open(path, CaseFile::Mode::ReadOnly, options, &error), qPrintable(error.message));
    QVERIFY2(steps.isEmpty(), qPrintable(steps.join(QLatin1Char('\n'))));
    auto file = CaseFile::open(path, CaseFile::Mode::OpenExisting, options, &error);
    QVERIFY2(file, qPrintable(error.message));
    QCOMPARE(steps.size(), 1);
    QVERIFY2(steps.first().startsWith(QStringLiteral("Rebuilding the observation indexes of '%1'").arg(path)),
        qPrintable(steps.first()));
    QVERIFY(caseIndexesPresent(file->handle()));
}

void TestCaseFile::checkReadsEveryPageOnce()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("c.pdnscase"));
    makeCase(path, 20000);
    CaseError error;
    {
        // No free pages left behind by the import: then quick_check reads every page of the file.
        auto file = CaseFile::open(path, CaseFile::Mode::OpenExisting, &error);
        QVERIFY2(file, qPrintable(error.message));
        QVERIFY(execSql(file->handle(), "VACUUM"));
        QVERIFY(execSql(file->handle(), "PRAGMA wal_checkpoint(TRUNCATE)"));
    }
    const qint64 pageSize = 16384;
    QCOMPARE(QFileInfo(path).size() % pageSize, 0);
    ReadProgress progress(QFileInfo(path).size(), pageSize);
    QCOMPARE(progress.pageCount(), QFileInfo(path).size() / pageSize);
    QVERIFY(progress.pageCount() > 20);
    sqlite3* db = nullptr;
    {
        const CountReadsOfNextOpen counting(&progress);
        QCOMPARE(sqlite3_open_v2(QFile::encodeName(path).constData(), &db, SQLITE_OPEN_READONLY, readProgressVfsName()),
            SQLITE_OK);
    }
    QVERIFY(progress.pagesRead() <= 1); // the open reads the header
    QCOMPARE(queryText(db, "PRAGMA quick_check").value_or(QString()), QStringLiteral("ok"));
    // The tables' pages are read twice (structure, then rows) but counted once.
    QCOMPARE(progress.pagesRead(), progress.pageCount());
    QCOMPARE(queryInt(db, "SELECT count(*) FROM observations").value_or(0), 20000);
    sqlite3_close_v2(db);

    // A connection opened outside the scope counts nothing.
    ReadProgress other(QFileInfo(path).size(), pageSize);
    QCOMPARE(sqlite3_open_v2(QFile::encodeName(path).constData(), &db, SQLITE_OPEN_READONLY, readProgressVfsName()),
        SQLITE_OK);
    QCOMPARE(queryText(db, "PRAGMA quick_check").value_or(QString()), QStringLiteral("ok"));
    sqlite3_close_v2(db);
    QCOMPARE(other.pagesRead(), 0);
}

void TestCaseFile::checkReportsProgressAndStops()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("c.pdnscase"));
    makeCase(path, 20000);
    const qint64 pages = QFileInfo(path).size() / 16384;
    QList<QPair<qint64, qint64>> calls;
    CaseFile::Options options;
    options.onCheckProgress = [&calls](qint64 read, qint64 all) {
        calls.append({read, all});
        return true;
    };
    CaseError error;
    QVERIFY2(CaseFile::open(path, CaseFile::Mode::ReadOnly, options, &error), qPrintable(error.message));
    // Told at once, then as it goes: never backwards, never past the file.
    QVERIFY(!calls.isEmpty());
    for (qsizetype i = 0; i < calls.size(); ++i) {
        QVERIFY(i == 0 || calls[i].first >= calls[i - 1].first);
        QVERIFY(calls[i].first <= pages);
        QCOMPARE(calls[i].second, pages);
    }

    // Stopped: the open fails, says so, and the file is as it was.
    const QByteArray before = fileHash(path);
    calls.clear();
    options.onCheckProgress = [&calls](qint64 read, qint64 all) {
        calls.append({read, all});
        return false;
    };
    QVERIFY(!CaseFile::open(path, CaseFile::Mode::OpenExisting, options, &error));
    QCOMPARE(error.kind, CaseError::Kind::Cancelled);
    QVERIFY2(error.message.contains(path) && error.message.contains(QStringLiteral("left unchanged")),
        qPrintable(error.message));
    QCOMPARE(calls.size(), 1); // not asked again once it said stop
    QCOMPARE(fileHash(path), before);
    // Without the callback the check runs on the opening thread, as before.
    options.onCheckProgress = nullptr;
    QVERIFY2(CaseFile::open(path, CaseFile::Mode::OpenExisting, options, &error), qPrintable(error.message));
}

void TestCaseFile::backupIsConsistent()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("b.pdnscase"));
    makeCase(path, 100);
    CaseError error;
    auto file = CaseFile::open(path, CaseFile::Mode::OpenExisting, &error);
    QVERIFY(file);
    const QString copy = dir.filePath(QStringLiteral("copy.pdnscase"));
    QVERIFY2(file->backupTo(copy, &error), qPrintable(error.message));
    QVERIFY(!file->backupTo(copy, &error)); // never overwrites
    auto reopened = CaseFile::open(copy, CaseFile::Mode::OpenExisting, &error);
    QVERIFY2(reopened, qPrintable(error.message));
    QCOMPARE(reopened->caseId(), file->caseId());
    QCOMPARE(queryInt(reopened->handle(), "SELECT count(*) FROM observations").value_or(0), 100);
}

void TestCaseFile::readOnlyNeverWrites()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("r.pdnscase"));
    makeCase(path, 10);
    CaseError error;
    auto file = CaseFile::open(path, CaseFile::Mode::ReadOnly, &error);
    QVERIFY(file);
    QString message;
    QVERIFY(!execSql(file->handle(), "DELETE FROM observations", &message));
    QCOMPARE(queryInt(file->handle(), "SELECT count(*) FROM observations").value_or(0), 10);
}

QTEST_GUILESS_MAIN(TestCaseFile)
#include "TestCaseFile.moc"
