// The Providers dock and its settings dialog driven through their real widgets, against the providers' local
// test server (tests/providers/provider_server.py over HTTPS with its own CA), recording into a real case.
#include "CaseFixture.h"
#include "ProviderTestServer.h"
#include "WindowTestSupport.h"

#include "models/CaseReader.h"
#include "models/CaseSchema.h"
#include "models/ProviderQueryLog.h"
#include "models/SqlStatement.h"
#include "models/itemmodels/NamesModel.h"
#include "models/itemmodels/ProviderJobsModel.h"
#include "models/itemmodels/ProviderRecordsModel.h"
#include "providers/ProviderCaseRecorder.h"
#include "providers/ProviderCatalog.h"
#include "providers/ProviderSettings.h"
#include "ui/NamesPanel.h"
#include "ui/graph/GraphView.h"
#include "ui/providers/ProviderPanel.h"
#include "ui/providers/ProviderRunner.h"
#include "ui/providers/ProviderSettingsDialog.h"
#include "ui/timeline/TimelineView.h"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QDialogButtonBox>
#include <QDockWidget>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QTableView>
#include <QTemporaryDir>

using namespace pdnsw;

class TestProviderPanel : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void providerStatesShowOnTheCheckBoxes();
    void answersStreamPerProviderIntoTheCase();
    void cachedAnswersAreReusedUntilRefresh();
    void unicodeNamesAreAskedAsALabels();
    void pivotAboveTheThresholdAsksFirst();
    void stopCancelsRunningRequests();
    void closingTheCaseMidQueryFinishesItsLog();
    void answersWaitForABulkImportAndSayWhy();
    void stopEndsTheWaitForABulkImport();
    void nowAnswerWaitsForABulkImportAndSaysWhy();
    void graphDoubleClickPivotsAndAddsAnswers();
    void nowLineShowsTheResolverAnswer();
    void settingsDialogKeepsKeysOutOfFilesAndChecksUrls();
    void modelsPassTheTester();

private:
    // DNSDB only; set its "stall" scenario before the window exists.
    void startStalledQuery(MainWindow& window);
    void setScenario(const QString& provider, const QString& scenario);
    bool runAndWait(ProviderPanel* panel, int timeoutMs = 30000);
    // What a bulk import on another connection does to the case while it runs: its observation indexes are gone.
    bool setObservationIndexes(bool present);
    void tick(ProviderPanel* panel, const QStringList& ids);
    // Shows the window on the test case with only DNSDB ticked and "bad.example" typed; null if that fails.
    ProviderPanel* openAskingDnsdb(MainWindow& window);
    static QPushButton* stopButton(ProviderPanel* panel);
    bool caseHasDnsdbAnswer() const;
    // Takes the case's indexes down as a bulk import does, asks, and waits until the panel says it waits.
    bool askWhileABulkImportRuns(ProviderPanel* panel);

    ProviderTestServer m_server;
    QTemporaryDir m_dir;
    QString m_casePath;
    int m_caseNumber = 0;
};

void TestProviderPanel::initTestCase()
{
    testing::isolateSettings();
    // No keychain in the tests: keys come from the environment, and asking a keychain must not wait.
    qunsetenv("DBUS_SESSION_BUS_ADDRESS");
    QString error;
    QVERIFY2(m_server.start(&error), qPrintable(error));
    for (const ProviderDescriptor& d : providerCatalog()) {
        qunsetenv(qPrintable(QStringLiteral("PDNSW_%1_KEY").arg(d.envId)));
        qunsetenv(qPrintable(QStringLiteral("PDNSW_%1_URL").arg(d.envId)));
    }
    qputenv("PDNSW_CA_BUNDLE", m_server.caBundle().toLocal8Bit());
    qputenv("PDNSW_DNSDB_KEY", "pdnsw-test-key-dnsdb-5ecret");
    qputenv("PDNSW_CIRCL_KEY", "pdnsw-test-key-circl-5ecret");
    setScenario(QStringLiteral("DNSDB"), QStringLiteral("ok"));
    setScenario(QStringLiteral("CIRCL"), QStringLiteral("ok"));
    // No provider settings from earlier runs (in Qt's test mode the file lives under ~/.qttest and would leak into
    // this run). Only this suite writes that file, so clearing it cannot disturb suites running beside it.
    {
        QSettings providers(ProviderSettings::filePath(), QSettings::IniFormat);
        providers.clear();
        providers.sync();
    }
    // Fast limits for the two services under test (the settings file of the test location).
    for (const QString& id : {QStringLiteral("dnsdb"), QStringLiteral("circl")}) {
        QVERIFY(ProviderSettings::setValue(id + QStringLiteral("/rateRequests"), 100, &error));
        QVERIFY(ProviderSettings::setValue(QStringLiteral("network/totalTimeoutMs"), 20000, &error));
    }
    QVERIFY(m_dir.isValid());
}

