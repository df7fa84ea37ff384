#pragma once

#include "models/Observation.h"

#include <QString>

namespace pdnsw {

// What the Data columns sort by: addresses in numeric order (10.0.0.2 before 10.0.0.10, as Wireshark sorts
// them), IPv4 before IPv6, then every other value as text. A key of text, so a proxy compares it as it is.
QString rdataSortKey(const Observation& observation);

} // namespace pdnsw
