#include "CaptureTestUtil.h"

#include "capture/packet/LiveCaptureWorker.h"
#include "models/CaseReader.h"

#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QUdpSocket>

#include <unistd.h>

using namespace pdnsw;
using namespace pdnsw::test;

// Live capture on the loopback interface: real DNS answers sent over UDP on 127.0.0.1 while capturing `lo` with a
// BPF filter, through the GUI's worker into a real case. Skips (saying why) only when the process lacks the
// capture privilege; any other problem opening lo fails.
class TestLiveCapture : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void capturesAnswersIntoTheCase();
    void savesEvidenceThatReimports();
    void failsClearly_data();
    void failsClearly();
    void listsLoopback();
    void cliCapturesUntilStopped();
    void cliWithoutPrivilegeSaysHowToGrantIt();

private:
    struct Run
    {
        qint64 sourceId = 0;
        quint16 port = 0; // the DNS port the answers came from
        qint64 visibleWhileRunning = -1; // observations another connection saw before the capture stopped
        QString error;
        QList<LiveCaptureProgress> progress;
    };
    // Captures on lo (filter "udp port P") while `count` answers go from 127.0.0.1:P to a client socket.
    Run captureAnswers(const QString& casePath, int count, const QString& savePath = {});

    QTemporaryDir m_dir;
};

namespace {

QByteArray answer(std::uint16_t id, const QString& name, const QString& address)
{
    return DnsBuilder(id, true).question(name, 1).answer(name, 1, 300, DnsBuilder::a(address)).build();
}

} // namespace

void TestLiveCapture::initTestCase()
{
    QVERIFY(m_dir.isValid());
    LiveCaptureSettings settings;
    settings.interfaceName = QStringLiteral("lo");
    LiveCaptureSession probe(settings);
    QString error;
    if (!probe.open(&error)) {
        if (error.contains(QLatin1String("CAP_NET_RAW")))
            QSKIP(qPrintable(QStringLiteral("no capture privilege in this environment (run the tests as root or grant "
                                            "the capabilities): ")
                + error));
        QFAIL(qPrintable(QStringLiteral("cannot capture on lo: ") + error));
    }
}

TestLiveCapture::Run TestLiveCapture::captureAnswers(const QString& casePath, int count, const QString& savePath)
{
    Run run;
    QUdpSocket server, client;
    if (!server.bind(QHostAddress::LocalHost, 0) || !client.bind(QHostAddress::LocalHost, 0)) {
        run.error = QStringLiteral("cannot bind UDP sockets on 127.0.0.1");
        return run;
    }
    const quint16 port = server.localPort();
    run.port = port;
    LiveCaptureSettings settings;
    settings.interfaceName = QStringLiteral("lo");
    settings.filter = QStringLiteral("udp port %1").arg(port);
    settings.flushIntervalMs = 100;
    settings.savePath = savePath;
    settings.options.dnsPorts = {port};
    LiveCaptureWorker worker(casePath, settings);
    QSignalSpy started(&worker, &LiveCaptureWorker::started);
    QSignalSpy progress(&worker, &LiveCaptureWorker::progress);
    QSignalSpy finished(&worker, &LiveCaptureWorker::finished);
    QSignalSpy failed(&worker, &LiveCaptureWorker::failed);
    worker.start();
    if (!started.wait(10000)) {
        run.error = failed.isEmpty() ? QStringLiteral("the capture did not start") : failed.at(0).at(0).toString();
        return run;
    }
    // A datagram the filter must drop: another port, same content.
    QUdpSocket other;
    other.bind(QHostAddress::LocalHost, 0);
    other.writeDatagram(answer(999, QStringLiteral("filtered.example"), QStringLiteral("192.0.2.99")),
        QHostAddress::LocalHost, client.localPort());
    for (int i = 0; i < count; ++i) {
        server.writeDatagram(answer(std::uint16_t(100 + i), QStringLiteral("live%1.Example").arg(i),
                                 QStringLiteral("192.0.2.%1").arg(10 + i)),
            QHostAddress::LocalHost, client.localPort());
    }
    // Wait until the capture saw them all (progress is reported at every flush), then stop.
    const auto seen = [&] {
        return !progress.isEmpty() && progress.last().at(0).value<LiveCaptureProgress>().dnsMessages >= count;
    };
    QElapsedTimer clock;
    clock.start();
    while (!seen() && clock.elapsed() < 10000)
        progress.wait(200);
    // Each flush is committed before its progress report: a reader sees the records while the capture runs.
    CaseError caseError;
    if (auto reader = CaseReader::open(casePath, &caseError))
        run.visibleWhileRunning = reader->counts().observations;
    worker.stop();
    if (!finished.wait(10000) && finished.isEmpty()) {
        run.error = failed.isEmpty() ? QStringLiteral("the capture did not finish") : failed.at(0).at(0).toString();
        return run;
    }
    run.sourceId = finished.at(0).at(0).toLongLong();
    for (const QList<QVariant>& p : progress)
        run.progress.append(p.at(0).value<LiveCaptureProgress>());
    return run;
}

