#include "ui/MainWindow.h"

#include "models/CaseFile.h"
#include "models/DomainName.h"
#include "models/itemmodels/CaseSession.h"
#include "models/itemmodels/CaseWorker.h"
#include "models/itemmodels/NamesModel.h"
#include "models/itemmodels/ObservationsModel.h"
#include "models/itemmodels/SourcesModel.h"
#include "models/itemmodels/UntrustedText.h"
#include "ui/AsyncCall.h"
#include "ui/DetailsPanel.h"
#include "ui/HostsOverrideDialog.h"
#include "ui/Icons.h"
#include "ui/ImportPanel.h"
#include "ui/NamesPanel.h"
#include "ui/NotesPanel.h"
#include "ui/PassiveDnsLayoutDialog.h"
#include "ui/QueryLogPanel.h"
#include "ui/RecentCases.h"
#include "ui/SourceColourProxy.h"
#include "ui/TableViews.h"
#include "ui/capture/LiveCaptureBar.h"
#include "ui/export/ExportDialog.h"
#include "ui/graph/GraphNeighbourhood.h"
#include "ui/graph/GraphView.h"
#include "ui/jobs/ExportJob.h"
#include "ui/jobs/ImportJob.h"
#include "ui/jobs/JobManager.h"
#include "ui/jobs/LiveCaptureJob.h"
#include "ui/providers/ProviderPanel.h"
#include "ui/timeline/SourceColours.h"
#include "ui/timeline/TimelineView.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QPointer>
#include <QProgressBar>
#include <QSettings>
#include <QStatusBar>
#include <QTableView>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>

namespace pdnsw {
namespace {

constexpr int kLayoutVersion = 2; // 2: Details under the timeline, Providers dock
const QString kCaseFilter = QStringLiteral("PDNS Workbench cases (*.pdnscase);;All files (*)");

QString casesDirectory()
{
    QSettings settings;
    return settings.value(QStringLiteral("lastDirectory")).toString();
}

void rememberDirectory(const QString& file)
{
    QSettings settings;
    settings.setValue(QStringLiteral("lastDirectory"), QFileInfo(file).absolutePath());
}

} // namespace

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent)
    , m_worker(new CaseWorker(this))
    , m_jobs(new JobManager(this))
{
    setObjectName(QStringLiteral("mainWindow"));
    setAcceptDrops(true);
    setDockOptions(QMainWindow::AnimatedDocks | QMainWindow::AllowNestedDocks | QMainWindow::AllowTabbedDocks);
    setDocumentMode(true);
    resize(1366, 768);

    createDocks();
    createActions();
    createMenus();
    createToolBar();
    createStatusBar();
    m_defaultState = saveState(kLayoutVersion);
    restoreLayout();

    connect(m_names, &NamesPanel::currentNameChanged, this, &MainWindow::loadDetails);
    connect(m_names, &NamesPanel::hostsOverrideRequested, this,
        [this](const QString& name) { showHostsOverride(name, std::nullopt); });
    connect(m_timeline, &TimelineView::cursorTimeChanged, this, [this](qint64 time) {
        m_cursorTime = time;
        m_graph->setTimeFilter(time);
    });
    connect(m_timeline, &TimelineView::hostsOverrideRequested, this,
        [this](const QString& name, qint64 time) { showHostsOverride(name, time); });
    connect(m_timeline, &TimelineView::observationSelected, this,
        [this](const SourcedObservation& o) { m_details->selectObservation(o.id); });
    // A record chosen in Details is outlined on the timeline, as a bar clicked there selects its row.
    connect(m_details, &DetailsPanel::observationSelected, this,
        [this](const SourcedObservation& o) { m_timeline->selectObservation(o.id); });
    connect(m_graph, &GraphView::nodeSelected, this, [this](const QString& node) { m_names->selectName(node); });
    connect(m_graph, &GraphView::pivotRequested, this, [this](const QString& node) {
        m_pivotNode = node;
        queryProviders(node);
    });
    connect(m_names, &NamesPanel::queryProvidersRequested, this, &MainWindow::queryProviders);
    connect(m_providers, &ProviderPanel::runFinished, this,
        [this](const QString& question, bool) { onProviderRunFinished(question); });
    connect(m_providers, &ProviderPanel::nowAnswered, this, &MainWindow::applyNowAnswer);
    connect(m_providers, &ProviderPanel::nowRecorded, this, [this] {
        loadCounts();
        loadNames();
        m_import->reload();
    });
    connect(m_providers, &ProviderPanel::errorOccurred, this, &MainWindow::showError);
    connect(m_graph, &GraphView::hostsOverrideRequested, this,
        [this](const QString& name, qint64 time) { showHostsOverride(name, time); });
    connect(m_notes, &NotesPanel::notesChanged, this, &MainWindow::loadCounts);
    connect(
        m_notes, &NotesPanel::errorOccurred, this, [this](const QString& message) { showError(tr("Notes"), message); });
    connect(m_import, &ImportPanel::addFilesRequested, this, &MainWindow::importDialog);
    connect(m_import, &ImportPanel::sourcesLoaded, this, &MainWindow::onSourcesLoaded);
    connect(m_worker, &CaseWorker::busyChanged, this,
        [this](bool busy) { m_busyLabel->setText(busy ? tr("querying\u2026") : QString()); });
    connect(m_jobs, &JobManager::progressChanged, this, &MainWindow::updateJobProgress);
    connect(m_jobs, &JobManager::activeCountChanged, this, &MainWindow::updateJobProgress);
    connect(m_jobs, &JobManager::jobFinished, this, [this](BackgroundJob* job) {
        if (auto* exportJob = qobject_cast<ExportJob*>(job)) {
            if (exportJob->state() == BackgroundJob::State::Succeeded)
                statusBar()->showMessage(tr("Exported: %1").arg(visibleText(exportJob->message(), 300)), 15000);
            else
                showError(tr("Export"), exportJob->message());
            return;
        }
        if (qobject_cast<LiveCaptureJob*>(job)) {
            refresh();
            return;
        }
        if (auto* import = qobject_cast<ImportJob*>(job)) {
            if (import->state() == BackgroundJob::State::Failed)
                statusBar()->showMessage(tr("Import failed: %1").arg(visibleText(import->message(), 300)), 10000);
            refresh();
        }
    });
    // While imports run, the counts and sources follow the committed batches.
    auto* followImports = new QTimer(this);
    followImports->setInterval(2000);
    connect(followImports, &QTimer::timeout, this, [this] {
        if (m_jobs->activeCount() > 0 && m_worker->isOpen()) {
            loadCounts();
            m_import->reload();
        }
    });
    followImports->start();

    updateTitle();
    updateActions();
    updateStatus();
    updateJobProgress();
}

