#include "TimelineFixture.h"
#include "ui/graph/ForceLayout.h"
#include "ui/graph/GraphModel.h"
#include "ui/graph/GraphView.h"

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QImageReader>
#include <QSignalSpy>
#include <QTest>

#include <atomic>
#include <cmath>

using namespace pdnsw;
using namespace pdnsw::fixture;

namespace {

QString outputDir()
{
    const QString dir = QStringLiteral(PDNSW_BINARY_DIR "/tests/timeline/output");
    QDir().mkpath(dir);
    return dir;
}

double distance(const QPointF& a, const QPointF& b)
{
    return std::hypot(a.x() - b.x(), a.y() - b.y());
}

} // namespace

class TestGraph : public QObject
{
    Q_OBJECT
private slots:
    // ---- model --------------------------------------------------------------------------------------------
    void testNodeKinds_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("kind");
        QTest::newRow("the asked name") << "www.bad.example" << int(GraphNodeKind::Name);
        QTest::newRow("address") << "198.51.100.23" << int(GraphNodeKind::Address);
        QTest::newRow("IPv6 address") << "2001:db8::23" << int(GraphNodeKind::Address);
        QTest::newRow("name server") << "ns1.parking.example" << int(GraphNodeKind::NameServer);
        QTest::newRow("mail host from '10 mx...'") << "mx.mail.example" << int(GraphNodeKind::MailHost);
        // Both a CNAME target and the owner of an A record: the target role wins over plain name.
        QTest::newRow("CNAME target") << "edge.cdn.example" << int(GraphNodeKind::CnameTarget);
        QTest::newRow("PTR owner becomes its address") << "203.0.113.77" << int(GraphNodeKind::Address);
        QTest::newRow("PTR target") << "host77.hosting.example" << int(GraphNodeKind::Name);
    }
    void testNodeKinds()
    {
        QFETCH(QString, text);
        QFETCH(int, kind);
        GraphModel model;
        model.addObservations(infrastructure());
        const int index = model.nodeIndex(text);
        QVERIFY2(index >= 0, qPrintable(text));
        QCOMPARE(int(model.nodes()[index].kind), kind);
    }

    void testEdgesAndMerging()
    {
        GraphModel model;
        const int added = model.addObservations(infrastructure());
        QCOMPARE(added, model.nodes().size());
        QCOMPARE(model.nodeIndex(QStringLiteral("77.113.0.203.in-addr.arpa")), -1);
        QCOMPARE(model.nodeIndex(QStringLiteral("NXDOMAIN")), -1); // negative answers mark, never add a node
        QVERIFY(model.nodes()[model.nodeIndex(kName)].negative);
        const int www = model.nodeIndex(kName);
        const int first = model.nodeIndex(QStringLiteral("198.51.100.23"));
        int edge = -1;
        for (int e : model.edgesOf(www)) {
            if (model.edges()[e].to == first)
                edge = e;
        }
        QVERIFY(edge >= 0);
        QCOMPARE(model.edges()[edge].type, GraphEdgeType::A);
        QCOMPARE(model.edges()[edge].intervals.size(), 2); // capture and SecurityTrails
        // Adding the same answers again (a repeated pivot) changes nothing.
        const auto edges = model.edges().size();
        QCOMPARE(model.addObservations(infrastructure()), 0);
        QCOMPARE(model.edges().size(), edges);
        QCOMPARE(model.edges()[edge].intervals.size(), 2);
        // Unsupported types are skipped.
        model.addObservations({make(1, 1, QStringLiteral("s"), QStringLiteral("pcap"), QStringLiteral("second"),
            QStringLiteral("sensor"), kName, QStringLiteral("TXT"), QStringLiteral("v=spf1"), 1, 2, 1)});
        QCOMPARE(model.edges().size(), edges);
    }

    // Only NXDOMAIN says a name went away. google.com answered NODATA for LOC in an old capture and was drawn red,
    // labelled "(NXDOMAIN)"; every negative answer is still listed in the node's tooltip.
    void testOnlyNxdomainMarksANameGone()
    {
        const auto negative = [](qint64 id, const QString& name, const QString& type, const QString& rcode) {
            return make(id, 1, QStringLiteral("victim.pcapng"), QStringLiteral("pcap"), QStringLiteral("second"),
                QStringLiteral("sensor"), name, type, rcode, utc("2018-01-01T00:00:00Z"), utc("2018-01-01T00:00:00Z"),
                1, Section::Negative);
        };
        const QString google = QStringLiteral("google.com");
        QList<SourcedObservation> records{negative(1, google, QStringLiteral("LOC"), QStringLiteral("NODATA")),
            negative(2, google, QStringLiteral("A"), QStringLiteral("SERVFAIL")),
            negative(3, kName, QStringLiteral("A"), QStringLiteral("NXDOMAIN")),
            negative(4, kName, QStringLiteral("AAAA"), QStringLiteral("NXDOMAIN"))};
        GraphModel model;
        model.addObservations(records);
        const GraphNode& g = model.nodes().at(model.nodeIndex(google));
        QVERIFY(!g.negative);
        QCOMPARE(g.negativeAnswers, (QStringList{QStringLiteral("NODATA (LOC)"), QStringLiteral("SERVFAIL (A)")}));
        const GraphNode& www = model.nodes().at(model.nodeIndex(kName));
        QVERIFY(www.negative);
        QCOMPARE(www.negativeAnswers, QStringList{QStringLiteral("NXDOMAIN")});

        GraphView view;
        view.resize(600, 400);
        view.setObservations(records);
        QTRY_VERIFY_WITH_TIMEOUT(!view.isLayoutRunning(), 20000);
        const QString tip = view.toolTipAt(view.nodeViewPosition(model.nodeIndex(google)));
        QVERIFY2(tip.contains(QStringLiteral("NODATA (LOC), SERVFAIL (A)")), qPrintable(tip));
    }

    void testValidity_data()
    {
        QTest::addColumn<QString>("to");
        QTest::addColumn<QString>("time");
        QTest::addColumn<int>("validity");
        using V = GraphModel::Validity;
        QTest::newRow("first address in January") << "198.51.100.23"
                                                  << "2018-01-20T00:00:00Z" << int(V::Valid);
        QTest::newRow("first address in March") << "198.51.100.23"
                                                << "2018-03-10T00:00:00Z" << int(V::Invalid);
        QTest::newRow("day-granular covers the rest of its last day") << "198.51.100.23"
                                                                      << "2018-02-10T23:00:00Z" << int(V::Valid);
        QTest::newRow("second address in late February") << "203.0.113.77"
                                                         << "2018-02-25T00:00:00Z" << int(V::Valid);
        QTest::newRow("second address before it appeared") << "203.0.113.77"
                                                           << "2018-01-10T00:00:00Z" << int(V::Invalid);
    }
    void testValidity()
    {
        QFETCH(QString, to);
        QFETCH(QString, time);
        QFETCH(int, validity);
        GraphModel model;
        model.addObservations(incident());
        const int www = model.nodeIndex(kName);
        const int target = model.nodeIndex(to);
        for (int e : model.edgesOf(www)) {
            if (model.edges()[e].to == target) {
                QCOMPARE(int(model.edgeValidityAt(e, utc(qPrintable(time)))), validity);
                return;
            }
        }
        QFAIL("edge not found");
    }

    // All edges at once, with the last answers before T of a name that has none at T (the as-of readout's
    // "earlier"): after www.bad.example went NXDOMAIN its graph still shows where it last pointed.
    void testValiditiesWithEarlier_data()
    {
        QTest::addColumn<QString>("to");
        QTest::addColumn<QString>("time");
        QTest::addColumn<int>("validity");
        using V = GraphModel::Validity;
        QTest::newRow("gone: the last address before T") << "203.0.113.77"
                                                         << "2018-03-10T00:00:00Z" << int(V::Earlier);
        QTest::newRow("gone: an older address stays hidden") << "198.51.100.23"
                                                             << "2018-03-10T00:00:00Z" << int(V::Invalid);
        QTest::newRow("answered at T: valid") << "203.0.113.77"
                                              << "2018-02-25T00:00:00Z" << int(V::Valid);
        QTest::newRow("answered at T: nothing earlier") << "198.51.100.23"
                                                        << "2018-02-25T00:00:00Z" << int(V::Invalid);
        QTest::newRow("before any answer") << "198.51.100.23"
                                           << "2017-12-01T00:00:00Z" << int(V::Invalid);
    }
    void testValiditiesWithEarlier()
    {
        QFETCH(QString, to);
        QFETCH(QString, time);
        QFETCH(int, validity);
        GraphModel model;
        model.addObservations(incident());
        const QList<GraphModel::Validity> all = model.edgeValiditiesAt(utc(qPrintable(time)));
        QCOMPARE(all.size(), model.edges().size());
        const int www = model.nodeIndex(kName);
        const int target = model.nodeIndex(to);
        for (int e : model.edgesOf(www)) {
            if (model.edges()[e].to == target) {
                QCOMPARE(int(all.at(e)), validity);
                // The view draws what the model says: an earlier edge is shown (dotted).
                GraphView view;
                view.setObservations(incident());
                view.setTimeFilter(utc(qPrintable(time)));
                QCOMPARE(view.isEdgeShown(e), validity != int(GraphModel::Validity::Invalid));
                return;
            }
        }
        QFAIL("edge not found");
    }

    void testUndatedAndSingleDate()
    {
        GraphModel model;
        model.addObservations({make(1, 1, QStringLiteral("otx"), QStringLiteral("provider:otx"), QStringLiteral("none"),
                                   QStringLiteral("lookup"), kName, QStringLiteral("A"), QStringLiteral("192.0.2.1"),
                                   std::nullopt, std::nullopt, std::nullopt),
            make(2, 2, QStringLiteral("vt"), QStringLiteral("provider:virustotal"), QStringLiteral("second"),
                QStringLiteral("lookup"), kName, QStringLiteral("A"), QStringLiteral("192.0.2.2"), std::nullopt,
                utc("2018-02-20T14:00:00Z"), std::nullopt)});
        QCOMPARE(model.edgeValidityAt(0, utc("2018-02-20T00:00:00Z")), GraphModel::Validity::Undated);
        QCOMPARE(model.edgeValidityAt(1, utc("2018-02-20T23:00:00Z")), GraphModel::Validity::Valid);
        QCOMPARE(model.edgeValidityAt(1, utc("2018-02-21T00:00:00Z")), GraphModel::Validity::Invalid);
    }

    void testReverseNames_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("address");
        QTest::newRow("v4") << "4.3.2.1.in-addr.arpa"
                            << "1.2.3.4";
        QTest::newRow("v4 upper case") << "4.3.2.1.IN-ADDR.ARPA"
                                       << "1.2.3.4";
        QTest::newRow("v4 partial") << "3.2.1.in-addr.arpa"
                                    << "";
        QTest::newRow("v4 bad octet") << "400.3.2.1.in-addr.arpa"
                                      << "";
        QTest::newRow("v6") << "1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa"
                            << "2001:db8::1";
        QTest::newRow("v6 bad nibble") << "x.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa"
                                       << "";
        QTest::newRow("not reverse") << "www.example.com"
                                     << "";
    }
    void testReverseNames()
    {
        QFETCH(QString, name);
        QFETCH(QString, address);
        QCOMPARE(GraphModel::addressFromReverseName(name).value_or(QString()), address);
    }

    // ---- layout -------------------------------------------------------------------------------------------
    void testLayoutSeparatesAndLinks()
    {
        // Two stars joined by one edge: neighbours end near K, nodes never pile up.
        QList<std::pair<int, int>> edges;
        for (int i = 1; i <= 20; ++i)
            edges.append({0, i});
        for (int i = 22; i <= 41; ++i)
            edges.append({21, i});
        edges.append({0, 21});
        ForceLayout layout(42, edges);
        layout.run();
        QVERIFY(layout.converged());
        const auto quality = ForceLayout::measure(layout.positions(), edges, 10.0);
        QCOMPARE(quality.overlappingPairs, 0);
        QVERIFY2(quality.medianEdgeLength > 30 && quality.medianEdgeLength < 200,
            qPrintable(QString::number(quality.medianEdgeLength)));
        // A leaf is closer to its own hub than to the other one.
        QVERIFY(distance(layout.positions()[5], layout.positions()[0])
            < distance(layout.positions()[5], layout.positions()[21]));
    }

    void testLayoutIsDeterministicAndRespectsPins()
    {
        QList<std::pair<int, int>> edges{{0, 1}, {1, 2}, {2, 3}, {3, 0}, {0, 4}};
        ForceLayout a(5, edges);
        a.run();
        ForceLayout b(5, edges);
        b.run();
        QCOMPARE(a.positions(), b.positions());
        ForceLayout pinned(5, edges);
        pinned.setInitialPositions({QPointF(500, 500), {}, {}, {}, {}}, {true, false, false, false, false});
        pinned.setPinned({true});
        pinned.run();
        QCOMPARE(pinned.positions()[0], QPointF(500, 500));
        QVERIFY(distance(pinned.positions()[4], QPointF(500, 500)) < 200);
    }

    void testLayoutCancels()
    {
        QList<std::pair<int, int>> edges;
        for (int i = 1; i < 3000; ++i)
            edges.append({i / 7, i});
        ForceLayout layout(3000, edges);
        std::atomic_bool cancel{true};
        QCOMPARE(layout.run(&cancel), 1); // stops after the step in flight
        QVERIFY(!layout.converged());
    }

    void testBarnesHutMatchesExactForces()
    {
        // The quadtree approximation lands on a layout of the same quality as the exact O(n^2) one.
        QList<std::pair<int, int>> edges;
        for (int i = 1; i < 200; ++i)
            edges.append({(i - 1) / 4, i});
        ForceLayout::Options exact;
        exact.exactRepulsion = true;
        ForceLayout slow(200, edges, exact);
        slow.run();
        ForceLayout fast(200, edges);
        fast.run();
        const auto qs = ForceLayout::measure(slow.positions(), edges, 10.0);
        const auto qf = ForceLayout::measure(fast.positions(), edges, 10.0);
        QCOMPARE(qf.overlappingPairs, 0);
        QVERIFY2(std::abs(qf.medianEdgeLength - qs.medianEdgeLength) < 0.25 * qs.medianEdgeLength,
            qPrintable(QStringLiteral("%1 vs %2").arg(qf.medianEdgeLength).arg(qs.medianEdgeLength)));
    }

    // ---- view ---------------------------------------------------------------------------------------------
    void testViewLaysOutSelectsPivotsAndExports()
    {
        GraphView view;
        view.resize(900, 640);
        QSignalSpy finished(&view, &GraphView::layoutFinished);
        view.setObservations(infrastructure());
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QTRY_VERIFY_WITH_TIMEOUT(!view.isLayoutRunning() && finished.count() >= 1, 20000);
        finished.clear();
        QVERIFY(!view.isLayoutRunning());
        for (int i = 0; i < view.model().nodes().size(); ++i)
            QVERIFY(std::isfinite(view.nodePosition(i).x()) && std::isfinite(view.nodePosition(i).y()));

        // Click selects and says so; selectNode from elsewhere selects without echo.
        QSignalSpy selected(&view, &GraphView::nodeSelected);
        const int www = view.model().nodeIndex(kName);
        const QPoint at = view.nodeViewPosition(www).toPoint();
        QTest::mouseClick(&view, Qt::LeftButton, {}, at);
        QCOMPARE(selected.count(), 1);
        QCOMPARE(selected.first().at(0).toString(), kName);
        view.selectNode(QStringLiteral("198.51.100.23"));
        QCOMPARE(view.selectedNode(), QStringLiteral("198.51.100.23"));
        QCOMPARE(selected.count(), 1);

        QSignalSpy pivot(&view, &GraphView::pivotRequested);
        QTest::mouseDClick(&view, Qt::LeftButton, {}, at);
        QCOMPARE(pivot.count(), 1);
        QCOMPARE(pivot.first().at(0).toString(), kName);

        // The timeline cursor filters edges.
        const int first = view.model().nodeIndex(QStringLiteral("198.51.100.23"));
        int edge = -1;
        for (int e : view.model().edgesOf(www)) {
            if (view.model().edges()[e].to == first)
                edge = e;
        }
        QVERIFY(view.isEdgeShown(edge));
        view.setTimeFilter(utc("2018-03-10T00:00:00Z"));
        QVERIFY(!view.isEdgeShown(edge));
        QVERIFY(view.toolTipAt(at).contains(QStringLiteral("hidden at T")));
        view.clearTimeFilter();
        QVERIFY(view.isEdgeShown(edge));

        view.setTimeFilter(utc("2018-01-20T00:00:00Z"));
        view.selectNode(kName);
        QVERIFY(view.renderImage(QSize(900, 640)).save(outputDir() + QStringLiteral("/graph-small.png")));
        view.clearTimeFilter();

        QString error;
        const QString png = outputDir() + QStringLiteral("/graph-export.png");
        const QString svg = outputDir() + QStringLiteral("/graph-export.svg");
        QVERIFY2(view.exportPng(png, &error), qPrintable(error));
        QVERIFY2(view.exportSvg(svg, &error), qPrintable(error));
        QImageReader reader(png);
        QCOMPARE(reader.format(), QByteArray("png"));
        QVERIFY(reader.size().width() >= 800);
        QFile svgFile(svg);
        QVERIFY(svgFile.open(QIODevice::ReadOnly));
        const QByteArray svgText = svgFile.readAll();
        QVERIFY(svgText.contains("<svg"));
        QVERIFY(svgText.contains("www.bad.example"));
        // A path that cannot be written gives an error naming it.
        QVERIFY(!view.exportPng(QStringLiteral("/nonexistent-dir/x.png"), &error));
        QVERIFY(error.contains(QStringLiteral("/nonexistent-dir/x.png")));
    }

    void testAddObservationsKeepsPlacesAndEscapesTooltips()
    {
        GraphView view;
        view.resize(700, 500);
        QSignalSpy finished(&view, &GraphView::layoutFinished);
        view.setObservations(incident());
        QTRY_VERIFY_WITH_TIMEOUT(!view.isLayoutRunning() && finished.count() >= 1, 20000);
        finished.clear();
        const int www = view.model().nodeIndex(kName);
        const QPointF before = view.nodePosition(www);
        // A pivot's answers: a hostile name on the same address.
        view.addObservations(
            {make(900, 4, QStringLiteral("DNSDB"), QStringLiteral("provider:dnsdb"), QStringLiteral("second"),
                QStringLiteral("sensor"), QStringLiteral("<img src=x>.evil.example"), QStringLiteral("A"),
                QStringLiteral("203.0.113.77"), utc("2018-02-01T00:00:00Z"), utc("2018-02-02T00:00:00Z"), 1)});
        QTRY_VERIFY_WITH_TIMEOUT(!view.isLayoutRunning() && finished.count() >= 1, 20000);
        finished.clear();
        QCOMPARE(view.model().nodes().size(), 4); // www, two addresses, the hostile name
        QVERIFY(distance(view.nodePosition(www), before) < 120); // warm start: the graph does not jump around
        const int hostile = view.model().nodeIndex(QStringLiteral("<img src=x>.evil.example"));
        QVERIFY(hostile >= 0);
        const QString tip = view.toolTipAt(view.nodeViewPosition(hostile));
        QVERIFY2(tip.contains(QStringLiteral("&lt;img src=x&gt;")) && !tip.contains(QStringLiteral("<img")),
            qPrintable(tip));
    }

    // What a bounded neighbourhood left out stays with the graph: a pivot's note joins it, a new graph replaces it.
    void testNoteFollowsTheGraph()
    {
        GraphView view;
        view.setObservations(incident(), QStringLiteral("192.0.2.1: the first 50 names drawn"));
        QCOMPARE(view.note(), QStringLiteral("192.0.2.1: the first 50 names drawn"));
        view.addObservations({}, QStringLiteral("203.0.113.77: 50 of 80 names drawn"));
        QCOMPARE(
            view.note(), QStringLiteral("192.0.2.1: the first 50 names drawn; 203.0.113.77: 50 of 80 names drawn"));
        view.addObservations({});
        QCOMPARE(view.note().count(u';'), 1);
        view.setObservations(incident());
        QVERIFY(view.note().isEmpty());
        view.setObservations(incident(), QStringLiteral("x"));
        view.clear();
        QVERIFY(view.note().isEmpty());

        // In a narrow view the status line is cut; its tooltip has the whole of it, escaped.
        const QString note = QStringLiteral("<b>192.0.2.1</b>: the first 50 names drawn; 203.0.113.77: 50 of 80 names "
                                            "drawn; 198.51.100.23: 50 of 400 names drawn");
        view.setObservations(incident(), note);
        view.resize(320, 240);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.grab(); // paints, and so places the status line
        const QString tip = view.toolTipAt(QPointF(16, 240 - 12)); // inside the box at the bottom left
        QVERIFY2(tip.contains(QStringLiteral("&lt;b&gt;192.0.2.1&lt;/b&gt;"))
                && tip.contains(QStringLiteral("198.51.100.23: 50 of 400 names drawn")),
            qPrintable(tip));
    }

    // Fifty names on one address in a small view, the address selected as the window does right after setting the
    // graph: it stays in sight as the layout runs, is labelled, and the labels drawn never cover each other.
    void testLabelsNeverOverlap()
    {
        QList<SourcedObservation> list;
        for (int i = 0; i < 50; ++i)
            list.append(
                make(1000 + i, 4, QStringLiteral("DNSDB"), QStringLiteral("provider:dnsdb"), QStringLiteral("second"),
                    QStringLiteral("sensor"), QStringLiteral("parked%1.example").arg(i), QStringLiteral("A"),
                    QStringLiteral("203.0.113.5"), utc("2019-10-01T00:00:00Z"), utc("2020-01-01T00:00:00Z"), 1));
        GraphView view;
        view.resize(420, 220);
        view.setObservations(list);
        view.selectNode(QStringLiteral("203.0.113.5"));
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QTRY_VERIFY_WITH_TIMEOUT(!view.isLayoutRunning(), 20000);
        view.grab();
        const QHash<int, QRectF>& boxes = view.labelBoxes();
        QVERIFY(boxes.contains(view.model().nodeIndex(QStringLiteral("203.0.113.5"))));
        QVERIFY(boxes.size() > 1);
        for (auto a = boxes.cbegin(); a != boxes.cend(); ++a) {
            for (auto b = std::next(a); b != boxes.cend(); ++b)
                QVERIFY2(!a.value().intersects(b.value()),
                    qPrintable(view.model().nodes().at(a.key()).text + u' ' + view.model().nodes().at(b.key()).text));
        }
    }

    void testDestroyWhileLayingOut()
    {
        // A big graph, destroyed at once: the worker is cancelled and joined, nothing crashes.
        QList<SourcedObservation> list;
        for (int i = 0; i < 3000; ++i)
            list << make(i, 1, QStringLiteral("s"), QStringLiteral("pcap"), QStringLiteral("second"),
                QStringLiteral("sensor"), QStringLiteral("n%1.example").arg(i), QStringLiteral("A"),
                QStringLiteral("192.0.%1.%2").arg(i / 200).arg(i % 200), 1, 2, 1);
        auto view = std::make_unique<GraphView>();
        view->setObservations(list);
        QVERIFY(view->isLayoutRunning());
        QElapsedTimer timer;
        timer.start();
        view.reset();
        QVERIFY(timer.elapsed() < 2000);
    }
};

QTEST_MAIN(TestGraph)
#include "TestGraph.moc"