void TestLiveCapture::capturesAnswersIntoTheCase()
{
    const QString casePath = m_dir.filePath(QStringLiteral("live.pdnscase"));
    const Run run = captureAnswers(casePath, 5);
    QVERIFY2(run.error.isEmpty(), qPrintable(run.error));
    QVERIFY(run.sourceId > 0);
    QVERIFY(!run.progress.isEmpty());
    QCOMPARE(run.progress.last().dnsMessages, 5);
    QCOMPARE(run.progress.last().records, 5);
    QCOMPARE(run.progress.last().errors, 0);
    QCOMPARE(run.visibleWhileRunning, 5);

    CaseError error;
    auto reader = CaseReader::open(casePath, &error);
    QVERIFY2(reader, qPrintable(error.message));
    const auto source = reader->source(run.sourceId);
    QVERIFY(source);
    QCOMPARE(source->kind, QStringLiteral("live"));
    QCOMPARE(source->path, QStringLiteral("lo"));
    QVERIFY(source->isComplete());
    QVERIFY(source->parameters.contains(QLatin1String("udp port")));
    for (int i = 0; i < 5; ++i) {
        const QList<SourcedObservation> rows = reader->timeline(QStringLiteral("live%1.example").arg(i));
        QCOMPARE(rows.size(), 1);
        const Observation& o = rows[0].observation;
        QCOMPARE(o.rrtype, QStringLiteral("A"));
        QCOMPARE(o.rdata, QStringLiteral("192.0.2.%1").arg(10 + i));
        QCOMPARE(o.count, std::optional<qint64>(1));
        QCOMPARE(o.servers, QStringLiteral("127.0.0.1"));
        QCOMPARE(o.clients, QStringLiteral("127.0.0.1"));
        // Capture time is the packet's: within this test's run.
        QVERIFY(o.firstSeen && std::abs(*o.firstSeen - QDateTime::currentSecsSinceEpoch()) < 120);
    }
    QVERIFY(reader->timeline(QStringLiteral("filtered.example")).isEmpty());
}

void TestLiveCapture::savesEvidenceThatReimports()
{
    const QString casePath = m_dir.filePath(QStringLiteral("evidence.pdnscase"));
    const QString savePath = m_dir.filePath(QStringLiteral("evidence.pcapng"));
    const Run run = captureAnswers(casePath, 3, savePath);
    QVERIFY2(run.error.isEmpty(), qPrintable(run.error));
    QCOMPARE(run.progress.last().saved, run.progress.last().packets);
    // The evidence file is a pcapng libpcap reads back, holding the same answers.
    CaptureOptions options;
    options.dnsPorts = {run.port};
    PcapImporter importer(options);
    CollectingSink sink;
    const PcapImportResult result = importer.importFile(savePath, sink);
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(result.format, QStringLiteral("pcapng"));
    QCOMPARE(result.stats.packets, std::uint64_t(run.progress.last().saved));
    for (int i = 0; i < 3; ++i)
        QCOMPARE(sink.find(QStringLiteral("live%1.example").arg(i)).size(), 1);
}

