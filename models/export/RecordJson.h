#pragma once

#include "models/CaseReader.h"
#include "models/export/ExportContext.h"

#include <QJsonObject>

namespace pdnsw {

// One observation as a JSON object with its source's label, kind and time meaning (the JSON export's records;
// also what the report and tests compare against). Times as ISO 8601 and epoch seconds; absent ones omitted.
QJsonObject recordToJson(const SourcedObservation& record, const ExportContext& context);

// The COF (draft-dulaunoy-dnsop-passive-dns-cof) object of a positive answer: rrname, rrtype, rdata,
// time_first, time_last, count, sensor_id, bailiwick when known. Empty for negative answers, which COF cannot
// express.
QJsonObject recordToCof(const SourcedObservation& record, const ExportContext& context);

} // namespace pdnsw
