#include "ui/timeline/TimelineView.h"

#include "models/DomainName.h"
#include "models/itemmodels/UntrustedText.h"
#include "ui/timeline/SourceColours.h"

#include <QContextMenuEvent>
#include <QDateTime>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QLocale>
#include <QMenu>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QScrollBar>
#include <QSet>
#include <QTimeZone>
#include <QToolTip>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace pdnsw {

namespace {

constexpr int kMaxLabelWidth = 340;
constexpr int kMinLabelWidth = 170;
constexpr int kDragThreshold = 4;
constexpr int kCursorGrab = 5;
const QColor kNegative(214, 39, 40);

QString countText(qint64 count)
{
    return QStringLiteral("\u00d7") + QLocale::c().toString(count);
}

bool hasUnicodeForm(const QString& name)
{
    return domainNameForDisplay(name) != name;
}

} // namespace

struct TimelineView::Layout
{
    QSize size;
    QFont font;
    QFont small;
    QFont bold;
    double lineHeight = 16;
    double labelWidth = kMinLabelWidth;
    double nowWidth = 100;
    QRectF header;
    QRectF rows; // row area (labels + plot + now), below the header
    QRectF plot; // the time area of the row band
    QRectF footer;
    double scrollY = 0;
    TimeAxis axis;
    QList<QList<FlowItem>> legendLines;
    QList<QList<FlowItem>> asOfLines;
    QString asOfTitle;

    // The fonts of the labels and the readout, from the widget's.
    void setFonts(const QFont& base)
    {
        font = base;
        small = base;
        small.setPointSizeF(std::max(6.0, base.pointSizeF() * 0.88));
        bold = base;
        bold.setBold(true);
    }
};

namespace {

// The rounded box with a record row's type, as wide for A as for AAAA so the data line up.
double typeChipWidth(const QFontMetricsF& small, const QString& type)
{
    return std::max(small.horizontalAdvance(QStringLiteral("AAAA")), small.horizontalAdvance(type)) + 8;
}

} // namespace

TimelineView::TimelineView(QWidget* parent)
    : QAbstractScrollArea(parent)
{
    setFocusPolicy(Qt::StrongFocus);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setVerticalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    setFrameShape(QFrame::NoFrame);
    viewport()->setMouseTracking(true);
    viewport()->setAttribute(Qt::WA_OpaquePaintEvent);
    relayout();
}

TimelineView::~TimelineView() = default;

QSize TimelineView::sizeHint() const
{
    return {900, 360};
}
QSize TimelineView::minimumSizeHint() const
{
    return {420, 160};
}

void TimelineView::setData(
    const QString& name, const QList<SourcedObservation>& observations, const QHash<qint64, QColor>& sourceColours)
{
    setTimelineData(TimelineData(name, observations), sourceColours);
}

void TimelineView::setAddressData(
    const QString& address, const QList<SourcedObservation>& pointingHere, const QHash<qint64, QColor>& sourceColours)
{
    setTimelineData(TimelineData::ofAddress(address, pointingHere), sourceColours);
}

void TimelineView::setTimelineData(TimelineData data, const QHash<qint64, QColor>& sourceColours)
{
    m_data = std::move(data);
    m_colours = sourceColours;
    m_selectedObservation = -1;
    m_drag = DragMode::None;
    relayout();
    fitAll();
    m_cursor = m_data.defaultCursorTime();
    verticalScrollBar()->setValue(0);
    viewport()->update();
    if (m_cursor)
        emit cursorTimeChanged(*m_cursor);
}

void TimelineView::clear()
{
    setData(QString(), {});
}

void TimelineView::setSourceColours(const QHash<qint64, QColor>& sourceColours)
{
    m_colours = sourceColours;
    ++m_generation;
    viewport()->update();
}

void TimelineView::setNowAnswer(const QList<Observation>& records, qint64 askedAt)
{
    m_data.setNowAnswer(records, askedAt);
    relayout();
    viewport()->update();
}

void TimelineView::clearNowAnswer()
{
    m_data.clearNowAnswer();
    relayout();
    viewport()->update();
}

QColor TimelineView::sourceColour(qint64 sourceId) const
{
    auto it = m_colours.constFind(sourceId);
    if (it != m_colours.constEnd() && it->isValid())
        return *it;
    const auto& sources = m_data.sources();
    for (int i = 0; i < sources.size(); ++i) {
        if (sources.at(i).id == sourceId)
            return defaultSourceColour(i);
    }
    return defaultSourceColour(0);
}

void TimelineView::setAxis(const TimeAxis& axis)
{
    const QRectF plot = plotRect();
    m_axis = axis.withPixels(plot.left(), plot.width());
    viewport()->update();
}

void TimelineView::fitAll()
{
    const QRectF plot = plotRect();
    if (m_data.earliest() && m_data.latest())
        m_axis = TimeAxis::fitted(*m_data.earliest(), *m_data.latest(), plot.left(), plot.width());
    else
        m_axis = TimeAxis::fitted(0, 86400, plot.left(), plot.width());
    viewport()->update();
}

void TimelineView::setCursorTime(qint64 time)
{
    if (m_cursor == time)
        return;
    m_cursor = time;
    viewport()->update();
    emit cursorTimeChanged(time);
}

void TimelineView::selectObservation(qint64 observationId)
{
    int found = -1;
    const auto& observations = m_data.observations();
    for (int i = 0; i < observations.size() && observationId != 0; ++i) {
        if (observations.at(i).id == observationId) {
            found = i;
            break;
        }
    }
    if (found == m_selectedObservation)
        return;
    m_selectedObservation = found;
    viewport()->update();
}

qint64 TimelineView::selectedObservationId() const
{
    return m_selectedObservation >= 0 ? m_data.observations().at(m_selectedObservation).id : 0;
}

// ---- layout -------------------------------------------------------------------------------------------------

void TimelineView::relayout()
{
    const QFontMetricsF fm(font());
    const double line = std::ceil(fm.height());
    const double lane = std::max(8.0, std::round(line * 0.6));
    m_rowOffsets.clear();
    double y = 0;
    for (const TimelineRow& row : m_data.rows()) {
        m_rowOffsets.append(y);
        if (row.kind == TimelineRow::Kind::OwnerHeader)
            y += line + 8;
        else
            y += std::max(line + 8, 10 + row.laneCount * lane + (row.laneCount - 1) * 3);
    }
    m_rowOffsets.append(y);
    // The label column fits the widest label. Shaping every label cost a second on an address with 200 000 names
    // (and again on each resize), so only the longest texts are measured: in one font the widest label is among
    // the longest by far, and a label a little wider than the column is elided, not lost.
    constexpr qsizetype kMeasured = 256;
    const auto& rows = m_data.rows();
    Layout fonts;
    fonts.setFonts(font());
    QList<std::pair<qsizetype, qsizetype>> byLength; // (characters + indent, row)
    byLength.reserve(rows.size());
    for (qsizetype i = 0; i < rows.size(); ++i) {
        const TimelineRow& row = rows.at(i);
        const qsizetype length
            = row.kind == TimelineRow::Kind::OwnerHeader ? row.owner.size() : row.rrtype.size() + 2 + row.rdata.size();
        byLength.append({std::min<qsizetype>(length, 80) + 2 * row.chainDepth, i});
    }
    const qsizetype measured = std::min(kMeasured, byLength.size());
    std::partial_sort(byLength.begin(), byLength.begin() + measured, byLength.end(), std::greater<>());
    m_naturalLabelWidth = 0;
    for (qsizetype k = 0; k < measured; ++k)
        m_naturalLabelWidth = std::max(m_naturalLabelWidth, labelWidthFor(rows.at(byLength.at(k).second), fonts));
    // Sources that only ever give single dates get a diamond in the legend, like their marks.
    m_pointOnlySources.clear();
    QSet<qint64> withSpans;
    for (const TimelineRow& row : m_data.rows()) {
        for (const TimelineBar& bar : row.bars)
            (bar.point ? m_pointOnlySources : withSpans).insert(bar.sourceId);
    }
    m_pointOnlySources.subtract(withSpans);
    ++m_generation;
    const QRectF plot = plotRect();
    m_axis = m_axis.withPixels(plot.left(), plot.width());
    updateScrollBar();
}

