#include "capture/logs/LogImporter.h"

#include "capture/InputFileReader.h"
#include "capture/logs/LogLineStream.h"
#include "models/Sha256.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>

namespace pdnsw {
namespace {

bool isCancelled(const std::atomic<bool>* cancel)
{
    return cancel && cancel->load(std::memory_order_relaxed);
}

bool openForReading(QFile& file, QString* error)
{
    const QFileInfo info(file.fileName());
    if (info.isDir()) {
        *error = QStringLiteral("%1 is a directory, not a log file").arg(file.fileName());
        return false;
    }
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot open %1: %2").arg(file.fileName(), file.errorString());
        return false;
    }
    return true;
}

QString unknownFormatMessage(const QString& path, QByteArrayView head)
{
    // A NUL byte in the first bytes: not text at all, so naming a log format would not help.
    if (const qsizetype nul = head.indexOf('\0'); nul >= 0)
        return QStringLiteral("%1 is not a DNS log or a capture: it holds binary data (a zero byte at offset %2) and "
                              "does not start like a pcap, pcapng, gzip or zstd file. Check that it is the file meant.")
            .arg(path)
            .arg(nul);
    return QStringLiteral("cannot tell the format of %1 from its first lines (expected a Zeek dns.log, a passivedns "
                          "log or COF NDJSON); name the format explicitly: %2. Also, %3")
        .arg(path, logFormatNames().join(QStringLiteral(", ")), PassiveDnsLayout::howToGiveLayout());
}

} // namespace

