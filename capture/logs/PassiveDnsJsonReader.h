#pragma once

#include "capture/logs/LogReader.h"
#include "capture/logs/PassiveDnsLayout.h"

#include <optional>

namespace pdnsw {

// gamelinux passivedns JSON log (built with jansson, -j / -J): one object per line with the keys
// timestamp_s, timestamp_ms (microseconds, despite the name), timestamp ("%Y-%m-%d %H:%M:%S", the sensor's local
// time, with the -f H field), client, server, proto, class, query, query_len, type, answer, answer_len, ttl, count,
// hostname. Which keys appear depends on passivedns' -f option; query, type and answer are required here. A line
// dated only by "timestamp" needs the sensor's UTC offset (from the layout); without it the line is refused, not
// misdated.
class PassiveDnsJsonReader : public LogReader
{
public:
    explicit PassiveDnsJsonReader(std::optional<PassiveDnsLayout> layout = std::nullopt)
        : m_layout(std::move(layout))
    {
    }
    LogFormat format() const override { return LogFormat::PassiveDnsJson; }
    LineOutcome readLine(QByteArrayView line, qint64 lineNumber, ObservationSink& sink) override;

private:
    std::optional<PassiveDnsLayout> m_layout;
};

} // namespace pdnsw