MainWindow::~MainWindow()
{
    // Stop the jobs before the panels that show them go away.
    m_jobs->cancelAll();
}

QDockWidget* MainWindow::dock(const QString& objectName) const
{
    for (QDockWidget* d : m_docks) {
        if (d->objectName() == objectName)
            return d;
    }
    return nullptr;
}

void MainWindow::createDocks()
{
    m_names = new NamesPanel(this);
    m_details = new DetailsPanel(this);
    m_notes = new NotesPanel(m_worker, this);
    m_queryLog = new QueryLogPanel(m_worker, this);
    m_import = new ImportPanel(m_worker, m_jobs, this);
    m_timeline = new TimelineView(this);
    m_graph = new GraphView(this);
    m_providers = new ProviderPanel(this);

    auto addDock = [this](QWidget* widget, const QString& title, const char* name, Qt::DockWidgetArea area) {
        auto* d = new QDockWidget(title, this);
        d->setObjectName(QString::fromLatin1(name));
        d->setWidget(widget);
        d->setFeatures(
            QDockWidget::DockWidgetClosable | QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable);
        addDockWidget(area, d);
        m_docks.append(d);
        return d;
    };
    addDock(m_names, tr("Names / addresses"), "namesDock", Qt::LeftDockWidgetArea);
    QDockWidget* timeline = addDock(m_timeline, tr("Timeline"), "timelineDock", Qt::RightDockWidgetArea);
    QDockWidget* details = addDock(m_details, tr("Details"), "detailsDock", Qt::RightDockWidgetArea);
    splitDockWidget(timeline, details, Qt::Vertical);
    QDockWidget* import = addDock(m_import, tr("Capture / Import"), "importDock", Qt::BottomDockWidgetArea);
    QDockWidget* providers = addDock(m_providers, tr("Providers"), "providersDock", Qt::BottomDockWidgetArea);
    QDockWidget* graph = addDock(m_graph, tr("Graph"), "graphDock", Qt::BottomDockWidgetArea);
    QDockWidget* log = addDock(m_queryLog, tr("Query log"), "queryLogDock", Qt::BottomDockWidgetArea);
    QDockWidget* notes = addDock(m_notes, tr("Notes"), "notesDock", Qt::BottomDockWidgetArea);
    tabifyDockWidget(import, providers);
    tabifyDockWidget(providers, graph);
    tabifyDockWidget(graph, log);
    tabifyDockWidget(log, notes);
    import->raise();
}

