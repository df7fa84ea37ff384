// Every query of the case: names, timeline with CNAME chains, reverse by address / CIDR / name, as-of T,
// counts and the export stream; on the analyst's story (a name that pointed at two addresses, then NXDOMAIN).
#include "models/CaseFile.h"
#include "models/CaseReader.h"
#include "models/ObservationWriter.h"
#include "models/UtcTime.h"

#include <QTemporaryDir>
#include <QTest>

using namespace pdnsw;

namespace {

qint64 t(const char* iso)
{
    return parseUtcTime(QString::fromLatin1(iso)).value();
}

struct Row
{
    const char* name;
    const char* type;
    const char* data;
    const char* first;
    const char* last;
    qint64 count; // -1 = none
    Section section = Section::Answer;
};

void addSource(CaseFile& file, const QString& kind, const QString& label, const QString& granularity,
    std::initializer_list<Row> rows)
{
    ObservationWriter writer(file);
    SourceInfo info;
    info.kind = kind;
    info.label = label;
    info.timeGranularity = granularity;
    CaseError error;
    QCOMPARE(writer.beginSource(info, &error), ObservationWriter::Begin::Started);
    for (const Row& r : rows) {
        Observation o;
        o.rrname = QString::fromLatin1(r.name);
        o.rrtype = QString::fromLatin1(r.type);
        o.rdata = QString::fromLatin1(r.data);
        o.section = r.section;
        o.firstSeen = t(r.first);
        o.lastSeen = t(r.last);
        if (r.count >= 0)
            o.count = r.count;
        QVERIFY(writer.addObservation(o));
    }
    QVERIFY(writer.finish(true, {}, &error));
}

QStringList rdataOf(const QList<SourcedObservation>& rows)
{
    QStringList list;
    for (const auto& r : rows)
        list.append(r.observation.rrname + u' ' + r.observation.rrtype + u' ' + r.observation.rdata
            + QStringLiteral(" @") + r.sourceLabel);
    list.sort();
    return list;
}

} // namespace

class TestCaseReader : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void names_data();
    void names();
    void namesAggregateCountsPerSource();
    void namesTellNxdomainFromOtherNegatives();
    void namesWithLimitFoldTheSameEntries_data();
    void namesWithLimitFoldTheSameEntries();
    void timelineFollowsChains();
    void reverse_data();
    void reverse();
    void asOf_data();
    void asOf();
    void asOfFollowsChainToEarlierAnswer();
    void countsAndSources();
    void exportStream();

private:
    QTemporaryDir m_dir;
    QString m_path;
    std::unique_ptr<CaseReader> m_reader;
};

void TestCaseReader::initTestCase()
{
    m_path = m_dir.filePath(QStringLiteral("story.pdnscase"));
    CaseError error;
    auto file = CaseFile::open(m_path, CaseFile::Mode::CreateIfMissing, &error);
    QVERIFY(file);
    addSource(*file, QStringLiteral("pcap"), QStringLiteral("victim.pcapng"), QStringLiteral("second"),
        {{"www.bad.example", "A", "198.51.100.23", "2018-01-05T08:00:00Z", "2018-02-10T17:00:00Z", 40},
            {"www.bad.example", "AAAA", "2001:db8::23", "2018-01-05T08:00:00Z", "2018-02-10T17:00:00Z", 12},
            {"www.bad.example", "A", "NXDOMAIN", "2018-03-01T00:00:00Z", "2018-03-05T00:00:00Z", 3, Section::Negative},
            {"notbad.example", "A", "192.0.2.80", "2018-01-01T00:00:00Z", "2018-01-02T00:00:00Z", 1},
            {"notbad.example", "AAAA", "NODATA", "2018-01-01T00:00:00Z", "2018-01-01T00:00:00Z", 1, Section::Negative},
            {"xn--bcher-kva.de", "A", "192.0.2.5", "2018-01-01T00:00:00Z", "2018-01-02T00:00:00Z", 2}});
    addSource(*file, QStringLiteral("provider:dnsdb"), QStringLiteral("DNSDB"), QStringLiteral("second"),
        {{"www.bad.example", "CNAME", "cdn.bad.example", "2018-01-07T00:00:00Z", "2018-02-09T00:00:00Z", 100},
            {"cdn.bad.example", "A", "198.51.100.23", "2018-01-07T00:00:00Z", "2018-02-09T00:00:00Z", 90},
            {"cdn.bad.example", "A", "203.0.113.77", "2018-02-11T00:00:00Z", "2018-02-25T00:00:00Z", 30},
            {"mail.bad.example", "A", "198.51.100.24", "2018-01-01T00:00:00Z", "2018-01-31T00:00:00Z", 5},
            {"bad.example", "MX", "10 mail.bad.example", "2018-01-01T00:00:00Z", "2018-01-31T00:00:00Z", 5}});
    addSource(*file, QStringLiteral("provider:virustotal"), QStringLiteral("VirusTotal"), QStringLiteral("second"),
        {{"www.bad.example", "A", "203.0.113.77", "2018-02-11T10:00:00Z", "2018-02-11T10:00:00Z", -1},
            {"other.bad.example", "A", "198.51.96.1", "2018-02-11T10:00:00Z", "2018-02-11T10:00:00Z", -1}});
    CaseError e;
    m_reader = CaseReader::open(m_path, &e);
    QVERIFY2(m_reader, qPrintable(e.message));
}

