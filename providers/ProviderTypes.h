#pragma once

#include "models/Observation.h"

#include <QByteArray>
#include <QList>
#include <QMetaType>
#include <QPair>
#include <QString>

#include <optional>

namespace pdnsw {

// What the analyst asks a provider: a name, an address or a CIDR, with an optional time fence and limit.
struct ProviderQuestion
{
    enum class Kind
    {
        Name,
        Address,
        Cidr,
    };
    Kind kind = Kind::Name;
    QString text; // canonical: lower-case A-label name, canonical address, or "net/prefix"
    QString address; // Address and Cidr: the (network) address
    int prefixLength = -1; // Cidr only
    std::optional<qint64> since; // keep records whose interval overlaps [since, until]
    std::optional<qint64> until;
    int limit = 0; // most records to fetch from this provider for this question; 0 = until done

    bool isIpv6() const { return address.contains(QLatin1Char(':')); }
};

// Parses and validates a question typed by the analyst or taken from an answer (attacker-controlled):
// names must be LDH (plus '_' and a leading "*." wildcard is refused), at most 253 characters.
std::optional<ProviderQuestion> parseQuestion(const QString& text, QString* error);
QString questionKindName(ProviderQuestion::Kind kind);

using HttpHeaders = QList<QPair<QByteArray, QByteArray>>;

// One request as the provider describes it. It never carries the key: the provider adds credentials at send
// time (Provider::applyAuth), so a request can be logged or stored as it is.
struct HttpRequest
{
    QString url; // fully built and percent-encoded
    QByteArray method = "GET";
    QByteArray body; // POST body (token requests)
    HttpHeaders headers; // without credentials
    bool isAuth = false; // a token request: its answer is a secret, never stored or emitted
    int page = 1; // 1-based page number within its stream
    qint64 offset = 0; // limit/offset paging: the offset this page starts at
    int attempt = 0; // retries done so far for this page
    int redirects = 0; // redirects followed so far
};

struct HttpResponse
{
    int status = 0; // 0 when no HTTP answer arrived
    QByteArray body; // decoded bytes, at most the size cap
    HttpHeaders headers; // names lower-cased
    QString transportError; // empty when the transfer itself succeeded
    bool sizeCapHit = false;
    bool timedOut = false;
    bool cancelled = false;
    qint64 elapsedMs = 0;

    QByteArray header(const QByteArray& lowerName) const;
};

// How a query (or a page) ended.
enum class JobState
{
    Running,
    Succeeded, // complete answer (possibly empty)
    Limited, // stopped at the user's limit or the service's result limit: more exists
    Truncated, // the answer ended early (stream without terminator, size cap): what arrived is kept
    QuotaExhausted, // the service says the quota is spent (after retries): try again later
    AuthFailed, // 401/403: the key is missing, wrong or not allowed
    NotConfigured, // the provider needs a key and none is set
    Unsupported, // the provider cannot answer this kind of question (e.g. CIDR at VirusTotal)
    Failed, // transport, TLS, HTTP or parse error
    Cancelled,
};
QString jobStateName(JobState state);
// Succeeded and Limited are answers worth caching; the rest are not.
inline bool isSuccessful(JobState s)
{
    return s == JobState::Succeeded || s == JobState::Limited;
}

// The mapping of one answer page.
struct PageParse
{
    QList<Observation> observations;
    qint64 rows = 0; // records the page held (before exploding rdata arrays and fencing)
    qint64 rejected = 0; // records that could not be mapped
    QStringList problems; // first few rejected records, "record 3: no rrname"
    JobState state = JobState::Succeeded; // Succeeded = this page is fine (more pages may follow)
    QString message; // the service's own words for a limit, truncation or error
    std::optional<HttpRequest> next; // the next page, when the service says there is one
};

// One answer page as the engine streams it to the receiver (GUI, CLI, case recorder).
struct ProviderPage
{
    quint64 jobId = 0;
    QString provider;
    QString question;
    int page = 0; // 1-based over the whole job
    QString url; // redacted
    int httpStatus = 0;
    qint64 receivedAt = 0;
    QByteArray body; // raw answer as received (decoded), for the audit log
    QList<Observation> observations;
    JobState state = JobState::Succeeded;
    QString message;
};

struct ProviderJobResult
{
    quint64 jobId = 0;
    QString provider;
    QString question;
    JobState state = JobState::Running;
    QString error; // redacted; empty when it succeeded
    QString note; // e.g. the service's "Result limit reached"
    int pages = 0;
    int requests = 0; // every HTTP request made, retries and token requests included
    qint64 records = 0; // observations delivered
    std::optional<int> lastHttpStatus;
    qint64 startedAt = 0; // submitted
    qint64 firstRequestAt = 0; // the first request went out; 0 when none did
    qint64 finishedAt = 0;
    qint64 elapsedMs = 0;
};

} // namespace pdnsw

Q_DECLARE_METATYPE(pdnsw::ProviderPage)
Q_DECLARE_METATYPE(pdnsw::ProviderJobResult)
