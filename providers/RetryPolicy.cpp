#include "providers/RetryPolicy.h"

#include <QDateTime>
#include <QRandomGenerator>

#include <algorithm>

namespace pdnsw::RetryPolicy {

std::optional<qint64> retryAfterMs(const QByteArray& headerValue, qint64 nowMs)
{
    const QByteArray v = headerValue.trimmed();
    if (v.isEmpty() || v.size() > 64)
        return std::nullopt;
    bool ok = false;
    const qint64 seconds = v.toLongLong(&ok);
    if (ok)
        return seconds < 0 ? std::nullopt : std::optional<qint64>(std::min<qint64>(seconds, 86400 * 31) * 1000);
    // HTTP dates end in "GMT", which Qt's RFC 2822 parser wants as a numeric zone.
    QString text = QString::fromLatin1(v);
    if (text.endsWith(QLatin1String(" GMT")) || text.endsWith(QLatin1String(" UTC")))
        text = text.left(text.size() - 4) + QStringLiteral(" +0000");
    const QDateTime when = QDateTime::fromString(text, Qt::RFC2822Date);
    if (!when.isValid())
        return std::nullopt;
    return std::max<qint64>(0, when.toMSecsSinceEpoch() - nowMs);
}

qint64 backoffMs(int attempt, int baseMs)
{
    // "Equal jitter": at least half the exponential step, so retries never bunch up near zero.
    const qint64 ceiling = static_cast<qint64>(std::max(1, baseMs)) << std::clamp(attempt, 0, 16);
    return ceiling / 2 + QRandomGenerator::global()->bounded(ceiling / 2 + 1);
}

} // namespace pdnsw::RetryPolicy
