#include "capture/logs/CofReader.h"

#include "capture/logs/JsonLine.h"
#include "capture/logs/LogFieldText.h"
#include "models/DomainName.h"
#include "models/RrType.h"
#include "models/UtcTime.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace pdnsw {
namespace {

QString rrTypeFromJson(const QJsonValue& value)
{
    if (value.isString())
        return canonicalRrType(value.toString());
    if (const auto number = logCountFromJson(value); number && *number <= 65535)
        return rrTypeName(static_cast<quint16>(*number));
    return {};
}

} // namespace

LineOutcome CofReader::readLine(QByteArrayView line, qint64 lineNumber, ObservationSink& sink)
{
    if (line.trimmed().isEmpty())
        return LineOutcome::Skipped;
    QString problem;
    const auto object = parseJsonLine(line, &problem);
    if (!object) {
        reportLineError(sink, lineNumber, problem);
        return LineOutcome::Rejected;
    }
    if (object->contains(u"rrname"))
        return readRecord(*object, lineNumber, sink);
    return readFraming(*object, lineNumber, sink);
}

LineOutcome CofReader::readFraming(const QJsonObject& object, qint64 lineNumber, ObservationSink& sink)
{
    if (object.isEmpty())
        return LineOutcome::Skipped; // SAF keep-alive
    const QJsonValue obj = object.value(u"obj");
    if (!obj.isUndefined()) {
        if (!obj.isObject()) {
            reportLineError(sink, lineNumber, QStringLiteral("\"obj\" is not a JSON object; the line is skipped"));
            return LineOutcome::Rejected;
        }
        return readRecord(obj.toObject(), lineNumber, sink);
    }
    const QJsonValue cond = object.value(u"cond");
    if (cond.isUndefined()) {
        if (object.contains(u"msg"))
            return LineOutcome::Skipped;
        reportLineError(sink, lineNumber,
            QStringLiteral("neither a COF record (rrname, rrtype, rdata) nor a DNSDB SAF line (cond, "
                           "obj); the line is skipped"));
        return LineOutcome::Rejected;
    }
    const QString condition = cond.toString();
    const QString message = object.value(u"msg").toString();
    if (condition == u"begin") {
        if (m_inStream) {
            reportLineError(sink, lineNumber,
                QStringLiteral("the DNSDB stream begun on line %1 ends without a \"succeeded\" line: "
                               "its results may be truncated")
                    .arg(m_streamBeginLine));
        }
        m_inStream = true;
        m_streamBeginLine = lineNumber;
        return LineOutcome::Skipped;
    }
    if (condition == u"ongoing")
        return LineOutcome::Skipped;
    if (condition == u"succeeded") {
        m_inStream = false;
        return LineOutcome::Skipped;
    }
    if (condition == u"limited" || condition == u"failed") {
        m_inStream = false;
        reportLineError(sink, lineNumber,
            QStringLiteral("DNSDB ended the stream as %1%2: the results are incomplete")
                .arg(condition, message.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(quoteForMessage(message))));
        return LineOutcome::Skipped;
    }
    reportLineError(sink, lineNumber,
        QStringLiteral("unknown SAF condition %1; the line is skipped").arg(quoteForMessage(jsonValueText(cond))));
    return LineOutcome::Rejected;
}

void CofReader::finish(qint64 lastLine, ObservationSink& sink)
{
    if (m_inStream) {
        reportLineError(sink, lastLine,
            QStringLiteral("the file ends inside the DNSDB stream begun on line %1 (no \"succeeded\" "
                           "line): its results may be truncated")
                .arg(m_streamBeginLine));
        m_inStream = false;
    }
}

