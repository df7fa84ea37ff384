#pragma once

#include "models/SourceInfo.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace pdnsw {

// What FILE.manifest.json says about an export: which case, when, by which tool, the SHA-256 of the export and
// of every input (imported files; provider answer pages by their hashes).
struct ExportManifest
{
    QString caseId;
    QString caseTitle;
    QString caseFile;
    qint64 exportTime = 0;
    QString format;
    qint64 records = 0;
    QJsonObject filter;
    QList<SourceInfo> sources;
    QJsonArray providerQueries; // [{id, provider, question, started_at, answers: [{page, sha256}]}]
    QJsonObject extra; // format-specific facts (e.g. skipped negative answers)
};

QString manifestPathFor(const QString& exportPath);

// Hex SHA-256 of a file's bytes; empty with *error set when it cannot be read.
QString sha256OfFile(const QString& path, QString* error);

// Hashes the export file and writes FILE.manifest.json beside it atomically. Returns the manifest path, or an
// empty string with *error set. `exportSha256`, when given, receives the export's hash (read once: an export
// can be tens of GB).
QString writeExportManifest(
    const QString& exportPath, const ExportManifest& manifest, QString* error, QString* exportSha256 = nullptr);

} // namespace pdnsw
