#pragma once

#include "capture/logs/LogReader.h"

namespace pdnsw {

// Zeek's dns.log written as JSON lines (LogAscii::use_json=T, or json-streaming-logs): one object per line
// with flat "id.orig_h" keys (a nested "id" object is read too), ts as epoch number or ISO 8601 string
// (LogAscii::json_timestamps). Lines whose "_path" is another log are skipped.
class ZeekJsonReader : public LogReader
{
public:
    LogFormat format() const override { return LogFormat::ZeekJson; }
    LineOutcome readLine(QByteArrayView line, qint64 lineNumber, ObservationSink& sink) override;

private:
    bool m_foreignReported = false;
};

} // namespace pdnsw
