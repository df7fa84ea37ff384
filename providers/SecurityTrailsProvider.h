#pragma once

#include "providers/Provider.h"

namespace pdnsw {

// SecurityTrails (providers.md 3.6): /v1/history/{hostname}/dns/{a|aaaa|mx|ns|soa|txt}?page=N, one stream per
// record type. Each record is a window in which a set of values co-existed: every value becomes one
// observation with the window's days (first 00:00:00, last 23:59:59 UTC; the source is day-granular). The
// *_count fields are co-occurrence (how many other domains share the value), kept in attrs, never as count.
class SecurityTrailsProvider final : public Provider
{
public:
    SecurityTrailsProvider();
    QString unsupportedReason(const ProviderQuestion& question) const override;
    QList<HttpRequest> initialRequests(
        const ProviderQuestion& question, const ProviderConfig& config, QString* error) const override;
    int estimatedRequests(const ProviderQuestion& question) const override;
    PageParse parsePage(const ProviderQuestion& question, const PageContext& page) const override;
    StatusVerdict classify(int httpStatus, const QByteArray& body) const override;
    HttpHeaders authHeaders(const ProviderConfig& config) const override;

    static const QStringList& recordTypes();

private:
    HttpRequest request(
        const ProviderQuestion& question, const ProviderConfig& config, const QString& type, int page) const;
};

} // namespace pdnsw
