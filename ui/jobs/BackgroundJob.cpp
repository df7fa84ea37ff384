#include "ui/jobs/BackgroundJob.h"

#include <QThread>

namespace pdnsw {

BackgroundJob::BackgroundJob(QString title, QObject* parent)
    : QObject(parent)
    , m_title(std::move(title))
{
}

BackgroundJob::~BackgroundJob()
{
    if (m_thread) {
        m_cancel = true;
        m_thread->wait();
        delete m_thread;
    }
}

void BackgroundJob::start()
{
    if (m_thread)
        return;
    m_state = State::Running;
    m_clock.start();
    m_thread = QThread::create([this] { m_ok = run(&m_message); });
    m_thread->setObjectName(QStringLiteral("pdnsw-job"));
    connect(m_thread, &QThread::finished, this, &BackgroundJob::onThreadFinished);
    m_thread->start();
}

void BackgroundJob::cancel()
{
    m_cancel = true;
    onCancelRequested();
    if (m_state == State::Waiting) {
        m_state = State::Cancelled;
        emit finished(m_state, tr("Cancelled before it started."));
    }
}

qint64 BackgroundJob::elapsedMs() const
{
    if (m_finishedAfterMs >= 0)
        return m_finishedAfterMs;
    return m_clock.isValid() ? m_clock.elapsed() : 0;
}

void BackgroundJob::reportProgress(qint64 done, qint64 total, const QString& detail, bool force)
{
    const qint64 now = m_clock.elapsed();
    if (!force && now - m_lastReportMs.load(std::memory_order_relaxed) < 100)
        return;
    m_lastReportMs = now;
    QMetaObject::invokeMethod(
        this,
        [this, done, total, detail] {
            m_done = done;
            m_total = total;
            m_detail = detail;
            emit progressChanged(done, total, detail);
        },
        Qt::QueuedConnection);
}

void BackgroundJob::onThreadFinished()
{
    m_finishedAfterMs = m_clock.elapsed();
    if (m_cancel)
        m_state = State::Cancelled;
    else
        m_state = m_ok ? State::Succeeded : State::Failed;
    emit finished(m_state, m_message);
}

} // namespace pdnsw
