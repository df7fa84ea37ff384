#pragma once

#include "ui/jobs/BackgroundJob.h"

#include <QList>
#include <QObject>

namespace pdnsw {

// Owns the window's long tasks: starts them, keeps the finished ones for the panel until dismissed, and sums
// their progress for the status bar.
class JobManager : public QObject
{
    Q_OBJECT
public:
    explicit JobManager(QObject* parent = nullptr);
    ~JobManager() override;

    // Takes ownership and starts the job.
    void add(BackgroundJob* job);
    void cancelAll();
    void dismissFinished();
    const QList<BackgroundJob*>& jobs() const { return m_jobs; }
    int activeCount() const;
    // Overall progress of the running jobs in per mille, or -1 when unknown (busy indicator).
    int overallPerMille() const;

signals:
    void jobAdded(pdnsw::BackgroundJob* job);
    void jobRemoved(pdnsw::BackgroundJob* job);
    void jobFinished(pdnsw::BackgroundJob* job);
    void activeCountChanged(int count);
    void progressChanged();

private:
    QList<BackgroundJob*> m_jobs;
};

} // namespace pdnsw
