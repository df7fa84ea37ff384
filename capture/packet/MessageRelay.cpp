#include "capture/packet/MessageRelay.h"

namespace pdnsw {

void MessageBatch::replay(std::size_t i, DnsMessageConsumer& consumer) const
{
    const Item& item = items[i];
    switch (item.kind) {
    case Kind::Message:
        consumer.addMessage(item.message, item.context);
        break;
    case Kind::Expire:
        consumer.expireQueries(item.nowUsec);
        break;
    case Kind::Finish:
        consumer.finishQueries();
        break;
    }
}

MessageBatch::Item& MessageRelay::next()
{
    if (m_current.count == m_current.items.size())
        m_current.items.emplace_back();
    return m_current.items[m_current.count++];
}

void MessageRelay::addMessage(const DnsMessage& message, const MessageContext& context)
{
    MessageBatch::Item& item = next();
    item.kind = MessageBatch::Kind::Message;
    item.context = context;
    item.message.copyRecordsFrom(message);
    if (m_current.count >= m_batchMessages)
        flush();
}

void MessageRelay::expireQueries(std::int64_t nowUsec)
{
    MessageBatch::Item& item = next();
    item.kind = MessageBatch::Kind::Expire;
    item.nowUsec = nowUsec;
}

void MessageRelay::finishQueries()
{
    next().kind = MessageBatch::Kind::Finish;
}

bool MessageRelay::flush(std::vector<CaptureProblem>* problems)
{
    if (problems && !problems->empty()) {
        m_current.problems.insert(m_current.problems.end(), std::make_move_iterator(problems->begin()),
            std::make_move_iterator(problems->end()));
        problems->clear();
    }
    if (m_current.count == 0 && m_current.problems.empty())
        return !m_stopped;
    if (!m_stopped && !m_out.push(std::move(m_current)))
        m_stopped = true;
    // A batch the other side is done with, or a fresh one.
    std::optional<MessageBatch> reused = m_returned.tryPop();
    m_current = reused ? std::move(*reused) : MessageBatch{};
    m_current.count = 0;
    m_current.problems.clear();
    return !m_stopped;
}

} // namespace pdnsw
