#include "ui/graph/GraphView.h"

#include "models/DomainName.h"
#include "models/itemmodels/UntrustedText.h"
#include "ui/graph/ForceLayout.h"
#include "ui/timeline/TimeAxis.h"

#include <QBuffer>
#include <QContextMenuEvent>
#include <QElapsedTimer>
#include <QFileDialog>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QMenu>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QSaveFile>
#include <QSet>
#include <QSvgGenerator>
#include <QThread>
#include <QToolTip>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace pdnsw {

namespace {

constexpr double kEdgeLength = 60.0;
constexpr int kMaxTooltipEdges = 12;
constexpr int kLabelBudget = 80;
const QColor kNegative(214, 39, 40);

QColor kindColour(GraphNodeKind kind)
{
    switch (kind) {
    case GraphNodeKind::Name:
        return QColor(0x4e79a7);
    case GraphNodeKind::Address:
        return QColor(0xf28e2b);
    case GraphNodeKind::NameServer:
        return QColor(0x59a14f);
    case GraphNodeKind::MailHost:
        return QColor(0xb07aa1);
    case GraphNodeKind::CnameTarget:
        return QColor(0x76b7b2);
    }
    return QColor(0x4e79a7);
}

QColor edgeColour(GraphEdgeType type)
{
    switch (type) {
    case GraphEdgeType::A:
        return QColor(0x5b7fa6);
    case GraphEdgeType::AAAA:
        return QColor(0x8c6bb1);
    case GraphEdgeType::CNAME:
        return QColor(0x2a9d8f);
    case GraphEdgeType::NS:
        return QColor(0x4f9a4a);
    case GraphEdgeType::MX:
        return QColor(0xc9792b);
    case GraphEdgeType::PTR:
        return QColor(0x9c755f);
    }
    return QColor(0x888888);
}

QPainterPath shapeFor(GraphNodeKind kind, const QPointF& c, double r)
{
    QPainterPath path;
    switch (kind) {
    case GraphNodeKind::Name:
        path.addEllipse(c, r, r);
        break;
    case GraphNodeKind::Address:
        path.addRoundedRect(QRectF(c.x() - r * 0.9, c.y() - r * 0.9, r * 1.8, r * 1.8), r * 0.25, r * 0.25);
        break;
    case GraphNodeKind::NameServer: {
        QPolygonF triangle{{c.x(), c.y() - r * 1.1}, {c.x() + r, c.y() + r * 0.75}, {c.x() - r, c.y() + r * 0.75}};
        path.addPolygon(triangle);
        path.closeSubpath();
        break;
    }
    case GraphNodeKind::MailHost: {
        QPolygonF diamond{
            {c.x(), c.y() - r * 1.15}, {c.x() + r * 1.15, c.y()}, {c.x(), c.y() + r * 1.15}, {c.x() - r * 1.15, c.y()}};
        path.addPolygon(diamond);
        path.closeSubpath();
        break;
    }
    case GraphNodeKind::CnameTarget: {
        QPolygonF hexagon;
        for (int i = 0; i < 6; ++i)
            hexagon << c + QPointF(std::cos(M_PI / 3 * i), std::sin(M_PI / 3 * i)) * r;
        path.addPolygon(hexagon);
        path.closeSubpath();
        break;
    }
    }
    return path;
}

QString rangeText(const std::pair<std::optional<qint64>, std::optional<qint64>>& range)
{
    auto day = [](qint64 t) { return readableUtc(t).left(10); };
    if (range.first && range.second)
        return range.first == range.second ? day(*range.first)
                                           : day(*range.first) + QStringLiteral(" \u2013 ") + day(*range.second);
    return QObject::tr("undated");
}

} // namespace

struct GraphView::LayoutJob
{
    std::atomic_bool cancel{false};
};

GraphView::GraphView(QWidget* parent)
    : QWidget(parent)
{
    setMouseTracking(true);
    setFocusPolicy(Qt::StrongFocus);
    setAttribute(Qt::WA_OpaquePaintEvent);
}

GraphView::~GraphView()
{
    stopLayout();
}

void GraphView::clear()
{
    stopLayout();
    m_model.clear();
    m_validities.clear();
    m_positions.clear();
    m_pinned.clear();
    m_selected = -1;
    m_hovered = -1;
    m_layoutKnown = 0;
    m_userMovedView = false;
    m_note.clear();
    update();
}

