#include "providers/OtxProvider.h"

#include "models/RrType.h"
#include "providers/JsonFields.h"
#include "providers/RdataText.h"
#include "providers/UrlPolicy.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace pdnsw {

OtxProvider::OtxProvider()
    : Provider(QStringLiteral("otx"))
{
}

QList<HttpRequest> OtxProvider::initialRequests(const ProviderQuestion& q, const ProviderConfig& config, QString*) const
{
    QString section;
    if (q.kind == ProviderQuestion::Kind::Name)
        section = q.text.count(QLatin1Char('.')) == 1 ? QStringLiteral("domain") : QStringLiteral("hostname");
    else
        section = q.isIpv6() ? QStringLiteral("IPv6") : QStringLiteral("IPv4");
    HttpRequest r;
    r.url = UrlPolicy::build(config.baseUrl,
        {QStringLiteral("api"), QStringLiteral("v1"), QStringLiteral("indicators"), section, q.text,
            QStringLiteral("passive_dns")});
    r.headers.append({QByteArrayLiteral("Accept"), QByteArrayLiteral("application/json")});
    return {r};
}

HttpHeaders OtxProvider::authHeaders(const ProviderConfig& config) const
{
    return {{QByteArrayLiteral("X-OTX-API-KEY"), config.key}};
}

PageParse OtxProvider::parsePage(const ProviderQuestion& q, const PageContext& page) const
{
    PageParse parse;
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(page.body, &error);
    if (!doc.isObject()) {
        parse.state = JobState::Failed;
        parse.message
            = QStringLiteral("OTX sent malformed JSON at offset %1 (%2)").arg(error.offset).arg(error.errorString());
        return parse;
    }
    const QJsonArray rows = doc.object().value(QLatin1String("passive_dns")).toArray();
    qint64 index = 0;
    for (const QJsonValue& item : rows) {
        ++index;
        ++parse.rows;
        const QJsonObject r = item.toObject();
        const auto rrname = canonicalOwnerName(r.value(QLatin1String("hostname")).toString());
        const QString rrtype = canonicalRrType(JsonFields::text(r.value(QLatin1String("record_type"))));
        if (!rrname || rrtype.isEmpty()) {
            reject(parse, index, QStringLiteral("no usable hostname or record_type"));
            continue;
        }
        const auto rdata = canonicalRdata(rrtype, r.value(QLatin1String("address")).toString());
        if (!rdata) {
            reject(parse, index, QStringLiteral("address is not valid for %1").arg(rrtype));
            continue;
        }
        Observation o;
        o.rrname = *rrname;
        o.rrtype = rrtype;
        o.rdata = *rdata;
        o.firstSeen = JsonFields::time(r.value(QLatin1String("first")));
        o.lastSeen = JsonFields::time(r.value(QLatin1String("last")));
        QJsonObject attrs;
        const QString asn = r.value(QLatin1String("asn")).toString().left(200);
        if (!asn.isEmpty())
            attrs.insert(QStringLiteral("asn"), asn);
        if (r.value(QLatin1String("suspicious")).isBool())
            attrs.insert(QStringLiteral("suspicious"), r.value(QLatin1String("suspicious")).toBool());
        o.attrs = JsonFields::compact(attrs);
        addObservation(parse, q, std::move(o));
    }
    return parse;
}

} // namespace pdnsw
