#pragma once

#include "capture/packet/CaptureTypes.h"
#include "capture/packet/IpAddress.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace pdnsw {

// Unicast DNS queries waiting for their response, matched on (client address, client port, id, qtype, qname).
// A query whose response did not come within the timeout (capture time) or by the end of the input is
// unanswered. Kept in arrival order in a ring whose slots (and their name buffers) are reused, with an
// open-addressing index over it: no allocation per query once warm. At most `maxPending` queries wait, holding
// at most `maxNameBytes` of name text (long attacker-made names cannot pile up); past either, the oldest is given
// up as unanswered.
class PendingQueries
{
public:
    PendingQueries(std::size_t maxPending, std::int64_t timeoutUsec, std::size_t maxNameBytes = 8u << 20);

    // A retransmission of a query still waiting is the same query.
    void add(const IpAddress& client, std::uint16_t port, std::uint16_t id, std::uint16_t qtype, std::string_view qname,
        std::int64_t timeUsec);
    // A response to the client: the query it answers stops waiting.
    void answer(
        const IpAddress& client, std::uint16_t port, std::uint16_t id, std::uint16_t qtype, std::string_view qname);
    // Queries older than the timeout at capture time `nowUsec` become unanswered.
    void expire(std::int64_t nowUsec);
    // End of input: every waiting query is unanswered.
    void finish();

    std::size_t size() const { return m_live; }
    std::size_t nameBytes() const { return m_nameBytes; } // text of the waiting queries' names
    std::size_t ringSlots() const { return m_ring.size(); }
    void takeUnanswered(std::vector<UnansweredQuery>& out);

private:
    struct Slot
    {
        std::int64_t timeUsec = 0;
        std::uint64_t hash = 0;
        IpAddress client;
        std::uint16_t port = 0;
        std::uint16_t id = 0;
        std::uint16_t qtype = 0;
        bool live = false;
        std::string name; // reused: its buffer stays with the slot
    };

    static std::uint64_t keyHash(
        const IpAddress& client, std::uint16_t port, std::uint16_t id, std::uint16_t qtype, std::string_view qname);
    // Index position of the waiting query with this key, or -1.
    std::ptrdiff_t find(std::uint64_t hash, const IpAddress& client, std::uint16_t port, std::uint16_t id,
        std::uint16_t qtype, std::string_view qname) const;
    void unindex(std::size_t indexPos);
    void popOldest();
    void retire(Slot& slot); // no longer waiting
    void grow();

    std::size_t m_maxPending;
    std::size_t m_maxNameBytes;
    std::size_t m_nameBytes = 0;
    std::size_t m_maxRing;
    std::int64_t m_timeoutUsec;
    std::vector<Slot> m_ring; // power-of-two size; sequence numbers map to slots by mask
    std::vector<std::uint32_t> m_index; // ring position + 1; 0 = empty
    std::uint64_t m_head = 0; // oldest sequence number still in the ring
    std::uint64_t m_tail = 0; // next sequence number
    std::size_t m_live = 0;
    std::vector<UnansweredQuery> m_unanswered;
};

} // namespace pdnsw
