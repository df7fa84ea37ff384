#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>
#include <optional>

namespace pdnsw {

// A small blocking queue between one producer and one consumer thread. A full queue makes the producer wait,
// which is what keeps memory bounded when the writer is slower than the decoder.
template <typename T> class BoundedQueue
{
public:
    explicit BoundedQueue(std::size_t capacity)
        : m_capacity(capacity)
    {
    }

    // False when the queue was closed (the consumer gave up): the item is dropped.
    bool push(T item)
    {
        std::unique_lock lock(m_mutex);
        m_notFull.wait(lock, [this] { return m_closed || m_items.size() < m_capacity; });
        if (m_closed)
            return false;
        m_items.push_back(std::move(item));
        m_notEmpty.notify_one();
        return true;
    }

    // Waits for an item; nullopt once the queue is closed and drained.
    std::optional<T> pop()
    {
        std::unique_lock lock(m_mutex);
        m_notEmpty.wait(lock, [this] { return m_closed || !m_items.empty(); });
        return takeFront();
    }

    // An item if one is queued, without waiting.
    std::optional<T> tryPop()
    {
        std::lock_guard lock(m_mutex);
        return takeFront();
    }

    // No more items will be pushed (producer) or accepted (consumer); waiters wake up.
    void close()
    {
        std::lock_guard lock(m_mutex);
        m_closed = true;
        m_notEmpty.notify_all();
        m_notFull.notify_all();
    }

    // Drops what is queued (after a failure, nothing more will be consumed).
    void clear()
    {
        std::lock_guard lock(m_mutex);
        m_items.clear();
        m_notFull.notify_all();
    }

private:
    // Called with the mutex held.
    std::optional<T> takeFront()
    {
        if (m_items.empty())
            return std::nullopt;
        T item = std::move(m_items.front());
        m_items.pop_front();
        m_notFull.notify_one();
        return item;
    }

    std::mutex m_mutex;
    std::condition_variable m_notEmpty;
    std::condition_variable m_notFull;
    std::deque<T> m_items;
    std::size_t m_capacity;
    bool m_closed = false;
};

} // namespace pdnsw
