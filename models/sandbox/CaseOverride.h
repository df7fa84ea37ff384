#pragma once

#include "models/sandbox/OverridePack.h"
#include "models/sandbox/OverrideResolver.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace pdnsw {

class CaseReader;

struct CaseOverrideRequest
{
    QStringList names; // as typed; Unicode names are converted to A-labels
    std::optional<qint64> at; // empty: each name's latest address (the last before it went NXDOMAIN)
    QList<qint64> sourceIds; // empty: every source
    QHash<QString, QStringList> explicitAddresses; // name -> addresses the analyst gave (skips resolution)
    OverrideFormat format = OverrideFormat::Hosts;
    bool subdomains = false;
    qint64 generatedAt = 0;
};

struct CaseOverrideResult
{
    OverridePack pack;
    QList<NameResolution> resolutions; // one per resolved name
    QStringList unresolved; // "name: why" for names that got no address
    QStringList sourceLabels; // of the chosen sources (empty = all)
};

// Resolves each name against the case (CaseReader::timeline, then resolveForSandbox) and generates the override
// with a header naming the case, T and the sources. Explicit addresses win over the case's answers.
CaseOverrideResult buildCaseOverride(const CaseReader& reader, const CaseOverrideRequest& request);

} // namespace pdnsw
