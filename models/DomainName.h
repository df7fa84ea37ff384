#pragma once

#include <QString>
#include <QStringView>

#include <optional>

namespace pdnsw {

// The record's rrname form: lower-case A-label (punycode), no trailing dot. Accepts Unicode (IDN) input.
// Bytes that are not valid in a DNS name's text form stay escaped as the decoder wrote them; this only
// folds case, strips the final dot and converts U-labels. Empty input stays empty; the root is ".".
QString normalizeDomainName(QStringView name);

// True when a name in text form (the root "." aside) has an empty label: a leading dot, two dots in a row or more
// than one final dot. No DNS message can carry such a name; escaped dots ("\\.") are part of a label.
bool hasEmptyLabel(QStringView name);
// True when a name other than the root ends in a dot of its own (not an escaped "\\." ending its last label):
// the form normalizeDomainName strips.
bool endsWithRootDot(QStringView name);
// The Unicode form for display beside the A-label; returns the input when it has no A-labels or they do not
// decode.
QString domainNameForDisplay(QStringView aLabelName);

// Canonical text of an IPv4/IPv6 address ("2001:db8::1", "192.0.2.1"); nullopt when the text is not a plain
// address in standard notation (legacy forms such as "0x7f.1" or "127.1" are refused).
std::optional<QString> canonicalAddress(QStringView text);

// True when the text looks like an address literal (v4 dotted quad or anything containing ':').
bool looksLikeAddress(QStringView text);

} // namespace pdnsw
