#pragma once

#include <QString>
#include <QStringView>

#include <optional>

namespace pdnsw {

// Text from captures and providers is attacker-controlled. Views show it through these helpers only:
// control, bidi and invisible characters become visible escapes (\x0a, \u202e) so a name cannot spoof a row,
// break a line or reorder text, and very long values are elided so they cannot stall a layout.

inline constexpr qsizetype kMaxCellText = 512;
inline constexpr qsizetype kMaxToolTipText = 4096;

// Plain text safe for a cell or a PlainText label.
QString visibleText(QStringView text, qsizetype maxLength = kMaxCellText);

// A piece of a larger rich text (a tooltip built from parts): visibleText, then HTML-escaped.
QString htmlFragment(QStringView text, qsizetype maxLength = kMaxCellText);

// Rich text for a tooltip (QToolTip always takes rich text): the visible text HTML-escaped, inside <qt>...</qt>
// so it is never re-interpreted by the rich-text heuristic. Lines may be joined with '\n'.
QString toolTipText(QStringView text, qsizetype maxLength = kMaxToolTipText);

// "www.xn--bcher-kva.example (www.bücher.example)" when the Unicode form differs, else the name.
QString nameWithUnicode(QStringView aLabelName);

// Compact UTC time for tables: "2018-02-01 12:00:00", or "2018-02-01" for day-granular sources.
QString tableTime(const std::optional<qint64>& seconds, QStringView granularity = u"second");

// Thousands-grouped count, empty for an unknown count.
QString countText(const std::optional<qint64>& count);

// "1.2 MB"
QString byteSizeText(qint64 bytes);

} // namespace pdnsw
