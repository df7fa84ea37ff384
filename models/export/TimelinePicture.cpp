#include "models/export/TimelinePicture.h"

#include "models/SourceInfo.h"
#include "models/export/ExportText.h"

#include <QDateTime>
#include <QFontMetrics>
#include <QGuiApplication>
#include <QMap>
#include <QPainter>

#include <algorithm>

namespace pdnsw {

namespace {

constexpr int kRowHeight = 22;
constexpr int kAxisHeight = 34;
constexpr int kLegendRowHeight = 20;
constexpr int kLabelWidth = 470;
constexpr int kMargin = 12;
constexpr int kNowWidth = 110; // the "now" column

bool isNowLookup(const SourcedObservation& r)
{
    return isNowLookupKind(r.sourceKind);
}

const QColor kSourceColors[] = {
    QColor(0x1f, 0x77, 0xb4),
    QColor(0xff, 0x7f, 0x0e),
    QColor(0x2c, 0xa0, 0x2c),
    QColor(0x94, 0x67, 0xbd),
    QColor(0x8c, 0x56, 0x4b),
    QColor(0xe3, 0x77, 0xc2),
    QColor(0x7f, 0x7f, 0x7f),
    QColor(0x17, 0xbe, 0xcf),
};

struct Row
{
    QString name;
    QString label;
    bool negative = false;
    QList<const SourcedObservation*> records;
    qint64 firstSeen = 0;
};

QString dayText(qint64 t)
{
    return QDateTime::fromSecsSinceEpoch(t, Qt::UTC).toString(QStringLiteral("yyyy-MM-dd"));
}

} // namespace

TimelinePicture drawTimelinePicture(const QList<SourcedObservation>& records, const TimelinePictureOptions& options)
{
    TimelinePicture result;
    if (!qobject_cast<QGuiApplication*>(QCoreApplication::instance())) {
        result.problem = QStringLiteral("the timeline picture needs a QGuiApplication (fonts); none is running");
        return result;
    }

    // Rows keyed by name, then type and data; a row's place is its name and its first sighting.
    QMap<QString, Row> rowsByKey;
    QList<qint64> sourceOrder;
    const bool anyEvidence = std::any_of(records.cbegin(), records.cend(), [](const SourcedObservation& r) {
        return !isNowLookup(r) && (r.observation.firstSeen || r.observation.lastSeen);
    });
    std::optional<qint64> lo;
    std::optional<qint64> hi;
    std::optional<qint64> nowTime; // the latest "now" lookup, for the column's heading
    for (const SourcedObservation& r : records) {
        const Observation& o = r.observation;
        if (!o.firstSeen && !o.lastSeen)
            continue;
        const qint64 first = o.firstSeen.value_or(*o.lastSeen);
        const qint64 last = std::max(first, o.lastSeen.value_or(first));
        if (anyEvidence && isNowLookup(r)) {
            nowTime = std::max(nowTime.value_or(last), last);
        } else {
            lo = std::min(lo.value_or(first), first);
            hi = std::max(hi.value_or(last), last);
        }
        const QString key = o.rrname + u'\x1f' + o.rrtype + u'\x1f' + o.rdata + u'\x1f' + sectionName(o.section);
        Row& row = rowsByKey[key];
        if (row.records.isEmpty()) {
            row.name = o.rrname;
            row.label = QStringLiteral("%1  %2  %3")
                            .arg(visibleText(o.rrname),
                                o.section == Section::Negative ? QStringLiteral("--") : o.rrtype, visibleText(o.rdata));
            row.negative = o.section == Section::Negative;
            row.firstSeen = first;
        }
        row.firstSeen = std::min(row.firstSeen, first);
        row.records.append(&r);
        if (!sourceOrder.contains(r.sourceId))
            sourceOrder.append(r.sourceId);
    }
    QList<Row> rows = rowsByKey.values();
    std::stable_sort(rows.begin(), rows.end(),
        [](const Row& a, const Row& b) { return a.name != b.name ? a.name < b.name : a.firstSeen < b.firstSeen; });
    if (rows.size() > options.maxRows) {
        result.rowsLeftOut = static_cast<int>(rows.size()) - options.maxRows;
        rows = rows.mid(0, options.maxRows);
    }
    result.rowsDrawn = static_cast<int>(rows.size());

    const int legendRows = static_cast<int>((sourceOrder.size() + 2) / 3);
    const int height = kMargin * 2 + kAxisHeight + std::max<int>(1, static_cast<int>(rows.size())) * kRowHeight
        + (legendRows + 1) * kLegendRowHeight;
    result.image = QImage(options.width, height, QImage::Format_RGB32);
    result.image.fill(Qt::white);
    QPainter p(&result.image);
    p.setRenderHint(QPainter::Antialiasing, false);
    QFont font(QStringLiteral("DejaVu Sans"));
    font.setPixelSize(12);
    p.setFont(font);
    const QFontMetrics metrics(font);

    result.nowColumn = nowTime.has_value();
    const int plotLeft = kMargin + kLabelWidth;
    const int nowLeft = options.width - kMargin - (result.nowColumn ? kNowWidth : 0);
    const int plotRight = nowLeft - (result.nowColumn ? 10 : 0);
    const int plotTop = kMargin + kAxisHeight;
    if (!lo) {
        p.drawText(QRect(kMargin, kMargin, options.width - 2 * kMargin, kAxisHeight), Qt::AlignLeft | Qt::AlignVCenter,
            QStringLiteral("No dated observations to draw."));
        return result;
    }
    // A little room on both sides; a single instant still gets a visible span.
    const qint64 span = std::max<qint64>(*hi - *lo, 86400);
    const double start = static_cast<double>(*lo) - span * 0.02;
    const double end = static_cast<double>(*lo) + span * 1.02;
    result.axisFirst = static_cast<qint64>(start);
    result.axisLast = static_cast<qint64>(end);
    auto x = [&](qint64 t) {
        return plotLeft + static_cast<int>((static_cast<double>(t) - start) / (end - start) * (plotRight - plotLeft));
    };

    // Axis: about eight ticks at whole days.
    p.setPen(QColor(0x60, 0x60, 0x60));
    const qint64 step = std::max<qint64>(86400, (span / 8 + 86399) / 86400 * 86400);
    const int plotBottom = plotTop + std::max<int>(1, static_cast<int>(rows.size())) * kRowHeight;
    for (qint64 t = (static_cast<qint64>(start) / 86400 + 1) * 86400; t < end; t += step) {
        const int tx = x(t);
        p.setPen(QColor(0xdd, 0xdd, 0xdd));
        p.drawLine(tx, plotTop, tx, plotBottom);
        p.setPen(QColor(0x40, 0x40, 0x40));
        p.drawText(QRect(tx - 60, kMargin, 120, kAxisHeight - 6), Qt::AlignHCenter | Qt::AlignBottom, dayText(t));
    }
    p.drawText(QRect(kMargin, kMargin, kLabelWidth - 10, kAxisHeight - 6), Qt::AlignLeft | Qt::AlignBottom,
        QStringLiteral("name  type  data (UTC)"));
    if (result.nowColumn) {
        p.setPen(QColor(0x90, 0x90, 0x90));
        p.drawLine(nowLeft - 5, plotTop, nowLeft - 5, plotBottom);
        p.setPen(QColor(0x40, 0x40, 0x40));
        p.drawText(QRect(nowLeft, kMargin, kNowWidth, kAxisHeight - 6), Qt::AlignHCenter | Qt::AlignBottom,
            QStringLiteral("now: ") + dayText(*nowTime));
    }

    for (int i = 0; i < rows.size(); ++i) {
        const Row& row = rows.at(i);
        const int top = plotTop + i * kRowHeight;
        if (i % 2 == 1)
            p.fillRect(QRect(kMargin, top, options.width - 2 * kMargin, kRowHeight), QColor(0xf5, 0xf5, 0xf5));
        p.setPen(row.negative ? QColor(0xa0, 0x00, 0x00) : QColor(0x20, 0x20, 0x20));
        p.drawText(QRect(kMargin, top, kLabelWidth - 10, kRowHeight), Qt::AlignLeft | Qt::AlignVCenter,
            metrics.elidedText(row.label, Qt::ElideMiddle, kLabelWidth - 10));
        // One lane per source in this row, so overlapping sources stay visible.
        QList<qint64> lanes;
        for (const SourcedObservation* r : row.records) {
            if (!lanes.contains(r->sourceId))
                lanes.append(r->sourceId);
        }
        const int laneCount = static_cast<int>(std::min<qsizetype>(lanes.size(), 4));
        const int laneHeight = std::max(3, (kRowHeight - 6) / std::max(1, laneCount));
        for (const SourcedObservation* r : row.records) {
            const Observation& o = r->observation;
            const qint64 first = o.firstSeen.value_or(*o.lastSeen);
            const qint64 last = std::max(first, o.lastSeen.value_or(first));
            const int lane = static_cast<int>(std::min<qsizetype>(lanes.indexOf(r->sourceId), 3));
            // A "now" answer is a mark in its column; everything else a bar on the axis.
            const bool now = result.nowColumn && isNowLookup(*r);
            const int x0 = now ? nowLeft + kNowWidth / 2 - 6 : x(first);
            const int x1 = now ? x0 + 12 : std::max(x0 + 3, x(last));
            const QRect bar(x0, top + 3 + lane * laneHeight, x1 - x0, laneHeight - 1);
            const QColor color = kSourceColors[sourceOrder.indexOf(r->sourceId) % std::size(kSourceColors)];
            if (row.negative) {
                p.fillRect(bar, QBrush(QColor(0xc0, 0x00, 0x00), Qt::BDiagPattern));
                p.setPen(color);
                p.drawRect(bar.adjusted(0, 0, -1, -1));
            } else {
                p.fillRect(bar, color);
            }
        }
    }

    // Legend: the sources' colours.
    int legendTop = plotBottom + kLegendRowHeight / 2;
    const int columnWidth = (options.width - 2 * kMargin) / 3;
    for (qsizetype i = 0; i < sourceOrder.size(); ++i) {
        const int lx = kMargin + static_cast<int>(i % 3) * columnWidth;
        const int ly = legendTop + static_cast<int>(i / 3) * kLegendRowHeight;
        p.fillRect(QRect(lx, ly + 5, 14, 10), kSourceColors[i % std::size(kSourceColors)]);
        QString label;
        for (const SourcedObservation& r : records) {
            if (r.sourceId == sourceOrder.at(i)) {
                label = QStringLiteral("%1 (%2)").arg(visibleText(r.sourceLabel), r.sourceKind);
                break;
            }
        }
        p.setPen(QColor(0x20, 0x20, 0x20));
        p.drawText(QRect(lx + 20, ly, columnWidth - 24, kLegendRowHeight), Qt::AlignLeft | Qt::AlignVCenter,
            metrics.elidedText(label, Qt::ElideRight, columnWidth - 24));
    }
    legendTop += legendRows * kLegendRowHeight;
    p.setPen(QColor(0xa0, 0x00, 0x00));
    QString footer = QStringLiteral("hatched: negative answer (NXDOMAIN, NODATA, ...)");
    if (result.rowsLeftOut > 0)
        footer += QStringLiteral("; %1 more rows not drawn").arg(result.rowsLeftOut);
    p.drawText(QRect(kMargin, legendTop, options.width - 2 * kMargin, kLegendRowHeight),
        Qt::AlignLeft | Qt::AlignVCenter, footer);
    return result;
}

} // namespace pdnsw