void TestProviderPanel::init()
{
    // Every test starts from the investigation case, with no provider answers in it yet.
    m_casePath = m_dir.filePath(QStringLiteral("case-%1.pdnscase").arg(++m_caseNumber));
    QString message;
    QVERIFY2(testing::buildInvestigationCase(m_casePath, &message), qPrintable(message));
}

void TestProviderPanel::setScenario(const QString& provider, const QString& scenario)
{
    qputenv(qPrintable(QStringLiteral("PDNSW_%1_URL").arg(provider)), m_server.httpsBase(scenario).toLocal8Bit());
}

bool TestProviderPanel::runAndWait(ProviderPanel* panel, int timeoutMs)
{
    QSignalSpy finished(panel, &ProviderPanel::runFinished);
    QTest::keyClick(panel->queryEdit(), Qt::Key_Return);
    return QTest::qWaitFor([&] { return finished.count() > 0; }, timeoutMs);
}

ProviderPanel* TestProviderPanel::openAskingDnsdb(MainWindow& window)
{
    window.show();
    if (!testing::openAndWait(window, m_casePath))
        return nullptr;
    ProviderPanel* panel = window.providerPanel();
    if (!QTest::qWaitFor([panel] { return !panel->runner()->statuses().isEmpty(); }))
        return nullptr;
    tick(panel, {QStringLiteral("dnsdb")});
    panel->queryEdit()->setText(QStringLiteral("bad.example"));
    return panel;
}

QPushButton* TestProviderPanel::stopButton(ProviderPanel* panel)
{
    for (QPushButton* b : panel->findChildren<QPushButton*>()) {
        if (b->text() == QLatin1String("Stop"))
            return b;
    }
    return nullptr;
}

bool TestProviderPanel::askWhileABulkImportRuns(ProviderPanel* panel)
{
    if (!setObservationIndexes(false))
        return false;
    QTest::keyClick(panel->queryEdit(), Qt::Key_Return);
    return QTest::qWaitFor(
        [panel] { return panel->statusLabel()->text().contains(QStringLiteral("rebuilding its indexes")); }, 15000);
}

bool TestProviderPanel::caseHasDnsdbAnswer() const
{
    CaseError error;
    auto reader = CaseReader::open(m_casePath, &error);
    if (!reader)
        return false;
    for (const SourcedObservation& o : reader->timeline(QStringLiteral("bad.example"))) {
        if (o.sourceKind == QLatin1String("provider:dnsdb"))
            return true;
    }
    return false;
}

void TestProviderPanel::tick(ProviderPanel* panel, const QStringList& ids)
{
    for (const ProviderDescriptor& d : providerCatalog())
        panel->providerCheckBox(d.id)->setChecked(ids.contains(d.id));
    panel->resolveNowCheckBox()->setChecked(false);
}

void TestProviderPanel::providerStatesShowOnTheCheckBoxes()
{
    MainWindow window;
    window.show();
    QVERIFY(testing::openAndWait(window, m_casePath));
    ProviderPanel* panel = window.providerPanel();
    QTRY_VERIFY(panel->providerCheckBox(QStringLiteral("dnsdb"))->text().contains(QStringLiteral("ready")));
    QVERIFY(panel->providerCheckBox(QStringLiteral("circl"))->text().contains(QStringLiteral("ready")));
    QVERIFY2(panel->providerCheckBox(QStringLiteral("virustotal"))->text().contains(QStringLiteral("no key")),
        qPrintable(panel->providerCheckBox(QStringLiteral("virustotal"))->text()));
    // Until the analyst picks, the configured services are the ticked ones.
    QVERIFY(panel->providerCheckBox(QStringLiteral("dnsdb"))->isChecked());
    QVERIFY(!panel->providerCheckBox(QStringLiteral("virustotal"))->isChecked());
    const QString tip = panel->providerCheckBox(QStringLiteral("dnsdb"))->toolTip();
    QVERIFY2(tip.contains(QStringLiteral("environment")), qPrintable(tip));
    QVERIFY(!tip.contains(QStringLiteral("5ecret")));

    // A service that says its quota is spent is shown as such.
    setScenario(QStringLiteral("CIRCL"), QStringLiteral("quota"));
    panel->runner()->reloadConfiguration();
    QTRY_VERIFY(panel->providerCheckBox(QStringLiteral("circl"))->text().contains(QStringLiteral("ready")));
    tick(panel, {QStringLiteral("circl")});
    panel->queryEdit()->setText(QStringLiteral("bad.example"));
    QVERIFY(runAndWait(panel, 60000));
    QVERIFY2(panel->providerCheckBox(QStringLiteral("circl"))->text().contains(QStringLiteral("quota")),
        qPrintable(panel->providerCheckBox(QStringLiteral("circl"))->text()));
    setScenario(QStringLiteral("CIRCL"), QStringLiteral("ok"));
}

