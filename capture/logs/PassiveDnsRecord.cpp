#include "capture/logs/PassiveDnsRecord.h"

#include "capture/logs/LogFieldText.h"
#include "models/DomainName.h"
#include "models/RrType.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace pdnsw {

std::optional<int> passiveDnsErrorRcode(QStringView answer)
{
    // Real rdata never looks like these: names end with a dot in passivedns logs, addresses are literals.
    static const struct
    {
        const char16_t* name;
        int rcode;
    } kErrors[] = {{u"FORMERR", 1}, {u"SERVFAIL", 2}, {u"NXDOMAIN", 3}, {u"NOTIMPL", 4}, {u"REFUSED", 5},
        {u"YXDOMAIN", 6}, {u"YXRRSET", 7}, {u"NXRRSET", 8}, {u"NOTAUTH", 9}, {u"NOTZONE", 10}};
    for (const auto& entry : kErrors) {
        if (answer == QStringView(entry.name))
            return entry.rcode;
    }
    if (answer.startsWith(u"UNKNOWN-ERROR-")) {
        bool ok = false;
        const int rcode = answer.mid(14).toInt(&ok);
        if (ok && rcode >= 0 && rcode <= 4095)
            return rcode;
    }
    return std::nullopt;
}

LineOutcome emitPassiveDnsRecord(const PassiveDnsRecord& record, qint64 lineNumber, ObservationSink& sink)
{
    auto reject = [&](const QString& message) {
        reportLineError(sink, lineNumber, message + QStringLiteral("; the line is skipped"));
        return LineOutcome::Rejected;
    };

    Observation observation;
    QString problem;
    const auto name = logDomainName(record.query, &problem);
    if (!name)
        return reject(QStringLiteral("query: ") + problem);
    observation.rrname = *name;
    // Types passivedns has no name for are printed as their number.
    observation.rrtype = canonicalRrType(record.type);
    if (observation.rrtype.isEmpty())
        return reject(QStringLiteral("type %1 is not a DNS record type").arg(quoteForMessage(record.type)));

    for (const auto& [label, text, target] : {std::tuple{"client", &record.client, &observation.clients},
             std::tuple{"server", &record.server, &observation.servers}}) {
        if (text->isEmpty())
            continue;
        const auto address = canonicalAddress(*text);
        if (!address)
            return reject(
                QStringLiteral("%1 %2 is not an IP address").arg(QLatin1String(label), quoteForMessage(*text)));
        *target = *address;
    }

    observation.firstSeen = record.time;
    observation.lastSeen = record.time;
    observation.count = record.count;
    if (const auto rcode = passiveDnsErrorRcode(record.answer)) {
        observation.section = Section::Negative;
        observation.rdata = rcodeName(*rcode);
        observation.rcode = *rcode; // an error line carries a TTL of 0 that means nothing: not kept
    } else {
        const auto rdata = canonicalLogRdata(observation.rrtype, record.answer, &problem);
        if (!rdata)
            return reject(QStringLiteral("answer: ") + problem);
        observation.rdata = *rdata;
        if (record.ttl && !dnsTtl(record.ttl))
            return reject(QStringLiteral("ttl %1 is not a DNS TTL (0 to 4294967295)").arg(*record.ttl));
        observation.ttlMin = record.ttl;
        observation.ttlMax = record.ttl;
    }
    const QString rrClass = record.rrClass.trimmed();
    if (!rrClass.isEmpty() && rrClass != u"IN") {
        QJsonObject attrs;
        attrs.insert(QStringLiteral("class"), escapeLogText(rrClass.left(16)));
        observation.attrs = QString::fromUtf8(QJsonDocument(attrs).toJson(QJsonDocument::Compact));
    }
    return sink.addObservation(observation) ? LineOutcome::Imported : LineOutcome::Stopped;
}

} // namespace pdnsw
