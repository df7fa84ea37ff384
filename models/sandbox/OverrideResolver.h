#pragma once

#include "models/CaseReader.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace pdnsw {

struct OverrideResolveOptions
{
    // Resolve as of this time. Empty: the latest address the name had (for a name that went NXDOMAIN, the last
    // address before it did).
    std::optional<qint64> at;
    QList<qint64> sourceIds; // empty = every source
};

// One address a name resolved to at the chosen time, with how and by whom it was seen.
struct ResolvedAddress
{
    QString address; // canonical text
    QStringList chain; // the names from the asked one to the owner of the address (CNAME hops)
    QStringList sourceLabels;
    QList<qint64> sourceIds;
    std::optional<qint64> firstSeen; // of the address record(s) used
    std::optional<qint64> lastSeen;
};

struct NameResolution
{
    QString name; // the asked name (A-label)
    std::optional<qint64> time; // the T used; empty when only undated records answered
    QList<ResolvedAddress> addresses; // IPv4 first, then IPv6, each sorted
    QStringList notes; // how the answer was chosen ("NXDOMAIN at T per X; last address before it")
    QString error; // why nothing could be resolved; empty when addresses were found
};

// Resolves a name for a sandbox override from a plain list of observations (CaseReader::timeline output, or
// any list): CNAME chains are followed through the rrnames in the list (up to 8 hops, loops cut), at time T a
// record counts when first_seen <= T <= last_seen, and when a hop has no record valid at T the answers valid at
// the latest moment before T are used (the last address before the name went away). Pure: no database.
NameResolution resolveForSandbox(
    const QString& name, const QList<SourcedObservation>& records, const OverrideResolveOptions& options);

} // namespace pdnsw
