#include "providers/DefenderTiProvider.h"

#include "models/RrType.h"
#include "providers/JsonFields.h"
#include "providers/RdataText.h"
#include "providers/UrlPolicy.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutex>
#include <QUrl>

namespace pdnsw {

namespace {

struct CachedToken
{
    QByteArray token;
    qint64 expiresAt = 0; // epoch seconds
};

QMutex& cacheMutex()
{
    static QMutex m;
    return m;
}

QHash<QByteArray, CachedToken>& cache()
{
    static QHash<QByteArray, CachedToken> c;
    return c;
}

// The cache key covers the token URL, client and secret (hashed), so a changed secret never reuses a token.
QByteArray cacheKey(const ProviderConfig& c)
{
    QCryptographicHash h(QCryptographicHash::Sha256);
    h.addData(DefenderTiProvider::resolvedTokenUrl(c).toUtf8());
    h.addData("\n");
    h.addData(c.clientId.toUtf8());
    h.addData("\n");
    h.addData(c.key);
    return h.result();
}

} // namespace

DefenderTiProvider::DefenderTiProvider()
    : Provider(QStringLiteral("defenderti"))
{
}

QString DefenderTiProvider::resolvedTokenUrl(const ProviderConfig& config)
{
    QString url = config.tokenUrl;
    url.replace(QLatin1String("{tenant}"), UrlPolicy::encodeSegment(config.tenant));
    return url;
}

void DefenderTiProvider::clearTokenCache()
{
    QMutexLocker lock(&cacheMutex());
    for (CachedToken& t : cache())
        t.token.fill('\0');
    cache().clear();
}

std::optional<HttpRequest> DefenderTiProvider::authRequest(const ProviderConfig& config, QString* error) const
{
    {
        QMutexLocker lock(&cacheMutex());
        const auto it = cache().constFind(cacheKey(config));
        if (it != cache().constEnd() && it->expiresAt - 60 > QDateTime::currentSecsSinceEpoch())
            return std::nullopt;
    }
    const QString url = resolvedTokenUrl(config);
    const QString problem = UrlPolicy::checkUrl(url);
    if (!problem.isEmpty()) {
        if (error)
            *error = QStringLiteral("Defender TI token URL: %1").arg(problem);
        return HttpRequest{}; // empty URL: the engine reports the error
    }
    HttpRequest r;
    r.url = url;
    r.method = "POST";
    r.isAuth = true;
    r.headers.append({QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/x-www-form-urlencoded")});
    r.body = "grant_type=client_credentials&client_id=" + QUrl::toPercentEncoding(config.clientId)
        + "&client_secret=" + QUrl::toPercentEncoding(QString::fromUtf8(config.key))
        + "&scope=" + QUrl::toPercentEncoding(QStringLiteral("https://graph.microsoft.com/.default"));
    return r;
}

bool DefenderTiProvider::acceptAuthResponse(
    const ProviderConfig& config, const HttpResponse& response, QString* error) const
{
    const QJsonDocument doc = QJsonDocument::fromJson(response.body);
    const QJsonObject o = doc.object();
    const QByteArray token = o.value(QLatin1String("access_token")).toString().toUtf8();
    if (response.status != 200 || token.isEmpty()) {
        if (error) {
            const QString said = serviceMessage(response.body);
            *error = QStringLiteral("Defender TI: the token request failed (HTTP %1)%2; check "
                                    "PDNSW_DEFENDERTI_CLIENT_ID, PDNSW_DEFENDERTI_TENANT and the secret")
                         .arg(response.status)
                         .arg(said.isEmpty() ? QString() : QStringLiteral(": ") + said);
        }
        return false;
    }
    const qint64 lifetime
        = std::clamp<qint64>(JsonFields::integer(o.value(QLatin1String("expires_in"))).value_or(300), 0, 86400);
    QMutexLocker lock(&cacheMutex());
    cache().insert(cacheKey(config), {token, QDateTime::currentSecsSinceEpoch() + lifetime});
    return true;
}

HttpHeaders DefenderTiProvider::authHeaders(const ProviderConfig& config) const
{
    QMutexLocker lock(&cacheMutex());
    const auto it = cache().constFind(cacheKey(config));
    if (it == cache().constEnd())
        return {};
    return {{QByteArrayLiteral("Authorization"), QByteArrayLiteral("Bearer ") + it->token}};
}

QList<HttpRequest> DefenderTiProvider::initialRequests(
    const ProviderQuestion& q, const ProviderConfig& config, QString*) const
{
    const bool name = q.kind == ProviderQuestion::Kind::Name;
    HttpRequest r;
    r.url = UrlPolicy::build(config.baseUrl,
        {QStringLiteral("v1.0"), QStringLiteral("security"), QStringLiteral("threatIntelligence"),
            QStringLiteral("hosts"), q.text,
            name ? QStringLiteral("passiveDns") : QStringLiteral("passiveDnsReverse")});
    r.headers.append({QByteArrayLiteral("Accept"), QByteArrayLiteral("application/json")});
    return {r};
}

PageParse DefenderTiProvider::parsePage(const ProviderQuestion& q, const PageContext& page) const
{
    PageParse parse;
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(page.body, &error);
    if (!doc.isObject()) {
        parse.state = JobState::Failed;
        parse.message = QStringLiteral("Defender TI sent malformed JSON at offset %1 (%2)")
                            .arg(error.offset)
                            .arg(error.errorString());
        return parse;
    }
    const QJsonObject root = doc.object();
    const QJsonArray values = root.value(QLatin1String("value")).toArray();
    qint64 index = 0;
    for (const QJsonValue& item : values) {
        ++index;
        ++parse.rows;
        const QJsonObject r = item.toObject();
        const auto rrname
            = canonicalOwnerName(r.value(QLatin1String("parentHost")).toObject().value(QLatin1String("id")).toString());
        const QString rrtype = canonicalRrType(JsonFields::text(r.value(QLatin1String("recordType"))));
        const QJsonObject artifact = r.value(QLatin1String("artifact")).toObject();
        if (!rrname || rrtype.isEmpty()) {
            reject(parse, index, QStringLiteral("no usable parentHost.id or recordType"));
            continue;
        }
        const auto rdata = canonicalRdata(rrtype, artifact.value(QLatin1String("id")).toString());
        if (!rdata) {
            reject(parse, index, QStringLiteral("artifact.id is not valid for %1").arg(rrtype));
            continue;
        }
        Observation o;
        o.rrname = *rrname;
        o.rrtype = rrtype;
        o.rdata = *rdata;
        o.firstSeen = JsonFields::time(r.value(QLatin1String("firstSeenDateTime")));
        o.lastSeen = JsonFields::time(r.value(QLatin1String("lastSeenDateTime")));
        QJsonObject attrs;
        if (const auto collected = JsonFields::time(r.value(QLatin1String("collectedDateTime"))))
            attrs.insert(QStringLiteral("collected"), *collected);
        const QString kind = artifact.value(QLatin1String("@odata.type")).toString().left(100);
        if (!kind.isEmpty())
            attrs.insert(QStringLiteral("artifactType"), kind);
        o.attrs = JsonFields::compact(attrs);
        addObservation(parse, q, std::move(o));
    }
    const QString next = root.value(QLatin1String("@odata.nextLink")).toString();
    if (page.request && page.config && !next.isEmpty() && !values.isEmpty()) {
        const QString problem = UrlPolicy::checkFollowUp(page.url, next);
        if (!problem.isEmpty() || next.size() > 8192) {
            parse.state = JobState::Limited;
            parse.message = QStringLiteral("Defender TI: the next page link was not followed (%1)")
                                .arg(problem.isEmpty() ? QStringLiteral("too long") : problem);
        } else {
            HttpRequest r;
            r.url = QUrl(page.url).resolved(QUrl(next)).toString(QUrl::FullyEncoded);
            r.headers = page.request->headers;
            r.page = page.request->page + 1;
            parse.next = r;
        }
    }
    return parse;
}

} // namespace pdnsw
