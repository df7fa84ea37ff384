#include "capture/logs/PassiveDnsLayout.h"

#include "capture/logs/LogFieldText.h"

#include <algorithm>

namespace pdnsw {

namespace {

struct ColumnInfo
{
    PassiveDnsLayout::Column column;
    char letter;
    const char* name;
};

// passivedns's print order (dns.c, print_passet); the timestamp letters H, S and M make one column.
constexpr ColumnInfo kColumns[] = {
    {PassiveDnsLayout::Column::Hostname, 'h', "hostname"},
    {PassiveDnsLayout::Column::Client, 'c', "client"},
    {PassiveDnsLayout::Column::ClientMac, 'w', "client MAC"},
    {PassiveDnsLayout::Column::Server, 's', "server"},
    {PassiveDnsLayout::Column::ServerMac, 'W', "server MAC"},
    {PassiveDnsLayout::Column::Protocol, 'p', "protocol"},
    {PassiveDnsLayout::Column::Class, 'C', "class"},
    {PassiveDnsLayout::Column::Query, 'Q', "query"},
    {PassiveDnsLayout::Column::QueryLength, 'L', "query length"},
    {PassiveDnsLayout::Column::Type, 'T', "type"},
    {PassiveDnsLayout::Column::Answer, 'A', "answer"},
    {PassiveDnsLayout::Column::AnswerLength, 'l', "answer length"},
    {PassiveDnsLayout::Column::Ttl, 't', "ttl"},
    {PassiveDnsLayout::Column::Count, 'n', "count"},
};

constexpr int kMaxOffsetSeconds = 14 * 3600;

bool isAsciiDigit(QChar c)
{
    return c >= u'0' && c <= u'9';
}

} // namespace

QString PassiveDnsLayout::whereToGiveLayout()
{
    return QStringLiteral("pdnsw-cli import --passivedns-fields, --passivedns-delimiter and --passivedns-utc-offset, "
                          "or File > Import passivedns log with its own fields");
}

QString PassiveDnsLayout::howToGiveLayout()
{
    return QStringLiteral("a passivedns log of a sensor run with its own -f fields or -d delimiter needs them given "
                          "(%1)")
        .arg(whereToGiveLayout());
}

std::optional<int> PassiveDnsLayout::parseUtcOffset(QStringView text)
{
    const QStringView t = text.trimmed();
    if (t.compare(u"Z", Qt::CaseInsensitive) == 0 || t.compare(u"UTC", Qt::CaseInsensitive) == 0)
        return 0;
    if (t.size() < 3 || (t[0] != u'+' && t[0] != u'-'))
        return std::nullopt;
    QString digits;
    bool colon = false;
    for (qsizetype i = 1; i < t.size(); ++i) {
        if (isAsciiDigit(t[i]))
            digits.append(t[i]);
        else if (t[i] == u':' && i == 3)
            colon = true;
        else
            return std::nullopt;
    }
    if (digits.size() != 4 && (colon || digits.size() != 2))
        return std::nullopt;
    const int hours = QStringView(digits).left(2).toInt();
    const int minutes = digits.size() == 4 ? QStringView(digits).mid(2).toInt() : 0;
    if (minutes > 59)
        return std::nullopt;
    const int seconds = (hours * 60 + minutes) * 60;
    if (seconds > kMaxOffsetSeconds)
        return std::nullopt;
    return t[0] == u'-' ? -seconds : seconds;
}

std::optional<PassiveDnsLayout> PassiveDnsLayout::parse(
    QStringView letters, QStringView delimiter, QStringView utcOffset, QString* error)
{
    auto fail = [&](const QString& message) {
        if (error)
            *error = message;
        return std::nullopt;
    };
    bool hasH = false, hasS = false, hasM = false;
    QList<Column> chosen;
    for (const QChar c : letters.trimmed()) {
        if (c == u'H' || c == u'S' || c == u'M') {
            (c == u'H' ? hasH : c == u'S' ? hasS : hasM) = true;
            continue;
        }
        bool known = false;
        for (const ColumnInfo& info : kColumns) {
            if (c == QLatin1Char(info.letter)) {
                known = true;
                if (!chosen.contains(info.column))
                    chosen.append(info.column);
            }
        }
        if (!known)
            return fail(QStringLiteral("passivedns field letter %1 is not one passivedns writes (H S M h c w s W p C "
                                       "Q L T A l t n, as in its -f option)")
                            .arg(quoteForMessage(QStringView(&c, 1))));
    }
    if (!hasH && !hasS)
        return fail(hasM ? QStringLiteral("passivedns fields with M but neither S nor H hold only the microseconds "
                                          "of each time, so no line can be dated")
                         : QStringLiteral("passivedns fields without a timestamp (S or H) cannot be dated"));
    for (const Column needed : {Column::Query, Column::Type, Column::Answer}) {
        if (!chosen.contains(needed))
            return fail(QStringLiteral("passivedns fields need Q (query), T (type) and A (answer): without them a "
                                       "line is no DNS record"));
    }

    PassiveDnsLayout layout;
    layout.m_timeForm = hasH ? TimeForm::LocalDateTime
        : hasM               ? TimeForm::EpochWithMicroseconds
                             : TimeForm::EpochSeconds;
    layout.m_columns.append(Column::Timestamp);
    for (const ColumnInfo& info : kColumns) {
        if (chosen.contains(info.column))
            layout.m_columns.append(info.column);
    }

    const QString separator = delimiter == u"\\t" ? QStringLiteral("\t") : delimiter.toString();
    if (separator.isEmpty() || separator.size() > 16)
        return fail(QStringLiteral("the passivedns delimiter must be 1 to 16 characters (passivedns's -d; "
                                   "its default is ||)"));
    for (const QChar c : separator) {
        // These occur inside names, addresses, numbers and times: lines could not be split back.
        const bool clashes = c.isLetterOrNumber() || c == u'.' || c == u':' || c == u'-' || c == u'_' || c == u'\r'
            || c == u'\n' || (hasH && c == u' ');
        if (clashes)
            return fail(QStringLiteral("the passivedns delimiter %1 also occurs inside names, addresses or times, so "
                                       "its lines cannot be split back; only a log written with another -d can be "
                                       "read")
                            .arg(quoteForMessage(separator)));
    }
    layout.m_delimiter = separator;

    if (!utcOffset.trimmed().isEmpty()) {
        layout.m_utcOffsetSeconds = parseUtcOffset(utcOffset);
        if (!layout.m_utcOffsetSeconds)
            return fail(QStringLiteral("UTC offset %1 is not one (use +HH:MM or -HH:MM, at most 14 hours, or UTC)")
                            .arg(quoteForMessage(utcOffset)));
    } else if (hasH) {
        return fail(QStringLiteral("passivedns's H timestamp is the sensor's local time without a zone; give the "
                                   "sensor's UTC offset (for example +01:00)"));
    }
    return layout;
}

QString PassiveDnsLayout::letters() const
{
    QString text;
    switch (m_timeForm) {
    case TimeForm::LocalDateTime:
        text = QStringLiteral("H");
        break;
    case TimeForm::EpochWithMicroseconds:
        text = QStringLiteral("SM");
        break;
    case TimeForm::EpochSeconds:
        text = QStringLiteral("S");
        break;
    }
    for (const ColumnInfo& info : kColumns) {
        if (m_columns.contains(info.column))
            text.append(QLatin1Char(info.letter));
    }
    return text;
}

bool PassiveDnsLayout::isDefault() const
{
    return letters() == QLatin1String(kDefaultLetters) && m_delimiter == QLatin1String(kDefaultDelimiter);
}

QString PassiveDnsLayout::utcOffsetText() const
{
    if (!m_utcOffsetSeconds)
        return {};
    const int minutes = std::abs(*m_utcOffsetSeconds) / 60;
    return QStringLiteral("%1%2:%3")
        .arg(*m_utcOffsetSeconds < 0 ? QLatin1Char('-') : QLatin1Char('+'))
        .arg(minutes / 60, 2, 10, QLatin1Char('0'))
        .arg(minutes % 60, 2, 10, QLatin1Char('0'));
}

QString PassiveDnsLayout::describe() const
{
    QStringList names;
    for (const Column column : m_columns) {
        if (column == Column::Timestamp) {
            names.append(QStringLiteral("timestamp"));
            continue;
        }
        for (const ColumnInfo& info : kColumns) {
            if (info.column == column)
                names.append(QString::fromLatin1(info.name));
        }
    }
    // Messages carry no control characters: a tab delimiter is shown as a list instead.
    const bool printable = std::all_of(m_delimiter.begin(), m_delimiter.end(), [](QChar c) { return c.isPrint(); });
    return names.join(printable ? m_delimiter : QStringLiteral(", "));
}

std::optional<qint64> PassiveDnsLayout::parseEpochTime(QStringView text)
{
    const QStringView t = text.trimmed();
    if (t.isEmpty() || !isAsciiDigit(t[0]))
        return std::nullopt;
    for (const QChar c : t) {
        if (!isAsciiDigit(c) && c != u'.')
            return std::nullopt;
    }
    return parseLogTime(t);
}

bool PassiveDnsLayout::isLocalDateTime(QStringView text)
{
    // strftime "%Y-%m-%d %H:%M:%S", then ".%06lu" in the text log.
    const QStringView t = text.trimmed();
    return t.size() >= 19 && t[4] == u'-' && t[7] == u'-' && t[10] == u' ' && t[13] == u':' && t[16] == u':';
}

std::optional<qint64> PassiveDnsLayout::localDateTimeToUtc(QStringView text) const
{
    if (!m_utcOffsetSeconds || !isLocalDateTime(text))
        return std::nullopt;
    const auto local = parseLogTime(text.trimmed());
    if (!local)
        return std::nullopt;
    const qint64 utc = *local - *m_utcOffsetSeconds;
    return utc >= 0 ? std::optional<qint64>(utc) : std::nullopt;
}

std::optional<qint64> PassiveDnsLayout::parseTime(QStringView text) const
{
    // An ISO text where epoch seconds belong (or the reverse) means the layout given is not the log's.
    return m_timeForm == TimeForm::LocalDateTime ? localDateTimeToUtc(text) : parseEpochTime(text);
}

} // namespace pdnsw
