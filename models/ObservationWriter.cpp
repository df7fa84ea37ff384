#include "models/ObservationWriter.h"

#include "models/CaseFile.h"
#include "models/CaseSchema.h"
#include "models/ImportOwner.h"
#include "models/SqlStatement.h"
#include "models/UtcTime.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QThread>

#include <algorithm>

#include <sqlite3.h>

namespace pdnsw {

namespace {

// An importer's stats (a JSON object) with how long the import took, from beginSource to finish: the window's
// Elapsed column. Anything else is stored as given.
QString withElapsed(const QString& statsJson, qint64 elapsedMs)
{
    if (statsJson.isEmpty())
        return statsJson;
    QJsonDocument doc = QJsonDocument::fromJson(statsJson.toUtf8());
    if (!doc.isObject())
        return statsJson;
    QJsonObject object = doc.object();
    object.insert(QStringLiteral("elapsedMs"), elapsedMs);
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

// New rows go in with INSERT; a key already in the case (seen in an earlier batch or an earlier import of the
// same provider source) is merged by UPDATE: the earliest first seen, the latest last seen, the summed count (or
// the larger one for provider sources, whose counts are already totals), the widest TTL range. Two statements
// instead of one upsert tell inserted from merged rows exactly.
constexpr const char* kInsertSql = R"sql(
INSERT INTO observations(source_id, rrname, rrtype, rdata, section, first_seen, last_seen, count, rcode,
                         ttl_min, ttl_max, clients, servers, attrs, service)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?17)
ON CONFLICT(rrname, rrtype, rdata, section, source_id, service) DO NOTHING
)sql";

#define PDNSW_MERGE_SET                                                                                                \
    "UPDATE observations SET "                                                                                         \
    "first_seen = CASE WHEN first_seen IS NULL THEN ?6 WHEN ?6 IS NULL THEN first_seen ELSE min(first_seen, ?6) END,"  \
    "last_seen = CASE WHEN last_seen IS NULL THEN ?7 WHEN ?7 IS NULL THEN last_seen ELSE max(last_seen, ?7) END,"      \
    "count = CASE WHEN count IS NULL THEN ?8 WHEN ?8 IS NULL THEN count "                                              \
    "             WHEN ?15 THEN max(count, ?8) ELSE count + ?8 END,"                                                   \
    "rcode = coalesce(?9, rcode),"                                                                                     \
    "ttl_min = CASE WHEN ttl_min IS NULL THEN ?10 WHEN ?10 IS NULL THEN ttl_min ELSE min(ttl_min, ?10) END,"           \
    "ttl_max = CASE WHEN ttl_max IS NULL THEN ?11 WHEN ?11 IS NULL THEN ttl_max ELSE max(ttl_max, ?11) END,"           \
    "clients = coalesce(?12, clients), servers = coalesce(?13, servers), attrs = coalesce(?14, attrs) "

constexpr const char* kMergeSql
    = PDNSW_MERGE_SET "WHERE rrname = ?2 AND rrtype = ?3 AND rdata = ?4 AND section = ?5 AND source_id = ?1 "
                      "AND service = ?17";

// Bulk imports find the row by id (from BulkKeyTable) and still check the whole key: a hash collision then
// changes nothing instead of merging two different records.
constexpr const char* kMergeByIdSql = PDNSW_MERGE_SET
    "WHERE id = ?16 AND rrname = ?2 AND rrtype = ?3 AND rdata = ?4 AND section = ?5 AND source_id = ?1 "
    "AND service = ?17";

#undef PDNSW_MERGE_SET

// Bulk rows carry their id (handed out by the writer, see classifyBulkRows). They go in kBulkRowsPerInsert at a
// time: running a statement has a cost of its own (opening the table and foreign-key cursors, halting, resetting)
// that one row per statement pays in full. Row r of the statement takes parameters r * kBulkParamsPerRow + 1...,
// numbered as in the single-row form. Plain SQLite, 2 M rows: 1 row 880-903 k, 32 rows 1.0 M, 64 rows 1.05-1.06 M
// rows/s (128 adds only 2 % more for twice the statement).
constexpr int kBulkRowsPerInsert = 64;
constexpr int kBulkParamsPerRow = 17;

QByteArray bulkInsertSql(int rows)
{
    QByteArray sql = "INSERT INTO observations(id, source_id, rrname, rrtype, rdata, section, first_seen, last_seen, "
                     "count, rcode, ttl_min, ttl_max, clients, servers, attrs, service) VALUES ";
    for (int r = 0; r < rows; ++r) {
        const int base = r * kBulkParamsPerRow;
        sql += r == 0 ? "(" : ",(";
        for (int column : {15, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 17}) {
            sql += '?';
            sql += QByteArray::number(base + column);
            sql += column == 17 ? ")" : ",";
        }
    }
    return sql;
}

constexpr const char* kUnansweredSql = R"sql(
INSERT INTO unanswered_queries(source_id, rrname, rrtype, count, first_seen, last_seen)
VALUES (?1, ?2, ?3, 1, ?4, ?4)
ON CONFLICT(source_id, rrname, rrtype) DO UPDATE SET
    count = count + 1,
    first_seen = min(first_seen, excluded.first_seen),
    last_seen = max(last_seen, excluded.last_seen)
)sql";