LineOutcome CofReader::readRecord(const QJsonObject& record, qint64 lineNumber, ObservationSink& sink)
{
    auto reject = [&](const QString& message) {
        reportLineError(sink, lineNumber, message + QStringLiteral("; the line is skipped"));
        return LineOutcome::Rejected;
    };
    QString problem;
    const QJsonValue rrnameValue = record.value(u"rrname");
    if (!rrnameValue.isString())
        return reject(
            QStringLiteral("\"rrname\" is %1, not a string").arg(quoteForMessage(jsonValueText(rrnameValue))));
    const QString rrtype = rrTypeFromJson(record.value(u"rrtype"));
    if (rrtype.isEmpty())
        return reject(QStringLiteral("\"rrtype\" %1 is not a DNS record type")
                          .arg(quoteForMessage(jsonValueText(record.value(u"rrtype")))));

    QStringList rdataTexts;
    const QJsonValue rdataValue = record.value(u"rdata");
    if (rdataValue.isString()) {
        rdataTexts.append(rdataValue.toString());
    } else if (rdataValue.isArray()) {
        const QJsonArray array = rdataValue.toArray();
        for (qsizetype i = 0; i < array.size(); ++i) {
            if (array[i].isString()) {
                rdataTexts.append(array[i].toString());
            } else {
                reportLineError(sink, lineNumber,
                    QStringLiteral("rdata element %1 is %2, not a string; that element is skipped")
                        .arg(i + 1)
                        .arg(quoteForMessage(jsonValueText(array[i]))));
            }
        }
        if (array.isEmpty())
            return reject(QStringLiteral("\"rdata\" is an empty list"));
    } else {
        return reject(rdataValue.isUndefined() ? QStringLiteral("no \"rdata\" key")
                                               : QStringLiteral("\"rdata\" is neither a string nor a list"));
    }

    Observation base;
    base.rrtype = rrtype;
    QJsonObject attrs;

    // Times: sensor pair, else the zone-file pair, else the millisecond pair.
    struct TimePair
    {
        const char16_t* first;
        const char16_t* last;
        bool millis;
        const char* source;
    };
    static const TimePair kPairs[] = {{u"time_first", u"time_last", false, nullptr},
        {u"zone_time_first", u"zone_time_last", false, "zone"}, {u"time_first_ms", u"time_last_ms", true, nullptr}};
    for (const TimePair& pair : kPairs) {
        const QJsonValue first = record.value(QStringView(pair.first));
        const QJsonValue last = record.value(QStringView(pair.last));
        if ((first.isUndefined() || first.isNull()) && (last.isUndefined() || last.isNull()))
            continue;
        for (const auto& [key, value, target] :
            {std::tuple{pair.first, first, &base.firstSeen}, std::tuple{pair.last, last, &base.lastSeen}}) {
            if (value.isUndefined() || value.isNull())
                continue;
            std::optional<qint64> seconds;
            if (pair.millis) {
                if (const auto ms = logCountFromJson(value))
                    seconds = millisToSeconds(*ms);
            } else {
                seconds = logTimeFromJson(value);
            }
            if (!seconds)
                return reject(QStringLiteral("\"%1\" %2 is not a time (epoch seconds, as number or string)")
                                  .arg(QStringView(key), quoteForMessage(jsonValueText(value))));
            *target = seconds;
        }
        if (pair.source)
            attrs.insert(QStringLiteral("time_source"), QLatin1String(pair.source));
        break;
    }
    if (base.firstSeen && base.lastSeen && *base.firstSeen > *base.lastSeen) {
        std::swap(base.firstSeen, base.lastSeen);
        attrs.insert(QStringLiteral("times_swapped"), true);
    }
    if (const QJsonValue count = record.value(u"count"); !count.isUndefined() && !count.isNull()) {
        base.count = logCountFromJson(count);
        if (!base.count)
            return reject(
                QStringLiteral("\"count\" %1 is not a whole number").arg(quoteForMessage(jsonValueText(count))));
    }
    if (const QJsonValue bailiwick = record.value(u"bailiwick"); bailiwick.isString()) {
        if (const auto name = logDomainName(bailiwick.toString(), nullptr))
            attrs.insert(QStringLiteral("bailiwick"), *name);
    }
    for (const char16_t* key : {u"sensor_id", u"origin"}) {
        const QJsonValue value = record.value(QStringView(key));
        if (value.isString() || value.isDouble())
            attrs.insert(QString::fromUtf16(key), escapeLogText(jsonValueText(value).left(512)));
    }

    // CIRCL's documented example puts the address in rrname and the name in rdata for an A record.
    const QString rrnameText = rrnameValue.toString().trimmed();
    bool swapped = false;
    if ((rrtype == u"A" || rrtype == u"AAAA") && canonicalAddress(rrnameText) && !rdataTexts.isEmpty()) {
        swapped = true;
        for (const QString& text : rdataTexts) {
            if (canonicalAddress(text))
                swapped = false;
        }
    }
    if (swapped)
        attrs.insert(QStringLiteral("swapped"), true);
    if (!attrs.isEmpty())
        base.attrs = QString::fromUtf8(QJsonDocument(attrs).toJson(QJsonDocument::Compact));

    std::optional<QString> owner;
    QString address;
    if (swapped) {
        address = canonicalLogRdata(rrtype, rrnameText, &problem).value_or(QString());
        if (address.isEmpty())
            return reject(QStringLiteral("rrname: ") + problem);
    } else {
        owner = logDomainName(rrnameText, &problem);
        if (!owner)
            return reject(QStringLiteral("rrname: ") + problem);
    }

    int emitted = 0;
    for (qsizetype i = 0; i < rdataTexts.size(); ++i) {
        Observation observation = base;
        if (swapped) {
            const auto name = logDomainName(rdataTexts[i], &problem);
            if (!name) {
                reportLineError(sink, lineNumber,
                    QStringLiteral("rdata element %1: %2; that element is skipped").arg(i + 1).arg(problem));
                continue;
            }
            observation.rrname = *name;
            observation.rdata = address;
        } else {
            const auto rdata = canonicalLogRdata(rrtype, rdataTexts[i], &problem);
            if (!rdata) {
                reportLineError(sink, lineNumber,
                    QStringLiteral("rdata element %1: %2; that element is skipped").arg(i + 1).arg(problem));
                continue;
            }
            observation.rrname = *owner;
            observation.rdata = *rdata;
        }
        ++emitted;
        if (!sink.addObservation(observation))
            return LineOutcome::Stopped;
    }
    return emitted > 0 ? LineOutcome::Imported : LineOutcome::Rejected;
}

} // namespace pdnsw
