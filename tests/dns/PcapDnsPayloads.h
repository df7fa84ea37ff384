#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

namespace pdnsw::test {

// DNS payloads pulled out of a capture for the decoder tests only: Ethernet (with VLAN tags), Linux SLL/SLL2,
// raw IP and BSD loopback; IPv4 and IPv6 without fragments; UDP and single-segment TCP messages on ports 53,
// 5353, 5355 and 8053. Deliberately simple: the capture engine's packet path is tested on its own.
struct PcapDnsPayload
{
    QByteArray message;
    int packetNumber = 0; // 1-based, as Wireshark counts
    bool tcp = false;
};

// Returns the payloads; on a file libpcap cannot open, an empty list and `error` set.
QList<PcapDnsPayload> dnsPayloadsFromPcap(const QString& path, QString* error = nullptr);

} // namespace pdnsw::test
