#pragma once

#include <QString>
#include <QStringView>

namespace pdnsw {

// Text from captures, logs and providers in the DNS presentation form the case stores (RFC 1035 section 5.1):
// what cannot be shown as itself is written as a \DDD decimal escape, so a record reads the same whichever
// source saw it, and no control character reaches a table, a terminal or an export.

// Appends \DDD for an octet value (0-255).
void appendDecimalEscape(QString& out, uint value);

// C0 and C1 controls and DEL as \DDD (other characters beyond Latin-1 that must be escaped become \063, '?').
// With escapeSpaces, also spaces and the bidirectional overrides and isolates, which would let a name display as
// another: the form for names.
QString escapeControlText(QStringView text, bool escapeSpaces);

} // namespace pdnsw
