// The sandbox resolver as a pure function over observation lists: time T, CNAME chains, NXDOMAIN fallback,
// source choice.
#include "ExportTestData.h"
#include "models/sandbox/OverrideResolver.h"

#include <QTest>

using namespace pdnsw;
using namespace pdnsw::testdata;

namespace {

QStringList addresses(const NameResolution& r)
{
    QStringList list;
    for (const ResolvedAddress& a : r.addresses)
        list.append(a.address);
    return list;
}

// The story of DESIGN.md: www.bad.example -> cdn.bad.example -> 198.51.100.23 in January/February,
// then 203.0.113.77 directly (per VT) in February/March, then NXDOMAIN from April.
QList<SourcedObservation> cleanedSite()
{
    const QString www = QStringLiteral("www.bad.example");
    const QString cdn = QStringLiteral("cdn.bad.example");
    return {
        record(1, QStringLiteral("capture"), www, QStringLiteral("CNAME"), cdn, t("2018-01-05"), t("2018-02-10"), 40),
        record(1, QStringLiteral("capture"), cdn, QStringLiteral("A"), QStringLiteral("198.51.100.23"), t("2018-01-05"),
            t("2018-02-10"), 40),
        // cdn moved on later; www no longer pointed there.
        record(2, QStringLiteral("dnsdb"), cdn, QStringLiteral("A"), QStringLiteral("198.51.100.99"), t("2018-05-01"),
            t("2018-06-01"), 3),
        record(3, QStringLiteral("vt"), www, QStringLiteral("A"), QStringLiteral("203.0.113.77"), t("2018-02-11"),
            t("2018-03-20")),
        record(3, QStringLiteral("vt"), www, QStringLiteral("AAAA"), QStringLiteral("2001:db8::77"), t("2018-02-11"),
            t("2018-03-20")),
        negative(1, QStringLiteral("capture"), www, QStringLiteral("NXDOMAIN"), t("2018-04-01"), t("2018-04-30")),
    };
}

} // namespace

class TestOverrideResolver : public QObject
{
    Q_OBJECT

private slots:
    void testAt_data();
    void testAt();
    void testDefaultIsLastBeforeNxdomain();
    void testChainUsesTimeOfLastValidHop();
    void testSourceFilter();
    void testLoopAndDepth();
    void testUndated();
    void testNothing();
};

void TestOverrideResolver::testAt_data()
{
    QTest::addColumn<qint64>("at");
    QTest::addColumn<QStringList>("expected");
    QTest::addColumn<QString>("notePart");
    QTest::newRow("via CNAME in January")
        << t("2018-01-20") << QStringList{QStringLiteral("198.51.100.23")} << QString();
    QTest::newRow("direct in March") << t("2018-03-01")
                                     << QStringList{QStringLiteral("203.0.113.77"), QStringLiteral("2001:db8::77")}
                                     << QString();
    QTest::newRow("NXDOMAIN in April falls back")
        << t("2018-04-15") << QStringList{QStringLiteral("203.0.113.77"), QStringLiteral("2001:db8::77")}
        << QStringLiteral("NXDOMAIN");
    QTest::newRow("gap between sources") << t("2018-02-10T12:00:00Z") << QStringList{QStringLiteral("198.51.100.23")}
                                         << QStringLiteral("last answer before");
}

void TestOverrideResolver::testAt()
{
    QFETCH(qint64, at);
    QFETCH(QStringList, expected);
    QFETCH(QString, notePart);
    OverrideResolveOptions options;
    options.at = at;
    const NameResolution r = resolveForSandbox(QStringLiteral("www.bad.example"), cleanedSite(), options);
    QVERIFY2(r.error.isEmpty(), qPrintable(r.error));
    QCOMPARE(addresses(r), expected);
    QCOMPARE(r.time, std::optional<qint64>(at));
    if (!notePart.isEmpty())
        QVERIFY2(r.notes.join(u'\n').contains(notePart), qPrintable(r.notes.join(u'\n')));
}

void TestOverrideResolver::testDefaultIsLastBeforeNxdomain()
{
    const NameResolution r = resolveForSandbox(QStringLiteral("www.bad.example"), cleanedSite(), {});
    QVERIFY2(r.error.isEmpty(), qPrintable(r.error));
    QCOMPARE(r.time, std::optional<qint64>(t("2018-03-20")));
    QCOMPARE(addresses(r), (QStringList{QStringLiteral("203.0.113.77"), QStringLiteral("2001:db8::77")}));
    QVERIFY2(r.notes.join(u'\n').contains(QStringLiteral("NXDOMAIN from 2018-04-01")), qPrintable(r.notes.join(u'\n')));
    QCOMPARE(r.addresses.first().sourceLabels, QStringList{QStringLiteral("vt")});
}