void bindOptionalText(SqlStatement& st, int index, const QString& value)
{
    if (value.isEmpty())
        st.bindNull(index);
    else
        st.bind(index, value);
}

} // namespace

ObservationWriter::ObservationWriter(CaseFile& file, int batchSize)
    : m_file(file)
    , m_batchSize(qMax(1, batchSize))
{
    growCacheWithCase();
}

ObservationWriter::~ObservationWriter()
{
    commit();
    waitForJob();
    if (m_bulk)
        rebuildIndexes();
    releaseOwnership();
}

// The upsert names the key index, which a bulk import on another connection may have dropped for a while: it
// is prepared by prepareUpsert() once a transaction has seen the index. Setting up a source must not wait for
// another import.
bool ObservationWriter::prepare()
{
    if (m_merge)
        return true;
    sqlite3* db = m_file.handle();
    m_merge = std::make_unique<SqlStatement>(db, kMergeSql);
    m_bulkInsert = std::make_unique<SqlStatement>(db, bulkInsertSql(1).constData());
    m_bulkInsertMany = std::make_unique<SqlStatement>(db, bulkInsertSql(kBulkRowsPerInsert).constData());
    m_bulkMerge = std::make_unique<SqlStatement>(db, kMergeByIdSql);
    m_unanswered = std::make_unique<SqlStatement>(db, kUnansweredSql);
    m_errorInsert = std::make_unique<SqlStatement>(
        db, "INSERT INTO source_errors(source_id, position, message) VALUES (?1, ?2, ?3)");
    for (const SqlStatement* st : {m_merge.get(), m_bulkInsert.get(), m_bulkInsertMany.get(), m_bulkMerge.get(),
             m_unanswered.get(), m_errorInsert.get()}) {
        if (!st->isValid()) {
            m_error.set(CaseError::Kind::Sql, QStringLiteral("Cannot prepare the import: %1").arg(st->prepareError()));
            m_merge.reset();
            return false;
        }
    }
    return true;
}

bool ObservationWriter::prepareUpsert()
{
    if (m_insert)
        return true;
    auto insert = std::make_unique<SqlStatement>(m_file.handle(), kInsertSql);
    if (!insert->isValid()) {
        m_error.set(CaseError::Kind::Sql, QStringLiteral("Cannot prepare the import: %1").arg(insert->prepareError()));
        return false;
    }
    m_insert = std::move(insert);
    return true;
}

