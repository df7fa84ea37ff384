#include "models/itemmodels/CaseWorker.h"

#include "models/itemmodels/CaseSession.h"

namespace pdnsw {

CaseWorker::CaseWorker(QObject* parent)
    : QObject(parent)
{
    m_thread.setObjectName(QStringLiteral("pdnsw-case-reader"));
    m_threadObject = new QObject;
    m_threadObject->moveToThread(&m_thread);
    m_thread.start();
}

CaseWorker::~CaseWorker()
{
    m_thread.quit();
    m_thread.wait();
    // The thread has stopped: nothing else touches the session or the thread object now; jobs still queued
    // for it are discarded with it.
    delete m_threadObject;
    m_session.reset();
}

void CaseWorker::runOnThread(std::function<void()> work)
{
    QMetaObject::invokeMethod(m_threadObject, std::move(work), Qt::QueuedConnection);
}

void CaseWorker::open(const QString& path, QObject* context, std::function<void(const CaseError&)> done)
{
    close();
    m_path = path;
    const quint64 generation = m_generation;
    QPointer<QObject> guard(context);
    if (m_pending++ == 0)
        emit busyChanged(true);
    runOnThread([this, path, guard, generation, done = std::move(done)]() mutable {
        CaseError error;
        m_session = CaseSession::open(path, &error);
        QMetaObject::invokeMethod(
            this,
            [this, guard, generation, error, done = std::move(done)] {
                if (generation == m_generation) {
                    if (error)
                        m_path.clear();
                    if (guard)
                        done(error);
                }
                jobFinished();
            },
            Qt::QueuedConnection);
    });
}

void CaseWorker::close()
{
    ++m_generation;
    if (m_path.isEmpty())
        return;
    m_path.clear();
    runOnThread([this] { m_session.reset(); });
}

void CaseWorker::post(Job job, const QString& coalesceKey)
{
    quint64 ticket = 0;
    if (!coalesceKey.isEmpty()) {
        QMutexLocker lock(&m_ticketsMutex);
        ticket = ++m_nextTicket;
        m_latestTicket.insert(coalesceKey, ticket);
    }
    if (m_pending++ == 0)
        emit busyChanged(true);
    // The job always reports back (jobFinished) so the pending count stays right, even when it is skipped.
    runOnThread([this, job = std::move(job), coalesceKey, ticket]() mutable {
        bool superseded = false;
        if (!coalesceKey.isEmpty()) {
            QMutexLocker lock(&m_ticketsMutex);
            superseded = m_latestTicket.value(coalesceKey) != ticket;
        }
        if (m_session && !superseded) {
            job(*m_session);
            return;
        }
        QMetaObject::invokeMethod(
            this, [this] { jobFinished(); }, Qt::QueuedConnection);
    });
}

void CaseWorker::jobFinished()
{
    if (--m_pending == 0)
        emit busyChanged(false);
}

} // namespace pdnsw
