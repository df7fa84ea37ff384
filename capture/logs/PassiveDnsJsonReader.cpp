#include "capture/logs/PassiveDnsJsonReader.h"

#include "capture/logs/JsonLine.h"
#include "capture/logs/LogFieldText.h"
#include "capture/logs/PassiveDnsRecord.h"

namespace pdnsw {

LineOutcome PassiveDnsJsonReader::readLine(QByteArrayView line, qint64 lineNumber, ObservationSink& sink)
{
    if (line.trimmed().isEmpty())
        return LineOutcome::Skipped;
    QString problem;
    const auto object = parseJsonLine(line, &problem);
    if (!object) {
        reportLineError(sink, lineNumber, problem);
        return LineOutcome::Rejected;
    }
    auto reject = [&](const QString& message) {
        reportLineError(sink, lineNumber, message + QStringLiteral("; the line is skipped"));
        return LineOutcome::Rejected;
    };

    PassiveDnsRecord record;
    // timestamp_s wins; the "timestamp" text form is what passivedns wrote with -f H: its local time.
    const QJsonValue seconds = object->value(u"timestamp_s");
    const QJsonValue text = object->value(u"timestamp");
    std::optional<qint64> time;
    if (!seconds.isUndefined()) {
        time = logTimeFromJson(seconds);
    } else if (text.isString() && PassiveDnsLayout::isLocalDateTime(text.toString())) {
        if (!m_layout || !m_layout->utcOffsetSeconds())
            return reject(QStringLiteral("timestamp %1 is the sensor's local time without a zone (passivedns -f H); "
                                         "give the sensor's UTC offset (%2)")
                              .arg(quoteForMessage(text.toString()), PassiveDnsLayout::whereToGiveLayout()));
        time = m_layout->localDateTimeToUtc(text.toString());
    } else if (!text.isUndefined()) {
        time = logTimeFromJson(text);
    }
    if (!time) {
        if (seconds.isUndefined() && text.isUndefined())
            return reject(QStringLiteral("no \"timestamp_s\" (or \"timestamp\") key"));
        return reject(QStringLiteral("timestamp %1 is not a time")
                          .arg(quoteForMessage(jsonValueText(seconds.isUndefined() ? text : seconds))));
    }
    record.time = *time;

    auto requiredText = [&](const char16_t* key, QString* target) -> bool {
        const QJsonValue value = object->value(QStringView(key));
        if (value.isString()) {
            *target = value.toString();
            return true;
        }
        if (value.isDouble() && QStringView(key) == u"type") {
            *target = QString::number(static_cast<qint64>(value.toDouble()));
            return true;
        }
        problem = value.isUndefined()
            ? QStringLiteral("no \"%1\" key").arg(QStringView(key))
            : QStringLiteral("\"%1\" is %2, not a string").arg(QStringView(key), quoteForMessage(jsonValueText(value)));
        return false;
    };
    if (!requiredText(u"query", &record.query) || !requiredText(u"type", &record.type)
        || !requiredText(u"answer", &record.answer))
        return reject(problem);
    record.client = object->value(u"client").toString();
    record.server = object->value(u"server").toString();
    record.rrClass = object->value(u"class").toString();
    for (const auto& [key, target] : {std::pair{u"ttl", &record.ttl}, std::pair{u"count", &record.count}}) {
        const QJsonValue value = object->value(QStringView(key));
        if (value.isUndefined())
            continue;
        *target = logCountFromJson(value);
        if (!*target)
            return reject(QStringLiteral("\"%1\" is %2, not a whole number")
                              .arg(QStringView(key), quoteForMessage(jsonValueText(value))));
    }
    return emitPassiveDnsRecord(record, lineNumber, sink);
}

} // namespace pdnsw
