#include "ui/jobs/ExportJob.h"

#include "models/itemmodels/UntrustedText.h"

#include <QFileInfo>

namespace pdnsw {

ExportJob::ExportJob(CaseExportRequest request, QObject* parent)
    : BackgroundJob(
        tr("Export %1 to %2").arg(exportFormatName(request.format).toUpper(), QFileInfo(request.outputPath).fileName()),
        parent)
    , m_request(std::move(request))
{
}

bool ExportJob::run(QString* message)
{
    reportProgress(0, 0, tr("reading the case"), true);
    m_result = exportCase(m_request, [this](qint64 records) {
        reportProgress(records, 0, tr("%1 records").arg(countText(records)));
        return !cancelRequested();
    });
    if (m_result.cancelled) {
        *message = tr("cancelled; %1 was not written").arg(m_request.outputPath);
        return false;
    }
    if (!m_result.ok) {
        *message = m_result.error;
        return false;
    }
    *message = tr("%1 records to %2 (SHA-256 %3); manifest %4")
                   .arg(countText(m_result.records), m_request.outputPath, m_result.sha256.left(16) + u'\u2026',
                       QFileInfo(m_result.manifestPath).fileName());
    if (!m_result.warnings.isEmpty())
        *message += QStringLiteral("; ") + m_result.warnings.join(QStringLiteral("; "));
    return true;
}

} // namespace pdnsw
