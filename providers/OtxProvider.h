#pragma once

#include "providers/Provider.h"

namespace pdnsw {

// AlienVault OTX (providers.md 3.5): indicators/{domain|hostname|IPv4|IPv6}/{value}/passive_dns. A two-label
// name is asked as a domain (which includes its subdomains), a longer one as a hostname. Times are ISO 8601
// without a zone (UTC); there is no count.
class OtxProvider final : public Provider
{
public:
    OtxProvider();
    QList<HttpRequest> initialRequests(
        const ProviderQuestion& question, const ProviderConfig& config, QString* error) const override;
    PageParse parsePage(const ProviderQuestion& question, const PageContext& page) const override;
    HttpHeaders authHeaders(const ProviderConfig& config) const override;
};

} // namespace pdnsw
