#pragma once

#include <QString>
#include <QStringView>

#include <optional>

namespace pdnsw {

// DNS RR type numbers <-> mnemonics (IANA registry). Unknown numbers print as "TYPEnnn" (RFC 3597).
QString rrTypeName(quint16 type);
// Accepts a mnemonic in any case or "TYPEnnn"; nullopt for anything else.
std::optional<quint16> rrTypeNumber(QStringView name);
// Upper-cases a mnemonic, maps a decimal number or TYPEnnn to the mnemonic; empty for garbage.
QString canonicalRrType(QStringView nameOrNumber);

// DNS RCODE numbers <-> mnemonics (including EDNS extended rcodes). Unknown as "RCODEnnn".
QString rcodeName(int rcode);
std::optional<int> rcodeNumber(QStringView name);

namespace RrTypes {
inline constexpr quint16 A = 1, NS = 2, CNAME = 5, SOA = 6, PTR = 12, HINFO = 13, MX = 15, TXT = 16, AAAA = 28,
                         SRV = 33, NAPTR = 35, DNAME = 39, OPT = 41, DS = 43, SSHFP = 44, RRSIG = 46, NSEC = 47,
                         DNSKEY = 48, NSEC3 = 50, NSEC3PARAM = 51, SVCB = 64, HTTPS = 65, SPF = 99, TKEY = 249,
                         TSIG = 250, IXFR = 251, AXFR = 252, ANY = 255, URI = 256, CAA = 257;
}

} // namespace pdnsw
