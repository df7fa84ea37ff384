#include "providers/DnsDumpsterProvider.h"

#include "providers/JsonFields.h"
#include "providers/RdataText.h"
#include "providers/UrlPolicy.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace pdnsw {

DnsDumpsterProvider::DnsDumpsterProvider()
    : Provider(QStringLiteral("dnsdumpster"))
{
}

QString DnsDumpsterProvider::sourceLabel() const
{
    return QStringLiteral("DNSDumpster (current, not history)");
}

QString DnsDumpsterProvider::unsupportedReason(const ProviderQuestion& q) const
{
    if (q.kind != ProviderQuestion::Kind::Name)
        return QStringLiteral("DNSDumpster answers domains only");
    return {};
}

QList<HttpRequest> DnsDumpsterProvider::initialRequests(
    const ProviderQuestion& q, const ProviderConfig& config, QString*) const
{
    HttpRequest r;
    r.url = UrlPolicy::build(config.baseUrl, {QStringLiteral("domain"), q.text});
    r.headers.append({QByteArrayLiteral("Accept"), QByteArrayLiteral("application/json")});
    return {r};
}

HttpHeaders DnsDumpsterProvider::authHeaders(const ProviderConfig& config) const
{
    return {{QByteArrayLiteral("X-API-Key"), config.key}};
}

PageParse DnsDumpsterProvider::parsePage(const ProviderQuestion& q, const PageContext& page) const
{
    PageParse parse;
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(page.body, &error);
    if (!doc.isObject()) {
        parse.state = JobState::Failed;
        parse.message = QStringLiteral("DNSDumpster sent malformed JSON at offset %1 (%2)")
                            .arg(error.offset)
                            .arg(error.errorString());
        return parse;
    }
    const QJsonObject root = doc.object();
    qint64 index = 0;

    auto add = [&](const QString& rrname, const QString& rrtype, const QString& rawRdata, const QJsonObject& attrs) {
        const auto rdata = canonicalRdata(rrtype, rawRdata);
        if (!rdata) {
            reject(parse, index, QStringLiteral("a value is not valid for %1").arg(rrtype));
            return;
        }
        Observation o;
        o.rrname = rrname;
        o.rrtype = rrtype;
        o.rdata = *rdata;
        o.attrs = JsonFields::compact(attrs);
        addObservation(parse, q, std::move(o));
    };
    // The host's addresses, with their network details.
    auto addAddresses = [&](const QString& host, const QJsonArray& ips) {
        for (const QJsonValue& v : ips) {
            const QJsonObject ip = v.toObject();
            const QString address = ip.value(QLatin1String("ip")).toString();
            QJsonObject attrs;
            for (const char* key : {"asn", "asn_name", "country", "ptr"}) {
                const QString value = JsonFields::text(ip.value(QLatin1String(key))).left(200);
                if (!value.isEmpty())
                    attrs.insert(QLatin1String(key), value);
            }
            add(host, address.contains(QLatin1Char(':')) ? QStringLiteral("AAAA") : QStringLiteral("A"), address,
                attrs);
        }
    };

    for (const char* section : {"a", "ns", "mx", "cname"}) {
        const QJsonArray items = root.value(QLatin1String(section)).toArray();
        for (const QJsonValue& v : items) {
            ++index;
            ++parse.rows;
            const QJsonObject item = v.toObject();
            const auto host = canonicalOwnerName(item.value(QLatin1String("host")).toString());
            if (!host) {
                reject(parse, index, QStringLiteral("no usable host in section %1").arg(QLatin1String(section)));
                continue;
            }
            const QString s = QLatin1String(section);
            if (s == QLatin1String("ns") || s == QLatin1String("mx"))
                add(q.text, s.toUpper(), *host, {});
            if (s == QLatin1String("cname")) {
                QString target;
                for (const char* key : {"target", "cname", "value"}) {
                    if (target.isEmpty())
                        target = item.value(QLatin1String(key)).toString();
                }
                if (target.isEmpty())
                    reject(parse, index, QStringLiteral("cname entry without a target"));
                else
                    add(*host, QStringLiteral("CNAME"), target, {});
            }
            addAddresses(*host, item.value(QLatin1String("ips")).toArray());
        }
    }
    const QJsonArray txt = root.value(QLatin1String("txt")).toArray();
    for (const QJsonValue& v : txt) {
        ++index;
        ++parse.rows;
        const QString text = v.isString() ? v.toString() : v.toObject().value(QLatin1String("value")).toString();
        add(q.text, QStringLiteral("TXT"), text, {});
    }
    return parse;
}

} // namespace pdnsw