TimelineView::Layout TimelineView::layoutFor(const QSize& size) const
{
    Layout l;
    l.size = size;
    l.setFonts(font());
    const QFontMetricsF fm(l.font);
    l.lineHeight = std::ceil(fm.height());

    l.labelWidth = std::clamp(m_naturalLabelWidth, double(kMinLabelWidth),
        std::max(double(kMinLabelWidth), std::min(double(kMaxLabelWidth), size.width() * 0.4)));
    // "Now" is what a name resolves to at this moment; an address has no such answer.
    l.nowWidth = m_data.isAddress()
        ? 0.0
        : std::max(96.0, QFontMetricsF(l.small).horizontalAdvance(QStringLiteral("2000-00-00 00:00")) + 16);

    l.header = QRectF(0, 0, size.width(), 2 * l.lineHeight + 10);

    // Footer: the legend, then the as-of readout; recomputed only when the data, cursor or width changes.
    if (m_footer.generation != m_generation || m_footer.width != size.width() || m_footer.cursor != m_cursor) {
        m_footer.generation = m_generation;
        m_footer.width = size.width();
        m_footer.cursor = m_cursor;
        computeFooter(l);
    }
    l.legendLines = m_footer.legendLines;
    l.asOfLines = m_footer.asOfLines;
    l.asOfTitle = m_footer.asOfTitle;
    const double footerHeight = m_data.sources().isEmpty() ? 0
                                                           : 10 + l.legendLines.size() * (l.lineHeight + 2)
            + (m_cursor ? (1 + l.asOfLines.size()) * (l.lineHeight + 2) : 0);
    l.footer = QRectF(0, size.height() - footerHeight, size.width(), footerHeight);
    l.rows = QRectF(0, l.header.bottom(), size.width(), std::max(0.0, l.footer.top() - l.header.bottom()));
    l.plot
        = QRectF(l.labelWidth, l.rows.top(), std::max(40.0, size.width() - l.labelWidth - l.nowWidth), l.rows.height());
    l.axis = m_axis.withPixels(l.plot.left(), l.plot.width());
    const double maxScroll = std::max(0.0, m_rowOffsets.value(m_rowOffsets.size() - 1) - l.rows.height());
    l.scrollY = std::clamp(double(verticalScrollBar()->value()), 0.0, maxScroll);
    return l;
}

void TimelineView::computeFooter(const Layout& l) const
{
    const double footerWidth = l.size.width() - 16;
    auto flow = [&](const QList<FlowItem>& items, const QFont& itemFont, int maxLines) {
        QList<QList<FlowItem>> lines;
        const QFontMetricsF ifm(itemFont);
        double x = 0;
        QList<FlowItem> current;
        for (int i = 0; i < items.size(); ++i) {
            const double w = ifm.horizontalAdvance(items.at(i).text) + (items.at(i).swatch ? 22 : 0) + 18;
            if (!current.isEmpty() && x + w > footerWidth) {
                lines.append(current);
                current.clear();
                x = 0;
                if (lines.size() == maxLines) {
                    // Say how much did not fit rather than silently dropping it.
                    QList<FlowItem>& last = lines.last();
                    const int rest = int(items.size()) - i + 1;
                    last.last() = FlowItem{tr("+ %n more", nullptr, rest), 0, false};
                    return lines;
                }
            }
            current.append(items.at(i));
            x += w;
        }
        if (!current.isEmpty())
            lines.append(current);
        return lines;
    };
    QList<FlowItem> legend;
    for (const TimelineSource& source : m_data.sources()) {
        QString text = visibleText(source.label, 48);
        if (source.timeGranularity == QLatin1String("day"))
            text += tr(" (day)");
        else if (source.timeGranularity == QLatin1String("none"))
            text += tr(" (no times)");
        legend.append(FlowItem{text, source.id, true});
    }
    m_footer.legendLines = flow(legend, l.small, 2);
    if (m_cursor) {
        m_footer.asOfTitle = tr("As of %1:").arg(readableUtc(*m_cursor));
        QList<FlowItem> entries;
        for (const TimelineAsOf& entry : m_data.asOf(*m_cursor)) {
            QStringList parts;
            for (int index : entry.validAtT)
                parts.append(visibleText(m_data.valueOf(index), 64));
            QStringList earlier;
            for (int index : entry.lastBefore)
                earlier.append(visibleText(m_data.valueOf(index), 64));
            QString text;
            if (!parts.isEmpty()) {
                // With answers at T, earlier ones are those of a CNAME target that had none at T.
                text = parts.join(QStringLiteral(", "));
                if (!earlier.isEmpty())
                    text += QLatin1Char(' ') + tr("(earlier: %1)").arg(earlier.join(QStringLiteral(", ")));
            } else if (!earlier.isEmpty()) {
                text = tr("(earlier: %1)").arg(earlier.join(QStringLiteral(", ")));
            } else if (!entry.undated.isEmpty()) {
                text = tr("(undated)");
            } else {
                text = tr("(nothing yet)");
            }
            entries.append(
                FlowItem{visibleText(entry.sourceLabel, 40) + QStringLiteral(": ") + text, entry.sourceId, true});
        }
        m_footer.asOfLines = flow(entries, l.font, 2);
    }
    if (!m_cursor) {
        m_footer.asOfTitle.clear();
        m_footer.asOfLines.clear();
    }
}

QRectF TimelineView::plotRect() const
{
    return layoutFor(viewport()->size()).plot;
}

void TimelineView::updateScrollBar()
{
    const Layout l = layoutFor(viewport()->size());
    const double content = m_rowOffsets.value(m_rowOffsets.size() - 1);
    verticalScrollBar()->setRange(0, int(std::max(0.0, std::ceil(content - l.rows.height()))));
    verticalScrollBar()->setPageStep(int(l.rows.height()));
    verticalScrollBar()->setSingleStep(int(l.lineHeight + 8));
}

