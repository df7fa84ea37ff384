#pragma once

#include <QList>
#include <QString>

#include <optional>

namespace pdnsw {

// The fixed facts about one online service (providers.md): its id, where it lives, how fast it may be asked
// and what its times mean. Settings and the environment may override the URL and the limits.
struct ProviderDescriptor
{
    QString id; // "dnsdb", "circl", ... (settings keys, the case's provider_queries.provider)
    QString envId; // "DNSDB" in PDNSW_DNSDB_URL / PDNSW_DNSDB_KEY
    QString name; // shown to the analyst
    QString defaultBaseUrl; // scheme://host[:port][/prefix] in front of the documented paths
    bool keyRequired = true;
    int rateRequests = 1; // at most this many requests ...
    int rateIntervalSeconds = 1; // ... per this many seconds
    int dailyBudget = 0; // requests per UTC day on a free key; 0 = not published
    int defaultPageSize = 0; // records per page for limit/offset style services; 0 = the service decides
    QString timeKind; // SourceInfo::timeKind of its observations
    QString timeGranularity; // SourceInfo::timeGranularity
    QString note; // one line shown by `pdnsw-cli providers`
};

const QList<ProviderDescriptor>& providerCatalog();
const ProviderDescriptor* findProvider(const QString& id);
// "a,b" or "all" -> ids in catalog order; unknown ids reported in *error.
std::optional<QStringList> parseProviderList(const QString& text, QString* error);

} // namespace pdnsw
