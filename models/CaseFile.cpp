#include "models/CaseFile.h"

#include "models/CaseSchema.h"
#include "models/ImportOwner.h"
#include "models/ObservationStage.h"
#include "models/ReadProgressVfs.h"
#include "models/SqlStatement.h"
#include "models/itemmodels/UntrustedText.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QUuid>

#include <sqlite3.h>

#include <chrono>
#include <future>
#include <mutex>

namespace pdnsw {

namespace {

quint32 readBigEndian32(const QByteArray& header, int offset)
{
    const auto* p = reinterpret_cast<const unsigned char*>(header.constData()) + offset;
    return (quint32(p[0]) << 24) | (quint32(p[1]) << 16) | (quint32(p[2]) << 8) | quint32(p[3]);
}

// Checks the file's header without SQLite so nothing is ever written to a file we will refuse.
bool inspectHeader(const QString& path, CaseError* error, quint32* pageSizeOut)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        error->set(CaseError::Kind::Io,
            QStringLiteral("Cannot read '%1': %2. Check the path and its permissions.").arg(path, file.errorString()));
        return false;
    }
    const qint64 size = file.size();
    if (size == 0) {
        error->set(CaseError::Kind::NotACase,
            QStringLiteral("'%1' is an empty file, not a PDNS Workbench case. Choose a *.pdnscase file, or "
                           "a new file name to create a case.")
                .arg(path));
        return false;
    }
    const QByteArray header = file.read(100);
    static const QByteArray magic("SQLite format 3\0", 16);
    if (!header.startsWith(magic)) {
        error->set(CaseError::Kind::NotACase,
            QStringLiteral("'%1' is not a PDNS Workbench case (not an SQLite database). If it is a capture or a "
                           "log, import it into a case instead.")
                .arg(path));
        return false;
    }
    if (header.size() < 100) {
        error->set(CaseError::Kind::Corrupt,
            QStringLiteral("'%1' is truncated (%2 bytes, shorter than an SQLite header). Restore it from a "
                           "backup.")
                .arg(path)
                .arg(size));
        return false;
    }
    const quint32 applicationId = readBigEndian32(header, 68);
    const quint32 userVersion = readBigEndian32(header, 60);
    if (applicationId != CaseFile::kApplicationId) {
        error->set(CaseError::Kind::NotACase,
            applicationId == 0
                ? QStringLiteral("'%1' is an SQLite database but not a PDNS Workbench case. Choose a *.pdnscase "
                                 "file.")
                      .arg(path)
                : QStringLiteral("'%1' is an SQLite database of another application (application id 0x%2), "
                                 "not a PDNS Workbench case.")
                      .arg(path)
                      .arg(applicationId, 8, 16, QLatin1Char('0')));
        return false;
    }
    if (userVersion > static_cast<quint32>(CaseFile::kSchemaVersion)) {
        error->set(CaseError::Kind::NewerVersion,
            QStringLiteral("'%1' was written by a newer PDNS Workbench (case format %2; this version reads up "
                           "to %3). Update PDNS Workbench to open it; the file was left unchanged.")
                .arg(path)
                .arg(userVersion)
                .arg(CaseFile::kSchemaVersion));
        return false;
    }
    quint32 pageSize = (quint32(quint8(header[16])) << 8) | quint32(quint8(header[17]));
    if (pageSize == 1)
        pageSize = 65536;
    const quint32 changeCounter = readBigEndian32(header, 24);
    const quint32 pagesInHeader = readBigEndian32(header, 28);
    const quint32 validFor = readBigEndian32(header, 92);
    const bool sizeTrusted = pagesInHeader != 0 && validFor == changeCounter;
    if (pageSize < 512 || (size % pageSize) != 0 || (sizeTrusted && size < qint64(pagesInHeader) * pageSize)) {
        error->set(CaseError::Kind::Corrupt,
            QStringLiteral("'%1' is truncated or damaged (%2 bytes; expected %3). Restore it from a backup; "
                           "the file was left unchanged.")
                .arg(path)
                .arg(size)
                .arg(sizeTrusted ? qint64(pagesInHeader) * pageSize
                                 : (size / qMax<quint32>(pageSize, 1) + 1) * pageSize));
        return false;
    }
    *pageSizeOut = pageSize;
    return true;
}