void MainWindow::createActions()
{
    auto make = [this](const QString& text, const char* icon, const QKeySequence& shortcut, auto slot) {
        auto* a = new QAction(pdnsw::icon(QString::fromLatin1(icon)), text, this);
        if (!shortcut.isEmpty())
            a->setShortcut(shortcut);
        connect(a, &QAction::triggered, this, slot);
        return a;
    };
    m_newAction = make(tr("&New case\u2026"), "new", QKeySequence::New, &MainWindow::newCase);
    m_openAction = make(tr("&Open case\u2026"), "open", QKeySequence::Open, &MainWindow::openCaseDialog);
    m_closeAction = make(tr("&Close case"), "close", QKeySequence::Close, &MainWindow::closeCase);
    m_importAction
        = make(tr("&Import files\u2026"), "import", QKeySequence(Qt::CTRL | Qt::Key_I), &MainWindow::importDialog);
    m_importAction->setStatusTip(tr("Import Zeek dns.log, passivedns or COF files into the case"));
    m_importPassiveDnsAction = make(tr("Import passivedns log with its own &fields\u2026"), "import", QKeySequence(),
        &MainWindow::importPassiveDnsDialog);
    m_importPassiveDnsAction->setStatusTip(tr("Import passivedns text logs of a sensor run with -f or -d"));
    m_quitAction = make(tr("&Quit"), "quit", QKeySequence::Quit, &QWidget::close);
    m_copyAction = make(
        tr("&Copy selected rows"), "copy", QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C), &MainWindow::copySelection);
    m_findAction = make(tr("&Find name\u2026"), "find", QKeySequence::Find, [this] {
        if (QDockWidget* d = dock(QStringLiteral("namesDock"))) {
            d->show();
            d->raise();
        }
        m_names->focusFilter();
    });
    m_refreshAction = make(tr("&Refresh"), "refresh", QKeySequence(Qt::Key_F5), &MainWindow::refreshOrRequery);
    m_refreshAction->setStatusTip(
        tr("Run every query of the window again (F5); in the Providers dock, ask the services again"));
    m_exportAction
        = make(tr("&Export\u2026"), "export", QKeySequence(Qt::CTRL | Qt::Key_E), [this] { showExportDialog(); });
    m_exportAction->setStatusTip(tr("Export evidence: STIX 2.1, MISP, CSV, JSON, COF, graphs, HTML/PDF report"));
    m_queryAction = make(tr("&Query providers\u2026"), "query", QKeySequence(Qt::CTRL | Qt::Key_K), [this] {
        if (QDockWidget* d = dock(QStringLiteral("providersDock"))) {
            d->show();
            d->raise();
        }
        const QString name = m_names->currentName();
        if (!name.isEmpty() && m_providers->queryEdit()->text().isEmpty())
            m_providers->queryEdit()->setText(name);
        m_providers->queryEdit()->setFocus(Qt::ShortcutFocusReason);
        m_providers->queryEdit()->selectAll();
    });
    m_queryAction->setStatusTip(tr("Ask the online passive DNS services about a name, an address or a CIDR"));
    m_providerSettingsAction
        = make(tr("&Provider settings\u2026"), "settings", QKeySequence(), [this] { m_providers->openSettings(); });
    m_resetLayoutAction = make(tr("Reset &layout"), "layout", QKeySequence(), &MainWindow::resetLayout);
    m_caseInfoAction = make(tr("Case &information\u2026"), "info", QKeySequence(), &MainWindow::showCaseInfo);
    m_integrityAction = make(tr("Check &integrity"), "check", QKeySequence(), &MainWindow::checkIntegrity);
    m_addNoteAction = make(tr("Add &note on the selection"), "note", QKeySequence(Qt::CTRL | Qt::Key_M), [this] {
        if (QDockWidget* d = dock(QStringLiteral("notesDock"))) {
            d->show();
            d->raise();
        }
        m_notes->newNote();
        m_notes->editor()->setFocus();
    });
    m_hostsAction = make(tr("&Hosts override\u2026"), "hosts", QKeySequence(Qt::CTRL | Qt::Key_H), [this] {
        const QString name = m_names->currentName();
        if (name.isEmpty() || m_names->currentIsAddress()) {
            showError(tr("Hosts override"), tr("Select a name in the Names list first."));
            return;
        }
        showHostsOverride(name, m_cursorTime);
    });
    m_hostsAction->setStatusTip(tr("Pin the selected name to the address it had at the timeline's cursor"));
    m_hostsAction->setObjectName(QStringLiteral("hostsOverrideAction"));
    m_cancelJobsAction = make(tr("Cancel all &tasks"), "cancel", QKeySequence(), [this] { m_jobs->cancelAll(); });
}

void MainWindow::createMenus()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_newAction);
    file->addAction(m_openAction);
    m_recentMenu = file->addMenu(tr("Open &recent"));
    file->addAction(m_closeAction);
    file->addSeparator();
    file->addAction(m_importAction);
    file->addAction(m_importPassiveDnsAction);
    file->addAction(m_exportAction);
    file->addSeparator();
    file->addAction(m_quitAction);
    connect(m_recentMenu, &QMenu::aboutToShow, this, &MainWindow::updateRecentMenu);
    updateRecentMenu();

    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    edit->addAction(m_copyAction);
    edit->addAction(m_findAction);

    m_viewMenu = menuBar()->addMenu(tr("&View"));
    for (QDockWidget* d : std::as_const(m_docks))
        m_viewMenu->addAction(d->toggleViewAction());
    m_viewMenu->addSeparator();
    m_viewMenu->addAction(m_refreshAction);
    m_viewMenu->addAction(m_resetLayoutAction);

    QMenu* caseMenu = menuBar()->addMenu(tr("&Case"));
    caseMenu->addAction(m_addNoteAction);
    caseMenu->addSeparator();
    caseMenu->addAction(m_caseInfoAction);
    caseMenu->addAction(m_integrityAction);

    QMenu* tools = menuBar()->addMenu(tr("&Tools"));
    tools->addAction(m_queryAction);
    tools->addAction(m_hostsAction);
    tools->addSeparator();
    tools->addAction(m_providerSettingsAction);
    tools->addSeparator();
    tools->addAction(m_cancelJobsAction);

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&Keyboard shortcuts"), this, &MainWindow::showShortcuts);
    help->addAction(tr("&About PDNS Workbench"), this, &MainWindow::showAbout);
}

void MainWindow::createToolBar()
{
    QToolBar* bar = addToolBar(tr("Main"));
    bar->setObjectName(QStringLiteral("mainToolBar"));
    bar->setMovable(false);
    bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    bar->addAction(m_openAction);
    bar->addAction(m_importAction);
    bar->addAction(m_exportAction);
    bar->addAction(m_refreshAction);
    bar->addSeparator();
    bar->addAction(m_queryAction);
    bar->addAction(m_hostsAction);
}

