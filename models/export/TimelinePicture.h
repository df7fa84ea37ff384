#pragma once

#include "models/CaseReader.h"

#include <QImage>
#include <QList>

namespace pdnsw {

// The report's timeline picture: one row per (name, type, data), one bar per source from first to last seen,
// negative answers hatched red, a UTC date axis and a source legend. Answers of "now" lookups (source kind
// "lookup:...", the system resolver) stand in a column of their own at the right, as in the window: on the axis,
// a lookup made years after the evidence would squeeze the incident into a sliver. Drawn with QPainter into an image,
// so no widget or SVG module is needed; text needs fonts, so a QGuiApplication must exist (else a null image).
struct TimelinePictureOptions
{
    int width = 1400;
    int maxRows = 40;
};

struct TimelinePicture
{
    QImage image;
    int rowsDrawn = 0;
    int rowsLeftOut = 0; // beyond maxRows
    qint64 axisFirst = 0; // the dates the axis covers (UTC seconds)
    qint64 axisLast = 0;
    bool nowColumn = false; // "now" answers drawn beside the axis
    QString problem; // why the image is null, if it is
};

TimelinePicture drawTimelinePicture(
    const QList<SourcedObservation>& records, const TimelinePictureOptions& options = {});

} // namespace pdnsw
