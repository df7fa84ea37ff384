#include "ui/timeline/TimeAxis.h"

#include <QDateTime>
#include <QTest>
#include <QTimeZone>

using namespace pdnsw;

Q_DECLARE_METATYPE(pdnsw::TickStep)

namespace {

qint64 at(const char* iso)
{
    return QDateTime::fromString(QLatin1String(iso), Qt::ISODate).toSecsSinceEpoch();
}

TimeAxis axis(double start, double end, double left, double width)
{
    TimeAxis a;
    a.start = start;
    a.end = end;
    a.left = left;
    a.width = width;
    return a;
}

} // namespace

class TestTimeAxis : public QObject
{
    Q_OBJECT
private slots:
    void testMapping_data()
    {
        QTest::addColumn<double>("start");
        QTest::addColumn<double>("end");
        QTest::addColumn<double>("left");
        QTest::addColumn<double>("width");
        QTest::addColumn<double>("time");
        QTest::addColumn<double>("x");
        QTest::newRow("start maps to left") << 1000.0 << 2000.0 << 50.0 << 500.0 << 1000.0 << 50.0;
        QTest::newRow("end maps to right") << 1000.0 << 2000.0 << 50.0 << 500.0 << 2000.0 << 550.0;
        QTest::newRow("middle") << 1000.0 << 2000.0 << 50.0 << 500.0 << 1500.0 << 300.0;
        QTest::newRow("before the range is left of it") << 1000.0 << 2000.0 << 0.0 << 100.0 << 900.0 << -10.0;
        QTest::newRow("after the range") << 1000.0 << 2000.0 << 0.0 << 100.0 << 2500.0 << 150.0;
        const double y2018 = double(at("2018-01-01T00:00:00Z"));
        QTest::newRow("a year over 365 px: one day per px")
            << y2018 << y2018 + 365 * 86400.0 << 0.0 << 365.0 << y2018 + 31 * 86400.0 << 31.0;
    }
    void testMapping()
    {
        QFETCH(double, start);
        QFETCH(double, end);
        QFETCH(double, left);
        QFETCH(double, width);
        QFETCH(double, time);
        QFETCH(double, x);
        const TimeAxis a = axis(start, end, left, width);
        QCOMPARE(a.timeToX(time), x);
        QCOMPARE(a.xToTime(x), time);
        QCOMPARE(a.xToTime(a.timeToX(time)), time);
    }

    void testZoomAround_data()
    {
        QTest::addColumn<double>("x");
        QTest::addColumn<double>("factor");
        QTest::addColumn<double>("expectedSpan");
        QTest::newRow("zoom in x2 at the left edge") << 0.0 << 2.0 << 50000.0;
        QTest::newRow("zoom in x2 in the middle") << 500.0 << 2.0 << 50000.0;
        QTest::newRow("zoom out x4 near the right") << 900.0 << 0.25 << 400000.0;
        QTest::newRow("zoom in beyond ten seconds clamps") << 250.0 << 1e9 << TimeAxis::minimumSpan;
        QTest::newRow("no-op factor") << 300.0 << 1.0 << 100000.0;
    }
    void testZoomAround()
    {
        QFETCH(double, x);
        QFETCH(double, factor);
        QFETCH(double, expectedSpan);
        const TimeAxis a = axis(1.5e9, 1.5e9 + 100000, 0, 1000);
        const TimeAxis z = a.zoomedAround(x, factor);
        QCOMPARE(z.span(), expectedSpan);
        // The time under the mouse stays under the mouse.
        QVERIFY(std::abs(z.xToTime(x) - a.xToTime(x)) < 1e-3);
        QCOMPARE(z.left, a.left);
        QCOMPARE(z.width, a.width);
    }

    void testZoomOutClamps()
    {
        const TimeAxis a = axis(1e9, 1e9 + 86400, 0, 800);
        const TimeAxis z = a.zoomedAround(400, 1e-12);
        QCOMPARE(z.span(), TimeAxis::maximumSpan);
        QVERIFY(z.start >= TimeAxis::earliest);
        QVERIFY(z.end <= TimeAxis::latest);
        // Bad factors change nothing.
        QCOMPARE(a.zoomedAround(400, 0), a);
        QCOMPARE(a.zoomedAround(400, -2), a);
        QCOMPARE(a.zoomedAround(400, std::numeric_limits<double>::quiet_NaN()), a);
    }

