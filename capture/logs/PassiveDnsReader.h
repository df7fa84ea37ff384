#pragma once

#include "capture/logs/LogReader.h"

namespace pdnsw {

// gamelinux passivedns text log, fields separated by "||":
//   since 1.0: timestamp||client||server||class||query||type||answer||ttl||count   (timestamp "1322849924.408856")
//   before 1.0: timestamp||client||server||class||query||type||answer||ttl         (timestamp "1322849924")
// An answer that itself contains "||" (TXT text) is rejoined: the fixed fields are taken from both ends.
// Lines starting with '#' (the README's column header) are comments.
class PassiveDnsReader : public LogReader
{
public:
    LogFormat format() const override { return LogFormat::PassiveDns; }
    LineOutcome readLine(QByteArrayView line, qint64 lineNumber, ObservationSink& sink) override;
};

} // namespace pdnsw
