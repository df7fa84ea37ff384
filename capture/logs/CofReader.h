#pragma once

#include "capture/logs/LogReader.h"

#include <QJsonObject>

namespace pdnsw {

// Passive DNS Common Output Format (draft-dulaunoy-dnsop-passive-dns-cof) as NDJSON, the way CIRCL, DNSDB and
// dnsdbq write it, leniently:
//  - rrname with or without the trailing dot; rrtype as mnemonic, number or numeric string;
//  - rdata as a string or a list (one observation per element);
//  - time_first / time_last as numbers, numeric strings or ISO 8601 (dnsdbq humantime); zone_time_first /
//    zone_time_last when the sensor times are missing (then attrs says "time_source":"zone"), or
//    time_first_ms / time_last_ms;
//  - count as number or string; bailiwick, sensor_id and origin kept in attrs;
//  - CIRCL's example rows with rrname and rdata swapped (an A/AAAA record whose rrname is an address and rdata
//    a name) are turned back and marked "swapped":true; a first time after the last is swapped likewise.
// DNSDB's SAF framing is understood too: {"cond":"begin"}, {"obj":{...}}, {"cond":"succeeded"}, keep-alive {}
// lines, and "limited" / "failed" or a missing terminator are reported as incomplete results.
class CofReader : public LogReader
{
public:
    LogFormat format() const override { return LogFormat::Cof; }
    LineOutcome readLine(QByteArrayView line, qint64 lineNumber, ObservationSink& sink) override;
    void finish(qint64 lastLine, ObservationSink& sink) override;

private:
    LineOutcome readRecord(const QJsonObject& record, qint64 lineNumber, ObservationSink& sink);
    LineOutcome readFraming(const QJsonObject& object, qint64 lineNumber, ObservationSink& sink);

    bool m_inStream = false; // a SAF "begin" without its terminator yet
    qint64 m_streamBeginLine = 0;
};

} // namespace pdnsw
