#include "dns/PcapDnsPayloads.h"

#include <pcap/pcap.h>

#include <algorithm>

namespace pdnsw::test {
namespace {

std::uint16_t be16(const std::uint8_t* p)
{
    return static_cast<std::uint16_t>(p[0] << 8 | p[1]);
}

bool isDnsPort(std::uint16_t port)
{
    return port == 53 || port == 5353 || port == 5355 || port == 8053;
}

void transport(int protocol, const std::uint8_t* p, std::size_t n, int packetNumber, QList<PcapDnsPayload>& out)
{
    if (protocol == 17) {
        if (n < 8 || !(isDnsPort(be16(p)) || isDnsPort(be16(p + 2))))
            return;
        // The UDP length wins over what the IP layer carried (tcpdump dns-zlip: UDP length 8, junk after it).
        const std::size_t udpLength = be16(p + 4);
        if (udpLength < 8)
            return;
        const std::size_t end = std::min(udpLength, n);
        out.append(
            {QByteArray(reinterpret_cast<const char*>(p + 8), static_cast<qsizetype>(end - 8)), packetNumber, false});
    } else if (protocol == 6) {
        if (n < 20 || !(isDnsPort(be16(p)) || isDnsPort(be16(p + 2))))
            return;
        const std::size_t headerLength = static_cast<std::size_t>(p[12] >> 4) * 4;
        if (headerLength < 20 || headerLength > n)
            return;
        // Only segments made of whole length-prefixed messages; anything split across segments is left to
        // the packet path's reassembly and its own tests.
        QList<PcapDnsPayload> messages;
        std::size_t pos = headerLength;
        while (n - pos >= 2) {
            const std::size_t length = be16(p + pos);
            if (length == 0 || length > n - pos - 2)
                return;
            messages.append({QByteArray(reinterpret_cast<const char*>(p + pos + 2), static_cast<qsizetype>(length)),
                packetNumber, true});
            pos += 2 + length;
        }
        if (pos == n)
            out.append(messages);
    }
}

void ip(const std::uint8_t* p, std::size_t n, int packetNumber, QList<PcapDnsPayload>& out)
{
    if (n < 1)
        return;
    const int version = p[0] >> 4;
    if (version == 4 && n >= 20) {
        const std::size_t headerLength = static_cast<std::size_t>(p[0] & 0x0f) * 4;
        const std::size_t total = be16(p + 2);
        const bool fragment = (be16(p + 6) & 0x3fff) != 0;
        if (headerLength < 20 || total < headerLength || fragment)
            return;
        const std::size_t end = std::min(total, n);
        if (end > headerLength)
            transport(p[9], p + headerLength, end - headerLength, packetNumber, out);
    } else if (version == 6 && n >= 40) {
        std::size_t pos = 40;
        int next = p[6];
        // Hop-by-hop, routing and destination options; a fragment header ends the walk.
        while ((next == 0 || next == 43 || next == 60) && n - pos >= 8) {
            next = p[pos];
            pos += (static_cast<std::size_t>(p[pos + 1]) + 1) * 8;
        }
        if (pos <= n)
            transport(next, p + pos, n - pos, packetNumber, out);
    }
}

void ethernetPayload(int etherType, const std::uint8_t* p, std::size_t n, int packetNumber, QList<PcapDnsPayload>& out)
{
    while ((etherType == 0x8100 || etherType == 0x88a8) && n >= 4) {
        etherType = be16(p + 2);
        p += 4;
        n -= 4;
    }
    if (etherType == 0x0800 || etherType == 0x86dd)
        ip(p, n, packetNumber, out);
}

} // namespace

QList<PcapDnsPayload> dnsPayloadsFromPcap(const QString& path, QString* error)
{
    QList<PcapDnsPayload> out;
    char errbuf[PCAP_ERRBUF_SIZE] = {};
    pcap_t* handle = pcap_open_offline(path.toLocal8Bit().constData(), errbuf);
    if (!handle) {
        if (error)
            *error = QString::fromLocal8Bit(errbuf);
        return out;
    }
    const int linkType = pcap_datalink(handle);
    pcap_pkthdr* header = nullptr;
    const u_char* data = nullptr;
    int packetNumber = 0;
    while (pcap_next_ex(handle, &header, &data) == 1) {
        ++packetNumber;
        const std::size_t n = header->caplen;
        switch (linkType) {
        case DLT_EN10MB:
            if (n >= 14)
                ethernetPayload(be16(data + 12), data + 14, n - 14, packetNumber, out);
            break;
        case DLT_LINUX_SLL:
            if (n >= 16)
                ethernetPayload(be16(data + 14), data + 16, n - 16, packetNumber, out);
            break;
        case DLT_LINUX_SLL2:
            if (n >= 20)
                ethernetPayload(be16(data), data + 20, n - 20, packetNumber, out);
            break;
        case DLT_RAW:
        case DLT_IPV4:
        case DLT_IPV6:
            ip(data, n, packetNumber, out);
            break;
        case DLT_NULL:
        case DLT_LOOP:
            if (n >= 4)
                ip(data + 4, n - 4, packetNumber, out);
            break;
        case DLT_PPP:
            if (n >= 4 && (be16(data + 2) == 0x0021 || be16(data + 2) == 0x0057))
                ip(data + 4, n - 4, packetNumber, out);
            break;
        default:
            break;
        }
    }
    pcap_close(handle);
    return out;
}

} // namespace pdnsw::test
