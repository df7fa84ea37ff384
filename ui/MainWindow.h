#pragma once

#include "capture/logs/PassiveDnsLayout.h"
#include "models/CaseReader.h"

#include <QColor>
#include <QHash>
#include <QMainWindow>
#include <QStringList>

#include <atomic>
#include <memory>
#include <optional>

class QAction;
class QDockWidget;
class QLabel;
class QMenu;
class QProgressBar;
class QToolButton;

namespace pdnsw {

class CaseWorker;
class DetailsPanel;
class GraphView;
class TimelineView;
class ImportPanel;
class JobManager;
class NamesPanel;
class NotesPanel;
class ProviderPanel;
class QueryLogPanel;
struct NowAnswer;

// The workbench window over one case file: docks for names, details, notes, the query log and capture/import;
// menus, toolbar, status bar, recent cases, drag and drop. Every query runs on the CaseWorker's thread and every
// long task as a BackgroundJob, so the window only draws and reacts.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    // The first names and addresses shown at once when a case opens, of each kind, while the whole list is read.
    static constexpr int kFirstNames = 1000;

    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // Opens (or creates) the case off the GUI thread; caseOpened or caseOpenFailed follows. Files queued with
    // importAfterOpen are imported once it is open.
    void openCase(const QString& path, bool createIfMissing);
    // Stops the open under way (the check of a big case): nothing is opened and the file is left unchanged. The
    // status bar's Stop button, shown while a check takes a while.
    void stopOpening();
    void closeCase();
    // `passiveDnsLayout`: passivedns text logs among them were written with these -f/-d settings.
    void importFiles(const QStringList& paths, const std::optional<PassiveDnsLayout>& passiveDnsLayout = std::nullopt);
    void importAfterOpen(const QStringList& paths) { m_pendingImports = paths; }
    // Reloads every panel from the case (F5).
    void refresh();

    const QString& casePath() const { return m_casePath; }
    const CaseCounts& counts() const { return m_counts; }
    const QHash<qint64, QColor>& sourceColours() const { return m_sourceColours; }
    CaseWorker* worker() const { return m_worker; }
    JobManager* jobs() const { return m_jobs; }
    NamesPanel* namesPanel() const { return m_names; }
    DetailsPanel* detailsPanel() const { return m_details; }
    NotesPanel* notesPanel() const { return m_notes; }
    QueryLogPanel* queryLogPanel() const { return m_queryLog; }
    ImportPanel* importPanel() const { return m_import; }
    TimelineView* timelineView() const { return m_timeline; }
    GraphView* graphView() const { return m_graph; }
    ProviderPanel* providerPanel() const { return m_providers; }
    // File > Export...: the dialog over the open case (also used by tests); null when no case is open.
    class ExportDialog* showExportDialog();
    // Opens the hosts override dialog for a name at a time (empty: the default choice).
    void showHostsOverride(const QString& name, std::optional<qint64> at);
    QDockWidget* dock(const QString& objectName) const;

signals:
    void caseOpened(const QString& path);
    void caseOpenFailed(const QString& path, const QString& message);
    void caseClosed();
    // A refresh's queries have all been answered (tests wait on it).
    void refreshed();

protected:
    void closeEvent(QCloseEvent* event) override;
    void showEvent(QShowEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void createDocks();
    void createActions();
    void createMenus();
    void createToolBar();
    void createStatusBar();
    void restoreLayout();
    void saveLayout();
    void resetLayout();
    void sizeDocksToWindow();
    void updateTitle();
    void updateActions();
    void updateHostsAction();
    void updateRecentMenu();
    void updateStatus();
    void updateJobProgress();
    void loadCounts();
    // The first entries of the name list at once (a case just opened), then the whole list; `completeList` is
    // set on the worker when the first entries were all of them.
    void loadFirstNames(const std::shared_ptr<bool>& completeList);
    void loadNames(const std::shared_ptr<bool>& completeList = {});
    void loadDetails(const QString& name, bool isAddress);
    void onSourcesLoaded();
    void showError(const QString& title, const QString& message);
    void refreshOrRequery();
    void queryProviders(const QString& name);
    void onProviderRunFinished(const QString& question);
    void applyNowAnswer(const NowAnswer& answer);

    void newCase();
    void openCaseDialog();
    void importDialog();
    void importPassiveDnsDialog();
    void copySelection();
    void showCaseInfo();
    void checkIntegrity();
    void showAbout();
    void showShortcuts();

    CaseWorker* m_worker;
    JobManager* m_jobs;
    QString m_casePath;
    QString m_caseTitle;
    CaseCounts m_counts;
    QStringList m_pendingImports;
    // Set to stop the open under way (its check) and drop its result: another case was opened, or the window closes.
    std::shared_ptr<std::atomic<bool>> m_openStop;
    QHash<qint64, QColor> m_sourceColours;
    int m_refreshPending = 0;
    QByteArray m_defaultState;
    bool m_layoutRestored = false;
    bool m_shownOnce = false;

    NamesPanel* m_names = nullptr;
    DetailsPanel* m_details = nullptr;
    NotesPanel* m_notes = nullptr;
    QueryLogPanel* m_queryLog = nullptr;
    ImportPanel* m_import = nullptr;
    TimelineView* m_timeline = nullptr;
    GraphView* m_graph = nullptr;
    ProviderPanel* m_providers = nullptr;
    QString m_pivotNode; // the graph node whose pivot is running: its answers join the graph
    std::optional<qint64> m_cursorTime; // the timeline's "as of" cursor, for the hosts override
    QList<QDockWidget*> m_docks;

    QAction* m_newAction = nullptr;
    QAction* m_openAction = nullptr;
    QAction* m_closeAction = nullptr;
    QAction* m_importAction = nullptr;
    QAction* m_importPassiveDnsAction = nullptr;
    QAction* m_quitAction = nullptr;
    QAction* m_copyAction = nullptr;
    QAction* m_findAction = nullptr;
    QAction* m_refreshAction = nullptr;
    QAction* m_resetLayoutAction = nullptr;
    QAction* m_caseInfoAction = nullptr;
    QAction* m_integrityAction = nullptr;
    QAction* m_addNoteAction = nullptr;
    QAction* m_cancelJobsAction = nullptr;
    QAction* m_hostsAction = nullptr;
    QAction* m_exportAction = nullptr;
    QAction* m_queryAction = nullptr;
    QAction* m_providerSettingsAction = nullptr;
    QMenu* m_recentMenu = nullptr;
    QMenu* m_viewMenu = nullptr;

    QLabel* m_caseLabel = nullptr;
    QLabel* m_countsLabel = nullptr;
    QLabel* m_busyLabel = nullptr;
    QProgressBar* m_jobProgress = nullptr;
    QToolButton* m_cancelJobs = nullptr;
    QToolButton* m_stopOpening = nullptr;
    QString m_openingName; // the file of the open under way, for the status bar
    bool m_checking = false; // the open under way is still being checked: Stop can end it
};

} // namespace pdnsw
