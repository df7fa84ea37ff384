#pragma once

#include "capture/packet/CaptureOptions.h"
#include "capture/packet/PacketProcessor.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>

struct pcap;
struct pcap_pkthdr;

namespace pdnsw {

class ObservationSink;
class ObservationWriter;
class PcapngWriter;

struct CaptureInterface
{
    QString name;
    QString description;
    QStringList addresses;
    bool loopback = false;
    bool up = false;
    bool running = false;
};

// The interfaces libpcap can open (pcap_findalldevs). Empty with a message when none can be listed.
QList<CaptureInterface> listCaptureInterfaces(QString* error);

struct LiveCaptureSettings
{
    QString interfaceName;
    QString filter; // BPF; empty = everything (the packet path skips what is not DNS)
    int snaplen = 262144;
    bool promiscuous = false;
    int durationSeconds = 0; // 0 = until stopped
    QString savePath; // raw packets as pcapng evidence; empty = not saved
    int flushIntervalMs = 1000; // how often records reach the sink
    CaptureOptions options;
};

struct LiveCaptureProgress
{
    std::int64_t packets = 0;
    std::int64_t bytes = 0;
    std::int64_t dnsMessages = 0;
    std::int64_t records = 0; // run(): observations handed to the sink; runIntoCase(): the source's rows
    std::int64_t errors = 0;
    std::int64_t dropped = 0; // by the kernel or the interface (pcap_stats)
    std::int64_t saved = 0; // packets written to the evidence file
    double elapsedSeconds = 0;
};

// One live capture: opens the interface (pcap_create / pcap_activate, BPF filter under a global lock), then
// runs the same packet path as file imports, handing records to a sink on the calling thread every
// flushIntervalMs. Wall-clock time only decides when to stop and when to flush; what is recorded depends on the
// packets' own timestamps.
class LiveCaptureSession
{
public:
    explicit LiveCaptureSession(LiveCaptureSettings settings);
    ~LiveCaptureSession();

    // Opens the interface and the evidence file. The message for a missing privilege says how to grant it.
    bool open(QString* error);
    int linkType() const { return m_linkType; }

    using ProgressCallback = std::function<void(const LiveCaptureProgress&)>;
    // Captures until `stop` is set, the duration is over, or the sink refuses; then delivers what is left.
    bool run(ObservationSink& sink, const std::atomic<bool>& stop, const ProgressCallback& progress, QString* error);
    // A "live" source in the case around run(): begins it, captures, finishes it (complete when it ended normally).
    bool runIntoCase(
        ObservationWriter& writer, const std::atomic<bool>& stop, const ProgressCallback& progress, QString* error);

    const PacketStats& stats() const { return m_processor->stats(); }
    const LiveCaptureSettings& settings() const { return m_settings; }
    QString statsJson() const;

    // The message given when the capture lacks privilege, naming the binary to grant.
    static QString privilegeHelp(const QString& interfaceName);

private:
    static void onPacket(unsigned char* user, const ::pcap_pkthdr* header, const unsigned char* data);

    LiveCaptureSettings m_settings;
    struct pcap* m_pcap = nullptr;
    int m_linkType = -1;
    std::unique_ptr<DnsAggregator> m_aggregator;
    std::unique_ptr<PacketProcessor> m_processor;
    std::unique_ptr<PcapngWriter> m_evidence;
    std::function<bool()> m_afterFlush; // runIntoCase: commits what a flush delivered
    std::uint64_t m_number = 0;
    std::int64_t m_delivered = 0;
    std::int64_t m_dropped = 0;
};

} // namespace pdnsw
