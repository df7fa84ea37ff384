// The workbench window on the offscreen platform, driven through its real widgets over real case files.
#include "CaseFixture.h"
#include "WindowTestSupport.h"

#include "models/itemmodels/CaseWorker.h"
#include "models/itemmodels/ItemRoles.h"
#include "models/itemmodels/NamesFilterProxy.h"
#include "models/itemmodels/NamesModel.h"
#include "models/itemmodels/NotesModel.h"
#include "models/itemmodels/ObservationsModel.h"
#include "models/itemmodels/QueryLogModel.h"
#include "models/itemmodels/SourcesModel.h"
#include "models/itemmodels/UntrustedText.h"
#include "ui/DetailsPanel.h"
#include "ui/HostsOverrideDialog.h"
#include "ui/ImportPanel.h"
#include "ui/NamesPanel.h"
#include "ui/NotesPanel.h"
#include "ui/PassiveDnsLayoutDialog.h"
#include "ui/QueryLogPanel.h"
#include "ui/RecentCases.h"
#include "ui/capture/LiveCaptureBar.h"
#include "ui/graph/GraphView.h"
#include "ui/jobs/ImportJob.h"
#include "ui/jobs/JobListWidget.h"
#include "ui/jobs/JobManager.h"
#include "ui/timeline/TimelineView.h"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QDockWidget>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QScrollArea>
#include <QStatusBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTextBlock>
#include <QTextDocument>
#include <QTextLayout>
#include <QToolButton>

using namespace pdnsw;

class TestMainWindow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void opensCaseAndFillsEveryPanel();
    void bigListShowsItsFirstNamesAtOnce();
    void selectingANameShowsItsDetailsAndNotes();
    void detailsSortInTheModelOffTheGuiThread();
    void modelsOfTheWindowPassTheTester();
    void notesAddEditDelete();
    void choosingNamesAddressesAndNotes();
    void manyImportsKeepTheWindowOnScreen();
    void hostsOverrideDefaultsToLastAddressBeforeNxdomain();
    void hostsOverrideAtACursorTimeAndRefusedNames();
    void hostsOverrideAppliesManagedBlock();
    void createsMissingCaseAndImportsFiles();
    void captureOptionsApplyToFileImports();
    void importsGzipCompressedFiles();
    void badPortsStopOnlyTheCaptures();
    void passiveDnsLayoutDialogChecksEntries_data();
    void passiveDnsLayoutDialogChecksEntries();
    void importsPassiveDnsLogWithItsOwnFields();
    void refusesFilesThatAreNotCases();
    void openingAnotherCaseStopsTheCheck();
    void hostileCaseShowsOnlyPlainText();
    void layoutAndRecentCasesAreRemembered();

private:
    QTemporaryDir m_dir;
    QString m_casePath;
    QString m_hostilePath;
};

void TestMainWindow::initTestCase()
{
    testing::isolateSettings();
    QVERIFY(m_dir.isValid());
    m_casePath = m_dir.filePath(QStringLiteral("incident-4711.pdnscase"));
    m_hostilePath = m_dir.filePath(QStringLiteral("hostile.pdnscase"));
    QString message;
    QVERIFY2(testing::buildInvestigationCase(m_casePath, &message), qPrintable(message));
    QVERIFY2(testing::buildHostileCase(m_hostilePath, &message), qPrintable(message));
}

void TestMainWindow::opensCaseAndFillsEveryPanel()
{
    MainWindow window;
    window.show();
    QSignalSpy opened(&window, &MainWindow::caseOpened);
    // The whole name list is the slow query on a big case: it is asked last, and says it is coming meanwhile. The
    // first names come before everything else, through the indexes; on this small case they are all of them, and
    // the slow query is not made at all (one reset of the names).
    QStringList arrived;
    QString countWhileQuerying;
    connect(
        window.importPanel(), &ImportPanel::sourcesLoaded, this, [&] { arrived.append(QStringLiteral("sources")); });
    connect(window.namesPanel()->model(), &QAbstractItemModel::modelReset, this, [&] {
        if (arrived.isEmpty() || arrived.last() != QLatin1String("names"))
            arrived.append(QStringLiteral("names"));
    });
    connect(&window, &MainWindow::caseOpened, this, [&] {
        arrived.clear(); // opening first clears the panels
        countWhileQuerying = window.namesPanel()->findChild<QLabel*>(QStringLiteral("namesCount"))->text();
    });
    QVERIFY(testing::openAndWait(window, m_casePath));
    QCOMPARE(arrived, (QStringList{QStringLiteral("names"), QStringLiteral("sources")}));
    QCOMPARE(countWhileQuerying, QStringLiteral("reading the case\u2026"));
    QCOMPARE(opened.count(), 1);
    QVERIFY(window.windowTitle().startsWith(QStringLiteral("incident-4711.pdnscase")));
    QCOMPARE(window.counts().sources, 3);
    QCOMPARE(window.importPanel()->model()->rowCount(), 3);
    QCOMPARE(window.queryLogPanel()->model()->rowCount(), 1);
    QVERIFY(window.namesPanel()->model()->rowCount() >= 4);
    QCOMPARE(window.sourceColours().size(), 3);
    const QString status = window.statusBar()->findChildren<QLabel*>().last()->text();
    bool sawCounts = false;
    for (QLabel* label : window.statusBar()->findChildren<QLabel*>())
        sawCounts = sawCounts || label->text().contains(QStringLiteral("3 sources"));
    QVERIFY2(sawCounts, qPrintable(status));

    QSignalSpy closed(&window, &MainWindow::caseClosed);
    window.closeCase();
    QCOMPARE(closed.count(), 1);
    QCOMPARE(window.namesPanel()->model()->rowCount(), 0);
    QCOMPARE(window.windowTitle(), QStringLiteral("PDNS Workbench"));
}

