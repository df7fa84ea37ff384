// libFuzzer entry point for the packet path (reliability.md B.1: "a pcap-level fuzz target"): libpcap's file
// parsing, link layers, IPv4/IPv6 with extension headers and fragment reassembly, UDP, TCP stream reassembly,
// DNS decoding, aggregation with its eviction, and the handover to a sink. Built as a libFuzzer target with
// PDNSW_ENABLE_FUZZING=ON under clang, and always linked into fuzz_packet_seed_runner. Every invariant failure
// aborts, which both harnesses report as a crash.
//
// Two input forms, so the fuzzer need not rebuild pcap headers to reach the inner layers:
// - a pcap or pcapng file (starts with a pcap magic): read by libpcap from memory, as the importer does;
// - anything else: byte 0 picks a link type, then frames as [2-octet big-endian length][bytes], each 1/10 s
//   after the previous one (a timestamp step of 0xFFFF length jumps a minute, to expire reassembly state).

#include "capture/packet/DnsAggregator.h"
#include "capture/packet/LinkLayer.h"
#include "capture/packet/ObservationBatch.h"
#include "capture/packet/PacketProcessor.h"
#include "models/ObservationSink.h"

#include <pcap/pcap.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>

namespace {

using namespace pdnsw;

constexpr std::size_t kMaxAddresses = 3; // per record, small so the bound is reached

[[noreturn]] void fail(const char* what, const QString& detail)
{
    std::fprintf(stderr, "fuzz_packet_path invariant broken: %s: %s\n", what, detail.toUtf8().constData());
    std::abort();
}

// What reaches a case must be safe, bounded text and consistent numbers whatever the input.
class CheckingSink : public ObservationSink
{
public:
    bool addObservation(const Observation& o) override
    {
        checkText("rrname", o.rrname, 1100);
        checkText("rrtype", o.rrtype, 16);
        if (o.section == Section::Negative && o.rdata.isEmpty())
            fail("negative answer without its rcode", o.rrname);
        for (QChar c : o.rdata)
            if (c.unicode() < 0x20 || c.unicode() > 0x7e)
                fail("rdata not printable ASCII", o.rdata);
        for (QChar c : o.rrname)
            if (c.unicode() >= 'A' && c.unicode() <= 'Z')
                fail("rrname not lower-case", o.rrname);
        if (!o.count || *o.count < 1)
            fail("count", o.rrname);
        if (!o.firstSeen || !o.lastSeen || *o.firstSeen > *o.lastSeen)
            fail("times", o.rrname);
        if (o.ttlMin.has_value() != o.ttlMax.has_value() || (o.ttlMin && *o.ttlMin > *o.ttlMax))
            fail("ttl range", o.rrname);
        if (o.clients.count(QLatin1Char(',')) >= int(kMaxAddresses)
            || o.servers.count(QLatin1Char(',')) >= int(kMaxAddresses))
            fail("address set not bounded", o.clients + QLatin1Char('|') + o.servers);
        ++observations;
        return true;
    }
    bool addUnansweredQuery(const QString& rrname, const QString& rrtype, qint64) override
    {
        checkText("unanswered rrname", rrname, 1100);
        checkText("unanswered rrtype", rrtype, 16);
        return true;
    }
    void addError(const QString& position, const QString& message) override
    {
        if (!position.startsWith(QLatin1String("packet ")) && !position.startsWith(QLatin1String("offset"))
            && position != QLatin1String("file"))
            fail("error position", position);
        checkText("error message", message, 4000);
    }
    long observations = 0;

private:
    static void checkText(const char* what, const QString& text, int maxLength)
    {
        if (text.isEmpty() || text.size() > maxLength)
            fail(what, text);
        for (QChar c : text)
            if (c.unicode() < 0x20 || c.unicode() > 0x7e)
                fail(what, text);
    }
};

// Small limits, so a short input already exercises eviction, expiry and the drop paths.
CaptureOptions fuzzOptions()
{
    CaptureOptions o;
    o.dnsPorts = {53, 5300};
    o.mdns = true;
    o.llmnr = true;
    o.fragments.maxBytes = 64 * 1024;
    o.fragments.maxDatagrams = 8;
    o.tcp.maxFlows = 8;
    o.tcp.maxOutOfOrderBytes = 4096;
    o.aggregator.maxRecords = 16;
    o.aggregator.maxPendingQueries = 8;
    o.aggregator.maxAddressTable = 16;
    o.aggregator.maxAddresses = kMaxAddresses;
    o.maxStoredProblems = 50;
    return o;
}

class Run
{
public:
    Run()
        : m_options(fuzzOptions())
        , m_aggregator(m_options.aggregator)
        , m_processor(m_options, m_aggregator)
    {
    }
    bool setLinkType(int dlt) { return m_processor.setLinkType(dlt); }
    void packet(std::int64_t timeUsec, const std::uint8_t* data, std::size_t caplen)
    {
        ++m_number;
        m_processor.processPacket(timeUsec, data, caplen, m_number, -1);
        // Hand over as the importer does, with tiny chunks, so batches and address resets interleave.
        if (m_aggregator.addressTableFull())
            drain();
        else if (m_aggregator.outputCount() >= 4 || m_number % 5 == 0)
            deliver();
    }
    void addProblem(std::string message) { m_processor.addProblem(m_number + 1, -1, std::move(message)); }
    void finish()
    {
        m_processor.finish();
        drain();
        const PacketStats& s = m_processor.stats();
        if (s.packets != m_number || s.dnsMessages < s.queries + s.responses || s.malformedDns > s.dnsMessages)
            fail("packet stats", QString::number(s.packets));
        if (m_aggregator.recordCount() != 0 || m_aggregator.pendingQueries() != 0)
            fail("state left after finish", QString::number(m_aggregator.recordCount()));
        // PDNSW_FUZZ_VERBOSE=1: what each input reached, to check that the seeds get past the outer layers.
        static const bool verbose = qEnvironmentVariableIntValue("PDNSW_FUZZ_VERBOSE") == 1;
        if (verbose)
            std::fprintf(stderr, "packets %llu dns %llu tcp %llu observations %ld problems %llu\n",
                (unsigned long long)s.packets, (unsigned long long)s.dnsMessages, (unsigned long long)s.tcpMessages,
                m_sink.observations, (unsigned long long)s.problems);
    }

private:
    void deliver()
    {
        if (!m_delivery.deliver(ObservationBatch::take(m_aggregator, m_processor), m_sink))
            fail("sink refused", QString());
    }
    void drain()
    {
        while (m_aggregator.releaseSome(3) > 0)
            deliver();
        deliver();
    }