void MainWindow::createStatusBar()
{
    m_caseLabel = new QLabel(this);
    m_countsLabel = new QLabel(this);
    m_busyLabel = new QLabel(this);
    for (QLabel* l : {m_caseLabel, m_countsLabel, m_busyLabel})
        l->setTextFormat(Qt::PlainText);
    m_busyLabel->setForegroundRole(QPalette::PlaceholderText);
    m_jobProgress = new QProgressBar(this);
    m_jobProgress->setMaximumWidth(200);
    m_jobProgress->setMaximumHeight(statusBar()->fontMetrics().height() + 4);
    m_jobProgress->setTextVisible(false);
    m_cancelJobs = new QToolButton(this);
    m_cancelJobs->setDefaultAction(m_cancelJobsAction);
    m_cancelJobs->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_cancelJobs->setText(tr("Cancel"));
    statusBar()->addWidget(m_caseLabel);
    statusBar()->addWidget(m_countsLabel, 1);
    statusBar()->addPermanentWidget(m_busyLabel);
    statusBar()->addPermanentWidget(m_jobProgress);
    statusBar()->addPermanentWidget(m_cancelJobs);
    m_stopOpening = new QToolButton(this);
    m_stopOpening->setObjectName(QStringLiteral("stopOpening"));
    m_stopOpening->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_stopOpening->setText(tr("Stop"));
    m_stopOpening->setToolTip(tr("Stop opening this case; the file is left as it is"));
    m_stopOpening->hide();
    connect(m_stopOpening, &QToolButton::clicked, this, &MainWindow::stopOpening);
    statusBar()->addPermanentWidget(m_stopOpening);
}

void MainWindow::stopOpening()
{
    if (!m_checking || !m_openStop)
        return;
    m_checking = false;
    m_openStop->store(true);
    m_stopOpening->hide();
    statusBar()->showMessage(
        tr("Stopped opening %1; the file was left unchanged.").arg(visibleText(m_openingName, 200)), 15000);
}

void MainWindow::restoreLayout()
{
    QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    m_layoutRestored = restoreState(settings.value(QStringLiteral("window/state")).toByteArray(), kLayoutVersion);
}

void MainWindow::sizeDocksToWindow()
{
    // The timeline is the centre of the work: it gets the whole width beside the names, with the Details table
    // under it (eight columns would be cut off in a dock beside it), and the tabbed panels below take about a
    // third of the height.
    const int w = width();
    const int h = height();
    QDockWidget* names = dock(QStringLiteral("namesDock"));
    QDockWidget* timeline = dock(QStringLiteral("timelineDock"));
    QDockWidget* details = dock(QStringLiteral("detailsDock"));
    resizeDocks({names, dock(QStringLiteral("importDock"))}, {h * 68 / 100, h * 28 / 100}, Qt::Vertical);
    resizeDocks({names, timeline}, {w * 24 / 100, w * 76 / 100}, Qt::Horizontal);
    resizeDocks({timeline, details}, {h * 42 / 100, h * 24 / 100}, Qt::Vertical);
}

void MainWindow::showEvent(QShowEvent* event)
{
    QMainWindow::showEvent(event);
    if (!m_shownOnce && !m_layoutRestored)
        QTimer::singleShot(0, this, &MainWindow::sizeDocksToWindow);
    m_shownOnce = true;
}

void MainWindow::saveLayout()
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState(kLayoutVersion));
}

void MainWindow::resetLayout()
{
    for (QDockWidget* d : std::as_const(m_docks)) {
        d->setFloating(false);
        d->show();
    }
    restoreState(m_defaultState, kLayoutVersion);
    sizeDocksToWindow();
}

void MainWindow::openCase(const QString& path, bool createIfMissing)
{
    closeCase();
    const QString absolute = QFileInfo(path).absoluteFilePath();
    statusBar()->showMessage(tr("Opening %1\u2026").arg(absolute));
    struct Opened
    {
        CaseError error;
        QString title;
    };
    // Creating, migrating and quick_check-ing a case can take a while on a big file: not on the GUI thread.
    CaseFile::Options options;
    // The check reads the whole file, for minutes from a cold disk: it says how far it is, and stops when the
    // analyst presses Stop, opens another case or closes the window.
    const auto stop = std::make_shared<std::atomic<bool>>(false);
    m_openStop = stop;
    m_openingName = QFileInfo(absolute).fileName();
    m_checking = true;
    // Checking or upgrading a big case takes seconds: the status bar says which step it is in. `offerStop`: the
    // step has taken long enough for the Stop button (a small case's check would only flash it).
    const auto showStep = [window = QPointer<MainWindow>(this), stop](const QString& step, bool offerStop) {
        QMetaObject::invokeMethod(
            qApp,
            [window, stop, step, offerStop] {
                if (!window || stop->load())
                    return;
                window->statusBar()->showMessage(step);
                if (offerStop)
                    window->m_stopOpening->show();
            },
            Qt::QueuedConnection);
    };
    options.onLongStep = [showStep](const QString& step) { showStep(step, false); };
    options.onCheckProgress = [showStep, stop, name = m_openingName, last = QString(), calls = 0](
                                  qint64 pagesRead, qint64 pageCount) mutable {
        if (stop->load())
            return false;
        const QString text = tr("Checking %1 before use: %2")
                                 .arg(visibleText(name, 200), CaseFile::checkProgressText(pagesRead, pageCount));
        // Told at once and then every 100 ms: the third call is 200 ms into the check.
        const bool offerStop = ++calls == 3;
        if (text != last || offerStop)
            showStep(last = text, offerStop);
        return true;
    };
    runAsync<Opened>(
        this,
        [absolute, createIfMissing, options] {
            Opened opened;
            auto file = CaseFile::open(absolute,
                createIfMissing ? CaseFile::Mode::CreateIfMissing : CaseFile::Mode::OpenExisting, options,
                &opened.error);
            if (file)
                opened.title = file->title();
            return opened;
        },
        [this, absolute, stop](Opened opened) {
            if (stop == m_openStop) {
                m_checking = false;
                m_stopOpening->hide();
            }
            if (stop->load())
                return; // stopped, or another case was asked for meanwhile: its result, even an error, is not wanted
            auto fail = [this, absolute](const QString& message) {
                statusBar()->clearMessage();
                showError(tr("Cannot open case"), message);
                emit caseOpenFailed(absolute, message);
            };
            if (opened.error)
                return fail(opened.error.message);
            m_worker->open(absolute, this, [this, absolute, title = opened.title, fail, stop](const CaseError& error) {
                if (stop->load())
                    return;
                if (error)
                    return fail(error.message);
                m_casePath = absolute;
                m_caseTitle = title;
                m_providers->setCase(absolute);
                m_import->setCase(absolute);
                rememberDirectory(absolute);
                RecentCases::add(absolute);
                statusBar()->clearMessage();
                updateTitle();
                updateActions();
                refresh();
                emit caseOpened(absolute);
                const QStringList pending = std::exchange(m_pendingImports, {});
                if (!pending.isEmpty())
                    importFiles(pending);
            });
        });
}

