#pragma once

#include "models/CaseReader.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace pdnsw {

enum class GraphNodeKind : quint8
{
    Name,
    Address,
    NameServer,
    MailHost,
    CnameTarget
};
enum class GraphEdgeType : quint8
{
    A,
    AAAA,
    CNAME,
    NS,
    MX,
    PTR
};

// One source's sighting of an edge.
struct GraphInterval
{
    qint64 sourceId = 0;
    std::optional<qint64> first;
    std::optional<qint64> last;
    bool dayGranular = false;
    bool operator==(const GraphInterval&) const = default;
};

struct GraphNode
{
    QString text; // the name (A-label) or the address, as in the case
    GraphNodeKind kind = GraphNodeKind::Name;
    bool negative = false; // some source said the name does not exist (NXDOMAIN): drawn red, "went NXDOMAIN"
    int degree = 0;
    // Every negative answer seen for it: "NXDOMAIN", "NODATA (LOC)", "SERVFAIL (A)". A NODATA for one type is no
    // sign the name went away (google.com answers NODATA for LOC), so only NXDOMAIN sets `negative`.
    QStringList negativeAnswers;
};

// A typed edge: owner -> target (name -> address, name -> CNAME target, address -> name for PTR).
struct GraphEdge
{
    int from = -1;
    int to = -1;
    GraphEdgeType type = GraphEdgeType::A;
    QList<GraphInterval> intervals;
};

// The graph of a case's names and addresses, built from observations: pure data, unit-tested, shown by
// GraphView. Adding more observations (a pivot's answers) merges into the same nodes and edges.
class GraphModel
{
public:
    enum class Validity : quint8
    {
        Valid,
        Invalid,
        Undated,
        Earlier // not valid at T, but its owner's last answer before T (edgeValiditiesAt only)
    };

    void clear();
    // Returns how many nodes were new. Record types other than A, AAAA, CNAME, NS, MX and PTR are skipped;
    // negative answers mark their name (see GraphNode::negative).
    int addObservations(const QList<SourcedObservation>& observations);

    const QList<GraphNode>& nodes() const { return m_nodes; }
    const QList<GraphEdge>& edges() const { return m_edges; }
    int nodeIndex(const QString& text) const { return m_nodeByText.value(text, -1); }
    // Edge indices touching the node.
    QList<int> edgesOf(int node) const { return m_edgesByNode.value(node); }

    // An edge is valid at T when a source saw it over an interval containing T (day-granular and single-date
    // sightings cover their whole UTC day); Undated when no source gave it a time.
    Validity edgeValidityAt(int edge, qint64 t) const;
    // Every edge's validity at T, with the as-of readout's "earlier" answers: a node with no edge valid at T keeps
    // the edges it was last seen with before T as Earlier (a name that went NXDOMAIN shows where it pointed).
    QList<Validity> edgeValiditiesAt(qint64 t) const;
    // Earliest first and latest last over the edge's sightings.
    std::pair<std::optional<qint64>, std::optional<qint64>> edgeRange(int edge) const;

    static std::optional<GraphEdgeType> edgeTypeFor(QStringView rrtype);
    static QString edgeTypeName(GraphEdgeType type);
    static QString nodeKindName(GraphNodeKind kind);
    // "4.3.2.1.in-addr.arpa" -> "1.2.3.4"; nibble ip6.arpa -> canonical IPv6; nullopt when not a full reverse name.
    static std::optional<QString> addressFromReverseName(const QString& name);

private:
    int nodeFor(const QString& text, GraphNodeKind kind);
    // The end of the edge's latest sighting that ended before T (a whole day for day-granular ones).
    std::optional<qint64> lastEndBefore(int edge, qint64 t) const;

    QList<GraphNode> m_nodes;
    QList<GraphEdge> m_edges;
    QHash<QString, int> m_nodeByText;
    QHash<QString, int> m_edgeByKey;
    QHash<int, QList<int>> m_edgesByNode;
};

} // namespace pdnsw
