#pragma once

#include "capture/logs/PassiveDnsLayout.h"
#include "capture/packet/CaptureOptions.h"
#include "ui/jobs/BackgroundJob.h"

#include <optional>

namespace pdnsw {

// Imports one file (pcap/pcapng capture, Zeek dns.log TSV/JSON, passivedns text/JSON, COF NDJSON) into the case on its
// own writer connection: detects the format, hashes the file, begins a source (a file already imported is reported, not
// imported twice), streams the records in batched transactions and finishes the source with its stats. A cancel
// keeps what was committed and marks the source incomplete.
class ImportJob : public BackgroundJob
{
    Q_OBJECT
public:
    // `passiveDnsLayout`: the columns of passivedns text logs written with -f/-d; a log whose format is not
    // detected is then read as one.
    // `capture`: what the packet path decodes when the file is a capture (ports, mDNS, LLMNR).
    ImportJob(QString casePath, QString filePath, std::optional<PassiveDnsLayout> passiveDnsLayout = std::nullopt,
        CaptureOptions capture = {}, QObject* parent = nullptr);

    // The capture options could not be made (bad ports in the window): a capture fails with this reason, a log is
    // imported all the same.
    void setCaptureOptionsError(QString error) { m_captureOptionsError = std::move(error); }

    const QString& filePath() const { return m_filePath; }
    // Known after the job finished (GUI thread): the source it wrote to, its SHA-256 and what it read.
    qint64 sourceId() const { return m_sourceId; }
    const QString& sha256() const { return m_sha256; }
    qint64 records() const { return m_records; }
    qint64 rejected() const { return m_rejected; }

    // "pcap" for pcap/pcapng captures (by their magic number), "log" for the text log formats, empty when the
    // file cannot be read.
    static QString fileKind(const QString& path);

protected:
    bool run(QString* message) override;

private:
    bool importLog(QString* message);
    bool importCapture(QString* message);

    QString m_casePath;
    QString m_filePath;
    std::optional<PassiveDnsLayout> m_passiveDnsLayout;
    CaptureOptions m_capture;
    QString m_captureOptionsError;
    qint64 m_sourceId = 0;
    QString m_sha256;
    qint64 m_records = 0;
    qint64 m_rejected = 0;
};

} // namespace pdnsw
