// Renders the workbench window over the investigation case and over the demo case (made by pdnsw-cli demo) at
// the two screen sizes the issue names and saves the pictures under the build directory (screenshots/), for a
// person to look at. The Details columns must fit their dock at 1366x768.
#include "CaseFixture.h"
#include "WindowTestSupport.h"

#include "models/itemmodels/ObservationsModel.h"
#include "ui/DetailsPanel.h"
#include "ui/HostsOverrideDialog.h"
#include "ui/NamesPanel.h"
#include "ui/PassiveDnsLayoutDialog.h"
#include "ui/export/ExportDialog.h"
#include "ui/providers/ProviderSettingsDialog.h"

#include <QDockWidget>
#include <QHeaderView>
#include <QProcess>
#include <QTableView>

#include <QDir>
#include <QImage>
#include <QTemporaryDir>

using namespace pdnsw;

class TestScreenshots : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void mainWindow_data();
    void mainWindow();
    void passiveDnsLayoutDialog_data();
    void passiveDnsLayoutDialog();
    void hostsOverrideDialog();
    void exportAndProviderSettingsDialogs();

private:
    QTemporaryDir m_dir;
    QString m_casePath;
    QString m_demoPath;
};

void TestScreenshots::initTestCase()
{
    testing::isolateSettings();
    QVERIFY(m_dir.isValid());
    m_casePath = m_dir.filePath(QStringLiteral("incident-4711.pdnscase"));
    QString message;
    QVERIFY2(testing::buildInvestigationCase(m_casePath, &message), qPrintable(message));
    m_demoPath = m_dir.filePath(QStringLiteral("demo.pdnscase"));
    QProcess demo;
    demo.start(QStringLiteral(PDNSW_CLI_PATH), {QStringLiteral("demo"), QStringLiteral("--case"), m_demoPath});
    QVERIFY(demo.waitForFinished(60000));
    QVERIFY2(demo.exitCode() == 0, demo.readAllStandardError().constData());
}

void TestScreenshots::mainWindow_data()
{
    QTest::addColumn<QSize>("size");
    QTest::addColumn<bool>("demo");
    QTest::addColumn<QString>("dock"); // the bottom tab shown
    QTest::newRow("1366x768") << QSize(1366, 768) << false << QStringLiteral("importDock");
    QTest::newRow("1920x1080") << QSize(1920, 1080) << false << QStringLiteral("importDock");
    QTest::newRow("demo 1366x768") << QSize(1366, 768) << true << QStringLiteral("importDock");
    QTest::newRow("demo 1920x1080") << QSize(1920, 1080) << true << QStringLiteral("importDock");
    QTest::newRow("demo providers 1366x768") << QSize(1366, 768) << true << QStringLiteral("providersDock");
    QTest::newRow("demo graph 1920x1080") << QSize(1920, 1080) << true << QStringLiteral("graphDock");
    QTest::newRow("demo query log 1366x768") << QSize(1366, 768) << true << QStringLiteral("queryLogDock");
    QTest::newRow("demo notes 1366x768") << QSize(1366, 768) << true << QStringLiteral("notesDock");
}

void TestScreenshots::mainWindow()
{
    QFETCH(QSize, size);
    QFETCH(bool, demo);
    QFETCH(QString, dock);
    MainWindow window;
    window.resize(size);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(testing::openAndWait(window, demo ? m_demoPath : m_casePath));
    QVERIFY(window.namesPanel()->selectName(QStringLiteral("www.bad.example")));
    QVERIFY(testing::waitIdle(window));
    window.dock(dock)->raise();
    QTest::qWait(400); // let the graph layout settle a little

    // Every visible Details column fits the dock: nothing is cut off at the right edge...
    QTableView* details = window.detailsPanel()->view();
    const QHeaderView* header = details->horizontalHeader();
    int used = 0;
    for (int c = 0; c < header->count(); ++c)
        used += header->isSectionHidden(c) ? 0 : header->sectionSize(c);
    QVERIFY2(used <= details->viewport()->width() + 1,
        qPrintable(QStringLiteral("Details columns need %1 px, the dock shows %2")
                       .arg(used)
                       .arg(details->viewport()->width())));
    // ... and they fill it: room to spare goes to the source, name and data columns, not to blank space.
    QVERIFY2(used >= details->viewport()->width() - header->count(),
        qPrintable(QStringLiteral("Details columns use %1 px of %2").arg(used).arg(details->viewport()->width())));

    const QImage shot = window.grab().toImage();
    QVERIFY2(window.minimumSizeHint().width() <= size.width() && window.minimumSizeHint().height() <= size.height(),
        qPrintable(QStringLiteral("the window needs at least %1x%2")
                       .arg(window.minimumSizeHint().width())
                       .arg(window.minimumSizeHint().height())));
    QCOMPARE(shot.size() / shot.devicePixelRatio(), size);
    // A blank or single-colour picture means nothing was drawn.
    QSet<QRgb> colours;
    for (int y = 0; y < shot.height(); y += 7) {
        for (int x = 0; x < shot.width(); x += 7)
            colours.insert(shot.pixel(x, y));
    }
    QVERIFY2(colours.size() > 20, "the window rendered (almost) one colour");

    const QString dir = QStringLiteral(PDNSW_BINARY_DIR "/screenshots");
    QVERIFY(QDir().mkpath(dir));
    const QString file = QStringLiteral("%1/mainwindow-%2%3x%4.png")
                             .arg(dir,
                                 (demo ? QStringLiteral("demo-") : QString())
                                     + (dock == QLatin1String("importDock") ? QString() : dock.chopped(4) + u'-'))
                             .arg(size.width())
                             .arg(size.height());
    QVERIFY2(shot.save(file), qPrintable(file));
    qInfo("screenshot: %s", qPrintable(file));
}

