#pragma once

#include <QHash>
#include <QWidget>

class QVBoxLayout;

namespace pdnsw {

class BackgroundJob;
class JobManager;

// One row per job of the session: title, what it is doing, a progress bar, elapsed time and Cancel; a finished
// job keeps its row with the outcome until "Clear finished".
class JobListWidget : public QWidget
{
    Q_OBJECT
public:
    explicit JobListWidget(JobManager* manager, QWidget* parent = nullptr);

    QWidget* rowOf(const BackgroundJob* job) const { return m_rows.value(job); }

private:
    void addRow(BackgroundJob* job);
    void removeRow(BackgroundJob* job);

    JobManager* m_manager;
    QVBoxLayout* m_rowsLayout;
    QHash<const BackgroundJob*, QWidget*> m_rows;
};

} // namespace pdnsw
