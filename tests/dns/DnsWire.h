#pragma once

#include <QByteArray>
#include <QString>

#include <cstdint>
#include <initializer_list>
#include <string_view>

namespace pdnsw::test {

// Builds DNS messages byte by byte for the decoder tests: what a test writes here is exactly what goes on the
// wire, malformed on purpose where a row wants it.
class DnsWire
{
public:
    // Header with the given counts; flags 0x8180 = standard response, RD+RA, NOERROR.
    static DnsWire header(std::uint16_t qd, std::uint16_t an = 0, std::uint16_t ns = 0, std::uint16_t ar = 0,
        std::uint16_t flags = 0x8180, std::uint16_t id = 0x1234);

    DnsWire& u8(std::uint8_t v);
    DnsWire& u16(std::uint16_t v);
    DnsWire& u32(std::uint32_t v);
    DnsWire& bytes(const QByteArray& b);
    DnsWire& hex(std::string_view hexText); // whitespace ignored
    // Uncompressed name from dotted text (no escapes; "." is the root) with its terminating zero.
    DnsWire& name(std::string_view dotted);
    // Labels without the terminating zero, for names that continue with a pointer.
    DnsWire& labels(std::string_view dotted);
    DnsWire& label(const QByteArray& raw); // one label of arbitrary octets
    DnsWire& pointer(std::uint16_t offset);
    DnsWire& question(std::string_view dotted, std::uint16_t type, std::uint16_t cls = 1);
    // A record's type, class, ttl and rdlength + rdata after an owner name already written.
    DnsWire& rr(std::uint16_t type, const QByteArray& rdata, std::uint32_t ttl = 300, std::uint16_t cls = 1);
    // Type, class, ttl and a hand-written rdlength that need not match what follows.
    DnsWire& rrHeader(std::uint16_t type, std::uint16_t rdlength, std::uint32_t ttl = 300, std::uint16_t cls = 1);

    int size() const { return static_cast<int>(m_bytes.size()); }
    const QByteArray& bytes() const { return m_bytes; }
    operator QByteArray() const { return m_bytes; }

private:
    QByteArray m_bytes;
};

QByteArray fromHex(std::string_view hexText);
QByteArray nameWire(std::string_view dotted); // uncompressed name bytes, root included

} // namespace pdnsw::test
