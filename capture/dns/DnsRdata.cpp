#include "capture/dns/DnsRdata.h"

#include "capture/dns/DnsNameReader.h"
#include "capture/dns/DnsPresentation.h"
#include "models/RrType.h"

#include <iterator>

namespace pdnsw {
namespace {

using namespace dnstext;

// Reads fixed fields inside one RDATA; every read checks what is left first.
class Cursor
{
public:
    Cursor(const std::uint8_t* message, std::size_t begin, std::size_t end)
        : m_message(message)
        , m_pos(begin)
        , m_end(end)
    {
    }

    std::size_t pos() const { return m_pos; }
    std::size_t end() const { return m_end; }
    std::size_t remaining() const { return m_end - m_pos; }
    bool atEnd() const { return m_pos == m_end; }
    const std::uint8_t* here() const { return m_message + m_pos; }

    bool u8(std::uint8_t& v)
    {
        if (remaining() < 1)
            return false;
        v = m_message[m_pos++];
        return true;
    }
    bool u16(std::uint16_t& v)
    {
        if (remaining() < 2)
            return false;
        v = static_cast<std::uint16_t>(m_message[m_pos] << 8 | m_message[m_pos + 1]);
        m_pos += 2;
        return true;
    }
    bool u32(std::uint32_t& v)
    {
        if (remaining() < 4)
            return false;
        v = std::uint32_t(m_message[m_pos]) << 24 | std::uint32_t(m_message[m_pos + 1]) << 16
            | std::uint32_t(m_message[m_pos + 2]) << 8 | m_message[m_pos + 3];
        m_pos += 4;
        return true;
    }
    bool bytes(std::size_t n, const std::uint8_t*& p)
    {
        if (remaining() < n)
            return false;
        p = m_message + m_pos;
        m_pos += n;
        return true;
    }
    // A <character-string>: one length octet and that many octets.
    bool characterString(const std::uint8_t*& p, std::size_t& n)
    {
        std::uint8_t length = 0;
        if (!u8(length) || remaining() < length)
            return false;
        p = m_message + m_pos;
        n = length;
        m_pos += length;
        return true;
    }
    void skipTo(std::size_t pos) { m_pos = pos; }

private:
    const std::uint8_t* m_message;
    std::size_t m_pos;
    std::size_t m_end;
};

class RdataWriter
{
public:
    RdataWriter(
        DnsNameReader& names, const std::uint8_t* message, std::size_t offset, std::size_t length, std::string& out)
        : m_names(names)
        , m_in(message, offset, offset + length)
        , m_out(out)
    {
    }

    RdataTextResult write(std::uint16_t type);

private:
    bool malformed()
    {
        if (m_result.issue == DnsIssue::None) {
            m_result.issue = DnsIssue::RdataMalformed;
            m_result.issueOffset = m_in.pos();
        }
        return false;
    }
    bool done() { return m_in.atEnd() ? true : malformed(); }

    bool number8()
    {
        std::uint8_t v = 0;
        if (!m_in.u8(v))
            return malformed();
        appendDecimal(m_out, v);
        return true;
    }
    bool number16()
    {
        std::uint16_t v = 0;
        if (!m_in.u16(v))
            return malformed();
        appendDecimal(m_out, v);
        return true;
    }
    bool number32()
    {
        std::uint32_t v = 0;
        if (!m_in.u32(v))
            return malformed();
        appendDecimal(m_out, v);
        return true;
    }
    bool space()
    {
        m_out.push_back(' ');
        return true;
    }
    bool name()
    {
        const auto read = m_names.append(m_in.pos(), m_in.end(), m_out);
        if (read.issue != DnsIssue::None) {
            m_result.issue = read.issue;
            m_result.issueOffset = read.issueOffset;
            return false;
        }
        m_in.skipTo(read.end);
        return true;
    }
    bool quoted()
    {
        const std::uint8_t* p = nullptr;
        std::size_t n = 0;
        if (!m_in.characterString(p, n))
            return malformed();
        appendQuoted(m_out, p, n);
        return true;
    }
    bool restHexUpper()
    {
        appendHexUpper(m_out, m_in.here(), m_in.remaining());
        m_in.skipTo(m_in.end());
        return true;
    }
    bool restBase64()
    {
        appendBase64(m_out, m_in.here(), m_in.remaining());
        m_in.skipTo(m_in.end());
        return true;
    }
    bool address(std::size_t size)
    {
        const std::uint8_t* p = nullptr;
        if (m_in.remaining() != size || !m_in.bytes(size, p))
            return malformed();
        if (size == 4)
            appendIpv4(m_out, p);
        else
            appendIpv6(m_out, p);
        return true;
    }

