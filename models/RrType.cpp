#include "models/RrType.h"

#include <array>

namespace pdnsw {
namespace {

struct TypeEntry
{
    quint16 number;
    const char16_t* name;
};

// The IANA "Resource Record (RR) TYPEs" registry entries still seen on the wire.
constexpr std::array kTypes{
    TypeEntry{1, u"A"},
    TypeEntry{2, u"NS"},
    TypeEntry{3, u"MD"},
    TypeEntry{4, u"MF"},
    TypeEntry{5, u"CNAME"},
    TypeEntry{6, u"SOA"},
    TypeEntry{7, u"MB"},
    TypeEntry{8, u"MG"},
    TypeEntry{9, u"MR"},
    TypeEntry{10, u"NULL"},
    TypeEntry{11, u"WKS"},
    TypeEntry{12, u"PTR"},
    TypeEntry{13, u"HINFO"},
    TypeEntry{14, u"MINFO"},
    TypeEntry{15, u"MX"},
    TypeEntry{16, u"TXT"},
    TypeEntry{17, u"RP"},
    TypeEntry{18, u"AFSDB"},
    TypeEntry{19, u"X25"},
    TypeEntry{20, u"ISDN"},
    TypeEntry{21, u"RT"},
    TypeEntry{22, u"NSAP"},
    TypeEntry{23, u"NSAP-PTR"},
    TypeEntry{24, u"SIG"},
    TypeEntry{25, u"KEY"},
    TypeEntry{26, u"PX"},
    TypeEntry{27, u"GPOS"},
    TypeEntry{28, u"AAAA"},
    TypeEntry{29, u"LOC"},
    TypeEntry{30, u"NXT"},
    TypeEntry{31, u"EID"},
    TypeEntry{32, u"NIMLOC"},
    TypeEntry{33, u"SRV"},
    TypeEntry{34, u"ATMA"},
    TypeEntry{35, u"NAPTR"},
    TypeEntry{36, u"KX"},
    TypeEntry{37, u"CERT"},
    TypeEntry{38, u"A6"},
    TypeEntry{39, u"DNAME"},
    TypeEntry{40, u"SINK"},
    TypeEntry{41, u"OPT"},
    TypeEntry{42, u"APL"},
    TypeEntry{43, u"DS"},
    TypeEntry{44, u"SSHFP"},
    TypeEntry{45, u"IPSECKEY"},
    TypeEntry{46, u"RRSIG"},
    TypeEntry{47, u"NSEC"},
    TypeEntry{48, u"DNSKEY"},
    TypeEntry{49, u"DHCID"},
    TypeEntry{50, u"NSEC3"},
    TypeEntry{51, u"NSEC3PARAM"},
    TypeEntry{52, u"TLSA"},
    TypeEntry{53, u"SMIMEA"},
    TypeEntry{55, u"HIP"},
    TypeEntry{56, u"NINFO"},
    TypeEntry{57, u"RKEY"},
    TypeEntry{58, u"TALINK"},
    TypeEntry{59, u"CDS"},
    TypeEntry{60, u"CDNSKEY"},
    TypeEntry{61, u"OPENPGPKEY"},
    TypeEntry{62, u"CSYNC"},
    TypeEntry{63, u"ZONEMD"},
    TypeEntry{64, u"SVCB"},
    TypeEntry{65, u"HTTPS"},
    TypeEntry{99, u"SPF"},
    TypeEntry{104, u"NID"},
    TypeEntry{105, u"L32"},
    TypeEntry{106, u"L64"},
    TypeEntry{107, u"LP"},
    TypeEntry{108, u"EUI48"},
    TypeEntry{109, u"EUI64"},
    TypeEntry{249, u"TKEY"},
    TypeEntry{250, u"TSIG"},
    TypeEntry{251, u"IXFR"},
    TypeEntry{252, u"AXFR"},
    TypeEntry{253, u"MAILB"},
    TypeEntry{254, u"MAILA"},
    TypeEntry{255, u"ANY"},
    TypeEntry{256, u"URI"},
    TypeEntry{257, u"CAA"},
    TypeEntry{258, u"AVC"},
    TypeEntry{259, u"DOA"},
    TypeEntry{260, u"AMTRELAY"},
    TypeEntry{261, u"RESINFO"},
    TypeEntry{32768, u"TA"},
    TypeEntry{32769, u"DLV"},
};

struct RcodeEntry
{
    int number;
    const char16_t* name;
};

constexpr std::array kRcodes{
    RcodeEntry{0, u"NOERROR"},
    RcodeEntry{1, u"FORMERR"},
    RcodeEntry{2, u"SERVFAIL"},
    RcodeEntry{3, u"NXDOMAIN"},
    RcodeEntry{4, u"NOTIMP"},
    RcodeEntry{5, u"REFUSED"},
    RcodeEntry{6, u"YXDOMAIN"},
    RcodeEntry{7, u"YXRRSET"},
    RcodeEntry{8, u"NXRRSET"},
    RcodeEntry{9, u"NOTAUTH"},
    RcodeEntry{10, u"NOTZONE"},
    RcodeEntry{11, u"DSOTYPENI"},
    RcodeEntry{16, u"BADVERS"},
    RcodeEntry{17, u"BADKEY"},
    RcodeEntry{18, u"BADTIME"},
    RcodeEntry{19, u"BADMODE"},
    RcodeEntry{20, u"BADNAME"},
    RcodeEntry{21, u"BADALG"},
    RcodeEntry{22, u"BADTRUNC"},
    RcodeEntry{23, u"BADCOOKIE"},
};

std::optional<quint32> parseDecimal(QStringView digits, quint32 max)
{
    if (digits.isEmpty() || digits.size() > 10)
        return std::nullopt;
    quint64 value = 0;
    for (QChar c : digits) {
        if (c < u'0' || c > u'9')
            return std::nullopt;
        value = value * 10 + (c.unicode() - u'0');
    }
    if (value > max)
        return std::nullopt;
    return static_cast<quint32>(value);
}

} // namespace

QString rrTypeName(quint16 type)
{
    for (const auto& entry : kTypes) {
        if (entry.number == type)
            return QString::fromUtf16(entry.name);
    }
    return QStringLiteral("TYPE%1").arg(type);
}

std::optional<quint16> rrTypeNumber(QStringView name)
{
    for (const auto& entry : kTypes) {
        if (name.compare(QStringView(entry.name), Qt::CaseInsensitive) == 0)
            return entry.number;
    }
    if (name.startsWith(u"TYPE", Qt::CaseInsensitive)) {
        if (auto n = parseDecimal(name.mid(4), 65535))
            return static_cast<quint16>(*n);
    }
    return std::nullopt;
}

QString canonicalRrType(QStringView nameOrNumber)
{
    const QStringView trimmed = nameOrNumber.trimmed();
    if (auto n = parseDecimal(trimmed, 65535))
        return rrTypeName(static_cast<quint16>(*n));
    if (auto n = rrTypeNumber(trimmed))
        return rrTypeName(*n);
    return {};
}

QString rcodeName(int rcode)
{
    for (const auto& entry : kRcodes) {
        if (entry.number == rcode)
            return QString::fromUtf16(entry.name);
    }
    return QStringLiteral("RCODE%1").arg(rcode);
}

std::optional<int> rcodeNumber(QStringView name)
{
    for (const auto& entry : kRcodes) {
        if (name.compare(QStringView(entry.name), Qt::CaseInsensitive) == 0)
            return entry.number;
    }
    if (name.startsWith(u"RCODE", Qt::CaseInsensitive)) {
        if (auto n = parseDecimal(name.mid(5), 4095))
            return static_cast<int>(*n);
    }
    return std::nullopt;
}

} // namespace pdnsw
