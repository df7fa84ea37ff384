#include "capture/packet/PcapImporter.h"

#include "capture/InputFileReader.h"
#include "capture/packet/BoundedQueue.h"
#include "capture/packet/DnsAggregator.h"
#include "capture/packet/LinkLayer.h"
#include "capture/packet/MessageRelay.h"
#include "capture/packet/ObservationBatch.h"
#include "models/ObservationWriter.h"
#include "models/Sha256.h"

#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>

#include <pcap/pcap.h>

#include <cstdio>
#include <thread>

namespace pdnsw {
namespace {

constexpr std::uint32_t kPcapngMagic = 0x0A0D0D0A;

struct PcapCloser
{
    void operator()(pcap_t* p) const { pcap_close(p); }
};

// From the first bytes the file decompresses to; a plain file's are its own.
QString detectFormat(const QString& path)
{
    InputFileReader reader;
    QString error;
    std::uint32_t magic = 0;
    if (reader.open(path, &error) && reader.read(reinterpret_cast<char*>(&magic), 4) == 4 && magic == kPcapngMagic)
        return QStringLiteral("pcapng");
    return QStringLiteral("pcap");
}

QString supportedLinkTypes()
{
    return QStringLiteral("Ethernet (with 802.1Q/QinQ), Linux cooked SLL and SLL2, raw IPv4/IPv6, BSD loopback, "
                          "PPP, PPPoE, FDDI");
}

} // namespace

QString PcapImportResult::statsJson() const
{
    QJsonObject o;
    o.insert(QStringLiteral("format"), format);
    o.insert(QStringLiteral("linkType"), QString::fromStdString(linkTypeName(linkType)));
    o.insert(QStringLiteral("packets"), qint64(stats.packets));
    o.insert(QStringLiteral("bytes"), qint64(stats.bytes));
    o.insert(QStringLiteral("dnsMessages"), qint64(stats.dnsMessages));
    o.insert(QStringLiteral("udpMessages"), qint64(stats.udpMessages));
    o.insert(QStringLiteral("tcpMessages"), qint64(stats.tcpMessages));
    o.insert(QStringLiteral("mdnsSkipped"), qint64(stats.mdnsSkipped));
    o.insert(QStringLiteral("llmnrSkipped"), qint64(stats.llmnrSkipped));
    o.insert(QStringLiteral("queries"), qint64(stats.queries));
    o.insert(QStringLiteral("responses"), qint64(stats.responses));
    o.insert(QStringLiteral("observations"), qint64(observations));
    o.insert(QStringLiteral("unanswered"), qint64(unanswered));
    o.insert(QStringLiteral("errors"), qint64(stats.problems));
    o.insert(QStringLiteral("malformedDns"), qint64(stats.malformedDns));
    o.insert(QStringLiteral("headerErrors"), qint64(stats.headerErrors));
    o.insert(QStringLiteral("snapTruncated"), qint64(stats.snapTruncated));
    o.insert(QStringLiteral("notIp"), qint64(stats.notIp));
    o.insert(QStringLiteral("readError"), readError);
    if (readError)
        o.insert(QStringLiteral("readErrorMessage"), readErrorMessage);
    QJsonObject frag;
    frag.insert(QStringLiteral("fragments"), qint64(fragments.fragments));
    frag.insert(QStringLiteral("reassembled"), qint64(fragments.reassembled));
    frag.insert(QStringLiteral("timedOut"), qint64(fragments.timedOut));
    frag.insert(QStringLiteral("evicted"), qint64(fragments.evicted));
    frag.insert(QStringLiteral("overlapDropped"), qint64(fragments.overlapDropped));
    frag.insert(QStringLiteral("invalid"), qint64(fragments.invalid));
    o.insert(QStringLiteral("ipFragments"), frag);
    QJsonObject t;
    t.insert(QStringLiteral("segments"), qint64(tcp.segments));
    t.insert(QStringLiteral("messages"), qint64(tcp.messages));
    t.insert(QStringLiteral("retransmissions"), qint64(tcp.retransmissions));
    t.insert(QStringLiteral("holes"), qint64(tcp.holes));
    t.insert(QStringLiteral("messagesLost"), qint64(tcp.messagesLost));
    t.insert(QStringLiteral("flowsExpired"), qint64(tcp.flowsExpired));
    t.insert(QStringLiteral("flowsEvicted"), qint64(tcp.flowsEvicted));
    o.insert(QStringLiteral("tcp"), t);
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

PcapImporter::PcapImporter(CaptureOptions options)
    : m_options(std::move(options))
{
}

void PcapImporter::setProgressCallback(ProgressCallback callback, std::int64_t everyPackets)
{
    m_progress = std::move(callback);
    m_progressEvery = std::max<std::int64_t>(1, everyPackets);
}

PcapImportResult PcapImporter::importFile(const QString& path, ObservationSink& sink, const std::atomic<bool>* cancel,
    const std::function<bool(PcapImportResult&)>& beforeFirstWrite)
{
    PcapImportResult result;
    const QFileInfo info(path);
    if (!info.exists() || !info.isFile()) {
        result.error = QStringLiteral("%1: no such file").arg(path);
        return result;
    }
    result.fileSize = info.size();
    if (result.fileSize == 0) {
        result.error = QStringLiteral("%1: the file is empty (0 bytes), not a pcap or pcapng capture").arg(path);
        return result;
    }
    // A plain file goes to libpcap by name. A gzip- or zstd-compressed one (.pcap.gz, .pcap.zst) is decompressed as
    // libpcap reads it, through a stdio stream; other compressions are refused with what to do.
    InputFileReader compressed;
    QString openError;
    if (!compressed.open(path, &openError)) {
        result.error = openError;
        return result;
    }
    const bool decompressing = compressed.compression() != Compression::None;
    result.format = detectFormat(path);

    char errbuf[PCAP_ERRBUF_SIZE] = {};
    std::unique_ptr<pcap_t, PcapCloser> pcap;
    if (decompressing) {
        std::FILE* stream = compressed.openStream();
        if (stream) {
            pcap.reset(pcap_fopen_offline_with_tstamp_precision(stream, PCAP_TSTAMP_PRECISION_MICRO, errbuf));
            if (!pcap)
                std::fclose(stream); // libpcap closes it only once it took it
        } else {
            std::snprintf(errbuf, sizeof errbuf, "cannot make a stream of the decompressed bytes");
        }
    } else {
        const QByteArray nativePath = QFile::encodeName(path);
        pcap.reset(
            pcap_open_offline_with_tstamp_precision(nativePath.constData(), PCAP_TSTAMP_PRECISION_MICRO, errbuf));
    }
    if (!pcap) {
        // A file that breaks before its capture header: the reader says where and why.
        result.error = compressed.errorString().isEmpty()
            ? QStringLiteral("%1: not a readable pcap or pcapng capture%2 (libpcap: %3)")
                  .arg(path, decompressing ? QStringLiteral(" once decompressed") : QString(),
                      QString::fromLocal8Bit(errbuf))
            : compressed.errorString();
        return result;
    }
    result.linkType = pcap_datalink(pcap.get());

    // Three threads: this one reads and decodes, `aggregating` keeps the sensor-style records (the relay carries
    // the decoded messages over in order), `writer` hashes the file and writes to the sink.
    DnsAggregator aggregator(m_options.aggregator);
    constexpr std::size_t kRelayDepth = 4;
    BoundedQueue<MessageBatch> toAggregator(kRelayDepth);
    BoundedQueue<MessageBatch> emptied(kRelayDepth + 2); // every batch in circulation fits: returning never waits
    MessageRelay relay(toAggregator, emptied);
    PacketProcessor processor(m_options, relay);
    if (!processor.setLinkType(result.linkType)) {
        const char* name = pcap_datalink_val_to_name(result.linkType);
        result.error = QStringLiteral("%1: link type %2 (DLT %3) is not supported; supported are %4")
                           .arg(path, QString::fromLatin1(name ? name : "unknown"))
                           .arg(result.linkType)
                           .arg(supportedLinkTypes());
        return result;
    }

    // The writing side: hash first (the case needs the SHA-256 before the source exists), then drain batches.
    BoundedQueue<ObservationBatch> queue(2);
    std::atomic<bool> writerStopped{false};
    std::atomic<std::int64_t> delivered{0};
    QString writerError;
    PcapImportResult writerView; // what beforeFirstWrite may fill in (status, error, sourceId)
    std::thread writer([&] {
        QString error;
        // The hash is not cut short by a cancel: without it no source can be begun, and what was decoded before the
        // cancel would be lost depending on timing. It costs well under a second for a large capture.
        const std::optional<QString> sha = fileSha256(path, nullptr, &error);
        bool proceed = sha.has_value();
        if (sha) {
            writerView.sha256 = *sha;
            if (beforeFirstWrite)
                proceed = beforeFirstWrite(writerView);
            if (!proceed && writerView.error.isEmpty())
                writerView.error = QStringLiteral("%1: the import was refused before writing").arg(path);
        } else if (!(cancel && cancel->load())) {
            writerView.error = error;
        }
        std::int64_t count = 0;
        BatchDelivery delivery;
        while (proceed) {
            std::optional<ObservationBatch> batch = queue.pop();
            if (!batch)
                break;
            proceed = delivery.deliver(*batch, sink, &count);
            delivered.store(count, std::memory_order_relaxed);
            if (!proceed && !(cancel && cancel->load()))
                writerError = QStringLiteral("%1: the case refused the observations; the import stopped").arg(path);
        }
        if (!proceed) {
            writerStopped.store(true);
            queue.close();
            queue.clear();
        }
    });

    // The aggregating side: replays the decoded messages into the aggregator and hands what it releases, the
    // unanswered queries and the decoding side's problems to the writer, as the single-threaded path did.
    // Records found so far: handed to the writer, released and not yet handed over, and still held. Counted where
    // all three are known, so the figure never dips while released records wait in the queue.
    std::atomic<std::int64_t> foundRecords{0};
    std::int64_t unanswered = 0; // the aggregating thread's until it is joined
    std::thread aggregating([&] {
        std::vector<CaptureProblem> problems;
        std::int64_t handedOver = 0;
        const auto countFound = [&] {
            foundRecords.store(
                handedOver + static_cast<std::int64_t>(aggregator.outputCount() + aggregator.recordCount()),
                std::memory_order_relaxed);
        };
        const auto handOver = [&] {
            ObservationBatch batch = ObservationBatch::take(aggregator, std::move(problems));
            unanswered += static_cast<std::int64_t>(batch.unanswered.size());
            handedOver += static_cast<std::int64_t>(batch.records.records.size());
            return queue.push(std::move(batch));
        };
        // Everything the aggregator holds, in chunks so no batch grows with the size of the capture.
        const auto drain = [&] {
            const std::size_t chunk = std::max<std::size_t>(1, m_options.flushAtRecords);
            while (aggregator.releaseSome(chunk, m_options.flushAtBytes) > 0) {
                if (!handOver())
                    return false;
            }
            return handOver();
        };
        bool ok = true;
        std::uint64_t sinceFlush = 0;
        while (ok) {
            std::optional<MessageBatch> batch = toAggregator.pop();
            if (!batch)
                break;
            problems.insert(problems.end(), std::make_move_iterator(batch->problems.begin()),
                std::make_move_iterator(batch->problems.end()));
            batch->problems.clear();
            for (std::size_t i = 0; i < batch->count && ok; ++i) {
                batch->replay(i, aggregator);
                // What a full aggregator released and unanswered queries go to the writer from time to time; a
                // full address table restarts once everything held is out.
                if (aggregator.addressTableFull()) {
                    ok = drain();
                    sinceFlush = 0;
                } else if (++sinceFlush >= m_options.flushEveryMessages
                    || aggregator.outputCount() >= m_options.flushAtRecords
                    || aggregator.outputBytes() >= m_options.flushAtBytes) {
                    sinceFlush = 0;
                    ok = handOver();
                }
            }
            countFound();
            batch->count = 0;
            emptied.push(std::move(*batch));
        }
        // Even after a cancel, what was decoded goes to the sink: the analyst keeps what the import got through.
        if (ok)
            ok = drain();
        countFound();
        if (!ok) {
            toAggregator.close();
            toAggregator.clear();
        }
        queue.close();
    });

    // Positions in the file for progress and messages. Decompressing, progress follows the compressed bytes, and a
    // pcapng packet is named by its number alone.
    FILE* file = decompressing ? nullptr : pcap_file(pcap.get());
    const auto filePosition = [&]() -> std::int64_t {
        if (decompressing)
            return compressed.filePosition();
        return file ? static_cast<std::int64_t>(std::ftell(file)) : -1;
    };
    const std::int64_t fileSize = result.fileSize;
    ImportProgress progress;
    progress.fileSize = fileSize;
    const auto report = [&](std::int64_t position) {
        if (!m_progress)
            return;
        progress.packets = static_cast<std::int64_t>(processor.stats().packets);
        progress.bytesRead = position;
        progress.records = foundRecords.load(std::memory_order_relaxed);
        progress.errors = static_cast<std::int64_t>(processor.stats().problems);
        m_progress(progress);
    };
    std::vector<CaptureProblem> problems;
    const auto sendProblems = [&] {
        processor.takeProblems(problems);
        return relay.flush(&problems);
    };

    bool cancelled = false;
    std::uint64_t number = 0;
    // Record offsets: exact arithmetic for classic pcap (ftell costs a syscall per packet); pcapng blocks vary,
    // so its packets are named by number and the offset is only asked for when reading fails.
    const bool classic = result.format == QLatin1String("pcap") && !decompressing;
    std::int64_t nextOffset = 24;
    for (;;) {
        const std::int64_t offset = classic ? nextOffset : -1;
        pcap_pkthdr* header = nullptr;
        const u_char* data = nullptr;
        const int rc = pcap_next_ex(pcap.get(), &header, &data);
        if (rc == PCAP_ERROR_BREAK || rc == 0)
            break;
        if (rc == PCAP_ERROR) {
            // libpcap cannot go on after a broken record: keep what was read and say where it stopped.
            result.readError = true;
            // Decompressing, a truncated or damaged file shows as a short read to libpcap: the reader knows why.
            const std::string reason = compressed.errorString().isEmpty()
                ? "libpcap: " + std::string(pcap_geterr(pcap.get()))
                : compressed.errorString().toStdString();
            const std::string message = "the capture cannot be read further (" + reason + "); the "
                + std::to_string(number) + " packets before are kept";
            const std::int64_t at = classic ? offset : (file ? std::int64_t(std::ftell(file)) : -1);
            result.readErrorMessage
                = QString::fromStdString(PacketProcessor::position(number + 1, at) + ": " + message);
            processor.addProblem(number + 1, at, message);
            break;
        }
        ++number;
        nextOffset += 16 + std::int64_t(header->caplen);
        if (header->caplen > header->len) {
            processor.addProblem(number, offset,
                "record claims " + std::to_string(header->caplen) + " captured bytes of a "
                    + std::to_string(header->len) + "-byte packet (caplen > len): inconsistent, skipped");
        } else {
            const std::int64_t timeUsec = captureTimeUsec(header->ts.tv_sec, header->ts.tv_usec);
            processor.processPacket(timeUsec, data, header->caplen, number, offset);
        }
        if ((number & 4095) == 0) {
            if (!sendProblems() || (cancel && cancel->load(std::memory_order_relaxed)) || writerStopped.load()) {
                cancelled = cancel && cancel->load();
                break;
            }
            if (m_progress && number % static_cast<std::uint64_t>(m_progressEvery) < 4096)
                report(filePosition());
        }
    }
    if (!cancelled && cancel && cancel->load())
        cancelled = true;

    // Even after a cancel, what was decoded goes on to the sink.
    processor.finish();
    sendProblems();
    toAggregator.close();
    aggregating.join();
    writer.join();
    result.unanswered += unanswered;

    result.sha256 = writerView.sha256;
    result.sourceId = writerView.sourceId;
    result.stats = processor.stats();
    result.fragments = processor.fragments().stats();
    result.tcp = processor.tcp().stats();
    result.observations = delivered.load();
    report(fileSize);

    if (writerView.status == PcapImportResult::Status::Duplicate) {
        result.status = PcapImportResult::Status::Duplicate;
        result.error = writerView.error;
    } else if (!writerView.error.isEmpty() || !writerError.isEmpty()) {
        result.status = PcapImportResult::Status::Failed;
        result.error = !writerView.error.isEmpty() ? writerView.error : writerError;
    } else if (cancelled) {
        result.status = PcapImportResult::Status::Cancelled;
        result.error = QStringLiteral("%1: import cancelled after %2 packets").arg(path).arg(number);
    } else {
        result.status = PcapImportResult::Status::Ok;
    }
    return result;
}

PcapImportResult PcapImporter::importIntoCase(
    const QString& path, ObservationWriter& writer, const std::atomic<bool>* cancel)
{
    const QFileInfo fileInfo(path);
    bool begun = false;
    const auto begin = [&](PcapImportResult& r) {
        SourceInfo source;
        source.kind = QStringLiteral("pcap");
        source.label = fileInfo.fileName();
        source.path = fileInfo.absoluteFilePath();
        source.sha256 = r.sha256;
        source.size = fileInfo.size();
        source.importedAt = QDateTime::currentSecsSinceEpoch();
        source.parameters = m_options.parametersJson();
        source.timeGranularity = QStringLiteral("second");
        source.timeKind = QStringLiteral("sensor");
        CaseError error;
        switch (writer.beginSource(source, &error)) {
        case ObservationWriter::Begin::Started:
        case ObservationWriter::Begin::Resumed:
            begun = true;
            r.sourceId = writer.sourceId();
            return true;
        case ObservationWriter::Begin::Duplicate:
            r.status = PcapImportResult::Status::Duplicate;
            r.sourceId = writer.duplicateOf();
            r.error = QStringLiteral("%1 (SHA-256 %2) is already imported in this case as source %3 with the same "
                                     "options (ports, mDNS, LLMNR); nothing to do")
                          .arg(path, r.sha256)
                          .arg(writer.duplicateOf());
            return false;
        case ObservationWriter::Begin::Failed:
            r.error = QStringLiteral("%1: cannot start the source in the case: %2").arg(path, error.message);
            return false;
        }
        return false;
    };
    PcapImportResult result = importFile(path, writer, cancel, begin);
    if (begun) {
        // Incomplete means interrupted; a file read to its end is complete even when its last record was broken.
        const bool complete = result.status == PcapImportResult::Status::Ok;
        CaseError error;
        if (!writer.finish(complete, result.statsJson(), &error) && result.status == PcapImportResult::Status::Ok) {
            result.status = PcapImportResult::Status::Failed;
            result.error = QStringLiteral("%1: the case could not commit the import: %2").arg(path, error.message);
        }
    }
    return result;
}

} // namespace pdnsw
