#pragma once

#include "models/BulkKeyTable.h"
#include "models/CaseError.h"
#include "models/EncodedObservations.h"
#include "models/ObservationSink.h"
#include "models/SourceInfo.h"

#include <QElapsedTimer>
#include <QHash>
#include <QString>

#include <atomic>
#include <functional>
#include <future>
#include <memory>
#include <unordered_map>
#include <vector>

namespace pdnsw {

class CaseFile;
class SqlStatement;

// The bulk import path: one writer per case, prepared statements, batched transactions. Everything added is
// merged per (source, rrname, rrtype, rdata, section): min first seen, max last seen, summed count (or the
// larger count for provider sources), TTL range widened. A source starts "importing" and becomes "complete"
// on finish(); a process killed in between leaves it "importing", shown as incomplete, with every committed
// batch intact.
class ObservationWriter : public ObservationSink
{
public:
    struct Stats
    {
        qint64 added = 0; // observations handed to the writer
        qint64 inserted = 0; // new rows
        qint64 merged = 0; // merged into an existing row (same key seen before)
        qint64 batchesCommitted = 0;
        qint64 errors = 0;
        qint64 unanswered = 0;
    };

    enum class Begin
    {
        Started, // a new source
        Duplicate, // this SHA-256 is already a complete source: nothing to do
        Resumed, // an earlier incomplete import of the same file was dropped and starts over
        Failed,
    };

    explicit ObservationWriter(CaseFile& file, int batchSize = 50000);
    ~ObservationWriter() override;

    // Starts a new source (info.id is ignored). For files give sha256 and size.
    Begin beginSource(const SourceInfo& info, CaseError* error);
    // Provider sources live on across queries: finds the source of this kind or creates it, and continues it.
    bool continueSource(const SourceInfo& info, CaseError* error);
    qint64 sourceId() const { return m_sourceId; }
    qint64 duplicateOf() const { return m_duplicateOf; }

    bool addObservation(const Observation& observation) override;
    bool addUnansweredQuery(const QString& rrname, const QString& rrtype, qint64 time) override;
    void addError(const QString& position, const QString& message) override;

    // Commits what is buffered now.
    bool flush(CaseError* error = nullptr);
    // Commits, stores the stats JSON and marks the source complete (or incomplete after a cancel / failure).
    bool finish(bool complete, const QString& statsJson, CaseError* error);

    const Stats& stats() const { return m_stats; }

    // Pipelined: a committed batch is written to SQLite on a helper thread while the caller fills the next one
    // (both cores busy on large imports). Errors of a batch then surface on a later call. Only for owners that do
    // nothing else with this CaseFile while importing: the connection is used by one thread at a time, and the
    // writer waits for the helper before any other statement of its own.
    void setPipelined(bool on) { m_pipelined = on; }
    const CaseError& lastError() const { return m_error; }

    // Called after each committed batch with the batch number (from 1) and the rows written so far.
    void setBatchCommittedCallback(std::function<void(qint64 batch, qint64 rows)> callback)
    {
        m_onBatch = std::move(callback);
    }

    static constexpr int kMaxStoredErrorsPerSource = 1000;

