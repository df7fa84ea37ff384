#pragma once

#include <QString>

#include <optional>

namespace pdnsw {

// Canonical rdata text for a record coming from a provider (attacker-controlled): addresses in canonical
// form, names lower-case without the trailing dot, MX/SRV targets likewise; other types trimmed as sent.
// nullopt when the text cannot be the rdata of that type (an A record that is not an IPv4 address, control
// characters, more than kMaxRdataLength characters).
std::optional<QString> canonicalRdata(const QString& rrtype, const QString& text);

// The rrname form of a provider's owner name; nullopt for empty, over-long or control-character names.
std::optional<QString> canonicalOwnerName(const QString& text);

inline constexpr int kMaxRdataLength = 65535;

} // namespace pdnsw