void TestCaseReader::names_data()
{
    QTest::addColumn<QString>("substring");
    QTest::addColumn<QString>("suffix");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("all") << QString() << QString()
                         << QStringList{"bad.example", "cdn.bad.example", "mail.bad.example", "notbad.example",
                                "other.bad.example", "www.bad.example", "xn--bcher-kva.de"};
    QTest::newRow("substring, any case") << "CDN" << QString() << QStringList{"cdn.bad.example"};
    QTest::newRow("suffix excludes lookalikes")
        << QString() << "bad.example"
        << QStringList{"bad.example", "cdn.bad.example", "mail.bad.example", "other.bad.example", "www.bad.example"};
    QTest::newRow("suffix with trailing dot") << QString() << "cdn.bad.example." << QStringList{"cdn.bad.example"};
    QTest::newRow("suffix in Unicode") << QString() << "bücher.de" << QStringList{"xn--bcher-kva.de"};
    QTest::newRow("both") << "www"
                          << "example" << QStringList{"www.bad.example"};
    QTest::newRow("nothing") << "zzz" << QString() << QStringList{};
}

void TestCaseReader::names()
{
    QFETCH(QString, substring);
    QFETCH(QString, suffix);
    QFETCH(QStringList, expected);
    NameFilter filter;
    filter.substring = substring;
    filter.suffix = suffix;
    QStringList got;
    for (const auto& n : m_reader->names(filter))
        got.append(n.name);
    QCOMPARE(got, expected);
}

// With a limit the entries are folded from single rows walked in index order; the whole list folds groups of rows
// per (name, source) read from the whole table. Every field must come out the same as the first entries of the
// whole list, for each kind; namesAggregateCountsPerSource checks the figures themselves.
void TestCaseReader::namesWithLimitFoldTheSameEntries_data()
{
    QTest::addColumn<QString>("substring");
    QTest::addColumn<QString>("suffix");
    QTest::newRow("all") << QString() << QString();
    QTest::newRow("substring") << QStringLiteral("bad") << QString();
    QTest::newRow("suffix") << QString() << QStringLiteral("bad.example");
    QTest::newRow("address part") << QStringLiteral("198.51") << QString();
    QTest::newRow("nothing") << QStringLiteral("zzz") << QString();
}

void TestCaseReader::namesWithLimitFoldTheSameEntries()
{
    QFETCH(QString, substring);
    QFETCH(QString, suffix);
    const auto text = [](const NameEntry& e) {
        return QStringLiteral("%1 %2 rows=%3 sources=%4 first=%5 last=%6 count=%7 negative=%8")
            .arg(e.name, e.isAddress ? QStringLiteral("address") : QStringLiteral("name"))
            .arg(e.observations)
            .arg(e.sources)
            .arg(formatUtcTime(e.firstSeen), formatUtcTime(e.lastSeen),
                e.count ? QString::number(*e.count) : QStringLiteral("none"))
            .arg(QString::number(e.hasNegative) + QString::number(e.wentNxdomain));
    };
    NameFilter filter;
    filter.substring = substring;
    filter.suffix = suffix;
    filter.includeAddresses = true;
    QStringList names;
    QStringList addresses;
    for (const NameEntry& e : m_reader->names(filter))
        (e.isAddress ? addresses : names).append(text(e));
    QVERIFY(substring == QLatin1String("zzz") || names.size() + addresses.size() > 1);
    for (const int limit : {1, 2, 3, 1000}) {
        filter.limit = limit;
        QStringList limited;
        for (const NameEntry& e : m_reader->names(filter))
            limited.append(text(e));
        QCOMPARE(limited, names.mid(0, limit) + addresses.mid(0, limit));
    }
    // A callback that stops ends the walk there.
    filter.limit = 1000;
    int seen = 0;
    QVERIFY(m_reader->forEachName(filter, [&](const NameEntry&) { return ++seen < 2; }));
    QCOMPARE(seen, std::min<int>(2, names.size() + addresses.size()));
}

