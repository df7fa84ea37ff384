#include "providers/SecurityTrailsProvider.h"

#include "models/UtcTime.h"
#include "providers/JsonFields.h"
#include "providers/RdataText.h"
#include "providers/UrlPolicy.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>

namespace pdnsw {

namespace {

// The value key per record type (a: ip confirmed; aaaa/txt unverified, so alternatives are accepted).
QStringList valueKeys(const QString& type)
{
    if (type == QLatin1String("a"))
        return {QStringLiteral("ip")};
    if (type == QLatin1String("aaaa"))
        return {QStringLiteral("ipv6"), QStringLiteral("ip")};
    if (type == QLatin1String("mx"))
        return {QStringLiteral("host"), QStringLiteral("hostname")};
    if (type == QLatin1String("ns"))
        return {QStringLiteral("nameserver")};
    if (type == QLatin1String("soa"))
        return {QStringLiteral("email")};
    return {QStringLiteral("value")};
}

} // namespace

SecurityTrailsProvider::SecurityTrailsProvider()
    : Provider(QStringLiteral("securitytrails"))
{
}

const QStringList& SecurityTrailsProvider::recordTypes()
{
    static const QStringList types{QStringLiteral("a"), QStringLiteral("aaaa"), QStringLiteral("mx"),
        QStringLiteral("ns"), QStringLiteral("soa"), QStringLiteral("txt")};
    return types;
}

QString SecurityTrailsProvider::unsupportedReason(const ProviderQuestion& q) const
{
    if (q.kind != ProviderQuestion::Kind::Name)
        return QStringLiteral("SecurityTrails has no historical reverse lookup; ask it about names");
    return {};
}

int SecurityTrailsProvider::estimatedRequests(const ProviderQuestion&) const
{
    return static_cast<int>(recordTypes().size());
}

HttpRequest SecurityTrailsProvider::request(
    const ProviderQuestion& q, const ProviderConfig& config, const QString& type, int page) const
{
    HttpRequest r;
    r.url = UrlPolicy::build(config.baseUrl,
        {QStringLiteral("v1"), QStringLiteral("history"), q.text, QStringLiteral("dns"), type},
        {{QStringLiteral("page"), QString::number(page)}});
    r.headers.append({QByteArrayLiteral("Accept"), QByteArrayLiteral("application/json")});
    r.page = page;
    return r;
}

QList<HttpRequest> SecurityTrailsProvider::initialRequests(
    const ProviderQuestion& q, const ProviderConfig& config, QString*) const
{
    QList<HttpRequest> requests;
    for (const QString& type : recordTypes())
        requests.append(request(q, config, type, 1));
    return requests;
}

HttpHeaders SecurityTrailsProvider::authHeaders(const ProviderConfig& config) const
{
    return {{QByteArrayLiteral("APIKEY"), config.key}};
}

StatusVerdict SecurityTrailsProvider::classify(int status, const QByteArray& body) const
{
    if (status == 400 || status == 404 || status == 406)
        return {}; // "no data" for this name and type
    return Provider::classify(status, body);
}

PageParse SecurityTrailsProvider::parsePage(const ProviderQuestion& q, const PageContext& page) const
{
    PageParse parse;
    if (page.httpStatus == 400 || page.httpStatus == 404 || page.httpStatus == 406)
        return parse;
    const QString type = QUrl(page.url).path().section(QLatin1Char('/'), -1).toLower();
    if (!recordTypes().contains(type)) {
        parse.state = JobState::Failed;
        parse.message = QStringLiteral("cannot tell the record type from the URL %1").arg(page.url.left(200));
        return parse;
    }
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(page.body, &error);
    if (!doc.isObject()) {
        parse.state = JobState::Failed;
        parse.message = QStringLiteral("SecurityTrails sent malformed JSON at offset %1 (%2)")
                            .arg(error.offset)
                            .arg(error.errorString());
        return parse;
    }
    const QString rrtype = type.toUpper();
    const QJsonObject root = doc.object();
    const QJsonArray records = root.value(QLatin1String("records")).toArray();
    qint64 index = 0;
    for (const QJsonValue& item : records) {
        ++index;
        ++parse.rows;
        const QJsonObject r = item.toObject();
        const auto firstDay = JsonFields::time(r.value(QLatin1String("first_seen")));
        const auto lastDay = JsonFields::time(r.value(QLatin1String("last_seen")));
        QJsonObject baseAttrs;
        const QStringList orgs = JsonFields::stringOrArray(r.value(QLatin1String("organizations")));
        if (!orgs.isEmpty())
            baseAttrs.insert(QStringLiteral("organizations"), QJsonArray::fromStringList(orgs.mid(0, 20)));
        const QJsonArray values = r.value(QLatin1String("values")).toArray();
        if (values.isEmpty())
            reject(parse, index, QStringLiteral("no values"));
        for (const QJsonValue& v : values) {
            const QJsonObject value = v.toObject();
            QString raw;
            QString usedKey;
            for (const QString& key : valueKeys(type)) {
                raw = JsonFields::text(value.value(key));
                if (!raw.isEmpty()) {
                    usedKey = key;
                    break;
                }
            }
            const auto rdata = canonicalRdata(rrtype, raw);
            if (!rdata) {
                reject(parse, index, QStringLiteral("a value is not valid for %1").arg(rrtype));
                continue;
            }
            Observation o;
            o.rrname = q.text;
            o.rrtype = rrtype;
            o.rdata = *rdata;
            o.firstSeen = firstDay; // midnight UTC of the first day
            if (lastDay)
                o.lastSeen = *lastDay + 86399; // the end of the last day
            QJsonObject attrs = baseAttrs;
            if (const auto co = JsonFields::integer(value.value(usedKey + QStringLiteral("_count"))))
                attrs.insert(QStringLiteral("cooccurrence"), *co);
            for (const char* extra : {"priority", "ttl"}) {
                if (const auto n = JsonFields::integer(value.value(QLatin1String(extra))))
                    attrs.insert(QLatin1String(extra), *n);
            }
            o.attrs = JsonFields::compact(attrs);
            addObservation(parse, q, std::move(o));
        }
    }
    const auto pages = JsonFields::integer(root.value(QLatin1String("pages")));
    if (page.request && page.config && pages && page.request->page < *pages && !records.isEmpty()) {
        HttpRequest r = request(q, *page.config, type, page.request->page + 1);
        parse.next = r;
    }
    return parse;
}

} // namespace pdnsw
