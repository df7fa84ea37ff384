#include "providers/MnemonicProvider.h"

#include "models/RrType.h"
#include "models/UtcTime.h"
#include "providers/JsonFields.h"
#include "providers/RdataText.h"
#include "providers/UrlPolicy.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrlQuery>

namespace pdnsw {

namespace {
constexpr qint64 kPublicMax = 1000; // above it the service answers 412 for unauthenticated use
}

MnemonicProvider::MnemonicProvider()
    : Provider(QStringLiteral("mnemonic"))
{
}

HttpRequest MnemonicProvider::request(
    const ProviderQuestion& q, const ProviderConfig& config, qint64 offset, qint64 limit) const
{
    HttpRequest r;
    r.url = UrlPolicy::build(config.baseUrl, {QStringLiteral("pdns"), QStringLiteral("v3"), q.text},
        {{QStringLiteral("limit"), QString::number(limit)}, {QStringLiteral("offset"), QString::number(offset)}});
    r.headers.append({QByteArrayLiteral("Accept"), QByteArrayLiteral("application/json")});
    r.offset = offset;
    return r;
}

QList<HttpRequest> MnemonicProvider::initialRequests(
    const ProviderQuestion& q, const ProviderConfig& config, QString*) const
{
    qint64 limit = config.pageSize > 0 ? config.pageSize : kPublicMax;
    if (config.key.isEmpty())
        limit = std::min(limit, kPublicMax);
    if (q.limit > 0)
        limit = std::min<qint64>(limit, q.limit);
    return {request(q, config, 0, limit)};
}

HttpHeaders MnemonicProvider::authHeaders(const ProviderConfig& config) const
{
    if (config.key.isEmpty())
        return {};
    return {{QByteArrayLiteral("Argus-API-Key"), config.key}};
}

StatusVerdict MnemonicProvider::classify(int status, const QByteArray& body) const
{
    StatusVerdict v = Provider::classify(status, body);
    if (status == 402) {
        v.state = JobState::QuotaExhausted;
        v.message = QStringLiteral("Mnemonic: resource limit exceeded (402): %1").arg(serviceMessage(body));
    } else if (status == 412) {
        v.message = QStringLiteral("Mnemonic refused the page size (HTTP 412: %1); lower mnemonic/pageSize in the "
                                   "settings")
                        .arg(serviceMessage(body));
    }
    return v;
}

PageParse MnemonicProvider::parsePage(const ProviderQuestion& q, const PageContext& page) const
{
    PageParse parse;
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(page.body, &error);
    if (!doc.isObject()) {
        parse.state = JobState::Failed;
        parse.message = QStringLiteral("Mnemonic sent malformed JSON at offset %1 (%2)")
                            .arg(error.offset)
                            .arg(error.errorString());
        return parse;
    }
    const QJsonObject root = doc.object();
    if (JsonFields::integer(root.value(QLatin1String("responseCode"))).value_or(200) == 402) {
        parse.state = JobState::QuotaExhausted;
        parse.message = QStringLiteral("Mnemonic: resource limit exceeded (responseCode 402)");
        return parse;
    }
    const QJsonArray data = root.value(QLatin1String("data")).toArray();
    qint64 index = 0;
    for (const QJsonValue& item : data) {
        ++index;
        ++parse.rows;
        const QJsonObject r = item.toObject();
        const auto rrname = canonicalOwnerName(r.value(QLatin1String("query")).toString());
        const QString rrtype = canonicalRrType(JsonFields::text(r.value(QLatin1String("rrtype"))));
        if (!rrname || rrtype.isEmpty()) {
            reject(parse, index, QStringLiteral("no usable query or rrtype"));
            continue;
        }
        const auto rdata = canonicalRdata(rrtype, r.value(QLatin1String("answer")).toString());
        if (!rdata) {
            reject(parse, index, QStringLiteral("answer is not valid for %1").arg(rrtype));
            continue;
        }
        Observation o;
        o.rrname = *rrname;
        o.rrtype = rrtype;
        o.rdata = *rdata;
        // Busy addresses come back with the seen times zeroed: fall back to createdTimestamp.
        const auto created = JsonFields::integer(r.value(QLatin1String("createdTimestamp")));
        QJsonObject attrs;
        auto seen = [&](const char* key) -> std::optional<qint64> {
            auto ms = JsonFields::integer(r.value(QLatin1String(key)));
            if ((!ms || *ms == 0) && created && *created > 0) {
                attrs.insert(QStringLiteral("timeFrom"), QStringLiteral("createdTimestamp"));
                ms = created;
            }
            if (!ms || *ms == 0)
                return std::nullopt;
            return millisToSeconds(*ms);
        };
        o.firstSeen = seen("firstSeenTimestamp");
        o.lastSeen = seen("lastSeenTimestamp");
        o.count = JsonFields::integer(r.value(QLatin1String("times")));
        o.ttlMin = JsonFields::integer(r.value(QLatin1String("minTtl")));
        o.ttlMax = JsonFields::integer(r.value(QLatin1String("maxTtl")));
        const QString tlp = JsonFields::text(r.value(QLatin1String("tlp"))).left(40);
        if (!tlp.isEmpty())
            attrs.insert(QStringLiteral("tlp"), tlp);
        if (JsonFields::stringOrArray(r.value(QLatin1String("flags"))).contains(QLatin1String("partialResult")))
            attrs.insert(QStringLiteral("partialResult"), true);
        o.attrs = JsonFields::compact(attrs);
        addObservation(parse, q, std::move(o));
    }
    const auto total = JsonFields::integer(root.value(QLatin1String("count")));
    if (page.request && page.config && total && !data.isEmpty()) {
        const qint64 nextOffset = page.request->offset + data.size();
        const qint64 delivered = page.deliveredSoFar + parse.observations.size();
        if (nextOffset < *total) {
            if (q.limit > 0 && delivered >= q.limit) {
                parse.state = JobState::Limited;
                parse.message
                    = QStringLiteral("stopped at the limit of %1 records; Mnemonic has %2").arg(q.limit).arg(*total);
            } else {
                const qint64 asked
                    = QUrlQuery(QUrl(page.url).query()).queryItemValue(QStringLiteral("limit")).toLongLong();
                qint64 limit = asked > 0 ? asked : kPublicMax;
                if (q.limit > 0)
                    limit = std::min<qint64>(limit, q.limit - delivered);
                HttpRequest r = request(q, *page.config, nextOffset, limit);
                r.page = page.request->page + 1;
                parse.next = r;
            }
        }
    }
    return parse;
}

} // namespace pdnsw
