#pragma once

#include <QByteArray>
#include <QtGlobal>

#include <optional>

namespace pdnsw {

// When to try a page again after 429 / 503 / a transient failure: the service's Retry-After when it gives one
// (seconds or an HTTP date), else exponential backoff with jitter: random in [step/2, step], step = base * 2^attempt.
namespace RetryPolicy {

// Milliseconds from `nowMs` (epoch ms) the Retry-After value asks for; nullopt when absent or unreadable.
std::optional<qint64> retryAfterMs(const QByteArray& headerValue, qint64 nowMs);
qint64 backoffMs(int attempt, int baseMs);

} // namespace RetryPolicy

} // namespace pdnsw
