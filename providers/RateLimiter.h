#pragma once

#include <QList>
#include <QtGlobal>

namespace pdnsw {

// At most N requests in any window of `interval` milliseconds (a sliding log: exact, and small for the rates
// these services allow), plus a pause the service asked for (Retry-After).
class RateLimiter
{
public:
    RateLimiter(int requests = 1, qint64 intervalMs = 1000);
    void configure(int requests, qint64 intervalMs);
    // The earliest time (ms, same clock as `now`) a request may start; <= now means it may start now.
    qint64 nextAllowed(qint64 now) const;
    void record(qint64 now);
    void pauseUntil(qint64 until);

private:
    int m_requests;
    qint64 m_intervalMs;
    qint64 m_pausedUntil = 0;
    mutable QList<qint64> m_recent; // start times within the last interval, oldest first
};

} // namespace pdnsw
