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

// The Gregorian date of a day counted from 1970-01-01 (day 0), for days from 0 on: 400-year eras of 146097
// days, then the year of the era and the day of a March-based year, so leap days fall at a year's end.
void civilDate(qint64 days, qint64& year, int& month, int& day)
{
    const qint64 shifted = days + 719468; // days from 0000-03-01
    const qint64 era = shifted / 146097;
    const qint64 dayOfEra = shifted - era * 146097;
    const qint64 yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365;
    const qint64 dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
    const qint64 monthIndex = (5 * dayOfYear + 2) / 153; // 0 = March
    day = int(dayOfYear - (153 * monthIndex + 2) / 5 + 1);
    month = int(monthIndex < 10 ? monthIndex + 3 : monthIndex - 9);
    year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
}

char16_t* writeDigits(char16_t* out, qint64 value, int width)
{
    for (int i = width - 1; i >= 0; --i) {
        out[i] = char16_t(u'0' + value % 10);
        value /= 10;
    }
    return out + width;
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
    // Exports and listings write millions of these: plain arithmetic, the same text as QDateTime's.
    if (isPlainUtcTime(secondsSinceEpoch)) {
        qint64 year = 0;
        int month = 0;
        int day = 0;
        civilDate(secondsSinceEpoch / 86400, year, month, day);
        const qint64 second = secondsSinceEpoch % 86400;
        QString text(20, Qt::Uninitialized);
        char16_t* out = reinterpret_cast<char16_t*>(text.data());
        out = writeDigits(out, year, 4);
        *out++ = u'-';
        out = writeDigits(out, month, 2);
        *out++ = u'-';
        out = writeDigits(out, day, 2);
        *out++ = u'T';
        out = writeDigits(out, second / 3600, 2);
        *out++ = u':';
        out = writeDigits(out, second / 60 % 60, 2);
        *out++ = u':';
        out = writeDigits(out, second % 60, 2);
        *out = u'Z';
        return text;
    }
    return QDateTime::fromSecsSinceEpoch(secondsSinceEpoch, Qt::UTC).toString(Qt::ISODate);
}

QString formatUtcTime(const std::optional<qint64>& secondsSinceEpoch)
{
    return secondsSinceEpoch ? formatUtcTime(*secondsSinceEpoch) : QString();
}

} // namespace pdnsw