void TestProviderPanel::answersStreamPerProviderIntoTheCase()
{
    MainWindow window;
    window.show();
    QVERIFY(testing::openAndWait(window, m_casePath));
    ProviderPanel* panel = window.providerPanel();
    QTRY_VERIFY(!panel->runner()->statuses().isEmpty());
    tick(panel, {QStringLiteral("dnsdb"), QStringLiteral("circl")});
    QTest::keyClicks(panel->queryEdit(), QStringLiteral("bad.example"));
    QTRY_VERIFY2(
        panel->costLabel()->text().contains(QStringLiteral("2 request")), qPrintable(panel->costLabel()->text()));

    QSignalSpy records(panel->recordsModel(), &QAbstractItemModel::rowsInserted);
    QSignalSpy refreshed(&window, &MainWindow::refreshed);
    QVERIFY(runAndWait(panel));
    ProviderJobsModel* jobs = panel->jobsModel();
    QCOMPARE(jobs->rowCount(), 2);
    for (const ProviderJobRow& row : jobs->rows()) {
        QCOMPARE(row.status, ProviderJobRow::Status::Ok);
        QVERIFY(row.records > 0);
        QVERIFY(row.queryId > 0);
        QCOMPARE(row.question, QStringLiteral("bad.example"));
    }
    // Pages arrived one insert at a time, per provider, as they streamed in.
    QVERIFY(records.count() >= 2);
    QSet<QString> providers;
    for (int r = 0; r < panel->recordsModel()->rowCount(); ++r)
        providers.insert(panel->recordsModel()->index(r, ProviderRecordsModel::Provider).data().toString());
    QCOMPARE(providers,
        (QSet<QString>{findProvider(QStringLiteral("dnsdb"))->name, findProvider(QStringLiteral("circl"))->name}));

    // Selecting a provider row shows only its answers.
    panel->jobsView()->selectRow(0);
    const int dnsdbRows = panel->recordsView()->model()->rowCount();
    QVERIFY(dnsdbRows > 0 && dnsdbRows < panel->recordsModel()->rowCount());

    // Recorded through the case's audit log, with the raw pages, and the window reloaded.
    QTRY_VERIFY(refreshed.count() > 0);
    QVERIFY(testing::waitIdle(window));
    QCOMPARE(window.counts().providerQueries, 3); // the fixture's query plus these two
    CaseError error;
    auto file = CaseFile::open(m_casePath, CaseFile::Mode::ReadOnly, &error);
    QVERIFY(file);
    ProviderQueryLog log(*file);
    std::optional<ProviderQueryRecord> asked;
    for (const ProviderQueryRecord& q : log.queries(QStringLiteral("dnsdb"))) {
        if (q.question == QLatin1String("bad.example"))
            asked = q;
    }
    QVERIFY(asked);
    QVERIFY(asked->finishedAt.has_value());
    QVERIFY(asked->error.isEmpty());
    QVERIFY(!log.pages(asked->id).isEmpty());
    auto reader = CaseReader::open(m_casePath, &error);
    QVERIFY(reader);
    bool sawDnsdb = false;
    for (const SourcedObservation& o : reader->timeline(QStringLiteral("bad.example")))
        sawDnsdb = sawDnsdb || o.sourceKind == QLatin1String("provider:dnsdb");
    QVERIFY(sawDnsdb);
    QVERIFY(window.namesPanel()->model()->rowOfName(QStringLiteral("bad.example")) >= 0);
}

