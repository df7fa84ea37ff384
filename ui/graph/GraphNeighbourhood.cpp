#include "ui/graph/GraphNeighbourhood.h"

#include "models/itemmodels/UntrustedText.h"

#include <QSet>

namespace pdnsw {

namespace {

// Glue in authority or additional sections counts too; a negative answer's "rdata" is its rcode.
bool pointsAtAddress(const Observation& o)
{
    return o.section != Section::Negative && (o.rrtype == QLatin1String("A") || o.rrtype == QLatin1String("AAAA"));
}

} // namespace

std::optional<GraphNeighbourhood::Cut> GraphNeighbourhood::keepFirst(const QString& node, bool namesPointingHere,
    const QList<SourcedObservation>& records, int limit, QList<SourcedObservation>& out)
{
    QSet<QString> kept;
    QSet<QString> all;
    for (const SourcedObservation& r : records) {
        const QString& key = namesPointingHere ? r.observation.rrname : r.observation.rdata;
        all.insert(key);
        if (!kept.contains(key)) {
            if (kept.size() >= limit)
                continue;
            kept.insert(key);
        }
        out.append(r);
    }
    if (all.size() <= limit)
        return std::nullopt;
    return Cut{node, namesPointingHere, limit, all.size()};
}

GraphNeighbourhood GraphNeighbourhood::ofName(
    const CaseReader& reader, const QString& name, const QList<SourcedObservation>& records, CaseError* error)
{
    GraphNeighbourhood n;
    if (auto cut = keepFirst(name, false, records, kTargetsPerName, n.m_observations))
        n.m_cuts.append(*cut);

    QStringList addresses;
    for (const SourcedObservation& r : std::as_const(n.m_observations)) {
        if (pointsAtAddress(r.observation) && !addresses.contains(r.observation.rdata)
            && addresses.size() < kAddressesLookedUp)
            addresses.append(r.observation.rdata);
    }
    for (const QString& address : std::as_const(addresses)) {
        // Rows come in name order: reading stops at the first name past the bound, so an address with millions
        // of names costs no more than one with a few.
        QSet<QString> names;
        bool more = false;
        const bool read = reader.forEachReverse(
            address,
            [&](const SourcedObservation& r) {
                if (!names.contains(r.observation.rrname)) {
                    if (names.size() >= kNamesPerAddress) {
                        more = true;
                        return false;
                    }
                    names.insert(r.observation.rrname);
                }
                n.m_observations.append(r);
                return true;
            },
            error);
        if (!read)
            break;
        if (more)
            n.m_cuts.append(Cut{address, true, kNamesPerAddress, std::nullopt});
    }
    return n;
}

GraphNeighbourhood GraphNeighbourhood::ofAddress(const QString& address, const QList<SourcedObservation>& records)
{
    return ofPivot(address, true, records);
}

GraphNeighbourhood GraphNeighbourhood::ofPivot(
    const QString& node, bool isAddress, const QList<SourcedObservation>& records)
{
    GraphNeighbourhood n;
    if (auto cut
        = keepFirst(node, isAddress, records, isAddress ? kNamesPerAddress : kTargetsPerName, n.m_observations))
        n.m_cuts.append(*cut);
    return n;
}

QString GraphNeighbourhood::note() const
{
    // One line under the graph: the first two cuts, then how many more.
    QStringList parts;
    for (qsizetype i = 0; i < m_cuts.size() && i < 2; ++i) {
        const Cut& c = m_cuts.at(i);
        const QString node = visibleText(c.node, 64);
        if (c.namesPointingHere) {
            parts.append(c.total ? tr("%1: %2 of %3 names drawn").arg(node, countText(c.shown), countText(*c.total))
                                 : tr("%1: the first %2 names drawn").arg(node, countText(c.shown)));
        } else {
            parts.append(
                tr("%1: %2 of %3 answers drawn").arg(node, countText(c.shown), countText(c.total.value_or(c.shown))));
        }
    }
    if (m_cuts.size() > 2)
        parts.append(tr("%n more cut", nullptr, int(m_cuts.size() - 2)));
    return parts.join(QStringLiteral("; "));
}

} // namespace pdnsw
