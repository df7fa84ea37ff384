#pragma once

// Small builders for the exports suites: records and sources as CaseReader returns them.
#include "models/CaseReader.h"
#include "models/UtcTime.h"

namespace pdnsw::testdata {

inline qint64 t(const char* iso)
{
    return *parseUtcTime(QString::fromLatin1(iso));
}

inline SourcedObservation record(qint64 sourceId, const QString& label, const QString& rrname, const QString& rrtype,
    const QString& rdata, std::optional<qint64> first, std::optional<qint64> last,
    std::optional<qint64> count = std::nullopt, Section section = Section::Answer)
{
    SourcedObservation r;
    r.id = 0;
    r.sourceId = sourceId;
    r.sourceLabel = label;
    r.sourceKind = QStringLiteral("pcap");
    r.timeGranularity = QStringLiteral("second");
    r.timeKind = QStringLiteral("sensor");
    r.observation.rrname = rrname;
    r.observation.rrtype = rrtype;
    r.observation.rdata = rdata;
    r.observation.section = section;
    r.observation.firstSeen = first;
    r.observation.lastSeen = last;
    r.observation.count = count;
    return r;
}

inline SourcedObservation negative(
    qint64 sourceId, const QString& label, const QString& rrname, const QString& rcode, qint64 first, qint64 last)
{
    return record(sourceId, label, rrname, QStringLiteral("A"), rcode, first, last, 1, Section::Negative);
}

} // namespace pdnsw::testdata
