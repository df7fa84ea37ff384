#pragma once

#include "capture/packet/CaptureOptions.h"
#include "capture/packet/PacketProcessor.h"

#include <QString>

#include <atomic>
#include <cstdint>
#include <functional>

namespace pdnsw {

class ObservationSink;
class ObservationWriter;

// Progress of one file import, reported from the decoding thread.
struct ImportProgress
{
    std::int64_t packets = 0;
    std::int64_t bytesRead = 0; // position in the file
    std::int64_t fileSize = 0;
    std::int64_t records = 0; // records found so far: handed to the writer, or still held by the aggregator
    std::int64_t errors = 0;
};

struct PcapImportResult
{
    enum class Status
    {
        Ok, // the whole file was read; `stats.problems` may still count bad packets
        Cancelled, // stopped on request; what was delivered before stays
        Failed, // could not start (unreadable, not a capture, unsupported link type) or the sink failed
        Duplicate, // importIntoCase: this file (same SHA-256) is already a complete source of the case
    };
    Status status = Status::Failed;
    QString error; // why it failed, naming the file
    QString sha256;
    std::int64_t fileSize = -1;
    int linkType = -1;
    QString format; // "pcap" or "pcapng"
    PacketStats stats;
    std::int64_t observations = 0; // delivered to the sink
    std::int64_t unanswered = 0;
    std::int64_t sourceId = 0; // importIntoCase
    // The file ended in a read error (e.g. a truncated last record). Everything before it was imported and the
    // source is complete (the file was read to its end); the message is also among the source's errors.
    bool readError = false;
    QString readErrorMessage;
    IpFragmentReassembler::Stats fragments;
    TcpDnsReassembler::Stats tcp;

    bool ok() const { return status == Status::Ok; }
    // Counters as the source's stats JSON.
    QString statsJson() const;
};

// Imports a pcap or pcapng file through libpcap: the packet path and the aggregator run on the calling thread,
// hashing the file and feeding the sink run on a second thread, with a bounded queue between them.
class PcapImporter
{
public:
    using ProgressCallback = std::function<void(const ImportProgress&)>;

    explicit PcapImporter(CaptureOptions options = {});

    // Called from the decoding thread about every `everyPackets` packets and once at the end.
    void setProgressCallback(ProgressCallback callback, std::int64_t everyPackets = 65536);

    // Decodes `path` into `sink`. `beforeFirstWrite` (optional) runs on the writing thread once the SHA-256 is
    // known, before anything reaches the sink; returning false stops the import (status Failed unless the
    // callback set another). `cancel` may be set from any thread.
    PcapImportResult importFile(const QString& path, ObservationSink& sink, const std::atomic<bool>* cancel = nullptr,
        const std::function<bool(PcapImportResult&)>& beforeFirstWrite = {});

    // The whole case path: begins a "pcap" source (refusing a duplicate), imports, and finishes the source as
    // complete when the file was read to its end (a read error at the end included: it is recorded in the stats
    // and the source's errors), or incomplete when the import was interrupted (cancelled, or the case failed).
    PcapImportResult importIntoCase(
        const QString& path, ObservationWriter& writer, const std::atomic<bool>* cancel = nullptr);

private:
    CaptureOptions m_options;
    ProgressCallback m_progress;
    std::int64_t m_progressEvery = 65536;
};

} // namespace pdnsw