    void testPan_data()
    {
        QTest::addColumn<double>("dx");
        QTest::addColumn<double>("expectedStart");
        QTest::newRow("drag right shows earlier times") << 100.0 << 1e9 - 1000.0;
        QTest::newRow("drag left shows later times") << -50.0 << 1e9 + 500.0;
        QTest::newRow("no move") << 0.0 << 1e9;
        QTest::newRow("cannot pan before 1970") << 1e12 << 0.0;
    }
    void testPan()
    {
        QFETCH(double, dx);
        QFETCH(double, expectedStart);
        const TimeAxis a = axis(1e9, 1e9 + 10000, 0, 1000); // 10 s per pixel
        const TimeAxis p = a.panned(dx);
        QCOMPARE(p.start, expectedStart);
        QCOMPARE(p.span(), a.span());
    }

    void testFitted_data()
    {
        QTest::addColumn<double>("first");
        QTest::addColumn<double>("last");
        QTest::addColumn<double>("expectedStart");
        QTest::addColumn<double>("expectedEnd");
        QTest::newRow("margin 4% each side") << 1000000.0 << 2000000.0 << 960000.0 << 2040000.0;
        QTest::newRow("reversed input") << 2000000.0 << 1000000.0 << 960000.0 << 2040000.0;
        QTest::newRow("a single instant gets a day")
            << 1000000.0 << 1000000.0 << 1000000.0 - 43200 << 1000000.0 + 43200;
        QTest::newRow("near the epoch stays after it") << 0.0 << 100000.0 << 0.0 << 108000.0;
    }
    void testFitted()
    {
        QFETCH(double, first);
        QFETCH(double, last);
        QFETCH(double, expectedStart);
        QFETCH(double, expectedEnd);
        const TimeAxis a = TimeAxis::fitted(first, last, 10, 600);
        QCOMPARE(a.start, expectedStart);
        QCOMPARE(a.end, expectedEnd);
        QCOMPARE(a.left, 10.0);
        QCOMPARE(a.width, 600.0);
    }

    void testTickStep_data()
    {
        QTest::addColumn<double>("span");
        QTest::addColumn<double>("width");
        QTest::addColumn<double>("minPixels");
        QTest::addColumn<TickStep>("expected");
        using U = TickStep::Unit;
        QTest::newRow("one minute over 600 px, 60 px apart: 10 s") << 60.0 << 600.0 << 60.0 << TickStep{U::Second, 10};
        QTest::newRow("one hour over 600 px: 10 min") << 3600.0 << 600.0 << 60.0 << TickStep{U::Minute, 10};
        QTest::newRow("one day over 800 px: 2 h") << 86400.0 << 800.0 << 60.0 << TickStep{U::Hour, 2};
        QTest::newRow("one week over 700 px: 1 day") << 7 * 86400.0 << 700.0 << 60.0 << TickStep{U::Day, 1};
        QTest::newRow("two months over 600 px: 1 week") << 61 * 86400.0 << 600.0 << 60.0 << TickStep{U::Week, 1};
        QTest::newRow("one year over 800 px: 1 month") << 365 * 86400.0 << 800.0 << 60.0 << TickStep{U::Month, 1};
        QTest::newRow("three years over 600 px: 6 months")
            << 3 * 365 * 86400.0 << 600.0 << 60.0 << TickStep{U::Month, 6};
        QTest::newRow("twenty years over 600 px: 5 years (2 could fall short in leap-free spans)")
            << 20 * 365.25 * 86400.0 << 600.0 << 60.0 << TickStep{U::Year, 5};
        QTest::newRow("twelve years over 600 px: 2 years")
            << 12 * 365.25 * 86400.0 << 600.0 << 60.0 << TickStep{U::Year, 2};
        QTest::newRow("two centuries over 100 px: centuries")
            << TimeAxis::maximumSpan << 100.0 << 60.0 << TickStep{U::Year, 200};
    }
    void testTickStep()
    {
        QFETCH(double, span);
        QFETCH(double, width);
        QFETCH(double, minPixels);
        QFETCH(TickStep, expected);
        const TimeAxis a = axis(1.5e9, 1.5e9 + span, 0, width);
        const TickStep step = a.tickStep(minPixels);
        QCOMPARE(int(step.unit), int(expected.unit));
        QCOMPARE(step.multiple, expected.multiple);
        // Whatever was chosen, the ticks are at least minPixels apart.
        const QList<qint64> ticks = a.tickTimes(step);
        for (int i = 1; i < ticks.size(); ++i)
            QVERIFY2(a.timeToX(double(ticks[i])) - a.timeToX(double(ticks[i - 1])) >= minPixels - 1e-6,
                qPrintable(QString::number(i)));
    }

