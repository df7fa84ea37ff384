#pragma once

#include <QString>
#include <QtGlobal>

namespace pdnsw {

// One source of observations in a case: an imported file, a live capture, or an online provider.
struct SourceInfo
{
    qint64 id = 0;
    QString kind; // "pcap", "live", "zeek", "passivedns", "cof", "provider:<id>", ...
    QString label; // shown to the analyst: file name, interface, provider name
    QString path; // imported file path, interface name or provider base URL
    QString sha256; // hex SHA-256 of the imported file; empty for live captures and providers
    qint64 size = -1; // bytes of the imported file; -1 when not a file
    qint64 importedAt = 0;
    QString parameters; // JSON object: format, ports, filter, options used
    QString timeGranularity = QStringLiteral("second"); // "second", "day" or "none"
    QString timeKind = QStringLiteral("sensor"); // "sensor", "zone", "lookup" or "current"
    QString state = QStringLiteral("importing"); // "importing", "complete" or "incomplete"
    QString stats; // JSON object: lines/packets read, imported, merged, rejected, errors
    bool countIsMax = false; // provider sources: a repeated record keeps the larger count instead of a sum
    qint64 observationCount = 0; // filled by queries

    bool isComplete() const { return state == QLatin1String("complete"); }
};

// A "now" lookup (kind "lookup:...", the system resolver): an answer for the moment it was asked, not evidence of
// the past. Timelines keep it beside their axis.
inline bool isNowLookupKind(const QString& kind)
{
    return kind.startsWith(QLatin1String("lookup:"));
}

} // namespace pdnsw