void GraphView::setObservations(const QList<SourcedObservation>& observations, const QString& note)
{
    clear();
    m_note = note;
    m_model.addObservations(observations);
    if (m_timeFilter)
        m_validities = m_model.edgeValiditiesAt(*m_timeFilter);
    m_positions.resize(m_model.nodes().size());
    m_pinned.fill(false, m_model.nodes().size());
    startLayout(false);
}

void GraphView::addObservations(const QList<SourcedObservation>& observations, const QString& note)
{
    if (!note.isEmpty()) {
        m_note = m_note.isEmpty() ? note : m_note + QStringLiteral("; ") + note;
        update();
    }
    const int known = int(m_positions.size());
    const int added = m_model.addObservations(observations);
    if (m_timeFilter)
        m_validities = m_model.edgeValiditiesAt(*m_timeFilter);
    if (added == 0 && m_model.edges().size() > 0 && known == m_model.nodes().size()) {
        update();
        return;
    }
    m_positions.resize(m_model.nodes().size());
    m_pinned.resize(m_model.nodes().size(), false);
    startLayout(known > 0);
}

void GraphView::startLayout(bool warm)
{
    stopLayout();
    const int count = int(m_model.nodes().size());
    if (count == 0)
        return;
    QList<std::pair<int, int>> edges;
    edges.reserve(m_model.edges().size());
    for (const GraphEdge& edge : m_model.edges())
        edges.append({edge.from, edge.to});
    QList<bool> known(count, false);
    if (warm) {
        for (int i = 0; i < count && i < m_positions.size(); ++i)
            known[i] = i < m_layoutKnown;
    }
    m_layoutKnown = count;
    const QList<QPointF> positions = m_positions;
    const QList<bool> pinned = m_pinned;
    const quint64 generation = ++m_generation;
    auto job = std::make_shared<LayoutJob>();
    m_job = job;
    m_layoutRunning = true;

    ForceLayout::Options options;
    options.edgeLength = kEdgeLength;
    // The worker never touches the view: it posts copies of the positions to the GUI thread, at most every
    // 40 ms, and the view drops any that belong to an older generation.
    m_thread = QThread::create([this, job, generation, count, edges, positions, known, pinned, options] {
        ForceLayout layout(count, edges, options);
        layout.setInitialPositions(positions, known);
        layout.setPinned(pinned);
        QElapsedTimer sinceLastPost;
        sinceLastPost.start();
        layout.run(
            &job->cancel,
            [&](int, const QList<QPointF>& current) {
                if (sinceLastPost.elapsed() < 40)
                    return;
                sinceLastPost.restart();
                QMetaObject::invokeMethod(
                    this, [this, generation, current] { applyPositions(generation, current, false); },
                    Qt::QueuedConnection);
            },
            2);
        if (!job->cancel.load()) {
            const QList<QPointF> final = layout.positions();
            QMetaObject::invokeMethod(
                this, [this, generation, final] { applyPositions(generation, final, true); }, Qt::QueuedConnection);
        }
    });
    m_thread->setObjectName(QStringLiteral("graph-layout"));
    m_thread->start(QThread::LowPriority);
}

void GraphView::stopLayout()
{
    if (m_job)
        m_job->cancel.store(true);
    if (m_thread) {
        m_thread->wait();
        delete m_thread;
        m_thread = nullptr;
    }
    m_job.reset();
    m_layoutRunning = false;
}

void GraphView::applyPositions(quint64 generation, const QList<QPointF>& positions, bool finished)
{
    if (generation != m_generation || positions.size() != m_model.nodes().size())
        return;
    // A node being dragged stays under the mouse.
    const QPointF dragged = m_drag == DragMode::Node && m_dragNode >= 0 ? m_positions.value(m_dragNode) : QPointF();
    m_positions = positions;
    if (m_drag == DragMode::Node && m_dragNode >= 0)
        m_positions[m_dragNode] = dragged;
    if (!m_userMovedView)
        fitAll();
    if (finished) {
        m_layoutRunning = false;
        if (m_thread) {
            m_thread->wait();
            delete m_thread;
            m_thread = nullptr;
        }
        emit layoutFinished();
    }
    update();
}

void GraphView::setTimeFilter(qint64 time)
{
    m_timeFilter = time;
    m_validities = m_model.edgeValiditiesAt(time);
    update();
}

void GraphView::clearTimeFilter()
{
    m_timeFilter.reset();
    m_validities.clear();
    update();
}

GraphModel::Validity GraphView::edgeValidity(int edge) const
{
    return m_timeFilter ? m_validities.value(edge, GraphModel::Validity::Invalid) : GraphModel::Validity::Valid;
}

