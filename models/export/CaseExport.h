#pragma once

#include "models/CaseReader.h"
#include "models/export/ExportFormat.h"

#include <QIODevice>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

namespace pdnsw {

struct CaseExportRequest
{
    QString casePath;
    ExportFormat format = ExportFormat::Json;
    ExportFilter filter; // names (with their CNAME chains), since/until, sources
    QString outputPath; // written atomically, with FILE.manifest.json beside it
    QIODevice* device = nullptr; // instead of outputPath (stdout): no manifest
    std::optional<qint64> exportTime; // default: now
    int reportOverrideNames = 50; // report only: at most this many names get a hosts override
    // Instead of exportFormatRecordLimit(format): formats that hold every record stop past this many.
    std::optional<qint64> recordLimit;
};

struct CaseExportResult
{
    bool ok = false;
    bool cancelled = false;
    QString error; // names the file and what to do
    qint64 records = 0;
    QString sha256; // of the export file (outputPath only)
    QString manifestPath; // (outputPath only)
    QStringList warnings; // e.g. negative answers COF cannot carry
};

// Called every few thousand records with the count so far; return false to cancel (the output file is then
// not created).
using ExportProgress = std::function<bool(qint64 records)>;

// Runs one export over a case on its own read connections: streams the observations through the format's
// Exporter, writes the file atomically (QSaveFile) and the manifest. Safe to call from a worker thread (PDF
// and the HTML picture need a QGuiApplication to exist in the process).
CaseExportResult exportCase(const CaseExportRequest& request, const ExportProgress& progress = {});

} // namespace pdnsw
