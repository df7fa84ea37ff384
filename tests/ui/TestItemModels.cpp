// The item models over a real case file, loaded through the reader worker, each wrapped in
// QAbstractItemModelTester together with its proxy, sorted by every column and filtered.
#include "CaseFixture.h"

#include "models/CaseReader.h"
#include "models/EnglishPlurals.h"
#include "models/itemmodels/CaseSession.h"
#include "models/itemmodels/CaseWorker.h"
#include "models/itemmodels/ItemRoles.h"
#include "models/itemmodels/NameList.h"
#include "models/itemmodels/NamesFilterProxy.h"
#include "models/itemmodels/NamesModel.h"
#include "models/itemmodels/NotesModel.h"
#include "models/itemmodels/ObservationsFilterProxy.h"
#include "models/itemmodels/ObservationsModel.h"
#include "models/itemmodels/ProviderJobsModel.h"
#include "models/itemmodels/ProviderRecordsFilterProxy.h"
#include "models/itemmodels/ProviderRecordsModel.h"
#include "models/itemmodels/QueryLogModel.h"
#include "models/itemmodels/SourcesModel.h"
#include "models/itemmodels/TableFilterProxy.h"
#include "models/itemmodels/UntrustedText.h"

#include <QAbstractItemModelTester>
#include <QTemporaryDir>
#include <QtTest>

#include <arpa/inet.h>

using namespace pdnsw;

class TestItemModels : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void namesModel();
    void namesModelLoadsLongListsInChunks();
    void nameListKeepsEveryField();
    void nameListSorts_data();
    void nameListSorts();
    void nameListSortsAddressesByNumber();
    void providerModels();
    void namesFilter_data();
    void namesFilter();
    void observationsModel();
    void observationsSortLikeTheProxy_data();
    void observationsSortLikeTheProxy();
    void observationsFilter();
    void dataColumnSortsAddressesByNumber();
    void sourcesModel();
    void queryLogModel();
    void notesModel();
    void coalescedJobsRunOnlyTheLatest();
    void staleResultsDroppedAfterClose();
    void visibleText_data();
    void visibleText();
    void englishPlurals();

private:
    template <typename R> R load(std::function<R(CaseSession&)> job);
    static void sortEveryColumn(QSortFilterProxyModel& proxy);

    QTemporaryDir m_dir;
    QString m_casePath;
    CaseWorker m_worker;
};

template <typename R> R load(CaseWorker& worker, QObject* context, std::function<R(CaseSession&)> job)
{
    std::optional<R> result;
    worker.run<R>(context, std::move(job), [&](R r) { result = std::move(r); });
    [&] { QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 10000); }();
    return result.value_or(R{});
}

template <typename R> R TestItemModels::load(std::function<R(CaseSession&)> job)
{
    return ::load<R>(m_worker, this, std::move(job));
}

void TestItemModels::sortEveryColumn(QSortFilterProxyModel& proxy)
{
    for (int column = 0; column < proxy.columnCount(); ++column) {
        proxy.sort(column, Qt::AscendingOrder);
        proxy.sort(column, Qt::DescendingOrder);
    }
}

void TestItemModels::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_casePath = m_dir.filePath(QStringLiteral("investigation.pdnscase"));
    QString message;
    QVERIFY2(testing::buildInvestigationCase(m_casePath, &message), qPrintable(message));
    std::optional<CaseError> opened;
    m_worker.open(m_casePath, this, [&](const CaseError& e) { opened = e; });
    QTRY_VERIFY(opened.has_value());
    QVERIFY2(!*opened, qPrintable(opened->message));
}

void TestItemModels::namesModel()
{
    NamesModel model;
    NamesFilterProxy proxy;
    proxy.setSourceModel(&model);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);

    NameFilter filter;
    filter.includeAddresses = true;
    model.setEntries(load<QList<NameEntry>>([filter](CaseSession& s) { return s.reader().names(filter); }));
    // www, cdn, mail, bad.example (authority NS owner) and the two addresses.
    QCOMPARE(model.rowCount(), 6);
    const int www = model.rowOfName(QStringLiteral("www.bad.example"));
    QVERIFY(www >= 0);
    QCOMPARE(model.index(www, NamesModel::Sources).data().toString(), QStringLiteral("3"));
    // Counts are never summed across sources: the capture's 212 is the largest.
    QCOMPARE(model.index(www, NamesModel::Count).data().toString(), QStringLiteral("226"));
    QCOMPARE(model.index(www, NamesModel::FirstSeen).data().toString(), QStringLiteral("2018-01-05 08:00:00"));
    QCOMPARE(model.index(www, NamesModel::LastSeen).data().toString(), QStringLiteral("2018-03-20 10:00:00"));
    QVERIFY(!model.index(www, NamesModel::Status).data().toString().isEmpty());
    QCOMPARE(model.index(www, 0).data(KeyRole).toString(), QStringLiteral("www.bad.example"));
    QVERIFY(model.index(www, 0).data(Qt::ToolTipRole).toString().startsWith(QStringLiteral("<qt>")));
    sortEveryColumn(proxy);
    proxy.sort(NamesModel::Count, Qt::DescendingOrder);
    QCOMPARE(proxy.index(0, NamesModel::Name).data(KeyRole).toString(), QStringLiteral("www.bad.example"));
    model.clear();
    QCOMPARE(proxy.rowCount(), 0);
}

