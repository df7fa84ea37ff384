#include "ui/timeline/TimeAxis.h"

#include <QDate>
#include <QDateTime>
#include <QTimeZone>

#include <algorithm>
#include <array>
#include <cmath>

namespace pdnsw {

namespace {

constexpr qint64 kDay = 86400;
// 1970-01-05 was a Monday: weeks are aligned to Mondays.
constexpr qint64 kMondayOffset = 4 * kDay;

// The candidate steps, finest first.
constexpr std::array<TickStep, 29> kSteps{{
    {TickStep::Unit::Second, 1},
    {TickStep::Unit::Second, 2},
    {TickStep::Unit::Second, 5},
    {TickStep::Unit::Second, 10},
    {TickStep::Unit::Second, 15},
    {TickStep::Unit::Second, 30},
    {TickStep::Unit::Minute, 1},
    {TickStep::Unit::Minute, 2},
    {TickStep::Unit::Minute, 5},
    {TickStep::Unit::Minute, 10},
    {TickStep::Unit::Minute, 15},
    {TickStep::Unit::Minute, 30},
    {TickStep::Unit::Hour, 1},
    {TickStep::Unit::Hour, 2},
    {TickStep::Unit::Hour, 3},
    {TickStep::Unit::Hour, 6},
    {TickStep::Unit::Hour, 12},
    {TickStep::Unit::Day, 1},
    {TickStep::Unit::Day, 2},
    {TickStep::Unit::Week, 1},
    {TickStep::Unit::Week, 2},
    {TickStep::Unit::Month, 1},
    {TickStep::Unit::Month, 3},
    {TickStep::Unit::Month, 6},
    {TickStep::Unit::Year, 1},
    {TickStep::Unit::Year, 2},
    {TickStep::Unit::Year, 5},
    {TickStep::Unit::Year, 10},
    {TickStep::Unit::Year, 50},
}};

qint64 fixedStepSeconds(const TickStep& step)
{
    switch (step.unit) {
    case TickStep::Unit::Second:
        return step.multiple;
    case TickStep::Unit::Minute:
        return 60LL * step.multiple;
    case TickStep::Unit::Hour:
        return 3600LL * step.multiple;
    case TickStep::Unit::Day:
        return kDay * step.multiple;
    case TickStep::Unit::Week:
        return 7 * kDay * step.multiple;
    case TickStep::Unit::Month:
    case TickStep::Unit::Year:
        return 0;
    }
    return 0;
}

qint64 floorDiv(qint64 a, qint64 b)
{
    return a >= 0 ? a / b : -((-a + b - 1) / b);
}

QDateTime utc(qint64 t)
{
    return QDateTime::fromSecsSinceEpoch(t, QTimeZone::utc());
}

} // namespace

double TickStep::approximateSeconds() const
{
    if (unit == Unit::Month)
        return 30.44 * kDay * multiple;
    if (unit == Unit::Year)
        return 365.25 * kDay * multiple;
    return double(fixedStepSeconds(*this));
}

double TimeAxis::timeToX(double t) const
{
    if (span() <= 0)
        return left;
    return left + (t - start) * width / span();
}

double TimeAxis::xToTime(double x) const
{
    if (width <= 0)
        return start;
    return start + (x - left) * span() / width;
}

TimeAxis TimeAxis::normalized() const
{
    TimeAxis axis = *this;
    if (!std::isfinite(axis.start) || !std::isfinite(axis.end)) {
        axis.start = 0;
        axis.end = kDay;
    }
    double length = std::clamp(axis.end - axis.start, minimumSpan, maximumSpan);
    double centre = (axis.start + axis.end) / 2.0;
    axis.start = centre - length / 2.0;
    axis.end = centre + length / 2.0;
    if (axis.start < earliest) {
        axis.start = earliest;
        axis.end = earliest + length;
    }
    if (axis.end > latest) {
        axis.end = latest;
        axis.start = latest - length;
    }
    axis.width = std::max(axis.width, 1.0);
    return axis;
}

TimeAxis TimeAxis::zoomedAround(double x, double factor) const
{
    if (!(factor > 0) || !std::isfinite(factor))
        return *this;
    double anchor = xToTime(x);
    double newSpan = std::clamp(span() / factor, minimumSpan, maximumSpan);
    double fraction = width > 0 ? (x - left) / width : 0.5;
    TimeAxis axis = *this;
    axis.start = anchor - fraction * newSpan;
    axis.end = axis.start + newSpan;
    return axis.normalized();
}

TimeAxis TimeAxis::panned(double dx) const
{
    TimeAxis axis = *this;
    double shift = dx * secondsPerPixel();
    axis.start -= shift;
    axis.end -= shift;
    return axis.normalized();
}

TimeAxis TimeAxis::withPixels(double newLeft, double newWidth) const
{
    TimeAxis axis = *this;
    axis.left = newLeft;
    axis.width = newWidth;
    return axis.normalized();
}

TimeAxis TimeAxis::fitted(double first, double last, double left, double width, double marginFraction)
{
    if (last < first)
        std::swap(first, last);
    TimeAxis axis;
    axis.left = left;
    axis.width = width;
    double length = last - first;
    if (length <= 0) {
        axis.start = first - kDay / 2.0;
        axis.end = first + kDay / 2.0;
    } else {
        double margin = length * std::max(0.0, marginFraction);
        axis.start = first - margin;
        axis.end = last + margin;
    }
    return axis.normalized();
}

TickStep TimeAxis::tickStep(double minPixels) const
{
    double needed = secondsPerPixel() * std::max(1.0, minPixels);
    for (const TickStep& step : kSteps) {
        // Calendar steps are judged by their shortest case (28-day months, 365-day years) so that labels
        // never come closer than asked.
        double shortest = step.approximateSeconds();
        if (step.unit == TickStep::Unit::Month)
            shortest = 28.0 * kDay * step.multiple;
        else if (step.unit == TickStep::Unit::Year)
            shortest = 365.0 * kDay * step.multiple;
        if (shortest >= needed)
            return step;
    }
    // Beyond fifty years per tick: keep widening in centuries.
    int centuries = int(std::ceil(needed / TickStep{TickStep::Unit::Year, 100}.approximateSeconds()));
    return TickStep{TickStep::Unit::Year, 100 * std::max(1, centuries)};
}

QList<qint64> TimeAxis::tickTimes(const TickStep& step) const
{
    QList<qint64> ticks;
    const qint64 from = qint64(std::ceil(start));
    const qint64 to = qint64(std::floor(end));
    if (to < from || step.multiple <= 0)
        return ticks;
    // Never more ticks than pixels: a bad step must not cost a million iterations.
    const qsizetype cap = qsizetype(std::max(2.0, width)) + 2;

    if (qint64 seconds = fixedStepSeconds(step); seconds > 0) {
        qint64 offset = step.unit == TickStep::Unit::Week ? kMondayOffset : 0;
        qint64 t = floorDiv(from - offset, seconds) * seconds + offset;
        if (t < from)
            t += seconds;
        for (; t <= to && ticks.size() < cap; t += seconds)
            ticks.append(t);
        return ticks;
    }

    const QDate firstDate = utc(from).date();
    QDate date;
    if (step.unit == TickStep::Unit::Month) {
        int monthIndex = firstDate.month() - 1;
        monthIndex -= monthIndex % step.multiple;
        date = QDate(firstDate.year(), monthIndex + 1, 1);
    } else {
        int year = firstDate.year();
        year -= ((year % step.multiple) + step.multiple) % step.multiple;
        date = QDate(year, 1, 1);
    }
    while (date.isValid() && ticks.size() < cap) {
        qint64 t = QDateTime(date, QTime(0, 0), QTimeZone::utc()).toSecsSinceEpoch();
        if (t > to)
            break;
        if (t >= from)
            ticks.append(t);
        date = step.unit == TickStep::Unit::Month ? date.addMonths(step.multiple) : date.addYears(step.multiple);
    }
    return ticks;
}

QString tickLabel(qint64 t, const TickStep& step, bool withDate)
{
    const QDateTime time = utc(t);
    switch (step.unit) {
    case TickStep::Unit::Year:
        return time.toString(QStringLiteral("yyyy"));
    case TickStep::Unit::Month:
        return time.toString(QStringLiteral("yyyy-MM"));
    case TickStep::Unit::Day:
    case TickStep::Unit::Week:
        return time.toString(QStringLiteral("yyyy-MM-dd"));
    case TickStep::Unit::Hour:
    case TickStep::Unit::Minute: {
        bool midnight = time.time() == QTime(0, 0);
        return time.toString(withDate || midnight ? QStringLiteral("yyyy-MM-dd HH:mm") : QStringLiteral("HH:mm"));
    }
    case TickStep::Unit::Second:
        return time.toString(withDate ? QStringLiteral("yyyy-MM-dd HH:mm:ss") : QStringLiteral("HH:mm:ss"));
    }
    return time.toString(Qt::ISODate);
}

QString readableUtc(qint64 t)
{
    return utc(t).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss 'UTC'"));
}

} // namespace pdnsw
