#pragma once

#include "models/CaseReader.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>
#include <QVarLengthArray>

#include <optional>

namespace pdnsw {

// The case as a graph for GraphML, GEXF and DOT: a node per name and address, a typed edge per
// (owner, target, rrtype) with the union of the sources' intervals. Counts are never summed across sources:
// an edge keeps the largest count any one source reported.
//
// A graph export may hold a million records, so nodes and edges are kept small: their ids ("n0", "e0") are
// their positions, made into text only when written, and sources are indexes into one list of labels.
class EvidenceGraph
{
public:
    enum class NodeKind : quint8
    {
        Domain,
        Ipv4,
        Ipv6
    };
    // Indexes into sourceLabels(), in the order the node or edge first met each source.
    using SourceList = QVarLengthArray<qint32, 2>;

    struct Node
    {
        QString value;
        NodeKind kind = NodeKind::Domain;
        std::optional<qint64> firstSeen;
        std::optional<qint64> lastSeen;
        QString negative; // "NXDOMAIN" when some source said so, else another negative answer seen ("NODATA")
        std::optional<qint64> negativeFrom;
        SourceList sources;
    };
    struct Edge
    {
        qsizetype source = 0;
        qsizetype target = 0;
        QString rrtype; // shared by every edge of the type
        std::optional<qint64> firstSeen;
        std::optional<qint64> lastSeen;
        std::optional<qint64> count;
        SourceList sources;
    };

    void add(const SourcedObservation& record);

    const QList<Node>& nodes() const { return m_nodes; }
    const QList<Edge>& edges() const { return m_edges; }
    // Records whose rdata is not a name or an address (TXT, SOA, ...): their owner is a node, no edge is drawn.
    qint64 recordsWithoutEdge() const { return m_withoutEdge; }

    static QString nodeId(qsizetype index) { return QStringLiteral("n%1").arg(index); }
    static QString edgeId(qsizetype index) { return QStringLiteral("e%1").arg(index); }
    static QString kindName(NodeKind kind); // "domain", "ipv4", "ipv6"
    // The labels of a node's or edge's sources, joined by ", ".
    QString sourcesText(const SourceList& sources) const;

    // The target of an edge for this record type: the rdata's name or address, or empty.
    static QString edgeTarget(const Observation& observation);

private:
    struct EdgeKey
    {
        qsizetype owner;
        qsizetype target;
        qint32 rrtype; // index into m_rrtypes
        friend bool operator==(const EdgeKey&, const EdgeKey&) = default;
        friend size_t qHash(const EdgeKey& k, size_t seed = 0) { return qHashMulti(seed, k.owner, k.target, k.rrtype); }
    };

    qsizetype node(const QString& value);
    qint32 sourceIndex(const QString& label);
    qint32 rrtypeIndex(const QString& rrtype);

    QList<Node> m_nodes;
    QList<Edge> m_edges;
    QHash<QString, qsizetype> m_nodeIndex;
    QHash<EdgeKey, qsizetype> m_edgeIndex;
    QStringList m_sourceLabels;
    QHash<QString, qint32> m_sourceIndex;
    QStringList m_rrtypes; // each type's text once, shared by its edges
    qint64 m_withoutEdge = 0;
};

} // namespace pdnsw