void MainWindow::closeCase()
{
    if (m_openStop)
        m_openStop->store(true);
    // Imports write through their own connection into this case; stop them with it.
    m_jobs->cancelAll();
    m_worker->close();
    m_providers->setCase({});
    m_import->setCase({});
    m_pivotNode.clear();
    const bool wasOpen = !m_casePath.isEmpty();
    m_casePath.clear();
    m_caseTitle.clear();
    m_counts = {};
    m_sourceColours.clear();
    m_names->clear();
    m_details->clear();
    m_timeline->clear();
    m_graph->clear();
    m_cursorTime.reset();
    m_notes->setSubject({});
    m_queryLog->clear();
    m_import->clear();
    updateTitle();
    updateActions();
    updateStatus();
    if (wasOpen)
        emit caseClosed();
}

void MainWindow::importFiles(const QStringList& paths, const std::optional<PassiveDnsLayout>& passiveDnsLayout)
{
    if (m_casePath.isEmpty()) {
        showError(tr("Import"), tr("Open or create a case first (File > New case or Open case), then import."));
        return;
    }
    // Bad ports stop the captures among the files, each job saying why; the logs are imported all the same.
    QString error;
    const auto capture = m_import->captureBar()->captureOptions(&error);
    for (const QString& path : paths) {
        auto* job = new ImportJob(
            m_casePath, QFileInfo(path).absoluteFilePath(), passiveDnsLayout, capture.value_or(CaptureOptions{}));
        if (!capture)
            job->setCaptureOptionsError(error);
        m_jobs->add(job);
    }
    if (QDockWidget* d = dock(QStringLiteral("importDock"))) {
        d->show();
        d->raise();
    }
}

void MainWindow::refresh()
{
    if (!m_worker->isOpen())
        return;
    // The worker runs queries one after the other: the small ones first, so the sources, notes and the
    // selection's records show at once, not after the name list of a big case (seconds at 10 M records).
    // A case just opened shows the first names at once, read in name order through the indexes; with fewer
    // entries than that they are the whole list, and the slow query is skipped.
    const auto completeList = std::make_shared<bool>(false); // touched on the worker thread only
    if (m_names->isEmpty())
        loadFirstNames(completeList);
    loadCounts();
    m_import->reload();
    m_notes->reload();
    m_queryLog->reload();
    loadDetails(m_names->currentName(), m_names->currentIsAddress());
    loadNames(completeList);
    // The worker answers in order: when this one is delivered, every query above has been.
    m_worker->run<bool>(
        this, [](CaseSession&) { return true; }, [this](bool) { emit refreshed(); });
}

void MainWindow::loadCounts()
{
    if (!m_worker->isOpen())
        return;
    m_worker->run<CaseCounts>(
        this, [](CaseSession& s) { return s.reader().counts(); },
        [this](CaseCounts counts) {
            m_counts = counts;
            updateStatus();
        },
        QStringLiteral("counts"));
}

void MainWindow::loadFirstNames(const std::shared_ptr<bool>& completeList)
{
    NameFilter filter;
    filter.includeAddresses = true;
    filter.limit = kFirstNames;
    const int column = m_names->sortColumn();
    const Qt::SortOrder order = m_names->sortOrder();
    struct First
    {
        NameList entries;
        bool complete = false;
    };
    m_worker->run<First>(
        this,
        [filter, column, order, completeList](CaseSession& s) {
            First first;
            qsizetype names = 0;
            s.reader().forEachName(filter, [&](const NameEntry& e) {
                first.entries.append(e);
                names += e.isAddress ? 0 : 1;
                return true;
            });
            // The limit holds for names and for addresses: fewer of each is everything.
            first.complete = names < kFirstNames && first.entries.size() - names < kFirstNames;
            *completeList = first.complete;
            NamesModel::sortEntries(first.entries, column, order);
            return first;
        },
        [this, column, order](First first) {
            if (first.complete)
                m_names->setEntries(std::move(first.entries), column, order);
            else
                m_names->showFirstEntries(std::move(first.entries), column, order);
        },
        QStringLiteral("first names"));
}