void TimelineView::resizeEvent(QResizeEvent* event)
{
    QAbstractScrollArea::resizeEvent(event);
    relayout();
}

void TimelineView::changeEvent(QEvent* event)
{
    QAbstractScrollArea::changeEvent(event);
    if (event->type() == QEvent::FontChange || event->type() == QEvent::PaletteChange
        || event->type() == QEvent::StyleChange) {
        relayout();
        viewport()->update();
    }
}

double TimelineView::rowTop(int row) const
{
    const Layout l = layoutFor(viewport()->size());
    return l.rows.top() + m_rowOffsets.value(row) - l.scrollY;
}

int TimelineView::rowAt(double y) const
{
    const Layout l = layoutFor(viewport()->size());
    if (y < l.rows.top() || y >= l.rows.bottom() || m_rowOffsets.size() < 2)
        return -1;
    const double contentY = y - l.rows.top() + l.scrollY;
    auto it = std::upper_bound(m_rowOffsets.cbegin(), m_rowOffsets.cend(), contentY);
    const int row = int(it - m_rowOffsets.cbegin()) - 1;
    return row >= 0 && row < m_data.rows().size() ? row : -1;
}

QRectF TimelineView::barRectIn(const Layout& l, int rowIndex, int barIndex) const
{
    const TimelineRow& row = m_data.rows().at(rowIndex);
    const TimelineBar& bar = row.bars.at(barIndex);
    const double top = l.rows.top() + m_rowOffsets.at(rowIndex) - l.scrollY;
    const double height = m_rowOffsets.at(rowIndex + 1) - m_rowOffsets.at(rowIndex);
    const double lane = std::max(8.0, std::round(l.lineHeight * 0.6));
    const double block = row.laneCount * lane + (row.laneCount - 1) * 3;
    const double y = top + (height - block) / 2 + bar.lane * (lane + 3);
    if (bar.undated) {
        int undatedIndex = 0;
        for (int i = 0; i < barIndex; ++i)
            undatedIndex += row.bars.at(i).undated ? 1 : 0;
        return QRectF(l.plot.left() + 4 + undatedIndex * (lane + 3), top + (height - lane) / 2, lane, lane);
    }
    if (bar.point) {
        const double x = l.axis.timeToX(bar.start);
        return QRectF(x - lane / 2 - 1, y - 1, lane + 2, lane + 2);
    }
    const double x1 = l.axis.timeToX(bar.start);
    const double x2 = l.axis.timeToX(bar.end);
    return QRectF(x1, y, std::max(2.0, x2 - x1), lane);
}

std::optional<QRectF> TimelineView::barRect(int observationIndex) const
{
    const auto& rows = m_data.rows();
    for (int r = 0; r < rows.size(); ++r) {
        for (int b = 0; b < rows.at(r).bars.size(); ++b) {
            if (rows.at(r).bars.at(b).observation == observationIndex)
                return barRectIn(layoutFor(viewport()->size()), r, b);
        }
    }
    return std::nullopt;
}

QRectF TimelineView::cursorHandleRect() const
{
    const Layout l = layoutFor(viewport()->size());
    if (!m_cursor)
        return {};
    const QString text = readableUtc(*m_cursor);
    const double w = QFontMetricsF(l.small).horizontalAdvance(text) + 12;
    const double x = std::clamp(l.axis.timeToX(double(*m_cursor)) - w / 2, l.plot.left(), l.plot.right() - w);
    return QRectF(x, l.header.top() + l.lineHeight + 4, w, l.lineHeight + 2);
}

TimelineView::Hit TimelineView::hitTest(const QPoint& pos) const
{
    Hit hit;
    const Layout l = layoutFor(viewport()->size());
    hit.row = rowAt(pos.y());
    if (hit.row < 0)
        return hit;
    const TimelineRow& row = m_data.rows().at(hit.row);
    // Prefer the bar whose rectangle (grown a little for thin bars and points) contains the point.
    double best = 1e9;
    for (int b = 0; b < row.bars.size(); ++b) {
        const QRectF r = barRectIn(l, hit.row, b).adjusted(-2, -2, 2, 2);
        if (!r.contains(pos))
            continue;
        const double distance = std::abs(r.center().x() - pos.x()) / std::max(1.0, r.width());
        if (distance < best) {
            best = distance;
            hit.bar = b;
        }
    }
    return hit;
}

// ---- text -----------------------------------------------------------------------------------------------------

QString TimelineView::asOfText() const
{
    if (!m_cursor)
        return QString();
    QStringList parts;
    for (const TimelineAsOf& entry : m_data.asOf(*m_cursor)) {
        QStringList values;
        auto describe = [&](int index) {
            const SourcedObservation& s = m_data.observations().at(index);
            QString text = s.observation.rrtype + QLatin1Char(' ') + s.observation.rdata;
            if (s.observation.section == Section::Negative)
                text = s.observation.rdata;
            if (!s.observation.rrname.isEmpty() && s.observation.rrname != m_data.name())
                text = s.observation.rrname + QLatin1Char(' ') + text;
            return visibleText(text, 200);
        };
        for (int index : entry.validAtT)
            values.append(describe(index));
        QString text = values.join(QStringLiteral(", "));
        QStringList earlier;
        for (int index : entry.lastBefore)
            earlier.append(describe(index));
        if (values.isEmpty() && !earlier.isEmpty()) {
            text = tr("nothing at T; earlier %1").arg(earlier.join(QStringLiteral(", ")));
        } else if (!earlier.isEmpty()) {
            text += tr("; earlier %1").arg(earlier.join(QStringLiteral(", ")));
        } else if (values.isEmpty() && !entry.undated.isEmpty()) {
            QStringList undated;
            for (int index : entry.undated)
                undated.append(describe(index));
            text = tr("no dates; saw %1").arg(undated.join(QStringLiteral(", ")));
        } else if (values.isEmpty()) {
            text = tr("nothing yet");
        }
        parts.append(visibleText(entry.sourceLabel, 80) + QStringLiteral(": ") + text);
    }
    return tr("As of %1: %2").arg(readableUtc(*m_cursor), parts.join(QStringLiteral("; ")));
}

QString TimelineView::barToolTip(const TimelineRow& row, const TimelineBar& bar) const
{
    const SourcedObservation& s = m_data.observations().at(bar.observation);
    const Observation& o = s.observation;
    QString html = QStringLiteral("<b>%1</b> <i>(%2)</i><br>")
                       .arg(htmlFragment(s.sourceLabel, 120), htmlFragment(s.sourceKind, 40));
    if (row.kind == TimelineRow::Kind::Negative)
        html += tr("%1: <b>%2</b> for %3 questions<br>")
                    .arg(htmlFragment(o.rrname, 253), htmlFragment(o.rdata, 40), htmlFragment(o.rrtype, 20));
    else
        html += QStringLiteral("%1 %2 %3<br>")
                    .arg(htmlFragment(o.rrname, 253), htmlFragment(o.rrtype, 20), htmlFragment(o.rdata, 512));
    if (o.firstSeen)
        html += tr("first seen: %1<br>").arg(readableUtc(*o.firstSeen));
    if (o.lastSeen)
        html += tr("last seen: %1<br>").arg(readableUtc(*o.lastSeen));
    if (!o.firstSeen && !o.lastSeen)
        html += tr("no time given by the source<br>");
    html += o.count ? tr("count: %1").arg(QLocale::c().toString(*o.count)) : tr("count: not given by the source");
    if (bar.dayGranular)
        html += tr("<br>times are whole days (day granularity)");
    else if (bar.point)
        html += tr("<br>a single date: the source saw it then, not over a span");
    if (!s.timeKind.isEmpty())
        html += tr("<br>time kind: %1").arg(htmlFragment(s.timeKind, 20));
    return html;
}

