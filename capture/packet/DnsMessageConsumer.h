#pragma once

#include <cstdint>

namespace pdnsw {

class DnsMessage;
struct MessageContext;

// What the packet path hands its decoded messages to, in capture order: the aggregator itself, or a relay that
// carries them to an aggregator on another thread.
class DnsMessageConsumer
{
public:
    virtual ~DnsMessageConsumer() = default;
    virtual void addMessage(const DnsMessage& message, const MessageContext& context) = 0;
    // Queries whose timeout passed at capture time `nowUsec` become unanswered.
    virtual void expireQueries(std::int64_t nowUsec) = 0;
    // End of input: every pending query is unanswered.
    virtual void finishQueries() = 0;
};

} // namespace pdnsw