ObservationWriter::Begin ObservationWriter::beginSource(const SourceInfo& info, CaseError* error)
{
    flush(nullptr); // what the previous source left pending (its failure was reported then)
    releaseOwnership();
    m_error = CaseError{};
    m_stats = Stats{};
    m_stopped = false;
    m_batchMerged = 0;
    m_batch.clear();
    m_bulk = false;
    m_storedErrors = 0;
    m_duplicateOf = 0;
    m_sourceId = 0;
    m_countIsMax = info.countIsMax;
    if (m_file.isReadOnly()) {
        m_error.set(CaseError::Kind::InvalidInput, QStringLiteral("The case is open read-only."));
        if (error)
            *error = m_error;
        return Begin::Failed;
    }
    if (!prepare() || !flush(error)) {
        if (error)
            *error = m_error;
        return Begin::Failed;
    }
    sqlite3* db = m_file.handle();
    m_caseRowsAtStart = queryInt(db, "SELECT coalesce(sum(observation_count), 0) FROM sources").value_or(0);
    // Looking for the file, dropping an interrupted import of it and adding the new source happen in one write
    // transaction, so two imports of the same file starting together cannot both begin.
    QString message;
    if (!execSql(db, "BEGIN IMMEDIATE", &message)) {
        m_error.set(CaseError::Kind::Busy, QStringLiteral("Cannot write to the case: %1").arg(message));
        if (error)
            *error = m_error;
        return Begin::Failed;
    }
    const auto failWith = [&](CaseError::Kind kind, const QString& text) {
        execSql(db, "ROLLBACK");
        m_error.set(kind, text);
        if (error)
            *error = m_error;
        return Begin::Failed;
    };
    Begin result = Begin::Started;
    if (!info.sha256.isEmpty()) {
        // The same bytes read with other options (ports, mDNS, a passivedns layout) give other records: a finished
        // or running import with other options is another import, left as it is. An interrupted one is started
        // over whatever its options were.
        SqlStatement find(db, R"sql(
            SELECT s.id, s.state, s.label, i.host, i.pid, i.process_start, i.token, i.since,
                   coalesce(s.parameters, '') = ?2
            FROM sources s LEFT JOIN source_importers i ON i.source_id = s.id
            WHERE s.sha256 = ?1 ORDER BY s.id)sql");
        find.bind(1, info.sha256);
        find.bind(2, QStringLiteral("") + info.parameters); // '' (not NULL) when there are none
        QList<qint64> interrupted;
        const QString what = info.path.isEmpty() ? info.label : info.path;
        while (find.step()) {
            const QString state = find.text(1);
            const bool sameOptions = find.int64(8) != 0;
            if (state == QLatin1String("complete") && !sameOptions)
                continue;
            if (state == QLatin1String("complete")) {
                m_duplicateOf = find.int64(0);
                execSql(db, "ROLLBACK");
                m_error.set(CaseError::Kind::Duplicate,
                    QStringLiteral("'%1' (SHA-256 %2) is already in the case as source %3 (%4), read with the "
                                   "same options; nothing was imported again and no count changed.")
                        .arg(what, info.sha256)
                        .arg(m_duplicateOf)
                        .arg(find.text(2)));
                if (error)
                    *error = m_error;
                return Begin::Duplicate;
            }
            if (state == QLatin1String("importing") && !find.isNull(3)) {
                const ImportOwner owner{find.text(3), find.int64(4), find.int64(5), find.int64(6)};
                if (owner.isRunning() && !sameOptions)
                    continue;
                if (owner.isRunning())
                    return failWith(CaseError::Kind::Busy,
                        QStringLiteral("'%1' is being imported into this case right now (source %2, by process %3 on "
                                       "%4, since %5); nothing was imported twice. Wait for that import to finish.")
                            .arg(what)
                            .arg(find.int64(0))
                            .arg(owner.pid)
                            .arg(owner.host, formatUtcTime(find.int64(7))));
            }
            interrupted.append(find.int64(0));
        }
        // An earlier import of this very file was interrupted: drop its partial rows and start over so no count
        // is doubled.
        for (qint64 id : interrupted) {
            SqlStatement del(db, "DELETE FROM sources WHERE id = ?1");
            del.bind(1, id);
            if (!del.exec())
                return failWith(
                    CaseError::Kind::Sql, QStringLiteral("Cannot drop the interrupted import: %1").arg(del.error()));
        }
        if (!interrupted.isEmpty())
            result = Begin::Resumed;
    }
    SqlStatement insert(db, R"sql(
        INSERT INTO sources(kind, label, path, sha256, size, imported_at, parameters, time_granularity, time_kind,
                            state, stats, count_is_max)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 'importing', ?10, ?11))sql");
    insert.bind(1, info.kind);
    insert.bind(2, info.label);
    bindOptionalText(insert, 3, info.path);
    bindOptionalText(insert, 4, info.sha256);
    if (info.size >= 0)
        insert.bind(5, info.size);
    else
        insert.bindNull(5);
    insert.bind(6, info.importedAt > 0 ? info.importedAt : QDateTime::currentSecsSinceEpoch());
    bindOptionalText(insert, 7, info.parameters);
    insert.bind(8, info.timeGranularity.isEmpty() ? QStringLiteral("second") : info.timeGranularity);
    insert.bind(9, info.timeKind.isEmpty() ? QStringLiteral("sensor") : info.timeKind);
    bindOptionalText(insert, 10, info.stats);
    insert.bind(11, info.countIsMax ? 1 : 0);
    if (!insert.exec())
        return failWith(CaseError::Kind::Sql, QStringLiteral("Cannot add the source: %1").arg(insert.error()));
    const qint64 sourceId = sqlite3_last_insert_rowid(db);
    const ImportOwner owner = ImportOwner::forThisProcess();
    SqlStatement own(db,
        "INSERT INTO source_importers(source_id, host, pid, process_start, token, since) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    own.bind(1, sourceId);
    own.bind(2, owner.host);
    own.bind(3, owner.pid);
    own.bind(4, owner.processStart);
    own.bind(5, owner.token);
    own.bind(6, QDateTime::currentSecsSinceEpoch());
    if (!own.exec())
        return failWith(CaseError::Kind::Sql, QStringLiteral("Cannot add the source: %1").arg(own.error()));
    // Registered before the commit: from then on another import may look.
    registerLiveImport(owner.token);
    if (!execSql(db, "COMMIT", &message)) {
        releaseLiveImport(owner.token);
        return failWith(CaseError::Kind::Io, QStringLiteral("Cannot add the source: %1").arg(message));
    }
    m_ownerToken = owner.token;
    m_sourceClock.start();
    m_sourceId = sourceId;
    return result;
}