// A name some source saw answer NXDOMAIN stopped existing; a NODATA for one type (an IPv4-only host asked for
// AAAA) is a negative answer but not that. Both ways of listing (walk with a limit, whole table) say the same.
void TestCaseReader::namesTellNxdomainFromOtherNegatives()
{
    for (const int limit : {0, 1000}) {
        NameFilter filter;
        filter.limit = limit;
        QStringList got;
        for (const NameEntry& e : m_reader->names(filter)) {
            if (e.hasNegative || e.wentNxdomain)
                got << QStringLiteral("%1 %2 %3").arg(e.name).arg(e.hasNegative).arg(e.wentNxdomain);
        }
        QCOMPARE(got, (QStringList{"notbad.example 1 0", "www.bad.example 1 1"}));
    }
}

void TestCaseReader::namesAggregateCountsPerSource()
{
    NameFilter filter;
    filter.substring = QStringLiteral("www.bad");
    const auto names = m_reader->names(filter);
    QCOMPARE(names.size(), 1);
    const NameEntry& e = names.first();
    QCOMPARE(e.observations, 5);
    QCOMPARE(e.sources, 3);
    QCOMPARE(*e.firstSeen, t("2018-01-05T08:00:00Z"));
    QCOMPARE(*e.lastSeen, t("2018-03-05T00:00:00Z"));
    QCOMPARE(*e.count, 100); // DNSDB's 100 beats the capture's 40+12+3, and they are never added up
    QVERIFY(e.hasNegative);
    QVERIFY(e.wentNxdomain);

    filter.substring = QStringLiteral("198.51.100");
    filter.includeAddresses = true;
    QStringList addresses;
    for (const auto& n : m_reader->names(filter)) {
        if (n.isAddress)
            addresses.append(n.name);
    }
    QCOMPARE(addresses, (QStringList{"198.51.100.23", "198.51.100.24"}));
}

void TestCaseReader::timelineFollowsChains()
{
    const auto rows = m_reader->timeline(QStringLiteral("WWW.Bad.Example."));
    QCOMPARE(rows.size(), 7);
    int depth1 = 0;
    for (const auto& r : rows) {
        if (r.observation.rrname == QLatin1String("cdn.bad.example")) {
            QCOMPARE(r.chainDepth, 1);
            ++depth1;
        } else {
            QCOMPARE(r.chainDepth, 0);
        }
    }
    QCOMPARE(depth1, 2);
    QCOMPARE(m_reader->timeline(QStringLiteral("www.bad.example"), false).size(), 5);
    const auto nx = std::find_if(rows.begin(), rows.end(),
        [](const SourcedObservation& r) { return r.observation.section == Section::Negative; });
    QVERIFY(nx != rows.end());
    QCOMPARE(nx->observation.rdata, QStringLiteral("NXDOMAIN"));
    QCOMPARE(nx->sourceLabel, QStringLiteral("victim.pcapng"));
    QCOMPARE(nx->sourceKind, QStringLiteral("pcap"));
    QVERIFY(m_reader->timeline(QStringLiteral("absent.example")).isEmpty());
}

