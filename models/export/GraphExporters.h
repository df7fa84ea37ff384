#pragma once

#include "models/export/EvidenceGraph.h"
#include "models/export/Exporter.h"

#include <QBuffer>

namespace pdnsw {

// Shared by the three graph formats: collect the graph, write it in finish().
class GraphExporter : public Exporter
{
public:
    // More nodes than graph tools lay out in a usable way (yEd, Gephi): the export then warns.
    static constexpr qsizetype kLargeGraphNodes = 100000;

    const EvidenceGraph& graph() const { return m_graph; }

    bool add(const SourcedObservation& record) override
    {
        if (!counted())
            return false;
        m_graph.add(record);
        return true;
    }

protected:
    // GraphML and GEXF are written into m_xmlBuffer, which passOnXml() hands to the output about a MiB at a time:
    // a large graph's document is hundreds of MB, and QXmlStreamWriter straight on a file writes each bit of
    // markup to it separately, which is slow.
    bool passOnXml(bool all);

    EvidenceGraph m_graph;
    QBuffer m_xmlBuffer;
};

// GraphML with typed data keys (kind, times, sources, rrtype, count) and yFiles node/edge graphics so yEd shows
// labels at once; Gephi reads the same keys as attributes.
class GraphMlExporter : public GraphExporter
{
public:
    bool finish() override;
};

// GEXF 1.2 (Gephi): a dynamic graph, nodes and edges with start/end (dateTime, UTC) and typed attributes.
class GexfExporter : public GraphExporter
{
public:
    bool finish() override;
};

// Graphviz DOT: every label escaped (quotes, backslashes, control characters made visible).
class DotExporter : public GraphExporter
{
public:
    bool finish() override;
    static QString quoted(const QString& text); // "..." with DOT escapes
};

} // namespace pdnsw
