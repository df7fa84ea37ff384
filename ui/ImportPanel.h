#pragma once

#include <QWidget>

class QLabel;
class QLineEdit;
class QTableView;

namespace pdnsw {

class CaseWorker;
class JobManager;
class JobListWidget;
class LiveCaptureBar;
class SourceColourProxy;
class SourcesModel;
class TableFilterProxy;

// The Capture / Import dock: add files or capture live on an interface, the session's jobs with progress and Cancel,
// and every source of the case with its SHA-256, packets, DNS messages or lines, records, errors (double-click to read
// them) and elapsed time.
class ImportPanel : public QWidget
{
    Q_OBJECT
public:
    ImportPanel(CaseWorker* worker, JobManager* jobs, QWidget* parent = nullptr);

    void reload();
    void clear();
    SourcesModel* model() const { return m_model; }
    SourceColourProxy* colours() const { return m_colours; }
    QTableView* view() const { return m_view; }
    LiveCaptureBar* captureBar() const { return m_capture; }
    // The case live captures write into (empty: none open).
    void setCase(const QString& path);

    // Shows the stored errors of a source in a dialog (also used by tests).
    void showErrors(qint64 sourceId);

signals:
    void addFilesRequested();
    void sourcesLoaded();

private:
    CaseWorker* m_worker;
    JobManager* m_jobs;
    SourcesModel* m_model;
    SourceColourProxy* m_colours;
    TableFilterProxy* m_proxy;
    QTableView* m_view;
    JobListWidget* m_jobList;
    LiveCaptureBar* m_capture;
    QLineEdit* m_filter;
};

} // namespace pdnsw