void TestItemModels::namesModelLoadsLongListsInChunks()
{
    NamesModel model;
    NamesFilterProxy proxy;
    proxy.setSourceModel(&model);
    proxy.setFilterText(QStringLiteral("7"));
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QList<NameEntry> entries;
    const int total = NamesModel::kChunkRows * 2 + 100;
    for (int i = 0; i < total; ++i) {
        NameEntry e;
        e.name = QStringLiteral("host%1.example").arg(i, 6, 10, QLatin1Char('0'));
        e.observations = 1;
        entries.append(e);
    }
    QSignalSpy loaded(&model, &NamesModel::loaded);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    model.setEntries(entries);
    // The first chunk is there at once, the rest follows on later turns of the event loop.
    QCOMPARE(model.rowCount(), NamesModel::kChunkRows);
    QVERIFY(model.isLoading());
    QCOMPARE(model.entries().size(), total);
    QCOMPARE(model.rowOfName(entries.last().name), -1);
    QTRY_COMPARE(loaded.count(), 1);
    QCOMPARE(inserted.count(), 2);
    QCOMPARE(model.rowCount(), total);
    QVERIFY(!model.isLoading());
    QCOMPARE(model.rowOfName(entries.last().name), total - 1);
    int expected = 0;
    for (const NameEntry& e : std::as_const(entries))
        expected += e.name.contains(u'7') ? 1 : 0;
    QCOMPARE(proxy.rowCount(), expected);

    // A new list while one is still loading replaces it.
    model.setEntries(entries);
    model.setEntries(entries.mid(0, 10));
    QTRY_COMPARE(loaded.count(), 2);
    QTest::qWait(20);
    QCOMPARE(model.rowCount(), 10);
}

// The packed list gives back exactly what went in: every field, absent optionals, flags, names beyond ASCII.
void TestItemModels::nameListKeepsEveryField()
{
    QList<NameEntry> entries;
    for (int i = 0; i < 64; ++i) {
        NameEntry e;
        e.name = i % 7 == 0 ? QStringLiteral("b\u00fccher-%1.example").arg(i) : QStringLiteral("n%1.example").arg(i);
        e.isAddress = i & 1;
        e.hasNegative = i & 2;
        e.wentNxdomain = i & 32;
        e.observations = qint64(i) * 1000003;
        e.sources = i % 5;
        if (i & 4)
            e.firstSeen = std::numeric_limits<qint64>::min() + i; // any value, even the extremes
        if (i & 8)
            e.lastSeen = std::numeric_limits<qint64>::max() - i;
        if (i & 16)
            e.count = i == 16 ? 0 : qint64(1) << 40;
        entries.append(e);
    }
    NameEntry empty;
    entries.append(empty);
    const NameList list = NameList::fromList(entries);
    QCOMPARE(list.size(), entries.size());
    const auto text = [](const NameEntry& e) {
        const auto number
            = [](const std::optional<qint64>& v) { return v ? QString::number(*v) : QStringLiteral("-"); };
        return QStringList{e.name, QString::number(e.isAddress), QString::number(e.hasNegative),
            QString::number(e.wentNxdomain), QString::number(e.observations), QString::number(e.sources),
            number(e.firstSeen), number(e.lastSeen), number(e.count)}
            .join(u'|');
    };
    for (qsizetype i = 0; i < entries.size(); ++i) {
        QCOMPARE(text(list.at(i)), text(entries.at(i)));
        QCOMPARE(list.name(i), entries.at(i).name);
        QCOMPARE(list.isAddress(i), entries.at(i).isAddress);
        QCOMPARE(list.hasNegative(i), entries.at(i).hasNegative);
        QCOMPARE(list.wentNxdomain(i), entries.at(i).wentNxdomain);
    }
    QCOMPARE(list.toList().size(), entries.size());
    qsizetype n = 0;
    for (const NameEntry& e : list)
        QCOMPARE(text(e), text(entries.at(n++)));
    QCOMPARE(n, entries.size());
}

