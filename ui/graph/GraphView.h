#pragma once

#include "models/CaseReader.h"
#include "ui/graph/GraphModel.h"

#include <QImage>
#include <QPointF>
#include <QTimer>
#include <QWidget>

#include <atomic>
#include <memory>
#include <optional>

class QThread;

namespace pdnsw {

// The case as a graph: names, addresses, name servers, mail hosts and CNAME targets as nodes (shape and
// colour per kind), typed edges (A, AAAA, CNAME, NS, MX, PTR). The force layout runs on a worker thread and
// streams positions, so the window never waits for it. Wheel zooms around the mouse, drag pans, dragging a
// node pins it, double-click pivots, Ctrl+0 fits. A time filter (the timeline's cursor) hides edges not
// valid at T. Labels are painted as plain text; tooltips are escaped.
class GraphView : public QWidget
{
    Q_OBJECT
public:
    explicit GraphView(QWidget* parent = nullptr);
    ~GraphView() override;

    // Replaces the graph; the layout starts over. `note` (what was left out, GraphNeighbourhood::note()) joins
    // the status line.
    void setObservations(const QList<SourcedObservation>& observations, const QString& note = {});
    // Merges more observations (a pivot's answers); known nodes keep their place, new ones join their neighbours.
    // A note is added to the one already shown.
    void addObservations(const QList<SourcedObservation>& observations, const QString& note = {});
    QString note() const { return m_note; }
    void clear();
    const GraphModel& model() const { return m_model; }

    void setTimeFilter(qint64 time);
    void clearTimeFilter();
    std::optional<qint64> timeFilter() const { return m_timeFilter; }
    // Whether the edge is drawn under the current time filter: valid at T, undated, or its owner's last answer
    // before T (drawn dotted).
    bool isEdgeShown(int edge) const;
    GraphModel::Validity edgeValidity(int edge) const;

    QString selectedNode() const;
    bool isLayoutRunning() const { return m_layoutRunning; }
    QPointF nodePosition(int node) const { return m_positions.value(node); }
    // Viewport position of a node, for the window's integration and for tests.
    QPointF nodeViewPosition(int node) const;
    // The nodes labelled in the view's last paint, with their labels' boxes (for tests).
    const QHash<int, QRectF>& labelBoxes() const { return m_labelBoxes; }
    QString toolTipAt(const QPointF& pos) const;

    // The whole graph fitted into an image or an SVG file; errors name the file and the reason.
    QImage renderImage(const QSize& size) const;
    bool exportPng(const QString& path, QString* error) const;
    bool exportSvg(const QString& path, QString* error) const;

    QSize sizeHint() const override { return {800, 600}; }
    QSize minimumSizeHint() const override { return {240, 180}; }

public slots:
    void selectNode(const QString& text);
    void fitAll();

signals:
    void nodeSelected(const QString& text);
    void pivotRequested(const QString& text);
    void hostsOverrideRequested(const QString& name, qint64 time);
    void layoutFinished();

protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void contextMenuEvent(QContextMenuEvent* event) override;
    bool event(QEvent* event) override;

private:
    struct LayoutJob;

    void startLayout(bool warm);
    void stopLayout();
    void applyPositions(quint64 generation, const QList<QPointF>& positions, bool finished);
    int nodeAt(const QPointF& viewPos) const;
    double nodeRadius(int node) const;
    QPointF toView(const QPointF& world) const { return world * m_scale + m_offset; }
    QPointF toWorld(const QPointF& view) const { return (view - m_offset) / m_scale; }
    QRectF worldBounds() const;
    // Scale and offset that fit the whole graph into a picture of this size.
    std::pair<double, QPointF> fitTransform(const QSizeF& size) const;
    // Paints the graph with the given world->view transform into any device (widget, image, SVG).
    void paintGraph(QPainter& p, const QSizeF& size, double scale, const QPointF& offset, bool interactive) const;

    GraphModel m_model;
    QList<QPointF> m_positions;
    QList<bool> m_pinned;
    std::optional<qint64> m_timeFilter;
    QList<GraphModel::Validity> m_validities; // of every edge at m_timeFilter (empty without a filter)
    QString m_note; // what the graph leaves out
    // The status line as last painted in the view: its whole text is the tooltip of the box, which may cut it.
    mutable QString m_statusText;
    mutable QRectF m_statusBox;
    mutable QHash<int, QRectF> m_labelBoxes; // node -> its label, as last painted in the view
    int m_selected = -1;
    int m_hovered = -1;
    double m_scale = 1.0;
    QPointF m_offset;
    bool m_userMovedView = false;

    enum class DragMode
    {
        None,
        Pan,
        Node
    };
    DragMode m_drag = DragMode::None;
    int m_dragNode = -1;
    QPointF m_lastPos;

    std::shared_ptr<LayoutJob> m_job;
    QThread* m_thread = nullptr;
    quint64 m_generation = 0;
    bool m_layoutRunning = false;
    int m_layoutKnown = 0; // nodes that had positions when the last layout started
};

} // namespace pdnsw
