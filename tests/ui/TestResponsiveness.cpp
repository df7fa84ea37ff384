// The window stays responsive during a large import: a timer measures how long the GUI event loop is kept
// from running while a big COF file streams into the case and the panels follow the committed batches.
#include "WindowTestSupport.h"

#include "models/CaseFile.h"
#include "models/itemmodels/NamesModel.h"
#include "ui/NamesPanel.h"
#include "ui/jobs/BackgroundJob.h"
#include "ui/jobs/JobManager.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTimer>

using namespace pdnsw;

class TestResponsiveness : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { testing::isolateSettings(); }
    void noStallDuringLargeImport();
};

void TestResponsiveness::noStallDuringLargeImport()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString casePath = dir.filePath(QStringLiteral("big.pdnscase"));
    const QString log = dir.filePath(QStringLiteral("big.ndjson"));
    constexpr int kLines = 300000;
    {
        QFile f(log);
        QVERIFY(f.open(QIODevice::WriteOnly));
        QByteArray chunk;
        for (int i = 0; i < kLines; ++i) {
            chunk += "{\"rrname\":\"host" + QByteArray::number(i) + ".zone" + QByteArray::number(i % 997)
                + ".example\",\"rrtype\":\"A\",\"rdata\":\"10." + QByteArray::number((i >> 16) & 255) + '.'
                + QByteArray::number((i >> 8) & 255) + '.' + QByteArray::number(i & 255)
                + "\",\"time_first\":1514764800,\"time_last\":1514851200,\"count\":3}\n";
            if (chunk.size() > (1 << 20)) {
                f.write(chunk);
                chunk.clear();
            }
        }
        f.write(chunk);
    }
    {
        CaseError error;
        QVERIFY(CaseFile::open(casePath, CaseFile::Mode::CreateIfMissing, &error));
    }
    MainWindow window;
    window.show();
    QVERIFY(testing::openAndWait(window, casePath));

    QElapsedTimer clock;
    qint64 last = 0;
    qint64 worst = 0;
    qint64 worstDuringImport = 0;
    qint64 worstAfterImport = 0; // the names list of 300 000 entries loading
    QList<qint64> stalls; // every gap over 15 ms, to see how often the window hesitates
    BackgroundJob* running = nullptr;
    QTimer probe;
    probe.setInterval(5);
    connect(&probe, &QTimer::timeout, [&] {
        const qint64 now = clock.elapsed();
        const qint64 gap = now - last;
        worst = std::max(worst, gap);
        if (running && running->isActive())
            worstDuringImport = std::max(worstDuringImport, gap);
        else if (running)
            worstAfterImport = std::max(worstAfterImport, gap);
        if (gap > 15)
            stalls.append(gap);
        last = now;
    });
    clock.start();
    probe.start();
    window.importFiles({log});
    QTRY_COMPARE_WITH_TIMEOUT(window.jobs()->jobs().size(), 1, 5000);
    BackgroundJob* job = window.jobs()->jobs().first();
    running = job;
    QTRY_VERIFY_WITH_TIMEOUT(!job->isActive(), 240000);
    QCOMPARE(job->state(), BackgroundJob::State::Succeeded);
    // The names list of the big case loads after the import, also off the GUI thread.
    QTRY_VERIFY_WITH_TIMEOUT(window.namesPanel()->model()->rowCount() >= kLines, 60000);
    QVERIFY(testing::waitIdle(window, 60000));
    probe.stop();
    QStringList gaps;
    for (qint64 g : std::as_const(stalls))
        gaps << QString::number(g);
    qInfo("import of %d lines took %lld ms; longest event-loop stall %lld ms (%lld ms while importing, %lld ms "
          "while the names list loaded); gaps over 15 ms: %s",
        kLines, job->elapsedMs(), worst, worstDuringImport, worstAfterImport,
        qPrintable(gaps.join(QStringLiteral(", "))));
    QVERIFY2(worst <= 50, qPrintable(QStringLiteral("the GUI thread stalled for %1 ms").arg(worst)));
}

QTEST_MAIN(TestResponsiveness)
#include "TestResponsiveness.moc"