// Where a name goes in name order: addresses first by number (IPv4, then IPv6), then names by text.
static std::pair<int, QByteArray> nameOrder(const QString& name)
{
    const QByteArray latin = name.toLatin1();
    unsigned char bytes[16] = {};
    if (inet_pton(AF_INET, latin.constData(), bytes) == 1)
        return {4, QByteArray(reinterpret_cast<const char*>(bytes), 4)};
    if (inet_pton(AF_INET6, latin.constData(), bytes) == 1)
        return {6, QByteArray(reinterpret_cast<const char*>(bytes), 16)};
    return {10, {}};
}

void TestItemModels::nameListSorts_data()
{
    QTest::addColumn<int>("column");
    QTest::addColumn<Qt::SortOrder>("order");
    for (int column = 0; column < NamesModel::ColumnCount; ++column) {
        QTest::addRow("column %d ascending", column) << column << Qt::AscendingOrder;
        QTest::addRow("column %d descending", column) << column << Qt::DescendingOrder;
    }
}

// Sorted by the column's value (absent times first, an unknown count as -1), ties by name; nothing lost.
void TestItemModels::nameListSorts()
{
    QFETCH(int, column);
    QFETCH(Qt::SortOrder, order);
    QRandomGenerator random(column * 2 + int(order));
    QList<NameEntry> entries;
    for (int i = 0; i < 3000; ++i) {
        NameEntry e;
        e.isAddress = random.bounded(2);
        if (!e.isAddress)
            e.name = QStringLiteral("h%1.example").arg(random.bounded(100000));
        else if (random.bounded(4))
            e.name = QStringLiteral("%1.%2.%3.%4")
                         .arg(random.bounded(256))
                         .arg(random.bounded(256))
                         .arg(random.bounded(256))
                         .arg(random.bounded(256));
        else
            e.name = QStringLiteral("2001:db8::%1").arg(random.bounded(0x10000), 0, 16);
        e.hasNegative = random.bounded(2);
        e.wentNxdomain = e.hasNegative && random.bounded(2);
        e.observations = random.bounded(5);
        e.sources = random.bounded(3);
        if (random.bounded(4))
            e.firstSeen = random.bounded(10);
        if (random.bounded(4))
            e.lastSeen = random.bounded(10);
        if (random.bounded(4))
            e.count = random.bounded(10);
        entries.append(e);
    }
    NameList list = NameList::fromList(entries);
    NamesModel::sortEntries(list, column, order);
    const auto key = [column](const NameEntry& e) -> qint64 {
        switch (column) {
        case NamesModel::Kind:
            return e.isAddress;
        case NamesModel::Records:
            return e.observations;
        case NamesModel::Sources:
            return e.sources;
        case NamesModel::Count:
            return e.count.value_or(-1);
        case NamesModel::FirstSeen:
            return e.firstSeen.value_or(std::numeric_limits<qint64>::min());
        case NamesModel::LastSeen:
            return e.lastSeen.value_or(std::numeric_limits<qint64>::min());
        case NamesModel::Status:
            return e.wentNxdomain ? 2 : int(e.hasNegative);
        default:
            return 0;
        }
    };
    QStringList before;
    QStringList after;
    for (const NameEntry& e : std::as_const(entries))
        before.append(e.name + u'|' + QString::number(key(e)));
    for (qsizetype i = 0; i < list.size(); ++i) {
        const NameEntry e = list.at(i);
        after.append(e.name + u'|' + QString::number(key(e)));
        if (i == 0)
            continue;
        const NameEntry p = list.at(i - 1);
        const auto pair = [&](const NameEntry& x) { return std::make_tuple(key(x), nameOrder(x.name), x.name); };
        QVERIFY2(order == Qt::AscendingOrder ? !(pair(e) < pair(p)) : !(pair(p) < pair(e)),
            qPrintable(p.name + u' ' + e.name));
    }
    before.sort();
    after.sort();
    QCOMPARE(after, before);
}