void TestCaseReader::reverse_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("address") << "198.51.100.23"
                             << QStringList{"cdn.bad.example A 198.51.100.23 @DNSDB",
                                    "www.bad.example A 198.51.100.23 @victim.pcapng"};
    QTest::newRow("/24") << "198.51.100.0/24"
                         << QStringList{"cdn.bad.example A 198.51.100.23 @DNSDB",
                                "mail.bad.example A 198.51.100.24 @DNSDB",
                                "www.bad.example A 198.51.100.23 @victim.pcapng"};
    QTest::newRow("/20 not on an octet") << "198.51.96.0/20"
                                         << QStringList{"cdn.bad.example A 198.51.100.23 @DNSDB",
                                                "mail.bad.example A 198.51.100.24 @DNSDB",
                                                "other.bad.example A 198.51.96.1 @VirusTotal",
                                                "www.bad.example A 198.51.100.23 @victim.pcapng"};
    QTest::newRow("/32") << "203.0.113.77/32"
                         << QStringList{
                                "cdn.bad.example A 203.0.113.77 @DNSDB", "www.bad.example A 203.0.113.77 @VirusTotal"};
    QTest::newRow("v6 address, other spelling")
        << "2001:0db8:0:0::23" << QStringList{"www.bad.example AAAA 2001:db8::23 @victim.pcapng"};
    QTest::newRow("v6 /32") << "2001:db8::/32" << QStringList{"www.bad.example AAAA 2001:db8::23 @victim.pcapng"};
    QTest::newRow("v6 elsewhere") << "2001:db9::/32" << QStringList{};
    QTest::newRow("cname target") << "cdn.bad.example" << QStringList{"www.bad.example CNAME cdn.bad.example @DNSDB"};
}

void TestCaseReader::reverse()
{
    QFETCH(QString, query);
    QFETCH(QStringList, expected);
    const auto rows = m_reader->reverse(query);
    QVERIFY(rows.has_value());
    QCOMPARE(rdataOf(*rows), expected);
}

void TestCaseReader::asOf_data()
{
    QTest::addColumn<QString>("at");
    QTest::addColumn<QStringList>("valid");
    QTest::addColumn<QStringList>("before");
    QTest::newRow("during the first address")
        << "2018-02-01T00:00:00Z"
        << QStringList{"cdn.bad.example A 198.51.100.23 @DNSDB", "www.bad.example A 198.51.100.23 @victim.pcapng",
               "www.bad.example AAAA 2001:db8::23 @victim.pcapng", "www.bad.example CNAME cdn.bad.example @DNSDB"}
        << QStringList{};
    // Earlier answers include where an ended CNAME led when it was last seen (cdn's address on 2018-02-09).
    QTest::newRow("the VirusTotal day") << "2018-02-11T10:00:00Z"
                                        << QStringList{"www.bad.example A 203.0.113.77 @VirusTotal"}
                                        << QStringList{"cdn.bad.example A 198.51.100.23 @DNSDB",
                                               "www.bad.example A 198.51.100.23 @victim.pcapng",
                                               "www.bad.example AAAA 2001:db8::23 @victim.pcapng",
                                               "www.bad.example CNAME cdn.bad.example @DNSDB"};
    QTest::newRow("cleaned: NXDOMAIN") << "2018-03-03T00:00:00Z"
                                       << QStringList{"www.bad.example A NXDOMAIN @victim.pcapng"}
                                       << QStringList{"cdn.bad.example A 198.51.100.23 @DNSDB",
                                              "www.bad.example A 198.51.100.23 @victim.pcapng",
                                              "www.bad.example A 203.0.113.77 @VirusTotal",
                                              "www.bad.example AAAA 2001:db8::23 @victim.pcapng",
                                              "www.bad.example CNAME cdn.bad.example @DNSDB"};
    QTest::newRow("before anything") << "2017-01-01T00:00:00Z" << QStringList{} << QStringList{};
}

void TestCaseReader::asOf()
{
    QFETCH(QString, at);
    QFETCH(QStringList, valid);
    QFETCH(QStringList, before);
    const AsOfResult result = m_reader->asOf(QStringLiteral("www.bad.example"), parseUtcTime(at).value());
    QList<SourcedObservation> gotValid;
    QList<SourcedObservation> gotBefore;
    for (const auto& s : result.sources) {
        gotValid.append(s.validAtT);
        gotBefore.append(s.lastBeforeT);
        for (const auto& r : s.validAtT)
            QCOMPARE(r.sourceId, s.sourceId);
    }
    QCOMPARE(rdataOf(gotValid), valid);
    QCOMPARE(rdataOf(gotBefore), before);
}

