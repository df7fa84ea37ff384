#pragma once

#include "models/Observation.h"

#include <QByteArrayView>
#include <QString>

#include <array>
#include <compare>
#include <optional>

namespace pdnsw {

// An address's place in numeric order, as Wireshark sorts addresses: IPv4 before IPv6, each by its bytes, so
// 10.0.0.2 comes before 10.0.0.10.
struct AddressSortKey
{
    quint8 family = 0; // 4 or 6
    std::array<unsigned char, 16> bytes{}; // network order; an IPv4 address fills the first four
    auto operator<=>(const AddressSortKey&) const = default;
};

// The key of an address in text form (inet_pton's strict forms); nullopt for anything else.
std::optional<AddressSortKey> addressSortKey(QByteArrayView text);

// What the Data columns sort by: addresses in numeric order, then every other value as text. A key of text, so a
// proxy compares it as it is.
QString rdataSortKey(const Observation& observation);

} // namespace pdnsw