// Process-wide settings, which SQLite only takes before its first connection; every case is opened through here.
// Debian builds SQLite with memory statistics on, so every allocation takes a global mutex to count itself;
// nothing here reads those statistics. Off, BenchCaseDatabase (10 M rows, alternating runs): 369-383 k ->
// 403-413 k rows/s.
void configureSqliteOnce()
{
    static std::once_flag once;
    std::call_once(once, [] { sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); });
}

void hardenConnection(sqlite3* db)
{
    int unused = 0;
    sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, 1, &unused);
    sqlite3_db_config(db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, &unused);
    sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, &unused);
    sqlite3_busy_timeout(db, 10000);
    sqlite3_extended_result_codes(db, 1);
}

QString sqliteMessage(sqlite3* db, int rc)
{
    return db ? QString::fromUtf8(sqlite3_errmsg(db)) : QString::fromUtf8(sqlite3_errstr(rc));
}

} // namespace

namespace {

// PRAGMA quick_check on a read-only connection of its own: a damaged file must stay untouched. With a progress
// callback the check runs on a helper thread, so that the callback can be told how far it is and can stop it.
bool checkFile(const QString& path, const QByteArray& nativePath, ReadProgress&& progress,
    const CaseFile::Options& options, CaseError* error)
{
    sqlite3* probe = nullptr;
    int rc = SQLITE_OK;
    {
        const CountReadsOfNextOpen counting(&progress);
        rc = sqlite3_open_v2(
            nativePath.constData(), &probe, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, readProgressVfsName());
    }
    if (rc != SQLITE_OK) {
        const QString message = sqliteMessage(probe, rc);
        sqlite3_close_v2(probe);
        error->set(CaseError::Kind::Corrupt, QStringLiteral("Cannot read '%1': %2.").arg(path, message));
        return false;
    }
    hardenConnection(probe);
    const auto check = [probe] {
        SqlStatement statement(probe, "PRAGMA quick_check(20)");
        QStringList problems;
        while (statement.step())
            problems.append(statement.text(0));
        if (statement.failed() && problems.isEmpty())
            problems.append(statement.error());
        return problems;
    };
    QStringList problems;
    bool stopped = false;
    if (options.onCheckProgress) {
        auto job = std::async(std::launch::async, check);
        do {
            if (!stopped)
                stopped = !options.onCheckProgress(progress.pagesRead(), progress.pageCount());
            // The one call SQLite allows from another thread. Repeated: one made before the check's first step
            // would be forgotten when that step begins.
            if (stopped)
                sqlite3_interrupt(probe);
        } while (job.wait_for(std::chrono::milliseconds(100)) != std::future_status::ready);
        problems = job.get();
    } else {
        problems = check();
    }
    sqlite3_close_v2(probe);
    if (stopped) {
        error->set(CaseError::Kind::Cancelled,
            QStringLiteral("Opening '%1' was stopped while it was being checked; the file was left unchanged.")
                .arg(path));
        return false;
    }
    if (problems != QStringList{QStringLiteral("ok")}) {
        error->set(CaseError::Kind::Corrupt,
            QStringLiteral("'%1' is damaged (SQLite quick_check: %2). Restore it from a backup; the "
                           "file was left unchanged.")
                .arg(path, problems.mid(0, 3).join(QStringLiteral("; "))));
        return false;
    }
    return true;
}

} // namespace

QString CaseFile::checkProgressText(qint64 pagesRead, qint64 pageCount)
{
    if (pageCount > 0 && pagesRead >= pageCount)
        return QStringLiteral("all of the file read, now its records");
    return QStringLiteral("%1 % of the file read").arg(pageCount > 0 ? pagesRead * 100 / pageCount : 0);
}

std::unique_ptr<CaseFile> CaseFile::open(const QString& path, Mode mode, CaseError* error)
{
    return open(path, mode, Options{}, error);
}