// More names than the first batch: the first ones show at once in name order with a count that says so, then the
// whole list replaces them, in the order the analyst chose meanwhile.
void TestMainWindow::bigListShowsItsFirstNamesAtOnce()
{
    const QString path = m_dir.filePath(QStringLiteral("many-names.pdnscase"));
    {
        CaseError error;
        auto file = CaseFile::open(path, CaseFile::Mode::CreateIfMissing, {}, &error);
        QVERIFY2(file, qPrintable(error.message));
        QList<Observation> observations;
        for (int i = 0; i < MainWindow::kFirstNames + 500; ++i) {
            const QByteArray name = QStringLiteral("n%1.many.example").arg(i, 5, 10, QLatin1Char('0')).toLatin1();
            observations.append(testing::obs(name.constData(), "A", QStringLiteral("192.0.2.%1").arg(i % 200),
                "2024-01-01T00:00:00Z", "2024-01-02T00:00:00Z", i + 1));
        }
        QString message;
        QVERIFY2(testing::writeSource(*file, testing::source("pcap", "many.pcap"), observations, &message),
            qPrintable(message));
    }
    MainWindow window;
    window.show();
    QList<int> namesAtReset;
    QStringList labelAtReset;
    QString lastOfTheFirst;
    NamesModel* model = window.namesPanel()->model();
    auto* label = window.namesPanel()->findChild<QLabel*>(QStringLiteral("namesCount"));
    // The panel's own handler, connected first, has set the label when this one runs.
    connect(model, &NamesModel::loaded, this, [&] {
        if (model->entries().isEmpty())
            return; // the window clears the list when it opens a case
        QStringList names;
        for (const NameEntry& e : model->entries())
            if (!e.isAddress)
                names.append(e.name);
        namesAtReset.append(int(names.size()));
        labelAtReset.append(label->text());
        if (namesAtReset.size() == 1) {
            lastOfTheFirst = names.last();
            // The analyst sorts by count while the rest is read.
            window.namesPanel()->view()->sortByColumn(NamesModel::Count, Qt::DescendingOrder);
        }
    });
    QVERIFY(testing::openAndWait(window, path));
    QTRY_VERIFY(namesAtReset.size() >= 2);
    QCOMPARE(namesAtReset.first(), MainWindow::kFirstNames);
    QCOMPARE(lastOfTheFirst, QStringLiteral("n00999.many.example"));
    QCOMPARE(labelAtReset.first(),
        QStringLiteral("the first %1 entries; reading the rest\u2026").arg(countText(MainWindow::kFirstNames + 200)));
    QCOMPARE(namesAtReset.last(), MainWindow::kFirstNames + 500);
    QCOMPARE(labelAtReset.last(), QStringLiteral("%1 entries").arg(countText(MainWindow::kFirstNames + 700)));
    QVERIFY(labelAtReset.last().contains(u','));
    // The whole list came in name order; it ends up in the order asked for meanwhile. The largest count is the
    // address that eight names pointed at: 100 + 300 + ... + 1500.
    QTRY_COMPARE(model->entries().first().name, QStringLiteral("192.0.2.99"));
    QCOMPARE(model->entries().first().count, 6400);
    QCOMPARE(model->entries().size(), MainWindow::kFirstNames + 500 + 200);
}

void TestMainWindow::selectingANameShowsItsDetailsAndNotes()
{
    MainWindow window;
    window.show();
    QVERIFY(testing::openAndWait(window, m_casePath));
    NamesPanel* names = window.namesPanel();

    // Typing in the filter box and pressing Enter selects the first match.
    QTest::keyClicks(names->filterEdit(), QStringLiteral("www.bad"));
    QCOMPARE(names->proxy()->rowCount(), 1);
    QTest::keyClick(names->filterEdit(), Qt::Key_Return);
    QCOMPARE(names->currentName(), QStringLiteral("www.bad.example"));
    QVERIFY(testing::waitIdle(window));

    DetailsPanel* details = window.detailsPanel();
    QCOMPARE(details->model()->name(), QStringLiteral("www.bad.example"));
    QCOMPARE(details->model()->rowCount(), 6);
    QCOMPARE(details->titleLabel()->text(), QStringLiteral("www.bad.example: 6 records from 3 sources"));
    QCOMPARE(window.notesPanel()->subject(), QStringLiteral("www.bad.example"));
    QCOMPARE(window.notesPanel()->model()->rowCount(), 1);
    QCOMPARE(window.notesPanel()->tagsEdit()->text(), QStringLiteral("js-injection, malicious"));

    // An address lists the names that pointed at it.
    QVERIFY(names->selectName(QStringLiteral("203.0.113.77")));
    QVERIFY(testing::waitIdle(window));
    QCOMPARE(details->model()->rowCount(), 2);
    for (const SourcedObservation& o : details->model()->observations())
        QCOMPARE(o.observation.rdata, QStringLiteral("203.0.113.77"));
    QCOMPARE(details->titleLabel()->text(), QStringLiteral("203.0.113.77: 2 records point here"));
    QVERIFY(names->selectName(QStringLiteral("mail.bad.example")));
    QVERIFY(testing::waitIdle(window));
    QCOMPARE(details->titleLabel()->text(), QStringLiteral("mail.bad.example: 1 record from 1 source"));
    QVERIFY(names->selectName(QStringLiteral("203.0.113.77")));
    QVERIFY(testing::waitIdle(window));

    // F5 runs every query again and keeps the selection.
    QSignalSpy refreshed(&window, &MainWindow::refreshed);
    QTest::keyClick(&window, Qt::Key_F5);
    QTRY_COMPARE(refreshed.count(), 1);
    QCOMPARE(names->currentName(), QStringLiteral("203.0.113.77"));

    // Ctrl+F puts the focus in the names filter.
    window.activateWindow();
    QTest::keyClick(&window, Qt::Key_F, Qt::ControlModifier);
    QTRY_VERIFY(names->filterEdit()->hasFocus());
}

