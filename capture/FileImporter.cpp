#include "capture/FileImporter.h"

#include "capture/InputFileReader.h"
#include "capture/logs/LogImporter.h"
#include "capture/packet/PacketProcessor.h"
#include "capture/packet/PcapImporter.h"
#include "models/ObservationWriter.h"

#include <QFile>
#include <QFileInfo>

namespace pdnsw {

namespace {

LogFormat toLogFormat(InputFormat format)
{
    switch (format) {
    case InputFormat::ZeekTsv:
        return LogFormat::ZeekTsv;
    case InputFormat::ZeekJson:
        return LogFormat::ZeekJson;
    case InputFormat::PassiveDns:
        return LogFormat::PassiveDns;
    case InputFormat::PassiveDnsJson:
        return LogFormat::PassiveDnsJson;
    case InputFormat::Cof:
    case InputFormat::Pcap:
        break;
    }
    return LogFormat::Cof;
}

InputFormat fromLogFormat(LogFormat format)
{
    switch (format) {
    case LogFormat::ZeekTsv:
        return InputFormat::ZeekTsv;
    case LogFormat::ZeekJson:
        return InputFormat::ZeekJson;
    case LogFormat::PassiveDns:
        return InputFormat::PassiveDns;
    case LogFormat::PassiveDnsJson:
        return InputFormat::PassiveDnsJson;
    case LogFormat::Cof:
        break;
    }
    return InputFormat::Cof;
}

// Classic pcap in both byte orders and both time resolutions, and the pcapng Section Header Block.
bool isCaptureMagic(const QByteArray& head)
{
    if (head.size() < 4)
        return false;
    const auto b = [&](int i) { return static_cast<unsigned char>(head.at(i)); };
    const quint32 be = (quint32(b(0)) << 24) | (quint32(b(1)) << 16) | (quint32(b(2)) << 8) | quint32(b(3));
    const quint32 le = (quint32(b(3)) << 24) | (quint32(b(2)) << 16) | (quint32(b(1)) << 8) | quint32(b(0));
    for (quint32 magic : {0xa1b2c3d4u, 0xa1b23c4du})
        if (be == magic || le == magic)
            return true;
    return be == 0x0a0d0d0au;
}

} // namespace

QString inputFormatName(InputFormat format)
{
    if (format == InputFormat::Pcap)
        return QStringLiteral("pcap");
    return logFormatName(toLogFormat(format));
}

std::optional<InputFormat> inputFormatFromName(QStringView name)
{
    if (name.compare(u"pcap", Qt::CaseInsensitive) == 0 || name.compare(u"pcapng", Qt::CaseInsensitive) == 0)
        return InputFormat::Pcap;
    if (auto log = logFormatFromName(name))
        return fromLogFormat(*log);
    return std::nullopt;
}

QStringList inputFormatNames()
{
    return QStringList{QStringLiteral("pcap"), QStringLiteral("pcapng")} + logFormatNames();
}

std::optional<InputFormat> detectInputFormat(const QString& path, QString* error)
{
    // Through the reader: a gzip-compressed capture or log is told by what it decompresses to.
    InputFileReader file;
    QString openError;
    if (!file.open(path, &openError)) {
        if (error)
            *error = openError + u'.';
        return std::nullopt;
    }
    const QByteArray head = file.read(4);
    if (isCaptureMagic(head))
        return InputFormat::Pcap;
    QString logError;
    if (auto log = LogImporter::detectFileFormat(path, &logError))
        return fromLogFormat(*log);
    if (error)
        *error = logError.isEmpty()
            ? QStringLiteral("%1: not a capture or a DNS log this workbench knows; name the format with --format "
                             "(%2). Also, %3.")
                  .arg(path, inputFormatNames().join(QStringLiteral(", ")), PassiveDnsLayout::howToGiveLayout())
            : logError;
    return std::nullopt;
}

FileImporter::FileImporter(Options options)
    : m_options(std::move(options))
{
}

FileImportResult FileImporter::importIntoCase(const QString& path, ObservationWriter& writer)
{
    FileImportResult result;
    result.path = path;
    const QFileInfo info(path);
    if (!info.exists() || !info.isFile()) {
        result.message = QStringLiteral("%1: no such file.").arg(path);
        return result;
    }
    std::optional<InputFormat> format = m_options.format;
    if (!format) {
        QString error;
        format = detectInputFormat(path, &error);
        if (!format && m_options.passiveDnsLayout && !m_options.passiveDnsLayout->isDefault()
            && QFileInfo(path).isReadable())
            format = InputFormat::PassiveDns;
        if (!format) {
            result.message = error;
            return result;
        }
    }
    result.format = format;
    if (*format == InputFormat::Pcap)
        return importCapture(path, writer);
    return importLog(path, toLogFormat(*format), writer);
}

FileImportResult FileImporter::importCapture(const QString& path, ObservationWriter& writer)
{
    FileImportResult result;
    result.path = path;
    result.format = InputFormat::Pcap;
    PcapImporter importer(m_options.capture);
    if (m_progress) {
        importer.setProgressCallback([this](const ImportProgress& p) {
            m_progress(FileImportProgress{p.bytesRead, p.fileSize, p.packets, p.records, p.errors, true});
        });
    }
    const PcapImportResult r = importer.importIntoCase(path, writer, m_cancel);
    result.sourceId = r.sourceId;
    result.sha256 = r.sha256;
    result.size = r.fileSize;
    result.items = static_cast<qint64>(r.stats.packets);
    result.dnsMessages = static_cast<qint64>(r.stats.dnsMessages);
    result.observations = r.observations;
    result.inserted = writer.stats().inserted;
    result.merged = writer.stats().merged;
    result.rejected = static_cast<qint64>(r.stats.malformedDns + r.stats.headerErrors);
    result.errorCount = static_cast<qint64>(r.stats.problems);
    if (result.errorCount > 0 && writer.sourceId() == r.sourceId) {
        // The packet path reports its problems through the sink; the case keeps them per source.
        result.errors.append(QStringLiteral("%1: %2 problem(s); see pdnsw-cli sources --errors %3")
                                 .arg(path)
                                 .arg(result.errorCount)
                                 .arg(r.sourceId));
    }
    switch (r.status) {
    case PcapImportResult::Status::Ok:
        result.status = FileImportResult::Status::Imported;
        result.message = QStringLiteral("%1: %2 packets, %3 DNS messages, %4 records (%5 new, %6 merged), %7 problems")
                             .arg(path)
                             .arg(result.items)
                             .arg(result.dnsMessages)
                             .arg(result.observations)
                             .arg(result.inserted)
                             .arg(result.merged)
                             .arg(result.errorCount);
        if (r.readError)
            result.message += QStringLiteral("; the file ends in an error (kept what came before)");
        if (const QString skipped = skippedLocalLinkSummary(r.stats); !skipped.isEmpty())
            result.message += QStringLiteral("; %1 (import again with %2 to read them)")
                                  .arg(skipped, skippedLocalLinkFlags(r.stats));
        break;
    case PcapImportResult::Status::Duplicate:
        result.status = FileImportResult::Status::Duplicate;
        result.message = r.error;
        break;
    case PcapImportResult::Status::Cancelled:
        result.status = FileImportResult::Status::Cancelled;
        result.message = QStringLiteral("%1: cancelled after %2 packets; the committed part is kept and the source "
                                        "is marked incomplete.")
                             .arg(path)
                             .arg(result.items);
        break;
    case PcapImportResult::Status::Failed:
        result.status = FileImportResult::Status::Failed;
        result.message = r.error;
        break;
    }
    return result;
}

FileImportResult FileImporter::importLog(const QString& path, LogFormat format, ObservationWriter& writer)
{
    FileImportResult result;
    result.path = path;
    result.format = fromLogFormat(format);
    QString error;
    const auto digest = LogImporter::digestFile(path, m_cancel, &error);
    if (!digest) {
        result.status
            = m_cancel && m_cancel->load() ? FileImportResult::Status::Cancelled : FileImportResult::Status::Failed;
        result.message = error;
        return result;
    }
    result.sha256 = digest->sha256;
    result.size = digest->size;
    CaseError caseError;
    switch (
        writer.beginSource(LogImporter::sourceInfo(path, format, *digest, m_options.passiveDnsLayout), &caseError)) {
    case ObservationWriter::Begin::Duplicate:
        result.status = FileImportResult::Status::Duplicate;
        result.sourceId = writer.duplicateOf();
        result.message = caseError.message;
        return result;
    case ObservationWriter::Begin::Failed:
        result.message = QStringLiteral("%1: cannot start the source in the case: %2").arg(path, caseError.message);
        return result;
    case ObservationWriter::Begin::Started:
    case ObservationWriter::Begin::Resumed:
        break;
    }
    result.sourceId = writer.sourceId();
    LogImportOptions options;
    options.format = format;
    options.expectedSha256 = digest->sha256;
    options.passiveDnsLayout = m_options.passiveDnsLayout;
    LogImporter importer(options);
    importer.setCancelFlag(m_cancel);
    if (m_progress) {
        importer.setProgressCallback([this](const LogImportProgress& p) {
            m_progress(FileImportProgress{p.bytesRead, p.totalBytes, p.lines, p.observations, p.rejectedLines, false});
        });
    }
    const LogImportStats stats = importer.importFile(path, writer);
    result.items = stats.linesRead;
    result.observations = stats.observations;
    result.rejected = stats.rejectedLines;
    result.errorCount = stats.errorCount;
    result.errors = stats.errors;
    const bool complete = stats.ok() && !stats.readNothing();
    if (!writer.finish(complete, stats.toJson(), &caseError)) {
        result.status = FileImportResult::Status::Failed;
        result.message = QStringLiteral("%1: the case could not commit the import: %2").arg(path, caseError.message);
        return result;
    }
    result.inserted = writer.stats().inserted;
    result.merged = writer.stats().merged;
    if (stats.cancelled) {
        result.status = FileImportResult::Status::Cancelled;
        result.message = QStringLiteral("%1: cancelled after %2 lines; the committed part is kept and the source is "
                                        "marked incomplete.")
                             .arg(path)
                             .arg(result.items);
    } else if (stats.ok() && stats.readNothing()) {
        result.status = FileImportResult::Status::Failed;
        result.message = stats.readNothingMessage(path);
    } else if (!complete) {
        result.status = FileImportResult::Status::Failed;
        result.message = stats.failure.isEmpty() ? writer.lastError().message : stats.failure;
    } else {
        result.status = FileImportResult::Status::Imported;
        result.message = QStringLiteral("%1: %2 lines, %3 records (%4 new, %5 merged), %6 lines rejected")
                             .arg(path)
                             .arg(result.items)
                             .arg(result.observations)
                             .arg(result.inserted)
                             .arg(result.merged)
                             .arg(result.rejected);
    }
    return result;
}

} // namespace pdnsw
