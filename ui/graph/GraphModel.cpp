#include "ui/graph/GraphModel.h"

#include "models/DomainName.h"

#include <QSet>
#include <QStringList>

#include <cmath>

namespace pdnsw {

namespace {

constexpr qint64 kDay = 86400;

qint64 floorDay(qint64 t)
{
    return t >= 0 ? t / kDay * kDay : -((-t + kDay - 1) / kDay) * kDay;
}

// The kinds a name can take, from weakest to strongest role: a name server stays a name server even when
// it also has A records of its own.
int nameRank(GraphNodeKind kind)
{
    switch (kind) {
    case GraphNodeKind::Name:
        return 0;
    case GraphNodeKind::CnameTarget:
        return 1;
    case GraphNodeKind::MailHost:
        return 2;
    case GraphNodeKind::NameServer:
        return 3;
    case GraphNodeKind::Address:
        return 4;
    }
    return 0;
}

} // namespace

void GraphModel::clear()
{
    m_nodes.clear();
    m_edges.clear();
    m_nodeByText.clear();
    m_edgeByKey.clear();
    m_edgesByNode.clear();
}

std::optional<GraphEdgeType> GraphModel::edgeTypeFor(QStringView rrtype)
{
    if (rrtype == u"A")
        return GraphEdgeType::A;
    if (rrtype == u"AAAA")
        return GraphEdgeType::AAAA;
    if (rrtype == u"CNAME")
        return GraphEdgeType::CNAME;
    if (rrtype == u"NS")
        return GraphEdgeType::NS;
    if (rrtype == u"MX")
        return GraphEdgeType::MX;
    if (rrtype == u"PTR")
        return GraphEdgeType::PTR;
    return std::nullopt;
}

QString GraphModel::edgeTypeName(GraphEdgeType type)
{
    switch (type) {
    case GraphEdgeType::A:
        return QStringLiteral("A");
    case GraphEdgeType::AAAA:
        return QStringLiteral("AAAA");
    case GraphEdgeType::CNAME:
        return QStringLiteral("CNAME");
    case GraphEdgeType::NS:
        return QStringLiteral("NS");
    case GraphEdgeType::MX:
        return QStringLiteral("MX");
    case GraphEdgeType::PTR:
        return QStringLiteral("PTR");
    }
    return QString();
}

QString GraphModel::nodeKindName(GraphNodeKind kind)
{
    switch (kind) {
    case GraphNodeKind::Name:
        return QStringLiteral("name");
    case GraphNodeKind::Address:
        return QStringLiteral("address");
    case GraphNodeKind::NameServer:
        return QStringLiteral("name server");
    case GraphNodeKind::MailHost:
        return QStringLiteral("mail host");
    case GraphNodeKind::CnameTarget:
        return QStringLiteral("CNAME target");
    }
    return QString();
}

std::optional<QString> GraphModel::addressFromReverseName(const QString& name)
{
    const QString lower = name.toLower();
    if (lower.endsWith(QLatin1String(".in-addr.arpa"))) {
        const QStringList labels = lower.chopped(13).split(QLatin1Char('.'));
        if (labels.size() != 4)
            return std::nullopt;
        QStringList octets(labels.crbegin(), labels.crend());
        return canonicalAddress(octets.join(QLatin1Char('.')));
    }
    if (lower.endsWith(QLatin1String(".ip6.arpa"))) {
        const QStringList nibbles = lower.chopped(9).split(QLatin1Char('.'));
        if (nibbles.size() != 32)
            return std::nullopt;
        QString hex;
        for (auto it = nibbles.crbegin(); it != nibbles.crend(); ++it) {
            if (it->size() != 1 || !QStringLiteral("0123456789abcdef").contains(it->at(0)))
                return std::nullopt;
            hex += *it;
            if (hex.size() % 5 == 4 && hex.size() < 39)
                hex += QLatin1Char(':');
        }
        return canonicalAddress(hex);
    }
    return std::nullopt;
}

int GraphModel::nodeFor(const QString& text, GraphNodeKind kind)
{
    auto it = m_nodeByText.constFind(text);
    if (it != m_nodeByText.constEnd()) {
        GraphNode& node = m_nodes[*it];
        if (node.kind != GraphNodeKind::Address && kind != GraphNodeKind::Address
            && nameRank(kind) > nameRank(node.kind))
            node.kind = kind;
        return *it;
    }
    m_nodes.append(GraphNode{text, kind, false, 0});
    m_nodeByText.insert(text, int(m_nodes.size() - 1));
    return int(m_nodes.size() - 1);
}

int GraphModel::addObservations(const QList<SourcedObservation>& observations)
{
    const qsizetype before = m_nodes.size();
    for (const SourcedObservation& sourced : observations) {
        const Observation& o = sourced.observation;
        if (o.rrname.isEmpty())
            continue;
        if (o.section == Section::Negative) {
            GraphNode& node = m_nodes[nodeFor(o.rrname, GraphNodeKind::Name)];
            const bool gone = o.rdata == QLatin1String("NXDOMAIN");
            const QString answer = gone ? o.rdata : QStringLiteral("%1 (%2)").arg(o.rdata, o.rrtype);
            if (!node.negativeAnswers.contains(answer))
                node.negativeAnswers.append(answer);
            node.negative = node.negative || gone;
            continue;
        }
        const auto type = edgeTypeFor(o.rrtype);
        if (!type || o.rdata.isEmpty())
            continue;
        int from = -1;
        int to = -1;
        switch (*type) {
        case GraphEdgeType::A:
        case GraphEdgeType::AAAA:
            from = nodeFor(o.rrname, GraphNodeKind::Name);
            to = nodeFor(canonicalAddress(o.rdata).value_or(o.rdata), GraphNodeKind::Address);
            break;
        case GraphEdgeType::CNAME:
            from = nodeFor(o.rrname, GraphNodeKind::Name);
            to = nodeFor(o.rdata, GraphNodeKind::CnameTarget);
            break;
        case GraphEdgeType::NS:
            from = nodeFor(o.rrname, GraphNodeKind::Name);
            to = nodeFor(o.rdata, GraphNodeKind::NameServer);
            break;
        case GraphEdgeType::MX: {
            // "10 mail.example.com": the exchange is the last field.
            const QStringList fields = o.rdata.split(QLatin1Char(' '), Qt::SkipEmptyParts);
            if (fields.isEmpty())
                continue;
            from = nodeFor(o.rrname, GraphNodeKind::Name);
            to = nodeFor(fields.last(), GraphNodeKind::MailHost);
            break;
        }
        case GraphEdgeType::PTR: {
            const auto address = addressFromReverseName(o.rrname);
            from = address ? nodeFor(*address, GraphNodeKind::Address) : nodeFor(o.rrname, GraphNodeKind::Name);
            to = nodeFor(o.rdata, GraphNodeKind::Name);
            break;
        }
        }
        if (from == to)
            continue;
        const QString key = QString::number(from) + QLatin1Char(':') + QString::number(to) + QLatin1Char(':')
            + QString::number(int(*type));
        int edge = m_edgeByKey.value(key, -1);
        if (edge < 0) {
            edge = int(m_edges.size());
            m_edges.append(GraphEdge{from, to, *type, {}});
            m_edgeByKey.insert(key, edge);
            m_edgesByNode[from].append(edge);
            m_edgesByNode[to].append(edge);
            ++m_nodes[from].degree;
            ++m_nodes[to].degree;
        }
        const GraphInterval interval{
            sourced.sourceId, o.firstSeen, o.lastSeen, sourced.timeGranularity == QLatin1String("day")};
        if (!m_edges[edge].intervals.contains(interval))
            m_edges[edge].intervals.append(interval);
    }
    return int(m_nodes.size() - before);
}

GraphModel::Validity GraphModel::edgeValidityAt(int edge, qint64 t) const
{
    bool dated = false;
    for (const GraphInterval& interval : m_edges.at(edge).intervals) {
        if (!interval.first && !interval.last)
            continue;
        dated = true;
        qint64 from = interval.first.value_or(*interval.last);
        qint64 to = interval.last.value_or(*interval.first);
        if (to < from)
            std::swap(from, to);
        if (interval.dayGranular || from == to) {
            if (t >= floorDay(from) && t < floorDay(to) + kDay)
                return Validity::Valid;
        } else if (t >= from && t <= to) {
            return Validity::Valid;
        }
    }
    return dated ? Validity::Invalid : Validity::Undated;
}

std::optional<qint64> GraphModel::lastEndBefore(int edge, qint64 t) const
{
    std::optional<qint64> latest;
    for (const GraphInterval& interval : m_edges.at(edge).intervals) {
        if (!interval.first && !interval.last)
            continue;
        const qint64 from = interval.first.value_or(*interval.last);
        qint64 to = std::max(from, interval.last.value_or(from));
        if (interval.dayGranular || from == to)
            to = floorDay(to) + kDay - 1;
        if (to < t)
            latest = std::max(latest.value_or(to), to);
    }
    return latest;
}

QList<GraphModel::Validity> GraphModel::edgeValiditiesAt(qint64 t) const
{
    QList<Validity> result(m_edges.size(), Validity::Invalid);
    QSet<int> answered; // nodes with an edge valid at T
    for (int i = 0; i < m_edges.size(); ++i) {
        result[i] = edgeValidityAt(i, t);
        if (result.at(i) == Validity::Valid)
            answered.insert(m_edges.at(i).from);
    }
    QHash<int, qint64> latestEnd; // per unanswered node: its latest sighting before T
    QHash<int, qint64> ends; // per edge
    for (int i = 0; i < m_edges.size(); ++i) {
        const int owner = m_edges.at(i).from;
        if (result.at(i) != Validity::Invalid || answered.contains(owner))
            continue;
        if (const auto end = lastEndBefore(i, t)) {
            ends.insert(i, *end);
            latestEnd.insert(owner, std::max(latestEnd.value(owner, *end), *end));
        }
    }
    for (auto it = ends.cbegin(); it != ends.cend(); ++it) {
        if (it.value() == latestEnd.value(m_edges.at(it.key()).from))
            result[it.key()] = Validity::Earlier;
    }
    return result;
}

std::pair<std::optional<qint64>, std::optional<qint64>> GraphModel::edgeRange(int edge) const
{
    std::optional<qint64> first;
    std::optional<qint64> last;
    for (const GraphInterval& interval : m_edges.at(edge).intervals) {
        for (const auto& t : {interval.first, interval.last}) {
            if (!t)
                continue;
            first = first ? std::min(*first, *t) : *t;
            last = last ? std::max(*last, *t) : *t;
        }
    }
    return {first, last};
}

} // namespace pdnsw
