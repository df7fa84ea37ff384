#pragma once

#include <QString>

#include <array>
#include <optional>

namespace pdnsw {

// A network given as address/prefix ("198.51.100.0/24", "2001:db8::/32"): family, network bytes, prefix length.
struct Cidr
{
    int family = 0; // AF_INET or AF_INET6
    std::array<unsigned char, 16> network{};
    int prefix = 0;

    // Whether an address in text form lies inside the network (an address of the other family never does).
    bool contains(const QString& addressText) const;
    // A text prefix every canonical address inside the network starts with (may be empty): a range for an index.
    QString textPrefix() const;
};

// nullopt unless `text` is an address (any form canonicalAddress takes), a slash and a prefix length that fits it.
std::optional<Cidr> parseCidr(const QString& text);

} // namespace pdnsw
