#include "CaptureTestUtil.h"
#include "bench/BenchPcapGenerator.h"

#include "capture/packet/PacketProcessor.h"
#include "models/CaseFile.h"
#include "models/CaseReader.h"
#include "models/ObservationWriter.h"
#include "models/itemmodels/ItemRoles.h"
#include "models/itemmodels/SourcesModel.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <QThread>

using namespace pdnsw;
using namespace pdnsw::test;

// PcapImporter::importIntoCase on real case files: progress, cancel (the source stays incomplete, what was
// committed stays), a duplicate refused, an interrupted import resumed, and a file whose last record is
// truncated (read to its end: complete, with the read error recorded).
class TestCaseImport : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void progressAndComplete();
    void recordsInProgressNeverDip();
    void cancelKeepsTheCommittedPartThenResumes();
    void duplicateIsRefused();
    void truncatedLastRecordIsCompleteWithItsError();
    void localLinkAnswersStayApartFromDns_data();
    void localLinkAnswersStayApartFromDns();
    void otherOptionsMakeAnotherImportOfTheSameFile();

private:
    struct CaseImport
    {
        std::unique_ptr<CaseFile> file;
        std::unique_ptr<ObservationWriter> writer;
    };
    CaseImport openCase(const QString& name);

    QTemporaryDir m_dir;
    QString m_capture; // a generated capture of realistic resolver traffic
    std::uint64_t m_packets = 0;
};

TestCaseImport::CaseImport TestCaseImport::openCase(const QString& name)
{
    CaseImport c;
    CaseError error;
    c.file = CaseFile::open(m_dir.filePath(name), CaseFile::Mode::CreateIfMissing, &error);
    if (c.file)
        c.writer = std::make_unique<ObservationWriter>(*c.file);
    else
        qWarning("%s", qPrintable(error.message));
    return c;
}

void TestCaseImport::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_capture = m_dir.filePath(QStringLiteral("traffic.pcap"));
    const bench::GeneratedCapture g = bench::writeBenchCapture(m_capture, 120000, 4000, 7);
    QVERIFY(g.packets >= 120000);
    m_packets = g.packets;
}

void TestCaseImport::progressAndComplete()
{
    CaseImport c = openCase(QStringLiteral("progress.pdnscase"));
    QVERIFY(c.writer);
    PcapImporter importer;
    QList<ImportProgress> reports;
    importer.setProgressCallback([&](const ImportProgress& p) { reports.append(p); }, 8192);
    const PcapImportResult r = importer.importIntoCase(m_capture, *c.writer);
    QVERIFY2(r.ok(), qPrintable(r.error));
    QCOMPARE(r.stats.packets, m_packets);
    QVERIFY(!r.readError);

    // Progress: several reports, never going backwards, the last one at the end of the file.
    QVERIFY(reports.size() >= 10);
    for (int i = 1; i < reports.size(); ++i) {
        QVERIFY(reports[i].packets >= reports[i - 1].packets);
        QVERIFY(reports[i].bytesRead >= reports[i - 1].bytesRead);
        QVERIFY(reports[i].records >= reports[i - 1].records);
    }
    QVERIFY(reports[reports.size() / 2].packets > 0 && reports[reports.size() / 2].records > 0);
    QCOMPARE(reports.last().packets, std::int64_t(m_packets));
    QCOMPARE(reports.last().bytesRead, r.fileSize);
    QCOMPARE(reports.last().fileSize, r.fileSize);
    QCOMPARE(reports.last().records, r.observations);
    QCOMPARE(reports.last().errors, 0);

    CaseError error;
    auto reader = CaseReader::open(c.file->path(), &error);
    QVERIFY2(reader, qPrintable(error.message));
    const auto source = reader->source(r.sourceId);
    QVERIFY(source);
    QVERIFY(source->isComplete());
    QCOMPARE(source->kind, QStringLiteral("pcap"));
    QCOMPARE(source->sha256, r.sha256);
    QCOMPARE(source->size, r.fileSize);
    QCOMPARE(source->observationCount, c.writer->stats().inserted);
    QVERIFY(source->observationCount > 1000);
    const QJsonObject stats = QJsonDocument::fromJson(source->stats.toUtf8()).object();
    QCOMPARE(stats.value(QStringLiteral("packets")).toInteger(), qint64(m_packets));
    QCOMPARE(stats.value(QStringLiteral("readError")).toBool(), false);

    // The window's source table reads these stats: every counter column shows the importer's figure.
    SourcesModel sources;
    sources.setSources({*source});
    const auto cell = [&](int column) { return sources.index(0, column).data(SortRole).toLongLong(); };
    QCOMPARE(cell(SourcesModel::Packets), qint64(m_packets));
    QCOMPARE(cell(SourcesModel::Messages), qint64(r.stats.dnsMessages));
    QVERIFY(r.stats.dnsMessages > 0);
    QCOMPARE(cell(SourcesModel::Errors), 0);
    QVERIFY(cell(SourcesModel::Elapsed) >= 0);
    QVERIFY(sources.index(0, SourcesModel::Elapsed).data().toString().endsWith(QStringLiteral(" s")));
}

