#pragma once

#include "models/CaseReader.h"

#include <QImage>
#include <QList>

namespace pdnsw {

// The report's timeline picture: one row per (name, type, data), one bar per source from first to last seen,
// negative answers hatched red, a UTC date axis and a source legend. Drawn with QPainter into an image, so no
// widget or SVG module is needed; text needs fonts, so a QGuiApplication must exist (else a null image).
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
    QString problem; // why the image is null, if it is
};

TimelinePicture drawTimelinePicture(
    const QList<SourcedObservation>& records, const TimelinePictureOptions& options = {});

} // namespace pdnsw