QString LogImportStats::toJson() const
{
    QJsonObject object;
    if (format)
        object.insert(QStringLiteral("format"), logFormatName(*format));
    object.insert(QStringLiteral("lines"), linesRead);
    object.insert(QStringLiteral("observations"), observations);
    object.insert(QStringLiteral("unanswered"), unansweredQueries);
    object.insert(QStringLiteral("rejected"), rejectedLines);
    object.insert(QStringLiteral("skipped"), skippedLines);
    object.insert(QStringLiteral("errors"), errorCount);
    if (cancelled)
        object.insert(QStringLiteral("cancelled"), true);
    if (!failure.isEmpty())
        object.insert(QStringLiteral("failure"), failure);
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

LogImporter::LogImporter(LogImportOptions options)
    : m_options(std::move(options))
{
    if (m_options.chunkBytes < 1)
        m_options.chunkBytes = 1 << 20;
}

LogImportStats LogImporter::importFile(const QString& path, ObservationSink& sink)
{
    LogImportStats stats;
    // Plain or gzip-compressed (Zeek archives its logs so); the SHA-256 is of the file's own bytes.
    InputFileReader file;
    Sha256 hash;
    file.setRawBytesObserver([&hash](QByteArrayView bytes) { hash.addData(bytes); });
    if (!file.open(path, &stats.failure))
        return stats;
    stats.size = file.fileSize();

    // A read that fails (a truncated gzip file) still hands over what came before the failure: those lines are
    // imported, and the import then stops with the reader's message.
    QByteArray buffer;
    bool readFailed = false;
    auto readChunk = [&](qsizetype bytes) {
        buffer = file.read(bytes);
        if (!file.errorString().isEmpty()) {
            stats.failure = file.errorString();
            readFailed = true;
        }
    };

    // The first read is large enough to detect the format from.
    readChunk(std::max(m_options.chunkBytes, kDetectBytes));
    stats.format = m_options.format ? m_options.format : detectLogFormat(buffer.left(kDetectBytes));
    if (!stats.format) {
        if (!readFailed)
            stats.failure
                = unknownFormatMessage(path, QByteArrayView(buffer).first(std::min(buffer.size(), kDetectBytes)));
        return stats;
    }

    LogLineStream lines(*stats.format, sink, stats, path, m_options, m_cancel);
    LogImportProgress progress;
    progress.totalBytes = stats.size;
    auto reportProgress = [&] {
        if (!m_progress)
            return;
        progress.bytesRead = file.filePosition();
        progress.lines = stats.linesRead;
        progress.observations = stats.observations;
        progress.rejectedLines = stats.rejectedLines;
        m_progress(progress);
    };

    while (true) {
        if (!lines.feed(buffer))
            break;
        reportProgress();
        if (readFailed)
            return stats; // the line the failure cut short is not taken
        if (isCancelled(m_cancel)) {
            stats.cancelled = true;
            break;
        }
        if (file.atEnd() || buffer.isEmpty())
            break;
        readChunk(m_options.chunkBytes);
    }
    if (stats.cancelled || stats.stoppedBySink)
        return stats;
    // A cancel seen on the last lines also stops here: the import is not complete.
    if (!lines.finish() || stats.cancelled)
        return stats;
    reportProgress();

    stats.sha256 = hash.hexResult();
    if (!m_options.expectedSha256.isEmpty()
        && stats.sha256.compare(m_options.expectedSha256, Qt::CaseInsensitive) != 0) {
        stats.failure = QStringLiteral("%1 changed while it was being imported (its SHA-256 is not the one checked "
                                       "before); import it again once it no longer changes")
                            .arg(path);
        return stats;
    }
    stats.completed = true;
    return stats;
}

std::optional<LogFileDigest> LogImporter::digestFile(
    const QString& path, const std::atomic<bool>* cancel, QString* error)
{
    QString message;
    QFile file(path);
    if (!openForReading(file, &message)) {
        if (error)
            *error = message;
        return std::nullopt;
    }
    qint64 size = 0;
    const std::optional<QString> sha256 = fileSha256(path, cancel, error, &size);
    if (!sha256)
        return std::nullopt;
    return LogFileDigest{*sha256, size};
}

std::optional<LogFormat> LogImporter::detectFileFormat(const QString& path, QString* error)
{
    QString message;
    InputFileReader file;
    if (!file.open(path, &message)) {
        if (error)
            *error = message;
        return std::nullopt;
    }
    const QByteArray head = file.read(kDetectBytes);
    const auto format = detectLogFormat(head);
    if (!format && error)
        *error = file.errorString().isEmpty() ? unknownFormatMessage(path, head) : file.errorString();
    return format;
}

QString LogImportStats::readNothingMessage(const QString& path) const
{
    // A passivedns text log read with the default fields is the usual cause; for the other formats, whose lines
    // name their fields, the lines themselves are broken or the file is another format.
    const QString what = !format || *format == LogFormat::PassiveDns
        ? PassiveDnsLayout::howToGiveLayout()
        : QStringLiteral("its lines were read as %1; if it is another format, name it (%2), otherwise mend the "
                         "lines its errors name")
              .arg(logFormatName(*format), logFormatNames().join(QStringLiteral(", ")));
    return QStringLiteral("%1: none of its %2 lines could be read (%3 rejected, see its errors); it is kept as an "
                          "incomplete source, so it can be imported again with other settings: %4.")
        .arg(path)
        .arg(linesRead)
        .arg(rejectedLines)
        .arg(what);
}

SourceInfo LogImporter::sourceInfo(
    const QString& path, LogFormat format, const LogFileDigest& digest, const std::optional<PassiveDnsLayout>& layout)
{
    SourceInfo info = logSourceDefaults(format);
    if ((format == LogFormat::PassiveDns || format == LogFormat::PassiveDnsJson) && layout) {
        // How the lines were read is part of the evidence: another layout gives other records.
        // JSON names its keys: only the sensor's UTC offset matters there.
        QJsonObject parameters = QJsonDocument::fromJson(info.parameters.toUtf8()).object();
        if (format == LogFormat::PassiveDns) {
            parameters.insert(QStringLiteral("fields"), layout->letters());
            parameters.insert(QStringLiteral("delimiter"), layout->delimiter());
        }
        if (!layout->utcOffsetText().isEmpty())
            parameters.insert(QStringLiteral("utc_offset"), layout->utcOffsetText());
        info.parameters = QString::fromUtf8(QJsonDocument(parameters).toJson(QJsonDocument::Compact));
    }
    const QFileInfo file(path);
    info.label = file.fileName();
    info.path = file.absoluteFilePath();
    info.sha256 = digest.sha256;
    info.size = digest.size;
    return info;
}

} // namespace pdnsw