// Wireshark's order for addresses: 9.9.9.9 before 10.0.0.1, IPv4 before IPv6, every address before the names.
void TestItemModels::nameListSortsAddressesByNumber()
{
    const QStringList expected{"9.9.9.9", "10.0.0.9", "10.0.0.10", "93.184.216.34", "192.0.2.80", "::1", "2001:db8::2",
        "2001:db8::10", "fe80::1", "bad.example", "www.bad.example"};
    QList<NameEntry> entries;
    for (const QString& name : expected) {
        NameEntry e;
        e.name = name;
        e.isAddress = name.front().isDigit() || name.contains(u':');
        entries.prepend(e);
    }
    NameList list = NameList::fromList(entries);
    NamesModel::sortEntries(list, NamesModel::Name, Qt::AscendingOrder);
    QStringList order;
    for (const NameEntry& e : list)
        order.append(e.name);
    QCOMPARE(order, expected);
    NamesModel::sortEntries(list, NamesModel::Name, Qt::DescendingOrder);
    order.clear();
    for (const NameEntry& e : list)
        order.prepend(e.name);
    QCOMPARE(order, expected);
}

void TestItemModels::providerModels()
{
    ProviderJobsModel jobs;
    QAbstractItemModelTester jobsTester(&jobs, QAbstractItemModelTester::FailureReportingMode::QtTest);
    ProviderJobRow row;
    row.id = 1;
    row.provider = QStringLiteral("dnsdb");
    row.providerName = QStringLiteral("DNSDB");
    row.question = QStringLiteral("www.xn--bcher-kva.de");
    jobs.upsert(row);
    row.id = 2;
    row.note = QStringLiteral("service says <b>quota</b>\u202e\n");
    jobs.upsert(row);
    QCOMPARE(jobs.rowCount(), 2);
    row.status = ProviderJobRow::Status::Failed;
    row.state = QStringLiteral("quota exhausted");
    jobs.upsert(row);
    QCOMPARE(jobs.rowCount(), 2);
    QCOMPARE(jobs.index(1, ProviderJobsModel::State).data().toString(), QStringLiteral("failed (quota exhausted)"));
    // Service text is shown escaped, never as markup or raw control characters.
    const QString note = jobs.index(1, ProviderJobsModel::Note).data().toString();
    QVERIFY(!note.contains(QChar(0x202e)) && !note.contains(u'\n'));
    QVERIFY(jobs.index(1, 0).data(Qt::ToolTipRole).toString().contains(QStringLiteral("&lt;b&gt;")));
    QVERIFY(jobs.index(0, ProviderJobsModel::Question).data().toString().contains(QStringLiteral("b\u00fccher")));
    jobs.cancelRunning();
    QCOMPARE(jobs.rowById(1)->status, ProviderJobRow::Status::Cancelled);
    QCOMPARE(jobs.rowById(2)->status, ProviderJobRow::Status::Failed);

    ProviderRecordsModel records;
    ProviderRecordsFilterProxy proxy;
    proxy.setSourceModel(&records);
    QAbstractItemModelTester recordsTester(&records, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    records.append(1, QStringLiteral("DNSDB"), QStringLiteral("second"),
        {testing::obs(
             "bad.example", "A", QStringLiteral("198.51.100.23"), "2018-01-01T00:00:00Z", "2018-02-01T00:00:00Z", 127),
            testing::obs("bad.example", "A", QStringLiteral("NXDOMAIN"), "2018-03-01T00:00:00Z", "2018-03-01T00:00:00Z",
                std::nullopt, Section::Negative)});
    records.append(2, QStringLiteral("VirusTotal"), QStringLiteral("day"),
        {testing::obs("bad.example", "A", QStringLiteral("203.0.113.77"), "2018-02-11T00:00:00Z",
            "2018-02-11T00:00:00Z", std::nullopt)});
    QCOMPARE(records.rowCount(), 3);
    QCOMPARE(records.index(1, ProviderRecordsModel::Rdata).data().toString(), QStringLiteral("(NXDOMAIN)"));
    QCOMPARE(records.index(2, ProviderRecordsModel::FirstSeen).data().toString(), QStringLiteral("2018-02-11"));
    QCOMPARE(records.index(2, ProviderRecordsModel::Count).data().toString(), QString());
    proxy.setJobFilter(2);
    QCOMPARE(proxy.rowCount(), 1);
    proxy.setJobFilter(0);
    proxy.setFilterText(QStringLiteral("198.51"));
    QCOMPARE(proxy.rowCount(), 1);
    proxy.setFilterText({});
    sortEveryColumn(proxy);
    records.clear();
    QCOMPARE(proxy.rowCount(), 0);
}

void TestItemModels::namesFilter_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("kinds");
    QTest::addColumn<bool>("nxdomainOnly");
    QTest::addColumn<QStringList>("expected");
    const auto all = int(NamesFilterProxy::Kinds::All);
    QTest::newRow("everything") << QString() << all << false
                                << QStringList{"198.51.100.23", "203.0.113.77", "bad.example", "cdn.bad.example",
                                       "mail.bad.example", "nodata.bad.example", "www.bad.example"};
    QTest::newRow("substring, any case") << QStringLiteral("  CDN ") << all << false << QStringList{"cdn.bad.example"};
    QTest::newRow("names only") << QString() << int(NamesFilterProxy::Kinds::NamesOnly) << false
                                << QStringList{"bad.example", "cdn.bad.example", "mail.bad.example",
                                       "nodata.bad.example", "www.bad.example"};
    QTest::newRow("addresses only") << QString() << int(NamesFilterProxy::Kinds::AddressesOnly) << false
                                    << QStringList{"198.51.100.23", "203.0.113.77"};
    // Only NXDOMAIN: nodata.bad.example had a negative answer too, a NODATA.
    QTest::newRow("went NXDOMAIN") << QString() << all << true << QStringList{"www.bad.example"};
    QTest::newRow("no match") << QStringLiteral("nothing-like-this") << all << false << QStringList{};
}

