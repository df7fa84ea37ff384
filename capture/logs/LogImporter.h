#pragma once

#include "capture/logs/LogFormat.h"
#include "capture/logs/PassiveDnsLayout.h"
#include "models/ObservationSink.h"
#include "models/SourceInfo.h"

#include <QString>
#include <QStringList>

#include <atomic>
#include <functional>
#include <optional>

namespace pdnsw {

struct LogImportOptions
{
    std::optional<LogFormat> format; // empty: detected from the first 64 KiB
    qsizetype maxLineBytes = 1 << 20; // longer lines are rejected without being held in memory
    int maxErrorMessages = 100; // kept in LogImportStats::errors; all are still sent to the sink
    qsizetype chunkBytes = 1 << 20; // read size; memory use is about chunkBytes + maxLineBytes
    QString expectedSha256; // from digestFile() before beginSource(): a file changed in between is refused
    // How a passivedns sensor wrote its logs: the columns of a text log written with -f/-d (empty: the layouts
    // passivedns writes by default) and the sensor's UTC offset, for local times (text H field, JSON "timestamp").
    std::optional<PassiveDnsLayout> passiveDnsLayout;
};

struct LogImportProgress
{
    qint64 bytesRead = 0;
    qint64 totalBytes = 0;
    qint64 lines = 0;
    qint64 observations = 0;
    qint64 rejectedLines = 0;
};

struct LogImportStats
{
    std::optional<LogFormat> format;
    bool completed = false; // read to the end, not cancelled, sink never refused
    bool cancelled = false;
    bool stoppedBySink = false;
    QString failure; // why the file could not be read at all (empty when it could)
    qint64 linesRead = 0;
    qint64 observations = 0;
    qint64 unansweredQueries = 0;
    qint64 rejectedLines = 0;
    qint64 skippedLines = 0; // headers, comments, blank lines, records with nothing to import
    qint64 errorCount = 0; // every problem reported (a kept line can report a bad part)
    QStringList errors; // the first maxErrorMessages, as "FILE line N: what is wrong, what to do"
    QString sha256; // of the whole file, hex; empty unless completed
    qint64 size = -1;

    bool ok() const { return completed && failure.isEmpty(); }
    // Lines were refused and nothing was imported: most likely the file is not what it was read as (a
    // passivedns log written with its own -f, say). Its source is then left incomplete, so the file can be
    // imported again with other settings instead of being refused as already in the case.
    bool readNothing() const { return rejectedLines > 0 && observations == 0 && unansweredQueries == 0; }
    // Why such a file did not import, and what to do.
    QString readNothingMessage(const QString& path) const;
    // Compact JSON for SourceInfo::stats: format, lines, observations, unanswered, rejected, skipped, errors.
    QString toJson() const;
};

struct LogFileDigest
{
    QString sha256;
    qint64 size = -1;
};

// Imports one DNS log file into any ObservationSink: streams it in chunks (any size, bounded memory), splits
// lines (LF, CRLF, CR), hashes every byte with SHA-256 on the way, hands each line to the format's reader and
// counts what happened. Rejected lines never stop the import. Runs on the caller's thread: a worker calls it,
// gets progress through the callback and stops it through the cancel flag.
//
// Typical use with a case: digestFile() -> ObservationWriter::beginSource(sourceInfo(...)) (Duplicate ends it)
// -> importFile(writer, expectedSha256 set) -> ObservationWriter::finish(stats.ok(), stats.toJson()).
class LogImporter
{
public:
    using ProgressCallback = std::function<void(const LogImportProgress&)>;

    explicit LogImporter(LogImportOptions options = {});

    void setProgressCallback(ProgressCallback callback) { m_progress = std::move(callback); }
    // Checked between chunks and every few thousand lines.
    void setCancelFlag(const std::atomic<bool>* cancel) { m_cancel = cancel; }

    LogImportStats importFile(const QString& path, ObservationSink& sink);

    // SHA-256 and size of a file, read in chunks; nullopt with a message when unreadable or cancelled.
    static std::optional<LogFileDigest> digestFile(
        const QString& path, const std::atomic<bool>* cancel, QString* error);
    // The format detected from the file's first 64 KiB; nullopt with a message saying how to name it.
    static std::optional<LogFormat> detectFileFormat(const QString& path, QString* error);
    // The source to begin for this file: the format's defaults plus label (file name), path, SHA-256 and size;
    // a passivedns text log read with a layout records it in the parameters.
    static SourceInfo sourceInfo(const QString& path, LogFormat format, const LogFileDigest& digest,
        const std::optional<PassiveDnsLayout>& layout = std::nullopt);

    static constexpr qsizetype kDetectBytes = 64 * 1024;

private:
    LogImportOptions m_options;
    ProgressCallback m_progress;
    const std::atomic<bool>* m_cancel = nullptr;
};

} // namespace pdnsw
