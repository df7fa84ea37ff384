#pragma once

#include "models/Observation.h"
#include "models/itemmodels/ProviderJobsModel.h"
#include "providers/ProviderConfig.h"
#include "providers/ProviderTypes.h"
#include "providers/SystemResolver.h"

#include <QList>
#include <QObject>
#include <QStringList>
#include <QThread>

#include <atomic>
#include <functional>
#include <memory>

namespace pdnsw {

class HttpEngine;

// One press of "Query": the question, the services to ask, and how far to pivot.
struct ProviderRunRequest
{
    ProviderQuestion question;
    QStringList providerIds; // catalog ids
    bool refresh = false; // ask again even when the case holds a cached answer
    int depth = 0; // pivot levels after the question itself
    int confirmAbove = 20; // ask before a level needing more requests than this (or beyond a budget)
};

// What a provider's check box shows before anything runs.
struct ProviderStatus
{
    QString id;
    QString name;
    bool configured = false;
    bool keyRequired = true;
    QString keySource; // "keychain", "environment" or "none"
    QString problem; // what to set, a bad base URL, or why the keychain could not be read
    QString baseUrl;
    QString baseUrlSource;
    int rateRequests = 1;
    int rateIntervalSeconds = 1;
    int dailyBudget = 0; // 0 = not published
    int usedToday = 0; // requests this case logged since 00:00 UTC
};

// Drives the provider engine for the window, the way `pdnsw-cli query` does: one HttpEngine (its own thread)
// and a recorder thread that owns a read-write connection to the case, answers the cache, submits the jobs,
// records every page and query through ProviderCaseRecorder and plans the pivot levels. Everything it learns
// comes back to the GUI thread by the signals below. Keys are read on short-lived threads (the keychain waits
// on a local event loop), never on the GUI or recorder thread.
class ProviderRunner : public QObject
{
    Q_OBJECT
public:
    explicit ProviderRunner(QObject* parent = nullptr);
    ~ProviderRunner() override; // cancels the run, stops both threads

    // The case the answers go to; empty closes it. A running query is cancelled first.
    void setCase(const QString& path);
    const QString& casePath() const { return m_casePath; }

    bool isRunning() const { return m_running; }
    bool isAwaitingConfirmation() const { return m_awaiting; }
    void start(const ProviderRunRequest& request);
    // Stops the running requests; what arrived stays in the case, and the provider sources are marked incomplete.
    void cancel();
    // The answer to confirmationNeeded: go ahead with the level, or stop the run there.
    void confirm(bool go);

    // Reads every provider's configuration (keychain included) off the GUI thread; statusLoaded follows.
    void loadStatus();
    const QList<ProviderStatus>& statuses() const { return m_statuses; }
    // Forgets the loaded configurations (after the settings changed) and loads them again.
    void reloadConfiguration();
    // The first level's cost for the selected providers; costPreviewed follows.
    void previewCost(const ProviderRunRequest& request);
    // Keeps a system resolver answer as a "lookup" source in the case; nowRecorded follows.
    void recordNowAnswer(const NowAnswer& answer);

signals:
    void runStarted(const QString& question);
    void rowChanged(const pdnsw::ProviderJobRow& row);
    void recordsArrived(int rowId, const QString& providerName, const QString& granularity,
        const QList<pdnsw::Observation>& observations);
    // Rate-limit waits and retries of a running job, by provider id.
    void providerMessage(const QString& providerId, const QString& message);
    void confirmationNeeded(int level, int questions, const QString& cost);
    // `note` says how many questions the level's cap left out; empty when none.
    void levelStarted(int level, int questions, const QString& note);
    // Every question of the run has been answered, cancelled or refused; error names what went wrong with the case.
    void runFinished(bool cancelled, const QString& message, const QString& error);
    void statusLoaded();
    void costPreviewed(const QString& text, int requests, bool needsConfirmation);
    void nowRecorded(const QString& error);

private:
    struct Worker;
    void withConfigs(std::function<void(const QList<ProviderConfig>&)> then);
    void post(std::function<void(Worker&)> work);
    void deliver(std::function<void()> work);
    // A writer's index-wait observer that puts `text` on the panel's status line when a wait begins.
    std::function<void(bool)> statusWhileWaiting(const QString& text);
    // Worker-thread steps of a run.
    void runLevel(Worker& w);
    void submitLevel(Worker& w);
    void levelDone(Worker& w);
    void finishRun(Worker& w, const QString& text);
    void onPage(Worker& w, const ProviderPage& page);
    void onJobFinished(Worker& w, const ProviderJobResult& result, const QList<Observation>& folded);
    void publish(Worker& w, const ProviderJobRow& row);
    bool ensureOpen(Worker& w, QString* error);

    HttpEngine* m_engine;
    QThread m_thread;
    QObject* m_threadObject = nullptr; // lives on m_thread; the context of everything the worker does
    std::unique_ptr<Worker> m_worker; // touched only on m_thread (and after it stopped)
    QString m_casePath;
    bool m_running = false;
    bool m_awaiting = false;
    // Set from the GUI thread to end a recorder-thread wait for another import's bulk index rebuild (cancel,
    // another case, closing the window): that wait would otherwise hold the thread for up to 30 minutes.
    std::atomic<bool> m_stopWaiting{false};
    QList<ProviderConfig> m_configs; // loaded once per session (or after a settings change)
    bool m_configsLoaded = false;
    QList<std::function<void(const QList<ProviderConfig>&)>> m_waitingForConfigs;
    QList<ProviderStatus> m_statuses;
};

} // namespace pdnsw

Q_DECLARE_METATYPE(pdnsw::ProviderJobRow)
