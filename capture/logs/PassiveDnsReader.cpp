#include "capture/logs/PassiveDnsReader.h"

#include "capture/logs/LogFieldText.h"
#include "capture/logs/PassiveDnsRecord.h"

namespace pdnsw {

namespace {

LineOutcome rejectLine(ObservationSink& sink, qint64 lineNumber, const QString& message)
{
    reportLineError(sink, lineNumber, message + QStringLiteral("; the line is skipped"));
    return LineOutcome::Rejected;
}

} // namespace

LineOutcome PassiveDnsReader::readLine(QByteArrayView line, qint64 lineNumber, ObservationSink& sink)
{
    const QByteArrayView trimmed = line.trimmed();
    if (trimmed.isEmpty() || trimmed.startsWith('#'))
        return LineOutcome::Skipped;
    const QString text = textFromLogBytes(line);
    return m_givenColumns ? readGivenLayout(text, lineNumber, sink) : readDefaultLayout(text, lineNumber, sink);
}

LineOutcome PassiveDnsReader::readDefaultLayout(const QString& text, qint64 lineNumber, ObservationSink& sink)
{
    QList<QStringView> fields = QStringView(text).split(u"||");
    auto reject = [&](const QString& message) { return rejectLine(sink, lineNumber, message); };
    if (fields.size() < 8) {
        return reject(QStringLiteral("%1 fields separated by '||' where passivedns writes 9 "
                                     "(timestamp||client||server||class||query||type||answer||ttl||count) or 8; %2")
                          .arg(fields.size())
                          .arg(PassiveDnsLayout::howToGiveLayout()));
    }

    PassiveDnsRecord record;
    // The default fields write epoch seconds. A date and time is the H field, the sensor's local time: read as
    // UTC it would misdate every record by the sensor's offset.
    const auto time = PassiveDnsLayout::parseEpochTime(fields[0]);
    if (!time && PassiveDnsLayout::isLocalDateTime(fields[0])) {
        return reject(QStringLiteral("timestamp %1 is passivedns's H field, the sensor's local time without a zone: "
                                     "give the sensor's fields and UTC offset (%2)")
                          .arg(quoteForMessage(fields[0]), PassiveDnsLayout::whereToGiveLayout()));
    }
    if (!time)
        return reject(QStringLiteral("timestamp %1 is not a time (epoch seconds like 1322849924.408856)")
                          .arg(quoteForMessage(fields[0])));
    record.time = *time;
    record.client = fields[1].trimmed().toString();
    record.server = fields[2].trimmed().toString();
    record.rrClass = fields[3].trimmed().toString();
    record.query = fields[4].trimmed().toString();
    record.type = fields[5].trimmed().toString();

    // The tail is "ttl||count" (9 fields) or "ttl" (8 fields); with more fields the answer held "||".
    const qsizetype n = fields.size();
    const bool lastTwoNumeric = n >= 9 && parseLogCount(fields[n - 1]) && parseLogCount(fields[n - 2]);
    qsizetype answerEnd = n - 1; // index after the answer's last part
    if (lastTwoNumeric) {
        record.ttl = parseLogCount(fields[n - 2]);
        record.count = parseLogCount(fields[n - 1]);
        answerEnd = n - 2;
    } else if (n == 8) {
        // Versions before 1.0 wrote 8 fields with whole seconds. 8 fields with microseconds are a sensor's own
        // -f (without ttl or count, say): reading them as these would take a count for a TTL.
        if (fields[0].contains(u'.'))
            return reject(QStringLiteral("8 fields with a timestamp in microseconds are neither passivedns's default "
                                         "fields (9) nor those of versions before 1.0 (8, whole seconds); %1")
                              .arg(PassiveDnsLayout::howToGiveLayout()));
        record.ttl = parseLogCount(fields[7]);
        if (!record.ttl)
            return reject(QStringLiteral("ttl %1 is not a number").arg(quoteForMessage(fields[7])));
    } else {
        return reject(QStringLiteral("the last two of %1 fields (ttl, count) are not numbers: %2, %3")
                          .arg(n)
                          .arg(quoteForMessage(fields[n - 2]), quoteForMessage(fields[n - 1])));
    }
    QStringList answerParts;
    for (qsizetype i = 6; i < answerEnd; ++i)
        answerParts.append(fields[i].toString());
    record.answer = answerParts.join(QStringLiteral("||")).trimmed();
    return emitPassiveDnsRecord(record, lineNumber, sink);
}

LineOutcome PassiveDnsReader::readGivenLayout(const QString& text, qint64 lineNumber, ObservationSink& sink)
{
    using Column = PassiveDnsLayout::Column;
    const PassiveDnsLayout& layout = *m_layout;
    const QList<QStringView> fields = QStringView(text).split(layout.delimiter());
    auto reject = [&](const QString& message) { return rejectLine(sink, lineNumber, message); };
    const qsizetype expected = layout.columns().size();
    if (fields.size() < expected) {
        return reject(QStringLiteral("%1 fields separated by %2 where the passivedns fields %3 make %4 (%5)")
                          .arg(fields.size())
                          .arg(quoteForMessage(layout.delimiter()), layout.letters())
                          .arg(expected)
                          .arg(layout.describe()));
    }
    // More fields than columns: the answer held the delimiter. Columns after it move right.
    const qsizetype extra = fields.size() - expected;
    const qsizetype answerAt = layout.indexOf(Column::Answer);
    const auto field = [&](Column column) -> QStringView {
        qsizetype at = layout.indexOf(column);
        if (at < 0)
            return {};
        return fields[at > answerAt ? at + extra : at].trimmed();
    };

    PassiveDnsRecord record;
    const auto time = layout.parseTime(fields[0]);
    if (!time) {
        return reject(QStringLiteral("timestamp %1 is not a time as passivedns writes it with the fields %2 (%3)")
                          .arg(quoteForMessage(fields[0]), layout.letters(),
                              layout.timeForm() == PassiveDnsLayout::TimeForm::LocalDateTime
                                  ? QStringLiteral("2011-12-02 19:18:44.408856")
                                  : QStringLiteral("epoch seconds like 1322849924.408856")));
    }
    record.time = *time;
    record.client = field(Column::Client).toString();
    record.server = field(Column::Server).toString();
    record.rrClass = field(Column::Class).toString();
    record.query = field(Column::Query).toString();
    record.type = field(Column::Type).toString();
    for (const auto& [column, target, name] :
        {std::tuple{Column::Ttl, &record.ttl, "ttl"}, std::tuple{Column::Count, &record.count, "count"}}) {
        if (layout.indexOf(column) < 0)
            continue;
        const QStringView value = field(column);
        *target = parseLogCount(value);
        if (!*target)
            return reject(QStringLiteral("%1 %2 is not a number").arg(QLatin1String(name), quoteForMessage(value)));
    }
    QStringList answerParts;
    for (qsizetype i = answerAt; i <= answerAt + extra; ++i)
        answerParts.append(fields[i].toString());
    record.answer = answerParts.join(layout.delimiter()).trimmed();
    return emitPassiveDnsRecord(record, lineNumber, sink);
}

} // namespace pdnsw
