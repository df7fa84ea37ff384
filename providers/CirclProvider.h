#pragma once

#include "providers/Provider.h"

namespace pdnsw {

// CIRCL Passive DNS (providers.md 3.2): COF NDJSON from /pdns/query/{value}; key "user:pass" (HTTP Basic) or
// a token (raw Authorization header). Fields may be numbers or strings, rdata a string or an array, rrtype a
// mnemonic or a number. Paging by the v2 "dribble" headers; active resolution of the query is switched off so
// the investigation does not reach the adversary's name servers.
class CirclProvider final : public Provider
{
public:
    CirclProvider();
    QList<HttpRequest> initialRequests(
        const ProviderQuestion& question, const ProviderConfig& config, QString* error) const override;
    PageParse parsePage(const ProviderQuestion& question, const PageContext& page) const override;
    StatusVerdict classify(int httpStatus, const QByteArray& body) const override;
    HttpHeaders authHeaders(const ProviderConfig& config) const override;

private:
    HttpRequest request(const ProviderQuestion& question, const ProviderConfig& config, const QByteArray& cursor) const;
};

} // namespace pdnsw