bool GraphView::isEdgeShown(int edge) const
{
    return edgeValidity(edge) != GraphModel::Validity::Invalid;
}

QString GraphView::selectedNode() const
{
    return m_selected >= 0 ? m_model.nodes().at(m_selected).text : QString();
}

void GraphView::selectNode(const QString& text)
{
    int index = m_model.nodeIndex(text);
    if (index < 0)
        index = m_model.nodeIndex(normalizeDomainName(text));
    if (index == m_selected)
        return;
    m_selected = index;
    // A fitted view shows every node, and keeps fitting while the layout runs: only a view the analyst moved is
    // panned to the selection. Panning a fitted one made it a "moved" view mid-layout, and the node then drifted
    // out of sight as the layout went on.
    if (index >= 0 && m_userMovedView) {
        const QPointF view = toView(m_positions.value(index));
        if (!rect().adjusted(20, 20, -20, -20).contains(view.toPoint()))
            m_offset += QPointF(width() / 2.0, height() / 2.0) - view;
    }
    update();
}

QRectF GraphView::worldBounds() const
{
    if (m_positions.isEmpty())
        return QRectF(-100, -100, 200, 200);
    double minX = m_positions.first().x(), maxX = minX, minY = m_positions.first().y(), maxY = minY;
    for (const QPointF& p : m_positions) {
        minX = std::min(minX, p.x());
        maxX = std::max(maxX, p.x());
        minY = std::min(minY, p.y());
        maxY = std::max(maxY, p.y());
    }
    return QRectF(QPointF(minX, minY), QPointF(maxX, maxY)).adjusted(-20, -20, 20, 20);
}

namespace {

// Where the graph goes inside a picture of this size: clear of the legend on top, the status line at the bottom
// and with room on the right for the labels.
QRectF fitArea(const QSizeF& size, double legendHeight, double lineHeight)
{
    QRectF area(QPointF(16, legendHeight + 24), size - QSizeF(16, 0));
    area.setRight(size.width() - 170);
    area.setBottom(size.height() - lineHeight - 44);
    if (area.width() < 80 || area.height() < 80)
        area = QRectF(QPointF(0, 0), size).adjusted(8, 8, -8, -8);
    return area;
}

} // namespace

std::pair<double, QPointF> GraphView::fitTransform(const QSizeF& size) const
{
    const QRectF bounds = worldBounds();
    const QFontMetricsF fm(font());
    const QRectF area = fitArea(size, (fm.height() + 3) * 5 + 12, fm.height() + 3);
    const double scale = std::clamp(
        std::min(area.width() / std::max(bounds.width(), 1.0), area.height() / std::max(bounds.height(), 1.0)), 0.02,
        2.0);
    return {scale, area.center() - bounds.center() * scale};
}

void GraphView::fitAll()
{
    std::tie(m_scale, m_offset) = fitTransform(size());
    update();
}

QPointF GraphView::nodeViewPosition(int node) const
{
    return toView(m_positions.value(node));
}

double GraphView::nodeRadius(int node) const
{
    return std::min(18.0, 6.0 + 1.6 * std::sqrt(double(m_model.nodes().at(node).degree)));
}

int GraphView::nodeAt(const QPointF& viewPos) const
{
    int best = -1;
    double bestDistance = 1e18;
    for (int i = 0; i < m_positions.size(); ++i) {
        const double r = std::max(5.0, nodeRadius(i) * m_scale) + 2;
        const QPointF d = toView(m_positions.at(i)) - viewPos;
        const double distance = d.x() * d.x() + d.y() * d.y();
        if (distance <= r * r && distance < bestDistance) {
            bestDistance = distance;
            best = i;
        }
    }
    return best;
}

