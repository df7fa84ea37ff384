#pragma once

#include "providers/Provider.h"

namespace pdnsw {

// DNSDumpster (providers.md 3.8): /domain/{domain}, current DNS recon, not history. Its records carry no
// times at all (they stay empty; the source's time kind is "current"), and it is labelled so.
// a: host -> A/AAAA of each ip; ns and mx: domain -> NS/MX host, plus the host's addresses; cname: host ->
// target; txt: domain -> TXT.
class DnsDumpsterProvider final : public Provider
{
public:
    DnsDumpsterProvider();
    QString unsupportedReason(const ProviderQuestion& question) const override;
    QList<HttpRequest> initialRequests(
        const ProviderQuestion& question, const ProviderConfig& config, QString* error) const override;
    PageParse parsePage(const ProviderQuestion& question, const PageContext& page) const override;
    HttpHeaders authHeaders(const ProviderConfig& config) const override;
    QString sourceLabel() const override;
};

} // namespace pdnsw
