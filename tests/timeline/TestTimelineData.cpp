#include "TimelineFixture.h"
#include "ui/timeline/TimelineData.h"

#include <QTest>

using namespace pdnsw;
using namespace pdnsw::fixture;

namespace {

// "source=valid" or "source<earlier" per source, joined by "; ", for compact data rows.
QString summary(const TimelineData& data, qint64 t)
{
    QStringList parts;
    for (const TimelineAsOf& entry : data.asOf(t)) {
        QStringList valid;
        for (int i : entry.validAtT)
            valid.append(data.observations().at(i).observation.rdata);
        QStringList before;
        for (int i : entry.lastBefore)
            before.append(data.observations().at(i).observation.rdata);
        if (!valid.isEmpty())
            parts.append(entry.sourceLabel + QLatin1Char('=') + valid.join(QLatin1Char(',')));
        else if (!before.isEmpty())
            parts.append(entry.sourceLabel + QLatin1Char('<') + before.join(QLatin1Char(',')));
        else
            parts.append(entry.sourceLabel + QStringLiteral("-"));
    }
    return parts.join(QStringLiteral("; "));
}

} // namespace

class TestTimelineData : public QObject
{
    Q_OBJECT
private slots:
    void testRows()
    {
        const TimelineData data(kName, incident());
        QCOMPARE(data.barCount(), 6);
        QCOMPARE(data.sources().size(), 3);
        const auto& rows = data.rows();
        QCOMPARE(rows.size(), 3); // one owner: no header rows
        QCOMPARE(rows[0].rdata, QStringLiteral("198.51.100.23"));
        QCOMPARE(rows[1].rdata, QStringLiteral("203.0.113.77"));
        QCOMPARE(rows[2].rdata, QStringLiteral("NXDOMAIN"));
        QCOMPARE(int(rows[2].kind), int(TimelineRow::Kind::Negative));
        // Overlapping sources stack into lanes; VirusTotal's point overlaps both on the second row.
        QCOMPARE(rows[0].laneCount, 2);
        QCOMPARE(rows[1].laneCount, 3);
        QCOMPARE(rows[2].laneCount, 1);
    }

    void testBarKinds()
    {
        const TimelineData data(kName, incident());
        QHash<qint64, TimelineBar> byId;
        for (const TimelineRow& row : data.rows()) {
            for (const TimelineBar& bar : row.bars)
                byId.insert(data.observations().at(bar.observation).id, bar);
        }
        // Day granularity covers whole UTC days.
        QVERIFY(byId[201].dayGranular);
        QCOMPARE(byId[201].start, double(utc("2018-01-01T00:00:00Z")));
        QCOMPARE(byId[201].end, double(utc("2018-02-11T00:00:00Z")));
        QVERIFY(!byId[201].point);
        // A single date is a point.
        QVERIFY(byId[301].point);
        QCOMPARE(byId[301].start, double(utc("2018-02-20T14:31:07Z")));
        // Captures keep their seconds.
        QVERIFY(!byId[101].dayGranular && !byId[101].point);
        QCOMPARE(byId[101].end, double(utc("2018-02-10T18:00:00Z")));
        QCOMPARE(data.earliest().value(), double(utc("2018-01-01T00:00:00Z")));
        QCOMPARE(data.latest().value(), double(utc("2018-03-20T00:00:00Z")));
    }

    void testSingleTimeIsPoint_data()
    {
        QTest::addColumn<bool>("hasFirst");
        QTest::addColumn<bool>("hasLast");
        QTest::addColumn<QString>("granularity");
        QTest::addColumn<bool>("point");
        QTest::addColumn<bool>("undated");
        QTest::newRow("only last (VirusTotal v2)") << false << true << "second" << true << false;
        QTest::newRow("only first") << true << false << "second" << true << false;
        QTest::newRow("neither: undated") << false << false << "none" << false << true;
        QTest::newRow("both, day granular: a day bar") << true << true << "day" << false << false;
    }
    void testSingleTimeIsPoint()
    {
        QFETCH(bool, hasFirst);
        QFETCH(bool, hasLast);
        QFETCH(QString, granularity);
        QFETCH(bool, point);
        QFETCH(bool, undated);
        const qint64 t = utc("2019-05-05T05:05:05Z");
        const auto o = make(1, 9, QStringLiteral("src"), QStringLiteral("cof"), granularity, QStringLiteral("lookup"),
            kName, QStringLiteral("A"), QStringLiteral("192.0.2.1"), hasFirst ? std::optional<qint64>(t) : std::nullopt,
            hasLast ? std::optional<qint64>(t) : std::nullopt, std::nullopt);
        const TimelineData data(kName, {o});
        QCOMPARE(data.rows().size(), 1);
        const TimelineBar& bar = data.rows()[0].bars[0];
        QCOMPARE(bar.point, point);
        QCOMPARE(bar.undated, undated);
        QCOMPARE(data.earliest().has_value(), !undated);
    }