QString TimelineView::rowToolTip(const TimelineRow& row) const
{
    if (row.kind == TimelineRow::Kind::OwnerHeader) {
        QString html = QStringLiteral("<b>%1</b>").arg(htmlFragment(row.owner, 253));
        if (hasUnicodeForm(row.owner))
            html += QStringLiteral("<br>%1").arg(htmlFragment(domainNameForDisplay(row.owner), 253));
        if (row.chainDepth > 0)
            html += tr("<br>CNAME chain hop %1").arg(row.chainDepth);
        return html;
    }
    QStringList sources;
    for (const TimelineBar& bar : row.bars)
        sources.append(htmlFragment(m_data.observations().at(bar.observation).sourceLabel, 80));
    sources.removeDuplicates();
    if (m_data.isAddress()) { // the row is a name that pointed at the address
        QString html = QStringLiteral("<b>%1</b><br>").arg(htmlFragment(row.rdata, 253));
        if (hasUnicodeForm(row.rdata))
            html += QStringLiteral("%1<br>").arg(htmlFragment(domainNameForDisplay(row.rdata), 253));
        return html
            + tr("%1 %2<br>sources: %3")
                  .arg(htmlFragment(row.rrtype, 20), htmlFragment(row.owner, 64), sources.join(QStringLiteral(", ")));
    }
    QString html = QStringLiteral("<b>%1 %2</b><br>").arg(htmlFragment(row.rrtype, 20), htmlFragment(row.rdata, 512));
    if (row.kind == TimelineRow::Kind::Record
        && (row.rrtype == QLatin1String("CNAME") || row.rrtype == QLatin1String("NS")) && hasUnicodeForm(row.rdata))
        html += QStringLiteral("%1<br>").arg(htmlFragment(domainNameForDisplay(row.rdata), 253));
    html += tr("owner: %1<br>sources: %2").arg(htmlFragment(row.owner, 253), sources.join(QStringLiteral(", ")));
    if (row.inNowAnswer)
        html += tr("<br>in the live answer now");
    return html;
}

QString TimelineView::toolTipAt(const QPoint& pos) const
{
    const Layout l = layoutFor(viewport()->size());
    if (m_cursor && cursorHandleRect().contains(pos))
        return asOfText().toHtmlEscaped();
    if (l.footer.contains(pos))
        return asOfText().toHtmlEscaped();
    const Hit hit = hitTest(pos);
    if (hit.row < 0)
        return QString();
    const TimelineRow& row = m_data.rows().at(hit.row);
    if (hit.bar >= 0)
        return barToolTip(row, row.bars.at(hit.bar));
    if (pos.x() < l.labelWidth)
        return rowToolTip(row);
    if (pos.x() > l.plot.right() && row.inNowAnswer && m_data.nowAskedAt())
        return tr("the lookup at %1 returned this").arg(readableUtc(*m_data.nowAskedAt()));
    return QString();
}

// ---- painting -------------------------------------------------------------------------------------------------

void TimelineView::paintEvent(QPaintEvent*)
{
    QPainter painter(viewport());
    render(&painter, viewport()->size());
}

QImage TimelineView::renderImage(const QSize& size) const
{
    QImage image(size, QImage::Format_ARGB32_Premultiplied);
    image.fill(palette().color(QPalette::Base));
    QPainter painter(&image);
    render(&painter, size);
    return image;
}

void TimelineView::render(QPainter* painter, const QSize& size) const
{
    QPainter& p = *painter;
    const Layout l = layoutFor(size);
    p.save();
    p.fillRect(QRectF(QPointF(0, 0), size), palette().color(QPalette::Base));
    p.setFont(l.font);
    if (m_data.rows().isEmpty()) {
        p.setPen(palette().color(QPalette::PlaceholderText));
        p.drawText(QRectF(QPointF(0, 0), size), Qt::AlignCenter,
            m_data.name().isEmpty() ? tr("Select a name or an address to see its timeline.")
                                    : tr("No observations for %1.").arg(visibleText(m_data.name())));
        p.restore();
        return;
    }
    paintRows(p, l);
    paintHeader(p, l);
    paintNowColumn(p, l);
    paintCursor(p, l);
    paintFooter(p, l);
    p.restore();
}

void TimelineView::paintHeader(QPainter& p, const Layout& l) const
{
    const QPalette& pal = palette();
    p.fillRect(l.header, pal.color(QPalette::Window));
    p.setPen(pal.color(QPalette::Mid));
    p.drawLine(QPointF(0, l.header.bottom() - 0.5), QPointF(l.size.width(), l.header.bottom() - 0.5));

    p.setFont(l.bold);
    p.setPen(pal.color(QPalette::WindowText));
    QString title = visibleText(m_data.name(), 120);
    if (hasUnicodeForm(m_data.name()))
        title += QStringLiteral("  (") + visibleText(domainNameForDisplay(m_data.name()), 120) + QLatin1Char(')');
    p.drawText(QRectF(8, l.header.top() + 2, l.labelWidth - 12, l.lineHeight), Qt::AlignLeft | Qt::AlignVCenter,
        QFontMetricsF(l.bold).elidedText(title, Qt::ElideMiddle, l.labelWidth - 12));
    p.setFont(l.small);
    p.setPen(pal.color(QPalette::PlaceholderText));
    p.drawText(QRectF(8, l.header.top() + l.lineHeight + 4, l.labelWidth - 12, l.lineHeight),
        Qt::AlignLeft | Qt::AlignVCenter,
        m_data.isAddress() ? tr("%n name(s)", nullptr, m_data.recordRowCount()) + QStringLiteral(", ")
                + tr("%n source(s), UTC", nullptr, int(m_data.sources().size()))
                           : tr("%n bar(s)", nullptr, m_data.barCount()) + QStringLiteral(", ")
                + tr("%n source(s), UTC", nullptr, int(m_data.sources().size())));

    // Ticks: the finest calendar step whose labels do not collide.
    const QFontMetricsF fm(l.small);
    TickStep step = l.axis.tickStep(60);
    const double needed = fm.horizontalAdvance(tickLabel(qint64(l.axis.start), step, true)) + 16;
    if (needed > 60)
        step = l.axis.tickStep(needed);
    const QList<qint64> ticks = l.axis.tickTimes(step);
    p.save();
    p.setClipRect(QRectF(l.plot.left(), l.header.top(), l.plot.width(), l.header.height()));
    p.setPen(pal.color(QPalette::WindowText));
    for (int i = 0; i < ticks.size(); ++i) {
        const double x = std::round(l.axis.timeToX(double(ticks.at(i)))) + 0.5;
        p.setPen(pal.color(QPalette::Mid));
        p.drawLine(QPointF(x, l.header.bottom() - 6), QPointF(x, l.header.bottom()));
        p.setPen(pal.color(QPalette::WindowText));
        p.drawText(QRectF(x + 3, l.header.top() + 2, needed + 40, l.lineHeight), Qt::AlignLeft | Qt::AlignVCenter,
            tickLabel(ticks.at(i), step, i == 0));
    }
    p.restore();
}

