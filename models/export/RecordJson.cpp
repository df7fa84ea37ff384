#include "models/export/RecordJson.h"

#include "models/DomainName.h"
#include "models/RrType.h"
#include "models/export/ExportText.h"

#include <QJsonDocument>

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

QJsonObject recordToJson(const SourcedObservation& record, const ExportContext& context)
{
    const Observation& o = record.observation;
    QJsonObject json;
    json.insert(QStringLiteral("rrname"), o.rrname);
    const QString unicode = domainNameForDisplay(o.rrname);
    if (unicode != o.rrname)
        json.insert(QStringLiteral("rrname_unicode"), unicode);
    json.insert(QStringLiteral("rrtype"), o.rrtype);
    json.insert(QStringLiteral("rdata"), o.rdata);
    json.insert(QStringLiteral("section"), sectionName(o.section));
    if (o.firstSeen) {
        json.insert(QStringLiteral("first_seen"), exportIsoTime(*o.firstSeen));
        json.insert(QStringLiteral("time_first"), *o.firstSeen);
    }
    if (o.lastSeen) {
        json.insert(QStringLiteral("last_seen"), exportIsoTime(*o.lastSeen));
        json.insert(QStringLiteral("time_last"), *o.lastSeen);
    }
    if (o.count)
        json.insert(QStringLiteral("count"), *o.count);
    if (o.rcode)
        json.insert(QStringLiteral("rcode"), rcodeName(*o.rcode));
    if (o.ttlMin)
        json.insert(QStringLiteral("ttl_min"), *o.ttlMin);
    if (o.ttlMax)
        json.insert(QStringLiteral("ttl_max"), *o.ttlMax);
    if (!o.clients.isEmpty())
        json.insert(QStringLiteral("clients"), o.clients);
    if (!o.servers.isEmpty())
        json.insert(QStringLiteral("servers"), o.servers);
    const QJsonObject attrs = attrsObject(o.attrs);
    if (!attrs.isEmpty())
        json.insert(QStringLiteral("attrs"), attrs);

    QJsonObject source;
    source.insert(QStringLiteral("id"), record.sourceId);
    source.insert(QStringLiteral("label"), record.sourceLabel);
    source.insert(QStringLiteral("kind"), record.sourceKind);
    source.insert(QStringLiteral("time_granularity"), record.timeGranularity);
    source.insert(QStringLiteral("time_kind"), record.timeKind);
    if (const SourceInfo* info = context.source(record.sourceId); info && !info->sha256.isEmpty())
        source.insert(QStringLiteral("sha256"), info->sha256);
    json.insert(QStringLiteral("source"), source);
    return json;
}

QJsonObject recordToCof(const SourcedObservation& record, const ExportContext& context)
{
    Q_UNUSED(context);
    const Observation& o = record.observation;
    if (o.section == Section::Negative)
        return {};
    QJsonObject cof;
    cof.insert(QStringLiteral("rrname"), o.rrname);
    cof.insert(QStringLiteral("rrtype"), o.rrtype);
    cof.insert(QStringLiteral("rdata"), o.rdata);
    if (o.firstSeen)
        cof.insert(QStringLiteral("time_first"), *o.firstSeen);
    if (o.lastSeen)
        cof.insert(QStringLiteral("time_last"), *o.lastSeen);
    if (o.count)
        cof.insert(QStringLiteral("count"), *o.count);
    if (!record.sourceLabel.isEmpty())
        cof.insert(QStringLiteral("sensor_id"), record.sourceLabel);
    const QJsonObject attrs = attrsObject(o.attrs);
    const QJsonValue bailiwick = attrs.value(QStringLiteral("bailiwick"));
    if (bailiwick.isString())
        cof.insert(QStringLiteral("bailiwick"), bailiwick);
    return cof;
}

} // namespace pdnsw
