#pragma once

#include "providers/Provider.h"

namespace pdnsw {

// VirusTotal API v3 (providers.md 3.3): domain and IP resolutions with cursor paging. One date per
// resolution (first = last = date), no count; identical pairs are folded by the engine (aggregatesPairs) into
// min/max date with the number of resolutions in attrs.
class VirusTotalProvider final : public Provider
{
public:
    VirusTotalProvider();
    QList<HttpRequest> initialRequests(
        const ProviderQuestion& question, const ProviderConfig& config, QString* error) const override;
    PageParse parsePage(const ProviderQuestion& question, const PageContext& page) const override;
    StatusVerdict classify(int httpStatus, const QByteArray& body) const override;
    HttpHeaders authHeaders(const ProviderConfig& config) const override;
    bool aggregatesPairs() const override { return true; }

private:
    HttpRequest request(
        const ProviderQuestion& question, const ProviderConfig& config, qint64 limit, const QString& cursor) const;
};

} // namespace pdnsw
