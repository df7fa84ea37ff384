#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QString>

#include <atomic>

class QThread;

namespace pdnsw {

// One long task (import, capture, provider query, export) on a thread of its own. The subclass does the work
// in run(), checks cancelRequested() often and reports progress; the job reports back by signals on the GUI
// thread, throttled so a fast loop cannot flood the event loop.
class BackgroundJob : public QObject
{
    Q_OBJECT
public:
    enum class State
    {
        Waiting,
        Running,
        Succeeded,
        Failed,
        Cancelled
    };

    explicit BackgroundJob(QString title, QObject* parent = nullptr);
    // Cancels and waits for the thread: a job never outlives its owner.
    ~BackgroundJob() override;

    void start();
    void cancel();
    const QString& title() const { return m_title; }
    State state() const { return m_state; }
    bool isActive() const { return m_state == State::Waiting || m_state == State::Running; }
    qint64 elapsedMs() const;
    // The last progress reported (GUI thread copy).
    qint64 done() const { return m_done; }
    qint64 total() const { return m_total; }
    const QString& detail() const { return m_detail; }
    const QString& message() const { return m_message; }

signals:
    void progressChanged(qint64 done, qint64 total, const QString& detail);
    void finished(pdnsw::BackgroundJob::State state, const QString& message);

protected:
    // On the job's thread. Returns true on success; *message says what happened (shown to the analyst).
    virtual bool run(QString* message) = 0;
    bool cancelRequested() const { return m_cancel.load(std::memory_order_relaxed); }
    // Called on the GUI thread when cancel() is asked, for jobs that watch a flag of their own.
    virtual void onCancelRequested() { }
    std::atomic<bool>* cancelFlag() { return &m_cancel; }
    // Thread-safe; at most ~10 updates per second reach the GUI, and the last one always does.
    void reportProgress(qint64 done, qint64 total, const QString& detail, bool force = false);

private:
    void onThreadFinished();

    QString m_title;
    State m_state = State::Waiting;
    QThread* m_thread = nullptr;
    std::atomic<bool> m_cancel{false};
    bool m_ok = false;
    QString m_message;
    QElapsedTimer m_clock;
    qint64 m_finishedAfterMs = -1;
    std::atomic<qint64> m_lastReportMs{-1000};
    qint64 m_done = 0;
    qint64 m_total = 0;
    QString m_detail;
};

} // namespace pdnsw