// A CNAME seen for months, its target's addresses for moments: inside the CNAME's span but after the target's
// last sighting, the target's latest answer is the one before T (the hosts override pins the same address).
void TestCaseReader::asOfFollowsChainToEarlierAnswer()
{
    const QString path = m_dir.filePath(QStringLiteral("cdn.pdnscase"));
    CaseError error;
    {
        auto file = CaseFile::open(path, CaseFile::Mode::CreateIfMissing, &error);
        QVERIFY2(file, qPrintable(error.message));
        addSource(*file, QStringLiteral("pcap"), QStringLiteral("victim.pcapng"), QStringLiteral("second"),
            {{"www.shop.example", "CNAME", "edge.cdn.example", "2018-01-01T00:00:00Z", "2018-03-01T00:00:00Z", 30},
                {"edge.cdn.example", "A", "192.0.2.10", "2018-01-01T00:00:00Z", "2018-01-10T00:00:00Z", 3},
                {"edge.cdn.example", "A", "192.0.2.11", "2018-01-12T00:00:00Z", "2018-01-15T00:00:00Z", 2}});
    }
    auto reader = CaseReader::open(path, &error);
    QVERIFY2(reader, qPrintable(error.message));
    const auto rows = [&](const char* at) {
        const AsOfResult result
            = reader->asOf(QStringLiteral("www.shop.example"), parseUtcTime(QString::fromLatin1(at)).value());
        QList<SourcedObservation> valid;
        QList<SourcedObservation> before;
        for (const auto& s : result.sources) {
            valid.append(s.validAtT);
            before.append(s.lastBeforeT);
        }
        return std::pair{rdataOf(valid), rdataOf(before)};
    };
    auto [valid, before] = rows("2018-02-01T00:00:00Z");
    QCOMPARE(valid, QStringList{QStringLiteral("www.shop.example CNAME edge.cdn.example @victim.pcapng")});
    QCOMPARE(before, QStringList{QStringLiteral("edge.cdn.example A 192.0.2.11 @victim.pcapng")});
    // While the target has an address at T, it is valid and nothing earlier is added.
    std::tie(valid, before) = rows("2018-01-13T00:00:00Z");
    QCOMPARE(valid,
        (QStringList{QStringLiteral("edge.cdn.example A 192.0.2.11 @victim.pcapng"),
            QStringLiteral("www.shop.example CNAME edge.cdn.example @victim.pcapng")}));
    QVERIFY(before.isEmpty());
    // After the CNAME itself ended: it is the earlier answer, and so is where it led when last seen.
    std::tie(valid, before) = rows("2018-04-01T00:00:00Z");
    QVERIFY(valid.isEmpty());
    QCOMPARE(before,
        (QStringList{QStringLiteral("edge.cdn.example A 192.0.2.11 @victim.pcapng"),
            QStringLiteral("www.shop.example CNAME edge.cdn.example @victim.pcapng")}));
}

void TestCaseReader::countsAndSources()
{
    const CaseCounts c = m_reader->counts();
    QCOMPARE(c.observations, 13);
    QCOMPARE(c.names.value_or(-1), 7);
    QCOMPARE(c.sources, 3);
    QCOMPARE(c.incompleteSources, 0);
    const auto sources = m_reader->sources();
    QCOMPARE(sources.size(), 3);
    QCOMPARE(sources.at(0).label, QStringLiteral("victim.pcapng"));
    QCOMPARE(sources.at(0).observationCount, 6);
    QCOMPARE(sources.at(1).observationCount, 5);
    QVERIFY(sources.at(2).isComplete());
    QVERIFY(m_reader->source(sources.at(1).id).has_value());
    QVERIFY(!m_reader->source(999).has_value());
}

void TestCaseReader::exportStream()
{
    ExportFilter filter;
    QList<SourcedObservation> all;
    QVERIFY(m_reader->forEachObservation(filter, [&](const SourcedObservation& r) {
        all.append(r);
        return true;
    }));
    QCOMPARE(all.size(), 13);
    QCOMPARE(all.first().observation.rrname, QStringLiteral("bad.example"));

    filter.names = QStringList{QStringLiteral("www.bad.example")};
    filter.since = t("2018-02-10T00:00:00Z");
    filter.until = t("2018-02-12T00:00:00Z");
    QList<SourcedObservation> picked;
    QVERIFY(m_reader->forEachObservation(filter, [&](const SourcedObservation& r) {
        picked.append(r);
        return true;
    }));
    QCOMPARE(rdataOf(picked),
        (QStringList{"cdn.bad.example A 203.0.113.77 @DNSDB", "www.bad.example A 198.51.100.23 @victim.pcapng",
            "www.bad.example A 203.0.113.77 @VirusTotal", "www.bad.example AAAA 2001:db8::23 @victim.pcapng"}));
    int seen = 0;
    QVERIFY(m_reader->forEachObservation(ExportFilter{}, [&](const SourcedObservation&) { return ++seen < 3; }));
    QCOMPARE(seen, 3);
}

QTEST_GUILESS_MAIN(TestCaseReader)
#include "TestCaseReader.moc"