    void testAsOf_data()
    {
        QTest::addColumn<QString>("time");
        QTest::addColumn<QString>("expected");
        QTest::newRow("before the capture, only SecurityTrails")
            << "2018-01-03T00:00:00Z"
            << "victim.pcapng-; SecurityTrails=198.51.100.23; VirusTotal-";
        QTest::newRow("first address everywhere")
            << "2018-01-20T00:00:00Z"
            << "victim.pcapng=198.51.100.23; SecurityTrails=198.51.100.23; VirusTotal-";
        QTest::newRow("capture ended at 18:00, the day-granular source covers the whole day")
            << "2018-02-10T20:00:00Z"
            << "victim.pcapng<198.51.100.23; SecurityTrails=198.51.100.23; VirusTotal-";
        QTest::newRow("second address; VirusTotal's date only counts as earlier")
            << "2018-02-25T00:00:00Z"
            << "victim.pcapng=203.0.113.77; SecurityTrails=203.0.113.77; VirusTotal<203.0.113.77";
        QTest::newRow("NXDOMAIN") << "2018-03-10T00:00:00Z"
                                  << "victim.pcapng=NXDOMAIN; SecurityTrails<203.0.113.77; VirusTotal<203.0.113.77";
        QTest::newRow("last second of the first bar is inside it")
            << "2018-02-10T18:00:00Z"
            << "victim.pcapng=198.51.100.23; SecurityTrails=198.51.100.23; VirusTotal-";
    }
    void testAsOf()
    {
        QFETCH(QString, time);
        QFETCH(QString, expected);
        const TimelineData data(kName, incident());
        QCOMPARE(summary(data, utc(qPrintable(time))), expected);
    }

    void testDefaultCursorIsBeforeTheNameWentNegative()
    {
        const TimelineData data(kName, incident());
        QCOMPARE(data.defaultCursorTime().value(), utc("2018-03-02T00:00:00Z") - 1);
        // Without a negative answer: the latest sighting.
        QList<SourcedObservation> positive = incident();
        positive.removeAt(2);
        const TimelineData latest(kName, positive);
        QCOMPARE(latest.defaultCursorTime().value(), utc("2018-03-02T00:00:00Z") - 1); // ST's last day ends then
        QVERIFY(!TimelineData(kName, {}).defaultCursorTime().has_value());
    }

    // A CNAME seen for months whose target's addresses were seen for moments: at a time inside the CNAME but
    // after the target's last sighting, the target's latest addresses are the earlier answer (per source), while
    // a source whose target has an answer at T adds nothing earlier.
    void testAsOfFollowsChainToEarlierAnswer()
    {
        const auto hop = [](qint64 id, qint64 sourceId, const QString& label, const QString& rdata, const char* first,
                             const char* last) {
            return make(id, sourceId, label, QStringLiteral("pcap"), QStringLiteral("second"), QStringLiteral("sensor"),
                QStringLiteral("cdn.bad.example"), QStringLiteral("A"), rdata, utc(first), utc(last), 1,
                Section::Answer, 1);
        };
        QList<SourcedObservation> list;
        list << capture(1, QStringLiteral("CNAME"), QStringLiteral("cdn.bad.example"), "2018-01-01T00:00:00Z",
            "2018-03-01T00:00:00Z", 30)
             << hop(2, 1, QStringLiteral("victim.pcapng"), QStringLiteral("192.0.2.10"), "2018-01-01T00:00:00Z",
                    "2018-01-10T00:00:00Z")
             << hop(3, 1, QStringLiteral("victim.pcapng"), QStringLiteral("192.0.2.11"), "2018-01-12T00:00:00Z",
                    "2018-01-15T00:00:00Z");
        const TimelineData data(kName, list);
        const auto text = [&](const QList<int>& indexes) {
            QStringList out;
            for (int i : indexes)
                out.append(data.observations().at(i).observation.rdata);
            return out;
        };
        QList<TimelineAsOf> at = data.asOf(utc("2018-02-01T00:00:00Z"));
        QCOMPARE(at.size(), 1);
        QCOMPARE(text(at.first().validAtT), QStringList{QStringLiteral("cdn.bad.example")});
        QCOMPARE(text(at.first().lastBefore), QStringList{QStringLiteral("192.0.2.11")});
        // While the target has an address, nothing earlier is added.
        at = data.asOf(utc("2018-01-13T00:00:00Z"));
        QCOMPARE(
            text(at.first().validAtT), (QStringList{QStringLiteral("cdn.bad.example"), QStringLiteral("192.0.2.11")}));
        QVERIFY(at.first().lastBefore.isEmpty());
        // Another source with an answer for the target at T: the chain is answered, nobody gets an earlier one.
        list << hop(4, 2, QStringLiteral("DNSDB"), QStringLiteral("192.0.2.12"), "2018-01-20T00:00:00Z",
            "2018-02-20T00:00:00Z");
        const TimelineData answered(kName, list);
        at = answered.asOf(utc("2018-02-01T00:00:00Z"));
        QCOMPARE(at.size(), 2);
        for (const TimelineAsOf& entry : at)
            QVERIFY(entry.lastBefore.isEmpty());
    }

