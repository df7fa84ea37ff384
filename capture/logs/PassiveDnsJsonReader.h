#pragma once

#include "capture/logs/LogReader.h"

namespace pdnsw {

// gamelinux passivedns JSON log (built with jansson, -j / -J): one object per line with the keys
// timestamp_s, timestamp_ms (microseconds, despite the name), timestamp ("%Y-%m-%d %H:%M:%S", only with the
// -f T field), client, server, proto, class, query, query_len, type, answer, answer_len, ttl, count, hostname.
// Which keys appear depends on passivedns' -f option; query, type and answer are required here.
class PassiveDnsJsonReader : public LogReader
{
public:
    LogFormat format() const override { return LogFormat::PassiveDnsJson; }
    LineOutcome readLine(QByteArrayView line, qint64 lineNumber, ObservationSink& sink) override;
};

} // namespace pdnsw