void TestProviderPanel::cachedAnswersAreReusedUntilRefresh()
{
    MainWindow window;
    ProviderPanel* panel = openAskingDnsdb(window);
    QVERIFY(panel);
    QVERIFY(runAndWait(panel));
    QCOMPARE(panel->jobsModel()->rows().first().status, ProviderJobRow::Status::Ok);
    const qint64 firstRecords = panel->jobsModel()->rows().first().records;

    // Asked again: the case answers, with its age, and the stored records are listed.
    QTRY_VERIFY(panel->costLabel()->text().contains(QStringLiteral("cache")));
    QVERIFY(runAndWait(panel));
    ProviderJobRow cached = panel->jobsModel()->rows().first();
    QCOMPARE(cached.status, ProviderJobRow::Status::Cached);
    QVERIFY2(cached.note.contains(QStringLiteral("old")), qPrintable(cached.note));
    QCOMPARE(cached.records, firstRecords);
    QCOMPARE(panel->recordsModel()->rowCount(), int(firstRecords));

    // F5 in the dock asks the service again.
    QSignalSpy finished(panel, &ProviderPanel::runFinished);
    window.activateWindow();
    panel->queryEdit()->setFocus();
    QTRY_VERIFY(panel->queryEdit()->hasFocus());
    QTest::keyClick(panel->queryEdit(), Qt::Key_F5);
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 30000);
    QCOMPARE(panel->jobsModel()->rows().first().status, ProviderJobRow::Status::Ok);
}

void TestProviderPanel::unicodeNamesAreAskedAsALabels()
{
    MainWindow window;
    window.show();
    QVERIFY(testing::openAndWait(window, m_casePath));
    ProviderPanel* panel = window.providerPanel();
    QTRY_VERIFY(!panel->runner()->statuses().isEmpty());
    tick(panel, {QStringLiteral("dnsdb")});
    panel->queryEdit()->setText(QStringLiteral("B\u00fccher.DE"));
    QVERIFY(runAndWait(panel));
    QCOMPARE(panel->jobsModel()->rows().first().question, QStringLiteral("xn--bcher-kva.de"));
    const QString shown = panel->jobsModel()->index(0, ProviderJobsModel::Question).data().toString();
    QVERIFY2(shown.contains(QStringLiteral("b\u00fccher.de")), qPrintable(shown));

    // A question that is not a name, an address or a CIDR is refused before anything is sent.
    QSignalSpy started(panel->runner(), &ProviderRunner::runStarted);
    panel->queryEdit()->setText(QStringLiteral("bad name with spaces"));
    QTest::keyClick(panel->queryEdit(), Qt::Key_Return);
    QTRY_VERIFY(!panel->statusLabel()->text().isEmpty());
    QCOMPARE(started.count(), 0);
    QMessageBox* box = nullptr;
    QTRY_VERIFY((box = window.findChild<QMessageBox*>(QStringLiteral("errorBox"))) != nullptr);
    box->close();
}

void TestProviderPanel::pivotAboveTheThresholdAsksFirst()
{
    MainWindow window;
    ProviderPanel* panel = openAskingDnsdb(window);
    QVERIFY(panel);
    QVERIFY(runAndWait(panel)); // level 0 now comes from the cache
    panel->depthSpin()->setValue(1);
    panel->findChildren<QSpinBox*>().last()->setValue(0); // "Ask above": every request needs a yes

    // Declined: nothing is asked at level 1.
    QSignalSpy finished(panel, &ProviderPanel::runFinished);
    QTest::keyClick(panel->queryEdit(), Qt::Key_Return);
    QMessageBox* box = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT(
        (box = panel->findChild<QMessageBox*>(QStringLiteral("pivotConfirmBox"))) != nullptr, 20000);
    QVERIFY(box->text().contains(QStringLiteral("dnsdb")));
    box->button(QMessageBox::No)->click();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 20000);
    for (const ProviderJobRow& row : panel->jobsModel()->rows())
        QCOMPARE(row.level, 0);
    QVERIFY(panel->statusLabel()->text().contains(QStringLiteral("Stopped before pivot level 1")));

    // Accepted: the addresses of the answers are asked about.
    QTest::keyClick(panel->queryEdit(), Qt::Key_Return);
    QTRY_VERIFY_WITH_TIMEOUT(
        (box = panel->findChild<QMessageBox*>(QStringLiteral("pivotConfirmBox"))) != nullptr, 20000);
    box->button(QMessageBox::Yes)->click();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, 60000);
    QSet<QString> level1;
    for (const ProviderJobRow& row : panel->jobsModel()->rows()) {
        if (row.level == 1)
            level1.insert(row.question);
    }
    QVERIFY2(level1.contains(QStringLiteral("198.51.100.23")), qPrintable(QStringList(level1.values()).join(u',')));
}

void TestProviderPanel::startStalledQuery(MainWindow& window)
{
    window.show();
    QVERIFY(testing::openAndWait(window, m_casePath));
    ProviderPanel* panel = window.providerPanel();
    QTRY_VERIFY(!panel->runner()->statuses().isEmpty());
    tick(panel, {QStringLiteral("dnsdb")});
    panel->queryEdit()->setText(QStringLiteral("bad.example"));
    QTest::keyClick(panel->queryEdit(), Qt::Key_Return);
    QTRY_VERIFY(panel->isRunning());
    QTRY_COMPARE(panel->jobsModel()->rowCount(), 1);
}