void TimelineView::paintRows(QPainter& p, const Layout& l) const
{
    const QPalette& pal = palette();
    const auto& rows = m_data.rows();
    p.save();
    p.setClipRect(l.rows);

    // Grid lines under everything, at the header's ticks.
    TickStep step = l.axis.tickStep(60);
    const double needed = QFontMetricsF(l.small).horizontalAdvance(tickLabel(qint64(l.axis.start), step, true)) + 16;
    if (needed > 60)
        step = l.axis.tickStep(needed);
    QColor grid = pal.color(QPalette::Mid);
    grid.setAlpha(70);

    const double first = l.scrollY;
    const double last = l.scrollY + l.rows.height();
    auto it = std::upper_bound(m_rowOffsets.cbegin(), m_rowOffsets.cend(), first);
    int begin = std::max(0, int(it - m_rowOffsets.cbegin()) - 1);
    for (int r = begin; r < rows.size() && m_rowOffsets.at(r) < last; ++r) {
        const double top = l.rows.top() + m_rowOffsets.at(r) - l.scrollY;
        const double height = m_rowOffsets.at(r + 1) - m_rowOffsets.at(r);
        const TimelineRow& row = rows.at(r);
        const QRectF band(0, top, l.size.width(), height);
        if (row.kind == TimelineRow::Kind::OwnerHeader) {
            p.fillRect(band, pal.color(QPalette::Window));
        } else if (row.kind == TimelineRow::Kind::Negative) {
            QColor tint = kNegative;
            tint.setAlpha(30);
            p.fillRect(band, tint);
            QColor stripes = kNegative;
            stripes.setAlpha(70);
            p.fillRect(QRectF(l.plot.left(), top, l.plot.width(), height), QBrush(stripes, Qt::BDiagPattern));
        } else if (r % 2 == 1) {
            p.fillRect(band, pal.color(QPalette::AlternateBase));
        }
    }
    p.setPen(grid);
    for (qint64 t : l.axis.tickTimes(step)) {
        const double x = std::round(l.axis.timeToX(double(t))) + 0.5;
        p.drawLine(QPointF(x, l.rows.top()), QPointF(x, l.rows.bottom()));
    }
    for (int r = begin; r < rows.size() && m_rowOffsets.at(r) < last; ++r) {
        const double top = l.rows.top() + m_rowOffsets.at(r) - l.scrollY;
        const double height = m_rowOffsets.at(r + 1) - m_rowOffsets.at(r);
        if (rows.at(r).kind != TimelineRow::Kind::OwnerHeader) {
            p.save();
            p.setClipRect(l.plot.intersected(QRectF(l.plot.left(), top, l.plot.width(), height)));
            paintBars(p, l, rows.at(r), top);
            p.restore();
        }
        p.fillRect(QRectF(0, top, l.labelWidth, height), pal.color(QPalette::Window));
        paintRowLabel(p, l, rows.at(r), top, height);
        p.setPen(grid);
        p.drawLine(QPointF(0, top + height - 0.5), QPointF(l.size.width(), top + height - 0.5));
    }
    p.setPen(pal.color(QPalette::Mid));
    p.drawLine(QPointF(l.labelWidth - 0.5, l.rows.top()), QPointF(l.labelWidth - 0.5, l.rows.bottom()));
    p.restore();
}

void TimelineView::paintBars(QPainter& p, const Layout& l, const TimelineRow& row, double top) const
{
    const int rowIndex = int(&row - m_data.rows().constData());
    const double height = m_rowOffsets.at(rowIndex + 1) - m_rowOffsets.at(rowIndex);
    const double lane = std::max(8.0, std::round(l.lineHeight * 0.6));
    const double block = row.laneCount * lane + (row.laneCount - 1) * 3;
    const double laneTop = top + (height - block) / 2;
    const double visibleStart = l.axis.start;
    const double visibleEnd = l.axis.end;
    const QFontMetricsF smallMetrics(l.small);
    const double countMinGap = smallMetrics.horizontalAdvance(QStringLiteral("\u00d799")) + 6;
    const QColor textColour = palette().color(QPalette::Text);
    const QColor highlight = palette().color(QPalette::Highlight);
    p.setFont(l.small);

    const auto& bars = row.bars;
    int laneBegin = 0;
    while (laneBegin < bars.size() && !bars.at(laneBegin).undated) {
        const int laneNumber = bars.at(laneBegin).lane;
        int laneEnd = laneBegin;
        while (laneEnd < bars.size() && !bars.at(laneEnd).undated && bars.at(laneEnd).lane == laneNumber)
            ++laneEnd;
        const double y = laneTop + laneNumber * (lane + 3);
        // Bars of a lane never overlap and are sorted by start, so their ends are sorted too: skip to the
        // first one that reaches into the view.
        auto first = std::lower_bound(bars.cbegin() + laneBegin, bars.cbegin() + laneEnd, visibleStart,
            [](const TimelineBar& bar, double t) { return bar.end < t; });
        double lastPixel = -1e9;
        for (auto it = first; it != bars.cbegin() + laneEnd && it->start <= visibleEnd; ++it) {
            const TimelineBar& bar = *it;
            const QColor colour = sourceColour(bar.sourceId);
            const bool selected = bar.observation == m_selectedObservation;
            const double x1 = l.axis.timeToX(bar.start);
            if (bar.point) {
                const double half = lane / 2 + 1;
                const QPointF c(x1, y + lane / 2);
                const QPointF diamond[4]
                    = {{c.x(), c.y() - half}, {c.x() + half, c.y()}, {c.x(), c.y() + half}, {c.x() - half, c.y()}};
                p.setRenderHint(QPainter::Antialiasing, true);
                p.setPen(QPen(selected ? highlight : colour.darker(150), selected ? 2 : 1));
                p.setBrush(colour);
                p.drawConvexPolygon(diamond, 4);
                p.setRenderHint(QPainter::Antialiasing, false);
                continue;
            }
            const double x2 = l.axis.timeToX(bar.end);
            // Below a pixel, many bars land on one column: paint that column once.
            if (x2 - x1 < 1.0 && std::floor(x1) == lastPixel && !selected)
                continue;
            lastPixel = std::floor(x1);
            const QRectF rect(x1, y, std::max(2.0, x2 - x1), lane);
            if (bar.dayGranular) {
                QColor light = colour;
                light.setAlpha(90);
                p.fillRect(rect, light);
                p.fillRect(rect, QBrush(colour.darker(130), Qt::BDiagPattern));
            } else {
                p.fillRect(rect, colour);
            }
            if (row.kind == TimelineRow::Kind::Negative)
                p.fillRect(rect, QBrush(kNegative.darker(120), Qt::FDiagPattern));
            if (selected || rect.width() >= 4) {
                p.setPen(selected ? QPen(highlight, 2) : QPen(colour.darker(150), 1));
                p.setBrush(Qt::NoBrush);
                p.drawRect(rect.adjusted(0.5, 0.5, -0.5, -0.5));
            }
            const auto& count = m_data.observations().at(bar.observation).observation.count;
            if (count) {
                const double nextStart
                    = (it + 1 != bars.cbegin() + laneEnd) ? l.axis.timeToX((it + 1)->start) : l.plot.right();
                if (nextStart - (x1 + rect.width()) >= countMinGap) {
                    const QString text = countText(*count);
                    const double w = smallMetrics.horizontalAdvance(text);
                    if (x1 + rect.width() + 4 + w <= nextStart) {
                        p.setPen(textColour);
                        p.drawText(QPointF(x1 + rect.width() + 4, y + lane / 2 + smallMetrics.ascent() / 2 - 1), text);
                    }
                }
            }
        }
        laneBegin = laneEnd;
    }
    // Undated sightings: hollow marks at the left edge, one per source.
    for (int b = laneBegin; b < bars.size(); ++b) {
        const TimelineBar& bar = bars.at(b);
        const QRectF r
            = QRectF(l.plot.left() + 4 + (b - laneBegin) * (lane + 3), top + (height - lane) / 2, lane, lane);
        p.setRenderHint(QPainter::Antialiasing, true);
        p.setPen(QPen(sourceColour(bar.sourceId), 2));
        p.setBrush(Qt::NoBrush);
        p.drawEllipse(r.adjusted(1, 1, -1, -1));
        p.setRenderHint(QPainter::Antialiasing, false);
    }
}