QString GraphView::toolTipAt(const QPointF& pos) const
{
    if (m_statusBox.contains(pos))
        return m_statusText.toHtmlEscaped();
    const int node = nodeAt(pos);
    if (node < 0)
        return QString();
    const GraphNode& n = m_model.nodes().at(node);
    QString html = QStringLiteral("<b>%1</b>").arg(htmlFragment(n.text, 253));
    if (n.kind != GraphNodeKind::Address && domainNameForDisplay(n.text) != n.text)
        html += QStringLiteral(" (%1)").arg(htmlFragment(domainNameForDisplay(n.text), 253));
    html += tr("<br>%1, %n edge(s)", nullptr, n.degree).arg(GraphModel::nodeKindName(n.kind));
    if (!n.negativeAnswers.isEmpty())
        html += tr("<br><b>negative answers seen:</b> %1")
                    .arg(htmlFragment(n.negativeAnswers.join(QStringLiteral(", ")), 200));
    const QList<int> edges = m_model.edgesOf(node);
    for (int i = 0; i < edges.size() && i < kMaxTooltipEdges; ++i) {
        const GraphEdge& e = m_model.edges().at(edges.at(i));
        const bool outgoing = e.from == node;
        const QString other = m_model.nodes().at(outgoing ? e.to : e.from).text;
        html += QStringLiteral("<br>%1 %2 %3 <i>(%4)</i>")
                    .arg(outgoing ? QStringLiteral("\u2192") : QStringLiteral("\u2190"),
                        GraphModel::edgeTypeName(e.type), htmlFragment(other, 120),
                        rangeText(m_model.edgeRange(edges.at(i))).toHtmlEscaped());
        if (!isEdgeShown(edges.at(i)))
            html += tr(" hidden at T");
        else if (edgeValidity(edges.at(i)) == GraphModel::Validity::Earlier)
            html += tr(" last seen before T");
    }
    if (edges.size() > kMaxTooltipEdges)
        html += tr("<br>\u2026 and %n more", nullptr, int(edges.size()) - kMaxTooltipEdges);
    return html;
}

// ---- painting -------------------------------------------------------------------------------------------------

void GraphView::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    paintGraph(p, size(), m_scale, m_offset, true);
}

