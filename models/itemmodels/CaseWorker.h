#pragma once

#include "models/CaseError.h"

#include <QHash>
#include <QMutex>
#include <QObject>
#include <QPointer>
#include <QThread>

#include <functional>
#include <memory>

namespace pdnsw {

class CaseSession;

// Runs case queries on a thread of its own with its own connections (CaseSession), so the window never waits
// for SQL. Jobs run in the order they are posted; each result is delivered on the thread of this object
// (the GUI thread) to a callback tied to a context object, and dropped when the context is gone or the case
// was closed or changed meanwhile.
class CaseWorker : public QObject
{
    Q_OBJECT
public:
    explicit CaseWorker(QObject* parent = nullptr);
    ~CaseWorker() override;

    // Opens the case's reader connections; done(error) with an empty error on success.
    void open(const QString& path, QObject* context, std::function<void(const CaseError&)> done);
    void close();
    bool isOpen() const { return !m_path.isEmpty(); }
    const QString& path() const { return m_path; }

    // Runs job(session) on the worker thread and done(result) on this object's thread. A job with a coalesce
    // key is skipped when a newer job with the same key was posted before it started (only the latest
    // selection or filter matters).
    template <typename Result>
    void run(QObject* context, std::function<Result(CaseSession&)> job, std::function<void(Result)> done,
        const QString& coalesceKey = {})
    {
        const quint64 generation = m_generation;
        QPointer<QObject> guard(context);
        auto deliver = [this, guard, generation, done = std::move(done)](Result result) mutable {
            QMetaObject::invokeMethod(
                this,
                [this, guard, generation, done = std::move(done), result = std::move(result)]() mutable {
                    if (guard && generation == m_generation)
                        done(std::move(result));
                    jobFinished();
                },
                Qt::QueuedConnection);
        };
        post([job = std::move(job), deliver = std::move(deliver)](
                 CaseSession& session) mutable { deliver(job(session)); },
            coalesceKey);
    }

    // Jobs posted and not yet delivered (tests wait for 0).
    int pendingJobs() const { return m_pending; }

signals:
    void busyChanged(bool busy);

private:
    using Job = std::function<void(CaseSession&)>;
    void post(Job job, const QString& coalesceKey);
    void jobFinished();
    void runOnThread(std::function<void()> work);

    QThread m_thread;
    QObject* m_threadObject = nullptr; // lives on m_thread; the target of posted jobs
    std::unique_ptr<CaseSession> m_session; // touched only on m_thread (and after it stopped)
    QString m_path;
    quint64 m_generation = 0;
    int m_pending = 0;
    QMutex m_ticketsMutex;
    QHash<QString, quint64> m_latestTicket;
    quint64 m_nextTicket = 0;
};

} // namespace pdnsw