void ObservationWriter::releaseOwnership()
{
    if (m_ownerToken == 0)
        return;
    releaseLiveImport(m_ownerToken);
    m_ownerToken = 0;
}

bool ObservationWriter::continueSource(const SourceInfo& info, CaseError* error)
{
    flush(nullptr);
    m_error = CaseError{};
    m_stats = Stats{};
    m_stopped = false;
    m_batchMerged = 0;
    m_countIsMax = info.countIsMax;
    if (!prepare() || !flush(error)) {
        if (error)
            *error = m_error;
        return false;
    }
    SqlStatement find(m_file.handle(), "SELECT id FROM sources WHERE kind = ?1 AND sha256 IS NULL ORDER BY id LIMIT 1");
    find.bind(1, info.kind);
    if (find.step()) {
        m_sourceId = find.int64(0);
        m_caseRowsAtStart
            = queryInt(m_file.handle(), "SELECT coalesce(sum(observation_count), 0) FROM sources").value_or(0);
        SqlStatement mark(m_file.handle(), "UPDATE sources SET state = 'importing', count_is_max = ?2 WHERE id = ?1");
        mark.bind(1, m_sourceId);
        mark.bind(2, info.countIsMax ? 1 : 0);
        mark.exec();
        m_sourceClock.start(); // this run's time, as for a new source
        return true;
    }
    return beginSource(info, error) == Begin::Started;
}

bool ObservationWriter::beginTransactionIfNeeded()
{
    if (m_inTransaction)
        return true;
    QString message;
    for (;;) {
        if (!execSql(m_file.handle(), "BEGIN IMMEDIATE", &message)) {
            m_error.set(CaseError::Kind::Busy, QStringLiteral("Cannot write to the case: %1").arg(message));
            return false;
        }
        // Holding the write lock, see whether a bulk import elsewhere has the key index down; if so let it go on
        // and come back when the index is rebuilt.
        if (m_bulk || caseKeyIndexPresent(m_file.handle()))
            break;
        execSql(m_file.handle(), "ROLLBACK");
        if (!waitForKeyIndex())
            return false;
    }
    m_inTransaction = true;
    return true;
}

bool ObservationWriter::addObservation(const Observation& o)
{
    // m_error belongs to the helper while a batch is in flight; m_stopped is the caller's copy of its verdict.
    if (m_sourceId == 0 || m_stopped
        || (!m_jobOutstanding && (m_error.kind == CaseError::Kind::Sql || m_error.kind == CaseError::Kind::Io)))
        return false;
    m_batch.add(o);
    ++m_stats.added;
    // The text cap keeps offsets small and memory bounded when rows carry large attributes.
    if (++m_pending >= effectiveBatchSize() || m_batch.bytes() >= kMaxBatchTextBytes)
        return commit();
    return true;
}

void ObservationWriter::fail(int sqliteResult, const QString& what)
{
    const int primary = sqliteResult & 0xff;
    if (primary == SQLITE_FULL)
        m_error.set(CaseError::Kind::Io,
            QStringLiteral("The disk is full (or the case reached its size limit); the import stopped. "
                           "Everything committed so far is kept; free space and import again."));
    else
        m_error.set(CaseError::Kind::Sql,
            QStringLiteral("Cannot %1: %2").arg(what, QString::fromUtf8(sqlite3_errmsg(m_file.handle()))));
}

