#pragma once

#include "models/CaseReader.h"
#include "models/NotesStore.h"
#include "models/ProviderQueryLog.h"
#include "models/SourceInfo.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace pdnsw {

// Everything an exporter needs besides the observations, which are streamed to it one by one.
struct ExportContext
{
    QString caseId;
    QString caseTitle;
    qint64 exportTime = 0; // UTC seconds; also the created/modified time of generated STIX/MISP objects
    QString toolVersion;
    QList<SourceInfo> sources;
    QList<Note> notes;
    QList<ProviderQueryRecord> queries; // the audit log: never contains a key
    CaseCounts counts;
    ExportFilter filter;
    // For the report: the sandbox override produced for the exported names, and how it was chosen.
    QString hostsOverride;
    QStringList hostsNotes;

    const SourceInfo* source(qint64 id) const
    {
        for (const SourceInfo& s : sources) {
            if (s.id == id)
                return &s;
        }
        return nullptr;
    }
};

} // namespace pdnsw