void GraphView::paintGraph(QPainter& p, const QSizeF& size, double scale, const QPointF& offset, bool interactive) const
{
    const QPalette& pal = palette();
    const QRectF area(QPointF(0, 0), size);
    p.fillRect(area, pal.color(QPalette::Base));
    auto view = [&](const QPointF& w) { return w * scale + offset; };
    const QRectF cull = area.adjusted(-30, -30, 30, 30);

    if (m_model.nodes().isEmpty()) {
        p.setPen(pal.color(QPalette::PlaceholderText));
        p.drawText(area, Qt::AlignCenter, tr("No names or addresses yet: import a capture or query a provider."));
        return;
    }

    // Edges, batched per type: hidden when not valid at T, dashed when no source dated them.
    QSet<int> selectedEdges;
    if (m_selected >= 0) {
        for (int e : m_model.edgesOf(m_selected))
            selectedEdges.insert(e);
    }
    const auto& edges = m_model.edges();
    int shownEdges = 0;
    int earlierEdges = 0;
    QHash<int, QList<QLineF>> solid;
    QHash<int, QList<QLineF>> dashed;
    QHash<int, QList<QLineF>> dotted; // last answers before T
    QList<QPair<QLineF, int>> arrows;
    const bool drawArrows = scale >= 0.5;
    for (int i = 0; i < edges.size(); ++i) {
        const GraphEdge& e = edges.at(i);
        const auto validity = edgeValidity(i);
        if (validity == GraphModel::Validity::Invalid)
            continue;
        ++(validity == GraphModel::Validity::Earlier ? earlierEdges : shownEdges);
        const QLineF line(view(m_positions.value(e.from)), view(m_positions.value(e.to)));
        if (!cull.contains(line.p1()) && !cull.contains(line.p2())
            && !QRectF(line.p1(), line.p2()).normalized().intersects(cull))
            continue;
        const int key = int(e.type) * 2 + (selectedEdges.contains(i) ? 1 : 0);
        (validity == GraphModel::Validity::Undated          ? dashed
                : validity == GraphModel::Validity::Earlier ? dotted
                                                            : solid)[key]
            .append(line);
        if (drawArrows)
            arrows.append({line, e.to});
    }
    p.setRenderHint(QPainter::Antialiasing, true);
    for (int pass = 0; pass < 3; ++pass) {
        const auto& batches = pass == 0 ? solid : pass == 1 ? dashed : dotted;
        for (auto it = batches.cbegin(); it != batches.cend(); ++it) {
            const bool highlighted = it.key() % 2 == 1;
            QColor colour = edgeColour(GraphEdgeType(it.key() / 2));
            if (m_selected >= 0 && !highlighted)
                colour.setAlpha(110);
            QPen pen(colour, highlighted ? 2.4 : 1.2);
            if (pass > 0)
                pen.setStyle(pass == 1 ? Qt::DashLine : Qt::DotLine);
            p.setPen(pen);
            p.drawLines(it.value());
        }
    }
    if (drawArrows) {
        for (const auto& [line, target] : std::as_const(arrows)) {
            const double length = line.length();
            const double r = nodeRadius(target) * scale + 2;
            if (length <= r + 8)
                continue;
            const QPointF dir = (line.p2() - line.p1()) / length;
            const QPointF tip = line.p2() - dir * r;
            const QPointF normal(-dir.y(), dir.x());
            const double size = std::clamp(6.0 * scale, 4.0, 9.0);
            const QPointF head[3]
                = {tip, tip - dir * size + normal * size * 0.5, tip - dir * size - normal * size * 0.5};
            p.setPen(Qt::NoPen);
            QColor c = pal.color(QPalette::Text);
            c.setAlpha(140);
            p.setBrush(c);
            p.drawConvexPolygon(head, 3);
        }
    }

    // Nodes: shape and colour by kind; a red ring for names that went NXDOMAIN; dimmed when none of their
    // edges is valid at T.
    const auto& nodes = m_model.nodes();
    QList<bool> active(nodes.size(), !m_timeFilter.has_value());
    if (m_timeFilter) {
        for (int i = 0; i < edges.size(); ++i) {
            if (isEdgeShown(i)) {
                active[edges.at(i).from] = true;
                active[edges.at(i).to] = true;
            }
        }
        for (int i = 0; i < nodes.size(); ++i)
            active[i] = active[i] || nodes.at(i).degree == 0;
    }
    for (int i = 0; i < nodes.size(); ++i) {
        const QPointF c = view(m_positions.value(i));
        if (!cull.contains(c))
            continue;
        const double r = std::max(2.5, nodeRadius(i) * scale);
        QColor fill = kindColour(nodes.at(i).kind);
        QColor outline = fill.darker(160);
        if (!active.at(i)) {
            fill.setAlpha(60);
            outline.setAlpha(80);
        }
        double width = 1.0;
        if (nodes.at(i).negative) {
            outline = kNegative;
            width = 2.5;
        }
        if (i == m_selected) {
            p.setPen(QPen(pal.color(QPalette::Highlight), 3));
            p.setBrush(Qt::NoBrush);
            p.drawEllipse(c, r + 4, r + 4);
        }
        p.setPen(QPen(outline, width));
        p.setBrush(fill);
        p.drawPath(shapeFor(nodes.at(i).kind, c, r));
    }

    // Labels: the selection and its neighbours first, then the best-connected nodes, never on top of each other.
    // Only the selected and the hovered node are labelled whatever they cover: around a shared address fifty
    // neighbours' labels drawn over each other read as a smudge, and hovering a node names it.
    QList<int> order;
    if (m_selected >= 0) {
        order.append(m_selected);
        for (int e : m_model.edgesOf(m_selected)) {
            const int other = edges.at(e).from == m_selected ? edges.at(e).to : edges.at(e).from;
            order.append(other);
        }
    }
    if (m_hovered >= 0 && interactive)
        order.prepend(m_hovered);
    QList<int> byDegree(nodes.size());
    std::iota(byDegree.begin(), byDegree.end(), 0);
    std::stable_sort(
        byDegree.begin(), byDegree.end(), [&](int a, int b) { return nodes.at(a).degree > nodes.at(b).degree; });
    order.append(byDegree);
    const bool allLabels = nodes.size() <= 150 || scale >= 1.2;
    const int budget = allLabels ? int(nodes.size()) + 8 : kLabelBudget;
    QFont font = p.font();
    QFont labelFont = font;
    labelFont.setPointSizeF(std::max(6.5, font.pointSizeF() * 0.9));
    p.setFont(labelFont);
    const QFontMetricsF fm(labelFont);
    QList<QRectF> placed;
    if (interactive)
        m_labelBoxes.clear();
    QSet<int> done;
    int drawn = 0;
    QColor halo = pal.color(QPalette::Base);
    halo.setAlpha(215);
    for (int i : std::as_const(order)) {
        if (drawn >= budget)
            break;
        if (done.contains(i))
            continue;
        done.insert(i);
        const QPointF c = view(m_positions.value(i));
        if (!area.contains(c))
            continue;
        const bool important = i == m_selected || i == m_hovered;
        QString text = fm.elidedText(visibleText(nodes.at(i).text, 120), Qt::ElideMiddle, 260);
        if (nodes.at(i).negative)
            text += tr(" (NXDOMAIN)");
        const double r = std::max(2.5, nodeRadius(i) * scale);
        QRectF box(c.x() + r + 3, c.y() - fm.height() / 2 - 1, fm.horizontalAdvance(text) + 6, fm.height() + 2);
        bool clash = false;
        for (const QRectF& other : std::as_const(placed)) {
            if (other.intersects(box)) {
                clash = true;
                break;
            }
        }
        if (clash && !important)
            continue;
        placed.append(box);
        if (interactive)
            m_labelBoxes.insert(i, box);
        ++drawn;
        p.setPen(Qt::NoPen);
        p.setBrush(halo);
        p.drawRoundedRect(box, 3, 3);
        p.setPen(nodes.at(i).negative ? kNegative : pal.color(QPalette::Text));
        p.drawText(box, Qt::AlignCenter, text);
    }
    p.setFont(font);

    // Legend and status.
    const QFontMetricsF lm(font);
    const double line = lm.height() + 3;
    const QList<GraphNodeKind> kinds{GraphNodeKind::Name, GraphNodeKind::Address, GraphNodeKind::CnameTarget,
        GraphNodeKind::NameServer, GraphNodeKind::MailHost};
    const QList<GraphEdgeType> types{GraphEdgeType::A, GraphEdgeType::AAAA, GraphEdgeType::CNAME, GraphEdgeType::NS,
        GraphEdgeType::MX, GraphEdgeType::PTR};
    const double legendWidth = lm.horizontalAdvance(QStringLiteral("CNAME target")) + 44;
    const double typeWidth = lm.horizontalAdvance(QStringLiteral("CNAME")) + 34;
    const QRectF legend(8, 8, legendWidth + 2 * typeWidth + 8, line * (kinds.size()) + 12);
    QColor panel = pal.color(QPalette::Window);
    panel.setAlpha(230);
    p.setPen(QPen(pal.color(QPalette::Mid), 1));
    p.setBrush(panel);
    p.drawRoundedRect(legend, 4, 4);
    for (int k = 0; k < kinds.size(); ++k) {
        const QPointF c(legend.left() + 14, legend.top() + 6 + line * k + line / 2);
        p.setPen(QPen(kindColour(kinds.at(k)).darker(160), 1));
        p.setBrush(kindColour(kinds.at(k)));
        p.drawPath(shapeFor(kinds.at(k), c, 5.5));
        p.setPen(pal.color(QPalette::WindowText));
        p.drawText(QRectF(c.x() + 12, c.y() - line / 2, legendWidth - 30, line), Qt::AlignLeft | Qt::AlignVCenter,
            GraphModel::nodeKindName(kinds.at(k)));
    }
    for (int t = 0; t < types.size(); ++t) {
        const int column = t / 3;
        const int row = t % 3;
        const double x = legend.left() + legendWidth + column * typeWidth;
        const double y = legend.top() + 6 + line * row + line / 2;
        p.setPen(QPen(edgeColour(types.at(t)), 2.2));
        p.drawLine(QPointF(x, y), QPointF(x + 16, y));
        p.setPen(pal.color(QPalette::WindowText));
        p.drawText(QRectF(x + 20, y - line / 2, legendWidth / 2 - 20, line), Qt::AlignLeft | Qt::AlignVCenter,
            GraphModel::edgeTypeName(types.at(t)));
    }
    {
        const double y = legend.top() + 6 + line * 3 + line / 2;
        const double x = legend.left() + legendWidth;
        QPen pen(pal.color(QPalette::WindowText), 1.2, Qt::DashLine);
        p.setPen(pen);
        p.drawLine(QPointF(x, y), QPointF(x + 16, y));
        p.setPen(pal.color(QPalette::WindowText));
        p.drawText(
            QRectF(x + 20, y - line / 2, legendWidth - 20, line), Qt::AlignLeft | Qt::AlignVCenter, tr("undated"));
        p.setPen(QPen(kNegative, 2.5));
        p.setBrush(Qt::NoBrush);
        p.drawEllipse(QPointF(x + 8, y + line), 5, 5);
        p.setPen(pal.color(QPalette::WindowText));
        p.drawText(QRectF(x + 20, y + line / 2, legendWidth - 20, line), Qt::AlignLeft | Qt::AlignVCenter,
            tr("went NXDOMAIN"));
    }

    QString status = tr("%n node(s)", nullptr, int(nodes.size())) + QStringLiteral(", ")
        + tr("%n edge(s)", nullptr, int(edges.size()));
    if (m_timeFilter) {
        status += tr(" \u2014 edges valid at %1: %2 shown").arg(readableUtc(*m_timeFilter)).arg(shownEdges);
        if (earlierEdges > 0)
            status += tr(", %n last seen before it (dotted)", nullptr, earlierEdges);
    }
    if (!m_note.isEmpty())
        status += QStringLiteral(" \u2014 ") + m_note;
    if (interactive && m_layoutRunning)
        status += tr(" \u2014 laying out\u2026");
    // Notes of what was left out can run past the view's edge: the line is cut there, the first parts matter most,
    // and the whole line is the box's tooltip.
    const QString whole = status;
    status = lm.elidedText(status, Qt::ElideRight, std::max(40, int(size.width()) - 32));
    const QRectF statusBox(8, size.height() - line - 10, lm.horizontalAdvance(status) + 16, line + 4);
    if (interactive) {
        m_statusText = whole;
        m_statusBox = statusBox;
    }
    p.setPen(QPen(pal.color(QPalette::Mid), 1));
    p.setBrush(panel);
    p.drawRoundedRect(statusBox, 4, 4);
    p.setPen(pal.color(QPalette::WindowText));
    p.drawText(statusBox, Qt::AlignCenter, status);
}