// The Details table's rows are sorted by the model, not through the proxy: the window's worker hands them over in
// the table's order, and a header click over many rows sorts them on a worker and keeps the current record.
void TestMainWindow::detailsSortInTheModelOffTheGuiThread()
{
    MainWindow window;
    window.show();
    QVERIFY(testing::openAndWait(window, m_casePath));
    DetailsPanel* details = window.detailsPanel();
    QTableView* view = details->view();
    QAbstractItemModelTester tester(view->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    const auto column = [](const QAbstractItemModel* m, int c) {
        QStringList values;
        for (int row = 0; row < m->rowCount(); ++row)
            values << m->index(row, c).data().toString();
        return values;
    };
    view->sortByColumn(ObservationsModel::Count, Qt::DescendingOrder);
    QVERIFY(window.namesPanel()->selectName(QStringLiteral("www.bad.example")));
    QVERIFY(testing::waitIdle(window));
    // The model itself is in the table's order: the largest count first, the day-granular source's none last.
    QStringList counts;
    qint64 previous = std::numeric_limits<qint64>::max();
    for (const SourcedObservation& o : details->model()->observations()) {
        counts << (o.observation.count ? QString::number(*o.observation.count) : QString());
        QVERIFY(o.observation.count.value_or(-1) <= previous);
        previous = o.observation.count.value_or(-1);
    }
    QCOMPARE(counts, column(view->model(), ObservationsModel::Count));
    QVERIFY(counts.size() > 3 && !counts.first().isEmpty() && counts.last().isEmpty());

    // 6 000 records of one address: the click sorts on a worker; the record that was current stays current.
    QList<SourcedObservation> many;
    for (int i = 0; i < 6000; ++i) {
        SourcedObservation o;
        o.id = i + 1;
        o.sourceId = 1;
        o.sourceLabel = QStringLiteral("capture.pcap");
        o.observation.rrname = QStringLiteral("n%1.example").arg((i * 7919) % 6000, 4, 10, QLatin1Char('0'));
        o.observation.rrtype = QStringLiteral("A");
        o.observation.rdata = QStringLiteral("192.0.2.1");
        many << o;
    }
    details->setObservations(QStringLiteral("192.0.2.1"), true, many);
    view->setCurrentIndex(view->model()->index(17, ObservationsModel::RrName));
    const qint64 current = view->currentIndex().data(KeyRole).toLongLong();
    view->sortByColumn(ObservationsModel::RrName, Qt::AscendingOrder);
    QTRY_COMPARE(view->model()->index(1, ObservationsModel::RrName).data().toString(), QStringLiteral("n0001.example"));
    QStringList names = column(view->model(), ObservationsModel::RrName);
    QStringList sorted = names;
    std::sort(sorted.begin(), sorted.end());
    QCOMPARE(names, sorted);
    QCOMPARE(view->currentIndex().data(KeyRole).toLongLong(), current);
    QCOMPARE(details->sortColumn(), int(ObservationsModel::RrName));
}

void TestMainWindow::modelsOfTheWindowPassTheTester()
{
    MainWindow window;
    QList<QAbstractItemModel*> models;
    for (QTableView* view : window.findChildren<QTableView*>()) {
        for (QAbstractItemModel* m = view->model(); m;) {
            models << m;
            auto* proxy = qobject_cast<QAbstractProxyModel*>(m);
            m = proxy ? proxy->sourceModel() : nullptr;
        }
    }
    QVERIFY(models.size() >= 10);
    std::vector<std::unique_ptr<QAbstractItemModelTester>> testers;
    for (QAbstractItemModel* m : std::as_const(models))
        testers.push_back(
            std::make_unique<QAbstractItemModelTester>(m, QAbstractItemModelTester::FailureReportingMode::QtTest));
    QVERIFY(testing::openAndWait(window, m_casePath));
    QVERIFY(window.namesPanel()->selectName(QStringLiteral("www.bad.example")));
    QVERIFY(testing::waitIdle(window));
    for (QTableView* view : window.findChildren<QTableView*>()) {
        for (int c = 0; c < view->model()->columnCount(); ++c)
            view->sortByColumn(c, Qt::DescendingOrder);
    }
    window.closeCase();
}

void TestMainWindow::notesAddEditDelete()
{
    const QString path = m_dir.filePath(QStringLiteral("notes.pdnscase"));
    QString message;
    QVERIFY2(testing::buildInvestigationCase(path, &message), qPrintable(message));
    MainWindow window;
    window.show();
    QVERIFY(testing::openAndWait(window, path));
    QVERIFY(window.namesPanel()->selectName(QStringLiteral("cdn.bad.example")));
    QVERIFY(testing::waitIdle(window));
    NotesPanel* notes = window.notesPanel();
    QCOMPARE(notes->model()->rowCount(), 0);
    auto* title = notes->findChild<QLabel*>(QStringLiteral("notesTitle"));
    QVERIFY(title);
    QCOMPARE(title->text(), QStringLiteral("Notes on cdn.bad.example"));
    // With every note of the case listed, the title says so and what a new note will be about.
    auto* all = notes->findChild<QCheckBox*>();
    QVERIFY(all);
    all->setChecked(true);
    QCOMPARE(title->text(), QStringLiteral("All notes of the case; a new note is about cdn.bad.example"));
    QTRY_VERIFY(notes->model()->rowCount() > 0); // the fixture's note on www.bad.example
    all->setChecked(false);
    QTRY_COMPARE(notes->model()->rowCount(), 0);
    QVERIFY(testing::waitIdle(window));

    notes->editor()->setPlainText(QStringLiteral("CDN in front of the bad site"));
    QTest::keyClick(notes->editor(), Qt::Key_Return, Qt::ControlModifier);
    QTRY_COMPARE(notes->model()->rowCount(), 1);
    QVERIFY(testing::waitIdle(window));
    QCOMPARE(
        notes->model()->index(0, NotesModel::Text).data().toString(), QStringLiteral("CDN in front of the bad site"));

    notes->tagsEdit()->setText(QStringLiteral("cdn, Infrastructure cdn"));
    QTest::keyClick(notes->tagsEdit(), Qt::Key_Return);
    QTRY_COMPARE(notes->model()->tagsOf(QStringLiteral("cdn.bad.example")),
        (QStringList{QStringLiteral("cdn"), QStringLiteral("infrastructure")}));

    // Delete on the selected note removes it from the case.
    notes->view()->setFocus();
    notes->view()->selectRow(0);
    QTest::keyClick(notes->view(), Qt::Key_Delete);
    QTRY_COMPARE(notes->model()->rowCount(), 0);
    QVERIFY(testing::waitIdle(window));
    QTRY_COMPARE(window.counts().notes, 1); // the fixture's note on www.bad.example remains
}

// What an analyst does most: click a name. A mouse press makes the row current before it selects it, and the
// panels once looked only at the current row's change, when the clicked row was not selected yet: the keyboard
// worked, a click showed nothing.
void TestMainWindow::choosingNamesAddressesAndNotes()
{
    MainWindow window;
    window.resize(1400, 900);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(testing::openAndWait(window, m_casePath));
    QTableView* names = window.namesPanel()->view();
    QModelIndex row;
    for (int r = 0; r < names->model()->rowCount() && !row.isValid(); ++r) {
        const QModelIndex index = names->model()->index(r, NamesModel::Name);
        if (index.data(KeyRole).toString() == QLatin1String("www.bad.example"))
            row = index;
    }
    QVERIFY(row.isValid());
    names->scrollTo(row);
    QTest::mouseClick(names->viewport(), Qt::LeftButton, {}, names->visualRect(row).center());
    QTRY_VERIFY(window.detailsPanel()->model()->rowCount() > 0);
    QVERIFY(testing::waitIdle(window));
    QVERIFY2(window.detailsPanel()->titleLabel()->text().startsWith(QStringLiteral("www.bad.example")),
        qPrintable(window.detailsPanel()->titleLabel()->text()));
    QVERIFY(window.graphView()->timeFilter().has_value()); // the timeline's cursor

    // A record clicked in Details is outlined on the timeline.
    QTableView* details = window.detailsPanel()->view();
    const QModelIndex second = details->model()->index(1, 0);
    QTest::mouseClick(details->viewport(), Qt::LeftButton, {}, details->visualRect(second).center());
    QVERIFY(second.data(KeyRole).toLongLong() > 0);
    QCOMPARE(window.timelineView()->selectedObservationId(), second.data(KeyRole).toLongLong());

    // An address has a timeline of the names that pointed at it, and its graph follows that timeline's cursor.
    QVERIFY(window.namesPanel()->selectName(QStringLiteral("203.0.113.77")));
    QTRY_VERIFY(window.detailsPanel()->titleLabel()->text().startsWith(QStringLiteral("203.0.113.77")));
    QVERIFY(testing::waitIdle(window));
    const TimelineData& addressTimeline = window.timelineView()->data();
    QVERIFY(addressTimeline.isAddress());
    QCOMPARE(addressTimeline.name(), QStringLiteral("203.0.113.77"));
    QSet<QString> pointers;
    for (const TimelineRow& row : addressTimeline.rows())
        pointers.insert(row.rdata);
    QVERIFY2(
        pointers.contains(QStringLiteral("www.bad.example")), qPrintable(QStringList(pointers.values()).join(u',')));
    QCOMPARE(window.graphView()->timeFilter(), window.timelineView()->cursorTime());
    QVERIFY(window.graphView()->timeFilter().has_value());
    QVERIFY(window.namesPanel()->selectName(QStringLiteral("www.bad.example")));
    QTRY_VERIFY(window.detailsPanel()->titleLabel()->text().startsWith(QStringLiteral("www.bad.example")));
    QVERIFY(testing::waitIdle(window));

    // The name's note is listed; clicking it opens it in the editor.
    NotesPanel* notes = window.notesPanel();
    QTRY_COMPARE(notes->model()->rowCount(), 1);
    QVERIFY(notes->editor()->toPlainText().isEmpty());
    const QString body = QStringLiteral("Pushed malicious JavaScript.\nReported by a reader."); // the fixture's
    // The notes dock shares its place with others: bring it to the front, as its tab would.
    for (QWidget* w = notes; w; w = w->parentWidget()) {
        if (auto* dock = qobject_cast<QDockWidget*>(w))
            dock->raise();
    }
    QTRY_VERIFY(notes->view()->isVisible());
    const QModelIndex note = notes->view()->model()->index(0, 0);
    QTest::mouseClick(notes->view()->viewport(), Qt::LeftButton, {}, notes->view()->visualRect(note).center());
    QTRY_COMPARE(notes->editor()->toPlainText(), body);
}

// Importing a folder of captures adds a job row per file. The rows once stacked without bound, so the dock and
// with it the window's minimum height grew past the screen; past JobListWidget::kRowsShown rows they scroll.
void TestMainWindow::manyImportsKeepTheWindowOnScreen()
{
    const QString path = m_dir.filePath(QStringLiteral("many.pdnscase"));
    QString message;
    QVERIFY2(testing::buildInvestigationCase(path, &message), qPrintable(message));
    MainWindow window;
    window.show();
    QVERIFY(testing::openAndWait(window, path));
    auto* list = window.importPanel()->findChild<JobListWidget*>();
    QVERIFY(list);
    const auto importLogs = [&](int first, int count) {
        QStringList files;
        for (int i = first; i < first + count; ++i) {
            const QString file = m_dir.filePath(QStringLiteral("many-%1.ndjson").arg(i));
            const QByteArray line = QStringLiteral("{\"rrname\":\"h%1.many.example\",\"rrtype\":\"A\",\"rdata\":"
                                                   "\"192.0.2.%2\",\"time_first\":1514764800}\n")
                                        .arg(i)
                                        .arg(i % 250 + 1)
                                        .toUtf8();
            if (!testing::writeFile(file, line))
                return false;
            files.append(file);
        }
        window.importFiles(files);
        return QTest::qWaitFor(
            [&] {
                const QList<BackgroundJob*> jobs = window.jobs()->jobs();
                return jobs.size() == first + count
                    && std::none_of(jobs.begin(), jobs.end(), [](BackgroundJob* j) { return j->isActive(); });
            },
            60000);
    };
    QVERIFY(importLogs(0, JobListWidget::kRowsShown));
    QVERIFY(testing::waitIdle(window));
    QCoreApplication::processEvents();
    const int listHeight = list->scrollArea()->height();
    const int windowHeight = window.minimumSizeHint().height();
    QVERIFY(listHeight > 0);

    QVERIFY(importLogs(JobListWidget::kRowsShown, 20));
    QVERIFY(testing::waitIdle(window));
    QCoreApplication::processEvents();
    QCOMPARE(list->scrollArea()->height(), listHeight);
    QCOMPARE(window.minimumSizeHint().height(), windowHeight);
    // The list followed the jobs as they were added: the last one is in view.
    QWidget* last = list->rowOf(window.jobs()->jobs().last());
    QVERIFY(last);
    QVERIFY(!last->visibleRegion().isEmpty());
    QVERIFY(list->rowOf(window.jobs()->jobs().first())->visibleRegion().isEmpty());
    for (BackgroundJob* job : window.jobs()->jobs())
        QCOMPARE(job->state(), BackgroundJob::State::Succeeded);
}

void TestMainWindow::hostsOverrideDefaultsToLastAddressBeforeNxdomain()
{
    MainWindow window;
    // The action pins a name: without a case, without a selection or with an address chosen it is off.
    auto* action = window.findChild<QAction*>(QStringLiteral("hostsOverrideAction"));
    QVERIFY(action);
    QVERIFY(!action->isEnabled());
    QVERIFY(testing::openAndWait(window, m_casePath));
    QVERIFY(!action->isEnabled());
    QVERIFY(window.namesPanel()->selectName(QStringLiteral("203.0.113.77")));
    QTRY_VERIFY(window.detailsPanel()->titleLabel()->text().startsWith(QStringLiteral("203.0.113.77")));
    QVERIFY(!action->isEnabled());
    QVERIFY(window.namesPanel()->selectName(QStringLiteral("www.bad.example")));
    QTRY_VERIFY(action->isEnabled());
    QVERIFY(action->toolTip().contains(QStringLiteral("www.bad.example")));
    // Escaped as every tooltip of untrusted text is: names come from captures and providers.
    QCOMPARE(action->toolTip(),
        toolTipText(QStringLiteral("Pin www.bad.example to the address it had at the timeline's cursor")));
    HostsOverrideDialog dialog(window.worker(), QStringLiteral("www.bad.example"), std::nullopt, &window);
    QTRY_VERIFY(dialog.isLoaded());
    // www.bad.example went NXDOMAIN on 2018-03-02; before that it pointed at 203.0.113.77 through
    // cdn.bad.example (DNSDB) and directly (VirusTotal).
    QCOMPARE(dialog.checkedAddresses(), QStringList{QStringLiteral("203.0.113.77")});
    QVERIFY(dialog.checkedNames().contains(QStringLiteral("www.bad.example")));
    QVERIFY(dialog.checkedNames().contains(QStringLiteral("cdn.bad.example")));
    QVERIFY(dialog.pack().ok());
    QSet<QString> lines;
    for (const QString& line : dialog.pack().body.split(u'\n', Qt::SkipEmptyParts)) {
        if (!line.startsWith(u'#'))
            lines.insert(line);
    }
    QCOMPARE(lines,
        (QSet<QString>{
            QStringLiteral("203.0.113.77\twww.bad.example"), QStringLiteral("203.0.113.77\tcdn.bad.example")}));
    QVERIFY(dialog.text().contains(dialog.pack().body));
    QVERIFY(dialog.text().startsWith(u'#'));
    // On screen the tab after an address of any length (up to an IPv6 one) leaves a visible gap before the name.
    auto* preview = dialog.findChild<QPlainTextEdit*>(QStringLiteral("overridePreview"));
    QVERIFY(preview);
    const qreal space = QFontMetricsF(preview->font()).horizontalAdvance(QLatin1Char(' '));
    QTextDocument probe;
    probe.setDefaultFont(preview->font());
    QTextOption option = probe.defaultTextOption();
    option.setTabStopDistance(preview->tabStopDistance());
    probe.setDefaultTextOption(option);
    for (int length = 7; length <= 39; ++length) {
        probe.setPlainText(QString(length, u'0') + QStringLiteral("\tname.example"));
        probe.documentLayout(); // lays the block out
        const QTextLayout* layout = probe.firstBlock().layout();
        QVERIFY(layout && layout->lineCount() > 0);
        const qreal gap = layout->lineAt(0).cursorToX(length + 1) - layout->lineAt(0).cursorToX(length);
        QVERIFY2(gap >= space, qPrintable(QStringLiteral("%1 characters: gap %2 px").arg(length).arg(gap)));
    }

    dialog.setFormat(OverrideFormat::Dnsmasq);
    QVERIFY(dialog.text().contains(QStringLiteral("host-record=www.bad.example,203.0.113.77")));
    dialog.setFormat(OverrideFormat::Windows);
    QVERIFY(dialog.text().contains(QStringLiteral("\r\n")));
}

void TestMainWindow::hostsOverrideAtACursorTimeAndRefusedNames()
{
    MainWindow window;
    QVERIFY(testing::openAndWait(window, m_casePath));
    HostsOverrideDialog dialog(
        window.worker(), QStringLiteral("www.bad.example"), testing::t("2018-02-01T00:00:00Z"), &window);
    QTRY_VERIFY(dialog.isLoaded());
    QCOMPARE(dialog.checkedAddresses(), QStringList{QStringLiteral("198.51.100.23")});
    // The address list says how each pinned address was chosen: valid at T here, the last one before T after the
    // name went NXDOMAIN.
    const auto addressLabel = [](HostsOverrideDialog& d, const QString& address) {
        for (QListWidget* list : d.findChildren<QListWidget*>()) {
            for (int i = 0; i < list->count(); ++i) {
                if (list->item(i)->text().startsWith(address + u' '))
                    return list->item(i)->text();
            }
        }
        return QString();
    };
    QVERIFY2(addressLabel(dialog, QStringLiteral("198.51.100.23")).contains(QStringLiteral("(at T, per ")),
        qPrintable(addressLabel(dialog, QStringLiteral("198.51.100.23"))));
    {
        HostsOverrideDialog after(
            window.worker(), QStringLiteral("www.bad.example"), testing::t("2018-03-10T00:00:00Z"), &window);
        QTRY_VERIFY(after.isLoaded());
        QCOMPARE(after.checkedAddresses(), QStringList{QStringLiteral("203.0.113.77")});
        QVERIFY2(addressLabel(after, QStringLiteral("203.0.113.77")).contains(QStringLiteral("(last before T, per ")),
            qPrintable(addressLabel(after, QStringLiteral("203.0.113.77"))));
    }
    dialog.addName(QStringLiteral("bad.example"));
    dialog.addName(QStringLiteral("evil.example\n1.2.3.4 bank.example"));
    dialog.addName(QStringLiteral("a#b.example"));
    QVERIFY(dialog.pack().ok());
    QCOMPARE(dialog.pack().rejected.size(), 2);
    QVERIFY(dialog.text().contains(QStringLiteral("198.51.100.23\tbad.example")));
    QVERIFY(!dialog.text().contains(QStringLiteral("bank.example")));
    QVERIFY(!dialog.text().contains(QStringLiteral("a#b")));
    // The refusals are visible with their reason, as plain text.
    bool shown = false;
    for (QLabel* label : dialog.findChildren<QLabel*>()) {
        if (label->isVisibleTo(&dialog) && label->text().contains(QStringLiteral("refused"))) {
            shown = true;
            QCOMPARE(label->textFormat(), Qt::PlainText);
        }
    }
    QVERIFY(shown);
}

void TestMainWindow::hostsOverrideAppliesManagedBlock()
{
    MainWindow window;
    QVERIFY(testing::openAndWait(window, m_casePath));
    HostsOverrideDialog dialog(window.worker(), QStringLiteral("www.bad.example"), std::nullopt, &window);
    QTRY_VERIFY(dialog.isLoaded());
    const QString hosts = m_dir.filePath(QStringLiteral("hosts"));
    const QByteArray original = "127.0.0.1\tlocalhost\n# keep me\n::1 localhost ip6-localhost\n";
    QVERIFY(testing::writeFile(hosts, original));
    QString message;
    QVERIFY2(dialog.applyTo(hosts, &message), qPrintable(message));
    QFile f(hosts);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray applied = f.readAll();
    QVERIFY(applied.startsWith(original));
    QVERIFY(applied.contains("# BEGIN pdns-workbench"));
    QVERIFY(applied.contains("203.0.113.77\twww.bad.example"));
    QVERIFY(QFile::exists(hosts + QStringLiteral(".pdnsw-backup")));

    // The button says what the chosen format's text goes into; the block is the same for every format.
    const auto applyButtonText = [&] {
        for (const QPushButton* b : dialog.findChildren<QPushButton*>()) {
            if (b->text().startsWith(QStringLiteral("Apply to")))
                return b->text();
        }
        return QString();
    };
    QCOMPARE(applyButtonText(), QStringLiteral("Apply to a hosts file\u2026"));
    dialog.setFormat(OverrideFormat::Unbound);
    QCOMPARE(applyButtonText(), QStringLiteral("Apply to an unbound configuration file\u2026"));
    dialog.setFormat(OverrideFormat::Inetsim);
    QCOMPARE(applyButtonText(), QStringLiteral("Apply to inetsim.conf\u2026"));
}

void TestMainWindow::createsMissingCaseAndImportsFiles()
{
    const QString path = m_dir.filePath(QStringLiteral("fresh.pdnscase"));
    const QString log = m_dir.filePath(QStringLiteral("circl.ndjson"));
    QVERIFY(testing::writeFile(log,
        "{\"rrname\":\"www.fresh.example\",\"rrtype\":\"A\",\"rdata\":\"192.0.2.10\",\"time_first\":1514764800,"
        "\"time_last\":1514851200,\"count\":5}\n"
        "{\"rrname\":\"www.fresh.example\",\"rrtype\":\"A\",\"rdata\":\"not an address\",\"time_first\":1514764800,"
        "\"time_last\":1514851200,\"count\":1}\n"));
    MainWindow window;
    window.show();
    QSignalSpy refreshed(&window, &MainWindow::refreshed);
    window.importAfterOpen({log});
    window.openCase(path, true);
    QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(path), 10000);
    QTRY_COMPARE_WITH_TIMEOUT(window.jobs()->jobs().size(), 1, 10000);
    BackgroundJob* job = window.jobs()->jobs().first();
    QTRY_VERIFY_WITH_TIMEOUT(!job->isActive(), 20000);
    QCOMPARE(job->state(), BackgroundJob::State::Succeeded);
    QTRY_VERIFY_WITH_TIMEOUT(window.namesPanel()->model()->rowOfName(QStringLiteral("www.fresh.example")) >= 0, 10000);
    QVERIFY(testing::waitIdle(window));
    // The source row shows the file's SHA-256 and its rejected line; its errors open in a dialog.
    SourcesModel* sources = window.importPanel()->model();
    QTRY_COMPARE(sources->rowCount(), 1);
    QCOMPARE(sources->source(0)->sha256.size(), 64);
    QCOMPARE(sources->index(0, SourcesModel::Records).data().toString(), QStringLiteral("1"));
    QCOMPARE(sources->index(0, SourcesModel::Messages).data().toString(), QStringLiteral("2")); // lines read
    QCOMPARE(sources->index(0, SourcesModel::Errors).data().toString(), QStringLiteral("1"));
    QVERIFY(sources->index(0, SourcesModel::Elapsed).data().toString().endsWith(QStringLiteral(" s")));
    window.importPanel()->showErrors(sources->source(0)->id);
    QDialog* errors = nullptr;
    QTRY_VERIFY((errors = window.findChild<QDialog*>(QStringLiteral("sourceErrorsDialog"))) != nullptr);
    QVERIFY(errors->findChild<QPlainTextEdit*>()->toPlainText().contains(QStringLiteral("line 2")));
    errors->close();

    // The same file again is recognised by its SHA-256 and not imported twice.
    window.importFiles({log});
    QTRY_COMPARE(window.jobs()->jobs().size(), 2);
    BackgroundJob* again = window.jobs()->jobs().last();
    QTRY_VERIFY_WITH_TIMEOUT(!again->isActive(), 20000);
    QVERIFY2(again->message().contains(QStringLiteral("already in the case")), qPrintable(again->message()));
}

