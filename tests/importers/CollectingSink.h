#pragma once

#include "models/ObservationSink.h"
#include "models/UtcTime.h"

#include <QList>
#include <QPair>
#include <QStringList>

namespace pdnsw::test {

// A real sink for tests: keeps everything an importer hands over, in order. refuseAfter makes it refuse
// further observations, the way a failed or cancelled case writer does.
class CollectingSink : public ObservationSink
{
public:
    QList<Observation> observations;
    QStringList unanswered; // "name TYPE time"
    QList<QPair<QString, QString>> errors;
    qsizetype refuseAfter = -1;

    bool addObservation(const Observation& observation) override
    {
        if (refuseAfter >= 0 && observations.size() >= refuseAfter)
            return false;
        observations.append(observation);
        return true;
    }
    bool addUnansweredQuery(const QString& rrname, const QString& rrtype, qint64 time) override
    {
        unanswered.append(QStringLiteral("%1 %2 %3").arg(rrname, rrtype).arg(time));
        return true;
    }
    void addError(const QString& position, const QString& message) override { errors.append({position, message}); }

    QStringList errorPositions() const
    {
        QStringList positions;
        for (const auto& error : errors)
            positions.append(error.first);
        return positions;
    }
    QStringList rrnames() const
    {
        QStringList names;
        for (const auto& observation : observations)
            names.append(observation.rrname);
        return names;
    }
};

// Every field of an observation on one line, "-" for an empty optional:
// rrname|rrtype|rdata|section|first|last|count|rcode|ttlMin-ttlMax|clients|servers|attrs
inline QString describe(const Observation& o)
{
    auto number = [](const std::optional<qint64>& v) { return v ? QString::number(*v) : QStringLiteral("-"); };
    const QString ttl = o.ttlMin || o.ttlMax ? number(o.ttlMin) + u'-' + number(o.ttlMax) : QStringLiteral("-");
    return QStringList{o.rrname, o.rrtype, o.rdata, sectionName(o.section), number(o.firstSeen), number(o.lastSeen),
        number(o.count), o.rcode ? QString::number(*o.rcode) : QStringLiteral("-"), ttl, o.clients, o.servers, o.attrs}
        .join(u'|');
}

inline QStringList describeAll(const QList<Observation>& observations)
{
    QStringList lines;
    for (const auto& observation : observations)
        lines.append(describe(observation));
    return lines;
}

} // namespace pdnsw::test