void TestItemModels::namesFilter()
{
    QFETCH(QString, text);
    QFETCH(int, kinds);
    QFETCH(bool, nxdomainOnly);
    QFETCH(QStringList, expected);
    NamesModel model;
    NamesFilterProxy proxy;
    proxy.setSourceModel(&model);
    QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    NameFilter filter;
    filter.includeAddresses = true;
    auto entries = load<QList<NameEntry>>([filter](CaseSession& s) { return s.reader().names(filter); });
    NameEntry nodata;
    nodata.name = QStringLiteral("nodata.bad.example");
    nodata.hasNegative = true;
    entries.append(nodata);
    model.setEntries(entries);
    proxy.setFilterText(text);
    proxy.setKinds(NamesFilterProxy::Kinds(kinds));
    proxy.setNxdomainOnly(nxdomainOnly);
    proxy.sort(NamesModel::Name);
    QStringList shown;
    for (int row = 0; row < proxy.rowCount(); ++row)
        shown << proxy.index(row, 0).data(KeyRole).toString();
    QCOMPARE(shown, expected);
}

void TestItemModels::observationsModel()
{
    ObservationsModel model;
    ObservationsFilterProxy proxy;
    proxy.setSourceModel(&model);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const QString name = QStringLiteral("www.bad.example");
    model.setObservations(
        name, load<QList<SourcedObservation>>([name](CaseSession& s) { return s.reader().timeline(name); }));
    // capture A + NXDOMAIN, DNSDB A + CNAME, VirusTotal A, and cdn's A through the chain.
    QCOMPARE(model.rowCount(), 6);
    sortEveryColumn(proxy);
    bool sawChainHop = false, sawDayGranular = false, sawNegative = false;
    for (int row = 0; row < model.rowCount(); ++row) {
        const SourcedObservation* o = model.observation(row);
        QVERIFY(o);
        if (o->chainDepth > 0) {
            sawChainHop = true;
            QVERIFY(model.index(row, ObservationsModel::RrName).data().toString().contains(u'\u21b3'));
        }
        if (o->timeGranularity == QLatin1String("day")) {
            sawDayGranular = true;
            QCOMPARE(model.index(row, ObservationsModel::FirstSeen).data().toString(), QStringLiteral("2018-02-11"));
            QVERIFY(model.index(row, ObservationsModel::Count).data().toString().isEmpty());
        }
        if (o->observation.section == Section::Negative) {
            sawNegative = true;
            QCOMPARE(model.index(row, ObservationsModel::Rdata).data().toString(), QStringLiteral("NXDOMAIN"));
        }
    }
    QVERIFY(sawChainHop);
    QVERIFY(sawDayGranular);
    QVERIFY(sawNegative);
}

void TestItemModels::observationsSortLikeTheProxy_data()
{
    QTest::addColumn<int>("column");
    QTest::addColumn<bool>("descending");
    const QMetaEnum columns = QMetaEnum::fromType<ObservationsModel::Column>();
    for (int c = 0; c < ObservationsModel::ColumnCount; ++c) {
        QTest::addRow("%s ascending", columns.valueToKey(c)) << c << false;
        QTest::addRow("%s descending", columns.valueToKey(c)) << c << true;
    }
}