void TestMainWindow::captureOptionsApplyToFileImports()
{
    // The ports and the mDNS / LLMNR boxes beside them decide what a capture imported from a file gives: a
    // multicast DNS capture reads nothing with mDNS off (and the job says why), and is read with it on.
    const QString path = m_dir.filePath(QStringLiteral("options.pdnscase"));
    const QString capture = QStringLiteral(PDNSW_PCAP_DIR "/zeek__dns_mdns.pcap");
    MainWindow window;
    window.show();
    window.openCase(path, true);
    QTRY_VERIFY_WITH_TIMEOUT(!window.casePath().isEmpty(), 10000);
    LiveCaptureBar* bar = window.importPanel()->captureBar();
    QVERIFY(!bar->mdnsCheckBox()->isChecked());
    window.importFiles({capture});
    QTRY_COMPARE_WITH_TIMEOUT(window.jobs()->jobs().size(), 1, 10000);
    BackgroundJob* off = window.jobs()->jobs().last();
    QTRY_VERIFY_WITH_TIMEOUT(!off->isActive(), 20000);
    QCOMPARE(off->state(), BackgroundJob::State::Succeeded);
    QVERIFY2(off->message().contains(QStringLiteral("18 packets on the mDNS port (5353) were left out")),
        qPrintable(off->message()));

    bar->mdnsCheckBox()->setChecked(true);
    window.importFiles({capture});
    QTRY_COMPARE_WITH_TIMEOUT(window.jobs()->jobs().size(), 2, 10000);
    auto* on = qobject_cast<ImportJob*>(window.jobs()->jobs().last());
    QVERIFY(on);
    QTRY_VERIFY_WITH_TIMEOUT(!on->isActive(), 20000);
    QCOMPARE(on->state(), BackgroundJob::State::Succeeded);
    QVERIFY(on->records() > 0);
    QVERIFY2(!on->message().contains(QStringLiteral("left out")), qPrintable(on->message()));
    QVERIFY(testing::waitIdle(window));
    SourcesModel* sources = window.importPanel()->model();
    QTRY_COMPARE(sources->rowCount(), 2);
    const SourceInfo* withMdns = sources->source(sources->rowOfSource(on->sourceId()));
    QVERIFY(withMdns);
    QVERIFY2(withMdns->parameters.contains(QStringLiteral("\"mdns\":true")), qPrintable(withMdns->parameters));
}

