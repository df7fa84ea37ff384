// The export dialog writing real files through a background job, and live capture on the loopback interface
// through the Capture / Import dock, both driven through their widgets over a real case.
#include "CaseFixture.h"
#include "WindowTestSupport.h"

#include "models/CaseReader.h"
#include "models/itemmodels/NamesModel.h"
#include "models/itemmodels/SourcesModel.h"
#include "ui/ImportPanel.h"
#include "ui/NamesPanel.h"
#include "ui/capture/LiveCaptureBar.h"
#include "ui/export/ExportDialog.h"
#include "ui/jobs/ExportJob.h"
#include "ui/jobs/JobManager.h"
#include "ui/jobs/LiveCaptureJob.h"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QTemporaryDir>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace pdnsw;

namespace {

// A DNS query and its answer for name -> address, built by hand (wire format, RFC 1035).
QByteArray dnsMessage(quint16 id, const QByteArray& name, bool response, const QByteArray& address)
{
    QByteArray m;
    auto u16 = [&m](int v) {
        m.append(char((v >> 8) & 0xff));
        m.append(char(v & 0xff));
    };
    u16(id);
    u16(response ? 0x8180 : 0x0100);
    u16(1);
    u16(response ? 1 : 0);
    u16(0);
    u16(0);
    for (const QByteArray& label : name.split('.')) {
        m.append(char(label.size()));
        m.append(label);
    }
    m.append('\0');
    u16(1); // A
    u16(1); // IN
    if (response) {
        u16(0xc00c);
        u16(1);
        u16(1);
        u16(0);
        u16(300); // TTL
        u16(4);
        for (const QByteArray& part : address.split('.'))
            m.append(char(part.toInt()));
    }
    return m;
}

int boundUdpSocket(quint16* port)
{
    const int fd = ::socket(AF_INET, SOCK_DGRAM, 0);
    sockaddr_in a = {};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0)
        return -1;
    socklen_t len = sizeof a;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
    *port = ntohs(a.sin_port);
    return fd;
}

void sendTo(int fd, quint16 port, const QByteArray& data)
{
    sockaddr_in a = {};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = htons(port);
    ::sendto(fd, data.constData(), size_t(data.size()), 0, reinterpret_cast<sockaddr*>(&a), sizeof a);
}

} // namespace

class TestCaptureExport : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void exportWritesFileAndManifest_data();
    void exportWritesFileAndManifest();
    void exportRefusesBadFields();
    void liveCaptureOnLoopback();

private:
    QTemporaryDir m_dir;
    QString m_casePath;
};

void TestCaptureExport::initTestCase()
{
    testing::isolateSettings();
    QVERIFY(m_dir.isValid());
    m_casePath = m_dir.filePath(QStringLiteral("incident-4711.pdnscase"));
    QString message;
    QVERIFY2(testing::buildInvestigationCase(m_casePath, &message), qPrintable(message));
}

void TestCaptureExport::exportWritesFileAndManifest_data()
{
    QTest::addColumn<QString>("format");
    QTest::addColumn<QString>("names");
    QTest::addColumn<QByteArray>("expected");
    QTest::addColumn<QByteArray>("absent");
    QTest::newRow("csv, one name") << QStringLiteral("csv") << QStringLiteral("www.bad.example")
                                   << QByteArray("203.0.113.77") << QByteArray("mail.bad.example");
    QTest::newRow("stix, whole case") << QStringLiteral("stix") << QString() << QByteArray("\"type\": \"bundle\"")
                                      << QByteArray();
    QTest::newRow("pdf report") << QStringLiteral("pdf") << QStringLiteral("www.bad.example") << QByteArray("%PDF")
                                << QByteArray();
}

