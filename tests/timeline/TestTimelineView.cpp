#include "TimelineFixture.h"
#include "ui/timeline/TimelineView.h"

#include <QApplication>
#include <QContextMenuEvent>
#include <QDir>
#include <QHelpEvent>
#include <QMenu>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTest>
#include <QToolTip>
#include <QWheelEvent>

using namespace pdnsw;
using namespace pdnsw::fixture;

namespace {

QString outputDir()
{
    const QString dir = QStringLiteral(PDNSW_BINARY_DIR "/tests/timeline/output");
    QDir().mkpath(dir);
    return dir;
}

int indexOfId(const TimelineView& view, qint64 id)
{
    const auto& observations = view.data().observations();
    for (int i = 0; i < observations.size(); ++i) {
        if (observations[i].id == id)
            return i;
    }
    return -1;
}

QPalette darkPalette()
{
    QPalette p;
    p.setColor(QPalette::Window, QColor(0x2b2b2b));
    p.setColor(QPalette::WindowText, QColor(0xe6e6e6));
    p.setColor(QPalette::Base, QColor(0x1e1e1e));
    p.setColor(QPalette::AlternateBase, QColor(0x262626));
    p.setColor(QPalette::Text, QColor(0xe6e6e6));
    p.setColor(QPalette::PlaceholderText, QColor(0x9a9a9a));
    p.setColor(QPalette::Mid, QColor(0x5a5a5a));
    p.setColor(QPalette::Highlight, QColor(0x3d8ee6));
    p.setColor(QPalette::HighlightedText, Qt::white);
    return p;
}

} // namespace