std::unique_ptr<CaseFile> CaseFile::open(const QString& path, Mode mode, const Options& options, CaseError* errorOut)
{
    configureSqliteOnce();
    CaseError localError;
    CaseError* error = errorOut ? errorOut : &localError;
    *error = CaseError{};
    if (path.isEmpty()) {
        error->set(CaseError::Kind::InvalidInput, QStringLiteral("No case file given."));
        return nullptr;
    }
    const QFileInfo info(path);
    const bool exists = info.exists();
    if (exists && info.isDir()) {
        error->set(CaseError::Kind::NotACase, QStringLiteral("'%1' is a folder, not a case file.").arg(path));
        return nullptr;
    }
    if (!exists && mode != Mode::CreateIfMissing) {
        error->set(CaseError::Kind::NotFound,
            QStringLiteral("Case file '%1' does not exist. Create it with --case and an import, or check the "
                           "path.")
                .arg(path));
        return nullptr;
    }
    quint32 pageSize = 0;
    if (exists && !inspectHeader(path, error, &pageSize))
        return nullptr;

    const QByteArray nativePath = QFile::encodeName(QDir::toNativeSeparators(info.absoluteFilePath()));

    const auto announce = [&options](const QString& text) {
        if (options.onLongStep)
            options.onLongStep(text);
    };
    // An existing file is checked on a read-only connection first: a damaged file must stay untouched.
    if (exists && options.runQuickCheck) {
        if (info.size() >= options.announceCheckFrom)
            announce(QStringLiteral("Checking '%1' (%2) before use; SQLite reads all of it.")
                         .arg(path, byteSizeText(info.size())));
        if (!checkFile(path, nativePath, ReadProgress(info.size(), pageSize), options, error))
            return nullptr;
    }

    std::unique_ptr<CaseFile> file(new CaseFile);
    file->m_path = info.absoluteFilePath();
    file->m_readOnly = mode == Mode::ReadOnly;
    int flags = SQLITE_OPEN_NOMUTEX;
    flags |= file->m_readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
    if (!exists)
        flags |= SQLITE_OPEN_CREATE;
    const int rc = sqlite3_open_v2(nativePath.constData(), &file->m_db, flags, nullptr);
    if (rc != SQLITE_OK) {
        error->set(CaseError::Kind::Io,
            QStringLiteral("Cannot open '%1': %2. Check the folder exists and is writable.")
                .arg(path, sqliteMessage(file->m_db, rc)));
        return nullptr;
    }
    sqlite3* db = file->m_db;
    hardenConnection(db);

    QString message;
    if (!file->m_readOnly) {
        if (!exists) {
            // 16 KiB pages: a bulk import appends and builds indexes with a quarter of the page splits and
            // WAL frames of 4 KiB pages (fixed at creation; WAL mode cannot change it later).
            const QByteArray appId
                = "PRAGMA page_size = 16384; PRAGMA application_id = " + QByteArray::number(kApplicationId);
            if (!execSql(db, appId.constData(), &message)) {
                error->set(CaseError::Kind::Io, QStringLiteral("Cannot create '%1': %2.").arg(path, message));
                return nullptr;
            }
        }
        const auto journal = queryText(db, "PRAGMA journal_mode = WAL");
        if (!journal || journal->compare(QLatin1String("wal"), Qt::CaseInsensitive) != 0) {
            error->set(CaseError::Kind::Io,
                QStringLiteral("Cannot use write-ahead logging for '%1' (journal mode '%2'); a case must be on "
                               "a local file system, not a network share.")
                    .arg(path, journal.value_or(QString())));
            return nullptr;
        }
        // Checkpoint every 64 MiB of WAL rather than 4 MiB: a page changed by several import batches is then
        // copied into the database once.
        execSql(db,
            "PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA trusted_schema = OFF; "
            "PRAGMA wal_autocheckpoint = 16384;");
        if (exists) {
            const int version = static_cast<int>(queryInt(db, "PRAGMA user_version").value_or(0));
            if (version < kSchemaVersion)
                announce(QStringLiteral("Upgrading '%1' from case format %2 to %3; builds older than this one "
                                        "will not open it afterwards.")
                             .arg(path)
                             .arg(version)
                             .arg(kSchemaVersion));
        }
        if (!applyMigrations(db, caseMigrations(), &message)) {
            error->set(CaseError::Kind::Sql, QStringLiteral("Cannot prepare '%1': %2.").arg(path, message));
            return nullptr;
        }
        // Indexes down while a bulk import on this machine still runs are its to rebuild: building them here would
        // hold the write lock longer than that import waits for it, and make the rest of it pay for live indexes.
        // Writers on this connection wait for the key index meanwhile (ObservationWriter::waitForKeyIndex).
        bool indexesOk = true;
        if (!caseIndexesPresent(db) && !importRunningOnThisHost(db)) {
            if (exists)
                announce(QStringLiteral("Rebuilding the observation indexes of '%1', which an interrupted bulk "
                                        "import left down.")
                             .arg(path));
            indexesOk = ensureCaseIndexes(db, &message);
        }
        if (!indexesOk || !recoverStagedObservations(db, &message)) {
            error->set(CaseError::Kind::Sql, QStringLiteral("Cannot prepare '%1': %2.").arg(path, message));
            return nullptr;
        }
        if (!queryText(db, "SELECT value FROM case_info WHERE key = 'id'")) {
            SqlStatement insert(db, "INSERT OR IGNORE INTO case_info(key, value) VALUES (?1, ?2)");
            insert.bind(1, QStringLiteral("id"));
            insert.bind(2, QUuid::createUuid().toString(QUuid::WithoutBraces));
            insert.exec();
            insert.reset();
            insert.bind(1, QStringLiteral("created_at"));
            insert.bind(2, QString::number(QDateTime::currentSecsSinceEpoch()));
            insert.exec();
            insert.reset();
            insert.bind(1, QStringLiteral("title"));
            insert.bind(2, info.completeBaseName());
            insert.exec();
        }
    } else {
        execSql(db, "PRAGMA foreign_keys = ON; PRAGMA trusted_schema = OFF; PRAGMA query_only = ON;");
        const int version = static_cast<int>(queryInt(db, "PRAGMA user_version").value_or(0));
        if (version < kOldestReadableVersion) {
            error->set(CaseError::Kind::NotACase,
                QStringLiteral("'%1' uses an older case format (%2); open it once for writing to upgrade it.")
                    .arg(path)
                    .arg(version));
            return nullptr;
        }
    }
    execSql(db, "PRAGMA mmap_size = 268435456; PRAGMA cache_size = -65536;");
    return file;
}

