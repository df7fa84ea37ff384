#include "providers/Provider.h"

#include "providers/JsonFields.h"
#include "providers/RdataText.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace pdnsw {

QByteArray PageContext::header(const QByteArray& lowerName) const
{
    for (const auto& h : headers) {
        if (h.first == lowerName)
            return h.second;
    }
    return {};
}

Provider::Provider(const QString& id)
{
    if (const ProviderDescriptor* d = findProvider(id))
        m_descriptor = *d;
}

QString Provider::unsupportedReason(const ProviderQuestion& question) const
{
    if (question.kind == ProviderQuestion::Kind::Cidr)
        return QStringLiteral("%1 does not answer CIDR questions; ask for single addresses").arg(m_descriptor.name);
    return {};
}

int Provider::estimatedRequests(const ProviderQuestion&) const
{
    return 1;
}

StatusVerdict Provider::classify(int status, const QByteArray& body) const
{
    StatusVerdict v;
    if (status >= 200 && status < 300)
        return v;
    const QString said = serviceMessage(body);
    const QString suffix = said.isEmpty() ? QString() : QStringLiteral(": %1").arg(said);
    if (status == 401 || status == 403) {
        v.state = JobState::AuthFailed;
        v.message = QStringLiteral("%1 refused the request (HTTP %2)%3; check the key (PDNSW_%4_KEY or the keychain)")
                        .arg(m_descriptor.name)
                        .arg(status)
                        .arg(suffix, m_descriptor.envId);
        return v;
    }
    if (status == 429) {
        v.state = JobState::QuotaExhausted;
        v.retry = true;
        v.message = QStringLiteral("%1 says too many requests (HTTP 429)%2").arg(m_descriptor.name, suffix);
        return v;
    }
    if (status == 500 || status == 502 || status == 503 || status == 504) {
        v.state = JobState::Failed;
        v.retry = true;
        v.message = QStringLiteral("%1 answered HTTP %2%3").arg(m_descriptor.name).arg(status).arg(suffix);
        return v;
    }
    v.state = JobState::Failed;
    v.message = QStringLiteral("%1 answered HTTP %2%3").arg(m_descriptor.name).arg(status).arg(suffix);
    return v;
}

HttpHeaders Provider::authHeaders(const ProviderConfig&) const
{
    return {};
}

std::optional<HttpRequest> Provider::authRequest(const ProviderConfig&, QString*) const
{
    return std::nullopt;
}

bool Provider::acceptAuthResponse(const ProviderConfig&, const HttpResponse&, QString*) const
{
    return true;
}

QString Provider::serviceMessage(const QByteArray& body)
{
    QString message;
    const QJsonDocument doc = QJsonDocument::fromJson(body.left(1024 * 1024));
    if (doc.isObject()) {
        const QJsonObject o = doc.object();
        const QJsonValue error = o.value(QLatin1String("error"));
        if (error.isObject()) {
            const QJsonObject e = error.toObject();
            message = e.value(QLatin1String("message")).toString();
            const QString code = e.value(QLatin1String("code")).toString();
            if (!code.isEmpty())
                message = message.isEmpty() ? code : QStringLiteral("%1 (%2)").arg(message, code);
        } else if (error.isString()) {
            message = error.toString();
        }
        for (const char* key : {"message", "detail", "error_description"}) {
            if (message.isEmpty())
                message = o.value(QLatin1String(key)).toString();
        }
        if (message.isEmpty()) {
            const QJsonValue messages = o.value(QLatin1String("messages"));
            if (messages.isArray() && !messages.toArray().isEmpty())
                message = messages.toArray().first().toObject().value(QLatin1String("message")).toString();
        }
    }
    if (message.isEmpty()) {
        message = QString::fromUtf8(body.left(400));
        const qsizetype nl = message.indexOf(QLatin1Char('\n'));
        if (nl >= 0)
            message.truncate(nl);
    }
    return serviceText(message);
}