    CaptureOptions m_options;
    DnsAggregator m_aggregator;
    PacketProcessor m_processor;
    BatchDelivery m_delivery;
    CheckingSink m_sink;
    std::uint64_t m_number = 0;
};

bool looksLikePcap(const std::uint8_t* data, std::size_t size)
{
    if (size < 4)
        return false;
    std::uint32_t magic;
    std::memcpy(&magic, data, 4);
    return magic == 0xA1B2C3D4 || magic == 0xD4C3B2A1 || magic == 0xA1B23C4D || magic == 0x4D3CB2A1
        || magic == 0x0A0D0D0A;
}

void runPcap(const std::uint8_t* data, std::size_t size)
{
    FILE* file = fmemopen(const_cast<std::uint8_t*>(data), size, "rb");
    if (!file)
        return;
    char errbuf[PCAP_ERRBUF_SIZE];
    pcap_t* pcap = pcap_fopen_offline_with_tstamp_precision(file, PCAP_TSTAMP_PRECISION_MICRO, errbuf);
    if (!pcap) {
        std::fclose(file);
        return;
    }
    Run run;
    if (run.setLinkType(pcap_datalink(pcap))) {
        pcap_pkthdr* header;
        const u_char* bytes;
        int rc;
        while ((rc = pcap_next_ex(pcap, &header, &bytes)) == 1) {
            if (header->caplen > header->len) {
                run.addProblem("caplen > len");
                continue;
            }
            run.packet(captureTimeUsec(header->ts.tv_sec, header->ts.tv_usec), bytes, header->caplen);
        }
        if (rc == PCAP_ERROR)
            run.addProblem(std::string("read error: ") + pcap_geterr(pcap));
        run.finish();
    }
    pcap_close(pcap); // closes the FILE too
}

void runFrames(const std::uint8_t* data, std::size_t size)
{
    static const int kLinkTypes[] = {LinkTypes::Ethernet, LinkTypes::Raw, LinkTypes::LinuxSll, LinkTypes::LinuxSll2,
        LinkTypes::Null, LinkTypes::Loop, LinkTypes::Ipv4, LinkTypes::Ipv6, LinkTypes::Ppp, LinkTypes::PppEther,
        LinkTypes::Fddi, LinkTypes::LinktypeRaw};
    if (size < 1)
        return;
    Run run;
    if (!run.setLinkType(kLinkTypes[data[0] % std::size(kLinkTypes)]))
        fail("supported link type refused", QString::number(data[0]));
    std::int64_t time = 1'700'000'000'000'000;
    std::size_t at = 1;
    while (size - at >= 2) {
        const std::size_t length = std::size_t(data[at]) << 8 | data[at + 1];
        at += 2;
        if (length == 0xFFFF) {
            time += 60'000'000;
            continue;
        }
        const std::size_t caplen = std::min(length, size - at);
        // An exact-size copy per frame, so a sanitizer build catches a read past the frame.
        std::unique_ptr<std::uint8_t[]> frame(new std::uint8_t[caplen ? caplen : 1]);
        std::memcpy(frame.get(), data + at, caplen);
        run.packet(time, frame.get(), caplen);
        at += caplen;
        time += 100'000;
    }
    run.finish();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    if (looksLikePcap(data, size))
        runPcap(data, size);
    else
        runFrames(data, size);
    return 0;
}
