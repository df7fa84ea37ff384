#pragma once

#include "providers/ProviderConfig.h"
#include "providers/ProviderTypes.h"

#include <QObject>
#include <QThread>

#include <atomic>

namespace pdnsw {

class HttpEngineWorker;

// The provider engine: one libcurl multi handle driven by a worker object on its own thread. Jobs (one
// provider, one question) go in from any thread; answer pages stream back by signals as they arrive, so
// providers run side by side and the GUI can show them live. Per provider it keeps the rate limit, follows
// paging, retries 429/503 after Retry-After or jittered exponential backoff up to a cap, and reports "quota
// exhausted" as a state. Transport policy: TLS verification on, https only (plain http only to loopback),
// redirects followed by hand (https, same host, capped), size cap on decoded bytes, gzip, connect and total
// timeouts, proxy from the settings or the environment, CA bundle overridable, cancel at any time.
class HttpEngine : public QObject
{
    Q_OBJECT
public:
    explicit HttpEngine(QObject* parent = nullptr);
    ~HttpEngine() override; // cancels what runs and joins the thread

    // Thread-safe. Returns the job id; a job that cannot run (no key, unsupported question, bad base URL)
    // still finishes through jobFinished with the reason.
    quint64 submit(const ProviderConfig& config, const ProviderQuestion& question);
    void cancel(quint64 jobId);
    void cancelAll();
    int activeJobs() const { return m_active.load(); }

signals:
    void pageReceived(const pdnsw::ProviderPage& page);
    // A folded provider (VirusTotal) delivers its observations here, not with the pages.
    void jobFinished(const pdnsw::ProviderJobResult& result, const QList<pdnsw::Observation>& foldedObservations);
    // Human-readable state changes: waiting for the rate limit, retrying after 429, ...
    void jobProgress(quint64 jobId, const QString& message);

private:
    QThread m_thread;
    HttpEngineWorker* m_worker = nullptr;
    std::atomic<quint64> m_nextId{1};
    std::atomic<int> m_active{0};
};

} // namespace pdnsw
