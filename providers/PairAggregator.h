#pragma once

#include "models/Observation.h"

#include <QHash>
#include <QList>
#include <QString>

namespace pdnsw {

// Folds identical (rrname, rrtype, rdata) observations of one query into one: earliest first, latest last,
// and the number of folded rows as "resolutions" in attrs (VirusTotal has one date per resolution and no
// count). Insertion order is kept so output is stable.
class PairAggregator
{
public:
    void add(const Observation& observation);
    QList<Observation> result() const;
    bool isEmpty() const { return m_order.isEmpty(); }

private:
    struct Entry
    {
        Observation observation;
        qint64 rows = 0;
        QStringList resolvers;
    };
    QHash<QString, Entry> m_entries;
    QStringList m_order;
};

} // namespace pdnsw