    // An import that grows past this many rows (and past half the case) becomes a bulk import: it drops the
    // observation indexes, appends rows, finds repeats of its own keys in memory (BulkKeyTable) and rebuilds the
    // indexes in finish(): sorted index builds beat millions of random index updates. Other writers of the case
    // wait while the key index is missing (see waitForKeyIndex).
    static constexpr qint64 kBulkAfterRows = 20000;
    static constexpr std::size_t kMaxBatchTextBytes = 256u << 20;
    // Tests lower the threshold to exercise the bulk path on small inputs.
    void setBulkThreshold(qint64 rows) { m_bulkThreshold = rows; }
    // Tests weaken the bulk key hashes to this mask so that different keys collide.
    void setBulkHashMask(std::uint64_t mask) { m_hashMask = mask; }
    // How long a writer waits for another connection's bulk import to rebuild the key index.
    void setIndexWaitMs(qint64 ms) { m_indexWaitMs = ms; }
    // Told (on the writer's thread) when a wait for another connection's bulk import begins (true) and ends
    // (false), so a window can say why its results are not in the case yet.
    void setIndexWaitObserver(std::function<void(bool waiting)> observer) { m_onIndexWait = std::move(observer); }
    // True while a bulk import on another connection has the key index down: the next commit would wait.
    bool writeWouldWait() const;
    // Such a wait gives up (Kind::Cancelled) once *flag is set; the flag must outlive the writer.
    void setCancelFlag(const std::atomic<bool>* flag) { m_cancel = flag; }

private:
    bool beginTransactionIfNeeded();
    bool prepareUpsert();
    void releaseOwnership();
    bool writeBatch();
    bool writeRow(const EncodedObservations::Row& row);
    bool writeBulkRow(const EncodedObservations::Row& row, std::uint64_t hash);
    bool flushBulkInserts();
    bool enterBulk();
    void classifyBulkRows();
    bool rebuildIndexes();
    bool waitForKeyIndex();
    // `base` shifts every parameter index, for the rows after the first of a multi-row INSERT.
    void bindRow(SqlStatement& st, const EncodedObservations::Row& row, int base = 0);
    bool commit();
    bool commitInFlight();
    bool waitForJob();
    bool prepare();
    void fail(int sqliteResult, const QString& what);
    void growCacheWithCase();
    int effectiveBatchSize() const;

    CaseFile& m_file;
    int m_batchSize;
    qint64 m_sourceId = 0;
    qint64 m_duplicateOf = 0;
    bool m_countIsMax = false;
    bool m_inTransaction = false;
    int m_pending = 0;
    bool m_pipelined = false;
    bool m_stopped = false; // a batch failed: refuse further rows
    // The batch being written (on the helper thread when pipelined) and what its job found; folded into m_stats
    // by waitForJob() on the caller's thread.
    EncodedObservations m_inFlight;
    std::future<void> m_job;
    bool m_jobOutstanding = false;
    bool m_jobOk = true;
    bool m_jobCommitted = false;
    qint64 m_jobInserted = 0;
    qint64 m_jobMerged = 0;
    qint64 m_batchMerged = 0; // merged inside batches by the caller, not yet in m_stats
    qint64 m_submittedAdded = 0; // m_stats.added when the in-flight batch was handed over
    qint64 m_caseRowsAtStart = 0;
    qint64 m_cacheBytes = 0;
    bool m_bulk = false;
    // Bulk mode: the keys written so far (the caller's thread), the next row id to hand out, and rows that went
    // in after a hash collision (the helper's; nearly always empty).
    BulkKeyTable m_keys;
    qint64 m_nextId = 0;
    std::uint64_t m_hashMask = ~std::uint64_t(0);
    std::unordered_map<std::uint64_t, std::vector<qint64>> m_collisions;
    // Bulk rows waiting to go in together by one multi-row INSERT (the helper's; rows of m_inFlight).
    std::vector<const EncodedObservations::Row*> m_bulkInsertQueue;
    qint64 m_bulkThreshold = kBulkAfterRows;
    qint64 m_indexWaitMs = 30 * 60 * 1000;
    EncodedObservations m_batch;
    qint64 m_storedErrors = 0;
    Stats m_stats;
    CaseError m_error;
    std::function<void(qint64, qint64)> m_onBatch;
    std::function<void(bool)> m_onIndexWait;
    const std::atomic<bool>* m_cancel = nullptr;
    qint64 m_ownerToken = 0; // this writer's running import (ImportOwner), 0 when none
    QElapsedTimer m_sourceClock; // from beginSource: finish() stores the import's duration with its stats
    std::unique_ptr<SqlStatement> m_insert;
    std::unique_ptr<SqlStatement> m_merge;
    std::unique_ptr<SqlStatement> m_bulkInsert;
    std::unique_ptr<SqlStatement> m_bulkInsertMany;
    std::unique_ptr<SqlStatement> m_bulkMerge;
    std::unique_ptr<SqlStatement> m_unanswered;
    std::unique_ptr<SqlStatement> m_errorInsert;
};

} // namespace pdnsw
