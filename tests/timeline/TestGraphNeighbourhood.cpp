// The graph's bounded neighbourhood: a parking address with more names than can be drawn, a fast-flux name with
// more addresses, read from a real case file where the names come from the case.
#include "TimelineFixture.h"
#include "models/CaseFile.h"
#include "models/ObservationWriter.h"
#include "ui/graph/GraphNeighbourhood.h"

#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace pdnsw;

namespace {

const QString kParking = QStringLiteral("192.0.2.1");
const QString kOwnAddress = QStringLiteral("198.51.100.9");
const QString kVictim = QStringLiteral("victim.example");

SourcedObservation answer(qint64 sourceId, const QString& rrname, const QString& rrtype, const QString& rdata)
{
    return fixture::make(0, sourceId, QStringLiteral("source %1").arg(sourceId), QStringLiteral("cof"),
        QStringLiteral("second"), QStringLiteral("sensor"), rrname, rrtype, rdata, 1500000000, 1500003600, 1);
}

// `names` names pointing at the address, each seen by two sources: rows are what reverse() gives, in name order.
QList<SourcedObservation> namesPointingAt(const QString& address, int names)
{
    QList<SourcedObservation> rows;
    for (int i = 0; i < names; ++i) {
        const QString name = QStringLiteral("n%1.park.example").arg(i, 4, 10, QLatin1Char('0'));
        rows << answer(1, name, QStringLiteral("A"), address) << answer(2, name, QStringLiteral("A"), address);
    }
    return rows;
}

// A case file with the rows of source 1, as one imported source.
bool writeCase(const QString& path, const QList<SourcedObservation>& rows)
{
    CaseError error;
    auto file = CaseFile::open(path, CaseFile::Mode::CreateIfMissing, &error);
    if (!file)
        return false;
    ObservationWriter writer(*file);
    SourceInfo info;
    info.kind = QStringLiteral("cof");
    info.label = QStringLiteral("parking.ndjson");
    info.sha256 = QString(64, u'b');
    info.size = 1;
    if (writer.beginSource(info, &error) != ObservationWriter::Begin::Started)
        return false;
    for (const SourcedObservation& r : rows) {
        if (r.sourceId == 1 && !writer.addObservation(r.observation))
            return false;
    }
    return writer.finish(true, {}, &error);
}

// Rows as comparable text: owner, data and source.
QStringList keys(const QList<SourcedObservation>& rows)
{
    QStringList result;
    for (const SourcedObservation& r : rows)
        result.append(QStringLiteral("%1 %2 %3").arg(r.observation.rrname, r.observation.rdata).arg(r.sourceId));
    return result;
}

QSet<QString> owners(const QList<SourcedObservation>& rows)
{
    QSet<QString> result;
    for (const SourcedObservation& r : rows)
        result.insert(r.observation.rrname);
    return result;
}

} // namespace

class TestGraphNeighbourhood : public QObject
{
    Q_OBJECT

private slots:
    void addressKeepsTheFirstNames_data();
    void addressKeepsTheFirstNames();
    void nameKeepsTheFirstTargets();
    void nameReadsSharedAddressesFromTheCase();
    void noteNamesTheFirstTwoCuts();
};

void TestGraphNeighbourhood::addressKeepsTheFirstNames_data()
{
    QTest::addColumn<int>("names");
    QTest::addColumn<int>("drawn");
    QTest::addColumn<QString>("note");
    QTest::newRow("a few") << 3 << 3 << QString();
    QTest::newRow("exactly the bound") << GraphNeighbourhood::kNamesPerAddress << GraphNeighbourhood::kNamesPerAddress
                                       << QString();
    QTest::newRow("one past") << GraphNeighbourhood::kNamesPerAddress + 1 << GraphNeighbourhood::kNamesPerAddress
                              << QStringLiteral("192.0.2.1: 50 of 51 names drawn");
    QTest::newRow("parking") << 20000 << GraphNeighbourhood::kNamesPerAddress
                             << QStringLiteral("192.0.2.1: 50 of 20,000 names drawn");
}