void MainWindow::loadNames(const std::shared_ptr<bool>& completeList)
{
    NameFilter filter;
    filter.includeAddresses = true;
    const int column = m_names->sortColumn();
    const Qt::SortOrder order = m_names->sortOrder();
    m_names->showQuerying();
    m_worker->run<std::optional<NameList>>(
        this,
        [filter, column, order, completeList](CaseSession& s) -> std::optional<NameList> {
            if (completeList && *completeList)
                return std::nullopt; // the first names were all of them
            // Packed as they are read: the list of a big case never exists as NameEntry values.
            NameList entries;
            s.reader().forEachName(filter, [&entries](const NameEntry& e) {
                entries.append(e);
                return true;
            });
            NamesModel::sortEntries(entries, column, order);
            return entries;
        },
        [this, column, order](std::optional<NameList> entries) {
            if (entries)
                m_names->setEntries(std::move(*entries), column, order);
        },
        QStringLiteral("names"));
}

void MainWindow::loadDetails(const QString& name, bool isAddress)
{
    m_notes->setSubject(name);
    updateHostsAction();
    if (name.isEmpty()) {
        m_details->clear();
        m_timeline->clear();
        m_graph->clear();
        m_cursorTime.reset();
        return;
    }
    // The selection's records, and for the graph its neighbourhood, bounded: the names that share its addresses.
    struct Loaded
    {
        QList<SourcedObservation> records;
        TimelineData timeline; // built here too: an address can have 200 000 names
        GraphNeighbourhood neighbourhood;
    };
    // The records come sorted as the Details table shows them.
    const int sortColumn = m_details->sortColumn();
    const Qt::SortOrder sortOrder = m_details->sortOrder();
    m_worker->run<Loaded>(
        this,
        [name, isAddress, sortColumn, sortOrder](CaseSession& s) {
            Loaded loaded;
            loaded.records = isAddress ? s.reader().reverse(name).value_or(QList<SourcedObservation>{})
                                       : s.reader().timeline(name);
            loaded.timeline
                = isAddress ? TimelineData::ofAddress(name, loaded.records) : TimelineData(name, loaded.records);
            loaded.neighbourhood = isAddress ? GraphNeighbourhood::ofAddress(name, loaded.records)
                                             : GraphNeighbourhood::ofName(s.reader(), name, loaded.records);
            ObservationsModel::sortRows(loaded.records, sortColumn, sortOrder);
            return loaded;
        },
        [this, name, isAddress, sortColumn, sortOrder](Loaded loaded) {
            m_graph->setObservations(loaded.neighbourhood.observations(), loaded.neighbourhood.note());
            m_graph->selectNode(name);
            m_timeline->setTimelineData(std::move(loaded.timeline), m_sourceColours);
            if (!isAddress) {
                if (const auto now = m_providers->nowAnswer(name))
                    m_timeline->setNowAnswer(now->records, now->askedAt);
            }
            m_cursorTime = m_timeline->cursorTime();
            if (!m_cursorTime)
                m_graph->clearTimeFilter(); // nothing dated: every edge, not those of the last selection's cursor
            m_details->setObservations(name, isAddress, std::move(loaded.records), sortColumn, sortOrder);
        },
        QStringLiteral("details"));
}

void MainWindow::refreshOrRequery()
{
    // F5 in the Providers dock asks the services again; anywhere else it reloads the window's queries.
    QWidget* focus = QApplication::focusWidget();
    if (focus && m_providers->isAncestorOf(focus) && !m_providers->queryEdit()->text().trimmed().isEmpty()) {
        m_providers->requery();
        return;
    }
    refresh();
}

void MainWindow::queryProviders(const QString& name)
{
    if (QDockWidget* d = dock(QStringLiteral("providersDock"))) {
        d->show();
        d->raise();
    }
    m_providers->query(name);
}

void MainWindow::onProviderRunFinished(const QString& question)
{
    refresh();
    if (question.isEmpty() || question != m_pivotNode)
        return;
    // A graph pivot: what the case now knows about the node joins the graph beside what is already there.
    m_pivotNode.clear();
    const bool isAddress = looksLikeAddress(question);
    m_worker->run<GraphNeighbourhood>(
        this,
        [question, isAddress](CaseSession& s) {
            return GraphNeighbourhood::ofPivot(question, isAddress,
                isAddress ? s.reader().reverse(question).value_or(QList<SourcedObservation>{})
                          : s.reader().timeline(question));
        },
        [this](const GraphNeighbourhood& pivot) { m_graph->addObservations(pivot.observations(), pivot.note()); });
}

void MainWindow::applyNowAnswer(const NowAnswer& answer)
{
    if (m_timeline->data().name() == answer.name && !m_timeline->data().isAddress())
        m_timeline->setNowAnswer(answer.records, answer.askedAt);
}

