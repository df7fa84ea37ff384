#pragma once

#include "models/CaseError.h"
#include "models/ProviderQueryLog.h"
#include "models/SourceInfo.h"
#include "providers/ProviderConfig.h"
#include "providers/ProviderTypes.h"

#include <QHash>
#include <QString>

#include <atomic>
#include <functional>
#include <memory>
#include <optional>

namespace pdnsw {

class CaseFile;
class ObservationWriter;

// Puts provider answers into the case: every query in the audit log (provider, question, parameters, times,
// HTTP status, pages, records, error) with each raw page (SHA-256, stored compressed), and the observations in
// one source per provider (kind "provider:<id>", count kept as the larger value on repeats). Feed it the
// engine's signals on the thread that owns the case file.
class ProviderCaseRecorder
{
public:
    explicit ProviderCaseRecorder(CaseFile& file);
    ~ProviderCaseRecorder();

    // The parameters that make two questions "the same" for the cache (never a key).
    static QString parametersJson(const ProviderQuestion& question, const ProviderConfig& config);

    struct Cached
    {
        ProviderQueryRecord record;
        qint64 ageSeconds = 0;
    };
    std::optional<Cached> cached(
        const QString& provider, const ProviderQuestion& question, const ProviderConfig& config) const;

    // Call right after HttpEngine::submit with its job id.
    bool beginQuery(quint64 jobId, const ProviderConfig& config, const ProviderQuestion& question, CaseError* error);
    bool addPage(const ProviderPage& page, CaseError* error);
    bool finishQuery(const ProviderJobResult& result, const QList<Observation>& folded, CaseError* error);
    // Marks every provider source complete (or incomplete after a cancel) and closes the log entries of queries
    // that are still open.
    bool finishAll(bool complete, CaseError* error);

    qint64 queryId(quint64 jobId) const { return m_jobs.value(jobId).queryId; }

    // While a bulk import on another connection has the case's key index down, storing answers waits for it;
    // the observer hears when such a wait begins and ends, and the flag (which must outlive the recorder) ends
    // it early with an error. Both apply to the providers' writers, so set them before the first query.
    void setIndexWaitObserver(std::function<void(bool waiting)> observer) { m_onIndexWait = std::move(observer); }
    void setCancelFlag(const std::atomic<bool>* flag) { m_cancel = flag; }

    struct ReparseResult
    {
        int queries = 0;
        int pages = 0;
        int skippedPages = 0; // error answers and token pages: nothing to map
        qint64 observations = 0;
        qint64 rejected = 0;
        QStringList problems;
    };
    // Rebuilds observations from stored raw pages without any network (all queries, or one).
    static std::optional<ReparseResult> reparse(CaseFile& file, std::optional<qint64> queryId, CaseError* error);
    // The observations a stored query's pages map to (cached answers feeding a pivot), without writing.
    static QList<Observation> storedObservations(CaseFile& file, qint64 queryId);

private:
    static QList<Observation> parseStored(
        const ProviderQueryLog& log, const ProviderQueryRecord& record, ReparseResult& result, bool* usable);
    ObservationWriter* writerFor(const QString& provider, const QString& baseUrl, CaseError* error);
    bool storeAnswers(const QString& provider, const QList<Observation>& observations, bool mayWait, CaseError* error);

    struct JobEntry
    {
        qint64 queryId = 0;
        QString provider;
        QString question;
        QString parameters;
        qint64 startedAt = 0;
    };
    CaseFile& m_file;
    ProviderQueryLog m_log;
    QHash<quint64, JobEntry> m_jobs;
    // A provider's source is made with its first record (a query that failed or found nothing is in the log
    // only): its writer then, from the base URL of the provider's latest query.
    QHash<QString, std::shared_ptr<ObservationWriter>> m_writers;
    QHash<QString, QString> m_baseUrls;
    QHash<QString, QList<Observation>> m_pending; // records held back while another import has the indexes down
    std::function<void(bool)> m_onIndexWait;
    const std::atomic<bool>* m_cancel = nullptr;
};

// Source description of one provider in a case.
SourceInfo providerSourceInfo(const QString& providerId, const QString& baseUrl);

} // namespace pdnsw