void TestProviderPanel::stopCancelsRunningRequests()
{
    setScenario(QStringLiteral("DNSDB"), QStringLiteral("stall")); // before the window reads the settings
    MainWindow window;
    startStalledQuery(window);
    ProviderPanel* panel = window.providerPanel();
    QSignalSpy finished(panel, &ProviderPanel::runFinished);
    QVERIFY(!panel->runButton()->isEnabled());
    // While it runs, the status line says how far the level is.
    QTRY_COMPARE(panel->statusLabel()->text(), QStringLiteral("Asking\u2026 0 of 1 answered"));
    QTest::qWait(300);
    QElapsedTimer clock;
    clock.start();
    QPushButton* stop = stopButton(panel);
    QVERIFY(stop && stop->isEnabled());
    stop->click();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 10000);
    QVERIFY2(clock.elapsed() < 5000, "Stop must not wait for the stalled server");
    QCOMPARE(finished.first().at(1).toBool(), true);
    QCOMPARE(panel->jobsModel()->rows().first().status, ProviderJobRow::Status::Cancelled);
    QVERIFY(panel->runButton()->isEnabled());
    setScenario(QStringLiteral("DNSDB"), QStringLiteral("ok"));
}

bool TestProviderPanel::setObservationIndexes(bool present)
{
    CaseError error;
    auto file = CaseFile::open(m_casePath, CaseFile::Mode::OpenExisting, &error);
    if (!file)
        return false;
    QString message;
    bool ok = execSql(file->handle(), "BEGIN IMMEDIATE", &message);
    ok = ok
        && (present ? ensureCaseIndexes(file->handle(), &message) : dropDeferrableIndexes(file->handle(), &message));
    ok = ok && execSql(file->handle(), "COMMIT", &message);
    if (!ok)
        qWarning("%s", qPrintable(message));
    return ok;
}

// The raw pages of this case's DNSDB queries for bad.example, and how many of those queries are finished.
static int loggedDnsdbPages(const QString& casePath, int* finishedQueries = nullptr)
{
    CaseError error;
    auto file = CaseFile::open(casePath, CaseFile::Mode::ReadOnly, &error);
    if (!file)
        return -1;
    ProviderQueryLog log(*file);
    int pages = 0;
    for (const ProviderQueryRecord& q : log.queries(QStringLiteral("dnsdb"))) {
        if (q.question != QLatin1String("bad.example"))
            continue;
        pages += int(log.pages(q.id).size());
        if (finishedQueries && q.finishedAt.has_value())
            ++*finishedQueries;
    }
    return pages;
}

void TestProviderPanel::answersWaitForABulkImportAndSayWhy()
{
    // A bulk import elsewhere has the key index down, so records cannot be stored yet. The answers are listed
    // and logged at once; the end of the run waits for the index, says why on the status line instead of
    // looking stuck, and stores the records once the import has rebuilt its indexes.
    MainWindow window;
    ProviderPanel* panel = openAskingDnsdb(window);
    QVERIFY(panel);
    QSignalSpy finished(panel, &ProviderPanel::runFinished);
    QSignalSpy errors(panel, &ProviderPanel::errorOccurred);
    QVERIFY(askWhileABulkImportRuns(panel));
    QCOMPARE(finished.count(), 0);
    QTRY_COMPARE(panel->jobsModel()->rowCount(), 1);
    QCOMPARE(panel->jobsModel()->rows().first().status, ProviderJobRow::Status::Ok);
    QVERIFY(panel->recordsModel()->rowCount() > 0);
    QVERIFY(loggedDnsdbPages(m_casePath) > 0);
    QTest::qWait(200);
    QCOMPARE(finished.count(), 0);

    QVERIFY(setObservationIndexes(true));
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 15000);
    QCOMPARE(finished.first().at(1).toBool(), false);
    QVERIFY2(panel->statusLabel()->text().startsWith(QStringLiteral("Done")), qPrintable(panel->statusLabel()->text()));
    QCOMPARE(errors.count(), 0);
    QVERIFY(caseHasDnsdbAnswer());
}