void ObservationWriter::bindRow(SqlStatement& st, const EncodedObservations::Row& row, int base)
{
    using E = EncodedObservations;
    auto text = [&](int index, E::Field field, bool emptyIsNull) {
        const std::string_view v = m_inFlight.text(row, field);
        if (emptyIsNull && v.empty())
            st.bindNull(base + index);
        else
            st.bindTextStatic(base + index, v.data(), static_cast<int>(v.size()));
    };
    auto number = [&](int index, qint64 value, std::uint8_t bit) {
        if (row.present & bit)
            st.bind(base + index, value);
        else
            st.bindNull(base + index);
    };
    st.bind(base + 1, m_sourceId);
    text(2, E::kName, false);
    text(3, E::kType, false);
    text(4, E::kData, false);
    st.bind(base + 5, static_cast<qint64>(row.section));
    number(6, row.firstSeen, E::kFirst);
    number(7, row.lastSeen, E::kLast);
    number(8, row.count, E::kCount);
    number(9, row.rcode, E::kRcode);
    number(10, row.ttlMin, E::kTtlMin);
    number(11, row.ttlMax, E::kTtlMax);
    text(12, E::kClients, true);
    text(13, E::kServers, true);
    text(14, E::kAttrs, true);
    st.bind(base + 17, static_cast<qint64>(row.service));
}

bool ObservationWriter::writeRow(const EncodedObservations::Row& row)
{
    for (SqlStatement* st : {m_insert.get(), m_merge.get()}) {
        bindRow(*st, row);
        if (st == m_merge.get())
            st->bind(15, m_countIsMax ? qint64(1) : qint64(0));
        const bool ok = st->exec();
        const int rc = st->lastResult();
        if (!ok) {
            st->reset();
            fail(rc, QStringLiteral("store an observation"));
            return false;
        }
        if (st == m_insert.get()) {
            const bool inserted = sqlite3_changes(m_file.handle()) > 0;
            st->reset();
            if (inserted) {
                ++m_jobInserted;
                return true;
            }
        } else {
            st->reset();
            ++m_jobMerged;
        }
    }
    return true;
}

// A batch touches about one index page per row once the case is much larger than the batch, and each touched
// page is written to the WAL at commit: bigger batches in a big case share pages between rows. Small imports keep
// the caller's batch size (and memory).
int ObservationWriter::effectiveBatchSize() const
{
    const qint64 caseRows = m_caseRowsAtStart + m_stats.added;
    return static_cast<int>(std::clamp<qint64>(caseRows / 20, m_batchSize, std::max<qint64>(m_batchSize, 400000)));
}

// Upserts land all over the key index; once the index no longer fits in the page cache every row costs a page
// read and a page write. The cache follows the case's size (pages are only allocated when touched, so a small
// import stays small in memory), up to a ceiling.
void ObservationWriter::growCacheWithCase()
{
    constexpr qint64 kMinBytes = 32ll << 20;
    constexpr qint64 kMaxBytes = 2048ll << 20;
    const qint64 pages = queryInt(m_file.handle(), "PRAGMA page_count").value_or(0);
    const qint64 pageSize = queryInt(m_file.handle(), "PRAGMA page_size").value_or(4096);
    const qint64 want = std::clamp(pages * pageSize * 5 / 4, kMinBytes, kMaxBytes);
    if (want <= m_cacheBytes)
        return;
    // Grow in steps so the pragma is not re-issued for every batch.
    m_cacheBytes = std::min(kMaxBytes, std::max(want, m_cacheBytes * 2));
    const QByteArray sql = "PRAGMA cache_size = -" + QByteArray::number(m_cacheBytes / 1024);
    execSql(m_file.handle(), sql.constData());
}

// On the helper's thread. The caller classified the row (classifyBulkRows): a merge is confirmed by an UPDATE
// that checks the whole key, so a 64-bit hash collision only costs a failed UPDATE; the row then goes in as new
// and is remembered, so later repeats of its key find it.
bool ObservationWriter::writeBulkRow(const EncodedObservations::Row& row, std::uint64_t hash)
{
    bool failed = false;
    const auto mergeInto = [&](qint64 rowId) {
        bindRow(*m_bulkMerge, row);
        m_bulkMerge->bind(15, m_countIsMax ? qint64(1) : qint64(0));
        m_bulkMerge->bind(16, rowId);
        failed = !m_bulkMerge->exec();
        const int rc = m_bulkMerge->lastResult();
        const bool changed = !failed && sqlite3_changes(m_file.handle()) > 0;
        m_bulkMerge->reset();
        if (failed)
            fail(rc, QStringLiteral("store an observation"));
        return changed;
    };
    if (row.mergeId > 0) {
        // Queued rows are not in the table yet, but none of them can be the one to merge into: they are this
        // batch's, and no two rows of a batch share a key (sortAndMerge).
        bool merged = mergeInto(row.mergeId);
        if (!merged && !failed) {
            const auto collided = m_collisions.find(hash);
            if (collided != m_collisions.end()) {
                for (qint64 id : collided->second) {
                    if ((merged = mergeInto(id)) || failed)
                        break;
                }
            }
        }
        if (failed)
            return false;
        if (merged) {
            ++m_jobMerged;
            return true;
        }
        m_collisions[hash].push_back(row.insertId);
    }
    m_bulkInsertQueue.push_back(&row);
    return int(m_bulkInsertQueue.size()) < kBulkRowsPerInsert || flushBulkInserts();
}