// What paintRowLabel needs to draw the label whole (up to 80 characters of its text).
double TimelineView::labelWidthFor(const TimelineRow& row, const Layout& l)
{
    const double margins = 8 + 14 * row.chainDepth + 6 + 2; // paintRowLabel's indent and right margin, and 2 px
    const QFontMetricsF small(l.small);
    switch (row.kind) {
    case TimelineRow::Kind::OwnerHeader:
        return margins
            + QFontMetricsF(l.bold).horizontalAdvance(
                (row.chainDepth > 0 ? QStringLiteral("\u21b3 ") : QString()) + visibleText(row.owner, 80));
    case TimelineRow::Kind::Negative:
        return margins + QFontMetricsF(l.bold).horizontalAdvance(visibleText(row.rdata, 40)) + 6
            + small.horizontalAdvance(tr("(%1)").arg(visibleText(row.rrtype, 40)));
    case TimelineRow::Kind::Record:
        break;
    }
    return margins + typeChipWidth(small, visibleText(row.rrtype, 12)) + 6
        + QFontMetricsF(l.font).horizontalAdvance(visibleText(row.rdata, 80));
}

void TimelineView::paintRowLabel(QPainter& p, const Layout& l, const TimelineRow& row, double top, double height) const
{
    const QPalette& pal = palette();
    const double indent = 8 + 14 * row.chainDepth;
    const QRectF area(indent, top, l.labelWidth - indent - 6, height);
    if (row.kind == TimelineRow::Kind::OwnerHeader) {
        p.setFont(l.bold);
        p.setPen(pal.color(QPalette::WindowText));
        QString text = visibleText(row.owner, 253);
        if (row.chainDepth > 0)
            text = QStringLiteral("\u21b3 ") + text;
        p.drawText(area, Qt::AlignLeft | Qt::AlignVCenter,
            QFontMetricsF(l.bold).elidedText(text, Qt::ElideMiddle, area.width()));
        if (row.chainDepth > 0) {
            p.setFont(l.small);
            p.setPen(pal.color(QPalette::PlaceholderText));
            const QString hop = tr("CNAME hop %1").arg(row.chainDepth);
            p.drawText(QRectF(l.plot.left() + 6, top, 200, height), Qt::AlignLeft | Qt::AlignVCenter, hop);
        }
        return;
    }
    const QFontMetricsF smallMetrics(l.small);
    if (row.kind == TimelineRow::Kind::Negative) {
        QFont font = l.bold;
        p.setFont(font);
        p.setPen(kNegative);
        const QString text = visibleText(row.rdata, 40);
        p.drawText(area, Qt::AlignLeft | Qt::AlignVCenter, text);
        p.setFont(l.small);
        p.setPen(pal.color(QPalette::PlaceholderText));
        const double w = QFontMetricsF(font).horizontalAdvance(text) + 6;
        p.drawText(area.adjusted(w, 0, 0, 0), Qt::AlignLeft | Qt::AlignVCenter,
            smallMetrics.elidedText(
                tr("(%1)").arg(visibleText(row.rrtype, 40)), Qt::ElideRight, std::max(0.0, area.width() - w)));
        return;
    }
    // rrtype chip, then the rdata.
    const QString type = visibleText(row.rrtype, 12);
    const double chipWidth = typeChipWidth(smallMetrics, type);
    const QRectF chip(
        area.left(), top + (height - smallMetrics.height() - 2) / 2, chipWidth, smallMetrics.height() + 2);
    QColor chipColour = pal.color(QPalette::Mid);
    chipColour.setAlpha(60);
    p.setRenderHint(QPainter::Antialiasing, true);
    p.setPen(Qt::NoPen);
    p.setBrush(chipColour);
    p.drawRoundedRect(chip, 3, 3);
    p.setRenderHint(QPainter::Antialiasing, false);
    p.setFont(l.small);
    p.setPen(pal.color(QPalette::WindowText));
    p.drawText(chip, Qt::AlignCenter, type);
    p.setFont(l.font);
    const QRectF textArea = area.adjusted(chipWidth + 6, 0, 0, 0);
    p.drawText(textArea, Qt::AlignLeft | Qt::AlignVCenter,
        QFontMetricsF(l.font).elidedText(visibleText(row.rdata, 512), Qt::ElideMiddle, textArea.width()));
}

