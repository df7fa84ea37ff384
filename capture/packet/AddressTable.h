#pragma once

#include "capture/packet/IpAddress.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace pdnsw {

// Client and server addresses interned as small ids, so a record keeps its bounded address sets as a few
// integers and each address is turned into text once, not once per record. The decoding side interns; the
// texts reach the writing side as deltas inside each batch (takeNew), so the two threads share nothing.
class AddressTable
{
public:
    std::uint32_t intern(const IpAddress& address);
    std::size_t size() const { return m_addresses.size(); }

    // Texts of the addresses interned since the last call, in id order. `reset` says the receiver must forget the
    // ids it knows first (the table was cleared in between).
    void takeNew(std::vector<std::string>& texts, bool& reset);
    // Forgets every address: only when no record refers to one any more. Ids start at 0 again.
    void clear();

private:
    void grow();

    std::vector<IpAddress> m_addresses;
    std::vector<std::uint32_t> m_index; // id + 1; 0 = empty slot
    std::size_t m_published = 0;
    bool m_resetPending = false;
};

} // namespace pdnsw
