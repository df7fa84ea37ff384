#pragma once

// A real case file with the sample records (ExportTestData.h), notes and a provider query, written through
// the coordinator's ObservationWriter / NotesStore / ProviderQueryLog: what the DB-backed export tests read.
#include "ExportTestData.h"
#include "models/CaseFile.h"
#include "models/NotesStore.h"
#include "models/ObservationWriter.h"
#include "models/ProviderQueryLog.h"

namespace pdnsw::testdata {

// Returns an empty string on success, else what failed.
inline QString createSampleCase(const QString& path, int extraRecords = 0)
{
    CaseError error;
    auto file = CaseFile::open(path, CaseFile::Mode::CreateIfMissing, &error);
    if (!file)
        return error.message;
    const ExportContext context = sampleContext();
    const QList<SourcedObservation> records = sampleRecords();
    {
        ObservationWriter writer(*file);
        for (const SourceInfo& s : context.sources) {
            SourceInfo info = s;
            info.timeGranularity = s.id == 3 ? QStringLiteral("none") : QStringLiteral("second");
            info.timeKind = s.id == 1 ? QStringLiteral("sensor") : QStringLiteral("lookup");
            if (writer.beginSource(info, &error) != ObservationWriter::Begin::Started)
                return QStringLiteral("beginSource: ") + error.message;
            for (const SourcedObservation& r : records) {
                if (r.sourceId == s.id && !writer.addObservation(r.observation))
                    return QStringLiteral("addObservation: ") + writer.lastError().message;
            }
            if (s.id == 1) {
                for (int i = 0; i < extraRecords; ++i) {
                    Observation o;
                    o.rrname = QStringLiteral("bulk%1.example").arg(i);
                    o.rrtype = QStringLiteral("A");
                    o.rdata = QStringLiteral("10.%1.%2.%3").arg(i >> 16 & 255).arg(i >> 8 & 255).arg(i & 255);
                    o.firstSeen = 1500000000 + i;
                    o.lastSeen = 1500000000 + i;
                    o.count = 1;
                    if (!writer.addObservation(o))
                        return QStringLiteral("addObservation: ") + writer.lastError().message;
                }
            }
            if (!writer.finish(true, {}, &error))
                return QStringLiteral("finish: ") + error.message;
        }
    }
    NotesStore notes(*file);
    for (const Note& n : context.notes) {
        if (notes.addNote(n.subject, n.body, &error) <= 0)
            return QStringLiteral("addNote: ") + error.message;
    }
    ProviderQueryLog log(*file);
    ProviderQueryRecord q = context.queries.first();
    q.id = log.begin(q, &error);
    if (q.id <= 0)
        return QStringLiteral("query log: ") + error.message;
    if (!log.addPage(ProviderAnswerPage{q.id, 1,
                         QStringLiteral("https://api.dnsdb.info/dnsdb/v2/lookup/rrset/name/"
                                        "www.bad.example"),
                         200, q.startedAt + 1, {}, QByteArray("{\"cond\":\"succeeded\"}\n")},
            &error))
        return QStringLiteral("addPage: ") + error.message;
    if (!log.finish(q, &error))
        return QStringLiteral("query log finish: ") + error.message;
    return {};
}

} // namespace pdnsw::testdata
