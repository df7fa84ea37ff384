#pragma once

#include "models/CaseReader.h"
#include "models/export/ExportContext.h"

#include <QByteArray>

namespace pdnsw {

// One observation as a compact JSON object, appended to `out`, with its source's label, kind and time meaning
// (the JSON export's records). Times as ISO 8601 and epoch seconds; absent ones omitted.
void appendRecordJson(QByteArray& out, const SourcedObservation& record, const ExportContext& context);

// The COF (draft-dulaunoy-dnsop-passive-dns-cof) object of a positive answer, appended to `out`: rrname, rrtype,
// rdata, time_first, time_last, count, sensor_id, bailiwick when known. False, appending nothing, for negative
// answers, which COF cannot express.
bool appendRecordCof(QByteArray& out, const SourcedObservation& record, const ExportContext& context);

} // namespace pdnsw