// www pointed at cdn until February; cdn's later address (May) must not be used for a February T.
void TestOverrideResolver::testChainUsesTimeOfLastValidHop()
{
    OverrideResolveOptions options;
    options.at = t("2018-02-10T18:00:00Z");
    options.sourceIds = {1, 2};
    const NameResolution r = resolveForSandbox(QStringLiteral("www.bad.example"), cleanedSite(), options);
    QCOMPARE(addresses(r), QStringList{QStringLiteral("198.51.100.23")});
    QCOMPARE(
        r.addresses.first().chain, (QStringList{QStringLiteral("www.bad.example"), QStringLiteral("cdn.bad.example")}));

    // Default T with only the capture and DNSDB: the CNAME's last day, so cdn's February address.
    options.at.reset();
    const NameResolution d = resolveForSandbox(QStringLiteral("www.bad.example"), cleanedSite(), options);
    QCOMPARE(addresses(d), QStringList{QStringLiteral("198.51.100.23")});
    QCOMPARE(d.time, std::optional<qint64>(t("2018-02-10")));
}

void TestOverrideResolver::testSourceFilter()
{
    OverrideResolveOptions options;
    options.sourceIds = {2};
    const NameResolution r = resolveForSandbox(QStringLiteral("www.bad.example"), cleanedSite(), options);
    QVERIFY(r.addresses.isEmpty());
    QVERIFY2(r.error.contains(QStringLiteral("chosen sources")), qPrintable(r.error));
}

void TestOverrideResolver::testLoopAndDepth()
{
    QList<SourcedObservation> records{
        record(1, QStringLiteral("s"), QStringLiteral("a.example"), QStringLiteral("CNAME"),
            QStringLiteral("b.example"), 100, 200),
        record(1, QStringLiteral("s"), QStringLiteral("b.example"), QStringLiteral("CNAME"),
            QStringLiteral("a.example"), 100, 200),
    };
    NameResolution r = resolveForSandbox(QStringLiteral("a.example"), records, {});
    QVERIFY(r.addresses.isEmpty());
    QVERIFY(r.notes.join(u'\n').contains(QStringLiteral("loop")));
    QVERIFY(!r.error.isEmpty());

    records.clear();
    for (int i = 0; i < 12; ++i)
        records.append(record(1, QStringLiteral("s"), QStringLiteral("h%1.example").arg(i), QStringLiteral("CNAME"),
            QStringLiteral("h%1.example").arg(i + 1), 100, 200));
    records.append(record(1, QStringLiteral("s"), QStringLiteral("h12.example"), QStringLiteral("A"),
        QStringLiteral("192.0.2.1"), 100, 200));
    r = resolveForSandbox(QStringLiteral("h0.example"), records, {});
    QVERIFY(r.addresses.isEmpty());
    QVERIFY(r.notes.join(u'\n').contains(QStringLiteral("longer than 8")));
    r = resolveForSandbox(QStringLiteral("h5.example"), records, {});
    QCOMPARE(addresses(r), QStringList{QStringLiteral("192.0.2.1")});
    QCOMPARE(r.addresses.first().chain.size(), 8);
}

void TestOverrideResolver::testUndated()
{
    const QList<SourcedObservation> records{
        record(7, QStringLiteral("otx"), QStringLiteral("x.example"), QStringLiteral("A"), QStringLiteral("192.0.2.9"),
            std::nullopt, std::nullopt),
    };
    const NameResolution r = resolveForSandbox(QStringLiteral("x.example"), records, {});
    QCOMPARE(addresses(r), QStringList{QStringLiteral("192.0.2.9")});
    QVERIFY(!r.time);
}

void TestOverrideResolver::testNothing()
{
    const QList<SourcedObservation> records{
        negative(1, QStringLiteral("capture"), QStringLiteral("gone.example"), QStringLiteral("NXDOMAIN"), 100, 200),
    };
    NameResolution r = resolveForSandbox(QStringLiteral("gone.example"), records, {});
    QVERIFY(r.addresses.isEmpty());
    QVERIFY2(r.error.contains(QStringLiteral("NXDOMAIN")), qPrintable(r.error));
    OverrideResolveOptions options;
    options.at = 50;
    r = resolveForSandbox(QStringLiteral("www.bad.example"), cleanedSite(), options);
    QVERIFY(r.addresses.isEmpty());
    QVERIFY2(r.error.contains(QStringLiteral("no address at or before")), qPrintable(r.error));
}

QTEST_GUILESS_MAIN(TestOverrideResolver)
#include "TestOverrideResolver.moc"
