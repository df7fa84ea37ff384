#pragma once

#include "providers/Provider.h"

namespace pdnsw {

// DNSDB API v2 (providers.md 3.1): SAF NDJSON stream; rrset by name, rdata by address or "net,pfx"; time
// fences as time_last_after / time_first_before (loose overlap); limit/offset paging while the stream ends
// "limited" with a full page. A stream without its terminating cond line is reported as truncated.
class DnsdbProvider final : public Provider
{
public:
    DnsdbProvider();
    QString unsupportedReason(const ProviderQuestion& question) const override;
    QList<HttpRequest> initialRequests(
        const ProviderQuestion& question, const ProviderConfig& config, QString* error) const override;
    PageParse parsePage(const ProviderQuestion& question, const PageContext& page) const override;
    StatusVerdict classify(int httpStatus, const QByteArray& body) const override;
    HttpHeaders authHeaders(const ProviderConfig& config) const override;

private:
    HttpRequest request(
        const ProviderQuestion& question, const ProviderConfig& config, qint64 offset, qint64 limit) const;
};

} // namespace pdnsw
