#include "dns/DnsWire.h"

namespace pdnsw::test {

QByteArray fromHex(std::string_view hexText)
{
    QByteArray compact;
    for (char c : hexText) {
        if (c != ' ' && c != '\n' && c != '\t')
            compact.append(c);
    }
    return QByteArray::fromHex(compact);
}

QByteArray nameWire(std::string_view dotted)
{
    DnsWire w;
    w.name(dotted);
    return w.bytes();
}

DnsWire DnsWire::header(
    std::uint16_t qd, std::uint16_t an, std::uint16_t ns, std::uint16_t ar, std::uint16_t flags, std::uint16_t id)
{
    DnsWire w;
    w.u16(id).u16(flags).u16(qd).u16(an).u16(ns).u16(ar);
    return w;
}

DnsWire& DnsWire::u8(std::uint8_t v)
{
    m_bytes.append(static_cast<char>(v));
    return *this;
}

DnsWire& DnsWire::u16(std::uint16_t v)
{
    return u8(static_cast<std::uint8_t>(v >> 8)).u8(static_cast<std::uint8_t>(v));
}

DnsWire& DnsWire::u32(std::uint32_t v)
{
    return u16(static_cast<std::uint16_t>(v >> 16)).u16(static_cast<std::uint16_t>(v));
}

DnsWire& DnsWire::bytes(const QByteArray& b)
{
    m_bytes.append(b);
    return *this;
}

DnsWire& DnsWire::hex(std::string_view hexText)
{
    return bytes(fromHex(hexText));
}

DnsWire& DnsWire::labels(std::string_view dotted)
{
    std::size_t start = 0;
    while (start < dotted.size()) {
        std::size_t dot = dotted.find('.', start);
        if (dot == std::string_view::npos)
            dot = dotted.size();
        if (dot > start)
            label(QByteArray(dotted.data() + start, static_cast<qsizetype>(dot - start)));
        start = dot + 1;
    }
    return *this;
}

DnsWire& DnsWire::name(std::string_view dotted)
{
    return labels(dotted).u8(0);
}

DnsWire& DnsWire::label(const QByteArray& raw)
{
    u8(static_cast<std::uint8_t>(raw.size()));
    return bytes(raw);
}

DnsWire& DnsWire::pointer(std::uint16_t offset)
{
    return u16(static_cast<std::uint16_t>(0xc000 | offset));
}

DnsWire& DnsWire::question(std::string_view dotted, std::uint16_t type, std::uint16_t cls)
{
    return name(dotted).u16(type).u16(cls);
}

DnsWire& DnsWire::rr(std::uint16_t type, const QByteArray& rdata, std::uint32_t ttl, std::uint16_t cls)
{
    return rrHeader(type, static_cast<std::uint16_t>(rdata.size()), ttl, cls).bytes(rdata);
}

DnsWire& DnsWire::rrHeader(std::uint16_t type, std::uint16_t rdlength, std::uint32_t ttl, std::uint16_t cls)
{
    return u16(type).u16(cls).u32(ttl).u16(rdlength);
}

} // namespace pdnsw::test