// A .pcap.gz is imported as a capture and a Zeek log archived with gzip as a log, each under the compressed file's
// name and SHA-256.
void TestMainWindow::importsGzipCompressedFiles()
{
    const auto gzipped = [this](const QString& from, const QString& name) {
        QProcess gzip;
        gzip.start(QStringLiteral("gzip"), {QStringLiteral("-c"), from});
        const QString to = m_dir.filePath(name);
        if (!gzip.waitForFinished(30000) || gzip.exitCode() != 0
            || !testing::writeFile(to, gzip.readAllStandardOutput()))
            return QString();
        return to;
    };
    const QString capture = gzipped(QStringLiteral(PDNSW_PCAP_DIR "/dnscap__dns.pcap"), QStringLiteral("dns.pcap.gz"));
    const QString log = gzipped(QStringLiteral(PDNSW_SOURCE_DIR "/tests/importers/data/zeek_dns.log"),
        QStringLiteral("dns.00:00:00-01:00:00.log.gz"));
    QVERIFY(!capture.isEmpty() && !log.isEmpty());
    MainWindow window;
    window.show();
    window.openCase(m_dir.filePath(QStringLiteral("gzip.pdnscase")), true);
    QTRY_VERIFY_WITH_TIMEOUT(!window.casePath().isEmpty(), 10000);
    window.importFiles({capture, log});
    QTRY_COMPARE_WITH_TIMEOUT(window.jobs()->jobs().size(), 2, 10000);
    for (BackgroundJob* job : window.jobs()->jobs()) {
        auto* import = qobject_cast<ImportJob*>(job);
        QVERIFY(import);
        QTRY_VERIFY_WITH_TIMEOUT(!import->isActive(), 20000);
        QVERIFY2(import->state() == BackgroundJob::State::Succeeded, qPrintable(import->message()));
        QVERIFY(import->records() > 0);
    }
    QVERIFY(testing::waitIdle(window));
    SourcesModel* sources = window.importPanel()->model();
    QTRY_COMPARE(sources->rowCount(), 2);
    QStringList kinds;
    for (int row = 0; row < 2; ++row) {
        const SourceInfo* source = sources->source(row);
        kinds.append(source->label + u' ' + source->kind);
        QCOMPARE(source->size, QFileInfo(source->label == QLatin1String("dns.pcap.gz") ? capture : log).size());
    }
    kinds.sort();
    QCOMPARE(
        kinds, (QStringList{QStringLiteral("dns.00:00:00-01:00:00.log.gz zeek"), QStringLiteral("dns.pcap.gz pcap")}));
}

