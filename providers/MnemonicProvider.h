#pragma once

#include "providers/Provider.h"

namespace pdnsw {

// Mnemonic PassiveDNS v3 (providers.md 3.4): /pdns/v3/{query}, works without a key (Argus-API-Key raises the
// limits), epoch-millisecond times, limit/offset paging against the envelope's total "count". A body
// responseCode 402 means the resource limit is spent.
class MnemonicProvider final : public Provider
{
public:
    MnemonicProvider();
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
