#pragma once

#include "capture/logs/LogFormat.h"
#include "capture/logs/PassiveDnsLayout.h"
#include "capture/packet/CaptureOptions.h"

#include <QString>
#include <QStringList>

#include <atomic>
#include <functional>
#include <optional>

namespace pdnsw {

class ObservationWriter;

// Every kind of file the workbench imports: captures and the DNS logs of other sensors.
enum class InputFormat
{
    Pcap, // pcap or pcapng, through libpcap
    ZeekTsv,
    ZeekJson,
    PassiveDns,
    PassiveDnsJson,
    Cof,
};

QString inputFormatName(InputFormat format);
// "pcap", "pcapng", "zeek", "zeek-json", "passivedns", "passivedns-json", "cof" (any case).
std::optional<InputFormat> inputFormatFromName(QStringView name);
QStringList inputFormatNames();
// From the file's content: capture magic numbers first, then the log formats. nullopt with a message saying
// how to name the format when nothing matches.
std::optional<InputFormat> detectInputFormat(const QString& path, QString* error);

struct FileImportProgress
{
    qint64 bytesRead = 0;
    qint64 totalBytes = 0;
    qint64 items = 0; // packets or lines
    qint64 records = 0; // observations produced
    qint64 errors = 0;
    bool packets = false; // the items are packets (a capture), else lines (a log)
};

struct FileImportResult
{
    enum class Status
    {
        Imported,
        Duplicate,
        Cancelled,
        Failed
    };
    Status status = Status::Failed;
    QString path;
    std::optional<InputFormat> format;
    qint64 sourceId = 0; // the new source, or the existing one for a duplicate
    QString sha256;
    qint64 size = -1;
    qint64 items = 0; // packets or lines read
    qint64 dnsMessages = 0; // captures only
    qint64 observations = 0; // produced by the decoder/reader
    qint64 inserted = 0; // new rows in the case
    qint64 merged = 0; // merged into rows already there
    qint64 rejected = 0; // bad lines / packets, skipped
    qint64 errorCount = 0;
    QStringList errors; // the first ones, each naming the file and the line/packet
    QString message; // one line for the analyst

    bool succeeded() const { return status == Status::Imported; }
};

// Imports one file into the case through the writer: detects (or takes) the format, refuses a file already in
// the case (same SHA-256), reports progress and stops on cancel, keeping every committed batch. Runs on the
// caller's thread; workers and the CLI call it.
class FileImporter
{
public:
    struct Options
    {
        std::optional<InputFormat> format; // empty = detect from content
        CaptureOptions capture; // ports, mDNS/LLMNR, limits for captures
        // How passivedns wrote its logs: text logs written with -f/-d have these columns, and local times are
        // dated with the sensor's UTC offset. With columns other than the default, a file whose format is not
        // detected is read as such a log (a custom layout often escapes detection).
        std::optional<PassiveDnsLayout> passiveDnsLayout;
    };
    using ProgressCallback = std::function<void(const FileImportProgress&)>;

    explicit FileImporter(Options options = {});
    void setProgressCallback(ProgressCallback callback) { m_progress = std::move(callback); }
    void setCancelFlag(const std::atomic<bool>* cancel) { m_cancel = cancel; }

    FileImportResult importIntoCase(const QString& path, ObservationWriter& writer);

private:
    FileImportResult importCapture(const QString& path, ObservationWriter& writer);
    FileImportResult importLog(const QString& path, LogFormat format, ObservationWriter& writer);

    Options m_options;
    ProgressCallback m_progress;
    const std::atomic<bool>* m_cancel = nullptr;
};

} // namespace pdnsw
