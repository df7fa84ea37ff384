#pragma once

#include "models/CaseReader.h"
#include "ui/timeline/TimeAxis.h"
#include "ui/timeline/TimelineData.h"

#include <QAbstractScrollArea>
#include <QColor>
#include <QHash>
#include <QImage>
#include <QSet>

#include <optional>

namespace pdnsw {

// The timeline of one name: one row per rdata (CNAME hops grouped under their owner), one bar per source from
// first to last seen, points for single-date sources, hatching for day-granular ones, negative answers as
// red-striped rows, the live answer in the "now" column at the right edge and a draggable "as of" cursor.
// Wheel zooms around the mouse, Shift+wheel pans, drag pans, Ctrl+0 fits. Everything painted is plain text.
class TimelineView : public QAbstractScrollArea
{
    Q_OBJECT
public:
    explicit TimelineView(QWidget* parent = nullptr);
    ~TimelineView() override;

    // The name's observations (CaseReader::timeline) and a colour per source id; sources without one get a
    // default colour. Fits the view and puts the cursor just before the name went negative (or at its end).
    void setData(const QString& name, const QList<SourcedObservation>& observations,
        const QHash<qint64, QColor>& sourceColours = {});
    // The names that pointed at an address over time (CaseReader::reverse() rows): no "now" column, no hosts pin.
    void setAddressData(const QString& address, const QList<SourcedObservation>& pointingHere,
        const QHash<qint64, QColor>& sourceColours = {});
    // Data built elsewhere: the window builds it on its worker, as an address can have 200 000 names.
    void setTimelineData(TimelineData data, const QHash<qint64, QColor>& sourceColours = {});
    void clear();
    void setSourceColours(const QHash<qint64, QColor>& sourceColours);
    // The live lookup's result: the name's records now, or one Section::Negative record with the rcode.
    void setNowAnswer(const QList<Observation>& records, qint64 askedAt);
    void clearNowAnswer();

    const TimelineData& data() const { return m_data; }
    const TimeAxis& axis() const { return m_axis; }
    void setAxis(const TimeAxis& axis);
    std::optional<qint64> cursorTime() const { return m_cursor; }
    QColor sourceColour(qint64 sourceId) const;

    // "As of 2018-02-01 00:00:00 UTC: capture: 198.51.100.23; DNSDB: ..." for the cursor time (plain text).
    QString asOfText() const;
    // Hit areas in viewport coordinates, for the window's integration and for tests.
    std::optional<QRectF> barRect(int observationIndex) const;
    QRectF cursorHandleRect() const;
    QRectF plotRect() const;
    // The rich-text tooltip at a viewport position (data HTML-escaped), empty where there is none.
    QString toolTipAt(const QPoint& viewportPos) const;

    // Paints the whole view (header, rows from the current scroll position, legend) into any paint device:
    // the widget, an offscreen image for export and benchmarks.
    void render(QPainter* painter, const QSize& size) const;
    QImage renderImage(const QSize& size) const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

public slots:
    void setCursorTime(qint64 time);
    void fitAll();
    // Selects the bar of the observation with this case row id (shared selection), or clears it with 0.
    void selectObservation(qint64 observationId);
    // The id of the record whose bar is outlined, or 0.
    qint64 selectedObservationId() const;

signals:
    void cursorTimeChanged(qint64 time);
    void observationSelected(const pdnsw::SourcedObservation& observation);
    void hostsOverrideRequested(const QString& name, qint64 time);

protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void contextMenuEvent(QContextMenuEvent* event) override;
    bool viewportEvent(QEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    struct Layout;
    struct FlowItem
    {
        QString text;
        qint64 sourceId = 0;
        bool swatch = false; // drawn after the source's colour swatch
    };
    struct Hit
    {
        int row = -1;
        int bar = -1; // index into the row's bars
    };
    enum class DragMode
    {
        None,
        Cursor,
        Pan,
        PendingSelect
    };

    void relayout();
    void updateScrollBar();
    Layout layoutFor(const QSize& size) const;
    Hit hitTest(const QPoint& pos) const;
    int rowAt(double y) const;
    double rowTop(int row) const; // viewport y of a row's top edge
    QRectF barRectIn(const Layout& l, int row, int bar) const;
    void computeFooter(const Layout& l) const;
    QString barToolTip(const TimelineRow& row, const TimelineBar& bar) const;
    QString rowToolTip(const TimelineRow& row) const;
    void moveCursorTo(double x);

    void paintHeader(QPainter& p, const Layout& l) const;
    void paintRows(QPainter& p, const Layout& l) const;
    void paintBars(QPainter& p, const Layout& l, const TimelineRow& row, double top) const;
    static double labelWidthFor(const TimelineRow& row, const Layout& l);
    void paintRowLabel(QPainter& p, const Layout& l, const TimelineRow& row, double top, double height) const;
    void paintNowColumn(QPainter& p, const Layout& l) const;
    void paintCursor(QPainter& p, const Layout& l) const;
    void paintFooter(QPainter& p, const Layout& l) const;

    TimelineData m_data;
    QHash<qint64, QColor> m_colours;
    QList<double> m_rowOffsets; // content y of each row's top; one extra entry for the total height
    TimeAxis m_axis;
    std::optional<qint64> m_cursor;
    int m_selectedObservation = -1;
    DragMode m_drag = DragMode::None;
    QPoint m_pressPos;
    QPoint m_lastPos;
    Hit m_pressHit;
    double m_naturalLabelWidth = 0;
    QSet<qint64> m_pointOnlySources;
    quint64 m_generation = 0;
    // The footer's legend and as-of lines cost a pass over all bars: kept until data, cursor or width change.
    struct FooterCache
    {
        quint64 generation = ~quint64(0);
        int width = -1;
        std::optional<qint64> cursor;
        QList<QList<FlowItem>> legendLines;
        QList<QList<FlowItem>> asOfLines;
        QString asOfTitle;
    };
    mutable FooterCache m_footer;
};

} // namespace pdnsw