void TestScreenshots::passiveDnsLayoutDialog_data()
{
    QTest::addColumn<QString>("fields");
    QTest::addColumn<QString>("offset");
    QTest::addColumn<QString>("state");
    QTest::newRow("valid") << "HhcsCQTAtn"
                           << "+01:00"
                           << "valid";
    QTest::newRow("missing offset") << "HhcsCQTAtn"
                                    << ""
                                    << "refused";
}

void TestScreenshots::passiveDnsLayoutDialog()
{
    QFETCH(QString, fields);
    QFETCH(QString, offset);
    QFETCH(QString, state);
    PassiveDnsLayoutDialog dialog;
    dialog.setEntries(fields, QStringLiteral("||"), offset);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    const QImage shot = dialog.grab().toImage();
    const QString dir = QStringLiteral(PDNSW_BINARY_DIR "/screenshots");
    QVERIFY(QDir().mkpath(dir));
    const QString file = QStringLiteral("%1/passivedns-layout-dialog-%2.png").arg(dir, state);
    QVERIFY2(shot.save(file), qPrintable(file));
    qInfo("screenshot: %s", qPrintable(file));
}

void TestScreenshots::hostsOverrideDialog()
{
    // The sandbox override for the demo's name that went NXDOMAIN, as the analyst first sees it.
    MainWindow window;
    QVERIFY(testing::openAndWait(window, m_demoPath));
    HostsOverrideDialog dialog(window.worker(), QStringLiteral("www.bad.example"), std::nullopt, &window);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QTRY_VERIFY(dialog.isLoaded());
    QVERIFY(dialog.pack().ok());
    QTest::qWait(200); // grab() paints at once: let the layout take the wrapped explanation in first
    const QImage shot = dialog.grab().toImage();
    const QString dir = QStringLiteral(PDNSW_BINARY_DIR "/screenshots");
    QVERIFY(QDir().mkpath(dir));
    const QString file = dir + QStringLiteral("/hosts-override-dialog.png");
    QVERIFY2(shot.save(file), qPrintable(file));
    qInfo("screenshot: %s", qPrintable(file));
}

void TestScreenshots::exportAndProviderSettingsDialogs()
{
    MainWindow window;
    window.show();
    QVERIFY(testing::openAndWait(window, m_demoPath));
    QVERIFY(window.namesPanel()->selectName(QStringLiteral("www.bad.example")));
    const QString dir = QStringLiteral(PDNSW_BINARY_DIR "/screenshots");
    QVERIFY(QDir().mkpath(dir));
    ExportDialog* exportDialog = window.showExportDialog();
    QVERIFY(exportDialog);
    QVERIFY(QTest::qWaitForWindowExposed(exportDialog));
    QTest::qWait(200); // grab() paints at once: let the layout settle first
    QVERIFY(exportDialog->grab().save(dir + QStringLiteral("/export-dialog.png")));
    exportDialog->close();

    ProviderSettingsDialog settings(&window);
    settings.show();
    QVERIFY(QTest::qWaitForWindowExposed(&settings));
    QTest::qWait(200);
    QVERIFY(settings.grab().save(dir + QStringLiteral("/provider-settings-dialog.png")));
}

QTEST_MAIN(TestScreenshots)
#include "TestScreenshots.moc"