QString Provider::serviceText(const QString& text, qsizetype maxLength)
{
    QString clean;
    for (QChar c : QStringView(text).left(maxLength)) {
        if (c.unicode() >= 0x20 && c.unicode() != 0x7f)
            clean += c;
    }
    return clean.trimmed();
}

void Provider::clampToLimit(PageParse& parse, const ProviderQuestion& q, qint64 deliveredSoFar)
{
    if (q.limit <= 0)
        return;
    const qint64 room = std::max<qint64>(0, q.limit - deliveredSoFar);
    if (parse.observations.size() > room || (parse.next && parse.observations.size() == room)) {
        parse.observations.resize(room);
        parse.next.reset();
        if (parse.state == JobState::Succeeded) {
            parse.state = JobState::Limited;
            if (parse.message.isEmpty())
                parse.message = QStringLiteral("stopped at the limit of %1 records").arg(q.limit);
        }
    }
}

bool Provider::inFence(const ProviderQuestion& q, const Observation& o)
{
    if (q.since && o.lastSeen && *o.lastSeen < *q.since)
        return false;
    if (q.until && o.firstSeen && *o.firstSeen > *q.until)
        return false;
    return true;
}

bool Provider::addObservation(PageParse& parse, const ProviderQuestion& question, Observation observation)
{
    // A service that reports its last sighting before its first (the fuzz target found such pages) would give
    // the timeline an interval that ends before it starts: keep both times, in order, and say so, as the COF
    // importer does.
    const bool swapped
        = observation.firstSeen && observation.lastSeen && *observation.firstSeen > *observation.lastSeen;
    // A negative count means nothing: the record stays, its count becomes unknown, and the attrs say why.
    const bool badCount = observation.count && *observation.count < 0;
    // TTLs are unsigned 32-bit numbers in DNS; a range given upside down is put in order, like the times.
    for (std::optional<qint64>* ttl : {&observation.ttlMin, &observation.ttlMax}) {
        if (*ttl && (**ttl < 0 || **ttl > 0xffffffffLL))
            ttl->reset();
    }
    const bool ttlSwapped = observation.ttlMin && observation.ttlMax && *observation.ttlMin > *observation.ttlMax;
    if (swapped || badCount || ttlSwapped) {
        QJsonObject attrs = QJsonDocument::fromJson(observation.attrs.toUtf8()).object();
        if (swapped) {
            std::swap(observation.firstSeen, observation.lastSeen);
            attrs.insert(QStringLiteral("times_swapped"), true);
        }
        if (ttlSwapped) {
            std::swap(observation.ttlMin, observation.ttlMax);
            attrs.insert(QStringLiteral("ttls_swapped"), true);
        }
        if (badCount) {
            attrs.insert(QStringLiteral("count_refused"), *observation.count);
            observation.count.reset();
        }
        observation.attrs = JsonFields::compact(attrs);
    }
    if (!inFence(question, observation))
        return false;
    parse.observations.append(std::move(observation));
    return true;
}

void Provider::reject(PageParse& parse, qint64 record, const QString& why)
{
    ++parse.rejected;
    if (parse.problems.size() < 10)
        parse.problems.append(QStringLiteral("record %1: %2").arg(record).arg(why));
}

void Provider::addRdataObservations(PageParse& parse, const ProviderQuestion& question, const Observation& base,
    const QJsonValue& rdataValue, qint64 record)
{
    const QStringList rdatas = JsonFields::stringOrArray(rdataValue);
    if (rdatas.isEmpty())
        reject(parse, record, QStringLiteral("no rdata"));
    for (const QString& r : rdatas) {
        const auto rdata = canonicalRdata(base.rrtype, r);
        if (!rdata) {
            reject(parse, record, QStringLiteral("rdata is not valid for %1").arg(base.rrtype));
            continue;
        }
        Observation observation = base;
        observation.rdata = *rdata;
        addObservation(parse, question, std::move(observation));
    }
}

qint64 Provider::remainingUnderLimit(const ProviderQuestion& question, const PageContext& page)
{
    if (question.limit <= 0)
        return 0;
    return std::max<qint64>(1, question.limit - page.deliveredSoFar);
}

} // namespace pdnsw
