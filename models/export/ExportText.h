#pragma once

#include <QString>
#include <QStringView>

namespace pdnsw {

// Text helpers shared by the exporters. Everything that comes from a capture or a provider is attacker-
// controlled: control, bidi and invisible characters are shown as visible escapes before the text reaches a
// report, an XML file or a DOT label.

// "2018-01-01T00:00:00Z"
QString exportIsoTime(qint64 secondsSinceEpoch);
// STIX 2.1 timestamp: "2018-01-01T00:00:00.000Z" (millisecond precision, always UTC).
QString stixTime(qint64 secondsSinceEpoch);
// MISP datetime: "2018-01-01T00:00:00.000000+00:00" (microseconds, explicit zone).
QString mispTime(qint64 secondsSinceEpoch);

// Control characters as \xNN, bidi/invisible characters and lone surrogates as \uNNNN; everything else kept.
QString visibleText(QStringView text);
// visibleText, then HTML-escaped (<, >, &, ").
QString htmlText(QStringView text);
// True when every character may appear in an XML 1.0 document (after visibleText it always is).
bool isXmlSafe(QStringView text);

} // namespace pdnsw