void TestProviderPanel::stopEndsTheWaitForABulkImport()
{
    // Stop must not sit out the bulk import (the wait allows 30 minutes): the run ends at once and says what was
    // not stored; the raw answer stays in the query log, and reparsing it later gives the records.
    MainWindow window;
    ProviderPanel* panel = openAskingDnsdb(window);
    QVERIFY(panel);
    QSignalSpy finished(panel, &ProviderPanel::runFinished);
    QSignalSpy errors(panel, &ProviderPanel::errorOccurred);
    QVERIFY(askWhileABulkImportRuns(panel));
    QElapsedTimer clock;
    clock.start();
    QPushButton* stop = stopButton(panel);
    QVERIFY(stop && stop->isEnabled());
    stop->click();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 10000);
    QVERIFY2(clock.elapsed() < 5000, "Stop must not wait for the bulk import");
    QTRY_COMPARE(errors.count(), 1);
    const QString message = errors.first().at(1).toString();
    QVERIFY2(message.contains(QStringLiteral("Stopped waiting")) && message.contains(QStringLiteral("reparse")),
        qPrintable(message));
    QVERIFY(panel->runButton()->isEnabled());
    for (QMessageBox* box : window.findChildren<QMessageBox*>())
        box->close();

    QVERIFY(setObservationIndexes(true));
    int finishedQueries = 0;
    QVERIFY(loggedDnsdbPages(m_casePath, &finishedQueries) > 0);
    QCOMPARE(finishedQueries, 1);
    CaseError error;
    auto file = CaseFile::open(m_casePath, CaseFile::Mode::OpenExisting, &error);
    QVERIFY(file);
    const auto reparsed = ProviderCaseRecorder::reparse(*file, std::nullopt, &error);
    QVERIFY2(reparsed, qPrintable(error.message));
    QVERIFY(reparsed->observations > 0);
}

void TestProviderPanel::nowAnswerWaitsForABulkImportAndSaysWhy()
{
    // The "now" answer is kept in the case too; while a bulk import has the indexes down the panel says why it
    // is not there yet, and it lands once the indexes are back.
    MainWindow window;
    ProviderPanel* panel = openAskingDnsdb(window);
    QVERIFY(panel);
    ProviderRunner* runner = panel->runner();
    QSignalSpy recorded(runner, &ProviderRunner::nowRecorded);
    QVERIFY(setObservationIndexes(false));
    NowAnswer answer;
    answer.name = QStringLiteral("now.bad.example");
    answer.rcode = QStringLiteral("NOERROR");
    answer.askedAt = 1700000000;
    Observation o;
    o.rrname = answer.name;
    o.rrtype = QStringLiteral("A");
    o.rdata = QStringLiteral("192.0.2.55");
    o.firstSeen = o.lastSeen = answer.askedAt;
    o.count = 1;
    answer.records = {o};
    runner->recordNowAnswer(answer);
    QTRY_VERIFY_WITH_TIMEOUT(panel->statusLabel()->text().contains(QStringLiteral("rebuilding its indexes")), 15000);
    QCOMPARE(recorded.count(), 0);

    QVERIFY(setObservationIndexes(true));
    QTRY_COMPARE_WITH_TIMEOUT(recorded.count(), 1, 15000);
    QCOMPARE(recorded.first().first().toString(), QString());
    CaseError error;
    auto reader = CaseReader::open(m_casePath, &error);
    QVERIFY(reader);
    const QList<SourcedObservation> rows = reader->timeline(answer.name);
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows.first().sourceKind, QStringLiteral("lookup:system"));
}

void TestProviderPanel::closingTheCaseMidQueryFinishesItsLog()
{
    // Closing the case while a provider stalls: the query's audit entry gets a finish time and a reason, not a
    // "running" state forever.
    setScenario(QStringLiteral("DNSDB"), QStringLiteral("stall"));
    {
        MainWindow window;
        startStalledQuery(window);
        QSignalSpy finished(window.providerPanel(), &ProviderPanel::runFinished);
        QTest::qWait(300);
        window.closeCase();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 10000);
    }
    setScenario(QStringLiteral("DNSDB"), QStringLiteral("ok"));
    CaseError error;
    auto file = CaseFile::open(m_casePath, CaseFile::Mode::ReadOnly, &error);
    QVERIFY2(file, qPrintable(error.message));
    ProviderQueryLog log(*file);
    const QList<ProviderQueryRecord> queries = log.queries(QStringLiteral("dnsdb"), 10);
    // Which comes first, the engine's "cancelled" for the job or the case closing, depends on timing; either
    // way the entry must end with a time and a reason.
    int asked = 0;
    for (const ProviderQueryRecord& q : queries) {
        if (q.question != QLatin1String("bad.example"))
            continue; // the investigation case comes with earlier, finished queries
        ++asked;
        QVERIFY(q.finishedAt.has_value());
        QVERIFY(!q.error.isEmpty());
    }
    QCOMPARE(asked, 1);
}

