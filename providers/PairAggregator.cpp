#include "providers/PairAggregator.h"

#include "providers/JsonFields.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace pdnsw {

void PairAggregator::add(const Observation& o)
{
    const QString key = o.rrname + QChar(0) + o.rrtype + QChar(0) + o.rdata;
    auto it = m_entries.find(key);
    if (it == m_entries.end()) {
        it = m_entries.insert(key, Entry{o, 0, {}});
        m_order.append(key);
    } else {
        Observation& m = it->observation;
        if (o.firstSeen && (!m.firstSeen || *o.firstSeen < *m.firstSeen))
            m.firstSeen = o.firstSeen;
        if (o.lastSeen && (!m.lastSeen || *o.lastSeen > *m.lastSeen))
            m.lastSeen = o.lastSeen;
    }
    ++it->rows;
    const QString resolver
        = QJsonDocument::fromJson(o.attrs.toUtf8()).object().value(QLatin1String("resolver")).toString();
    if (!resolver.isEmpty() && !it->resolvers.contains(resolver) && it->resolvers.size() < 8)
        it->resolvers.append(resolver);
}

QList<Observation> PairAggregator::result() const
{
    QList<Observation> out;
    out.reserve(m_order.size());
    for (const QString& key : m_order) {
        const Entry& e = m_entries.value(key);
        Observation o = e.observation;
        QJsonObject attrs;
        attrs.insert(QStringLiteral("resolutions"), e.rows);
        if (!e.resolvers.isEmpty())
            attrs.insert(QStringLiteral("resolvers"), QJsonArray::fromStringList(e.resolvers));
        o.attrs = JsonFields::compact(attrs);
        out.append(o);
    }
    return out;
}

} // namespace pdnsw
