#pragma once

#include "models/CaseReader.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace pdnsw {

// The case as a graph for GraphML, GEXF and DOT: a node per name and address, a typed edge per
// (owner, target, rrtype) with the union of the sources' intervals. Counts are never summed across sources:
// an edge keeps the largest count any one source reported.
class EvidenceGraph
{
public:
    struct Node
    {
        QString id; // "n0", "n1", ...
        QString value;
        QString kind; // "domain", "ipv4", "ipv6"
        std::optional<qint64> firstSeen;
        std::optional<qint64> lastSeen;
        QString negative; // "NXDOMAIN" etc. when some source saw a negative answer for it
        std::optional<qint64> negativeFrom;
        QStringList sources;
    };
    struct Edge
    {
        QString id; // "e0", ...
        qsizetype source = 0;
        qsizetype target = 0;
        QString rrtype;
        std::optional<qint64> firstSeen;
        std::optional<qint64> lastSeen;
        std::optional<qint64> count;
        QStringList sources;
    };

    void add(const SourcedObservation& record);

    const QList<Node>& nodes() const { return m_nodes; }
    const QList<Edge>& edges() const { return m_edges; }
    // Records whose rdata is not a name or an address (TXT, SOA, ...): their owner is a node, no edge is drawn.
    qint64 recordsWithoutEdge() const { return m_withoutEdge; }

    // The target of an edge for this record type: the rdata's name or address, or empty.
    static QString edgeTarget(const Observation& observation);

private:
    qsizetype node(const QString& value);

    QList<Node> m_nodes;
    QList<Edge> m_edges;
    QHash<QString, qsizetype> m_nodeIndex;
    QHash<QString, qsizetype> m_edgeIndex;
    qint64 m_withoutEdge = 0;
};

} // namespace pdnsw
