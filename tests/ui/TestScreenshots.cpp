// Renders the workbench window over the investigation case at the two screen sizes the issue names and saves
// the pictures under the build directory (screenshots/), for a person to look at.
#include "CaseFixture.h"
#include "WindowTestSupport.h"

#include "ui/NamesPanel.h"

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

private:
    QTemporaryDir m_dir;
    QString m_casePath;
};

void TestScreenshots::initTestCase()
{
    testing::isolateSettings();
    QVERIFY(m_dir.isValid());
    m_casePath = m_dir.filePath(QStringLiteral("incident-4711.pdnscase"));
    QString message;
    QVERIFY2(testing::buildInvestigationCase(m_casePath, &message), qPrintable(message));
}

void TestScreenshots::mainWindow_data()
{
    QTest::addColumn<QSize>("size");
    QTest::newRow("1366x768") << QSize(1366, 768);
    QTest::newRow("1920x1080") << QSize(1920, 1080);
}

void TestScreenshots::mainWindow()
{
    QFETCH(QSize, size);
    MainWindow window;
    window.resize(size);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(testing::openAndWait(window, m_casePath));
    QVERIFY(window.namesPanel()->selectName(QStringLiteral("www.bad.example")));
    QVERIFY(testing::waitIdle(window));
    QTest::qWait(300); // let the graph layout settle a little

    const QImage shot = window.grab().toImage();
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
    const QString file = QStringLiteral("%1/mainwindow-%2x%3.png").arg(dir).arg(size.width()).arg(size.height());
    QVERIFY2(shot.save(file), qPrintable(file));
    qInfo("screenshot: %s", qPrintable(file));
}

QTEST_MAIN(TestScreenshots)
#include "TestScreenshots.moc"
