#pragma once

#include "models/CaseReader.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

#include <optional>

namespace pdnsw {

// What the graph draws around a chosen name or address, bounded. A parking or shared-hosting address can have
// hundreds of thousands of names pointing at it, and a fast-flux name thousands of addresses: drawn whole, such a
// graph is an unreadable disc whose layout runs for minutes. Like a Maltego transform's result limit, each
// address brings at most kNamesPerAddress of its names and each name at most kTargetsPerName of its targets, the
// first ones in the case's order; what is left out is counted, and note() says so. Details keeps every record.
class GraphNeighbourhood
{
    Q_DECLARE_TR_FUNCTIONS(GraphNeighbourhood)
public:
    static constexpr int kNamesPerAddress = 50;
    static constexpr int kTargetsPerName = 200;
    // A name's addresses whose other names join the graph.
    static constexpr int kAddressesLookedUp = 64;

    // Where a node's neighbours were cut.
    struct Cut
    {
        QString node;
        bool namesPointingHere = true; // false: the node's own targets were cut
        int shown = 0;
        std::optional<qint64> total; // unknown when reading stopped at the bound
    };

    // A name's records (its timeline), bounded, and for each of its addresses the names that also pointed there.
    static GraphNeighbourhood ofName(const CaseReader& reader, const QString& name,
        const QList<SourcedObservation>& records, CaseError* error = nullptr);
    // An address's records (the names that pointed at it), bounded.
    static GraphNeighbourhood ofAddress(const QString& address, const QList<SourcedObservation>& records);
    // The records of a graph pivot, bounded as one of the two above (without further lookups).
    static GraphNeighbourhood ofPivot(const QString& node, bool isAddress, const QList<SourcedObservation>& records);

    const QList<SourcedObservation>& observations() const { return m_observations; }
    const QList<Cut>& cuts() const { return m_cuts; }
    // For the graph's status line: empty when nothing was left out.
    QString note() const;

private:
    // Appends the records whose key (owner or rdata) is among the first `limit` distinct keys; returns the cut.
    static std::optional<Cut> keepFirst(const QString& node, bool namesPointingHere,
        const QList<SourcedObservation>& records, int limit, QList<SourcedObservation>& out);

    QList<SourcedObservation> m_observations;
    QList<Cut> m_cuts;
};

} // namespace pdnsw
