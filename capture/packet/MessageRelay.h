#pragma once

#include "capture/dns/DnsMessage.h"
#include "capture/packet/BoundedQueue.h"
#include "capture/packet/CaptureTypes.h"
#include "capture/packet/DnsMessageConsumer.h"

#include <cstdint>
#include <vector>

namespace pdnsw {

// A run of decoded messages and query timers, in capture order, on its way from the decoding thread to the
// aggregating one. Batches go back and forth, so their messages' buffers are reused.
struct MessageBatch
{
    enum class Kind : std::uint8_t
    {
        Message,
        Expire,
        Finish,
    };
    struct Item
    {
        Kind kind = Kind::Message;
        std::int64_t nowUsec = 0; // Expire
        MessageContext context; // Message
        DnsMessage message; // Message
    };
    std::vector<Item> items;
    std::size_t count = 0; // items[0, count) are live
    std::vector<CaptureProblem> problems; // found by the decoding side while this batch filled

    // Replays item i into the real consumer (items are replayed in order).
    void replay(std::size_t i, DnsMessageConsumer& consumer) const;
};

// The decoding side's consumer when aggregation runs on another thread: copies each message into the current
// batch and sends full batches on. Takes emptied batches back from `returned` when there are any.
class MessageRelay : public DnsMessageConsumer
{
public:
    MessageRelay(BoundedQueue<MessageBatch>& out, BoundedQueue<MessageBatch>& returned, std::size_t batchMessages = 512)
        : m_out(out)
        , m_returned(returned)
        , m_batchMessages(batchMessages)
    {
    }

    void addMessage(const DnsMessage& message, const MessageContext& context) override;
    void expireQueries(std::int64_t nowUsec) override;
    void finishQueries() override;

    // Sends what is batched, with these problems; false when the other side stopped taking batches.
    bool flush(std::vector<CaptureProblem>* problems = nullptr);
    bool stopped() const { return m_stopped; }

private:
    MessageBatch::Item& next();

    BoundedQueue<MessageBatch>& m_out;
    BoundedQueue<MessageBatch>& m_returned;
    std::size_t m_batchMessages;
    MessageBatch m_current;
    bool m_stopped = false;
};

} // namespace pdnsw