void TestCaptureExport::exportWritesFileAndManifest()
{
    QFETCH(QString, format);
    QFETCH(QString, names);
    QFETCH(QByteArray, expected);
    QFETCH(QByteArray, absent);
    MainWindow window;
    window.show();
    QVERIFY(testing::openAndWait(window, m_casePath));
    QVERIFY(window.namesPanel()->selectName(QStringLiteral("www.bad.example")));
    ExportDialog* dialog = window.showExportDialog();
    QVERIFY(dialog);
    QCOMPARE(dialog->sourcesList()->count(), 3);
    dialog->formatCombo()->setCurrentIndex(dialog->formatCombo()->findData(format));
    // The extension follows the format.
    QVERIFY2(dialog->outputEdit()->text().endsWith(
                 QLatin1Char('.') + (format == QLatin1String("stix") ? QStringLiteral("stix.json") : format)),
        qPrintable(dialog->outputEdit()->text()));
    const QString out = m_dir.filePath(QStringLiteral("export-%1").arg(QTest::currentDataTag()).replace(u' ', u'_'));
    dialog->outputEdit()->setText(out);
    dialog->namesEdit()->setText(names);
    QSignalSpy added(window.jobs(), &JobManager::jobAdded);
    dialog->findChild<QPushButton*>(QStringLiteral("exportButton"))->click();
    QCOMPARE(added.count(), 1);
    auto* job = qobject_cast<ExportJob*>(added.first().first().value<BackgroundJob*>());
    QVERIFY(job);
    QTRY_VERIFY_WITH_TIMEOUT(!job->isActive(), 60000);
    QVERIFY2(job->state() == BackgroundJob::State::Succeeded, qPrintable(job->message()));
    QVERIFY(job->result().records > 0);
    QFile file(out);
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(out));
    const QByteArray content = file.readAll();
    QVERIFY2(content.contains(expected), content.left(300).constData());
    if (!absent.isEmpty())
        QVERIFY(!content.contains(absent));
    QVERIFY2(QFileInfo::exists(job->result().manifestPath), qPrintable(job->result().manifestPath));
    QCOMPARE(QFileInfo(job->result().manifestPath).absolutePath(), QFileInfo(out).absolutePath());
    QVERIFY(job->message().contains(QStringLiteral("manifest")));
}

void TestCaptureExport::exportRefusesBadFields()
{
    MainWindow window;
    window.show();
    QVERIFY(testing::openAndWait(window, m_casePath));
    ExportDialog* dialog = window.showExportDialog();
    QVERIFY(dialog);
    QSignalSpy requested(dialog, &ExportDialog::exportRequested);
    auto* exportButton = dialog->findChild<QPushButton*>(QStringLiteral("exportButton"));

    dialog->outputEdit()->setText(m_dir.filePath(QStringLiteral("no/such/folder/out.csv")));
    exportButton->click();
    QVERIFY(dialog->messageLabel()->text().contains(QStringLiteral("does not exist")));
    dialog->outputEdit()->setText(m_casePath);
    exportButton->click();
    QVERIFY(dialog->messageLabel()->text().contains(QStringLiteral("case itself")));
    dialog->outputEdit()->setText(m_dir.filePath(QStringLiteral("fenced.csv")));
    for (int i = 0; i < dialog->sourcesList()->count(); ++i)
        dialog->sourcesList()->item(i)->setCheckState(Qt::Unchecked);
    exportButton->click();
    QVERIFY(dialog->messageLabel()->text().contains(QStringLiteral("source")));
    dialog->sourcesList()->item(0)->setCheckState(Qt::Checked);
    dialog->sinceCheckBox()->setChecked(true);
    dialog->untilCheckBox()->setChecked(true);
    dialog->sinceEdit()->setDateTime(QDateTime(QDate(2018, 3, 1), QTime(0, 0), QTimeZone::utc()));
    dialog->untilEdit()->setDateTime(QDateTime(QDate(2018, 2, 1), QTime(0, 0), QTimeZone::utc()));
    exportButton->click();
    QVERIFY(dialog->messageLabel()->text().contains(QStringLiteral("Since")));
    QCOMPARE(requested.count(), 0);

    // Valid again: one source and a time fence reach the request.
    dialog->untilEdit()->setDateTime(QDateTime(QDate(2018, 4, 1), QTime(0, 0), QTimeZone::utc()));
    QString error;
    const auto request = dialog->request(&error);
    QVERIFY2(request, qPrintable(error));
    QCOMPARE(request->filter.sourceIds.size(), 1);
    QCOMPARE(request->filter.since, std::optional<qint64>(testing::t("2018-03-01T00:00:00Z")));
    QCOMPARE(request->filter.until, std::optional<qint64>(testing::t("2018-04-01T00:00:00Z")));
    dialog->close();
}