// The model sorts its own rows (on a worker for a big address) and the Details proxy keeps that order: the result
// must be what a proxy sorting by SortRole gives, ties in their first order, whichever the column and order.
void TestItemModels::observationsSortLikeTheProxy()
{
    QFETCH(int, column);
    QFETCH(bool, descending);
    const Qt::SortOrder order = descending ? Qt::DescendingOrder : Qt::AscendingOrder;
    QList<SourcedObservation> rows = load<QList<SourcedObservation>>([](CaseSession& s) {
        QList<SourcedObservation> all = s.reader().timeline(QStringLiteral("www.bad.example"));
        all += s.reader().timeline(QStringLiteral("mail.bad.example"));
        return all;
    });
    QVERIFY(rows.size() > 6);
    // Ties in every column: each record again under another id, with its count, TTL and case changed.
    const qsizetype n = rows.size();
    for (qsizetype i = 0; i < n; ++i) {
        SourcedObservation copy = rows.at(i);
        copy.id += 1000;
        copy.observation.rrname = copy.observation.rrname.toUpper();
        copy.observation.count = std::nullopt;
        rows.append(copy);
    }
    const auto ids = [](const QAbstractItemModel& m) {
        QList<qint64> list;
        for (int row = 0; row < m.rowCount(); ++row)
            list << m.index(row, 0).data(KeyRole).toLongLong();
        return list;
    };
    ObservationsModel reference;
    reference.setObservations({}, rows);
    TableFilterProxy proxy;
    proxy.setSourceModel(&reference);
    proxy.sort(column, order);

    ObservationsModel model;
    ObservationsFilterProxy details;
    details.setSourceModel(&model);
    QAbstractItemModelTester tester(&details, QAbstractItemModelTester::FailureReportingMode::QtTest);
    ObservationsModel::sortRows(rows, column, order);
    model.setObservations({}, rows);
    QCOMPARE(ids(details), ids(proxy));
    // A header click with nobody sorting for the proxy sorts the model in place, from the order it shows: ties
    // keep the previous column's order, as a proxy sorting those rows would.
    details.sort(ObservationsModel::Source, Qt::AscendingOrder);
    reference.setObservations({}, model.observations());
    details.sort(column, order);
    QCOMPARE(ids(details), ids(proxy));
}

// A fast-flux name's Data column: addresses in numeric order, IPv4 before IPv6, then other values as text.
void TestItemModels::dataColumnSortsAddressesByNumber()
{
    const auto row = [](const char* type, const char* data, Section section = Section::Answer) {
        SourcedObservation s;
        s.sourceId = 1;
        s.sourceLabel = QStringLiteral("victim.pcapng");
        s.observation.rrname = QStringLiteral("flux.bad.example");
        s.observation.rrtype = QString::fromLatin1(type);
        s.observation.rdata = QString::fromLatin1(data);
        s.observation.section = section;
        return s;
    };
    ObservationsModel model;
    ObservationsFilterProxy proxy;
    proxy.setSourceModel(&model);
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setObservations(QStringLiteral("flux.bad.example"),
        {row("A", "203.0.0.10"), row("AAAA", "2001:db8::2"), row("A", "203.0.0.9"), row("CNAME", "edge.example"),
            row("A", "NXDOMAIN", Section::Negative), row("AAAA", "2001:db8::10"), row("A", "10.1.1.1"),
            row("A", "203.0.0.100")});
    proxy.sort(ObservationsModel::Rdata, Qt::AscendingOrder);
    QStringList order;
    for (int r = 0; r < proxy.rowCount(); ++r)
        order.append(proxy.index(r, ObservationsModel::Rdata).data().toString());
    QCOMPARE(order,
        (QStringList{"10.1.1.1", "203.0.0.9", "203.0.0.10", "203.0.0.100", "2001:db8::2", "2001:db8::10",
            "edge.example", "NXDOMAIN"}));
}

void TestItemModels::observationsFilter()
{
    ObservationsModel model;
    ObservationsFilterProxy proxy;
    proxy.setSourceModel(&model);
    QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const QString name = QStringLiteral("bad.example");
    model.setObservations(
        name, load<QList<SourcedObservation>>([name](CaseSession& s) { return s.reader().timeline(name); }));
    QCOMPARE(proxy.rowCount(), 1); // the NS record from the authority section
    proxy.setShowAuthorityAndAdditional(false);
    QCOMPARE(proxy.rowCount(), 0);
    proxy.setShowAuthorityAndAdditional(true);
    proxy.setHiddenSources({model.observation(0)->sourceId});
    QCOMPARE(proxy.rowCount(), 0);
    proxy.setHiddenSources({});
    proxy.setFilterText(QStringLiteral("HOSTER"));
    QCOMPARE(proxy.rowCount(), 1);
}