    bool text();
    bool soa();
    bool caa();
    bool naptr();
    bool rrsig();
    bool typeBitmap();
    bool nsec3();
    bool nsec3param();
    bool uri();
    bool svcb();
    bool svcbParam(std::uint16_t key, const std::uint8_t* value, std::size_t length);

    DnsNameReader& m_names;
    Cursor m_in;
    std::string& m_out;
    RdataTextResult m_result;
};

bool RdataWriter::text()
{
    // TXT and SPF: every <character-string>, quoted, space separated. An empty RDATA prints as one empty
    // string, as dig does.
    if (m_in.atEnd()) {
        m_out += "\"\"";
        return true;
    }
    bool first = true;
    while (!m_in.atEnd()) {
        if (!first)
            space();
        first = false;
        if (!quoted())
            return false;
    }
    return true;
}

bool RdataWriter::soa()
{
    return name() && space() && name() && space() && number32() && space() && number32() && space() && number32()
        && space() && number32() && space() && number32() && done();
}

bool RdataWriter::caa()
{
    std::uint8_t flags = 0, tagLength = 0;
    const std::uint8_t* tag = nullptr;
    if (!m_in.u8(flags) || !m_in.u8(tagLength) || tagLength == 0 || !m_in.bytes(tagLength, tag))
        return malformed();
    appendDecimal(m_out, flags);
    space();
    appendToken(m_out, tag, tagLength);
    space();
    appendQuoted(m_out, m_in.here(), m_in.remaining());
    m_in.skipTo(m_in.end());
    return true;
}

bool RdataWriter::naptr()
{
    return number16() && space() && number16() && space() && quoted() && space() && quoted() && space() && quoted()
        && space() && name() && done();
}

bool RdataWriter::rrsig()
{
    std::uint16_t covered = 0;
    if (!m_in.u16(covered))
        return malformed();
    appendRrType(m_out, covered);
    space();
    if (!(number8() && space() && number8() && space() && number32() && space()))
        return false;
    std::uint32_t expiration = 0, inception = 0;
    if (!m_in.u32(expiration) || !m_in.u32(inception))
        return malformed();
    appendSignatureTime(m_out, expiration);
    space();
    appendSignatureTime(m_out, inception);
    space();
    if (!(number16() && space() && name()))
        return false;
    if (m_in.atEnd())
        return malformed(); // a signature is never empty
    space();
    return restBase64();
}

bool RdataWriter::typeBitmap()
{
    // Windows in increasing order, each 1..32 octets; loop on what is left, never on a count.
    int lastWindow = -1;
    while (m_in.remaining() >= 2) {
        std::uint8_t window = 0, length = 0;
        m_in.u8(window);
        m_in.u8(length);
        const std::uint8_t* bits = nullptr;
        if (window <= lastWindow || length == 0 || length > 32 || !m_in.bytes(length, bits))
            return malformed();
        lastWindow = window;
        for (std::size_t i = 0; i < length; ++i) {
            for (int bit = 0; bit < 8; ++bit) {
                if (bits[i] & (0x80 >> bit)) {
                    space();
                    appendRrType(m_out, static_cast<std::uint16_t>(window * 256 + i * 8 + bit));
                }
            }
        }
    }
    return done();
}

bool RdataWriter::nsec3()
{
    if (!(number8() && space() && number8() && space() && number16() && space()))
        return false;
    const std::uint8_t* salt = nullptr;
    std::size_t saltLength = 0;
    if (!m_in.characterString(salt, saltLength))
        return malformed();
    if (saltLength == 0)
        m_out.push_back('-');
    else
        appendHexUpper(m_out, salt, saltLength);
    space();
    const std::uint8_t* hash = nullptr;
    std::size_t hashLength = 0;
    if (!m_in.characterString(hash, hashLength) || hashLength == 0)
        return malformed();
    appendBase32Hex(m_out, hash, hashLength);
    return typeBitmap();
}

bool RdataWriter::nsec3param()
{
    if (!(number8() && space() && number8() && space() && number16() && space()))
        return false;
    const std::uint8_t* salt = nullptr;
    std::size_t saltLength = 0;
    if (!m_in.characterString(salt, saltLength))
        return malformed();
    if (saltLength == 0)
        m_out.push_back('-');
    else
        appendHexUpper(m_out, salt, saltLength);
    return done();
}

bool RdataWriter::uri()
{
    if (!(number16() && space() && number16()))
        return false;
    if (m_in.atEnd())
        return malformed(); // the target must not be empty (tcpdump dns-uri)
    space();
    appendQuoted(m_out, m_in.here(), m_in.remaining());
    m_in.skipTo(m_in.end());
    return true;
}

void appendSvcKeyName(std::string& out, std::uint16_t key)
{
    static constexpr const char* kNames[]
        = {"mandatory", "alpn", "no-default-alpn", "port", "ipv4hint", "ech", "ipv6hint", "dohpath", "ohttp"};
    if (key < std::size(kNames)) {
        out += kNames[key];
    } else {
        out += "key";
        appendDecimal(out, key);
    }
}

bool RdataWriter::svcbParam(std::uint16_t key, const std::uint8_t* value, std::size_t length)
{
    appendSvcKeyName(m_out, key);
    switch (key) {
    case 0: // mandatory: a list of keys
        if (length == 0 || length % 2)
            return malformed();
        m_out.push_back('=');
        for (std::size_t i = 0; i < length; i += 2) {
            if (i)
                m_out.push_back(',');
            appendSvcKeyName(m_out, static_cast<std::uint16_t>(value[i] << 8 | value[i + 1]));
        }
        return true;
    case 1: { // alpn: length-prefixed protocol ids
        if (length == 0)
            return malformed();
        m_out.push_back('=');
        std::size_t i = 0;
        while (i < length) {
            const std::size_t idLength = value[i];
            if (idLength == 0 || i + 1 + idLength > length)
                return malformed();
            if (i)
                m_out.push_back(',');
            appendToken(m_out, value + i + 1, idLength);
            i += 1 + idLength;
        }
        return true;
    }
    case 2: // no-default-alpn
    case 8: // ohttp
        return length == 0 ? true : malformed();
    case 3: // port
        if (length != 2)
            return malformed();
        m_out.push_back('=');
        appendDecimal(m_out, static_cast<std::uint16_t>(value[0] << 8 | value[1]));
        return true;
    case 4: // ipv4hint
    case 6: { // ipv6hint
        const std::size_t size = key == 4 ? 4 : 16;
        if (length == 0 || length % size)
            return malformed();
        m_out.push_back('=');
        for (std::size_t i = 0; i < length; i += size) {
            if (i)
                m_out.push_back(',');
            if (size == 4)
                appendIpv4(m_out, value + i);
            else
                appendIpv6(m_out, value + i);
        }
        return true;
    }
    case 5: // ech: an ECHConfigList, shown as base64
        m_out.push_back('=');
        appendBase64(m_out, value, length);
        return true;
    case 7: // dohpath: a URI template
        m_out.push_back('=');
        appendToken(m_out, value, length);
        return true;
    default:
        if (length) {
            m_out.push_back('=');
            appendHexLower(m_out, value, length);
        }
        return true;
    }
}

bool RdataWriter::svcb()
{
    if (!(number16() && space() && name()))
        return false;
    while (!m_in.atEnd()) {
        std::uint16_t key = 0, length = 0;
        const std::uint8_t* value = nullptr;
        if (!m_in.u16(key) || !m_in.u16(length) || !m_in.bytes(length, value))
            return malformed();
        space();
        if (!svcbParam(key, value, length))
            return false;
    }
    return true;
}

RdataTextResult RdataWriter::write(std::uint16_t type)
{
    bool ok = false;
    switch (type) {
    case RrTypes::A:
        ok = address(4);
        break;
    case RrTypes::AAAA:
        ok = address(16);
        break;
    case RrTypes::NS:
    case 3: // MD
    case 4: // MF
    case RrTypes::CNAME:
    case 7: // MB
    case 8: // MG
    case 9: // MR
    case RrTypes::PTR:
    case RrTypes::DNAME:
        ok = name() && done();
        break;
    case 14: // MINFO
    case 17: // RP
        ok = name() && space() && name() && done();
        break;
    case RrTypes::MX:
    case 18: // AFSDB
    case 21: // RT
    case 36: // KX
        ok = number16() && space() && name() && done();
        break;
    case RrTypes::TXT:
    case RrTypes::SPF:
        ok = text();
        break;
    case RrTypes::HINFO:
        ok = quoted() && space() && quoted() && done();
        break;
    case RrTypes::SOA:
        ok = soa();
        break;
    case RrTypes::SRV:
        ok = number16() && space() && number16() && space() && number16() && space() && name() && done();
        break;
    case RrTypes::NAPTR:
        ok = naptr();
        break;
    case RrTypes::CAA:
        ok = caa();
        break;
    case RrTypes::URI:
        ok = uri();
        break;
    case RrTypes::DS:
    case 59: // CDS
    case 32769: // DLV
        ok = number16() && space() && number8() && space() && number8()
            && (m_in.atEnd() ? malformed() : space() && restHexUpper());
        break;
    case RrTypes::SSHFP:
        ok = number8() && space() && number8() && (m_in.atEnd() ? malformed() : space() && restHexUpper());
        break;
    case 52: // TLSA
    case 53: // SMIMEA
        ok = number8() && space() && number8() && space() && number8()
            && (m_in.atEnd() ? malformed() : space() && restHexUpper());
        break;
    case RrTypes::DNSKEY:
    case 60: // CDNSKEY
        ok = number16() && space() && number8() && space() && number8()
            && (m_in.atEnd() ? malformed() : space() && restBase64());
        break;
    case RrTypes::RRSIG:
        ok = rrsig();
        break;
    case RrTypes::NSEC:
        ok = name() && typeBitmap();
        break;
    case RrTypes::NSEC3:
        ok = nsec3();
        break;
    case RrTypes::NSEC3PARAM:
        ok = nsec3param();
        break;
    case RrTypes::SVCB:
    case RrTypes::HTTPS:
        ok = svcb();
        break;
    default:
        appendGenericRdata(m_out, m_in.here(), m_in.remaining());
        m_in.skipTo(m_in.end());
        ok = true;
        break;
    }
    if (!ok && m_result.issue == DnsIssue::None)
        malformed();
    return m_result;
}

} // namespace

RdataTextResult appendRdataText(DnsNameReader& names, const std::uint8_t* message, std::size_t offset,
    std::size_t length, std::uint16_t type, std::string& out)
{
    return RdataWriter(names, message, offset, length, out).write(type);
}

void appendGenericRdata(std::string& out, const std::uint8_t* data, std::size_t length)
{
    out += "\\# ";
    appendDecimal(out, length);
    if (length) {
        out.push_back(' ');
        appendHexUpper(out, data, length);
    }
}

} // namespace pdnsw
