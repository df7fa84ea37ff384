#pragma once

#include <QString>
#include <QStringView>

namespace pdnsw {

// Text from captures and providers is attacker-controlled. These helpers make it safe to show:
// control and bidi-override characters become visible escapes (\x0a, \u202e) so a name cannot fake a line
// break or reorder what the analyst reads, and over-long text is cut with an ellipsis.

// For painting as plain text (QPainter::drawText, plain-text labels).
QString visibleUntrusted(QStringView text, int maxLength = 256);
// For any rich-text sink (tooltips are always rich text): visibleUntrusted, then HTML-escaped.
QString htmlUntrusted(QStringView text, int maxLength = 256);

} // namespace pdnsw
