#include "providers/DnsdbProvider.h"

#include "models/RrType.h"
#include "providers/JsonFields.h"
#include "providers/RdataText.h"
#include "providers/UrlPolicy.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QUrlQuery>

namespace pdnsw {

DnsdbProvider::DnsdbProvider()
    : Provider(QStringLiteral("dnsdb"))
{
}

QString DnsdbProvider::unsupportedReason(const ProviderQuestion&) const
{
    return {}; // names, addresses and CIDRs
}

HttpRequest DnsdbProvider::request(
    const ProviderQuestion& q, const ProviderConfig& config, qint64 offset, qint64 limit) const
{
    QStringList path{QStringLiteral("dnsdb"), QStringLiteral("v2"), QStringLiteral("lookup")};
    if (q.kind == ProviderQuestion::Kind::Name)
        path << QStringLiteral("rrset") << QStringLiteral("name") << q.text;
    else if (q.kind == ProviderQuestion::Kind::Address)
        path << QStringLiteral("rdata") << QStringLiteral("ip") << q.address;
    else
        path << QStringLiteral("rdata") << QStringLiteral("ip")
             << QStringLiteral("%1,%2").arg(q.address).arg(q.prefixLength);
    QList<QPair<QString, QString>> query;
    if (limit > 0)
        query.append({QStringLiteral("limit"), QString::number(limit)});
    if (offset > 0)
        query.append({QStringLiteral("offset"), QString::number(offset)});
    if (q.since)
        query.append({QStringLiteral("time_last_after"), QString::number(*q.since)});
    if (q.until)
        query.append({QStringLiteral("time_first_before"), QString::number(*q.until)});
    query.append({QStringLiteral("swclient"), QStringLiteral("pdnsw")});
    query.append({QStringLiteral("version"), QStringLiteral(PDNSW_VERSION)});
    HttpRequest r;
    r.url = UrlPolicy::build(config.baseUrl, path, query);
    r.headers.append({QByteArrayLiteral("Accept"), QByteArrayLiteral("application/x-ndjson")});
    r.offset = offset;
    return r;
}

QList<HttpRequest> DnsdbProvider::initialRequests(
    const ProviderQuestion& q, const ProviderConfig& config, QString*) const
{
    qint64 limit = config.pageSize;
    if (q.limit > 0)
        limit = limit > 0 ? std::min<qint64>(limit, q.limit) : q.limit;
    return {request(q, config, 0, limit)};
}

HttpHeaders DnsdbProvider::authHeaders(const ProviderConfig& config) const
{
    return {{QByteArrayLiteral("X-API-Key"), config.key}};
}

StatusVerdict DnsdbProvider::classify(int status, const QByteArray& body) const
{
    StatusVerdict v = Provider::classify(status, body);
    const QString said = serviceMessage(body);
    if (status == 401 && said.contains(QLatin1String("quota"), Qt::CaseInsensitive)) {
        v.state = JobState::QuotaExhausted;
        v.message = QStringLiteral("DNSDB: the key's quota has expired (HTTP 401: %1)").arg(said);
    } else if (status == 416) {
        v.state = JobState::Limited;
        v.message = QStringLiteral("DNSDB refused the offset (HTTP 416): more records exist than this key may page "
                                   "through; narrow the question with a time fence");
    } else if (status == 404) {
        v.message = QStringLiteral("DNSDB does not know this path (HTTP 404); check the base URL (PDNSW_DNSDB_URL)");
    }
    return v;
}

PageParse DnsdbProvider::parsePage(const ProviderQuestion& q, const PageContext& page) const
{
    PageParse parse;
    QString terminator;
    QString terminatorMessage;
    qint64 lineNo = 0;
    const QList<QByteArray> lines = page.body.split('\n');
    for (const QByteArray& raw : lines) {
        ++lineNo;
        const QByteArray line = raw.trimmed();
        if (line.isEmpty())
            continue;
        QJsonParseError error{};
        const QJsonDocument doc = QJsonDocument::fromJson(line, &error);
        if (!doc.isObject()) {
            // A cut line at the very end is what a dropped connection looks like; anything else is malformed.
            reject(parse, lineNo, QStringLiteral("not a JSON object (%1)").arg(error.errorString()));
            continue;
        }
        const QJsonObject o = doc.object();
        const QString cond = o.value(QLatin1String("cond")).toString();
        if (cond == QLatin1String("succeeded") || cond == QLatin1String("limited") || cond == QLatin1String("failed")) {
            terminator = cond;
            terminatorMessage = serviceText(o.value(QLatin1String("msg")).toString());
            break; // nothing valid follows a terminator
        }
        if (!o.contains(QLatin1String("obj")))
            continue; // begin, ongoing and keep-alive lines
        const QJsonObject obj = o.value(QLatin1String("obj")).toObject();
        ++parse.rows;
        const auto rrname = canonicalOwnerName(obj.value(QLatin1String("rrname")).toString());
        const QString rrtype = canonicalRrType(JsonFields::text(obj.value(QLatin1String("rrtype"))));
        if (!rrname || rrtype.isEmpty()) {
            reject(parse, lineNo, QStringLiteral("no usable rrname or rrtype"));
            continue;
        }
        const bool sensor = obj.contains(QLatin1String("time_first")) || obj.contains(QLatin1String("time_last"));
        Observation base;
        base.rrname = *rrname;
        base.rrtype = rrtype;
        base.firstSeen
            = JsonFields::integer(obj.value(sensor ? QLatin1String("time_first") : QLatin1String("zone_time_first")));
        base.lastSeen
            = JsonFields::integer(obj.value(sensor ? QLatin1String("time_last") : QLatin1String("zone_time_last")));
        base.count = JsonFields::integer(obj.value(QLatin1String("count")));
        QJsonObject attrs;
        attrs.insert(QStringLiteral("timeSource"), sensor ? QStringLiteral("sensor") : QStringLiteral("zone"));
        const QString bailiwick = obj.value(QLatin1String("bailiwick")).toString();
        if (!bailiwick.isEmpty())
            attrs.insert(QStringLiteral("bailiwick"), canonicalOwnerName(bailiwick).value_or(QString()));
        base.attrs = JsonFields::compact(attrs);
        addRdataObservations(parse, q, base, obj.value(QLatin1String("rdata")), lineNo);
    }

    if (terminator == QLatin1String("succeeded")) {
        parse.state = JobState::Succeeded;
    } else if (terminator == QLatin1String("failed")) {
        parse.state = JobState::Failed;
        parse.message = QStringLiteral("DNSDB reported a failure: %1").arg(terminatorMessage);
    } else if (terminator == QLatin1String("limited")) {
        parse.state = JobState::Limited;
        parse.message = QStringLiteral("DNSDB result limit: %1").arg(terminatorMessage);
        // A full page that ended "limited" may continue at the next offset, unless the user's limit is met.
        if (page.request && page.config) {
            const QUrlQuery query(QUrl(page.url).query());
            const qint64 asked = query.queryItemValue(QStringLiteral("limit")).toLongLong();
            const qint64 delivered = page.deliveredSoFar + parse.observations.size();
            const bool userLimitMet = q.limit > 0 && delivered >= q.limit;
            if (asked > 0 && parse.rows >= asked && !userLimitMet) {
                qint64 next = page.config->pageSize > 0 ? page.config->pageSize : asked;
                if (q.limit > 0)
                    next = std::min<qint64>(next, q.limit - delivered);
                HttpRequest r = request(q, *page.config, page.request->offset + parse.rows, next);
                r.page = page.request->page + 1;
                parse.next = r;
                parse.state = JobState::Succeeded;
                parse.message.clear();
            }
        }
    } else {
        parse.state = JobState::Truncated;
        parse.message = QStringLiteral("the DNSDB stream ended without its terminating cond line (truncated); "
                                       "%1 records received are kept")
                            .arg(parse.rows);
    }
    return parse;
}

} // namespace pdnsw
