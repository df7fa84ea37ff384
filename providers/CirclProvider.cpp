#include "providers/CirclProvider.h"

#include "models/RrType.h"
#include "models/UtcTime.h"
#include "providers/JsonFields.h"
#include "providers/RdataText.h"
#include "providers/UrlPolicy.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace pdnsw {

CirclProvider::CirclProvider()
    : Provider(QStringLiteral("circl"))
{
}

HttpRequest CirclProvider::request(
    const ProviderQuestion& q, const ProviderConfig& config, const QByteArray& cursor) const
{
    HttpRequest r;
    r.url = UrlPolicy::build(config.baseUrl, {QStringLiteral("pdns"), QStringLiteral("query"), q.text});
    r.headers.append({QByteArrayLiteral("Accept"), QByteArrayLiteral("application/x-ndjson")});
    r.headers.append({QByteArrayLiteral("dribble-disable-active-query"), QByteArrayLiteral("1")});
    if (config.pageSize > 0) {
        qint64 count = config.pageSize;
        if (q.limit > 0)
            count = std::min<qint64>(count, q.limit);
        r.headers.append({QByteArrayLiteral("dribble-paginate-count"), QByteArray::number(count)});
    }
    if (!cursor.isEmpty())
        r.headers.append({QByteArrayLiteral("dribble-paginate-cursor"), cursor});
    return r;
}

QList<HttpRequest> CirclProvider::initialRequests(
    const ProviderQuestion& q, const ProviderConfig& config, QString*) const
{
    return {request(q, config, {})};
}

HttpHeaders CirclProvider::authHeaders(const ProviderConfig& config) const
{
    if (config.key.contains(':'))
        return {{QByteArrayLiteral("Authorization"), QByteArrayLiteral("Basic ") + config.key.toBase64()}};
    return {{QByteArrayLiteral("Authorization"), config.key}};
}

StatusVerdict CirclProvider::classify(int status, const QByteArray& body) const
{
    StatusVerdict v = Provider::classify(status, body);
    if (status == 429) {
        // "Quota exhausted" will not recover within a retry window.
        if (body.contains("Quota exhausted") || body.contains("quota exhausted"))
            v.retry = false;
        v.message = QStringLiteral("CIRCL: quota exhausted (HTTP 429): %1").arg(serviceMessage(body));
    }
    return v;
}

PageParse CirclProvider::parsePage(const ProviderQuestion& q, const PageContext& page) const
{
    PageParse parse;
    // The old service answered 200 with a plain-text body when rate limited.
    if (page.body.trimmed().startsWith("Rate Limit Exceeded")) {
        parse.state = JobState::QuotaExhausted;
        parse.message = QStringLiteral("CIRCL: Rate Limit Exceeded");
        return parse;
    }
    qint64 lineNo = 0;
    const QList<QByteArray> lines = page.body.split('\n');
    const bool endsWithNewline = page.body.endsWith('\n');
    for (qsizetype i = 0; i < lines.size(); ++i) {
        ++lineNo;
        const QByteArray line = lines.at(i).trimmed();
        if (line.isEmpty())
            continue;
        QJsonParseError error{};
        const QJsonDocument doc = QJsonDocument::fromJson(line, &error);
        if (!doc.isObject()) {
            const bool lastCut = i == lines.size() - 1 && !endsWithNewline;
            if (lastCut && parse.rows > 0) {
                parse.state = JobState::Truncated;
                parse.message = QStringLiteral("the CIRCL answer ends in a cut line (truncated); %1 records kept")
                                    .arg(parse.rows);
            } else {
                reject(parse, lineNo, QStringLiteral("not a JSON object (%1)").arg(error.errorString()));
            }
            continue;
        }
        const QJsonObject o = doc.object();
        ++parse.rows;
        const auto rrname = canonicalOwnerName(JsonFields::text(o.value(QLatin1String("rrname"))));
        const QString rrtype = canonicalRrType(JsonFields::text(o.value(QLatin1String("rrtype"))));
        if (!rrname || rrtype.isEmpty()) {
            reject(parse, lineNo, QStringLiteral("no usable rrname or rrtype"));
            continue;
        }
        Observation base;
        base.rrname = *rrname;
        base.rrtype = rrtype;
        auto first = JsonFields::integer(o.value(QLatin1String("time_first")));
        auto last = JsonFields::integer(o.value(QLatin1String("time_last")));
        if (!first && o.contains(QLatin1String("time_first_ms")))
            if (auto ms = JsonFields::integer(o.value(QLatin1String("time_first_ms"))))
                first = millisToSeconds(*ms);
        if (!last && o.contains(QLatin1String("time_last_ms")))
            if (auto ms = JsonFields::integer(o.value(QLatin1String("time_last_ms"))))
                last = millisToSeconds(*ms);
        const bool zone = !first && !last;
        if (zone) {
            first = JsonFields::integer(o.value(QLatin1String("zone_time_first")));
            last = JsonFields::integer(o.value(QLatin1String("zone_time_last")));
        }
        base.firstSeen = first;
        base.lastSeen = last;
        base.count = JsonFields::integer(o.value(QLatin1String("count")));
        QJsonObject attrs;
        for (const char* key : {"origin", "sensor_id"}) {
            const QString v = JsonFields::text(o.value(QLatin1String(key))).left(300);
            if (!v.isEmpty())
                attrs.insert(QLatin1String(key), v);
        }
        const QString bailiwick = o.value(QLatin1String("bailiwick")).toString();
        if (!bailiwick.isEmpty())
            attrs.insert(QStringLiteral("bailiwick"), canonicalOwnerName(bailiwick).value_or(QString()));
        if (zone && (first || last))
            attrs.insert(QStringLiteral("timeSource"), QStringLiteral("zone"));
        base.attrs = JsonFields::compact(attrs);
        addRdataObservations(parse, q, base, o.value(QLatin1String("rdata")), lineNo);
    }
    const QByteArray dribbleErrors = page.header("x-dribble-errors");
    if (!dribbleErrors.isEmpty() && parse.message.isEmpty())
        parse.message = QStringLiteral("CIRCL reported: %1").arg(serviceMessage(dribbleErrors));

    // Next page: the cursor header, when present and sane, while the user's limit is not met.
    const QByteArray cursor = page.header("x-dribble-cursor").trimmed();
    if (page.request && page.config && !cursor.isEmpty() && parse.rows > 0 && parse.state == JobState::Succeeded) {
        bool sane = cursor.size() <= 256;
        for (char c : cursor)
            sane = sane && c > 0x20 && c < 0x7f;
        const bool userLimitMet = q.limit > 0 && page.deliveredSoFar + parse.observations.size() >= q.limit;
        if (!sane) {
            parse.state = JobState::Limited;
            parse.message = QStringLiteral("CIRCL sent an unusable paging cursor; later pages were not fetched");
        } else if (userLimitMet) {
            parse.state = JobState::Limited;
        } else {
            HttpRequest r = request(q, *page.config, cursor);
            r.page = page.request->page + 1;
            parse.next = r;
        }
    }
    return parse;
}

} // namespace pdnsw
