#pragma once

#include <QString>
#include <QStringView>

#include <optional>

namespace pdnsw {

// Times in the case are UTC seconds since the epoch. These helpers are the one place that turns text into
// such seconds and back, so every importer, provider and the CLI agree.

// Accepts epoch seconds ("1514764800", "1514764800.25"), ISO 8601 / RFC 3339 with or without a zone
// ("2018-01-01T00:00:00Z", "2018-01-01 00:00:00", "2018-01-01T01:00:00+01:00"; no zone means UTC) and
// plain dates ("2018-01-01" = midnight UTC). nullopt for anything else.
std::optional<qint64> parseUtcTime(QStringView text);

// Epoch milliseconds -> seconds (floor), for sources such as Mnemonic.
constexpr qint64 millisToSeconds(qint64 ms)
{
    return ms >= 0 ? ms / 1000 : -((-ms + 999) / 1000);
}

// From the epoch to 9999-12-31T23:59:59Z: the times the formatters below write by plain arithmetic, always as
// "yyyy-MM-ddTHH:mm:ss" and a suffix. Others (before 1970, past year 9999) go through QDateTime.
constexpr bool isPlainUtcTime(qint64 secondsSinceEpoch)
{
    return secondsSinceEpoch >= 0 && secondsSinceEpoch <= 253402300799;
}

// "2018-01-01T00:00:00Z"
QString formatUtcTime(qint64 secondsSinceEpoch);
// Empty string for an empty time.
QString formatUtcTime(const std::optional<qint64>& secondsSinceEpoch);

} // namespace pdnsw
