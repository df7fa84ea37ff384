#include "capture/logs/PassiveDnsReader.h"

#include "capture/logs/LogFieldText.h"
#include "capture/logs/PassiveDnsRecord.h"

namespace pdnsw {

LineOutcome PassiveDnsReader::readLine(QByteArrayView line, qint64 lineNumber, ObservationSink& sink)
{
    const QByteArrayView trimmed = line.trimmed();
    if (trimmed.isEmpty() || trimmed.startsWith('#'))
        return LineOutcome::Skipped;

    const QString text = textFromLogBytes(line);
    QList<QStringView> fields = QStringView(text).split(u"||");
    auto reject = [&](const QString& message) {
        reportLineError(sink, lineNumber, message + QStringLiteral("; the line is skipped"));
        return LineOutcome::Rejected;
    };
    if (fields.size() < 8) {
        return reject(QStringLiteral("%1 fields separated by '||' where passivedns writes 9 "
                                     "(timestamp||client||server||class||query||type||answer||ttl||count) or 8")
                          .arg(fields.size()));
    }

    PassiveDnsRecord record;
    const auto time = parseLogTime(fields[0]);
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

} // namespace pdnsw
