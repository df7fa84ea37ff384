#pragma once

#include "models/ObservationSink.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <cstdint>

// Test-only builders for DNS messages, packets and capture files, so every fixture is made from readable code
// instead of opaque binary blobs.
namespace pdnsw::test {

// A DNS message in wire format, names written uncompressed.
class DnsBuilder
{
public:
    DnsBuilder(std::uint16_t id, bool response, int rcode = 0, int opcode = 0);
    DnsBuilder& question(const QString& name, std::uint16_t type, std::uint16_t qclass = 1);
    DnsBuilder& answer(const QString& name, std::uint16_t type, std::uint32_t ttl, const QByteArray& rdata);
    DnsBuilder& authority(const QString& name, std::uint16_t type, std::uint32_t ttl, const QByteArray& rdata);
    DnsBuilder& additional(const QString& name, std::uint16_t type, std::uint32_t ttl, const QByteArray& rdata);
    DnsBuilder& truncated(bool tc = true);
    QByteArray build() const;

    static QByteArray name(const QString& dotted);
    static QByteArray a(const QString& ip);
    static QByteArray aaaa(const QString& ip);
    static QByteArray u16(std::uint16_t v);
    static QByteArray u32(std::uint32_t v);
    static QByteArray text(const QByteArray& s); // one <character-string>

private:
    QByteArray rr(const QString& name, std::uint16_t type, std::uint32_t ttl, const QByteArray& rdata) const;
    std::uint16_t m_id;
    bool m_response;
    int m_rcode;
    int m_opcode;
    bool m_tc = false;
    QByteArray m_questions, m_answers, m_authority, m_additional;
    int m_qd = 0, m_an = 0, m_ns = 0, m_ar = 0;
};

// IP packets (no link layer).
QByteArray ipv4(const QString& src, const QString& dst, std::uint8_t proto, const QByteArray& payload,
    std::uint16_t id = 1, std::uint16_t fragField = 0);
QByteArray ipv6(const QString& src, const QString& dst, std::uint8_t next, const QByteArray& payload);
QByteArray udp(std::uint16_t sport, std::uint16_t dport, const QByteArray& payload);
QByteArray tcp(
    std::uint16_t sport, std::uint16_t dport, std::uint32_t seq, std::uint8_t flags, const QByteArray& payload);
QByteArray udp4(
    const QString& src, const QString& dst, std::uint16_t sport, std::uint16_t dport, const QByteArray& dns);
QByteArray udp6(
    const QString& src, const QString& dst, std::uint16_t sport, std::uint16_t dport, const QByteArray& dns);
QByteArray tcp4(const QString& src, const QString& dst, std::uint16_t sport, std::uint16_t dport, std::uint32_t seq,
    std::uint8_t flags, const QByteArray& payload);
// A length-prefixed DNS-over-TCP message.
QByteArray tcpMessage(const QByteArray& dns);
// IPv4 fragments of `transport` (UDP/TCP header + data): each entry (offset in bytes, size).
QList<QByteArray> ipv4Fragments(const QString& src, const QString& dst, std::uint8_t proto, const QByteArray& transport,
    std::uint16_t id, const QList<QPair<int, int>>& pieces);
QList<QByteArray> ipv6Fragments(const QString& src, const QString& dst, std::uint8_t proto, const QByteArray& transport,
    std::uint32_t id, const QList<QPair<int, int>>& pieces);

namespace TcpFlags {
inline constexpr std::uint8_t Fin = 0x01, Syn = 0x02, Rst = 0x04, Psh = 0x08, Ack = 0x10;
}

// Link layers around an IP packet.
QByteArray ethernet(const QByteArray& ip, bool v6 = false, const QList<std::uint16_t>& tagTpids = {});
QByteArray linuxSll(const QByteArray& ip, bool v6 = false);
QByteArray linuxSll2(const QByteArray& ip, bool v6 = false);
QByteArray bsdNull(const QByteArray& ip, std::uint32_t family); // host (little-endian) order
QByteArray pppoe(const QByteArray& ip, bool v6 = false);

// A classic pcap file written record by record; raw() appends arbitrary bytes for malformed files.
class PcapFile
{
public:
    explicit PcapFile(int linkType, std::uint32_t snaplen = 65535);
    PcapFile& add(const QByteArray& frame, std::int64_t sec = 1700000000, std::int32_t usec = 0);
    PcapFile& addRecord(
        const QByteArray& frame, std::uint32_t caplen, std::uint32_t len, std::int64_t sec = 1700000000);
    PcapFile& raw(const QByteArray& bytes);
    const QByteArray& bytes() const { return m_bytes; }
    bool save(const QString& path) const;

private:
    QByteArray m_bytes;
};

// Collects everything an importer sends, for assertions.
class CollectingSink : public ObservationSink
{
public:
    bool addObservation(const Observation& observation) override
    {
        observations.append(observation);
        return true;
    }
    bool addUnansweredQuery(const QString& rrname, const QString& rrtype, qint64 time) override
    {
        unanswered.append(rrname + QLatin1Char('/') + rrtype);
        Q_UNUSED(time);
        return true;
    }
    void addError(const QString& position, const QString& message) override
    {
        errors.append(position + QStringLiteral(": ") + message);
    }
    // "name TYPE rdata section" lines, sorted.
    QStringList lines() const;
    QList<Observation> find(const QString& rrname, const QString& rrtype = {}) const;

    QList<Observation> observations;
    QStringList unanswered;
    QStringList errors;
};

} // namespace pdnsw::test