void TestGraphNeighbourhood::addressKeepsTheFirstNames()
{
    QFETCH(int, names);
    QFETCH(int, drawn);
    QFETCH(QString, note);
    const QList<SourcedObservation> rows = namesPointingAt(kParking, names);
    const GraphNeighbourhood n = GraphNeighbourhood::ofAddress(kParking, rows);
    // Every row of a kept name stays (both sources), and the kept names are the first ones.
    QCOMPARE(n.observations().size(), qsizetype(2 * drawn));
    QCOMPARE(keys(n.observations()), keys(rows.first(2 * drawn)));
    QCOMPARE(n.note(), note);
    QCOMPARE(n.cuts().isEmpty(), note.isEmpty());
    // A pivot on the address is bounded the same way.
    QCOMPARE(GraphNeighbourhood::ofPivot(kParking, true, rows).observations().size(), qsizetype(2 * drawn));
}

void TestGraphNeighbourhood::nameKeepsTheFirstTargets()
{
    QList<SourcedObservation> rows;
    for (int i = 0; i < GraphNeighbourhood::kTargetsPerName + 50; ++i)
        rows << answer(1, kVictim, QStringLiteral("A"), QStringLiteral("10.0.%1.%2").arg(i / 256).arg(i % 256));
    const GraphNeighbourhood n = GraphNeighbourhood::ofPivot(kVictim, false, rows);
    QCOMPARE(keys(n.observations()), keys(rows.first(GraphNeighbourhood::kTargetsPerName)));
    QCOMPARE(n.note(), QStringLiteral("victim.example: 200 of 250 answers drawn"));
}

void TestGraphNeighbourhood::nameReadsSharedAddressesFromTheCase()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("parking.pdnscase"));
    QList<SourcedObservation> rows = namesPointingAt(kParking, 5000);
    rows << answer(1, kVictim, QStringLiteral("A"), kParking) << answer(1, kVictim, QStringLiteral("A"), kOwnAddress)
         << answer(1, QStringLiteral("mail.example"), QStringLiteral("A"), kOwnAddress);
    QVERIFY(writeCase(path, rows));
    CaseError error;
    const auto reader = CaseReader::open(path, &error);
    QVERIFY2(reader, qPrintable(error.message));
    const QList<SourcedObservation> timeline = reader->timeline(kVictim);
    QCOMPARE(timeline.size(), 2);
    const GraphNeighbourhood n = GraphNeighbourhood::ofName(*reader, kVictim, timeline, &error);

    // The victim's own records, both names of its own address, and the first 50 of the parking address's 5 001.
    const QSet<QString> drawn = owners(n.observations());
    QVERIFY(drawn.contains(kVictim));
    QVERIFY(drawn.contains(QStringLiteral("mail.example")));
    QVERIFY(drawn.contains(QStringLiteral("n0000.park.example")));
    QVERIFY(drawn.contains(QStringLiteral("n0049.park.example")));
    QVERIFY(!drawn.contains(QStringLiteral("n0050.park.example")));
    QCOMPARE(drawn.size(), 2 + GraphNeighbourhood::kNamesPerAddress);
    QCOMPARE(n.cuts().size(), 1);
    QCOMPARE(n.cuts().first().node, kParking);
    QVERIFY(!n.cuts().first().total); // reading stopped at the bound
    QCOMPARE(n.note(), QStringLiteral("192.0.2.1: the first 50 names drawn"));
}

// A name on four parking addresses: the note names two cuts and counts the others.
void TestGraphNeighbourhood::noteNamesTheFirstTwoCuts()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("four.pdnscase"));
    QList<SourcedObservation> rows;
    for (int a = 1; a <= 4; ++a) {
        const QString address = QStringLiteral("192.0.2.%1").arg(a);
        for (int i = 0; i <= GraphNeighbourhood::kNamesPerAddress; ++i)
            rows << answer(1, QStringLiteral("p%1.a%2.example").arg(i).arg(a), QStringLiteral("A"), address);
        rows << answer(1, kVictim, QStringLiteral("A"), address);
    }
    QVERIFY(writeCase(path, rows));
    CaseError error;
    const auto reader = CaseReader::open(path, &error);
    QVERIFY2(reader, qPrintable(error.message));
    const GraphNeighbourhood n = GraphNeighbourhood::ofName(*reader, kVictim, reader->timeline(kVictim), &error);
    QCOMPARE(n.cuts().size(), 4);
    QCOMPARE(n.note(),
        QStringLiteral("192.0.2.1: the first 50 names drawn; 192.0.2.2: the first 50 names drawn; 2 more cut"));
}

QTEST_GUILESS_MAIN(TestGraphNeighbourhood)
#include "TestGraphNeighbourhood.moc"
