#include "capture/logs/ZeekJsonReader.h"

#include "capture/logs/JsonLine.h"
#include "capture/logs/LogFieldText.h"
#include "capture/logs/ZeekDnsRecord.h"
#include "models/DomainName.h"

#include <QJsonArray>

namespace pdnsw {

LineOutcome ZeekJsonReader::readLine(QByteArrayView line, qint64 lineNumber, ObservationSink& sink)
{
    if (line.trimmed().isEmpty())
        return LineOutcome::Skipped;
    QString problem;
    const auto object = parseJsonLine(line, &problem);
    if (!object) {
        reportLineError(sink, lineNumber, problem);
        return LineOutcome::Rejected;
    }
    if (const QJsonValue path = object->value(u"_path"); path.isString() && path.toString() != u"dns") {
        if (!m_foreignReported) {
            m_foreignReported = true;
            reportLineError(sink, lineNumber,
                QStringLiteral("_path is %1, not dns: lines of other Zeek logs are skipped")
                    .arg(quoteForMessage(path.toString())));
        }
        return LineOutcome::Skipped;
    }

    ZeekDnsRecord record;
    const QJsonValue ts = object->value(u"ts");
    const auto time = logTimeFromJson(ts);
    if (!time) {
        reportLineError(sink, lineNumber,
            ts.isUndefined() ? QStringLiteral("no \"ts\" key; the line is skipped")
                             : QStringLiteral("ts %1 is not a time (epoch seconds or ISO 8601); the line "
                                              "is skipped")
                                   .arg(quoteForMessage(jsonValueText(ts))));
        return LineOutcome::Rejected;
    }
    record.ts = *time;
    if (const QJsonValue query = object->value(u"query"); query.isString())
        record.query = query.toString();
    if (const auto qtype = logCountFromJson(object->value(u"qtype")); qtype && *qtype <= 65535)
        record.qtype = static_cast<quint16>(*qtype);
    record.qtypeName = object->value(u"qtype_name").toString();
    if (const auto rcode = logCountFromJson(object->value(u"rcode")); rcode && *rcode <= 4095)
        record.rcode = static_cast<int>(*rcode);
    record.rcodeName = object->value(u"rcode_name").toString();

    const QJsonValue answers = object->value(u"answers");
    if (answers.isArray()) {
        for (const QJsonValue& answer : answers.toArray())
            record.answers.append(answer.isString() ? answer.toString() : QString());
    } else if (!answers.isUndefined() && !answers.isNull()) {
        reportLineError(sink, lineNumber, QStringLiteral("\"answers\" is not a list; the line is skipped"));
        return LineOutcome::Rejected;
    }
    for (const QJsonValue& ttl : object->value(u"TTLs").toArray()) {
        if (ttl.isDouble() && ttl.toDouble() >= 0 && ttl.toDouble() < 1e12)
            record.ttls.append(static_cast<qint64>(ttl.toDouble()));
        else
            record.ttls.append(std::nullopt);
    }

    const QJsonObject id = object->value(u"id").toObject();
    for (const auto& [key, target] : {std::pair{u"orig_h", &record.client}, std::pair{u"resp_h", &record.server}}) {
        QJsonValue value = object->value(QStringLiteral("id.") + QString::fromUtf16(key));
        if (value.isUndefined())
            value = id.value(QStringView(key));
        if (!value.isString() || value.toString().isEmpty())
            continue;
        const auto canonical = canonicalAddress(value.toString());
        if (!canonical) {
            reportLineError(sink, lineNumber,
                QStringLiteral("id.%1 %2 is not an IP address; the line is skipped")
                    .arg(QStringView(key), quoteForMessage(value.toString())));
            return LineOutcome::Rejected;
        }
        *target = *canonical;
    }
    return emitZeekRecord(record, lineNumber, sink);
}

} // namespace pdnsw
