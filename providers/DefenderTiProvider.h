#pragma once

#include "providers/Provider.h"

namespace pdnsw {

// Microsoft Defender Threat Intelligence over Microsoft Graph (providers.md 3.7), PassiveTotal's successor:
// hosts/{host}/passiveDns (names) and hosts/{ip}/passiveDnsReverse (addresses), @odata.nextLink paging (same
// host only). An OAuth2 client-credentials token (client id, tenant, the secret as the key) is fetched from
// the token URL and cached in memory until shortly before it expires.
class DefenderTiProvider final : public Provider
{
public:
    DefenderTiProvider();
    QList<HttpRequest> initialRequests(
        const ProviderQuestion& question, const ProviderConfig& config, QString* error) const override;
    PageParse parsePage(const ProviderQuestion& question, const PageContext& page) const override;
    HttpHeaders authHeaders(const ProviderConfig& config) const override;
    std::optional<HttpRequest> authRequest(const ProviderConfig& config, QString* error) const override;
    bool acceptAuthResponse(const ProviderConfig& config, const HttpResponse& response, QString* error) const override;

    static QString resolvedTokenUrl(const ProviderConfig& config);
    // Forgets every cached token (tests; a key change).
    static void clearTokenCache();
};

} // namespace pdnsw
