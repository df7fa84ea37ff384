#include "models/export/EvidenceGraph.h"

#include "models/DomainName.h"

#include <algorithm>

namespace pdnsw {

namespace {

void widen(std::optional<qint64>& first, std::optional<qint64>& last, const Observation& o)
{
    if (o.firstSeen)
        first = std::min(first.value_or(*o.firstSeen), *o.firstSeen);
    if (o.lastSeen)
        last = std::max(last.value_or(*o.lastSeen), *o.lastSeen);
}

void addSource(EvidenceGraph::SourceList& sources, qint32 source)
{
    if (!sources.contains(source))
        sources.append(source);
}

} // namespace

QString EvidenceGraph::edgeTarget(const Observation& o)
{
    if (o.section == Section::Negative)
        return {};
    const QString& t = o.rrtype;
    if (t == QLatin1String("A") || t == QLatin1String("AAAA") || t == QLatin1String("CNAME")
        || t == QLatin1String("DNAME") || t == QLatin1String("NS") || t == QLatin1String("PTR"))
        return o.rdata;
    if (t == QLatin1String("MX") || t == QLatin1String("SRV")) {
        // "10 mx.example" / "0 5 443 host.example": the name is the last field.
        const QStringList fields = o.rdata.split(u' ', Qt::SkipEmptyParts);
        return fields.isEmpty() ? QString() : fields.last();
    }
    return {};
}

QString EvidenceGraph::kindName(NodeKind kind)
{
    switch (kind) {
    case NodeKind::Domain:
        return QStringLiteral("domain");
    case NodeKind::Ipv4:
        return QStringLiteral("ipv4");
    case NodeKind::Ipv6:
        return QStringLiteral("ipv6");
    }
    return {};
}

QString EvidenceGraph::sourcesText(const SourceList& sources) const
{
    QString text;
    for (qint32 source : sources) {
        if (!text.isEmpty())
            text += QStringLiteral(", ");
        text += m_sourceLabels.at(source);
    }
    return text;
}

qsizetype EvidenceGraph::node(const QString& value)
{
    if (const auto it = m_nodeIndex.constFind(value); it != m_nodeIndex.constEnd())
        return *it;
    Node n;
    n.value = value;
    const auto address = canonicalAddress(value);
    n.kind = !address ? NodeKind::Domain : address->contains(u':') ? NodeKind::Ipv6 : NodeKind::Ipv4;
    m_nodeIndex.insert(value, m_nodes.size());
    m_nodes.append(n);
    return m_nodes.size() - 1;
}

qint32 EvidenceGraph::sourceIndex(const QString& label)
{
    if (const auto it = m_sourceIndex.constFind(label); it != m_sourceIndex.constEnd())
        return *it;
    m_sourceLabels.append(label);
    return *m_sourceIndex.insert(label, qint32(m_sourceLabels.size() - 1));
}

qint32 EvidenceGraph::rrtypeIndex(const QString& rrtype)
{
    // A handful of types in any case: a scan is cheaper than a hash.
    const qsizetype found = m_rrtypes.indexOf(rrtype);
    if (found >= 0)
        return qint32(found);
    m_rrtypes.append(rrtype);
    return qint32(m_rrtypes.size() - 1);
}

void EvidenceGraph::add(const SourcedObservation& record)
{
    const Observation& o = record.observation;
    const qint32 source = sourceIndex(record.sourceLabel);
    const qsizetype owner = node(o.rrname);
    addSource(m_nodes[owner].sources, source);
    if (o.section == Section::Negative) {
        Node& n = m_nodes[owner];
        const std::optional<qint64> from = o.firstSeen ? o.firstSeen : o.lastSeen;
        // NXDOMAIN (the name is gone) wins over other negatives (NODATA for one type, SERVFAIL); among equals the
        // earliest.
        const bool gone = o.rdata == QLatin1String("NXDOMAIN");
        const bool wasGone = n.negative == QLatin1String("NXDOMAIN");
        if (n.negative.isEmpty() || (gone && !wasGone)
            || (gone == wasGone && from && (!n.negativeFrom || *from < *n.negativeFrom))) {
            n.negative = o.rdata;
            n.negativeFrom = from;
        }
        return;
    }
    widen(m_nodes[owner].firstSeen, m_nodes[owner].lastSeen, o);
    const QString targetValue = edgeTarget(o);
    if (targetValue.isEmpty()) {
        ++m_withoutEdge;
        return;
    }
    const qsizetype target = node(targetValue);
    widen(m_nodes[target].firstSeen, m_nodes[target].lastSeen, o);
    addSource(m_nodes[target].sources, source);

    const EdgeKey key{owner, target, rrtypeIndex(o.rrtype)};
    auto it = m_edgeIndex.constFind(key);
    if (it == m_edgeIndex.constEnd()) {
        Edge e;
        e.source = owner;
        e.target = target;
        e.rrtype = m_rrtypes.at(key.rrtype);
        it = m_edgeIndex.insert(key, m_edges.size());
        m_edges.append(e);
    }
    Edge& e = m_edges[*it];
    widen(e.firstSeen, e.lastSeen, o);
    if (o.count)
        e.count = std::max(e.count.value_or(*o.count), *o.count);
    addSource(e.sources, source);
}

} // namespace pdnsw
