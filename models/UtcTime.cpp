#include "models/UtcTime.h"

#include <QDateTime>
#include <QTimeZone>

namespace pdnsw {
namespace {

bool allDigits(QStringView s)
{
    if (s.isEmpty())
        return false;
    for (QChar c : s) {
        if (c < u'0' || c > u'9')
            return false;
    }
    return true;
}

} // namespace

std::optional<qint64> parseUtcTime(QStringView text)
{
    QStringView t = text.trimmed();
    if (t.isEmpty())
        return std::nullopt;

    // Epoch seconds, optionally negative or with a fraction (Zeek writes "1514764800.123456").
    {
        QStringView digits = t;
        bool negative = false;
        if (digits.startsWith(u'-')) {
            negative = true;
            digits = digits.mid(1);
        }
        const qsizetype dot = digits.indexOf(u'.');
        QStringView whole = dot < 0 ? digits : digits.left(dot);
        QStringView frac = dot < 0 ? QStringView() : digits.mid(dot + 1);
        if (allDigits(whole) && (dot < 0 || allDigits(frac)) && whole.size() <= 12) {
            bool ok = false;
            const qint64 v = whole.toLongLong(&ok);
            if (ok)
                return negative ? -v : v;
        }
    }

    // Plain date: midnight UTC.
    if (t.size() == 10 && t[4] == u'-' && t[7] == u'-') {
        const QDate d = QDate::fromString(t.toString(), Qt::ISODate);
        if (!d.isValid())
            return std::nullopt;
        return QDateTime(d, QTime(0, 0), QTimeZone::utc()).toSecsSinceEpoch();
    }

    // ISO 8601 date-time. Qt::ISODateWithMs accepts 'T' or ' ' between date and time, fractions and offsets;
    // a value without an offset is taken as UTC (passive DNS sources that omit the zone mean UTC).
    QString s = t.toString();
    if (s.size() >= 19 && s[10] == u' ')
        s[10] = u'T';
    if (s.size() < 19 || s[4] != u'-' || s[7] != u'-' || s[10] != u'T' || s[13] != u':')
        return std::nullopt;
    QDateTime dt = QDateTime::fromString(s, Qt::ISODateWithMs);
    if (!dt.isValid())
        return std::nullopt;
    if (dt.timeSpec() == Qt::LocalTime)
        dt = QDateTime(dt.date(), dt.time(), QTimeZone::utc());
    return dt.toSecsSinceEpoch();
}

QString formatUtcTime(qint64 secondsSinceEpoch)
{
    return QDateTime::fromSecsSinceEpoch(secondsSinceEpoch, Qt::UTC).toString(Qt::ISODate);
}

QString formatUtcTime(const std::optional<qint64>& secondsSinceEpoch)
{
    return secondsSinceEpoch ? formatUtcTime(*secondsSinceEpoch) : QString();
}

} // namespace pdnsw