void TestItemModels::sourcesModel()
{
    SourcesModel model;
    TableFilterProxy proxy;
    proxy.setSourceModel(&model);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setSources(load<QList<SourceInfo>>([](CaseSession& s) { return s.reader().sources(); }));
    QCOMPARE(model.rowCount(), 3);
    sortEveryColumn(proxy);
    const int pcap = 0;
    QCOMPARE(model.index(pcap, SourcesModel::Label).data().toString(), QStringLiteral("dns_victim.pcapng"));
    QCOMPARE(model.index(pcap, SourcesModel::Packets).data().toString(), QStringLiteral("41,002"));
    QCOMPARE(model.index(pcap, SourcesModel::Messages).data().toString(), QStringLiteral("812"));
    QCOMPARE(model.index(pcap, SourcesModel::Errors).data().toString(), QStringLiteral("0"));
    QVERIFY(model.index(pcap, SourcesModel::Sha256).data().toString().startsWith(QStringLiteral("3f1c9a0e")));
    QVERIFY(model.index(pcap, 0)
                .data(Qt::ToolTipRole)
                .toString()
                .contains(QStringLiteral("3f1c9a0e5b7d2c4f6a8e0b1d3c5f7a9e2b4d6f8a0c1e3b5d7f9a2c4e6b8d0f1a")));
    QCOMPARE(model.index(pcap, SourcesModel::Records).data().toString(), QStringLiteral("4"));
    proxy.setFilterText(QStringLiteral("virustotal"));
    QCOMPARE(proxy.rowCount(), 1);
    // A duration from a clock that was never started (older cases' provider sources) is not shown.
    QList<SourceInfo> sources = model.sources();
    sources[1].stats = QStringLiteral("{\"elapsedMs\":-9223285738099}");
    sources[2].stats = QStringLiteral("{\"elapsedMs\":1500,\"rejected\":3}");
    model.setSources(sources);
    QCOMPARE(model.index(1, SourcesModel::Elapsed).data().toString(), QString());
    QCOMPARE(model.index(2, SourcesModel::Elapsed).data().toString(), QStringLiteral("1.5 s"));
    // Where a source's errors are listed is said where the analyst looks: its tooltip.
    QVERIFY(model.index(2, 0)
                .data(Qt::ToolTipRole)
                .toString()
                .contains(QStringLiteral("3 error(s) reported: double-click")));
    QVERIFY(!model.index(1, 0).data(Qt::ToolTipRole).toString().contains(QStringLiteral("double-click")));
}

void TestItemModels::queryLogModel()
{
    QueryLogModel model;
    TableFilterProxy proxy;
    proxy.setSourceModel(&model);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setQueries(
        load<QList<ProviderQueryRecord>>([](CaseSession& s) { return ProviderQueryLog(s.readFile()).queries(); }));
    QCOMPARE(model.rowCount(), 1);
    sortEveryColumn(proxy);
    QCOMPARE(model.index(0, QueryLogModel::Provider).data().toString(), QStringLiteral("dnsdb"));
    QCOMPARE(model.index(0, QueryLogModel::Status).data().toString(), QStringLiteral("ok (HTTP 200)"));
    QCOMPARE(model.index(0, QueryLogModel::Duration).data().toString(), QStringLiteral("2 s"));
    QCOMPARE(model.index(0, QueryLogModel::Records).data().toString(), QStringLiteral("3"));
}

void TestItemModels::notesModel()
{
    NotesModel model;
    TableFilterProxy proxy;
    proxy.setSourceModel(&model);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    using Loaded = QPair<QList<Note>, QList<QPair<QString, QString>>>;
    const Loaded loaded = load<Loaded>([](CaseSession& s) {
        NotesStore store(s.readFile());
        return Loaded{store.allNotes(), store.allTags()};
    });
    model.setNotes(loaded.first, loaded.second);
    QCOMPARE(model.rowCount(), 1);
    sortEveryColumn(proxy);
    QCOMPARE(model.index(0, NotesModel::Text).data().toString(), QStringLiteral("Pushed malicious JavaScript. \u2026"));
    QCOMPARE(model.index(0, NotesModel::Tags).data().toString(), QStringLiteral("js-injection, malicious"));
    proxy.setFilterText(QStringLiteral("malicious"));
    QCOMPARE(proxy.rowCount(), 1);
    proxy.setFilterText(QStringLiteral("benign"));
    QCOMPARE(proxy.rowCount(), 0);
}