void TimelineView::paintNowColumn(QPainter& p, const Layout& l) const
{
    if (l.nowWidth <= 0)
        return;
    const QPalette& pal = palette();
    const QRectF column(l.plot.right(), l.header.top(), l.nowWidth, l.rows.bottom() - l.header.top());
    p.save();
    p.setClipRect(column);
    p.fillRect(column, pal.color(QPalette::Window));
    p.setPen(pal.color(QPalette::Mid));
    p.drawLine(QPointF(column.left() + 0.5, column.top()), QPointF(column.left() + 0.5, column.bottom()));
    p.setFont(l.bold);
    p.setPen(pal.color(QPalette::WindowText));
    p.drawText(QRectF(column.left() + 8, column.top() + 2, column.width() - 10, l.lineHeight),
        Qt::AlignLeft | Qt::AlignVCenter, tr("Now"));
    p.setFont(l.small);
    p.setPen(pal.color(QPalette::PlaceholderText));
    const QString when = m_data.nowAskedAt() ? QDateTime::fromSecsSinceEpoch(*m_data.nowAskedAt(), QTimeZone::utc())
                                                   .toString(QStringLiteral("yyyy-MM-dd HH:mm"))
                                             : tr("not looked up");
    p.drawText(QRectF(column.left() + 8, column.top() + l.lineHeight + 4, column.width() - 10, l.lineHeight),
        Qt::AlignLeft | Qt::AlignVCenter, when);

    p.setClipRect(QRectF(column.left(), l.rows.top(), column.width(), l.rows.height()));
    const auto& rows = m_data.rows();
    for (int r = 0; r < rows.size(); ++r) {
        if (!rows.at(r).inNowAnswer)
            continue;
        const double top = l.rows.top() + m_rowOffsets.at(r) - l.scrollY;
        const double height = m_rowOffsets.at(r + 1) - m_rowOffsets.at(r);
        if (top + height < l.rows.top() || top > l.rows.bottom())
            continue;
        const bool negative = rows.at(r).kind == TimelineRow::Kind::Negative;
        const QColor colour = negative ? kNegative : pal.color(QPalette::Highlight);
        p.setRenderHint(QPainter::Antialiasing, true);
        p.setPen(Qt::NoPen);
        p.setBrush(colour);
        const double d = std::max(8.0, l.lineHeight * 0.5);
        p.drawEllipse(QRectF(column.left() + 8, top + (height - d) / 2, d, d));
        p.setRenderHint(QPainter::Antialiasing, false);
        p.setFont(negative ? l.bold : l.font);
        p.setPen(negative ? kNegative : pal.color(QPalette::WindowText));
        p.drawText(QRectF(column.left() + 12 + d, top, column.width() - 16 - d, height),
            Qt::AlignLeft | Qt::AlignVCenter, negative ? visibleText(rows.at(r).rdata, 16) : tr("resolves"));
    }
    p.restore();
}

void TimelineView::paintCursor(QPainter& p, const Layout& l) const
{
    if (!m_cursor)
        return;
    const double x = l.axis.timeToX(double(*m_cursor));
    if (x < l.plot.left() - 1 || x > l.plot.right() + 1)
        return;
    const QColor colour = palette().color(QPalette::Highlight);
    p.save();
    p.setPen(QPen(colour, 2));
    p.drawLine(QPointF(x, l.header.top() + l.lineHeight + 4), QPointF(x, l.rows.bottom()));
    const QRectF handle = [&] {
        const QString text = readableUtc(*m_cursor);
        const double w = QFontMetricsF(l.small).horizontalAdvance(text) + 12;
        const double left = std::clamp(x - w / 2, l.plot.left(), l.plot.right() - w);
        return QRectF(left, l.header.top() + l.lineHeight + 4, w, l.lineHeight + 2);
    }();
    p.setRenderHint(QPainter::Antialiasing, true);
    p.setPen(Qt::NoPen);
    p.setBrush(colour);
    p.drawRoundedRect(handle, 4, 4);
    p.setFont(l.small);
    p.setPen(palette().color(QPalette::HighlightedText));
    p.drawText(handle, Qt::AlignCenter, readableUtc(*m_cursor));
    p.restore();
}

void TimelineView::paintFooter(QPainter& p, const Layout& l) const
{
    if (l.footer.height() <= 0)
        return;
    const QPalette& pal = palette();
    p.save();
    p.setClipRect(l.footer);
    p.fillRect(l.footer, pal.color(QPalette::Window));
    p.setPen(pal.color(QPalette::Mid));
    p.drawLine(QPointF(0, l.footer.top() + 0.5), QPointF(l.size.width(), l.footer.top() + 0.5));
    double y = l.footer.top() + 5;
    auto paintLine = [&](const QList<FlowItem>& items, const QFont& font) {
        const QFontMetricsF fm(font);
        double x = 8;
        p.setFont(font);
        for (const FlowItem& item : items) {
            if (item.swatch) {
                const QColor colour = sourceColour(item.sourceId);
                const QRectF sw(x, y + (l.lineHeight - 10) / 2, 16, 10);
                bool day = false;
                for (const TimelineSource& s : m_data.sources()) {
                    if (s.id == item.sourceId)
                        day = s.timeGranularity == QLatin1String("day");
                }
                if (m_pointOnlySources.contains(item.sourceId)) {
                    const QPointF c = sw.center();
                    const QPointF diamond[4]
                        = {{c.x(), c.y() - 6}, {c.x() + 6, c.y()}, {c.x(), c.y() + 6}, {c.x() - 6, c.y()}};
                    p.setRenderHint(QPainter::Antialiasing, true);
                    p.setPen(colour.darker(150));
                    p.setBrush(colour);
                    p.drawConvexPolygon(diamond, 4);
                    p.setRenderHint(QPainter::Antialiasing, false);
                    x += 22;
                } else if (day) {
                    QColor light = colour;
                    light.setAlpha(90);
                    p.fillRect(sw, light);
                    p.fillRect(sw, QBrush(colour.darker(130), Qt::BDiagPattern));
                } else {
                    p.fillRect(sw, colour);
                }
                if (!m_pointOnlySources.contains(item.sourceId)) {
                    p.setPen(colour.darker(150));
                    p.setBrush(Qt::NoBrush);
                    p.drawRect(sw.adjusted(0.5, 0.5, -0.5, -0.5));
                    x += 22;
                }
            }
            p.setPen(pal.color(QPalette::WindowText));
            const double w = fm.horizontalAdvance(item.text);
            p.drawText(QRectF(x, y, std::min(w + 2, l.size.width() - x - 4), l.lineHeight),
                Qt::AlignLeft | Qt::AlignVCenter, fm.elidedText(item.text, Qt::ElideRight, l.size.width() - x - 4));
            x += w + 18;
        }
        y += l.lineHeight + 2;
    };
    for (const auto& line : l.legendLines)
        paintLine(line, l.small);
    if (m_cursor) {
        p.setFont(l.bold);
        p.setPen(pal.color(QPalette::WindowText));
        p.drawText(QRectF(8, y, l.size.width() - 16, l.lineHeight), Qt::AlignLeft | Qt::AlignVCenter, l.asOfTitle);
        y += l.lineHeight + 2;
        for (const auto& line : l.asOfLines)
            paintLine(line, l.font);
    }
    p.restore();
}

// ---- interaction ----------------------------------------------------------------------------------------------

void TimelineView::moveCursorTo(double x)
{
    const QRectF plot = plotRect();
    const double clamped = std::clamp(x, plot.left(), plot.right());
    setCursorTime(qint64(std::llround(m_axis.xToTime(clamped))));
}

