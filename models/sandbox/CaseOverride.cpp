#include "models/sandbox/CaseOverride.h"

#include "models/CaseFile.h"
#include "models/CaseReader.h"
#include "models/UtcTime.h"
#include "models/sandbox/SandboxName.h"

namespace pdnsw {

namespace {

QString seenText(const ResolvedAddress& a)
{
    QString text;
    if (a.chain.size() > 1)
        text += QStringLiteral("via ") + a.chain.mid(1).join(QStringLiteral(" -> ")) + QStringLiteral(", ");
    if (a.firstSeen || a.lastSeen)
        text += QStringLiteral("seen %1..%2 ").arg(formatUtcTime(a.firstSeen), formatUtcTime(a.lastSeen));
    else
        text += QStringLiteral("undated ");
    return text + QStringLiteral("by ") + a.sourceLabels.join(QStringLiteral(", "));
}

} // namespace

CaseOverrideResult buildCaseOverride(const CaseReader& reader, const CaseOverrideRequest& request)
{
    CaseOverrideResult result;
    QList<OverrideEntry> entries;
    QList<OverrideRejection> early;

    // Explicit addresses are keyed by the canonical name, whatever spelling the analyst used.
    QHash<QString, QStringList> explicitByName;
    for (auto it = request.explicitAddresses.cbegin(); it != request.explicitAddresses.cend(); ++it) {
        const auto name = sandboxHostName(it.key());
        explicitByName[name.value_or(it.key())] += it.value();
    }

    OverrideResolveOptions options;
    options.at = request.at;
    options.sourceIds = request.sourceIds;
    for (const QString& asked : request.names) {
        QString reason;
        const auto name = sandboxHostName(asked, &reason);
        if (!name) {
            early.append({asked, {}, reason});
            continue;
        }
        if (explicitByName.contains(*name)) {
            for (const QString& address : explicitByName.value(*name))
                entries.append({*name, address, QStringLiteral("address given by the analyst")});
            continue;
        }
        const NameResolution resolution = resolveForSandbox(*name, reader.timeline(*name, true), options);
        result.resolutions.append(resolution);
        if (resolution.addresses.isEmpty()) {
            result.unresolved.append(resolution.error);
            continue;
        }
        for (const ResolvedAddress& a : resolution.addresses)
            entries.append({*name, a.address, seenText(a)});
    }
    // Names given only with --address.
    for (auto it = explicitByName.cbegin(); it != explicitByName.cend(); ++it) {
        bool asked = false;
        for (const QString& n : request.names)
            asked = asked || sandboxHostName(n).value_or(n) == it.key();
        if (!asked) {
            for (const QString& address : it.value())
                entries.append({it.key(), address, QStringLiteral("address given by the analyst")});
        }
    }

    for (qint64 id : request.sourceIds) {
        const auto source = reader.source(id);
        result.sourceLabels.append(source ? QStringLiteral("%1 (#%2)").arg(source->label, QString::number(id))
                                          : QStringLiteral("#%1 (not in the case)").arg(id));
    }
    OverrideHeader header;
    header.caseId = reader.file().caseId();
    header.caseTitle = reader.file().title();
    header.asOf = request.at ? formatUtcTime(*request.at)
                             : QStringLiteral("each name's latest address (the last before NXDOMAIN where a name "
                                              "went away)");
    header.sources = result.sourceLabels;
    header.generatedAt = request.generatedAt;
    result.pack = generateOverride(entries, header, request.format, request.subdomains);
    result.pack.rejected = early + result.pack.rejected;
    return result;
}

} // namespace pdnsw