// Records released by the aggregator wait in the queue until the writer takes them. Counted only once written,
// they vanished from the progress meanwhile: a big import went 258 k -> 200 k records at 98 %, when the full
// aggregator released its least recently seen quarter. Here a small aggregator does that often, towards a sink
// that takes its time, as a large case's writer does.
void TestCaseImport::recordsInProgressNeverDip()
{
    struct UnhurriedSink : ObservationSink
    {
        std::int64_t count = 0;
        bool addObservation(const Observation&) override
        {
            if (++count % 64 == 0)
                QThread::usleep(500);
            return true;
        }
    } sink;
    CaptureOptions options;
    options.aggregator.maxRecords = 2000;
    PcapImporter importer(options);
    QList<ImportProgress> reports;
    importer.setProgressCallback([&](const ImportProgress& p) { reports.append(p); }, 4096);
    const PcapImportResult r = importer.importFile(m_capture, sink);
    QVERIFY2(r.ok(), qPrintable(r.error));
    QVERIFY(reports.size() >= 20);
    for (int i = 1; i < reports.size(); ++i)
        QVERIFY2(reports[i].records >= reports[i - 1].records,
            qPrintable(QStringLiteral("report %1: %2 records after %3")
                           .arg(i)
                           .arg(reports[i].records)
                           .arg(reports[i - 1].records)));
    QCOMPARE(reports.last().records, r.observations);
    QCOMPARE(sink.count, r.observations);
}

void TestCaseImport::cancelKeepsTheCommittedPartThenResumes()
{
    // The reference: the whole file in a case of its own.
    CaseImport full = openCase(QStringLiteral("reference.pdnscase"));
    QVERIFY(full.writer);
    const PcapImportResult whole = PcapImporter().importIntoCase(m_capture, *full.writer);
    QVERIFY2(whole.ok(), qPrintable(whole.error));

    CaseImport c = openCase(QStringLiteral("cancel.pdnscase"));
    QVERIFY(c.writer);
    PcapImporter importer;
    std::atomic<bool> cancel{false};
    importer.setProgressCallback(
        [&](const ImportProgress& p) {
            if (p.packets >= 40000)
                cancel.store(true);
        },
        4096);
    const PcapImportResult r = importer.importIntoCase(m_capture, *c.writer, &cancel);
    QCOMPARE(r.status, PcapImportResult::Status::Cancelled);
    QVERIFY2(r.error.contains(QLatin1String("cancelled")), qPrintable(r.error));
    QVERIFY(r.stats.packets >= 40000 && r.stats.packets < m_packets);
    QVERIFY(r.observations > 0);

    CaseError error;
    {
        auto reader = CaseReader::open(c.file->path(), &error);
        QVERIFY2(reader, qPrintable(error.message));
        const auto source = reader->source(r.sourceId);
        QVERIFY(source);
        QCOMPARE(source->state, QStringLiteral("incomplete"));
        // What was decoded before the cancel was committed and stays.
        QVERIFY(source->observationCount > 0);
        QVERIFY(source->observationCount < full.writer->stats().inserted);
        QCOMPARE(reader->counts().incompleteSources, 1);
    }

    // Importing the same file again drops the interrupted source and gives exactly the full result.
    const PcapImportResult again = PcapImporter().importIntoCase(m_capture, *c.writer);
    QVERIFY2(again.ok(), qPrintable(again.error));
    auto reader = CaseReader::open(c.file->path(), &error);
    QVERIFY2(reader, qPrintable(error.message));
    const QList<SourceInfo> sources = reader->sources();
    QCOMPARE(sources.size(), 1);
    QVERIFY(sources[0].isComplete());
    QCOMPARE(sources[0].observationCount, full.writer->stats().inserted);
    QCOMPARE(reader->counts().incompleteSources, 0);
}

