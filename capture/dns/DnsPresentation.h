#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace pdnsw::dnstext {

// Presentation-format writers shared by the name and RDATA decoders. All append to `out`, never allocate
// beyond growing it, and escape every octet that is not plain printable text, because the bytes come from the
// wire and end up in databases, exports and widgets.

void appendDecimal(std::string& out, std::uint64_t value);
void appendIpv4(std::string& out, const std::uint8_t* address4);
// RFC 5952 text, identical to glibc inet_ntop (including the dotted tail of ::ffff:a.b.c.d and ::a.b.c.d).
void appendIpv6(std::string& out, const std::uint8_t* address16);
void appendHexUpper(std::string& out, const std::uint8_t* data, std::size_t size);
void appendHexLower(std::string& out, const std::uint8_t* data, std::size_t size);
void appendBase64(std::string& out, const std::uint8_t* data, std::size_t size);
// RFC 4648 base32 "extended hex" alphabet, upper case, no padding (the NSEC3 next-hashed-owner form).
void appendBase32Hex(std::string& out, const std::uint8_t* data, std::size_t size);
// A <character-string> in double quotes: '"' and '\' backslash-escaped, octets outside 0x20..0x7e as \DDD.
void appendQuoted(std::string& out, const std::uint8_t* data, std::size_t size);
// Unquoted token (CAA tag, SVCB alpn id): octets outside 0x21..0x7e and '"', '\', ',' as \DDD.
void appendToken(std::string& out, const std::uint8_t* data, std::size_t size);
// One label of a domain name in the case-folded text form: [a-z0-9-_*] as is, A-Z folded to lower case,
// '.' as "\.", everything else as \DDD.
void appendLabel(std::string& out, const std::uint8_t* label, std::size_t size);
// The same into a raw buffer with room for 4 * size chars; returns the end of what was written.
char* writeLabel(char* dst, const std::uint8_t* label, std::size_t size);
// "YYYYMMDDHHMMSS" in UTC, the RRSIG time form.
void appendSignatureTime(std::string& out, std::uint32_t secondsSinceEpoch);
// The RR type mnemonic from models/RrType ("A", "NSEC3", "TYPE65280").
void appendRrType(std::string& out, std::uint16_t type);

} // namespace pdnsw::dnstext
