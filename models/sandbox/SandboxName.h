#pragma once

#include <QString>
#include <QStringView>

#include <optional>

namespace pdnsw {

// The gate every name and address passes before it is written into a hosts file or a sandbox DNS config.
// Text from captures and providers is attacker-controlled: a newline, a blank or a '#' in a name would add
// entries or cut lines, so anything outside the allowlist is refused (never repaired) with a reason.

// A host name as an A-label: RFC 1123 labels [a-z0-9-]{1,63} without a leading or trailing '-', at most 253
// characters, IDN converted to punycode (bücher.de -> xn--bcher-kva.de), one trailing dot dropped. Address
// literals and wildcards are refused. nullopt with *reason set for anything else.
std::optional<QString> sandboxHostName(QStringView input, QString* reason = nullptr);

// An IPv4/IPv6 address in strict standard notation, re-printed canonically (RFC 5952 for IPv6). Legacy forms
// ("0x7f.1", "127.1"), zone ids, prefixes and anything with spaces are refused with *reason set.
std::optional<QString> sandboxAddress(QStringView input, QString* reason = nullptr);

// Text for a comment line of a generated file: printable ASCII only (others become '?'), at most maxLength.
QString sandboxCommentText(QStringView text, int maxLength = 200);

} // namespace pdnsw
