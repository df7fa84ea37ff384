#include "providers/RateLimiter.h"

#include <algorithm>

namespace pdnsw {

RateLimiter::RateLimiter(int requests, qint64 intervalMs)
{
    configure(requests, intervalMs);
}

void RateLimiter::configure(int requests, qint64 intervalMs)
{
    m_requests = std::max(1, requests);
    m_intervalMs = std::max<qint64>(1, intervalMs);
}

qint64 RateLimiter::nextAllowed(qint64 now) const
{
    while (!m_recent.isEmpty() && m_recent.first() <= now - m_intervalMs)
        m_recent.removeFirst();
    qint64 next = now;
    if (m_recent.size() >= m_requests)
        next = m_recent.at(m_recent.size() - m_requests) + m_intervalMs;
    return std::max(next, m_pausedUntil);
}

void RateLimiter::record(qint64 now)
{
    m_recent.append(now);
}

void RateLimiter::pauseUntil(qint64 until)
{
    m_pausedUntil = std::max(m_pausedUntil, until);
}

} // namespace pdnsw
