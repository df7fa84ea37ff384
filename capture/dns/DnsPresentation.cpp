#include "capture/dns/DnsPresentation.h"

#include "models/RrType.h"

#include <array>
#include <charconv>

namespace pdnsw::dnstext {
namespace {

constexpr char kHexUpper[] = "0123456789ABCDEF";
constexpr char kHexLower[] = "0123456789abcdef";

// For each octet of a label: the character to write as is (case already folded), or 0 when it needs an escape.
constexpr std::array<char, 256> makeLabelTable()
{
    std::array<char, 256> table{};
    for (int c = 'a'; c <= 'z'; ++c)
        table[c] = static_cast<char>(c);
    for (int c = 'A'; c <= 'Z'; ++c)
        table[c] = static_cast<char>(c - 'A' + 'a');
    for (int c = '0'; c <= '9'; ++c)
        table[c] = static_cast<char>(c);
    table['-'] = '-';
    table['_'] = '_';
    table['*'] = '*';
    // RFC 2317 classless reverse zones ("0/25.2.0.192.in-addr.arpa"): written plainly, as Zeek, passivedns, COF
    // feeds and tshark do, so the same name from a capture and from a log is one name in the case.
    table['/'] = '/';
    return table;
}
constexpr std::array<char, 256> kLabelTable = makeLabelTable();

char* writeDdd(char* dst, std::uint8_t value)
{
    dst[0] = '\\';
    dst[1] = static_cast<char>('0' + value / 100);
    dst[2] = static_cast<char>('0' + (value / 10) % 10);
    dst[3] = static_cast<char>('0' + value % 10);
    return dst + 4;
}

void appendDdd(std::string& out, std::uint8_t value)
{
    char buf[4];
    writeDdd(buf, value);
    out.append(buf, 4);
}

void appendHex(std::string& out, const std::uint8_t* data, std::size_t size, const char* digits)
{
    const std::size_t start = out.size();
    out.resize(start + size * 2);
    char* dst = out.data() + start;
    for (std::size_t i = 0; i < size; ++i) {
        *dst++ = digits[data[i] >> 4];
        *dst++ = digits[data[i] & 0x0f];
    }
}

bool isLeapYear(unsigned year)
{
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

// Days since 1970-01-01 to a Gregorian date. The input is at most 2^32 / 86400 days (year 2106), so walking
// years and months is short and obviously right.
void civilFromDays(std::uint32_t days, unsigned& year, unsigned& month, unsigned& day)
{
    static constexpr unsigned kMonthDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    year = 1970;
    for (;;) {
        const unsigned yearDays = isLeapYear(year) ? 366 : 365;
        if (days < yearDays)
            break;
        days -= yearDays;
        ++year;
    }
    month = 1;
    for (unsigned m = 0; m < 12; ++m) {
        const unsigned monthDays = kMonthDays[m] + (m == 1 && isLeapYear(year) ? 1 : 0);
        if (days < monthDays)
            break;
        days -= monthDays;
        ++month;
    }
    day = days + 1;
}

void appendTwoDigits(std::string& out, unsigned value)
{
    out.push_back(static_cast<char>('0' + (value / 10) % 10));
    out.push_back(static_cast<char>('0' + value % 10));
}

struct TypeNames
{
    std::array<std::string, 512> low;
    TypeNames()
    {
        for (std::size_t i = 0; i < low.size(); ++i)
            low[i] = rrTypeName(static_cast<quint16>(i)).toStdString();
    }
};

} // namespace

void appendDecimal(std::string& out, std::uint64_t value)
{
    char buf[20];
    const auto result = std::to_chars(buf, buf + sizeof buf, value);
    out.append(buf, result.ptr);
}

void appendIpv4(std::string& out, const std::uint8_t* a)
{
    char buf[16];
    char* p = buf;
    for (int i = 0; i < 4; ++i) {
        if (i)
            *p++ = '.';
        p = std::to_chars(p, buf + sizeof buf, a[i]).ptr;
    }
    out.append(buf, p);
}

void appendIpv6(std::string& out, const std::uint8_t* a)
{
    std::uint16_t words[8];
    for (int i = 0; i < 8; ++i)
        words[i] = static_cast<std::uint16_t>(a[2 * i] << 8 | a[2 * i + 1]);
    // The longest run of two or more zero words becomes "::" (the first one on a tie).
    int bestBase = -1, bestLen = 0;
    for (int i = 0; i < 8;) {
        if (words[i] != 0) {
            ++i;
            continue;
        }
        int j = i;
        while (j < 8 && words[j] == 0)
            ++j;
        if (j - i > bestLen) {
            bestBase = i;
            bestLen = j - i;
        }
        i = j;
    }
    if (bestLen < 2)
        bestBase = -1;

    char buf[48];
    char* p = buf;
    for (int i = 0; i < 8; ++i) {
        if (bestBase >= 0 && i >= bestBase && i < bestBase + bestLen) {
            if (i == bestBase)
                *p++ = ':';
            continue;
        }
        if (i)
            *p++ = ':';
        // IPv4-compatible (::a.b.c.d) and IPv4-mapped (::ffff:a.b.c.d) keep a dotted tail, as inet_ntop does.
        if (i == 6 && bestBase == 0 && (bestLen == 6 || (bestLen == 5 && words[5] == 0xffff))) {
            out.append(buf, p);
            appendIpv4(out, a + 12);
            return;
        }
        p = std::to_chars(p, buf + sizeof buf, words[i], 16).ptr;
    }
    if (bestBase >= 0 && bestBase + bestLen == 8)
        *p++ = ':';
    out.append(buf, p);
}

void appendHexUpper(std::string& out, const std::uint8_t* data, std::size_t size)
{
    appendHex(out, data, size, kHexUpper);
}

void appendHexLower(std::string& out, const std::uint8_t* data, std::size_t size)
{
    appendHex(out, data, size, kHexLower);
}

void appendBase64(std::string& out, const std::uint8_t* data, std::size_t size)
{
    static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::size_t i = 0;
    for (; i + 3 <= size; i += 3) {
        const std::uint32_t v = std::uint32_t(data[i]) << 16 | std::uint32_t(data[i + 1]) << 8 | data[i + 2];
        const char quad[4]
            = {kAlphabet[v >> 18], kAlphabet[(v >> 12) & 63], kAlphabet[(v >> 6) & 63], kAlphabet[v & 63]};
        out.append(quad, 4);
    }
    const std::size_t rest = size - i;
    if (rest == 1) {
        const std::uint32_t v = std::uint32_t(data[i]) << 16;
        const char quad[4] = {kAlphabet[v >> 18], kAlphabet[(v >> 12) & 63], '=', '='};
        out.append(quad, 4);
    } else if (rest == 2) {
        const std::uint32_t v = std::uint32_t(data[i]) << 16 | std::uint32_t(data[i + 1]) << 8;
        const char quad[4] = {kAlphabet[v >> 18], kAlphabet[(v >> 12) & 63], kAlphabet[(v >> 6) & 63], '='};
        out.append(quad, 4);
    }
}

void appendBase32Hex(std::string& out, const std::uint8_t* data, std::size_t size)
{
    static constexpr char kAlphabet[] = "0123456789ABCDEFGHIJKLMNOPQRSTUV";
    std::uint32_t buffer = 0;
    int bits = 0;
    for (std::size_t i = 0; i < size; ++i) {
        buffer = (buffer << 8) | data[i];
        bits += 8;
        while (bits >= 5) {
            bits -= 5;
            out.push_back(kAlphabet[(buffer >> bits) & 31]);
        }
    }
    if (bits > 0)
        out.push_back(kAlphabet[(buffer << (5 - bits)) & 31]);
}

void appendQuoted(std::string& out, const std::uint8_t* data, std::size_t size)
{
    out.push_back('"');
    for (std::size_t i = 0; i < size; ++i) {
        const std::uint8_t c = data[i];
        if (c == '"' || c == '\\') {
            out.push_back('\\');
            out.push_back(static_cast<char>(c));
        } else if (c < 0x20 || c > 0x7e) {
            appendDdd(out, c);
        } else {
            out.push_back(static_cast<char>(c));
        }
    }
    out.push_back('"');
}

void appendToken(std::string& out, const std::uint8_t* data, std::size_t size)
{
    for (std::size_t i = 0; i < size; ++i) {
        const std::uint8_t c = data[i];
        if (c <= 0x20 || c > 0x7e || c == '"' || c == '\\' || c == ',')
            appendDdd(out, c);
        else
            out.push_back(static_cast<char>(c));
    }
}

char* writeLabel(char* dst, const std::uint8_t* label, std::size_t size)
{
    for (std::size_t i = 0; i < size; ++i) {
        const std::uint8_t c = label[i];
        const char plain = kLabelTable[c];
        if (plain) {
            *dst++ = plain;
        } else if (c == '.') {
            *dst++ = '\\';
            *dst++ = '.';
        } else {
            dst = writeDdd(dst, c);
        }
    }
    return dst;
}

void appendLabel(std::string& out, const std::uint8_t* label, std::size_t size)
{
    const std::size_t start = out.size();
    out.resize(start + size * 4);
    char* end = writeLabel(out.data() + start, label, size);
    out.resize(static_cast<std::size_t>(end - out.data()));
}

void appendSignatureTime(std::string& out, std::uint32_t seconds)
{
    unsigned year = 0, month = 0, day = 0;
    civilFromDays(seconds / 86400, year, month, day);
    const unsigned secondOfDay = seconds % 86400;
    appendDecimal(out, year);
    appendTwoDigits(out, month);
    appendTwoDigits(out, day);
    appendTwoDigits(out, secondOfDay / 3600);
    appendTwoDigits(out, (secondOfDay / 60) % 60);
    appendTwoDigits(out, secondOfDay % 60);
}

void appendRrType(std::string& out, std::uint16_t type)
{
    static const TypeNames names; // thread-safe one-time init; the registry lives in models/RrType
    if (type < names.low.size())
        out += names.low[type];
    else
        out += rrTypeName(type).toStdString();
}

} // namespace pdnsw::dnstext