    // A negative answer followed by years of positive ones is no "went away" (a NODATA in an old capture of a name
    // that still resolves): the cursor starts at the latest sighting. Nor is a "now" lookup's NXDOMAIN evidence.
    void testDefaultCursorSkipsNegativesThatWereNotTheEnd()
    {
        QList<SourcedObservation> list;
        list << capture(1, QStringLiteral("AAAA"), QStringLiteral("NODATA"), "2005-03-30T08:47:59Z",
            "2005-03-30T08:47:59Z", 1, Section::Negative)
             << capture(2, QStringLiteral("A"), QStringLiteral("192.0.2.1"), "2005-03-30T08:47:58Z",
                    "2005-03-30T08:47:58Z", 1)
             << capture(3, QStringLiteral("A"), QStringLiteral("192.0.2.1"), "2017-03-31T14:45:23Z",
                    "2017-03-31T15:45:23Z", 1);
        QCOMPARE(TimelineData(kName, list).defaultCursorTime().value(), utc("2017-03-31T15:45:23Z") - 1);

        QList<SourcedObservation> withLookup = incident();
        withLookup.removeAt(2); // no NXDOMAIN in the evidence
        const qint64 withoutLookup = TimelineData(kName, withLookup).defaultCursorTime().value();
        withLookup << make(900, 9, QStringLiteral("System resolver (now)"), QStringLiteral("lookup:system"),
            QStringLiteral("second"), QStringLiteral("lookup"), kName, QStringLiteral("A"), QStringLiteral("NXDOMAIN"),
            utc("2026-11-30T11:21:05Z"), utc("2026-11-30T11:21:05Z"), 1, Section::Negative);
        QCOMPARE(TimelineData(kName, withLookup).defaultCursorTime().value(), withoutLookup);
    }

    void testChainHopsGroupedUnderOwner()
    {
        QList<SourcedObservation> list;
        list << capture(1, QStringLiteral("CNAME"), QStringLiteral("cdn.bad.example"), "2018-01-01T00:00:00Z",
            "2018-02-01T00:00:00Z", 3);
        auto hop = capture(
            2, QStringLiteral("A"), QStringLiteral("192.0.2.10"), "2018-01-01T00:00:00Z", "2018-02-01T00:00:00Z", 3);
        hop.observation.rrname = QStringLiteral("cdn.bad.example");
        hop.chainDepth = 1;
        list << hop;
        const TimelineData data(kName, list);
        const auto& rows = data.rows();
        QCOMPARE(rows.size(), 4);
        QCOMPARE(int(rows[0].kind), int(TimelineRow::Kind::OwnerHeader));
        QCOMPARE(rows[0].owner, kName);
        QCOMPARE(rows[1].rrtype, QStringLiteral("CNAME"));
        QCOMPARE(int(rows[2].kind), int(TimelineRow::Kind::OwnerHeader));
        QCOMPARE(rows[2].owner, QStringLiteral("cdn.bad.example"));
        QCOMPARE(rows[2].chainDepth, 1);
        QCOMPARE(rows[3].rdata, QStringLiteral("192.0.2.10"));
        QCOMPARE(rows[3].chainDepth, 1);
    }