// On the helper's thread: the queued bulk rows go in, by one multi-row statement when there are
// kBulkRowsPerInsert of them, one by one otherwise (the end of a batch).
bool ObservationWriter::flushBulkInserts()
{
    const auto insert = [this](SqlStatement& st, std::size_t first, std::size_t count) {
        for (std::size_t r = 0; r < count; ++r) {
            const EncodedObservations::Row& row = *m_bulkInsertQueue[first + r];
            const int base = int(r) * kBulkParamsPerRow;
            bindRow(st, row, base);
            st.bind(base + 15, row.insertId);
        }
        const bool ok = st.exec();
        const int rc = st.lastResult();
        st.reset();
        if (!ok)
            fail(rc, QStringLiteral("store an observation"));
        else
            m_jobInserted += qint64(count);
        return ok;
    };
    bool ok = true;
    if (int(m_bulkInsertQueue.size()) == kBulkRowsPerInsert) {
        ok = insert(*m_bulkInsertMany, 0, m_bulkInsertQueue.size());
    } else {
        for (std::size_t i = 0; ok && i < m_bulkInsertQueue.size(); ++i)
            ok = insert(*m_bulkInsert, i, 1);
    }
    m_bulkInsertQueue.clear();
    return ok;
}

// On the caller's thread, before the batch is handed over (so it overlaps the previous batch's SQL): each row
// either merges into the row its key was seen in, or gets the next id. Nobody else inserts observations while
// the key index is down (other writers wait for it), so the ids are ours to hand out.
void ObservationWriter::classifyBulkRows()
{
    m_batch.computeHashes();
    if (m_hashMask != ~std::uint64_t(0))
        m_batch.maskHashes(m_hashMask);
    constexpr std::size_t kPrefetchAhead = 8;
    const auto& hashes = m_batch.hashes();
    for (std::size_t i = 0; i < m_batch.size(); ++i) {
        if (i + kPrefetchAhead < hashes.size())
            m_keys.prefetch(hashes[i + kPrefetchAhead]);
        EncodedObservations::Row& row = m_batch.row(i);
        row.mergeId = 0;
        m_keys.find(hashes[i], [&](qint64 rowId) {
            row.mergeId = rowId;
            return true;
        });
        row.insertId = m_nextId++;
        if (row.mergeId == 0)
            m_keys.insert(hashes[i], row.insertId);
    }
}

// On the caller's thread, inside the write transaction the next batch will use, with no batch in flight: the
// rows this source already has go into the key table, then the indexes go. Nobody else can write in between
// (BEGIN IMMEDIATE), and other writers wait for the key index.
bool ObservationWriter::enterBulk()
{
    m_keys.clear();
    SqlStatement existing(
        m_file.handle(), "SELECT id, rrname, rrtype, rdata, section, service FROM observations WHERE source_id = ?1");
    existing.bind(1, m_sourceId);
    while (existing.step()) {
        const QByteArray name = existing.text(1).toUtf8();
        const QByteArray type = existing.text(2).toUtf8();
        const QByteArray data = existing.text(3).toUtf8();
        m_keys.insert(BulkKeyTable::hashKey(std::string_view(name.constData(), std::size_t(name.size())),
                          std::string_view(type.constData(), std::size_t(type.size())),
                          std::string_view(data.constData(), std::size_t(data.size())),
                          BulkKeyTable::keyTag(existing.int64(4), existing.int64(5))),
            existing.int64(0));
    }
    m_collisions.clear();
    m_nextId = queryInt(m_file.handle(), "SELECT coalesce(max(id), 0) + 1 FROM observations").value_or(1);
    QString message;
    if (!dropDeferrableIndexes(m_file.handle(), &message)) {
        m_keys.clear();
        m_error.set(CaseError::Kind::Sql, QStringLiteral("Cannot start the bulk import: %1").arg(message));
        return false;
    }
    m_bulk = true;
    return true;
}