// Bad ports in the window stop the captures among the files, each saying why, and leave the logs to import.
void TestMainWindow::badPortsStopOnlyTheCaptures()
{
    const QString log = m_dir.filePath(QStringLiteral("ports.ndjson"));
    QVERIFY(testing::writeFile(log,
        "{\"rrname\":\"www.ports.example\",\"rrtype\":\"A\",\"rdata\":\"192.0.2.11\",\"time_first\":1514764800,"
        "\"time_last\":1514851200,\"count\":2}\n"));
    const QString capture = QStringLiteral(PDNSW_PCAP_DIR "/dnscap__dns.pcap");
    MainWindow window;
    window.show();
    window.openCase(m_dir.filePath(QStringLiteral("ports.pdnscase")), true);
    QTRY_VERIFY_WITH_TIMEOUT(!window.casePath().isEmpty(), 10000);
    window.importPanel()->captureBar()->portsEdit()->setText(QStringLiteral("53,dns"));
    window.importFiles({capture, log});
    QTRY_COMPARE_WITH_TIMEOUT(window.jobs()->jobs().size(), 2, 10000);
    BackgroundJob* captureJob = window.jobs()->jobs().first();
    BackgroundJob* logJob = window.jobs()->jobs().last();
    QTRY_VERIFY_WITH_TIMEOUT(!captureJob->isActive() && !logJob->isActive(), 20000);
    QCOMPARE(captureJob->state(), BackgroundJob::State::Failed);
    QVERIFY2(captureJob->message().contains(QStringLiteral("dns"))
            && captureJob->message().contains(QStringLiteral("Captures are decoded on these ports")),
        qPrintable(captureJob->message()));
    QVERIFY2(logJob->state() == BackgroundJob::State::Succeeded, qPrintable(logJob->message()));
    QTRY_VERIFY_WITH_TIMEOUT(window.namesPanel()->model()->rowOfName(QStringLiteral("www.ports.example")) >= 0, 10000);
    QVERIFY(!window.findChild<QMessageBox*>(QStringLiteral("errorBox")));
}