void TestCaptureExport::liveCaptureOnLoopback()
{
    const QString casePath = m_dir.filePath(QStringLiteral("live.pdnscase"));
    {
        CaseError error;
        QVERIFY(CaseFile::open(casePath, CaseFile::Mode::CreateIfMissing, &error));
    }
    MainWindow window;
    window.show();
    QVERIFY(testing::openAndWait(window, casePath));
    LiveCaptureBar* bar = window.importPanel()->captureBar();
    QTRY_VERIFY_WITH_TIMEOUT(bar->interfaceCombo()->findData(QStringLiteral("lo")) >= 0, 10000);
    bar->interfaceCombo()->setCurrentIndex(bar->interfaceCombo()->findData(QStringLiteral("lo")));

    quint16 serverPort = 0;
    quint16 clientPort = 0;
    const int server = boundUdpSocket(&serverPort);
    const int client = boundUdpSocket(&clientPort);
    QVERIFY(server >= 0 && client >= 0);
    bar->filterEdit()->setText(QStringLiteral("udp port %1").arg(serverPort));
    bar->portsEdit()->setText(QString::number(serverPort));
    bar->saveCheckBox()->setChecked(true);
    const QString evidence = m_dir.filePath(QStringLiteral("live-evidence.pcapng"));
    bar->savePathEdit()->setText(evidence);
    QTest::mouseClick(bar->startButton(), Qt::LeftButton);
    QVERIFY(bar->isCapturing());
    QVERIFY(bar->stopButton()->isEnabled());
    QVERIFY(!bar->startButton()->isEnabled());
    QPointer<LiveCaptureJob> job = bar->job();
    QVERIFY(job);
    QTRY_VERIFY_WITH_TIMEOUT(!job || !job->detail().startsWith(QStringLiteral("opening")), 10000);
    if (job && job->state() == BackgroundJob::State::Failed) {
        const QString why = job->message();
        ::close(server);
        ::close(client);
        QSKIP(qPrintable(QStringLiteral("no capture privilege here: %1").arg(why)));
    }
    QTest::qWait(500); // the handle is active; give the kernel filter a moment

    for (quint16 id = 1; id <= 3; ++id) {
        const QByteArray name = "live" + QByteArray::number(id) + ".capture-test.example";
        sendTo(client, serverPort, dnsMessage(id, name, false, {}));
        sendTo(server, clientPort, dnsMessage(id, name, true, "192.0.2." + QByteArray::number(50 + id)));
    }
    QTRY_VERIFY_WITH_TIMEOUT(job && job->lastProgress().records >= 3, 15000);
    QTRY_VERIFY2(bar->statusLabel()->text().contains(QStringLiteral("DNS messages")),
        qPrintable(bar->statusLabel()->text() + QStringLiteral(" / ") + job->detail()));
    // The same answers again after a flush: handed over again, merged into the same three rows.
    QTest::qWait(1500);
    for (quint16 id = 1; id <= 3; ++id) {
        const QByteArray name = "live" + QByteArray::number(id) + ".capture-test.example";
        sendTo(server, clientPort, dnsMessage(id, name, true, "192.0.2." + QByteArray::number(50 + id)));
    }
    QTRY_VERIFY_WITH_TIMEOUT(job && job->lastProgress().dnsMessages >= 9, 15000);
    QTest::qWait(1500); // one more flush
    QCOMPARE(job->lastProgress().records, 3);
    QTest::mouseClick(bar->stopButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!job->isActive(), 15000);
    ::close(server);
    ::close(client);
    QVERIFY2(job->state() == BackgroundJob::State::Succeeded, qPrintable(job->message()));
    QVERIFY(job->message().contains(QStringLiteral("6 packets")) || job->lastProgress().packets >= 6);
    QVERIFY2(job->message().contains(QStringLiteral(" 3 records")), qPrintable(job->message()));
    QVERIFY(!bar->isCapturing());
    QVERIFY(bar->startButton()->isEnabled());
    QVERIFY(QFileInfo(evidence).size() > 0);

    // The window reloads: the names seen on the wire are in the case, from a live source.
    QTRY_VERIFY_WITH_TIMEOUT(
        window.namesPanel()->model()->rowOfName(QStringLiteral("live2.capture-test.example")) >= 0, 15000);
    QVERIFY(window.namesPanel()->model()->rowOfName(QStringLiteral("192.0.2.53")) >= 0);
    bool live = false;
    for (const SourceInfo& s : window.importPanel()->model()->sources())
        live = live || s.kind == QLatin1String("live");
    QVERIFY(live);
}

QTEST_MAIN(TestCaptureExport)
#include "TestCaptureExport.moc"