bool ObservationWriter::rebuildIndexes()
{
    if (!commit() || !waitForJob())
        return false;
    QString message;
    bool ok = execSql(m_file.handle(), "BEGIN IMMEDIATE", &message);
    ok = ok && ensureCaseIndexes(m_file.handle(), &message);
    ok = ok && execSql(m_file.handle(), "COMMIT", &message);
    if (!ok) {
        execSql(m_file.handle(), "ROLLBACK");
        m_error.set(CaseError::Kind::Io,
            QStringLiteral("Cannot rebuild the case's indexes after a bulk import: %1. Everything imported is kept; "
                           "reopening the case rebuilds them.")
                .arg(message));
        return false;
    }
    m_bulk = false;
    m_keys.clear();
    m_collisions.clear();
    return true;
}

bool ObservationWriter::writeWouldWait() const
{
    return !m_bulk && !caseKeyIndexPresent(m_file.handle());
}

bool ObservationWriter::waitForKeyIndex()
{
    if (caseKeyIndexPresent(m_file.handle()))
        return true;
    if (m_onIndexWait)
        m_onIndexWait(true);
    QElapsedTimer waited;
    waited.start();
    bool ok = true;
    while (!caseKeyIndexPresent(m_file.handle())) {
        if (m_cancel && m_cancel->load()) {
            m_error.set(CaseError::Kind::Cancelled,
                QStringLiteral("Stopped waiting for the bulk import running on this case to rebuild its indexes; "
                               "what was waiting to be stored was not stored."));
            ok = false;
            break;
        }
        if (waited.elapsed() >= m_indexWaitMs) {
            m_error.set(CaseError::Kind::Busy,
                QStringLiteral("Another import is writing this case in bulk and its key index is not back yet; "
                               "try again when that import has finished (reopening the case rebuilds the index if "
                               "that import was killed)."));
            ok = false;
            break;
        }
        QThread::msleep(50);
    }
    if (m_onIndexWait)
        m_onIndexWait(false);
    return ok;
}

bool ObservationWriter::writeBatch()
{
    if (m_inFlight.empty())
        return true;
    growCacheWithCase();
    if (!beginTransactionIfNeeded())
        return false;
    if (!m_bulk && !prepareUpsert()) {
        execSql(m_file.handle(), "ROLLBACK");
        m_inTransaction = false;
        m_inFlight.clear();
        return false;
    }
    // The caller sorted and merged the batch (see commit()): sorted rows walk the key index in order, far fewer
    // page misses than random order; in bulk mode sorted runs in the table still make the final index builds
    // faster (measured).
    const auto& rows = m_inFlight.rows();
    bool ok = true;
    for (std::size_t i = 0; ok && i < rows.size(); ++i)
        ok = m_bulk ? writeBulkRow(rows[i], m_inFlight.hashes()[i]) : writeRow(rows[i]);
    ok = ok && flushBulkInserts();
    if (!ok) {
        // Drop the unfinished batch so the case holds exactly the committed batches.
        execSql(m_file.handle(), "ROLLBACK");
        m_inTransaction = false;
        m_jobInserted = 0;
        m_jobMerged = 0;
        m_bulkInsertQueue.clear();
    }
    m_inFlight.clear();
    return ok;
}

bool ObservationWriter::addUnansweredQuery(const QString& rrname, const QString& rrtype, qint64 time)
{
    if (m_sourceId == 0 || !waitForJob() || !beginTransactionIfNeeded())
        return false;
    m_unanswered->bind(1, m_sourceId);
    m_unanswered->bind(2, rrname);
    m_unanswered->bind(3, rrtype);
    m_unanswered->bind(4, time);
    const bool ok = m_unanswered->exec();
    m_unanswered->reset();
    if (!ok) {
        m_error.set(CaseError::Kind::Sql, QStringLiteral("Cannot count a query: %1").arg(m_unanswered->error()));
        return false;
    }
    ++m_stats.unanswered;
    if (++m_pending >= m_batchSize)
        return commit();
    return true;
}

void ObservationWriter::addError(const QString& position, const QString& message)
{
    ++m_stats.errors;
    if (m_sourceId == 0 || m_storedErrors >= kMaxStoredErrorsPerSource || !waitForJob() || !beginTransactionIfNeeded())
        return;
    m_errorInsert->bind(1, m_sourceId);
    m_errorInsert->bind(2, position);
    m_errorInsert->bind(3, message.left(2000));
    if (m_errorInsert->exec())
        ++m_storedErrors;
    m_errorInsert->reset();
}

