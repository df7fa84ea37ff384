#include "providers/VirusTotalProvider.h"

#include "providers/JsonFields.h"
#include "providers/RdataText.h"
#include "providers/UrlPolicy.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace pdnsw {

namespace {
constexpr qint64 kMaxPerPage = 40;
}

VirusTotalProvider::VirusTotalProvider()
    : Provider(QStringLiteral("virustotal"))
{
}

HttpRequest VirusTotalProvider::request(
    const ProviderQuestion& q, const ProviderConfig& config, qint64 limit, const QString& cursor) const
{
    const bool name = q.kind == ProviderQuestion::Kind::Name;
    QList<QPair<QString, QString>> query{{QStringLiteral("limit"), QString::number(limit)}};
    if (!cursor.isEmpty())
        query.append({QStringLiteral("cursor"), cursor});
    HttpRequest r;
    r.url = UrlPolicy::build(config.baseUrl,
        {QStringLiteral("api"), QStringLiteral("v3"), name ? QStringLiteral("domains") : QStringLiteral("ip_addresses"),
            q.text, QStringLiteral("resolutions")},
        query);
    r.headers.append({QByteArrayLiteral("Accept"), QByteArrayLiteral("application/json")});
    return r;
}

QList<HttpRequest> VirusTotalProvider::initialRequests(
    const ProviderQuestion& q, const ProviderConfig& config, QString*) const
{
    qint64 limit = config.pageSize > 0 ? std::min<qint64>(config.pageSize, kMaxPerPage) : kMaxPerPage;
    if (q.limit > 0)
        limit = std::min<qint64>(limit, q.limit);
    return {request(q, config, limit, {})};
}

HttpHeaders VirusTotalProvider::authHeaders(const ProviderConfig& config) const
{
    return {{QByteArrayLiteral("x-apikey"), config.key}};
}

StatusVerdict VirusTotalProvider::classify(int status, const QByteArray& body) const
{
    StatusVerdict v = Provider::classify(status, body);
    if (status == 404 && body.contains("NotFoundError")) {
        v = {}; // "no results" in v3 is a 404 NotFoundError
        v.state = JobState::Succeeded;
    } else if (status == 429 && body.contains("QuotaExceededError")) {
        v.retry = false; // a spent daily/monthly quota does not come back within a retry window
        v.message = QStringLiteral("VirusTotal: quota exceeded (HTTP 429 QuotaExceededError); the daily quota "
                                   "resets at 00:00 UTC");
    }
    return v;
}

PageParse VirusTotalProvider::parsePage(const ProviderQuestion& q, const PageContext& page) const
{
    PageParse parse;
    if (page.httpStatus == 404)
        return parse; // NotFoundError: the service has nothing on it
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(page.body, &error);
    if (!doc.isObject()) {
        parse.state = JobState::Failed;
        parse.message = QStringLiteral("VirusTotal sent malformed JSON at offset %1 (%2)")
                            .arg(error.offset)
                            .arg(error.errorString());
        return parse;
    }
    const QJsonObject root = doc.object();
    const QJsonArray data = root.value(QLatin1String("data")).toArray();
    qint64 index = 0;
    for (const QJsonValue& item : data) {
        ++index;
        ++parse.rows;
        const QJsonObject a = item.toObject().value(QLatin1String("attributes")).toObject();
        const auto host = canonicalOwnerName(a.value(QLatin1String("host_name")).toString());
        const QString ipText = a.value(QLatin1String("ip_address")).toString();
        const QString rrtype = ipText.contains(QLatin1Char(':')) ? QStringLiteral("AAAA") : QStringLiteral("A");
        const auto ip = canonicalRdata(rrtype, ipText);
        if (!host || !ip) {
            reject(parse, index, QStringLiteral("no usable host_name or ip_address"));
            continue;
        }
        Observation o;
        o.rrname = *host;
        o.rrtype = rrtype;
        o.rdata = *ip;
        const auto date = JsonFields::integer(a.value(QLatin1String("date")));
        o.firstSeen = date;
        o.lastSeen = date;
        QJsonObject attrs;
        const QString resolver = a.value(QLatin1String("resolver")).toString().left(200);
        if (!resolver.isEmpty())
            attrs.insert(QStringLiteral("resolver"), resolver);
        o.attrs = JsonFields::compact(attrs);
        addObservation(parse, q, std::move(o));
    }
    const QString cursor = root.value(QLatin1String("meta")).toObject().value(QLatin1String("cursor")).toString();
    if (page.request && page.config && !cursor.isEmpty() && !data.isEmpty()) {
        const qint64 delivered = page.deliveredSoFar + parse.observations.size();
        if (q.limit > 0 && delivered >= q.limit) {
            parse.state = JobState::Limited;
        } else if (cursor.size() > 4096) {
            parse.state = JobState::Limited;
            parse.message = QStringLiteral("VirusTotal sent an unusable cursor; later pages were not fetched");
        } else {
            qint64 limit = kMaxPerPage;
            if (page.config->pageSize > 0)
                limit = std::min<qint64>(limit, page.config->pageSize);
            if (q.limit > 0)
                limit = std::min<qint64>(limit, q.limit - delivered);
            HttpRequest r = request(q, *page.config, limit, cursor);
            r.page = page.request->page + 1;
            parse.next = r;
        }
    }
    return parse;
}

} // namespace pdnsw