void TestLiveCapture::failsClearly_data()
{
    QTest::addColumn<QString>("interfaceName");
    QTest::addColumn<QString>("filter");
    QTest::addColumn<QString>("expected");
    QTest::newRow("no such interface") << QStringLiteral("pdnsw-nonexistent0") << QString()
                                       << QStringLiteral("pdnsw-cli interfaces");
    QTest::newRow("bad filter") << QStringLiteral("lo") << QStringLiteral("udp port 53 andd")
                                << QStringLiteral("invalid capture filter");
    QTest::newRow("no interface") << QString() << QString() << QStringLiteral("no interface given");
}

void TestLiveCapture::failsClearly()
{
    QFETCH(QString, interfaceName);
    QFETCH(QString, filter);
    QFETCH(QString, expected);
    LiveCaptureSettings settings;
    settings.interfaceName = interfaceName;
    settings.filter = filter;
    LiveCaptureWorker worker(m_dir.filePath(QStringLiteral("fail.pdnscase")), settings);
    QSignalSpy failed(&worker, &LiveCaptureWorker::failed);
    QSignalSpy started(&worker, &LiveCaptureWorker::started);
    worker.start();
    QVERIFY(failed.wait(10000));
    QVERIFY(started.isEmpty());
    const QString message = failed.at(0).at(0).toString();
    QVERIFY2(message.contains(expected), qPrintable(message));
    QVERIFY(worker.wait(5000));
}