    void testNowAnswer()
    {
        TimelineData data(kName, incident());
        Observation nx;
        nx.rrname = kName;
        nx.rrtype = QStringLiteral("A");
        nx.rdata = QStringLiteral("NXDOMAIN");
        nx.section = Section::Negative;
        data.setNowAnswer({nx}, utc("2024-05-01T12:00:00Z"));
        QVERIFY(data.rows()[2].inNowAnswer);
        QVERIFY(!data.rows()[0].inNowAnswer && !data.rows()[1].inNowAnswer);

        Observation fresh;
        fresh.rrname = kName;
        fresh.rrtype = QStringLiteral("A");
        fresh.rdata = QStringLiteral("192.0.2.99");
        data.setNowAnswer({fresh}, utc("2024-05-01T12:00:00Z"));
        QCOMPARE(data.rows().size(), 4);
        QCOMPARE(data.rows().last().rdata, QStringLiteral("192.0.2.99")); // never seen: after the dated rows
        QVERIFY(data.rows().last().inNowAnswer);
        QVERIFY(data.rows().last().bars.isEmpty());
        QCOMPARE(data.barCount(), 6);
        data.clearNowAnswer();
        QCOMPARE(data.rows().size(), 3);
        QVERIFY(!data.hasNowAnswer());
    }

    // A system resolver lookup stored in the case years after the incident: the axis still frames the incident,
    // and the latest lookup is the now answer until a live one replaces it.
    void testStoredLookupIsTheNowAnswer()
    {
        const TimelineData plain(kName, incident());
        const auto lookup = [](qint64 id, const QString& rdata, const char* at, Section section) {
            return make(id, 9, QStringLiteral("System resolver (now)"), QStringLiteral("lookup:system"),
                QStringLiteral("second"), QStringLiteral("lookup"), kName, QStringLiteral("A"), rdata, utc(at), utc(at),
                1, section);
        };
        QList<SourcedObservation> list = incident();
        list << lookup(900, QStringLiteral("192.0.2.50"), "2023-06-01T00:00:00Z", Section::Answer)
             << lookup(901, QStringLiteral("NXDOMAIN"), "2026-11-30T11:21:05Z", Section::Negative);
        TimelineData data(kName, list);
        QCOMPARE(data.earliest(), plain.earliest());
        QCOMPARE(data.latest(), plain.latest());
        QCOMPARE(data.defaultCursorTime(), plain.defaultCursorTime());
        QCOMPARE(data.nowAskedAt().value(), utc("2026-11-30T11:21:05Z"));
        QCOMPARE(data.nowRecords().size(), 1); // the latest lookup only, not the 2023 one
        QCOMPARE(data.nowRecords().first().rdata, QStringLiteral("NXDOMAIN"));
        int marked = 0;
        for (const TimelineRow& row : data.rows())
            marked += row.inNowAnswer ? 1 : 0;
        QCOMPARE(marked, 1);
        // Before the lookups the resolver has nothing to say, and the readout leaves it out.
        for (const TimelineAsOf& entry : data.asOf(utc("2018-02-01T00:00:00Z")))
            QVERIFY(entry.sourceId != 9);
        QList<qint64> later;
        for (const TimelineAsOf& entry : data.asOf(utc("2026-12-01T00:00:00Z")))
            later.append(entry.sourceId);
        QVERIFY(later.contains(9));

        // A live answer replaces it; clearing the live one brings the stored one back.
        Observation fresh;
        fresh.rrname = kName;
        fresh.rrtype = QStringLiteral("A");
        fresh.rdata = QStringLiteral("192.0.2.99");
        data.setNowAnswer({fresh}, utc("2026-12-01T00:00:00Z"));
        QCOMPARE(data.nowRecords().first().rdata, QStringLiteral("192.0.2.99"));
        data.clearNowAnswer();
        QCOMPARE(data.nowAskedAt().value(), utc("2026-11-30T11:21:05Z"));

        // Nothing but lookups: they are the axis.
        const TimelineData onlyLookups(
            kName, {lookup(902, QStringLiteral("192.0.2.50"), "2023-06-01T00:00:00Z", Section::Answer)});
        QVERIFY(onlyLookups.earliest().has_value());
        QCOMPARE(onlyLookups.earliest().value(), double(utc("2023-06-01T00:00:00Z")));
    }

