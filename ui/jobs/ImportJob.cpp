#include "ui/jobs/ImportJob.h"

#include "capture/FileImporter.h"
#include "capture/logs/LogImporter.h"
#include "capture/packet/PacketProcessor.h"
#include "capture/packet/PcapImporter.h"
#include "models/CaseFile.h"
#include "models/ObservationWriter.h"
#include "models/itemmodels/UntrustedText.h"

#include <QFile>
#include <QFileInfo>
#include <QtEndian>

namespace pdnsw {

ImportJob::ImportJob(QString casePath, QString filePath, std::optional<PassiveDnsLayout> passiveDnsLayout,
    CaptureOptions capture, QObject* parent)
    : BackgroundJob(tr("Import %1").arg(QFileInfo(filePath).fileName()), parent)
    , m_casePath(std::move(casePath))
    , m_filePath(std::move(filePath))
    , m_passiveDnsLayout(std::move(passiveDnsLayout))
    , m_capture(std::move(capture))
{
}

QString ImportJob::fileKind(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    // A capture by its magic number, also when gzip-compressed. Anything else goes the log way, whose messages say
    // what the file is not (or which compression it is in).
    return detectInputFormat(path, nullptr) == InputFormat::Pcap ? QStringLiteral("pcap") : QStringLiteral("log");
}

bool ImportJob::run(QString* message)
{
    const QString kind = fileKind(m_filePath);
    if (kind.isEmpty()) {
        *message = tr("%1 cannot be read: check that it exists and that you may read it.").arg(m_filePath);
        return false;
    }
    if (kind == QLatin1String("pcap"))
        return importCapture(message);
    return importLog(message);
}

bool ImportJob::importCapture(QString* message)
{
    if (!m_captureOptionsError.isEmpty()) {
        *message = tr("%1. Captures are decoded on these ports; correct them and import the capture again.")
                       .arg(m_captureOptionsError);
        return false;
    }
    CaseError caseError;
    CaseFile::Options options;
    options.runQuickCheck = false; // the window validated the case when it opened it
    auto file = CaseFile::open(m_casePath, CaseFile::Mode::OpenExisting, options, &caseError);
    if (!file) {
        *message = caseError.message;
        return false;
    }
    ObservationWriter writer(*file);
    writer.setPipelined(true); // this job's own connection: nothing else uses it meanwhile
    PcapImporter importer(m_capture);
    importer.setProgressCallback(
        [this](const ImportProgress& p) {
            reportProgress(p.bytesRead, p.fileSize,
                tr("%1 packets, %2 records, %3 errors")
                    .arg(countText(p.packets), countText(p.records), countText(p.errors)));
        },
        8192);
    const PcapImportResult result = importer.importIntoCase(m_filePath, writer, cancelFlag());
    m_sourceId = result.sourceId;
    m_sha256 = result.sha256;
    m_records = result.observations;
    switch (result.status) {
    case PcapImportResult::Status::Duplicate:
        *message = tr("already in the case (same SHA-256 as source %1); nothing imported").arg(result.sourceId);
        return true;
    case PcapImportResult::Status::Failed:
        *message = result.error;
        return false;
    case PcapImportResult::Status::Cancelled:
        *message = tr("cancelled; kept what was committed: %1 records").arg(countText(result.observations));
        return false;
    case PcapImportResult::Status::Ok:
        break;
    }
    reportProgress(result.fileSize, result.fileSize, QString(), true);
    *message = tr("%1 %2 records, %3 unanswered queries%4")
                   .arg(result.format, countText(result.observations), countText(result.unanswered),
                       result.readError ? tr("; the file ends in a read error, the rest was kept") : QString());
    if (const QString skipped = skippedLocalLinkSummary(result.stats); !skipped.isEmpty())
        *message += tr("; %1 (tick mDNS / LLMNR beside Ports and import the file again to read them)").arg(skipped);
    return true;
}

bool ImportJob::importLog(QString* message)
{
    QString error;
    auto format = LogImporter::detectFileFormat(m_filePath, &error);
    if (!format && m_passiveDnsLayout && !m_passiveDnsLayout->isDefault())
        format = LogFormat::PassiveDns;
    if (!format) {
        *message = error;
        return false;
    }
    reportProgress(0, 0, tr("computing SHA-256"), true);
    const auto digest = LogImporter::digestFile(m_filePath, cancelFlag(), &error);
    if (!digest) {
        *message = cancelRequested() ? tr("Cancelled while hashing; nothing was imported.") : error;
        return false;
    }
    m_sha256 = digest->sha256;

    CaseError caseError;
    CaseFile::Options options;
    options.runQuickCheck = false; // the window validated the case when it opened it
    auto file = CaseFile::open(m_casePath, CaseFile::Mode::OpenExisting, options, &caseError);
    if (!file) {
        *message = caseError.message;
        return false;
    }
    ObservationWriter writer(*file);
    writer.setPipelined(true); // this job's own connection: nothing else uses it meanwhile
    switch (writer.beginSource(LogImporter::sourceInfo(m_filePath, *format, *digest, m_passiveDnsLayout), &caseError)) {
    case ObservationWriter::Begin::Duplicate:
        m_sourceId = writer.duplicateOf();
        *message = tr("already in the case (same SHA-256 as source %1); nothing imported").arg(m_sourceId);
        return true;
    case ObservationWriter::Begin::Failed:
        *message = caseError.message;
        return false;
    case ObservationWriter::Begin::Started:
    case ObservationWriter::Begin::Resumed:
        break;
    }
    m_sourceId = writer.sourceId();

    LogImportOptions importOptions;
    importOptions.format = format;
    importOptions.expectedSha256 = digest->sha256;
    importOptions.passiveDnsLayout = m_passiveDnsLayout;
    LogImporter importer(importOptions);
    importer.setCancelFlag(cancelFlag());
    importer.setProgressCallback([this](const LogImportProgress& p) {
        reportProgress(p.bytesRead, p.totalBytes,
            tr("%1 lines, %2 records, %3 rejected")
                .arg(countText(p.lines), countText(p.observations), countText(p.rejectedLines)));
    });
    const LogImportStats stats = importer.importFile(m_filePath, writer);
    m_records = stats.observations;
    m_rejected = stats.rejectedLines;
    if (!writer.finish(stats.ok() && !stats.readNothing(), stats.toJson(), &caseError)) {
        *message = caseError.message;
        return false;
    }
    reportProgress(stats.size, stats.size, QString(), true);
    if (!stats.failure.isEmpty()) {
        *message = stats.failure;
        return false;
    }
    if (stats.ok() && stats.readNothing()) {
        *message = stats.readNothingMessage(QFileInfo(m_filePath).fileName());
        return false;
    }
    *message = tr("%1 lines, %2 records, %3 rejected lines (%4)")
                   .arg(countText(stats.linesRead), countText(stats.observations), countText(stats.rejectedLines),
                       logFormatName(*format));
    if (stats.cancelled)
        *message = tr("cancelled; kept what was committed: %1").arg(*message);
    return stats.ok();
}

} // namespace pdnsw
