// SIGKILL in the middle of a large import loses no committed batch: the case reopens, passes quick_check,
// holds exactly the committed batches, and the interrupted source is marked incomplete.
#include "models/CaseFile.h"
#include "models/CaseReader.h"
#include "models/SqlStatement.h"

#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace pdnsw;

class TestKillDuringImport : public QObject
{
    Q_OBJECT
private slots:
    void killMidImport_data();
    void killMidImport();
};

void TestKillDuringImport::killMidImport_data()
{
    QTest::addColumn<int>("batchesBeforeKill");
    QTest::addColumn<int>("extraDelayMs");
    QTest::addColumn<bool>("bulk");
    QRandomGenerator random(4711); // fixed seed: the same kill points on every run
    for (int i = 0; i < 12; ++i) {
        const int batches = 1 + int(random.bounded(6));
        const int delay = int(random.bounded(40));
        const bool bulk = i % 2 == 1; // bulk imports stage their rows; reopening must merge them
        QTest::addRow("kill %d: after batch %d + %d ms%s", i, batches, delay, bulk ? ", bulk" : "")
            << batches << delay << bulk;
    }
}

void TestKillDuringImport::killMidImport()
{
    QFETCH(int, batchesBeforeKill);
    QFETCH(int, extraDelayMs);
    QFETCH(bool, bulk);
    constexpr int batchSize = 5000;
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("killed.pdnscase"));
    QProcess child;
    child.setProcessChannelMode(QProcess::SeparateChannels);
    QStringList childArgs{path, QString::number(batchSize), QStringLiteral("1000")};
    if (bulk)
        childArgs.append(QString::number(batchSize)); // stage from the second batch on
    child.start(QStringLiteral(PDNSW_IMPORT_CHILD), childArgs);
    QVERIFY(child.waitForStarted());
    qint64 lastCommitted = 0;
    QByteArray buffer;
    QElapsedTimer timer;
    timer.start();
    while (lastCommitted < batchesBeforeKill && timer.elapsed() < 60000) {
        child.waitForReadyRead(100);
        buffer += child.readAllStandardOutput();
        qsizetype nl;
        while ((nl = buffer.indexOf('\n')) >= 0) {
            const QByteArray line = buffer.left(nl);
            buffer.remove(0, nl + 1);
            if (line.startsWith("committed "))
                lastCommitted = line.split(' ').value(1).toLongLong();
        }
        QVERIFY2(child.state() == QProcess::Running, child.readAllStandardError().constData());
    }
    QVERIFY(lastCommitted >= batchesBeforeKill);
    QThread::msleep(extraDelayMs);
    ::kill(static_cast<pid_t>(child.processId()), SIGKILL);
    QVERIFY(child.waitForFinished(10000));
    // Lines printed after our last read may name more committed batches.
    buffer += child.readAllStandardOutput();
    for (const QByteArray& line : buffer.split('\n')) {
        if (line.startsWith("committed "))
            lastCommitted = std::max(lastCommitted, line.split(' ').value(1).toLongLong());
    }
    QCOMPARE(child.exitStatus(), QProcess::CrashExit);

    CaseError error;
    auto file = CaseFile::open(path, CaseFile::Mode::OpenExisting, &error); // runs quick_check, merges the stage
    QVERIFY2(file, qPrintable(error.message));
    QCOMPARE(file->quickCheck(), QStringLiteral("ok"));
    QCOMPARE(queryInt(file->handle(), "SELECT count(*) FROM observation_stage").value_or(-1), 0);
    QCOMPARE(queryInt(file->handle(),
                 "SELECT count(*) FROM sqlite_schema WHERE name IN ('observations_rdata', 'observations_key')")
                 .value_or(0),
        2);
    const qint64 rows = queryInt(file->handle(), "SELECT count(*) FROM observations").value_or(-1);
    // Every committed batch is there; a batch that was committing when the kill came may be there too
    // (its COMMIT finished before it could be printed), but never part of one.
    QVERIFY2(rows == lastCommitted * batchSize || rows == (lastCommitted + 1) * batchSize,
        qPrintable(QStringLiteral("%1 rows, %2 batches reported").arg(rows).arg(lastCommitted)));
    auto reader = CaseReader::open(path, &error);
    QVERIFY(reader);
    const auto sources = reader->sources();
    QCOMPARE(sources.size(), 1);
    QVERIFY(!sources.first().isComplete());
    QCOMPARE(reader->counts().incompleteSources, 1);
    QCOMPARE(sources.first().observationCount, rows);
}

QTEST_GUILESS_MAIN(TestKillDuringImport)
#include "TestKillDuringImport.moc"