void TestCaseImport::duplicateIsRefused()
{
    CaseImport c = openCase(QStringLiteral("duplicate.pdnscase"));
    QVERIFY(c.writer);
    const PcapImportResult first = PcapImporter().importIntoCase(m_capture, *c.writer);
    QVERIFY2(first.ok(), qPrintable(first.error));
    const qint64 inserted = c.writer->stats().inserted;
    const PcapImportResult second = PcapImporter().importIntoCase(m_capture, *c.writer);
    QCOMPARE(second.status, PcapImportResult::Status::Duplicate);
    QCOMPARE(second.sourceId, first.sourceId);
    QCOMPARE(second.observations, 0);
    QVERIFY2(second.error.contains(first.sha256), qPrintable(second.error));
    CaseError error;
    auto reader = CaseReader::open(c.file->path(), &error);
    QVERIFY2(reader, qPrintable(error.message));
    QCOMPARE(reader->sources().size(), 1);
    QCOMPARE(reader->source(first.sourceId)->observationCount, inserted); // no count changed
}

void TestCaseImport::truncatedLastRecordIsCompleteWithItsError()
{
    const QByteArray a = ethernet(udp4(QStringLiteral("198.51.100.53"), QStringLiteral("192.0.2.10"), 53, 40000,
        DnsBuilder(1, true)
            .question(QStringLiteral("kept.example"), 1)
            .answer(QStringLiteral("kept.example"), 1, 60, DnsBuilder::a(QStringLiteral("192.0.2.1")))
            .build()));
    const QByteArray b = ethernet(udp4(QStringLiteral("198.51.100.53"), QStringLiteral("192.0.2.10"), 53, 40001,
        DnsBuilder(2, true)
            .question(QStringLiteral("cut.example"), 1)
            .answer(QStringLiteral("cut.example"), 1, 60, DnsBuilder::a(QStringLiteral("192.0.2.2")))
            .build()));
    const QString path = m_dir.filePath(QStringLiteral("truncated.pcap"));
    QVERIFY(PcapFile(1).add(a).add(b).save(path));
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadWrite));
        QVERIFY(f.resize(f.size() - 10)); // the last record loses its end
    }
    CaseImport c = openCase(QStringLiteral("truncated.pdnscase"));
    QVERIFY(c.writer);
    const PcapImportResult r = PcapImporter().importIntoCase(path, *c.writer);
    QVERIFY2(r.ok(), qPrintable(r.error));
    QVERIFY(r.readError);
    const QString position = QStringLiteral("packet 2 (offset %1)").arg(24 + 16 + a.size());
    QVERIFY2(r.readErrorMessage.startsWith(position), qPrintable(r.readErrorMessage));

    CaseError error;
    auto reader = CaseReader::open(c.file->path(), &error);
    QVERIFY2(reader, qPrintable(error.message));
    const auto source = reader->source(r.sourceId);
    QVERIFY(source);
    QVERIFY(source->isComplete()); // read to its end: complete, not interrupted
    QCOMPARE(source->observationCount, 1);
    QCOMPARE(reader->timeline(QStringLiteral("kept.example")).size(), 1);
    QVERIFY(reader->timeline(QStringLiteral("cut.example")).isEmpty());
    const QJsonObject stats = QJsonDocument::fromJson(source->stats.toUtf8()).object();
    QCOMPARE(stats.value(QStringLiteral("readError")).toBool(), true);
    QVERIFY(stats.value(QStringLiteral("readErrorMessage")).toString().contains(QLatin1String("cannot be read")));
    const auto errors = reader->sourceErrors(r.sourceId);
    QCOMPARE(errors.size(), 1);
    QCOMPARE(errors[0].first, position);
    QVERIFY2(errors[0].second.contains(QLatin1String("1 packets before are kept")), qPrintable(errors[0].second));
}

void TestCaseImport::localLinkAnswersStayApartFromDns_data()
{
    QTest::addColumn<bool>("bulk");
    QTest::newRow("row by row") << false;
    QTest::newRow("bulk") << true;
}