void TestProviderPanel::graphDoubleClickPivotsAndAddsAnswers()
{
    MainWindow window;
    window.resize(1366, 768);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(testing::openAndWait(window, m_casePath));
    ProviderPanel* panel = window.providerPanel();
    QTRY_VERIFY(!panel->runner()->statuses().isEmpty());
    tick(panel, {QStringLiteral("dnsdb")});
    QVERIFY(window.namesPanel()->selectName(QStringLiteral("www.bad.example")));
    QVERIFY(testing::waitIdle(window));
    GraphView* graph = window.graphView();
    window.dock(QStringLiteral("graphDock"))->raise();
    QTRY_VERIFY(graph->isVisible());
    const int node = graph->model().nodeIndex(QStringLiteral("198.51.100.23"));
    QVERIFY(node >= 0);
    QVERIFY(graph->model().nodeIndex(QStringLiteral("cdn.other.example")) < 0);
    QTRY_VERIFY_WITH_TIMEOUT(!graph->isLayoutRunning(), 20000);
    graph->fitAll();
    QSignalSpy finished(panel, &ProviderPanel::runFinished);
    QTest::mouseDClick(graph, Qt::LeftButton, Qt::NoModifier, graph->nodeViewPosition(node).toPoint());
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 30000);
    QCOMPARE(panel->queryEdit()->text(), QStringLiteral("198.51.100.23"));
    // The address's answers (DNSDB rdata lookup) join the graph.
    QTRY_VERIFY_WITH_TIMEOUT(graph->model().nodeIndex(QStringLiteral("cdn.other.example")) >= 0, 20000);
    QVERIFY(graph->model().nodeIndex(QStringLiteral("www.bad.example")) >= 0);
}

void TestProviderPanel::nowLineShowsTheResolverAnswer()
{
    MainWindow window;
    window.show();
    QVERIFY(testing::openAndWait(window, m_casePath));
    ProviderPanel* panel = window.providerPanel();
    QTRY_VERIFY(!panel->runner()->statuses().isEmpty());
    tick(panel, {QStringLiteral("dnsdb")});
    panel->resolveNowCheckBox()->setChecked(true);
    QVERIFY(window.namesPanel()->selectName(QStringLiteral("www.bad.example")));
    QVERIFY(testing::waitIdle(window));
    QSignalSpy now(panel, &ProviderPanel::nowAnswered);
    panel->queryEdit()->setText(QStringLiteral("www.bad.example"));
    QTest::keyClick(panel->queryEdit(), Qt::Key_Return);
    QVERIFY(panel->nowLabel()->text().contains(QStringLiteral("asking")));
    // The resolver of the test machine answers (NXDOMAIN for this name) or says it could not be asked.
    QTRY_COMPARE_WITH_TIMEOUT(now.count(), 1, 60000);
    const NowAnswer answer = now.first().first().value<NowAnswer>();
    QCOMPARE(answer.name, QStringLiteral("www.bad.example"));
    const QString line = panel->nowLabel()->text();
    QVERIFY2(line.startsWith(QStringLiteral("Now: www.bad.example")), qPrintable(line));
    QVERIFY(!line.contains(QStringLiteral("asking")));
    QVERIFY(panel->nowAnswer(QStringLiteral("www.bad.example")).has_value());
    if (!answer.records.isEmpty()) {
        // The timeline of the selected name shows it in its "now" column, also after the window reloads.
        QTRY_VERIFY(window.timelineView()->data().hasNowAnswer());
        QVERIFY(line.contains(answer.rcode) || !answer.records.isEmpty());
    }
}

