#include "models/export/ExportManifest.h"

#include "models/Sha256.h"
#include "models/export/ExportText.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSaveFile>

namespace pdnsw {

QString manifestPathFor(const QString& exportPath)
{
    return exportPath + QStringLiteral(".manifest.json");
}

QString sha256OfFile(const QString& path, QString* error)
{
    return fileSha256(path, nullptr, error).value_or(QString());
}

QString writeExportManifest(
    const QString& exportPath, const ExportManifest& manifest, QString* error, QString* exportSha256)
{
    const QString hash = sha256OfFile(exportPath, error);
    if (hash.isEmpty())
        return {};
    if (exportSha256)
        *exportSha256 = hash;

    QJsonArray sources;
    for (const SourceInfo& s : manifest.sources) {
        QJsonObject o;
        o.insert(QStringLiteral("id"), s.id);
        o.insert(QStringLiteral("label"), s.label);
        o.insert(QStringLiteral("kind"), s.kind);
        o.insert(QStringLiteral("sha256"), s.sha256.isEmpty() ? QJsonValue() : QJsonValue(s.sha256));
        o.insert(QStringLiteral("size"), s.size < 0 ? QJsonValue() : QJsonValue(s.size));
        o.insert(QStringLiteral("state"), s.state);
        o.insert(QStringLiteral("imported_at"), exportIsoTime(s.importedAt));
        sources.append(o);
    }
    QJsonObject root;
    root.insert(QStringLiteral("manifest_version"), 1);
    root.insert(QStringLiteral("tool"), QStringLiteral("PDNS Workbench"));
    root.insert(QStringLiteral("tool_version"), QStringLiteral(PDNSW_VERSION));
    root.insert(QStringLiteral("case_id"), manifest.caseId);
    root.insert(QStringLiteral("case_title"), manifest.caseTitle);
    root.insert(QStringLiteral("case_file"), QFileInfo(manifest.caseFile).fileName());
    root.insert(QStringLiteral("export_time"), exportIsoTime(manifest.exportTime));
    root.insert(QStringLiteral("format"), manifest.format);
    root.insert(QStringLiteral("export_file"), QFileInfo(exportPath).fileName());
    root.insert(QStringLiteral("export_sha256"), hash);
    root.insert(QStringLiteral("export_size"), QFileInfo(exportPath).size());
    root.insert(QStringLiteral("records"), manifest.records);
    root.insert(QStringLiteral("filter"), manifest.filter);
    root.insert(QStringLiteral("sources"), sources);
    root.insert(QStringLiteral("provider_queries"), manifest.providerQueries);
    for (auto it = manifest.extra.constBegin(); it != manifest.extra.constEnd(); ++it)
        root.insert(it.key(), it.value());

    const QString path = manifestPathFor(exportPath);
    QSaveFile file(path);
    const QByteArray data = QJsonDocument(root).toJson(QJsonDocument::Indented);
    if (!file.open(QIODevice::WriteOnly) || file.write(data) != data.size() || !file.commit()) {
        if (error)
            *error = QStringLiteral("cannot write the manifest %1: %2").arg(path, file.errorString());
        return {};
    }
    return path;
}

} // namespace pdnsw
