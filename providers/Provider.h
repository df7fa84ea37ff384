#pragma once

#include "providers/ProviderConfig.h"
#include "providers/ProviderTypes.h"

#include <QJsonValue>
#include <QList>
#include <QString>

#include <optional>

namespace pdnsw {

// What a provider's parser sees of one answer page. When reparsing stored pages there is no request, no
// config and no headers: the parser then maps records only and builds no next page.
struct PageContext
{
    QString url;
    int httpStatus = 200;
    QByteArray body;
    HttpHeaders headers;
    const HttpRequest* request = nullptr;
    const ProviderConfig* config = nullptr;
    qint64 deliveredSoFar = 0; // records the job delivered before this page (user limit)

    QByteArray header(const QByteArray& lowerName) const;
};

// How the engine should treat an HTTP status before parsing.
struct StatusVerdict
{
    JobState state = JobState::Succeeded; // Succeeded = parse the body
    bool retry = false; // 429 / 503 / transient 5xx: try again after a delay
    QString message;
};

// One online passive DNS service: builds its requests and maps its answers to observations exactly as
// providers.md "Mapping" says. Providers hold no per-query state (the engine does), so one instance serves
// every job, and parsePage() is pure so `pdnsw-cli reparse` can rebuild observations from stored pages.
class Provider
{
public:
    explicit Provider(const QString& id);
    virtual ~Provider() = default;

    const ProviderDescriptor& descriptor() const { return m_descriptor; }
    QString id() const { return m_descriptor.id; }

    // Why this provider cannot answer the question; empty when it can.
    virtual QString unsupportedReason(const ProviderQuestion& question) const;
    // The first request of every stream the question needs (SecurityTrails: one per record type).
    virtual QList<HttpRequest> initialRequests(
        const ProviderQuestion& question, const ProviderConfig& config, QString* error) const = 0;
    // Requests the question costs at least (pivot cost preview).
    virtual int estimatedRequests(const ProviderQuestion& question) const;
    virtual PageParse parsePage(const ProviderQuestion& question, const PageContext& page) const = 0;
    virtual StatusVerdict classify(int httpStatus, const QByteArray& body) const;
    // Credentials added at send time, so requests can be logged and stored as they are.
    virtual HttpHeaders authHeaders(const ProviderConfig& config) const;
    // OAuth-style providers: a token request before the first data request, or nullopt when a cached token is
    // still valid (or none is needed).
    virtual std::optional<HttpRequest> authRequest(const ProviderConfig& config, QString* error) const;
    virtual bool acceptAuthResponse(const ProviderConfig& config, const HttpResponse& response, QString* error) const;
    // VirusTotal: identical (name, address) pairs in one answer are folded into one observation.
    virtual bool aggregatesPairs() const { return false; }
    // SourceInfo label for the case ("DNSDumpster (current, not history)").
    virtual QString sourceLabel() const { return m_descriptor.name; }

    // Drops what goes beyond the user's limit and marks the page Limited (no next page then). The engine and
    // reparse both call it, so they agree.
    static void clampToLimit(PageParse& parse, const ProviderQuestion& question, qint64 deliveredSoFar);

    // The service's own error text from an error body (JSON "message"/"error" or the first line), bounded.
    static QString serviceMessage(const QByteArray& body);
    // Text a service wrote, made safe to show and print: control characters (terminal escapes among them)
    // dropped, at most maxLength characters, trimmed.
    static QString serviceText(const QString& text, qsizetype maxLength = 200);

protected:
    static bool inFence(const ProviderQuestion& question, const Observation& observation);
    // Appends after checking the fence; false when dropped by it.
    static bool addObservation(PageParse& parse, const ProviderQuestion& question, Observation observation);
    static void reject(PageParse& parse, qint64 record, const QString& why);
    // COF-style records carry one rdata or an array of them: one observation each, canonicalised for rrtype,
    // the rest of the record taken from base.
    static void addRdataObservations(PageParse& parse, const ProviderQuestion& question, const Observation& base,
        const QJsonValue& rdataValue, qint64 record);
    // Records still wanted under the user's limit for this page; 0 = no limit.
    static qint64 remainingUnderLimit(const ProviderQuestion& question, const PageContext& page);

private:
    ProviderDescriptor m_descriptor;
};

} // namespace pdnsw