void TestProviderPanel::settingsDialogKeepsKeysOutOfFilesAndChecksUrls()
{
    MainWindow window;
    window.show();
    QVERIFY(testing::openAndWait(window, m_casePath));
    ProviderPanel* panel = window.providerPanel();
    panel->openSettings();
    ProviderSettingsDialog* dialog = nullptr;
    QTRY_VERIFY((dialog = panel->findChild<ProviderSettingsDialog*>()) != nullptr);
    QSignalSpy checked(dialog, &ProviderSettingsDialog::keychainChecked);
    QTRY_COMPARE_WITH_TIMEOUT(checked.count(), 1, 15000);
    // Without a session bus there is no keychain: the dialog says the environment is the way.
    QVERIFY(!dialog->keychainAvailable());
    QVERIFY2(dialog->keychainLabel()->text().contains(QStringLiteral("PDNSW_<ID>_KEY")),
        qPrintable(dialog->keychainLabel()->text()));
    QLineEdit* key = dialog->keyEdit(QStringLiteral("otx"));
    QCOMPARE(key->echoMode(), QLineEdit::Password);
    QVERIFY(!key->isEnabled());
    QVERIFY(key->placeholderText().contains(QStringLiteral("PDNSW_OTX_KEY")));

    // Plain http to a host that is not loopback is refused, with the reason, and nothing is written.
    dialog->baseUrlEdit(QStringLiteral("otx"))->setText(QStringLiteral("http://otx.mirror.example"));
    dialog->save();
    QVERIFY(dialog->isVisible());
    QVERIFY2(!dialog->messageLabel()->text().isEmpty(), "the refusal must be shown");
    QVERIFY(ProviderSettings::value(QStringLiteral("otx/baseUrl")).toString().isEmpty());

    dialog->baseUrlEdit(QStringLiteral("otx"))->setText(QStringLiteral("https://otx.mirror.example"));
    dialog->rateRequestsSpin(QStringLiteral("otx"))->setValue(7);
    dialog->dailyBudgetSpin(QStringLiteral("otx"))->setValue(900);
    QSignalSpy changed(dialog, &ProviderSettingsDialog::settingsChanged);
    dialog->save();
    QCOMPARE(changed.count(), 1);
    QCOMPARE(ProviderSettings::value(QStringLiteral("otx/baseUrl")).toString(),
        QStringLiteral("https://otx.mirror.example"));
    const ProviderConfig otx
        = ProviderSettings::load(QStringLiteral("otx"), ProviderSettings::KeyLookup::EnvironmentOnly);
    QCOMPARE(otx.rateRequests, 7);
    QCOMPARE(otx.dailyBudget, 900);
    // The status of the check boxes follows the new settings.
    QTRY_VERIFY(
        panel->providerCheckBox(QStringLiteral("otx"))->toolTip().contains(QStringLiteral("otx.mirror.example")));
    QFile ini(ProviderSettings::filePath());
    QVERIFY(ini.open(QIODevice::ReadOnly));
    const QByteArray text = ini.readAll();
    QVERIFY(!text.contains("5ecret"));
    QVERIFY(!text.toLower().contains("key="));
    // Only what was changed is written: no defaults pinned, and no base URL that came from PDNSW_DNSDB_URL.
    QVERIFY2(!ProviderSettings::value(QStringLiteral("mnemonic/rateRequests")).isValid(), text.constData());
    QCOMPARE(ProviderSettings::value(QStringLiteral("circl/rateRequests")).toInt(), 100); // set before, kept
    QVERIFY2(!ProviderSettings::value(QStringLiteral("dnsdb/baseUrl")).isValid(), text.constData());
    QVERIFY2(!ProviderSettings::value(QStringLiteral("network/maxRetries")).isValid(), text.constData());
    QVERIFY(ProviderSettings::setValue(QStringLiteral("otx/baseUrl"), QString(), nullptr));
}

void TestProviderPanel::modelsPassTheTester()
{
    MainWindow window;
    window.show();
    QVERIFY(testing::openAndWait(window, m_casePath));
    ProviderPanel* panel = window.providerPanel();
    QAbstractItemModelTester jobsTester(panel->jobsModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester recordsTester(
        panel->recordsModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester jobsView(
        panel->jobsView()->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester recordsView(
        panel->recordsView()->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QTRY_VERIFY(!panel->runner()->statuses().isEmpty());
    tick(panel, {QStringLiteral("dnsdb"), QStringLiteral("circl"), QStringLiteral("virustotal")});
    panel->queryEdit()->setText(QStringLiteral("bad.example"));
    QVERIFY(runAndWait(panel));
    QCOMPARE(panel->jobsModel()->rowCount(), 3);
    // The service without a key is skipped with what to set, not failed.
    const ProviderJobRow* vt = nullptr;
    for (const ProviderJobRow& r : panel->jobsModel()->rows())
        vt = r.provider == QLatin1String("virustotal") ? &r : vt;
    QVERIFY(vt);
    QCOMPARE(vt->status, ProviderJobRow::Status::Skipped);
    QVERIFY2(vt->note.contains(QStringLiteral("PDNSW_VIRUSTOTAL_KEY")), qPrintable(vt->note));
    panel->jobsView()->selectRow(1);
    panel->recordsView()->sortByColumn(ProviderRecordsModel::Rdata, Qt::DescendingOrder);
    panel->jobsView()->clearSelection();
}

QTEST_MAIN(TestProviderPanel)
#include "TestProviderPanel.moc"