void TestMainWindow::passiveDnsLayoutDialogChecksEntries_data()
{
    QTest::addColumn<QString>("fields");
    QTest::addColumn<QString>("delimiter");
    QTest::addColumn<QString>("offset");
    QTest::addColumn<bool>("accepted");
    QTest::addColumn<QString>("status");
    QTest::newRow("default") << "SMcsCQTAtn"
                             << "||"
                             << "" << true
                             << "Each line: timestamp||client||server||class||query||type||answer||ttl||count";
    QTest::newRow("tab typed as \\t") << "SQTA"
                                      << "\\t"
                                      << "" << true << "Each line: timestamp, query, type, answer";
    QTest::newRow("H needs an offset") << "HQTA"
                                       << "|"
                                       << "" << false << "give the sensor's UTC offset";
    QTest::newRow("unknown letter") << "SQTAZ"
                                    << "|"
                                    << "" << false << "letter 'Z'";
    // Entries are shown as typed, never interpreted as rich text.
    QTest::newRow("markup in the delimiter") << "SQTA"
                                             << "<b>x</b>"
                                             << "" << false << "'<b>x</b>'";
}

void TestMainWindow::passiveDnsLayoutDialogChecksEntries()
{
    QFETCH(QString, fields);
    QFETCH(QString, delimiter);
    QFETCH(QString, offset);
    QFETCH(bool, accepted);
    QFETCH(QString, status);
    PassiveDnsLayoutDialog dialog;
    dialog.setEntries(fields, delimiter, offset);
    QCOMPARE(dialog.canAccept(), accepted);
    QCOMPARE(dialog.layout().has_value(), accepted);
    QVERIFY2(dialog.statusText().contains(status), qPrintable(dialog.statusText()));
    auto* label = dialog.findChild<QLabel*>(QStringLiteral("passivednsLayoutStatus"));
    QVERIFY(label);
    QCOMPARE(label->textFormat(), Qt::PlainText);
}

// A sensor log with its own fields: refused with the way out when imported plainly, imported with its layout.
void TestMainWindow::importsPassiveDnsLogWithItsOwnFields()
{
    const QString path = m_dir.filePath(QStringLiteral("own-fields.pdnscase"));
    const QString log = m_dir.filePath(QStringLiteral("sensor-own-fields.log"));
    QVERIFY(testing::writeFile(log, "2018-01-01 01:00:00.500000;10.1.1.1;www.own.example.;A;192.0.2.77;300\n"));
    MainWindow window;
    window.show();
    QSignalSpy opened(&window, &MainWindow::caseOpened);
    window.openCase(path, true);
    QTRY_COMPARE_WITH_TIMEOUT(opened.count(), 1, 10000);
    QVERIFY(testing::waitIdle(window));

    window.importFiles({log});
    QTRY_COMPARE_WITH_TIMEOUT(window.jobs()->jobs().size(), 1, 10000);
    BackgroundJob* plain = window.jobs()->jobs().first();
    QTRY_VERIFY_WITH_TIMEOUT(!plain->isActive(), 20000);
    QCOMPARE(plain->state(), BackgroundJob::State::Failed);
    QVERIFY2(plain->message().contains(QStringLiteral("Import passivedns log with its own fields")),
        qPrintable(plain->message()));

    QString error;
    const auto layout = PassiveDnsLayout::parse(u"HcQTAt", u";", u"+01:00", &error);
    QVERIFY2(layout, qPrintable(error));
    window.importFiles({log}, layout);
    QTRY_COMPARE_WITH_TIMEOUT(window.jobs()->jobs().size(), 2, 10000);
    BackgroundJob* job = window.jobs()->jobs().last();
    QTRY_VERIFY_WITH_TIMEOUT(!job->isActive(), 20000);
    QVERIFY2(job->state() == BackgroundJob::State::Succeeded, qPrintable(job->message()));
    QTRY_VERIFY_WITH_TIMEOUT(window.namesPanel()->model()->rowOfName(QStringLiteral("www.own.example")) >= 0, 10000);
    QVERIFY(testing::waitIdle(window));
    SourcesModel* sources = window.importPanel()->model();
    QTRY_COMPARE(sources->rowCount(), 1);
    QVERIFY2(sources->source(0)->parameters.contains(QStringLiteral("\"fields\":\"HcQTAt\"")),
        qPrintable(sources->source(0)->parameters));
}

void TestMainWindow::refusesFilesThatAreNotCases()
{
    const QString notACase = m_dir.filePath(QStringLiteral("notes.txt"));
    QVERIFY(testing::writeFile(notACase, "this is not an SQLite file\n"));
    MainWindow window;
    window.show();
    QSignalSpy failed(&window, &MainWindow::caseOpenFailed);
    window.openCase(notACase, false);
    QTRY_COMPARE(failed.count(), 1);
    QVERIFY(window.casePath().isEmpty());
    QMessageBox* box = nullptr;
    QTRY_VERIFY((box = window.findChild<QMessageBox*>(QStringLiteral("errorBox"))) != nullptr);
    QCOMPARE(box->textFormat(), Qt::PlainText);
    QVERIFY(box->text().contains(QStringLiteral("notes.txt")));
    box->close();
}