    // An address's timeline: who pointed at 203.0.113.77 and when, a row per name under the address, the readout
    // naming the names valid at T; a lookup among them is a bar like any other, not a "now" answer.
    void testAddressTimeline()
    {
        const QString address = QStringLiteral("203.0.113.77");
        const auto pointer = [&](qint64 id, qint64 sourceId, const QString& source, const QString& kind,
                                 const QString& name, const char* first, const char* last) {
            return make(id, sourceId, source, kind, QStringLiteral("second"), QStringLiteral("sensor"), name,
                QStringLiteral("A"), address, utc(first), utc(last), 3);
        };
        const QString dnsdb = QStringLiteral("DNSDB");
        const QString provider = QStringLiteral("provider:dnsdb");
        const QList<SourcedObservation> list{
            pointer(1, 4, dnsdb, provider, kName, "2018-02-11T09:00:00Z", "2018-03-01T12:00:00Z"),
            pointer(2, 4, dnsdb, provider, QStringLiteral("cdn.bad.example"), "2018-02-01T00:00:00Z",
                "2018-04-01T00:00:00Z"),
            pointer(3, 1, QStringLiteral("victim.pcapng"), QStringLiteral("pcap"), kName, "2018-02-12T00:00:00Z",
                "2018-02-28T00:00:00Z"),
            pointer(4, 9, QStringLiteral("System resolver (now)"), QStringLiteral("lookup:system"),
                QStringLiteral("parked.example"), "2026-11-30T11:21:05Z", "2026-11-30T11:21:05Z"),
        };
        const TimelineData data = TimelineData::ofAddress(address, list);
        QVERIFY(data.isAddress());
        QCOMPARE(data.name(), address);
        QStringList rows;
        for (const TimelineRow& row : data.rows()) {
            QCOMPARE(row.kind, TimelineRow::Kind::Record); // one owner, so no header
            QCOMPARE(row.owner, address);
            rows.append(row.rdata + u'/' + QString::number(row.bars.size()));
        }
        QCOMPARE(rows, (QStringList{"cdn.bad.example/1", "www.bad.example/2", "parked.example/1"}));
        QCOMPARE(data.recordRowCount(), 3);
        QVERIFY(!data.hasNowAnswer());
        QCOMPARE(data.latest().value(), double(utc("2018-04-01T00:00:00Z"))); // the lookup does not stretch it

        // On 2018-03-15 DNSDB saw only cdn.bad.example there; the capture's last sight of www.bad.example was earlier.
        QStringList readout;
        for (const TimelineAsOf& entry : data.asOf(utc("2018-03-15T00:00:00Z"))) {
            QStringList valid;
            for (int i : entry.validAtT)
                valid.append(data.valueOf(i));
            QStringList earlier;
            for (int i : entry.lastBefore)
                earlier.append(data.valueOf(i));
            readout.append(entry.sourceLabel + u':' + valid.join(u',') + u'|' + earlier.join(u','));
        }
        QCOMPARE(readout, (QStringList{"DNSDB:cdn.bad.example|", "victim.pcapng:|www.bad.example"}));
        QCOMPARE(data.defaultCursorTime().value(), utc("2018-04-01T00:00:00Z") - 1); // the latest sighting
    }

    void testLanesNeverOverlap()
    {
        // Many sources over one rdata, staggered: bars that share a lane must not overlap in time.
        QList<SourcedObservation> list;
        const qint64 base = utc("2018-01-01T00:00:00Z");
        for (int s = 0; s < 60; ++s) {
            const qint64 first = base + (s * 7919 % 97) * 3600;
            const qint64 last = first + (1 + s * 31 % 13) * 7200;
            list << make(s + 1, s + 1, QStringLiteral("file%1").arg(s), QStringLiteral("pcap"),
                QStringLiteral("second"), QStringLiteral("sensor"), kName, QStringLiteral("A"),
                QStringLiteral("192.0.2.1"), first, last, 1);
        }
        const TimelineData data(kName, list);
        const TimelineRow& row = data.rows().first();
        QCOMPARE(row.bars.size(), 60);
        for (int i = 0; i < row.bars.size(); ++i) {
            for (int j = i + 1; j < row.bars.size(); ++j) {
                const TimelineBar& a = row.bars[i];
                const TimelineBar& b = row.bars[j];
                if (a.lane == b.lane)
                    QVERIFY2(a.end < b.start || b.end < a.start, qPrintable(QStringLiteral("%1/%2").arg(i).arg(j)));
            }
        }
        QVERIFY(row.laneCount < 60); // packing shares lanes
    }
};

QTEST_GUILESS_MAIN(TestTimelineData)
#include "TestTimelineData.moc"
