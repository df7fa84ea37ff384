#pragma once

#include "capture/logs/LogReader.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace pdnsw {

// One dns.log entry as both Zeek writers (TSV and JSON) give it, before it becomes observations.
struct ZeekDnsRecord
{
    qint64 ts = 0;
    std::optional<QString> query; // unset when Zeek saw no question
    std::optional<quint16> qtype;
    QString qtypeName;
    std::optional<int> rcode;
    QString rcodeName;
    QStringList answers;
    QList<std::optional<qint64>> ttls; // same order as answers; may be shorter
    QString client; // id.orig_h, canonical text or empty
    QString server; // id.resp_h
};

// Maps one record to observations (see ZeekDnsRecord.cpp for how a flattened CNAME chain is rebuilt).
// Reports unusable parts as errors for the line; returns Rejected when nothing of the line could be used.
LineOutcome emitZeekRecord(const ZeekDnsRecord& record, qint64 lineNumber, ObservationSink& sink);

// Zeek's qtype_name for a few types differs from the IANA mnemonic ("*" for ANY, "query-65" for unknowns).
QString zeekQtypeToRrType(const std::optional<quint16>& qtype, QStringView qtypeName);

} // namespace pdnsw