    void testTickTimes_data()
    {
        QTest::addColumn<QString>("from");
        QTest::addColumn<QString>("to");
        QTest::addColumn<TickStep>("step");
        QTest::addColumn<QStringList>("expected");
        using U = TickStep::Unit;
        QTest::newRow("months start on the 1st")
            << "2018-01-15T00:00:00Z"
            << "2018-04-10T00:00:00Z" << TickStep{U::Month, 1}
            << QStringList{"2018-02-01T00:00:00Z", "2018-03-01T00:00:00Z", "2018-04-01T00:00:00Z"};
        QTest::newRow("quarters align to Jan/Apr/Jul/Oct")
            << "2018-02-01T00:00:00Z"
            << "2018-12-31T00:00:00Z" << TickStep{U::Month, 3}
            << QStringList{"2018-04-01T00:00:00Z", "2018-07-01T00:00:00Z", "2018-10-01T00:00:00Z"};
        QTest::newRow("years on multiples of 5")
            << "2003-06-01T00:00:00Z"
            << "2016-01-01T00:00:00Z" << TickStep{U::Year, 5}
            << QStringList{"2005-01-01T00:00:00Z", "2010-01-01T00:00:00Z", "2015-01-01T00:00:00Z"};
        QTest::newRow("weeks start on Monday") << "2018-01-01T12:00:00Z"
                                               << "2018-01-20T00:00:00Z" << TickStep{U::Week, 1}
                                               << QStringList{"2018-01-08T00:00:00Z", "2018-01-15T00:00:00Z"};
        QTest::newRow("six hours across midnight")
            << "2018-03-04T20:00:00Z"
            << "2018-03-05T13:00:00Z" << TickStep{U::Hour, 6}
            << QStringList{"2018-03-05T00:00:00Z", "2018-03-05T06:00:00Z", "2018-03-05T12:00:00Z"};
        QTest::newRow("leap day") << "2020-02-28T00:00:00Z"
                                  << "2020-03-01T00:00:00Z" << TickStep{U::Day, 1}
                                  << QStringList{
                                         "2020-02-28T00:00:00Z", "2020-02-29T00:00:00Z", "2020-03-01T00:00:00Z"};
        QTest::newRow("15 seconds") << "2018-03-05T10:00:07Z"
                                    << "2018-03-05T10:00:50Z" << TickStep{U::Second, 15}
                                    << QStringList{
                                           "2018-03-05T10:00:15Z", "2018-03-05T10:00:30Z", "2018-03-05T10:00:45Z"};
    }
    void testTickTimes()
    {
        QFETCH(QString, from);
        QFETCH(QString, to);
        QFETCH(TickStep, step);
        QFETCH(QStringList, expected);
        const TimeAxis a = axis(double(at(qPrintable(from))), double(at(qPrintable(to))), 0, 10000);
        QStringList got;
        for (qint64 t : a.tickTimes(step))
            got.append(
                QDateTime::fromSecsSinceEpoch(t, QTimeZone::utc()).toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss'Z'")));
        QCOMPARE(got, expected);
    }

    void testTickTimesAreBounded()
    {
        // A step far too fine for the range yields at most one tick per pixel, not millions.
        const TimeAxis a = axis(0, 1e9, 0, 300);
        QVERIFY(a.tickTimes(TickStep{TickStep::Unit::Second, 1}).size() <= 302);
    }

    void testTickLabel_data()
    {
        QTest::addColumn<QString>("time");
        QTest::addColumn<TickStep>("step");
        QTest::addColumn<bool>("withDate");
        QTest::addColumn<QString>("expected");
        using U = TickStep::Unit;
        QTest::newRow("year") << "2018-01-01T00:00:00Z" << TickStep{U::Year, 1} << false << "2018";
        QTest::newRow("month") << "2018-03-01T00:00:00Z" << TickStep{U::Month, 1} << false << "2018-03";
        QTest::newRow("day") << "2018-03-05T00:00:00Z" << TickStep{U::Day, 1} << false << "2018-03-05";
        QTest::newRow("hour") << "2018-03-05T14:00:00Z" << TickStep{U::Hour, 1} << false << "14:00";
        QTest::newRow("midnight hour carries the date")
            << "2018-03-05T00:00:00Z" << TickStep{U::Hour, 6} << false << "2018-03-05 00:00";
        QTest::newRow("first tick carries the date")
            << "2018-03-05T14:30:00Z" << TickStep{U::Minute, 30} << true << "2018-03-05 14:30";
        QTest::newRow("seconds") << "2018-03-05T14:30:15Z" << TickStep{U::Second, 15} << false << "14:30:15";
    }
    void testTickLabel()
    {
        QFETCH(QString, time);
        QFETCH(TickStep, step);
        QFETCH(bool, withDate);
        QFETCH(QString, expected);
        QCOMPARE(tickLabel(at(qPrintable(time)), step, withDate), expected);
    }

    void testReadableUtc()
    {
        QCOMPARE(readableUtc(at("2018-02-01T00:00:00Z")), QStringLiteral("2018-02-01 00:00:00 UTC"));
    }
};

QTEST_GUILESS_MAIN(TestTimeAxis)
#include "TestTimeAxis.moc"