void TestCaseImport::localLinkAnswersStayApartFromDns()
{
    QFETCH(bool, bulk);
    // The same record answered by a DNS server and by multicast DNS: two rows in the case, each labelled by how
    // it travelled, not one row whose count and label mix both.
    const QByteArray record = DnsBuilder::a(QStringLiteral("192.168.1.20"));
    const QByteArray viaDns = ethernet(udp4(QStringLiteral("198.51.100.53"), QStringLiteral("192.168.1.5"), 53, 40000,
        DnsBuilder(7, true)
            .question(QStringLiteral("printer.local"), 1)
            .answer(QStringLiteral("printer.local"), 1, 60, record)
            .build()));
    const QByteArray viaMdns = ethernet(udp4(QStringLiteral("192.168.1.20"), QStringLiteral("224.0.0.251"), 5353, 5353,
        DnsBuilder(0, true).answer(QStringLiteral("printer.local"), 1, 120, record).build()));
    const QString path = m_dir.filePath(QStringLiteral("local.pcap"));
    QVERIFY(PcapFile(1).add(viaDns).add(viaMdns).add(viaMdns).save(path));
    CaseImport c = openCase(bulk ? QStringLiteral("local-bulk.pdnscase") : QStringLiteral("local.pdnscase"));
    QVERIFY(c.writer);
    if (bulk)
        c.writer->setBulkThreshold(1);
    CaptureOptions options;
    options.mdns = true;
    const PcapImportResult r = PcapImporter(options).importIntoCase(path, *c.writer);
    QVERIFY2(r.ok(), qPrintable(r.error));

    CaseError error;
    auto reader = CaseReader::open(c.file->path(), &error);
    QVERIFY2(reader, qPrintable(error.message));
    const QList<SourcedObservation> rows = reader->timeline(QStringLiteral("printer.local"));
    QCOMPARE(rows.size(), 2);
    QMap<QString, qint64> countByLabel;
    for (const SourcedObservation& row : rows) {
        countByLabel.insert(row.observation.attrs, row.observation.count.value_or(-1));
        QCOMPARE(row.observation.service, row.observation.attrs.isEmpty() ? Service::Dns : Service::Mdns);
    }
    QCOMPARE(countByLabel.value(QString(), -1), 1);
    QCOMPARE(countByLabel.value(QStringLiteral("{\"proto\":\"mdns\"}"), -1), 2);
}

void TestCaseImport::otherOptionsMakeAnotherImportOfTheSameFile()
{
    // A capture of multicast DNS imported with mDNS off reads nothing from it and says how many packets it left
    // out. The same file with mDNS on is another import (other records), not a duplicate; with the same options
    // again it is one.
    const QString path = QStringLiteral(PDNSW_PCAP_DIR "/zeek__dns_mdns.pcap");
    QVERIFY(QFile::exists(path));
    CaseImport c = openCase(QStringLiteral("options.pdnscase"));
    QVERIFY(c.writer);
    const PcapImportResult off = PcapImporter().importIntoCase(path, *c.writer);
    QVERIFY2(off.ok(), qPrintable(off.error));
    QCOMPARE(off.observations, 0);
    QCOMPARE(off.stats.dnsMessages, 0u);
    // 24 packets: 18 mDNS queries and answers (IPv4 and IPv6), 6 IGMP / MLD reports.
    QCOMPARE(off.stats.packets, 24u);
    QCOMPARE(off.stats.mdnsSkipped, 18u);
    QCOMPARE(off.stats.llmnrSkipped, 0u);
    QCOMPARE(skippedLocalLinkSummary(off.stats), QStringLiteral("18 packets on the mDNS port (5353) were left out"));

    CaptureOptions mdns;
    mdns.mdns = true;
    ObservationWriter second(*c.file);
    const PcapImportResult on = PcapImporter(mdns).importIntoCase(path, second);
    QVERIFY2(on.ok(), qPrintable(on.error));
    QVERIFY(on.sourceId != off.sourceId);
    QVERIFY(on.observations > 0);
    QCOMPARE(on.stats.dnsMessages, 18u); // the 18 packets left out above, now read
    QCOMPARE(on.observations, 6);
    QCOMPARE(on.stats.mdnsSkipped, 0u);
    QVERIFY(skippedLocalLinkSummary(on.stats).isEmpty());

    ObservationWriter third(*c.file);
    const PcapImportResult again = PcapImporter(mdns).importIntoCase(path, third);
    QCOMPARE(again.status, PcapImportResult::Status::Duplicate);
    QCOMPARE(again.sourceId, on.sourceId);
    QVERIFY2(again.error.contains(QStringLiteral("same options")), qPrintable(again.error));

    CaseError error;
    auto reader = CaseReader::open(c.file->path(), &error);
    QVERIFY2(reader, qPrintable(error.message));
    QCOMPARE(reader->sources().size(), 2);
}

QTEST_GUILESS_MAIN(TestCaseImport)
#include "TestCaseImport.moc"
