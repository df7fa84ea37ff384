#include "ui/jobs/JobManager.h"

namespace pdnsw {

JobManager::JobManager(QObject* parent)
    : QObject(parent)
{
}

JobManager::~JobManager()
{
    // Cancel everything first so the jobs stop in parallel, then let each destructor wait for its thread.
    cancelAll();
    qDeleteAll(m_jobs);
}

void JobManager::add(BackgroundJob* job)
{
    job->setParent(this);
    m_jobs.append(job);
    connect(job, &BackgroundJob::progressChanged, this, &JobManager::progressChanged);
    connect(job, &BackgroundJob::finished, this, [this, job] {
        emit jobFinished(job);
        emit activeCountChanged(activeCount());
        emit progressChanged();
    });
    emit jobAdded(job);
    job->start();
    emit activeCountChanged(activeCount());
}

void JobManager::cancelAll()
{
    for (BackgroundJob* job : std::as_const(m_jobs)) {
        if (job->isActive())
            job->cancel();
    }
}

void JobManager::dismissFinished()
{
    for (qsizetype i = m_jobs.size() - 1; i >= 0; --i) {
        BackgroundJob* job = m_jobs.at(i);
        if (!job->isActive()) {
            m_jobs.removeAt(i);
            emit jobRemoved(job);
            job->deleteLater();
        }
    }
}

int JobManager::activeCount() const
{
    int n = 0;
    for (const BackgroundJob* job : m_jobs)
        n += job->isActive() ? 1 : 0;
    return n;
}

int JobManager::overallPerMille() const
{
    qint64 done = 0, total = 0;
    for (const BackgroundJob* job : m_jobs) {
        if (!job->isActive())
            continue;
        if (job->total() <= 0)
            return -1;
        done += std::min(job->done(), job->total());
        total += job->total();
    }
    return total > 0 ? int(done * 1000 / total) : -1;
}

} // namespace pdnsw