void TestItemModels::coalescedJobsRunOnlyTheLatest()
{
    QStringList delivered;
    for (const char* name : {"www.bad.example", "cdn.bad.example", "mail.bad.example"}) {
        const QString n = QString::fromLatin1(name);
        m_worker.run<QString>(
            this, [n](CaseSession&) { return n; }, [&](QString r) { delivered << r; }, QStringLiteral("details"));
    }
    QTRY_COMPARE(m_worker.pendingJobs(), 0);
    // The first may already have started; the last always runs, and nothing runs twice.
    QVERIFY(delivered.contains(QStringLiteral("mail.bad.example")));
    QVERIFY(!delivered.contains(QStringLiteral("cdn.bad.example")) || delivered.size() <= 3);
    QCOMPARE(delivered.last(), QStringLiteral("mail.bad.example"));
}

void TestItemModels::staleResultsDroppedAfterClose()
{
    CaseWorker worker;
    std::optional<CaseError> opened;
    worker.open(m_casePath, this, [&](const CaseError& e) { opened = e; });
    QTRY_VERIFY(opened.has_value());
    bool delivered = false;
    worker.run<int>(
        this, [](CaseSession& s) { return int(s.reader().counts().observations); }, [&](int) { delivered = true; });
    worker.close();
    QTRY_COMPARE(worker.pendingJobs(), 0);
    QVERIFY(!delivered);

    std::optional<CaseError> missing;
    worker.open(m_dir.filePath(QStringLiteral("no-such.pdnscase")), this, [&](const CaseError& e) { missing = e; });
    QTRY_VERIFY(missing.has_value());
    QVERIFY(bool(*missing));
    QVERIFY(!worker.isOpen());
}

void TestItemModels::visibleText_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected");
    QTest::newRow("plain") << QStringLiteral("www.example.com") << QStringLiteral("www.example.com");
    QTest::newRow("newline") << QStringLiteral("a\nb") << QStringLiteral("a\\x0ab");
    QTest::newRow("cr nul") << QString::fromUtf16(u"a\r\0b", 4) << QStringLiteral("a\\x0d\\x00b");
    QTest::newRow("rtl override") << QStringLiteral("evil\u202Eexe") << QStringLiteral("evil\\u202eexe");
    QTest::newRow("zero width") << QStringLiteral("pay\u200Bpal") << QStringLiteral("pay\\u200bpal");
    QTest::newRow("markup kept as text") << QStringLiteral("<b>x</b>") << QStringLiteral("<b>x</b>");
    QTest::newRow("unicode letters kept") << QStringLiteral("bücher") << QStringLiteral("bücher");
}

void TestItemModels::visibleText()
{
    QFETCH(QString, input);
    QFETCH(QString, expected);
    QCOMPARE(pdnsw::visibleText(input), expected);
    const QString tip = toolTipText(input);
    QVERIFY(tip.startsWith(QStringLiteral("<qt>")));
    // Inside <qt>...</qt> the only markup is the <br> the helper puts between lines.
    QVERIFY(!tip.mid(4, tip.size() - 9).remove(QStringLiteral("<br>")).contains(u'<'));

    const QString longText(100000, u'x');
    QVERIFY(pdnsw::visibleText(longText).size() < kMaxCellText + 40);
    // Cut with a marker only when that makes the text shorter.
    QCOMPARE(pdnsw::visibleText(QString(42, u'x'), 40), QString(42, u'x'));
    QCOMPARE(pdnsw::visibleText(QString(200, u'x'), 40), QString(40, u'x') + QStringLiteral("\u2026 (200 characters)"));
    // Qt shows the Unicode form only for top-level domains with a homograph policy (.de has one).
    QCOMPARE(nameWithUnicode(u"xn--bcher-kva.de"), QStringLiteral("xn--bcher-kva.de (bücher.de)"));
}

// Counts in the window's texts read "1 edge", "3 edges" rather than "1 edge(s)".
void TestItemModels::englishPlurals()
{
    EnglishPlurals plurals;
    QVERIFY(QCoreApplication::installTranslator(&plurals));
    const auto tr = [](const char* text, int n) { return QCoreApplication::translate("GraphView", text, nullptr, n); };
    QCOMPARE(tr("%n edge(s)", 1), QStringLiteral("1 edge"));
    QCOMPARE(tr("%n edge(s)", 0), QStringLiteral("0 edges"));
    QCOMPARE(tr("%n edge(s), %n node(s)", 3), QStringLiteral("3 edges, 3 nodes"));
    QCOMPARE(tr("Edges(s) without a count", -1), QStringLiteral("Edges(s) without a count"));
    QCOMPARE(tr("%n records", 1), QStringLiteral("1 records")); // no "(s)": left as written
    QVERIFY(QCoreApplication::removeTranslator(&plurals));
    QCOMPARE(tr("%n edge(s)", 1), QStringLiteral("1 edge(s)"));
}

QTEST_GUILESS_MAIN(TestItemModels)
#include "TestItemModels.moc"
