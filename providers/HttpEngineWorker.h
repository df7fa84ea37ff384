#pragma once

#include "providers/PairAggregator.h"
#include "providers/Provider.h"
#include "providers/RateLimiter.h"
#include "providers/Redactor.h"

#include <QHash>
#include <QList>
#include <QMutex>
#include <QObject>
#include <QSet>

#include <atomic>
#include <memory>

typedef void CURLM;

namespace pdnsw {

struct EngineTransfer;

// The engine's thread body (see HttpEngine). Lives on the engine's QThread; its run() loop waits in
// curl_multi_poll and is woken by submit/cancel from other threads through curl_multi_wakeup.
class HttpEngineWorker : public QObject
{
    Q_OBJECT
public:
    HttpEngineWorker();
    ~HttpEngineWorker() override;

    void enqueue(quint64 jobId, const ProviderConfig& config, const ProviderQuestion& question);
    void cancel(quint64 jobId); // 0 = all
    void stop();

public slots:
    void run();

signals:
    void pageReceived(const pdnsw::ProviderPage& page);
    void jobFinished(const pdnsw::ProviderJobResult& result, const QList<pdnsw::Observation>& folded);
    void jobProgress(quint64 jobId, const QString& message);

private:
    struct PendingRequest
    {
        HttpRequest request;
        qint64 notBefore = 0; // steady ms
    };
    struct Job
    {
        quint64 id = 0;
        const Provider* provider = nullptr;
        ProviderConfig config;
        ProviderQuestion question;
        Redactor redactor;
        QList<PendingRequest> pending;
        QList<HttpRequest> waitingForAuth;
        bool authInFlight = false;
        int inFlight = 0;
        int pages = 0;
        int requests = 0;
        qint64 records = 0;
        JobState state = JobState::Running;
        QString error;
        QString note;
        std::optional<int> lastStatus;
        qint64 startedAtWall = 0;
        qint64 startedAtSteady = 0;
        qint64 firstRequestAtWall = 0; // 0 until a request goes out (a job may wait for the rate limit first)
        bool waitingReported = false;
        std::shared_ptr<std::atomic<bool>> cancelFlag;
        std::unique_ptr<PairAggregator> folded;
    };

    void acceptIncoming(qint64 now);
    void applyCancellations();
    qint64 startDue(qint64 now); // returns the next time something becomes due
    bool hasQueuedRequests(const QString& provider) const;
    bool startTransfer(Job& job, const HttpRequest& request, qint64 now);
    void handleDone(EngineTransfer* transfer, int curlCode, qint64 now);
    void handleDataAnswer(Job& job, EngineTransfer& t, qint64 now);
    bool scheduleRetry(
        Job& job, const HttpRequest& request, const QByteArray& retryAfter, const QString& why, qint64 now);
    void settle(Job& job, JobState state, const QString& message);
    void emitPage(Job& job, const EngineTransfer& t, const PageParse& parse);
    void finishIdleJobs(qint64 now);
    void finishJob(Job& job, qint64 now);
    void dropPending(Job& job);
    static QString terminalSafeProblem(const QString& text);

    CURLM* m_multi = nullptr;
    QMutex m_mutex; // guards m_incoming, m_cancelled, m_stop
    struct Incoming
    {
        quint64 id;
        ProviderConfig config;
        ProviderQuestion question;
    };
    QList<Incoming> m_incoming;
    QSet<quint64> m_cancelled;
    bool m_cancelAll = false;
    bool m_stop = false;

    // Worker-thread state.
    QList<quint64> m_order;
    QHash<quint64, Job*> m_jobs;
    QHash<QString, RateLimiter> m_limiters;
    QHash<QString, int> m_inFlightPerProvider;
    QSet<QString> m_rateWaitReported; // providers whose current queue was told it waits for the rate limit
    static constexpr qint64 kLongRateWaitMs = 5000;
    QHash<QString, QString> m_exhausted; // provider -> why (quota spent this session)
    QList<EngineTransfer*> m_transfers;
    NetworkSettings m_network;
};

} // namespace pdnsw
