#include "PcapFixture.h"

#include <QFile>
#include <QHostAddress>

#include <algorithm>

namespace pdnsw::test {

QByteArray DnsBuilder::u16(std::uint16_t v)
{
    QByteArray b(2, 0);
    b[0] = char(v >> 8);
    b[1] = char(v & 0xFF);
    return b;
}

QByteArray DnsBuilder::u32(std::uint32_t v)
{
    return u16(std::uint16_t(v >> 16)) + u16(std::uint16_t(v & 0xFFFF));
}

QByteArray DnsBuilder::name(const QString& dotted)
{
    QByteArray out;
    if (dotted != QLatin1String(".") && !dotted.isEmpty()) {
        const QStringList labels = dotted.split(QLatin1Char('.'), Qt::SkipEmptyParts);
        for (const QString& label : labels) {
            const QByteArray l = label.toLatin1();
            out.append(char(l.size()));
            out.append(l);
        }
    }
    out.append('\0');
    return out;
}

QByteArray DnsBuilder::a(const QString& ip)
{
    return u32(QHostAddress(ip).toIPv4Address());
}

QByteArray DnsBuilder::aaaa(const QString& ip)
{
    const Q_IPV6ADDR v6 = QHostAddress(ip).toIPv6Address();
    return QByteArray(reinterpret_cast<const char*>(v6.c), 16);
}

QByteArray DnsBuilder::text(const QByteArray& s)
{
    return QByteArray(1, char(s.size())) + s;
}

DnsBuilder::DnsBuilder(std::uint16_t id, bool response, int rcode, int opcode)
    : m_id(id)
    , m_response(response)
    , m_rcode(rcode)
    , m_opcode(opcode)
{
}

DnsBuilder& DnsBuilder::question(const QString& n, std::uint16_t type, std::uint16_t qclass)
{
    m_questions += name(n) + u16(type) + u16(qclass);
    ++m_qd;
    return *this;
}

QByteArray DnsBuilder::rr(const QString& n, std::uint16_t type, std::uint32_t ttl, const QByteArray& rdata) const
{
    return name(n) + u16(type) + u16(1) + u32(ttl) + u16(std::uint16_t(rdata.size())) + rdata;
}

DnsBuilder& DnsBuilder::answer(const QString& n, std::uint16_t type, std::uint32_t ttl, const QByteArray& rdata)
{
    m_answers += rr(n, type, ttl, rdata);
    ++m_an;
    return *this;
}

DnsBuilder& DnsBuilder::authority(const QString& n, std::uint16_t type, std::uint32_t ttl, const QByteArray& rdata)
{
    m_authority += rr(n, type, ttl, rdata);
    ++m_ns;
    return *this;
}

DnsBuilder& DnsBuilder::additional(const QString& n, std::uint16_t type, std::uint32_t ttl, const QByteArray& rdata)
{
    m_additional += rr(n, type, ttl, rdata);
    ++m_ar;
    return *this;
}

DnsBuilder& DnsBuilder::truncated(bool tc)
{
    m_tc = tc;
    return *this;
}

QByteArray DnsBuilder::build() const
{
    std::uint16_t flags = std::uint16_t((m_response ? 0x8000 : 0) | ((m_opcode & 0xF) << 11) | (m_tc ? 0x0200 : 0)
        | 0x0100 | (m_response ? 0x0080 : 0) | (m_rcode & 0xF));
    return u16(m_id) + u16(flags) + u16(std::uint16_t(m_qd)) + u16(std::uint16_t(m_an)) + u16(std::uint16_t(m_ns))
        + u16(std::uint16_t(m_ar)) + m_questions + m_answers + m_authority + m_additional;
}

namespace {

QByteArray ipv4Header(const QString& src, const QString& dst, std::uint8_t proto, int payloadSize, std::uint16_t id,
    std::uint16_t fragField)
{
    QByteArray h;
    h.append(char(0x45));
    h.append('\0');
    h += DnsBuilder::u16(std::uint16_t(20 + payloadSize));
    h += DnsBuilder::u16(id);
    h += DnsBuilder::u16(fragField);
    h.append(char(64));
    h.append(char(proto));
    h += DnsBuilder::u16(0); // checksum: not verified by the packet path
    h += DnsBuilder::a(src);
    h += DnsBuilder::a(dst);
    return h;
}

} // namespace

QByteArray ipv4(const QString& src, const QString& dst, std::uint8_t proto, const QByteArray& payload, std::uint16_t id,
    std::uint16_t fragField)
{
    return ipv4Header(src, dst, proto, int(payload.size()), id, fragField) + payload;
}

QByteArray ipv6(const QString& src, const QString& dst, std::uint8_t next, const QByteArray& payload)
{
    QByteArray h;
    h.append(char(0x60));
    h.append(3, '\0');
    h += DnsBuilder::u16(std::uint16_t(payload.size()));
    h.append(char(next));
    h.append(char(64));
    h += DnsBuilder::aaaa(src);
    h += DnsBuilder::aaaa(dst);
    return h + payload;
}

QByteArray udp(std::uint16_t sport, std::uint16_t dport, const QByteArray& payload)
{
    return DnsBuilder::u16(sport) + DnsBuilder::u16(dport) + DnsBuilder::u16(std::uint16_t(8 + payload.size()))
        + DnsBuilder::u16(0) + payload;
}

QByteArray tcp(
    std::uint16_t sport, std::uint16_t dport, std::uint32_t seq, std::uint8_t flags, const QByteArray& payload)
{
    QByteArray h = DnsBuilder::u16(sport) + DnsBuilder::u16(dport) + DnsBuilder::u32(seq) + DnsBuilder::u32(0);
    h.append(char(5 << 4));
    h.append(char(flags));
    h += DnsBuilder::u16(65535) + DnsBuilder::u16(0) + DnsBuilder::u16(0);
    return h + payload;
}

QByteArray udp4(const QString& src, const QString& dst, std::uint16_t sport, std::uint16_t dport, const QByteArray& dns)
{
    return ipv4(src, dst, 17, udp(sport, dport, dns));
}

QByteArray udp6(const QString& src, const QString& dst, std::uint16_t sport, std::uint16_t dport, const QByteArray& dns)
{
    return ipv6(src, dst, 17, udp(sport, dport, dns));
}

QByteArray tcp4(const QString& src, const QString& dst, std::uint16_t sport, std::uint16_t dport, std::uint32_t seq,
    std::uint8_t flags, const QByteArray& payload)
{
    return ipv4(src, dst, 6, tcp(sport, dport, seq, flags, payload));
}

QByteArray tcpMessage(const QByteArray& dns)
{
    return DnsBuilder::u16(std::uint16_t(dns.size())) + dns;
}

QList<QByteArray> ipv4Fragments(const QString& src, const QString& dst, std::uint8_t proto, const QByteArray& transport,
    std::uint16_t id, const QList<QPair<int, int>>& pieces)
{
    QList<QByteArray> out;
    for (const auto& [offset, size] : pieces) {
        const bool more = offset + size < transport.size();
        const std::uint16_t field = std::uint16_t((more ? 0x2000 : 0) | (offset / 8));
        out.append(ipv4(src, dst, proto, transport.mid(offset, size), id, field));
    }
    return out;
}

QList<QByteArray> ipv6Fragments(const QString& src, const QString& dst, std::uint8_t proto, const QByteArray& transport,
    std::uint32_t id, const QList<QPair<int, int>>& pieces)
{
    QList<QByteArray> out;
    for (const auto& [offset, size] : pieces) {
        const bool more = offset + size < transport.size();
        QByteArray frag;
        frag.append(char(proto));
        frag.append('\0');
        frag += DnsBuilder::u16(std::uint16_t(offset | (more ? 1 : 0)));
        frag += DnsBuilder::u32(id);
        out.append(ipv6(src, dst, 44, frag + transport.mid(offset, size)));
    }
    return out;
}

QByteArray ethernet(const QByteArray& ip, bool v6, const QList<std::uint16_t>& tagTpids)
{
    QByteArray f = QByteArray::fromHex("00112233445566778899aabb");
    std::uint16_t vlan = 10;
    for (std::uint16_t tpid : tagTpids)
        f += DnsBuilder::u16(tpid) + DnsBuilder::u16(vlan++);
    f += DnsBuilder::u16(v6 ? 0x86DD : 0x0800);
    return f + ip;
}

QByteArray linuxSll(const QByteArray& ip, bool v6)
{
    return DnsBuilder::u16(0) + DnsBuilder::u16(1) + DnsBuilder::u16(6) + QByteArray::fromHex("0011223344550000")
        + DnsBuilder::u16(v6 ? 0x86DD : 0x0800) + ip;
}

QByteArray linuxSll2(const QByteArray& ip, bool v6)
{
    return DnsBuilder::u16(v6 ? 0x86DD : 0x0800) + DnsBuilder::u16(0) + DnsBuilder::u32(2) + DnsBuilder::u16(1)
        + QByteArray(1, '\0') + QByteArray(1, char(6)) + QByteArray::fromHex("0011223344550000") + ip;
}

QByteArray bsdNull(const QByteArray& ip, std::uint32_t family)
{
    QByteArray f(4, 0);
    f[0] = char(family & 0xFF);
    f[1] = char((family >> 8) & 0xFF);
    return f + ip;
}

QByteArray pppoe(const QByteArray& ip, bool v6)
{
    QByteArray f = QByteArray::fromHex("00112233445566778899aabb") + DnsBuilder::u16(0x8864);
    f += QByteArray::fromHex("1100") + DnsBuilder::u16(0x1234) + DnsBuilder::u16(std::uint16_t(ip.size() + 2));
    f += DnsBuilder::u16(v6 ? 0x0057 : 0x0021);
    return f + ip;
}

namespace {
QByteArray le32(std::uint32_t v)
{
    QByteArray b(4, 0);
    for (int i = 0; i < 4; ++i)
        b[i] = char((v >> (8 * i)) & 0xFF);
    return b;
}
QByteArray le16(std::uint16_t v)
{
    QByteArray b(2, 0);
    b[0] = char(v & 0xFF);
    b[1] = char(v >> 8);
    return b;
}
} // namespace

PcapFile::PcapFile(int linkType, std::uint32_t snaplen)
{
    m_bytes = le32(0xA1B2C3D4) + le16(2) + le16(4) + le32(0) + le32(0) + le32(snaplen) + le32(std::uint32_t(linkType));
}

PcapFile& PcapFile::add(const QByteArray& frame, std::int64_t sec, std::int32_t usec)
{
    m_bytes += le32(std::uint32_t(sec)) + le32(std::uint32_t(usec)) + le32(std::uint32_t(frame.size()))
        + le32(std::uint32_t(frame.size())) + frame;
    return *this;
}

PcapFile& PcapFile::addRecord(const QByteArray& frame, std::uint32_t caplen, std::uint32_t len, std::int64_t sec)
{
    m_bytes += le32(std::uint32_t(sec)) + le32(0) + le32(caplen) + le32(len) + frame;
    return *this;
}

PcapFile& PcapFile::raw(const QByteArray& bytes)
{
    m_bytes += bytes;
    return *this;
}

bool PcapFile::save(const QString& path) const
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(m_bytes) == m_bytes.size();
}

QStringList CollectingSink::lines() const
{
    QStringList out;
    for (const Observation& o : observations)
        out.append(o.rrname + QLatin1Char(' ') + o.rrtype + QLatin1Char(' ') + o.rdata + QLatin1Char(' ')
            + sectionName(o.section));
    std::sort(out.begin(), out.end());
    return out;
}

QList<Observation> CollectingSink::find(const QString& rrname, const QString& rrtype) const
{
    QList<Observation> out;
    for (const Observation& o : observations)
        if (o.rrname == rrname && (rrtype.isEmpty() || o.rrtype == rrtype))
            out.append(o);
    return out;
}

} // namespace pdnsw::test