ExportDialog* MainWindow::showExportDialog()
{
    if (m_casePath.isEmpty())
        return nullptr;
    auto* dialog = new ExportDialog(m_casePath, m_import->model()->sources(), m_names->currentName(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ExportDialog::exportRequested, this, [this](const CaseExportRequest& request) {
        m_jobs->add(new ExportJob(request));
        if (QDockWidget* d = dock(QStringLiteral("importDock"))) {
            d->show();
            d->raise();
        }
    });
    dialog->open();
    return dialog;
}

void MainWindow::showHostsOverride(const QString& name, std::optional<qint64> at)
{
    if (!m_worker->isOpen() || name.isEmpty())
        return;
    auto* dialog = new HostsOverrideDialog(m_worker, name, at, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
}

void MainWindow::onSourcesLoaded()
{
    // One colour per source, in the order the sources were added, so colours stay put as the case grows.
    QList<qint64> ids;
    for (const SourceInfo& s : m_import->model()->sources())
        ids.append(s.id);
    std::sort(ids.begin(), ids.end());
    m_sourceColours.clear();
    for (int i = 0; i < ids.size(); ++i)
        m_sourceColours.insert(ids.at(i), defaultSourceColour(i));
    m_details->setSourceColours(m_sourceColours);
    m_timeline->setSourceColours(m_sourceColours);
    m_import->colours()->setColours(m_sourceColours);
}

void MainWindow::updateTitle()
{
    if (m_casePath.isEmpty()) {
        setWindowTitle(tr("PDNS Workbench"));
        setWindowFilePath({});
        return;
    }
    setWindowTitle(tr("%1 - PDNS Workbench").arg(visibleText(QFileInfo(m_casePath).fileName(), 120)));
}

void MainWindow::updateActions()
{
    const bool open = !m_casePath.isEmpty();
    for (QAction* a : {m_closeAction, m_importAction, m_importPassiveDnsAction, m_exportAction, m_refreshAction,
             m_caseInfoAction, m_integrityAction, m_addNoteAction, m_queryAction})
        a->setEnabled(open);
    for (QDockWidget* d : std::as_const(m_docks))
        d->widget()->setEnabled(open);
    updateHostsAction();
}

void MainWindow::updateHostsAction()
{
    // A hosts line pins a name: with no case, no selection or an address chosen there is nothing to pin.
    const bool name = !m_casePath.isEmpty() && !m_names->currentName().isEmpty() && !m_names->currentIsAddress();
    m_hostsAction->setEnabled(name);
    // The name comes from a capture or a provider: escaped, as a tooltip is rich text.
    m_hostsAction->setToolTip(name
            ? toolTipText(
                tr("Pin %1 to the address it had at the timeline's cursor").arg(m_names->currentName().left(253)))
            : tr("Select a name (not an address) in the Names list to pin it"));
}

void MainWindow::updateRecentMenu()
{
    m_recentMenu->clear();
    const QStringList recent = RecentCases::load();
    for (int i = 0; i < recent.size(); ++i) {
        const QString path = recent.at(i);
        QAction* a = m_recentMenu->addAction(QStringLiteral("&%1 %2").arg(i + 1).arg(visibleText(path, 200)));
        connect(a, &QAction::triggered, this, [this, path] {
            if (!QFileInfo::exists(path)) {
                RecentCases::remove(path);
                showError(tr("Open recent"), tr("%1 no longer exists; it was removed from the list.").arg(path));
                return;
            }
            openCase(path, false);
        });
    }
    if (!recent.isEmpty()) {
        m_recentMenu->addSeparator();
        m_recentMenu->addAction(tr("Clear list"), this, [] { RecentCases::clear(); });
    }
    m_recentMenu->setEnabled(!recent.isEmpty());
}

void MainWindow::updateStatus()
{
    if (m_casePath.isEmpty()) {
        m_caseLabel->setText(tr("No case open: File > New case (Ctrl+N) or Open case (Ctrl+O)"));
        m_countsLabel->clear();
        return;
    }
    m_caseLabel->setText(tr("case: %1").arg(visibleText(QFileInfo(m_casePath).fileName(), 120)));
    QStringList parts{tr("%1 observations").arg(countText(m_counts.observations)),
        m_counts.names ? tr("%1 names").arg(countText(m_counts.names)) : tr("names counted after the import"),
        tr("%1 sources").arg(countText(m_counts.sources))};
    if (m_counts.incompleteSources > 0)
        parts << tr("%1 incomplete").arg(countText(m_counts.incompleteSources));
    parts << tr("%1 provider queries").arg(countText(m_counts.providerQueries))
          << tr("%1 notes").arg(countText(m_counts.notes));
    m_countsLabel->setText(QStringLiteral("   ") + parts.join(QStringLiteral("   \u00b7   ")));
}

void MainWindow::updateJobProgress()
{
    const int active = m_jobs->activeCount();
    m_jobProgress->setVisible(active > 0);
    m_cancelJobs->setVisible(active > 0);
    m_cancelJobsAction->setEnabled(active > 0);
    if (active == 0)
        return;
    const int perMille = m_jobs->overallPerMille();
    if (perMille < 0) {
        m_jobProgress->setRange(0, 0);
    } else {
        m_jobProgress->setRange(0, 1000);
        m_jobProgress->setValue(perMille);
    }
    m_jobProgress->setToolTip(tr("%n task(s) running", nullptr, active));
}

void MainWindow::showError(const QString& title, const QString& message)
{
    // Window-modal but not blocking: no nested event loop, and tests can find and close it.
    auto* box = new QMessageBox(QMessageBox::Warning, title, visibleText(message, 2000), QMessageBox::Ok, this);
    box->setTextFormat(Qt::PlainText);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setObjectName(QStringLiteral("errorBox"));
    box->open();
}

void MainWindow::newCase()
{
    QString path = QFileDialog::getSaveFileName(
        this, tr("New case"), casesDirectory(), kCaseFilter, nullptr, QFileDialog::DontConfirmOverwrite);
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty())
        path += QStringLiteral(".pdnscase");
    if (QFileInfo::exists(path)) {
        showError(tr("New case"),
            tr("%1 already exists. Use File > Open case to open it, or choose another name.").arg(path));
        return;
    }
    openCase(path, true);
}

void MainWindow::openCaseDialog()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open case"), casesDirectory(), kCaseFilter);
    if (!path.isEmpty())
        openCase(path, false);
}

