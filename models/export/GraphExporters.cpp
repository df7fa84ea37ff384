#include "models/export/GraphExporters.h"

#include "models/export/ExportText.h"

#include <QDateTime>
#include <QXmlStreamWriter>

namespace pdnsw {

namespace {

QString nodeColor(const EvidenceGraph::Node& n)
{
    // Red for a name that went away; a NODATA for one type (google.com's LOC) says nothing of the kind.
    if (n.negative == QLatin1String("NXDOMAIN"))
        return QStringLiteral("#F4A6A6");
    if (n.kind == EvidenceGraph::NodeKind::Domain)
        return QStringLiteral("#A6C8F4");
    return QStringLiteral("#B8E0B0");
}

QString gexfTime(qint64 t)
{
    return QDateTime::fromSecsSinceEpoch(t, Qt::UTC).toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss"));
}

// Text that may go into XML: control characters and the like shown as escapes.
QString xml(const QString& text)
{
    return visibleText(text);
}

struct KeyDef
{
    const char* id;
    const char* forWhat;
    const char* name;
    const char* type;
};

} // namespace

bool GraphExporter::passOnXml(bool all)
{
    constexpr qsizetype kPiece = 1 << 20;
    if (!all && m_xmlBuffer.size() < kPiece)
        return true;
    const bool ok = write(m_xmlBuffer.data());
    m_xmlBuffer.buffer().resize(0); // keeps the capacity for the next piece
    m_xmlBuffer.seek(0);
    return ok;
}

bool GraphMlExporter::finish()
{
    m_xmlBuffer.open(QIODevice::WriteOnly);
    QXmlStreamWriter w(&m_xmlBuffer);
    w.setAutoFormatting(true);
    w.writeStartDocument();
    w.writeStartElement(QStringLiteral("graphml"));
    w.writeDefaultNamespace(QStringLiteral("http://graphml.graphdrawing.org/xmlns"));
    w.writeNamespace(QStringLiteral("http://www.w3.org/2001/XMLSchema-instance"), QStringLiteral("xsi"));
    w.writeNamespace(QStringLiteral("http://www.yworks.com/xml/graphml"), QStringLiteral("y"));
    w.writeAttribute(QStringLiteral("http://www.w3.org/2001/XMLSchema-instance"), QStringLiteral("schemaLocation"),
        QStringLiteral("http://graphml.graphdrawing.org/xmlns "
                       "http://www.yworks.com/xml/schema/graphml/1.1/ygraphml.xsd"));
    const KeyDef keys[] = {
        {"d0", "node", "label", "string"},
        {"d1", "node", "kind", "string"},
        {"d2", "node", "first_seen", "string"},
        {"d3", "node", "last_seen", "string"},
        {"d4", "node", "time_first", "long"},
        {"d5", "node", "time_last", "long"},
        {"d6", "node", "negative", "string"},
        {"d7", "node", "sources", "string"},
        {"d10", "edge", "rrtype", "string"},
        {"d11", "edge", "first_seen", "string"},
        {"d12", "edge", "last_seen", "string"},
        {"d13", "edge", "time_first", "long"},
        {"d14", "edge", "time_last", "long"},
        {"d15", "edge", "count", "long"},
        {"d16", "edge", "sources", "string"},
    };
    for (const KeyDef& k : keys) {
        w.writeEmptyElement(QStringLiteral("key"));
        w.writeAttribute(QStringLiteral("id"), QString::fromLatin1(k.id));
        w.writeAttribute(QStringLiteral("for"), QString::fromLatin1(k.forWhat));
        w.writeAttribute(QStringLiteral("attr.name"), QString::fromLatin1(k.name));
        w.writeAttribute(QStringLiteral("attr.type"), QString::fromLatin1(k.type));
    }
    for (const char* g : {"ng", "eg"}) {
        w.writeEmptyElement(QStringLiteral("key"));
        w.writeAttribute(QStringLiteral("id"), QString::fromLatin1(g));
        w.writeAttribute(QStringLiteral("for"), g[0] == 'n' ? QStringLiteral("node") : QStringLiteral("edge"));
        w.writeAttribute(QStringLiteral("yfiles.type"),
            g[0] == 'n' ? QStringLiteral("nodegraphics") : QStringLiteral("edgegraphics"));
    }

    auto writeData = [&w](const char* key, const QString& value) {
        if (value.isEmpty())
            return;
        w.writeStartElement(QStringLiteral("data"));
        w.writeAttribute(QStringLiteral("key"), QString::fromLatin1(key));
        w.writeCharacters(value);
        w.writeEndElement();
    };
    auto time = [](const std::optional<qint64>& t) { return t ? exportIsoTime(*t) : QString(); };
    auto number = [](const std::optional<qint64>& t) { return t ? QString::number(*t) : QString(); };

    w.writeStartElement(QStringLiteral("graph"));
    w.writeAttribute(QStringLiteral("id"), QStringLiteral("pdns"));
    w.writeAttribute(QStringLiteral("edgedefault"), QStringLiteral("directed"));
    const QList<EvidenceGraph::Node>& nodes = m_graph.nodes();
    for (qsizetype i = 0; i < nodes.size(); ++i) {
        const EvidenceGraph::Node& n = nodes.at(i);
        w.writeStartElement(QStringLiteral("node"));
        w.writeAttribute(QStringLiteral("id"), EvidenceGraph::nodeId(i));
        const QString label = xml(n.value);
        writeData("d0", label);
        writeData("d1", EvidenceGraph::kindName(n.kind));
        writeData("d2", time(n.firstSeen));
        writeData("d3", time(n.lastSeen));
        writeData("d4", number(n.firstSeen));
        writeData("d5", number(n.lastSeen));
        writeData("d6", xml(n.negative));
        writeData("d7", xml(m_graph.sourcesText(n.sources)));
        w.writeStartElement(QStringLiteral("data"));
        w.writeAttribute(QStringLiteral("key"), QStringLiteral("ng"));
        w.writeStartElement(QStringLiteral("http://www.yworks.com/xml/graphml"), QStringLiteral("ShapeNode"));
        w.writeEmptyElement(QStringLiteral("http://www.yworks.com/xml/graphml"), QStringLiteral("Geometry"));
        w.writeAttribute(QStringLiteral("height"), QStringLiteral("30.0"));
        w.writeAttribute(
            QStringLiteral("width"), QString::number(std::clamp<qsizetype>(label.size(), 6, 60) * 7.5 + 20, 'f', 1));
        w.writeEmptyElement(QStringLiteral("http://www.yworks.com/xml/graphml"), QStringLiteral("Fill"));
        w.writeAttribute(QStringLiteral("color"), nodeColor(n));
        w.writeAttribute(QStringLiteral("transparent"), QStringLiteral("false"));
        w.writeTextElement(QStringLiteral("http://www.yworks.com/xml/graphml"), QStringLiteral("NodeLabel"), label);
        w.writeEmptyElement(QStringLiteral("http://www.yworks.com/xml/graphml"), QStringLiteral("Shape"));
        w.writeAttribute(QStringLiteral("type"),
            n.kind == EvidenceGraph::NodeKind::Domain ? QStringLiteral("roundrectangle") : QStringLiteral("rectangle"));
        w.writeEndElement(); // ShapeNode
        w.writeEndElement(); // data
        w.writeEndElement(); // node
        if (!passOnXml(false))
            return false;
    }
    const QList<EvidenceGraph::Edge>& edges = m_graph.edges();
    for (qsizetype i = 0; i < edges.size(); ++i) {
        const EvidenceGraph::Edge& e = edges.at(i);
        w.writeStartElement(QStringLiteral("edge"));
        w.writeAttribute(QStringLiteral("id"), EvidenceGraph::edgeId(i));
        w.writeAttribute(QStringLiteral("source"), EvidenceGraph::nodeId(e.source));
        w.writeAttribute(QStringLiteral("target"), EvidenceGraph::nodeId(e.target));
        writeData("d10", e.rrtype);
        writeData("d11", time(e.firstSeen));
        writeData("d12", time(e.lastSeen));
        writeData("d13", number(e.firstSeen));
        writeData("d14", number(e.lastSeen));
        writeData("d15", number(e.count));
        writeData("d16", xml(m_graph.sourcesText(e.sources)));
        w.writeStartElement(QStringLiteral("data"));
        w.writeAttribute(QStringLiteral("key"), QStringLiteral("eg"));
        w.writeStartElement(QStringLiteral("http://www.yworks.com/xml/graphml"), QStringLiteral("PolyLineEdge"));
        w.writeEmptyElement(QStringLiteral("http://www.yworks.com/xml/graphml"), QStringLiteral("Arrows"));
        w.writeAttribute(QStringLiteral("source"), QStringLiteral("none"));
        w.writeAttribute(QStringLiteral("target"), QStringLiteral("standard"));
        w.writeTextElement(QStringLiteral("http://www.yworks.com/xml/graphml"), QStringLiteral("EdgeLabel"), e.rrtype);
        w.writeEndElement(); // PolyLineEdge
        w.writeEndElement(); // data
        w.writeEndElement(); // edge
        if (!passOnXml(false))
            return false;
    }
    w.writeEndElement(); // graph
    w.writeEndElement(); // graphml
    w.writeEndDocument();
    if (w.hasError())
        return fail(QStringLiteral("could not encode the GraphML document"));
    return passOnXml(true);
}

bool GexfExporter::finish()
{
    m_xmlBuffer.open(QIODevice::WriteOnly);
    QXmlStreamWriter w(&m_xmlBuffer);
    w.setAutoFormatting(true);
    w.writeStartDocument();
    w.writeStartElement(QStringLiteral("gexf"));
    w.writeDefaultNamespace(QStringLiteral("http://www.gexf.net/1.2draft"));
    w.writeAttribute(QStringLiteral("version"), QStringLiteral("1.2"));
    w.writeStartElement(QStringLiteral("meta"));
    w.writeAttribute(QStringLiteral("lastmodifieddate"),
        QDateTime::fromSecsSinceEpoch(m_context->exportTime, Qt::UTC).date().toString(Qt::ISODate));
    w.writeTextElement(QStringLiteral("creator"), QStringLiteral("PDNS Workbench ") + m_context->toolVersion);
    w.writeTextElement(QStringLiteral("description"),
        QStringLiteral("Passive DNS evidence of case %1 (%2); times are UTC")
            .arg(xml(m_context->caseTitle), m_context->caseId));
    w.writeEndElement();

    w.writeStartElement(QStringLiteral("graph"));
    w.writeAttribute(QStringLiteral("mode"), QStringLiteral("dynamic"));
    w.writeAttribute(QStringLiteral("defaultedgetype"), QStringLiteral("directed"));
    w.writeAttribute(QStringLiteral("timeformat"), QStringLiteral("dateTime"));

    auto attributes = [&w](const char* cls, const QList<QPair<QString, QString>>& defs) {
        w.writeStartElement(QStringLiteral("attributes"));
        w.writeAttribute(QStringLiteral("class"), QString::fromLatin1(cls));
        w.writeAttribute(QStringLiteral("mode"), QStringLiteral("static"));
        for (qsizetype i = 0; i < defs.size(); ++i) {
            w.writeEmptyElement(QStringLiteral("attribute"));
            w.writeAttribute(QStringLiteral("id"), QString::number(i));
            w.writeAttribute(QStringLiteral("title"), defs.at(i).first);
            w.writeAttribute(QStringLiteral("type"), defs.at(i).second);
        }
        w.writeEndElement();
    };
    const QString str = QStringLiteral("string");
    attributes("node",
        {{QStringLiteral("kind"), str}, {QStringLiteral("first_seen"), str}, {QStringLiteral("last_seen"), str},
            {QStringLiteral("negative"), str}, {QStringLiteral("sources"), str}});
    attributes("edge",
        {{QStringLiteral("rrtype"), str}, {QStringLiteral("first_seen"), str}, {QStringLiteral("last_seen"), str},
            {QStringLiteral("count"), QStringLiteral("long")}, {QStringLiteral("sources"), str}});

    auto attvalues = [&w](const QStringList& values) {
        w.writeStartElement(QStringLiteral("attvalues"));
        for (qsizetype i = 0; i < values.size(); ++i) {
            if (values.at(i).isEmpty())
                continue;
            w.writeEmptyElement(QStringLiteral("attvalue"));
            w.writeAttribute(QStringLiteral("for"), QString::number(i));
            w.writeAttribute(QStringLiteral("value"), values.at(i));
        }
        w.writeEndElement();
    };
    auto spell = [&w](const std::optional<qint64>& first, const std::optional<qint64>& last) {
        if (!first && !last)
            return;
        const qint64 start = first.value_or(*last);
        w.writeAttribute(QStringLiteral("start"), gexfTime(start));
        w.writeAttribute(QStringLiteral("end"), gexfTime(std::max(start, last.value_or(start))));
    };
    auto time = [](const std::optional<qint64>& t) { return t ? exportIsoTime(*t) : QString(); };

    w.writeStartElement(QStringLiteral("nodes"));
    const QList<EvidenceGraph::Node>& nodes = m_graph.nodes();
    for (qsizetype i = 0; i < nodes.size(); ++i) {
        const EvidenceGraph::Node& n = nodes.at(i);
        w.writeStartElement(QStringLiteral("node"));
        w.writeAttribute(QStringLiteral("id"), EvidenceGraph::nodeId(i));
        w.writeAttribute(QStringLiteral("label"), xml(n.value));
        spell(n.firstSeen, n.lastSeen);
        attvalues({EvidenceGraph::kindName(n.kind), time(n.firstSeen), time(n.lastSeen), xml(n.negative),
            xml(m_graph.sourcesText(n.sources))});
        w.writeEndElement();
        if (!passOnXml(false))
            return false;
    }
    w.writeEndElement();
    w.writeStartElement(QStringLiteral("edges"));
    const QList<EvidenceGraph::Edge>& edges = m_graph.edges();
    for (qsizetype i = 0; i < edges.size(); ++i) {
        const EvidenceGraph::Edge& e = edges.at(i);
        w.writeStartElement(QStringLiteral("edge"));
        w.writeAttribute(QStringLiteral("id"), EvidenceGraph::edgeId(i));
        w.writeAttribute(QStringLiteral("source"), EvidenceGraph::nodeId(e.source));
        w.writeAttribute(QStringLiteral("target"), EvidenceGraph::nodeId(e.target));
        w.writeAttribute(QStringLiteral("label"), e.rrtype);
        spell(e.firstSeen, e.lastSeen);
        attvalues({e.rrtype, time(e.firstSeen), time(e.lastSeen), e.count ? QString::number(*e.count) : QString(),
            xml(m_graph.sourcesText(e.sources))});
        w.writeEndElement();
        if (!passOnXml(false))
            return false;
    }
    w.writeEndElement();
    w.writeEndElement(); // graph
    w.writeEndElement(); // gexf
    w.writeEndDocument();
    if (w.hasError())
        return fail(QStringLiteral("could not encode the GEXF document"));
    return passOnXml(true);
}

QString DotExporter::quoted(const QString& text)
{
    QString escaped = visibleText(text);
    escaped.replace(QStringLiteral("\\"), QStringLiteral("\\\\"));
    escaped.replace(QStringLiteral("\""), QStringLiteral("\\\""));
    return u'"' + escaped + u'"';
}

bool DotExporter::finish()
{
    QString out;
    out += QStringLiteral("// PDNS Workbench %1: case %2, exported %3 (times UTC)\n")
               .arg(m_context->toolVersion, m_context->caseId, exportIsoTime(m_context->exportTime));
    out += QStringLiteral("digraph pdns {\n");
    out += QStringLiteral("    graph [rankdir=LR, charset=\"UTF-8\", label=%1];\n")
               .arg(quoted(QStringLiteral("PDNS Workbench case ") + m_context->caseTitle));
    out += QStringLiteral("    node [shape=box, style=\"rounded,filled\", fontname=\"Helvetica\"];\n");
    out += QStringLiteral("    edge [fontname=\"Helvetica\", fontsize=10];\n");
    auto span = [](const std::optional<qint64>& first, const std::optional<qint64>& last) {
        if (!first && !last)
            return QString();
        return QStringLiteral("%1 .. %2")
            .arg(first ? exportIsoTime(*first).left(10) : QStringLiteral("?"),
                last ? exportIsoTime(*last).left(10) : QStringLiteral("?"));
    };
    // Written in pieces of about a MiB: the text of a large graph is tens of MB.
    constexpr qsizetype kPiece = 1 << 20;
    const auto flushed = [this, &out] {
        if (out.size() < kPiece)
            return true;
        const bool ok = write(out);
        out.resize(0); // keeps the capacity for the next piece
        return ok;
    };
    const QList<EvidenceGraph::Node>& nodes = m_graph.nodes();
    for (qsizetype i = 0; i < nodes.size(); ++i) {
        const EvidenceGraph::Node& n = nodes.at(i);
        QString label = quoted(n.value);
        if (!n.negative.isEmpty()) {
            label.chop(1);
            label += QStringLiteral("\\n")
                + quoted(n.negative
                    + (n.negativeFrom ? QStringLiteral(" from ") + exportIsoTime(*n.negativeFrom).left(10) : QString()))
                      .mid(1);
        }
        out += QStringLiteral("    %1 [label=%2, fillcolor=\"%3\", tooltip=%4];\n")
                   .arg(EvidenceGraph::nodeId(i), label, nodeColor(n),
                       quoted(EvidenceGraph::kindName(n.kind) + QStringLiteral(" ") + span(n.firstSeen, n.lastSeen)));
        if (!flushed())
            return false;
    }
    for (const EvidenceGraph::Edge& e : m_graph.edges()) {
        const QString when = span(e.firstSeen, e.lastSeen);
        QString label = quoted(e.rrtype);
        if (!when.isEmpty()) {
            label.chop(1);
            label += QStringLiteral("\\n") + quoted(when).mid(1);
        }
        out += QStringLiteral("    %1 -> %2 [label=%3, tooltip=%4];\n")
                   .arg(EvidenceGraph::nodeId(e.source), EvidenceGraph::nodeId(e.target), label,
                       quoted(m_graph.sourcesText(e.sources)));
        if (!flushed())
            return false;
    }
    out += QStringLiteral("}\n");
    return write(out);
}

} // namespace pdnsw