class TestTimelineView : public QObject
{
    Q_OBJECT
private slots:
    void init()
    {
        m_view = std::make_unique<TimelineView>();
        m_view->resize(1100, 420);
        m_view->setData(kName, incident());
        m_view->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_view.get()));
    }
    void cleanup() { m_view.reset(); }

    void testStartsFittedWithCursorBeforeNxdomain()
    {
        QCOMPARE(m_view->cursorTime().value(), utc("2018-03-02T00:00:00Z") - 1);
        const TimeAxis& axis = m_view->axis();
        QVERIFY(axis.start < utc("2018-01-01T00:00:00Z"));
        QVERIFY(axis.end > utc("2018-03-20T00:00:00Z"));
        QVERIFY(m_view->asOfText().contains(QStringLiteral("victim.pcapng: nothing at T; earlier A 203.0.113.77")));
    }

    // A CNAME target without an answer at the cursor: the readout names its latest address before it.
    void testAsOfNamesChainTargetsEarlierAddress()
    {
        auto cname = capture(1, QStringLiteral("CNAME"), QStringLiteral("cdn.bad.example"), "2018-01-01T00:00:00Z",
            "2018-03-01T00:00:00Z", 30);
        auto hop = capture(
            2, QStringLiteral("A"), QStringLiteral("192.0.2.11"), "2018-01-12T00:00:00Z", "2018-01-15T00:00:00Z", 2);
        hop.observation.rrname = QStringLiteral("cdn.bad.example");
        hop.chainDepth = 1;
        m_view->setData(kName, {cname, hop});
        m_view->setCursorTime(utc("2018-02-01T00:00:00Z"));
        QCOMPARE(m_view->asOfText(),
            QStringLiteral("As of 2018-02-01 00:00:00 UTC: victim.pcapng: CNAME cdn.bad.example; earlier "
                           "cdn.bad.example A 192.0.2.11"));
    }

    void testDragCursor_data()
    {
        QTest::addColumn<QString>("target");
        QTest::addColumn<QString>("expectedCapture");
        QTest::newRow("back to the first address") << "2018-01-20T00:00:00Z"
                                                   << "victim.pcapng: A 198.51.100.23";
        QTest::newRow("the second address") << "2018-02-25T00:00:00Z"
                                            << "victim.pcapng: A 203.0.113.77";
        QTest::newRow("after it went NXDOMAIN") << "2018-03-10T00:00:00Z"
                                                << "victim.pcapng: NXDOMAIN";
    }
    void testDragCursor()
    {
        QFETCH(QString, target);
        QFETCH(QString, expectedCapture);
        QSignalSpy spy(m_view.get(), &TimelineView::cursorTimeChanged);
        QWidget* viewport = m_view->viewport();
        const QPoint handle = m_view->cursorHandleRect().center().toPoint();
        const double targetTime = double(utc(qPrintable(target)));
        const QPoint to(int(std::lround(m_view->axis().timeToX(targetTime))), handle.y() + 120);
        QTest::mousePress(viewport, Qt::LeftButton, {}, handle);
        // Several moves, like a real drag.
        for (int step = 1; step <= 4; ++step)
            QTest::mouseMove(viewport, handle + (to - handle) * step / 4);
        QTest::mouseRelease(viewport, Qt::LeftButton, {}, to);
        QVERIFY(spy.count() >= 1);
        const qint64 emitted = spy.last().at(0).toLongLong();
        QCOMPARE(m_view->cursorTime().value(), emitted);
        // Within one pixel's worth of time of where the mouse let go.
        QVERIFY2(std::abs(double(emitted) - targetTime) <= m_view->axis().secondsPerPixel(),
            qPrintable(readableUtc(emitted)));
        const QString readout = m_view->asOfText();
        QVERIFY2(readout.startsWith(QStringLiteral("As of ") + readableUtc(emitted)), qPrintable(readout));
        QVERIFY2(readout.contains(expectedCapture), qPrintable(readout));
    }

    void testDragOnBarPansInsteadOfMovingCursor()
    {
        const qint64 cursor = *m_view->cursorTime();
        const double start = m_view->axis().start;
        const QRectF bar = *m_view->barRect(indexOfId(*m_view, 101));
        QWidget* viewport = m_view->viewport();
        const QPoint from = bar.center().toPoint();
        QTest::mousePress(viewport, Qt::LeftButton, {}, from);
        QTest::mouseMove(viewport, from + QPoint(40, 0));
        QTest::mouseMove(viewport, from + QPoint(80, 0));
        QTest::mouseRelease(viewport, Qt::LeftButton, {}, from + QPoint(80, 0));
        QCOMPARE(*m_view->cursorTime(), cursor);
        QVERIFY(m_view->axis().start < start); // dragged right: earlier times come into view
    }

    void testClickSelectsBar()
    {
        QSignalSpy spy(m_view.get(), &TimelineView::observationSelected);
        const QRectF bar = *m_view->barRect(indexOfId(*m_view, 202));
        QTest::mouseClick(m_view->viewport(), Qt::LeftButton, {}, bar.center().toPoint());
        QCOMPARE(spy.count(), 1);
        QCOMPARE(spy.first().at(0).value<SourcedObservation>().id, qint64(202));
    }

    void testToolTipsAreEscaped()
    {
        QList<SourcedObservation> list = incident();
        list << make(900, 1, QStringLiteral("victim.pcapng"), QStringLiteral("pcap"), QStringLiteral("second"),
            QStringLiteral("sensor"), kName, QStringLiteral("TXT"), QStringLiteral("<img src=x>"),
            utc("2018-01-10T00:00:00Z"), utc("2018-02-01T00:00:00Z"), 3);
        m_view->setData(kName, list);
        const QRectF bar = *m_view->barRect(indexOfId(*m_view, 900));
        const QString tip = m_view->toolTipAt(bar.center().toPoint());
        QVERIFY2(tip.contains(QStringLiteral("&lt;img src=x&gt;")), qPrintable(tip));
        QVERIFY(!tip.contains(QStringLiteral("<img")));
        QVERIFY(tip.contains(QStringLiteral("2018-01-10 00:00:00 UTC")));
        QVERIFY(tip.contains(QStringLiteral("victim.pcapng")));
        // The row label's tooltip too.
        const QString rowTip = m_view->toolTipAt(QPoint(20, int(bar.center().y())));
        QVERIFY2(rowTip.contains(QStringLiteral("&lt;img src=x&gt;")) && !rowTip.contains(QStringLiteral("<img")),
            qPrintable(rowTip));
        // And through the real tooltip event.
        QWidget* viewport = m_view->viewport();
        QHelpEvent help(QEvent::ToolTip, bar.center().toPoint(), viewport->mapToGlobal(bar.center().toPoint()));
        QApplication::sendEvent(viewport, &help);
        QTRY_VERIFY(QToolTip::isVisible());
        QCOMPARE(QToolTip::text(), tip);
        QToolTip::hideText();
    }

    void testToolTipShowsExactTimesAndSources()
    {
        const QRectF point = *m_view->barRect(indexOfId(*m_view, 301));
        const QString tip = m_view->toolTipAt(point.center().toPoint());
        QVERIFY2(tip.contains(QStringLiteral("VirusTotal")), qPrintable(tip));
        QVERIFY(tip.contains(QStringLiteral("2018-02-20 14:31:07 UTC")));
        QVERIFY(tip.contains(QStringLiteral("single date")));
        const QRectF day = *m_view->barRect(indexOfId(*m_view, 201));
        QVERIFY(m_view->toolTipAt(day.center().toPoint()).contains(QStringLiteral("day granularity")));
    }

    void testWheelZoomsAroundMouseAndCtrl0Fits()
    {
        const TimeAxis before = m_view->axis();
        const QPointF at(before.left + before.width * 0.3, 150);
        const double timeUnderMouse = before.xToTime(at.x());
        QWheelEvent wheel(at, m_view->viewport()->mapToGlobal(at), QPoint(), QPoint(0, 240), Qt::NoButton,
            Qt::NoModifier, Qt::NoScrollPhase, false);
        QApplication::sendEvent(m_view->viewport(), &wheel);
        const TimeAxis after = m_view->axis();
        QVERIFY(std::abs(after.span() - before.span() / 2) < 1.0);
        QVERIFY(std::abs(after.xToTime(at.x()) - timeUnderMouse) < 1.0);
        QTest::keyClick(m_view.get(), Qt::Key_0, Qt::ControlModifier);
        QVERIFY(std::abs(m_view->axis().span() - before.span()) < 1.0);
        QVERIFY(std::abs(m_view->axis().start - before.start) < 1.0);
    }

    void testContextMenuRequestsHostsOverride()
    {
        QSignalSpy spy(m_view.get(), &TimelineView::hostsOverrideRequested);
        const QRectF bar = *m_view->barRect(indexOfId(*m_view, 102));
        const QPoint pos = bar.center().toPoint();
        QContextMenuEvent event(QContextMenuEvent::Mouse, pos, m_view->viewport()->mapToGlobal(pos));
        QApplication::sendEvent(m_view->viewport(), &event);
        QMenu* menu = m_view->findChild<QMenu*>();
        QVERIFY(menu);
        QAction* action = menu->findChild<QAction*>(QStringLiteral("hostsOverrideAction"));
        if (!action) {
            for (QAction* a : menu->actions()) {
                if (a->objectName() == QLatin1String("hostsOverrideAction"))
                    action = a;
            }
        }
        QVERIFY(action);
        action->trigger();
        QCOMPARE(spy.count(), 1);
        QCOMPARE(spy.first().at(0).toString(), kName);
        const qint64 t = spy.first().at(1).toLongLong();
        // T is the time under the click: inside the bar of the second address.
        QVERIFY(t >= utc("2018-02-11T09:00:00Z") && t <= utc("2018-03-01T12:00:00Z"));
        menu->close();
    }

    // An address's timeline: the readout names the names, a row's tooltip leads with its name, and the context
    // menu offers no hosts override (a hosts line pins a name).
    void testAddressTimeline()
    {
        const QString address = QStringLiteral("203.0.113.77");
        const auto pointer = [&](qint64 id, const QString& name, const char* first, const char* last) {
            return make(id, 4, QStringLiteral("DNSDB"), QStringLiteral("provider:dnsdb"), QStringLiteral("second"),
                QStringLiteral("sensor"), name, QStringLiteral("A"), address, utc(first), utc(last), 3);
        };
        m_view->setAddressData(address,
            {pointer(1, kName, "2018-02-11T09:00:00Z", "2018-03-01T12:00:00Z"),
                pointer(2, QStringLiteral("<b>cdn</b>.bad.example"), "2018-02-01T00:00:00Z", "2018-04-01T00:00:00Z")});
        m_view->setCursorTime(utc("2018-02-20T00:00:00Z"));
        QCOMPARE(m_view->asOfText(),
            QStringLiteral("As of 2018-02-20 00:00:00 UTC: DNSDB: www.bad.example A 203.0.113.77, "
                           "<b>cdn</b>.bad.example A 203.0.113.77"));
        const QRectF bar = *m_view->barRect(indexOfId(*m_view, 2));
        const QString tip = m_view->toolTipAt(QPoint(20, int(bar.center().y()))); // over the row's label
        QVERIFY2(tip.startsWith(QStringLiteral("<b>&lt;b&gt;cdn&lt;/b&gt;.bad.example</b><br>A 203.0.113.77")),
            qPrintable(tip));
        const QPoint pos = bar.center().toPoint();
        QContextMenuEvent event(QContextMenuEvent::Mouse, pos, m_view->viewport()->mapToGlobal(pos));
        QApplication::sendEvent(m_view->viewport(), &event);
        QMenu* menu = m_view->findChild<QMenu*>();
        QVERIFY(menu);
        for (QAction* a : menu->actions())
            QVERIFY(a->objectName() != QLatin1String("hostsOverrideAction"));
        QVERIFY(!menu->actions().isEmpty());
        menu->close();
    }

    // The label column holds a row's whole label as painted: indent, the type's box (as wide as "AAAA" in the
    // small font), the name. Measured from the text alone it came 13 px short and cut "www.example.com".
    void testAddressLabelsFitTheirNames()
    {
        const QString address = QStringLiteral("192.0.2.80");
        const QString name = QStringLiteral("static.content-delivery.example");
        m_view->setAddressData(address,
            {make(1, 4, QStringLiteral("DNSDB"), QStringLiteral("provider:dnsdb"), QStringLiteral("second"),
                QStringLiteral("sensor"), name, QStringLiteral("A"), address, utc("2018-02-11T09:00:00Z"),
                utc("2018-03-01T12:00:00Z"), 3)});
        QFont small = m_view->font();
        small.setPointSizeF(std::max(6.0, small.pointSizeF() * 0.88));
        const double chip = QFontMetricsF(small).horizontalAdvance(QStringLiteral("AAAA")) + 8;
        const double needed = 8 + chip + 6 + QFontMetricsF(m_view->font()).horizontalAdvance(name) + 6;
        QVERIFY2(m_view->plotRect().left() >= needed,
            qPrintable(QStringLiteral("%1 < %2").arg(m_view->plotRect().left()).arg(needed)));
    }

    void testNowAnswerAndRender()
    {
        Observation nx;
        nx.rrname = kName;
        nx.rrtype = QStringLiteral("A");
        nx.rdata = QStringLiteral("NXDOMAIN");
        nx.section = Section::Negative;
        m_view->setNowAnswer({nx}, utc("2024-05-01T12:00:00Z"));
        QVERIFY(m_view->data().rows().last().inNowAnswer);
        const QString nowTip = m_view->toolTipAt(
            QPoint(m_view->viewport()->width() - 20, int(m_view->barRect(indexOfId(*m_view, 103))->center().y())));
        QVERIFY2(nowTip.contains(QStringLiteral("2024-05-01 12:00:00 UTC")), qPrintable(nowTip));

        // Pictures to look at: light and dark palettes.
        const QImage light = m_view->renderImage(QSize(1100, 420));
        QVERIFY(light.save(outputDir() + QStringLiteral("/timeline-light.png")));
        m_view->setPalette(darkPalette());
        const QImage dark = m_view->renderImage(QSize(1100, 420));
        QVERIFY(dark.save(outputDir() + QStringLiteral("/timeline-dark.png")));
        // The dark rendering really is dark, the light one light.
        QVERIFY(qGray(dark.pixel(600, 200)) < 90);
        QVERIFY(qGray(light.pixel(600, 200)) > 160);
    }

    void testRenderChainAndManySources()
    {
        QList<SourcedObservation> list = incident();
        auto hop = capture(501, QStringLiteral("CNAME"), QStringLiteral("cdn.bad.example"), "2017-12-20T00:00:00Z",
            "2018-01-04T00:00:00Z", 20);
        list << hop;
        auto a = capture(
            502, QStringLiteral("A"), QStringLiteral("192.0.2.44"), "2017-12-20T00:00:00Z", "2018-01-04T00:00:00Z", 20);
        a.observation.rrname = QStringLiteral("cdn.bad.example");
        a.chainDepth = 1;
        list << a;
        list << make(601, 5, QStringLiteral("Mnemonic"), QStringLiteral("provider:mnemonic"), QStringLiteral("second"),
            QStringLiteral("sensor"), kName, QStringLiteral("A"), QStringLiteral("198.51.100.23"),
            utc("2018-01-02T10:00:00Z"), utc("2018-02-08T10:00:00Z"), 1204);
        list << make(701, 6, QStringLiteral("undated.cof"), QStringLiteral("cof"), QStringLiteral("none"),
            QStringLiteral("lookup"), kName, QStringLiteral("A"), QStringLiteral("203.0.113.77"), std::nullopt,
            std::nullopt, std::nullopt);
        m_view->setData(kName, list);
        QCOMPARE(m_view->data().rows().first().kind, TimelineRow::Kind::OwnerHeader);
        QVERIFY(m_view->renderImage(QSize(1200, 460)).save(outputDir() + QStringLiteral("/timeline-chain.png")));
        // Small sizes must not break the painter.
        QVERIFY(!m_view->renderImage(QSize(200, 90)).isNull());
    }

    void testEmptyAndHostileNames()
    {
        m_view->setData(QString(), {});
        QVERIFY(!m_view->cursorTime().has_value());
        QVERIFY(m_view->asOfText().isEmpty());
        QVERIFY(!m_view->renderImage(QSize(400, 200)).isNull());
        const QString hostile = QStringLiteral("a\u202e\nb<b>x</b>") + QString(5000, QLatin1Char('x'));
        auto o = capture(1, QStringLiteral("A"), hostile, "2018-01-01T00:00:00Z", "2018-01-02T00:00:00Z", 1);
        o.observation.rrname = hostile;
        m_view->setData(hostile, {o});
        const QString readout = m_view->asOfText();
        QVERIFY(!readout.contains(QChar(0x202e)));
        QVERIFY(!readout.contains(QLatin1Char('\n')));
        QVERIFY(readout.contains(QStringLiteral("\\u202e")));
        QVERIFY(!m_view->renderImage(QSize(800, 300)).isNull());
    }

private:
    std::unique_ptr<TimelineView> m_view;
};

QTEST_MAIN(TestTimelineView)
#include "TestTimelineView.moc"