void TimelineView::mousePressEvent(QMouseEvent* event)
{
    const QPoint pos = event->position().toPoint();
    m_pressPos = pos;
    m_lastPos = pos;
    m_pressHit = {};
    if (event->button() != Qt::LeftButton) {
        QAbstractScrollArea::mousePressEvent(event);
        return;
    }
    const Layout l = layoutFor(viewport()->size());
    const bool inPlotColumns = pos.x() >= l.plot.left() && pos.x() <= l.plot.right();
    const bool nearCursor
        = m_cursor && std::abs(l.axis.timeToX(double(*m_cursor)) - pos.x()) <= kCursorGrab && pos.y() < l.rows.bottom();
    if (inPlotColumns && (l.header.contains(pos) || nearCursor || cursorHandleRect().contains(pos))) {
        m_drag = DragMode::Cursor;
        moveCursorTo(pos.x());
    } else if (inPlotColumns && l.rows.contains(pos)) {
        m_pressHit = hitTest(pos);
        m_drag = m_pressHit.bar >= 0 ? DragMode::PendingSelect : DragMode::Pan;
        if (m_drag == DragMode::Pan)
            viewport()->setCursor(Qt::ClosedHandCursor);
    } else if (pos.x() < l.labelWidth && l.rows.contains(pos)) {
        m_pressHit = hitTest(pos);
        m_drag = DragMode::PendingSelect;
    }
    event->accept();
}

void TimelineView::mouseMoveEvent(QMouseEvent* event)
{
    const QPoint pos = event->position().toPoint();
    const QPoint delta = pos - m_lastPos;
    m_lastPos = pos;
    switch (m_drag) {
    case DragMode::Cursor:
        moveCursorTo(pos.x());
        break;
    case DragMode::PendingSelect:
        if ((pos - m_pressPos).manhattanLength() < kDragThreshold)
            break;
        m_drag = DragMode::Pan;
        viewport()->setCursor(Qt::ClosedHandCursor);
        [[fallthrough]];
    case DragMode::Pan:
        m_axis = m_axis.panned(delta.x());
        if (delta.y() != 0)
            verticalScrollBar()->setValue(verticalScrollBar()->value() - delta.y());
        viewport()->update();
        break;
    case DragMode::None: {
        const Layout l = layoutFor(viewport()->size());
        const bool overCursor = m_cursor && pos.x() >= l.plot.left() && pos.x() <= l.plot.right()
            && (std::abs(l.axis.timeToX(double(*m_cursor)) - pos.x()) <= kCursorGrab || l.header.contains(pos));
        viewport()->setCursor(overCursor ? Qt::SizeHorCursor : Qt::ArrowCursor);
        break;
    }
    }
    event->accept();
}

void TimelineView::mouseReleaseEvent(QMouseEvent* event)
{
    if (m_drag == DragMode::PendingSelect && m_pressHit.row >= 0) {
        const TimelineRow& row = m_data.rows().at(m_pressHit.row);
        int observation = -1;
        if (m_pressHit.bar >= 0)
            observation = row.bars.at(m_pressHit.bar).observation;
        else if (!row.bars.isEmpty())
            observation = row.bars.first().observation;
        if (observation >= 0) {
            m_selectedObservation = observation;
            viewport()->update();
            emit observationSelected(m_data.observations().at(observation));
        }
    }
    m_drag = DragMode::None;
    viewport()->setCursor(Qt::ArrowCursor);
    event->accept();
}

void TimelineView::wheelEvent(QWheelEvent* event)
{
    const QPointF pos = event->position();
    const Layout l = layoutFor(viewport()->size());
    const QPoint angle = event->angleDelta();
    if (pos.x() < l.labelWidth || pos.x() > l.plot.right()) {
        QAbstractScrollArea::wheelEvent(event); // over the labels: scroll the rows
        return;
    }
    if (event->modifiers() & Qt::ShiftModifier || angle.x() != 0) {
        const int d = angle.x() != 0 ? angle.x() : angle.y();
        m_axis = m_axis.panned(d / 120.0 * l.plot.width() / 10.0);
    } else if (angle.y() != 0) {
        // One notch zooms by sqrt(2) around the time under the mouse.
        m_axis = m_axis.zoomedAround(pos.x(), std::pow(2.0, angle.y() / 240.0));
    }
    viewport()->update();
    event->accept();
}

void TimelineView::keyPressEvent(QKeyEvent* event)
{
    const QRectF plot = plotRect();
    const bool ctrl = event->modifiers() & Qt::ControlModifier;
    if (ctrl && event->key() == Qt::Key_0) {
        fitAll();
    } else if (ctrl && (event->key() == Qt::Key_Plus || event->key() == Qt::Key_Equal)) {
        m_axis = m_axis.zoomedAround(plot.center().x(), std::sqrt(2.0));
    } else if (ctrl && event->key() == Qt::Key_Minus) {
        m_axis = m_axis.zoomedAround(plot.center().x(), 1.0 / std::sqrt(2.0));
    } else if (event->key() == Qt::Key_Left && !ctrl) {
        m_axis = m_axis.panned(plot.width() / 10);
    } else if (event->key() == Qt::Key_Right && !ctrl) {
        m_axis = m_axis.panned(-plot.width() / 10);
    } else if (ctrl && (event->key() == Qt::Key_Left || event->key() == Qt::Key_Right) && m_cursor) {
        // Ctrl+arrows step the cursor by one screen pixel's worth of time (at least a second).
        const double step = std::max(1.0, m_axis.secondsPerPixel());
        setCursorTime(*m_cursor + qint64(event->key() == Qt::Key_Left ? -step : step));
    } else {
        QAbstractScrollArea::keyPressEvent(event);
        return;
    }
    viewport()->update();
    event->accept();
}

void TimelineView::contextMenuEvent(QContextMenuEvent* event)
{
    if (m_data.name().isEmpty())
        return;
    const Layout l = layoutFor(viewport()->size());
    const QPoint pos = event->pos();
    std::optional<qint64> time = m_cursor;
    if (pos.x() >= l.plot.left() && pos.x() <= l.plot.right())
        time = qint64(std::llround(l.axis.xToTime(pos.x())));
    auto* menu = new QMenu(this);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    if (time) {
        const qint64 t = *time;
        const QString name = m_data.name();
        if (!m_data.isAddress()) { // a hosts line pins a name, not an address
            QAction* hosts = menu->addAction(tr("Hosts override as of %1\u2026").arg(readableUtc(t)));
            hosts->setObjectName(QStringLiteral("hostsOverrideAction"));
            connect(hosts, &QAction::triggered, this, [this, name, t] { emit hostsOverrideRequested(name, t); });
        }
        QAction* move = menu->addAction(tr("Move the time cursor here"));
        connect(move, &QAction::triggered, this, [this, t] { setCursorTime(t); });
    }
    QAction* fit = menu->addAction(tr("Fit all"));
    fit->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_0));
    connect(fit, &QAction::triggered, this, &TimelineView::fitAll);
    menu->popup(event->globalPos());
    event->accept();
}

bool TimelineView::viewportEvent(QEvent* event)
{
    if (event->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(event);
        const QString text = toolTipAt(help->pos());
        if (text.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(help->globalPos(), text, viewport());
        return true;
    }
    return QAbstractScrollArea::viewportEvent(event);
}

} // namespace pdnsw