void TestLiveCapture::listsLoopback()
{
    QString error;
    const QList<CaptureInterface> interfaces = listCaptureInterfaces(&error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const auto lo = std::find_if(
        interfaces.begin(), interfaces.end(), [](const CaptureInterface& i) { return i.name == QLatin1String("lo"); });
    QVERIFY(lo != interfaces.end());
    QVERIFY(lo->loopback);
    QVERIFY(lo->addresses.contains(QStringLiteral("127.0.0.1")));
}

void TestLiveCapture::cliCapturesUntilStopped()
{
    // pdnsw-cli capture as the analyst runs it: until Ctrl+C (here SIGTERM), with a filter and a port of its own.
    QUdpSocket server, client;
    QVERIFY(server.bind(QHostAddress::LocalHost, 0) && client.bind(QHostAddress::LocalHost, 0));
    const QString port = QString::number(server.localPort());
    const QString casePath = m_dir.filePath(QStringLiteral("cli.pdnscase"));
    QProcess cli;
    cli.start(QStringLiteral(PDNSW_CLI_PATH),
        {QStringLiteral("capture"), QStringLiteral("-i"), QStringLiteral("lo"), QStringLiteral("--filter"),
            QStringLiteral("udp port ") + port + QStringLiteral(" or udp port 5353"), QStringLiteral("--ports"), port,
            QStringLiteral("--case"), casePath});
    QVERIFY(cli.waitForStarted(10000));
    QString progress;
    QElapsedTimer clock;
    clock.start();
    while (!progress.contains(QLatin1String("capturing on lo")) && clock.elapsed() < 20000) {
        cli.waitForReadyRead(200);
        progress += QString::fromUtf8(cli.readAllStandardError());
    }
    QVERIFY2(progress.contains(QLatin1String("capturing on lo")), qPrintable(progress));
    // An answer to the mDNS port from a port that is not a DNS port here: without --mdns it is left out, and the
    // summary says so. It goes first, so once the DNS answers after it are counted it has been seen.
    QUdpSocket other;
    QVERIFY(other.bind(QHostAddress::LocalHost, 0));
    other.writeDatagram(
        answer(0, QStringLiteral("printer.local"), QStringLiteral("192.168.1.20")), QHostAddress::LocalHost, 5353);
    for (int i = 0; i < 3; ++i)
        server.writeDatagram(answer(std::uint16_t(300 + i), QStringLiteral("cli%1.example").arg(i),
                                 QStringLiteral("198.51.100.%1").arg(i + 1)),
            QHostAddress::LocalHost, client.localPort());
    // The progress line shows the DNS messages once a flush has seen them; then stop as Ctrl+C would.
    while (!progress.contains(QLatin1String(" 3 DNS messages")) && clock.elapsed() < 20000) {
        cli.waitForReadyRead(200);
        progress += QString::fromUtf8(cli.readAllStandardError());
    }
    cli.terminate();
    QVERIFY(cli.waitForFinished(10000));
    const QString out = QString::fromUtf8(cli.readAllStandardOutput());
    QCOMPARE(cli.exitStatus(), QProcess::NormalExit);
    QVERIFY2(cli.exitCode() == 0, qPrintable(out + progress + QString::fromUtf8(cli.readAllStandardError())));
    QVERIFY2(out.contains(QLatin1String("3 DNS messages, 3 records")), qPrintable(out));
    QVERIFY2(out.contains(QLatin1String("on the mDNS port (5353)")) && out.contains(QLatin1String("left out"))
            && out.contains(QLatin1String("--mdns")),
        qPrintable(out));
    CaseError error;
    auto reader = CaseReader::open(casePath, &error);
    QVERIFY2(reader, qPrintable(error.message));
    QCOMPARE(reader->sources().size(), 1);
    QVERIFY(reader->sources()[0].isComplete());
    for (int i = 0; i < 3; ++i)
        QCOMPARE(reader->timeline(QStringLiteral("cli%1.example").arg(i)).size(), 1);
}

void TestLiveCapture::cliWithoutPrivilegeSaysHowToGrantIt()
{
    // The same command as an ordinary user (nobody): a clear message naming the capabilities and the binary to
    // grant them to, exit status 1, no crash.
    const QString setpriv = QStandardPaths::findExecutable(QStringLiteral("setpriv"));
    if (geteuid() != 0 || setpriv.isEmpty())
        QSKIP("dropping privileges to test the message needs root and setpriv (util-linux)");
    QTemporaryDir open;
    QVERIFY(open.isValid());
    QVERIFY(QFile::setPermissions(open.path(),
        QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner | QFileDevice::ReadOther
            | QFileDevice::WriteOther | QFileDevice::ExeOther));
    QProcess cli;
    cli.start(setpriv,
        {QStringLiteral("--reuid=65534"), QStringLiteral("--regid=65534"), QStringLiteral("--clear-groups"),
            QStringLiteral(PDNSW_CLI_PATH), QStringLiteral("capture"), QStringLiteral("-i"), QStringLiteral("lo"),
            QStringLiteral("--duration"), QStringLiteral("1"), QStringLiteral("--case"),
            open.filePath(QStringLiteral("nobody.pdnscase"))});
    QVERIFY(cli.waitForFinished(20000));
    const QString err = QString::fromUtf8(cli.readAllStandardError());
    QCOMPARE(cli.exitStatus(), QProcess::NormalExit);
    QCOMPARE(cli.exitCode(), 1);
    QVERIFY2(err.contains(QLatin1String("CAP_NET_RAW")) && err.contains(QLatin1String("run as root")), qPrintable(err));
    QVERIFY2(err.contains(QLatin1String("setcap cap_net_raw,cap_net_admin=eip ")), qPrintable(err));
    QVERIFY2(err.contains(QFileInfo(QStringLiteral(PDNSW_CLI_PATH)).fileName()), qPrintable(err));
}

QTEST_GUILESS_MAIN(TestLiveCapture)
#include "TestLiveCapture.moc"