QImage GraphView::renderImage(const QSize& size) const
{
    QImage image(size, QImage::Format_ARGB32_Premultiplied);
    QPainter p(&image);
    const auto [scale, offset] = fitTransform(size);
    p.setFont(font());
    paintGraph(p, size, scale, offset, false);
    return image;
}

namespace {

QSize exportSize(const QRectF& bounds)
{
    // Natural size (one world unit per pixel) plus room for legend and labels, kept within 900x700..3200x3200.
    const double factor = std::min({1.0, 3000.0 / bounds.width(), 3000.0 / bounds.height()});
    return QSize(std::clamp(int(bounds.width() * factor) + 200, 900, 3200),
        std::clamp(int(bounds.height() * factor) + 180, 700, 3200));
}

bool writeAtomically(const QString& path, const QByteArray& bytes, QString* error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        if (error)
            *error = QObject::tr("Cannot write %1: %2. Choose another folder or free some space.")
                         .arg(path, file.errorString());
        return false;
    }
    return true;
}

} // namespace

bool GraphView::exportPng(const QString& path, QString* error) const
{
    const QImage image = renderImage(exportSize(worldBounds()));
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    if (!image.save(&buffer, "PNG")) {
        if (error)
            *error = tr("Cannot encode the graph as PNG for %1.").arg(path);
        return false;
    }
    return writeAtomically(path, bytes, error);
}