void MainWindow::importDialog()
{
    if (m_casePath.isEmpty())
        return;
    // Everything importable first, as Wireshark's "All Capture Files": logs and captures are often picked together.
    const QString logs = QStringLiteral("*.log *.json *.ndjson *.jsonl *.txt *.cof");
    const QString captures = QStringLiteral("*.pcap *.pcapng *.cap");
    const QString compressed = QStringLiteral("*.gz *.zst");
    const QStringList paths = QFileDialog::getOpenFileNames(this, tr("Import files"), casesDirectory(),
        tr("Logs and captures (%1 %2 %3);;DNS logs (%1);;Packet captures (%2);;"
           "gzip- or zstd-compressed logs and captures (%3);;All files (*)")
            .arg(logs, captures, compressed));
    if (paths.isEmpty())
        return;
    rememberDirectory(paths.first());
    importFiles(paths);
}

void MainWindow::importPassiveDnsDialog()
{
    if (m_casePath.isEmpty())
        return;
    PassiveDnsLayoutDialog dialog(this);
    if (dialog.exec() != QDialog::Accepted || !dialog.layout())
        return;
    const QStringList paths = QFileDialog::getOpenFileNames(
        this, tr("Import passivedns logs"), casesDirectory(), tr("passivedns logs (*.log *.txt);;All files (*)"));
    if (paths.isEmpty())
        return;
    rememberDirectory(paths.first());
    importFiles(paths, dialog.layout());
}

void MainWindow::copySelection()
{
    auto* view = qobject_cast<QAbstractItemView*>(QApplication::focusWidget());
    if (!view)
        view = m_names->view();
    const QString text = selectedRowsAsText(view);
    if (!text.isEmpty())
        QApplication::clipboard()->setText(text);
}

void MainWindow::showCaseInfo()
{
    if (!m_worker->isOpen())
        return;
    struct Info
    {
        QString id, title;
        qint64 created = 0;
        int schema = 0;
        CaseCounts counts;
    };
    m_worker->run<Info>(
        this,
        [](CaseSession& s) {
            const CaseFile& f = s.reader().file();
            return Info{f.caseId(), f.title(), f.createdAt(), f.schemaVersion(), s.reader().counts()};
        },
        [this](Info info) {
            const QString text = tr("File: %1\nTitle: %2\nCase id: %3\nCreated: %4\nSchema version: %5\n\n"
                                    "%6 observations of %7 names from %8 sources (%9 incomplete)\n"
                                    "%10 provider queries, %11 notes")
                                     .arg(m_casePath, visibleText(info.title), info.id, tableTime(info.created),
                                         QString::number(info.schema), countText(info.counts.observations),
                                         info.counts.names ? countText(info.counts.names) : tr("(uncounted)"),
                                         countText(info.counts.sources), countText(info.counts.incompleteSources))
                                     .arg(countText(info.counts.providerQueries), countText(info.counts.notes));
            auto* box = new QMessageBox(QMessageBox::Information, tr("Case information"), text, QMessageBox::Ok, this);
            box->setTextFormat(Qt::PlainText);
            box->setAttribute(Qt::WA_DeleteOnClose);
            box->open();
        });
}

void MainWindow::checkIntegrity()
{
    if (!m_worker->isOpen())
        return;
    statusBar()->showMessage(tr("Checking the case file\u2026"));
    m_worker->run<QString>(
        this, [](CaseSession& s) { return s.reader().file().quickCheck(); },
        [this](QString result) {
            if (result == QLatin1String("ok"))
                statusBar()->showMessage(tr("The case file passed quick_check."), 8000);
            else
                showError(tr("Check integrity"),
                    tr("The case file has problems: %1\nRestore it from a backup or "
                       "re-import its sources into a new case.")
                        .arg(result));
        });
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About PDNS Workbench"),
        tr("<h3>PDNS Workbench %1</h3><p>Passive DNS investigation: import captures and logs, ask "
           "passive DNS services, read one timeline per name, pin a name to the address it had.</p>"
           "<p>Qt %2. Case files are SQLite databases; API keys stay in the system keychain.</p>")
            .arg(QApplication::applicationVersion(), QString::fromLatin1(qVersion())));
}

void MainWindow::showShortcuts()
{
    const QString text = tr("Ctrl+N\tNew case\nCtrl+O\tOpen case\nCtrl+W\tClose case\nCtrl+I\tImport files\n"
                            "Ctrl+H\tHosts override for the selected name\nCtrl+F\tFind a name (filter box)\nEnter\tIn "
                            "a search box: run it\nF5\tRefresh "
                            "every query\nCtrl+M\tAdd a note on the selection\nCtrl+Enter\tSave the note\n"
                            "Delete\tDelete the selected note\nCtrl+Shift+C\tCopy the selected rows\nCtrl+Q\tQuit");
    auto* box = new QMessageBox(QMessageBox::NoIcon, tr("Keyboard shortcuts"), text, QMessageBox::Ok, this);
    box->setTextFormat(Qt::PlainText);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    saveLayout();
    if (m_openStop)
        m_openStop->store(true);
    m_jobs->cancelAll();
    event->accept();
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event)
{
    if (!event->mimeData()->hasUrls())
        return;
    for (const QUrl& url : event->mimeData()->urls()) {
        if (!url.isLocalFile())
            return;
    }
    event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event)
{
    QStringList files;
    for (const QUrl& url : event->mimeData()->urls()) {
        if (url.isLocalFile())
            files << url.toLocalFile();
    }
    if (files.isEmpty())
        return;
    event->acceptProposedAction();
    if (files.size() == 1 && files.first().endsWith(QLatin1String(".pdnscase"), Qt::CaseInsensitive)) {
        openCase(files.first(), false);
        return;
    }
    importFiles(files);
}

} // namespace pdnsw