// A big case's check says how far it is. Opening another case meanwhile stops it: the case asked for last is the one
// that opens, whichever check ends first, and the stopped one leaves no error behind.
void TestMainWindow::openingAnotherCaseStopsTheCheck()
{
    const QString big = m_dir.filePath(QStringLiteral("big-check.pdnscase"));
    {
        CaseError error;
        auto file = CaseFile::open(big, CaseFile::Mode::CreateIfMissing, {}, &error);
        QVERIFY2(file, qPrintable(error.message));
        QList<Observation> observations;
        for (int i = 0; i < 150000; ++i) {
            const QByteArray name = QStringLiteral("h%1.check.example").arg(i).toLatin1();
            observations.append(testing::obs(name.constData(), "A", QStringLiteral("198.51.100.%1").arg(i % 250),
                "2024-01-01T00:00:00Z", "2024-01-02T00:00:00Z", 1));
        }
        QString message;
        QVERIFY2(testing::writeSource(*file, testing::source("pcap", "big.pcap"), observations, &message),
            qPrintable(message));
    }
    MainWindow window;
    window.show();
    QStringList messages;
    connect(window.statusBar(), &QStatusBar::messageChanged, this, [&](const QString& m) { messages.append(m); });
    QVERIFY(testing::openAndWait(window, big));
    const QString progress = QStringLiteral("Checking big-check.pdnscase before use: ");
    QVERIFY2(std::any_of(messages.cbegin(), messages.cend(), [&](const QString& m) { return m.startsWith(progress); }),
        qPrintable(messages.join(QLatin1Char('\n'))));

    QSignalSpy opened(&window, &MainWindow::caseOpened);
    QSignalSpy failed(&window, &MainWindow::caseOpenFailed);
    window.openCase(big, false);
    window.openCase(m_casePath, false);
    QTRY_COMPARE_WITH_TIMEOUT(opened.count(), 1, 20000);
    const QString small = QFileInfo(m_casePath).absoluteFilePath();
    QCOMPARE(opened.first().first().toString(), small);
    QVERIFY(testing::waitIdle(window));
    QTest::qWait(1500); // the big case's check, had it gone on, would have ended by now
    QCOMPARE(opened.count(), 1);
    QCOMPARE(failed.count(), 0);
    QCOMPARE(window.casePath(), small);
    QVERIFY(!window.findChild<QMessageBox*>(QStringLiteral("errorBox")));

    // Stop (the status bar's button): nothing opens, nothing fails, and the status bar says what happened.
    window.openCase(big, false);
    window.stopOpening();
    QTest::qWait(1500);
    QCOMPARE(opened.count(), 1);
    QCOMPARE(failed.count(), 0);
    QVERIFY(window.casePath().isEmpty());
    QVERIFY(!window.findChild<QMessageBox*>(QStringLiteral("errorBox")));
    QVERIFY2(window.statusBar()->currentMessage().startsWith(QStringLiteral("Stopped opening big-check.pdnscase")),
        qPrintable(window.statusBar()->currentMessage()));
    QVERIFY(window.findChild<QToolButton*>(QStringLiteral("stopOpening"))->isHidden());
    // Once a case is open there is nothing to stop.
    QVERIFY(testing::openAndWait(window, big));
    window.stopOpening();
    QCOMPARE(window.casePath(), QFileInfo(big).absoluteFilePath());
}

void TestMainWindow::hostileCaseShowsOnlyPlainText()
{
    MainWindow window;
    window.show();
    QVERIFY(testing::openAndWait(window, m_hostilePath));
    // Select every name in turn so the Details, Notes and title labels show the hostile values.
    NamesModel* names = window.namesPanel()->model();
    QVERIFY(names->rowCount() >= 8);
    for (int row = 0; row < names->rowCount(); ++row) {
        QVERIFY(window.namesPanel()->selectName(names->entry(row)->name));
        QVERIFY(testing::waitIdle(window));
        for (QLabel* label : window.findChildren<QLabel*>()) {
            if (label->text().isEmpty())
                continue;
            const bool plain = label->textFormat() == Qt::PlainText;
            QVERIFY2(plain || !Qt::mightBeRichText(label->text()),
                qPrintable(QStringLiteral("label %1 may render rich text: %2")
                               .arg(label->objectName(), label->text().left(80))));
            QVERIFY2(label->text().size() < 5000, "a label shows a huge value unelided");
            QVERIFY(!label->text().contains(u'\u202E'));
            QVERIFY(!label->openExternalLinks());
        }
    }
    // Every tooltip and cell of every table is escaped: no markup reaches QToolTip unescaped, no raw control or
    // bidi characters reach a cell.
    for (QTableView* view : window.findChildren<QTableView*>()) {
        QAbstractItemModel* model = view->model();
        for (int row = 0; row < model->rowCount(); ++row) {
            for (int column = 0; column < model->columnCount(); ++column) {
                const QModelIndex index = model->index(row, column);
                const QString tip = index.data(Qt::ToolTipRole).toString();
                if (!tip.isEmpty()) {
                    QVERIFY(tip.startsWith(QStringLiteral("<qt>")));
                    QTextDocument doc;
                    doc.setHtml(tip);
                    QVERIFY2(doc.toHtml().contains(QStringLiteral("<img")) == false, qPrintable(tip.left(200)));
                    QVERIFY(!tip.contains(QStringLiteral("<b>bold")));
                    QVERIFY(!tip.contains(QStringLiteral("<a href")));
                }
                const QString text = index.data().toString();
                QVERIFY(!text.contains(u'\n'));
                QVERIFY(!text.contains(u'\u202E'));
                QVERIFY(text.size() < 1000);
            }
        }
    }
    // The hosts dialog for a hostile name shows it as plain text and writes nothing for it.
    HostsOverrideDialog dialog(window.worker(), QStringLiteral("victim.example"), std::nullopt, &window);
    QTRY_VERIFY(dialog.isLoaded());
    for (QLabel* label : dialog.findChildren<QLabel*>())
        QVERIFY(label->textFormat() == Qt::PlainText || !Qt::mightBeRichText(label->text()));
}

void TestMainWindow::layoutAndRecentCasesAreRemembered()
{
    {
        MainWindow window;
        window.show();
        QVERIFY(testing::openAndWait(window, m_casePath));
        window.dock(QStringLiteral("notesDock"))->hide();
        window.close();
    }
    const QStringList recent = RecentCases::load();
    QVERIFY(!recent.isEmpty());
    QCOMPARE(recent.first(), QFileInfo(m_casePath).absoluteFilePath());
    MainWindow again;
    again.show();
    QVERIFY(again.dock(QStringLiteral("notesDock"))->isHidden());
    QVERIFY(!again.dock(QStringLiteral("namesDock"))->isHidden());
    // The remembered state holds the layout only: no case content, no keys.
    QSettings settings;
    for (const QString& key : settings.allKeys())
        QVERIFY(!settings.value(key).toString().contains(QStringLiteral("bad.example")));
}

QTEST_MAIN(TestMainWindow)
#include "TestMainWindow.moc"