CaseFile::~CaseFile()
{
    if (m_db) {
        // Planner statistics for the next session. A full ANALYZE after a big import reads every index (1.5 s
        // at 10 M rows); sampling 1000 rows per index gives the same plans here in a few milliseconds.
        if (!m_readOnly)
            execSql(m_db, "PRAGMA analysis_limit = 1000; PRAGMA optimize;");
        sqlite3_close_v2(m_db);
    }
}

QString CaseFile::caseId() const
{
    return queryText(m_db, "SELECT value FROM case_info WHERE key = 'id'").value_or(QString());
}

QString CaseFile::title() const
{
    return queryText(m_db, "SELECT value FROM case_info WHERE key = 'title'")
        .value_or(QFileInfo(m_path).completeBaseName());
}

qint64 CaseFile::createdAt() const
{
    return queryText(m_db, "SELECT value FROM case_info WHERE key = 'created_at'").value_or(QString()).toLongLong();
}

int CaseFile::schemaVersion() const
{
    return static_cast<int>(queryInt(m_db, "PRAGMA user_version").value_or(0));
}

QString CaseFile::quickCheck() const
{
    SqlStatement check(m_db, "PRAGMA quick_check(20)");
    QStringList problems;
    while (check.step())
        problems.append(check.text(0));
    if (problems.isEmpty())
        return check.error();
    return problems.join(QStringLiteral("; "));
}

bool CaseFile::backupTo(const QString& target, CaseError* error) const
{
    if (QFileInfo::exists(target)) {
        if (error)
            error->set(CaseError::Kind::InvalidInput,
                QStringLiteral("'%1' already exists; choose a new file name for the copy.").arg(target));
        return false;
    }
    SqlStatement vacuum(m_db, "VACUUM INTO ?1");
    vacuum.bind(1, target);
    if (!vacuum.exec()) {
        if (error)
            error->set(
                CaseError::Kind::Io, QStringLiteral("Cannot copy the case to '%1': %2").arg(target, vacuum.error()));
        return false;
    }
    return true;
}

} // namespace pdnsw