bool GraphView::exportSvg(const QString& path, QString* error) const
{
    const QSize size = exportSize(worldBounds());
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QSvgGenerator generator;
    generator.setOutputDevice(&buffer);
    generator.setSize(size);
    generator.setViewBox(QRect(QPoint(0, 0), size));
    generator.setTitle(tr("PDNS Workbench graph"));
    generator.setDescription(tr("Names, addresses and their DNS relations"));
    {
        QPainter p;
        if (!p.begin(&generator)) {
            if (error)
                *error = tr("Cannot render the graph as SVG for %1.").arg(path);
            return false;
        }
        const auto [scale, offset] = fitTransform(size);
        p.setFont(font());
        paintGraph(p, size, scale, offset, false);
    }
    return writeAtomically(path, bytes, error);
}

// ---- interaction ----------------------------------------------------------------------------------------------

void GraphView::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    if (!m_userMovedView)
        fitAll();
}

void GraphView::mousePressEvent(QMouseEvent* event)
{
    m_lastPos = event->position();
    if (event->button() != Qt::LeftButton)
        return;
    const int node = nodeAt(event->position());
    if (node >= 0) {
        m_drag = DragMode::Node;
        m_dragNode = node;
        if (m_selected != node) {
            m_selected = node;
            update();
            emit nodeSelected(m_model.nodes().at(node).text);
        }
    } else {
        m_drag = DragMode::Pan;
        setCursor(Qt::ClosedHandCursor);
    }
}

void GraphView::mouseMoveEvent(QMouseEvent* event)
{
    const QPointF delta = event->position() - m_lastPos;
    m_lastPos = event->position();
    if (m_drag == DragMode::Pan) {
        m_offset += delta;
        m_userMovedView = true;
        update();
    } else if (m_drag == DragMode::Node && m_dragNode >= 0) {
        // A dragged node stays where the analyst puts it.
        m_positions[m_dragNode] = toWorld(event->position());
        m_pinned[m_dragNode] = true;
        m_userMovedView = true;
        update();
    } else {
        const int hovered = nodeAt(event->position());
        if (hovered != m_hovered) {
            m_hovered = hovered;
            setCursor(hovered >= 0 ? Qt::PointingHandCursor : Qt::ArrowCursor);
            update();
        }
    }
}

