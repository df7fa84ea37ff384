#include "models/export/RecordJson.h"

#include "models/DomainName.h"
#include "models/RrType.h"
#include "models/export/CompactJsonObject.h"
#include "models/export/ExportText.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace pdnsw {

namespace {

QJsonObject attrsObject(const QString& attrs)
{
    if (attrs.isEmpty())
        return {};
    const QJsonDocument doc = QJsonDocument::fromJson(attrs.toUtf8());
    return doc.isObject() ? doc.object() : QJsonObject();
}

} // namespace

void appendRecordJson(QByteArray& out, const SourcedObservation& record, const ExportContext& context)
{
    const Observation& o = record.observation;
    const QString unicode = domainNameForDisplay(o.rrname);
    const QJsonObject attrs = attrsObject(o.attrs);
    // Keys in sorted order, as QJsonDocument writes them.
    CompactJsonObject json(out);
    if (!attrs.isEmpty())
        json.addRaw("attrs", QJsonDocument(attrs).toJson(QJsonDocument::Compact));
    if (!o.clients.isEmpty())
        json.add("clients", o.clients);
    if (o.count)
        json.add("count", *o.count);
    if (o.firstSeen)
        json.add("first_seen", exportIsoTime(*o.firstSeen));
    if (o.lastSeen)
        json.add("last_seen", exportIsoTime(*o.lastSeen));
    if (o.rcode)
        json.add("rcode", rcodeName(*o.rcode));
    json.add("rdata", o.rdata);
    json.add("rrname", o.rrname);
    if (unicode != o.rrname)
        json.add("rrname_unicode", unicode);
    json.add("rrtype", o.rrtype);
    json.add("section", sectionName(o.section));
    if (!o.servers.isEmpty())
        json.add("servers", o.servers);
    {
        QByteArray sourceText;
        CompactJsonObject source(sourceText);
        source.add("id", record.sourceId);
        source.add("kind", record.sourceKind);
        source.add("label", record.sourceLabel);
        if (const SourceInfo* info = context.source(record.sourceId); info && !info->sha256.isEmpty())
            source.add("sha256", info->sha256);
        source.add("time_granularity", record.timeGranularity);
        source.add("time_kind", record.timeKind);
        source.close();
        json.addRaw("source", sourceText);
    }
    if (o.firstSeen)
        json.add("time_first", *o.firstSeen);
    if (o.lastSeen)
        json.add("time_last", *o.lastSeen);
    if (o.ttlMax)
        json.add("ttl_max", *o.ttlMax);
    if (o.ttlMin)
        json.add("ttl_min", *o.ttlMin);
    json.close();
}

bool appendRecordCof(QByteArray& out, const SourcedObservation& record, const ExportContext& context)
{
    Q_UNUSED(context);
    const Observation& o = record.observation;
    if (o.section == Section::Negative)
        return false;
    const QJsonValue bailiwick = attrsObject(o.attrs).value(QStringLiteral("bailiwick"));
    CompactJsonObject cof(out);
    if (bailiwick.isString())
        cof.add("bailiwick", bailiwick.toString());
    if (o.count)
        cof.add("count", *o.count);
    cof.add("rdata", o.rdata);
    cof.add("rrname", o.rrname);
    cof.add("rrtype", o.rrtype);
    if (!record.sourceLabel.isEmpty())
        cof.add("sensor_id", record.sourceLabel);
    if (o.firstSeen)
        cof.add("time_first", *o.firstSeen);
    if (o.lastSeen)
        cof.add("time_last", *o.lastSeen);
    cof.close();
    return true;
}

} // namespace pdnsw
