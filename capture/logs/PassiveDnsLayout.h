#pragma once

#include <QList>
#include <QString>
#include <QStringView>

#include <optional>

namespace pdnsw {

// How a gamelinux passivedns sensor wrote its logs: the columns of its text log and its UTC offset. passivedns
// picks its columns with `-f LETTERS` (default
// SMcsCQTAtn) and separates them with `-d DELIMITER` (default "||"). The letters choose which columns appear,
// never their order, which passivedns fixes:
//   timestamp (H, or S and/or M), h hostname, c client, w client MAC, s server, W server MAC, p protocol,
//   C class, Q query, L query length, T type, A answer, l answer length, t TTL, n count.
// The timestamp is "secs.usecs" with S and M, "secs" with S alone, and with H the sensor's local time as
// "YYYY-MM-DD HH:MM:SS.usecs" with no zone: reading H needs the sensor's UTC offset. The offset also dates the
// "timestamp" key of passivedns's JSON log, the same local time.
class PassiveDnsLayout
{
public:
    enum class Column
    {
        Timestamp,
        Hostname,
        Client,
        ClientMac,
        Server,
        ServerMac,
        Protocol,
        Class,
        Query,
        QueryLength,
        Type,
        Answer,
        AnswerLength,
        Ttl,
        Count,
    };
    enum class TimeForm
    {
        EpochSeconds, // S
        EpochWithMicroseconds, // S and M
        LocalDateTime, // H
    };

    static constexpr const char* kDefaultLetters = "SMcsCQTAtn";
    static constexpr const char* kDefaultDelimiter = "||";

    // From passivedns's -f and -d arguments (the two characters \t stand for a tab, awkward to type) and the
    // sensor's UTC offset ("+02:00", "-0530", "UTC"; empty when unknown, which H refuses). nullopt with a message
    // that says what to change.
    static std::optional<PassiveDnsLayout> parse(
        QStringView letters, QStringView delimiter, QStringView utcOffset, QString* error);
    // What to do with a passivedns log written with its own -f/-d, for the messages of a log that did not read;
    // and only where the layout is given (the options and the menu entry).
    static QString howToGiveLayout();
    static QString whereToGiveLayout();
    // "+02:00" -> 7200; "-05:30", "+0530", "+05", "Z" and "UTC" too; at most 14 hours either way.
    static std::optional<int> parseUtcOffset(QStringView text);

    const QList<Column>& columns() const { return m_columns; }
    qsizetype indexOf(Column column) const { return m_columns.indexOf(column); }
    const QString& delimiter() const { return m_delimiter; }
    TimeForm timeForm() const { return m_timeForm; }
    std::optional<int> utcOffsetSeconds() const { return m_utcOffsetSeconds; }
    // passivedns's own default columns and delimiter (the reader then also takes the 8-column logs of old versions).
    bool isDefault() const;
    // The letters in passivedns's column order ("SMcsCQTAtn"), and the offset as "+02:00" (empty when not given).
    QString letters() const;
    QString utcOffsetText() const;
    // "timestamp||client||server||class||query||type||answer||ttl||count", for messages (joined by ", " when the
    // delimiter is not printable).
    QString describe() const;
    // Parses a timestamp column as this layout writes it; nullopt when it is not one.
    std::optional<qint64> parseTime(QStringView text) const;
    // "1322849924" or "1322849924.408856"; nullopt for anything else (an ISO text included).
    static std::optional<qint64> parseEpochTime(QStringView text);
    // "2011-12-02 19:18:44[.408856]": passivedns's H form, local time without a zone.
    static bool isLocalDateTime(QStringView text);
    // That local time in UTC with the sensor's offset; nullopt without an offset or for another text.
    std::optional<qint64> localDateTimeToUtc(QStringView text) const;

private:
    QList<Column> m_columns;
    QString m_delimiter;
    TimeForm m_timeForm = TimeForm::EpochWithMicroseconds;
    std::optional<int> m_utcOffsetSeconds;
};

} // namespace pdnsw