void GraphView::mouseReleaseEvent(QMouseEvent*)
{
    const bool movedNode = m_drag == DragMode::Node && m_dragNode >= 0 && m_pinned.value(m_dragNode);
    m_drag = DragMode::None;
    m_dragNode = -1;
    setCursor(Qt::ArrowCursor);
    if (movedNode && m_layoutRunning)
        startLayout(true);
}

void GraphView::mouseDoubleClickEvent(QMouseEvent* event)
{
    const int node = nodeAt(event->position());
    if (node >= 0)
        emit pivotRequested(m_model.nodes().at(node).text);
}

void GraphView::wheelEvent(QWheelEvent* event)
{
    const double factor = std::pow(2.0, event->angleDelta().y() / 240.0);
    const double newScale = std::clamp(m_scale * factor, 0.02, 8.0);
    const QPointF anchor = event->position();
    m_offset = anchor - (anchor - m_offset) * (newScale / m_scale);
    m_scale = newScale;
    m_userMovedView = true;
    update();
    event->accept();
}

void GraphView::keyPressEvent(QKeyEvent* event)
{
    if ((event->modifiers() & Qt::ControlModifier) && event->key() == Qt::Key_0) {
        m_userMovedView = false;
        fitAll();
        return;
    }
    if ((event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter) && m_selected >= 0) {
        emit pivotRequested(m_model.nodes().at(m_selected).text);
        return;
    }
    QWidget::keyPressEvent(event);
}

void GraphView::contextMenuEvent(QContextMenuEvent* event)
{
    auto* menu = new QMenu(this);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    const int node = nodeAt(event->pos());
    if (node >= 0) {
        const GraphNode& n = m_model.nodes().at(node);
        const QString text = n.text;
        const QString shown = visibleText(text, 60);
        QAction* pivot = menu->addAction(tr("Pivot on %1").arg(shown));
        pivot->setObjectName(QStringLiteral("pivotAction"));
        connect(pivot, &QAction::triggered, this, [this, text] { emit pivotRequested(text); });
        if (n.kind != GraphNodeKind::Address) {
            // T: the time filter when set, else the latest sighting of the name's edges.
            qint64 time = m_timeFilter.value_or(0);
            if (!m_timeFilter) {
                for (int e : m_model.edgesOf(node)) {
                    if (auto last = m_model.edgeRange(e).second)
                        time = std::max(time, *last);
                }
            }
            QAction* hosts = menu->addAction(tr("Hosts override\u2026"));
            hosts->setObjectName(QStringLiteral("hostsOverrideAction"));
            connect(hosts, &QAction::triggered, this, [this, text, time] { emit hostsOverrideRequested(text, time); });
        }
        if (m_pinned.value(node)) {
            QAction* unpin = menu->addAction(tr("Unpin"));
            connect(unpin, &QAction::triggered, this, [this, node] {
                if (node < m_pinned.size())
                    m_pinned[node] = false;
                startLayout(true);
            });
        }
        menu->addSeparator();
    }
    connect(menu->addAction(tr("Fit all")), &QAction::triggered, this, [this] {
        m_userMovedView = false;
        fitAll();
    });
    connect(menu->addAction(tr("Lay out again")), &QAction::triggered, this, [this] {
        m_pinned.fill(false);
        startLayout(true);
    });
    menu->addSeparator();
    connect(menu->addAction(tr("Export as PNG\u2026")), &QAction::triggered, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export graph"), QString(), tr("PNG image (*.png)"));
        QString error;
        if (!path.isEmpty() && !exportPng(path, &error))
            QToolTip::showText(QCursor::pos(), error.toHtmlEscaped(), this);
    });
    connect(menu->addAction(tr("Export as SVG\u2026")), &QAction::triggered, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export graph"), QString(), tr("SVG image (*.svg)"));
        QString error;
        if (!path.isEmpty() && !exportSvg(path, &error))
            QToolTip::showText(QCursor::pos(), error.toHtmlEscaped(), this);
    });
    menu->popup(event->globalPos());
}

bool GraphView::event(QEvent* event)
{
    if (event->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(event);
        const QString text = toolTipAt(help->pos());
        if (text.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(help->globalPos(), text, this);
        return true;
    }
    return QWidget::event(event);
}

} // namespace pdnsw
