#pragma once

#include <QColor>

namespace pdnsw {

// A distinct colour per source when the caller gives none: a qualitative palette first (no red, which means
// "negative answer" on the timeline), then hues spread by the golden angle.
QColor defaultSourceColour(int index);

} // namespace pdnsw