// On the caller's thread: sorts and merges the batch (CPU work that overlaps the previous batch's SQL when
// pipelined) and hands it over. Returns false when an earlier batch failed.
bool ObservationWriter::commit()
{
    // Sort, merge (and in bulk mode classify) before waiting: that is the work that overlaps the previous
    // batch's SQL.
    const qint64 mergedInBatch = m_batch.empty() ? 0 : qint64(m_batch.sortAndMerge(m_countIsMax));
    if (m_bulk)
        classifyBulkRows();
    if (!waitForJob())
        return false;
    m_batchMerged += mergedInBatch;
    if (m_batch.empty() && !m_inTransaction)
        return true;
    // The import turns bulk here, between batches, with the connection free.
    if (!m_bulk && !m_batch.empty() && m_stats.added >= m_bulkThreshold && m_stats.added > m_caseRowsAtStart / 2) {
        if (!beginTransactionIfNeeded() || !enterBulk()) {
            execSql(m_file.handle(), "ROLLBACK");
            m_inTransaction = false;
            m_batch.clear();
            m_stopped = true;
            return false;
        }
        classifyBulkRows();
    }
    std::swap(m_batch, m_inFlight);
    m_batch.clear();
    m_pending = 0;
    m_submittedAdded = m_stats.added;
    m_jobOutstanding = true;
    m_jobInserted = 0;
    m_jobMerged = 0;
    if (m_pipelined) {
        m_job = std::async(std::launch::async, [this] { m_jobOk = commitInFlight(); });
        return true;
    }
    m_jobOk = commitInFlight();
    return waitForJob();
}

bool ObservationWriter::waitForJob()
{
    if (!m_jobOutstanding)
        return !m_stopped;
    if (m_job.valid())
        m_job.get();
    m_jobOutstanding = false;
    m_stats.merged += m_batchMerged + m_jobMerged;
    m_stats.inserted += m_jobInserted;
    m_batchMerged = 0;
    m_jobInserted = 0;
    m_jobMerged = 0;
    if (!m_jobOk) {
        m_stopped = true;
        return false;
    }
    if (m_jobCommitted) {
        ++m_stats.batchesCommitted;
        if (m_onBatch)
            m_onBatch(m_stats.batchesCommitted, m_submittedAdded);
    }
    return true;
}

// The job: writes the in-flight batch and commits the transaction (with any unanswered queries and errors
// added since the last commit). On the helper thread when pipelined.
bool ObservationWriter::commitInFlight()
{
    m_jobCommitted = false;
    if (!writeBatch())
        return false;
    if (!m_inTransaction)
        return true;
    QString message;
    if (m_jobInserted > 0) {
        SqlStatement bump(
            m_file.handle(), "UPDATE sources SET observation_count = observation_count + ?2 WHERE id = ?1");
        bump.bind(1, m_sourceId);
        bump.bind(2, m_jobInserted);
        bump.exec();
    }
    if (!execSql(m_file.handle(), "COMMIT", &message)) {
        execSql(m_file.handle(), "ROLLBACK");
        m_inTransaction = false;
        m_jobInserted = 0;
        m_jobMerged = 0;
        m_error.set(CaseError::Kind::Io, QStringLiteral("Cannot commit to the case: %1").arg(message));
        return false;
    }
    m_inTransaction = false;
    m_jobCommitted = true;
    return true;
}

bool ObservationWriter::flush(CaseError* error)
{
    const bool ok = commit() && waitForJob();
    if (!ok && error)
        *error = m_error;
    return ok;
}

bool ObservationWriter::finish(bool complete, const QString& statsJson, CaseError* error)
{
    if (m_sourceId == 0) {
        if (error)
            *error = m_error;
        return false;
    }
    if (!commit() || !waitForJob()) {
        if (error)
            *error = m_error;
        return false;
    }
    if (m_bulk && !rebuildIndexes()) {
        if (error)
            *error = m_error;
        return false;
    }
    SqlStatement update(m_file.handle(), "UPDATE sources SET state = ?2, stats = coalesce(?3, stats) WHERE id = ?1");
    update.bind(1, m_sourceId);
    update.bind(2, complete ? QStringLiteral("complete") : QStringLiteral("incomplete"));
    bindOptionalText(update, 3, withElapsed(statsJson, m_sourceClock.elapsed()));
    if (!update.exec()) {
        m_error.set(CaseError::Kind::Sql, QStringLiteral("Cannot finish the source: %1").arg(update.error()));
        if (error)
            *error = m_error;
        return false;
    }
    SqlStatement done(m_file.handle(), "DELETE FROM source_importers WHERE source_id = ?1");
    done.bind(1, m_sourceId);
    done.exec();
    releaseOwnership();
    return true;
}

} // namespace pdnsw
