#pragma once

#include <QList>
#include <QString>
#include <QtGlobal>

namespace pdnsw {

// A tick step on a UTC calendar: "every 2 hours", "every 3 months". Months and years are calendar steps, not
// fixed second counts, so ticks land on the first of the month / year.
struct TickStep
{
    enum class Unit : quint8
    {
        Second,
        Minute,
        Hour,
        Day,
        Week,
        Month,
        Year
    };
    Unit unit = Unit::Day;
    int multiple = 1;

    // Nominal length in seconds (a month counts 30.44 days, a year 365.25); for choosing steps only.
    double approximateSeconds() const;
    bool operator==(const TickStep&) const = default;
};

// The pure time <-> pixel mapping of the timeline: the visible UTC range [start, end] laid over the pixels
// [left, left + width]. Times are seconds since the epoch as doubles so deep zooms stay smooth. Every
// operation returns a new axis and keeps the span inside [minimumSpan, maximumSpan] and the range inside
// [earliest, latest], so no input (a 2200-01-01 housekeeping row, a zero-length interval) breaks the view.
struct TimeAxis
{
    static constexpr double minimumSpan = 10.0; // ten seconds across the view
    static constexpr double maximumSpan = 200.0 * 365.25 * 86400.0; // two centuries
    static constexpr double earliest = 0.0; // 1970-01-01
    static constexpr double latest = 253402300799.0; // 9999-12-31T23:59:59Z

    double start = 0.0;
    double end = 86400.0;
    double left = 0.0;
    double width = 100.0;

    double span() const { return end - start; }
    double secondsPerPixel() const { return width > 0 ? span() / width : 0.0; }
    double timeToX(double t) const;
    double xToTime(double x) const;
    bool containsTime(double t) const { return t >= start && t <= end; }

    // Zoom by factor (> 1 zooms in) keeping the time under pixel x where it is.
    TimeAxis zoomedAround(double x, double factor) const;
    // Moves the content by dx pixels (positive: the content follows a drag to the right, showing earlier times).
    TimeAxis panned(double dx) const;
    // The same range over other pixels (the widget was resized).
    TimeAxis withPixels(double newLeft, double newWidth) const;
    // Shows [first, last] with a margin (fraction of the span) on both sides; a single instant gets a day.
    static TimeAxis fitted(double first, double last, double left, double width, double marginFraction = 0.04);

    // The finest calendar step whose ticks are at least minPixels apart.
    TickStep tickStep(double minPixels) const;
    // Tick times (UTC calendar boundaries of the step) inside [start, end].
    QList<qint64> tickTimes(const TickStep& step) const;

    bool operator==(const TimeAxis&) const = default;

private:
    TimeAxis normalized() const;
};

// Label for a tick at t for the step: "2018-03", "2018-03-05", "14:30", "14:30:15"; the first tick and ticks
// at midnight also carry the date when the step is below a day. Always UTC.
QString tickLabel(qint64 t, const TickStep& step, bool withDate);

// "2018-03-05 14:30:15 UTC", the form used in readouts and tooltips.
QString readableUtc(qint64 t);

} // namespace pdnsw
