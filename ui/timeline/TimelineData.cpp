#include "ui/timeline/TimelineData.h"

#include "models/SourceInfo.h"

#include <QSet>

#include <algorithm>
#include <cmath>
#include <limits>

namespace pdnsw {

namespace {

constexpr double kDay = 86400.0;

double floorToDay(double t)
{
    return std::floor(t / kDay) * kDay;
}

QString rowKey(const QString& rrtype, const QString& rdata, bool negative)
{
    // The rcode alone keys a negative row: NXDOMAIN for the A and the AAAA question is one fact about the name.
    return negative ? QStringLiteral("-\x1f") + rdata : rrtype + QChar(0x1f) + rdata;
}

struct Group
{
    QString owner;
    int depth = 0;
    int order = 0;
    QList<TimelineRow> rows;
    QHash<QString, int> rowByKey;
};

} // namespace

TimelineData::TimelineData(const QString& name, const QList<SourcedObservation>& observations)
    : m_name(name)
    , m_observations(observations)
{
    rebuild();
}

TimelineData TimelineData::ofAddress(const QString& address, const QList<SourcedObservation>& pointingHere)
{
    TimelineData data;
    data.m_name = address;
    data.m_address = true;
    data.m_observations = pointingHere;
    data.rebuild();
    return data;
}

QString TimelineData::valueOf(int observation) const
{
    const Observation& o = m_observations.at(observation).observation;
    return m_address ? o.rrname : o.rdata;
}

int TimelineData::recordRowCount() const
{
    return int(std::count_if(
        m_rows.cbegin(), m_rows.cend(), [](const TimelineRow& row) { return row.kind == TimelineRow::Kind::Record; }));
}

void TimelineData::setNowAnswer(const QList<Observation>& records, qint64 askedAt)
{
    m_nowRecords = records;
    m_nowAskedAt = askedAt;
    rebuild();
}

void TimelineData::clearNowAnswer()
{
    m_nowRecords.clear();
    m_nowAskedAt.reset();
    rebuild();
}

std::optional<std::pair<double, double>> TimelineData::displayInterval(
    const SourcedObservation& observation, bool* point)
{
    const auto& first = observation.observation.firstSeen;
    const auto& last = observation.observation.lastSeen;
    if (point)
        *point = false;
    if (!first && !last)
        return std::nullopt;
    double from = double(first ? *first : *last);
    double to = double(last ? *last : *first);
    if (to < from)
        std::swap(from, to);
    const bool single = !first || !last || from == to;
    if (observation.timeGranularity == QLatin1String("day")) {
        // A day-granular date means "some time that day": cover the whole days.
        return std::make_pair(floorToDay(from), floorToDay(to) + kDay);
    }
    if (single && point)
        *point = true;
    return std::make_pair(from, to);
}

void TimelineData::rebuild()
{
    m_rows.clear();
    m_sources.clear();
    m_barCount = 0;
    m_earliest.reset();
    m_latest.reset();
    std::optional<double> lookupEarliest;
    std::optional<double> lookupLatest;
    m_storedNow.clear();
    m_storedNowAt.reset();

    QHash<qint64, int> sourceIndex;
    QList<Group> groups;
    QHash<QString, int> groupByOwner;
    auto groupFor = [&](const QString& owner, int depth) -> Group& {
        auto it = groupByOwner.constFind(owner);
        if (it != groupByOwner.constEnd())
            return groups[*it];
        Group group;
        group.owner = owner;
        group.depth = depth;
        group.order = int(groups.size());
        groupByOwner.insert(owner, int(groups.size()));
        groups.append(group);
        return groups.last();
    };
    // The asked name is always the first group, even when only its chain has records.
    groupFor(m_name, 0);

    for (int i = 0; i < m_observations.size(); ++i) {
        const SourcedObservation& sourced = m_observations.at(i);
        const Observation& record = sourced.observation;
        if (!sourceIndex.contains(sourced.sourceId)) {
            sourceIndex.insert(sourced.sourceId, int(m_sources.size()));
            m_sources.append(TimelineSource{sourced.sourceId, sourced.sourceLabel, sourced.sourceKind,
                sourced.timeGranularity, sourced.timeKind, 0});
        }
        ++m_sources[sourceIndex.value(sourced.sourceId)].observations;

        // An address's rows are the names that pointed at it, all under the address.
        const QString owner = m_address || record.rrname.isEmpty() ? m_name : record.rrname;
        Group& group = groupFor(owner, m_address ? 0 : sourced.chainDepth);
        group.depth = std::min(group.depth, m_address ? 0 : sourced.chainDepth);
        const bool negative = record.section == Section::Negative;
        const QString value = m_address ? record.rrname : record.rdata;
        const QString key = rowKey(record.rrtype, value, negative);
        int rowIndex = group.rowByKey.value(key, -1);
        if (rowIndex < 0) {
            TimelineRow row;
            row.kind = negative ? TimelineRow::Kind::Negative : TimelineRow::Kind::Record;
            row.owner = owner;
            row.rrtype = record.rrtype;
            row.rdata = value;
            rowIndex = int(group.rows.size());
            group.rowByKey.insert(key, rowIndex);
            group.rows.append(row);
        }
        TimelineRow& row = group.rows[rowIndex];
        if (negative && !row.rrtype.split(QLatin1Char('/')).contains(record.rrtype))
            row.rrtype += QLatin1Char('/') + record.rrtype;

        TimelineBar bar;
        bar.observation = i;
        bar.sourceId = sourced.sourceId;
        bar.dayGranular = sourced.timeGranularity == QLatin1String("day");
        if (auto interval = displayInterval(sourced, &bar.point)) {
            bar.start = interval->first;
            bar.end = interval->second;
            const bool lookup = isNowLookupKind(sourced.sourceKind);
            auto& earliest = lookup ? lookupEarliest : m_earliest;
            auto& latest = lookup ? lookupLatest : m_latest;
            earliest = earliest ? std::min(*earliest, bar.start) : bar.start;
            latest = latest ? std::max(*latest, bar.end) : bar.end;
            if (lookup && !m_address && owner == m_name && record.lastSeen) {
                // The latest lookup's answers: those seen at the latest time any lookup was made.
                if (!m_storedNowAt || *record.lastSeen > *m_storedNowAt) {
                    m_storedNowAt = *record.lastSeen;
                    m_storedNow.clear();
                }
                if (*record.lastSeen == *m_storedNowAt)
                    m_storedNow.append(record);
            }
        } else {
            bar.undated = true;
        }
        row.bars.append(bar);
        ++m_barCount;
    }

    if (!m_earliest) {
        // Nothing but lookups: they are the axis.
        m_earliest = lookupEarliest;
        m_latest = lookupLatest;
    }

    // The now answer marks the rows it names; records never seen before get rows of their own.
    for (const Observation& record : nowRecords()) {
        const QString owner = record.rrname.isEmpty() ? m_name : record.rrname;
        Group& group = groupFor(owner, owner == m_name ? 0 : 1);
        const bool negative = record.section == Section::Negative;
        const QString key = rowKey(record.rrtype, record.rdata, negative);
        int rowIndex = group.rowByKey.value(key, -1);
        if (rowIndex < 0) {
            TimelineRow row;
            row.kind = negative ? TimelineRow::Kind::Negative : TimelineRow::Kind::Record;
            row.owner = owner;
            row.rrtype = record.rrtype;
            row.rdata = record.rdata;
            rowIndex = int(group.rows.size());
            group.rowByKey.insert(key, rowIndex);
            group.rows.append(row);
        }
        group.rows[rowIndex].inNowAnswer = true;
    }

    std::stable_sort(groups.begin(), groups.end(),
        [](const Group& a, const Group& b) { return a.depth != b.depth ? a.depth < b.depth : a.order < b.order; });
    const bool headers = groups.size() > 1;
    for (Group& group : groups) {
        for (TimelineRow& row : group.rows) {
            row.chainDepth = group.depth;
            // Pack bars into lanes: first fit by start time, so sources that follow each other share a lane.
            QList<TimelineBar> dated;
            QList<TimelineBar> undated;
            for (const TimelineBar& bar : std::as_const(row.bars))
                (bar.undated ? undated : dated).append(bar);
            std::sort(dated.begin(), dated.end(), [](const TimelineBar& a, const TimelineBar& b) {
                return a.start != b.start ? a.start < b.start : a.end < b.end;
            });
            QList<double> laneEnds;
            for (TimelineBar& bar : dated) {
                int lane = 0;
                while (lane < laneEnds.size() && !(laneEnds.at(lane) < bar.start))
                    ++lane;
                if (lane == laneEnds.size())
                    laneEnds.append(bar.end);
                else
                    laneEnds[lane] = bar.end;
                bar.lane = lane;
            }
            std::stable_sort(
                dated.begin(), dated.end(), [](const TimelineBar& a, const TimelineBar& b) { return a.lane < b.lane; });
            row.laneCount = std::max<int>(1, int(laneEnds.size()));
            row.bars = dated + undated;
        }
        // Chronological staircase: rows ordered by their earliest sighting; undated and never-seen rows last.
        auto earliestOf = [](const TimelineRow& row) {
            double best = std::numeric_limits<double>::infinity();
            for (const TimelineBar& bar : row.bars) {
                if (!bar.undated)
                    best = std::min(best, bar.start);
            }
            return best;
        };
        std::stable_sort(group.rows.begin(), group.rows.end(), [&](const TimelineRow& a, const TimelineRow& b) {
            double ea = earliestOf(a);
            double eb = earliestOf(b);
            if (ea != eb)
                return ea < eb;
            if (a.rrtype != b.rrtype)
                return a.rrtype < b.rrtype;
            return a.rdata < b.rdata;
        });
        if (headers) {
            TimelineRow header;
            header.kind = TimelineRow::Kind::OwnerHeader;
            header.owner = group.owner;
            header.chainDepth = group.depth;
            header.laneCount = 0;
            m_rows.append(header);
        }
        m_rows.append(group.rows);
    }
}

QList<TimelineAsOf> TimelineData::asOf(qint64 t) const
{
    QList<TimelineAsOf> result;
    QHash<qint64, int> bySource;
    for (const TimelineSource& source : m_sources) {
        bySource.insert(source.id, int(result.size()));
        result.append(TimelineAsOf{source.id, source.label, {}, {}, {}});
    }
    QHash<qint64, double> latestEnd;
    QHash<qint64, QList<int>> latestBefore;
    const double time = double(t);
    for (const TimelineRow& row : m_rows) {
        for (const TimelineBar& bar : row.bars) {
            TimelineAsOf& entry = result[bySource.value(bar.sourceId)];
            if (bar.undated) {
                entry.undated.append(bar.observation);
                continue;
            }
            // A point says "seen on that date", not "valid over a span": it only ever counts as an earlier answer.
            if (!bar.point && bar.start <= time && time < bar.end + (bar.dayGranular ? 0.0 : 1.0)) {
                entry.validAtT.append(bar.observation);
            } else if (bar.end <= time || (bar.point && bar.start <= time)) {
                double end = bar.end;
                auto it = latestEnd.find(bar.sourceId);
                if (it == latestEnd.end() || end > *it) {
                    latestEnd.insert(bar.sourceId, end);
                    latestBefore.insert(bar.sourceId, {bar.observation});
                } else if (end == *it) {
                    latestBefore[bar.sourceId].append(bar.observation);
                }
            }
        }
    }
    for (TimelineAsOf& entry : result) {
        if (entry.validAtT.isEmpty())
            entry.lastBefore = latestBefore.value(entry.sourceId);
    }
    addChainTargetsBefore(time, result, bySource);
    // A lookup source with nothing at or before T only says that the lookup came later: left out.
    result.removeIf([this](const TimelineAsOf& entry) {
        const auto source = std::find_if(
            m_sources.cbegin(), m_sources.cend(), [&](const TimelineSource& s) { return s.id == entry.sourceId; });
        return source != m_sources.cend() && isNowLookupKind(source->kind) && entry.validAtT.isEmpty()
            && entry.lastBefore.isEmpty() && entry.undated.isEmpty();
    });
    for (TimelineAsOf& entry : result) {
        std::sort(entry.validAtT.begin(), entry.validAtT.end());
        std::sort(entry.lastBefore.begin(), entry.lastBefore.end());
        entry.lastBefore.erase(std::unique(entry.lastBefore.begin(), entry.lastBefore.end()), entry.lastBefore.end());
    }
    return result;
}

void TimelineData::addChainTargetsBefore(
    double time, QList<TimelineAsOf>& result, const QHash<qint64, int>& bySource) const
{
    // The chain as it stood at T: the targets of CNAMEs valid at T, hop by hop.
    QSet<QString> answered; // owners with some answer valid at T
    QStringList targets;
    for (const TimelineAsOf& entry : std::as_const(result)) {
        for (int index : entry.validAtT) {
            const Observation& o = m_observations.at(index).observation;
            answered.insert(o.rrname);
            const bool link = o.section != Section::Negative
                && (o.rrtype == QLatin1String("CNAME") || o.rrtype == QLatin1String("DNAME"));
            if (link && o.rdata != m_name && !targets.contains(o.rdata))
                targets.append(o.rdata);
        }
    }
    // A target with no answer at T (a CDN name's addresses are seen for moments, its CNAME for months): per
    // source, its latest answers before T, as the sandbox override would pin it.
    for (const QString& target : std::as_const(targets)) {
        if (answered.contains(target))
            continue;
        QHash<qint64, double> latestEnd;
        QHash<qint64, QList<int>> latest;
        for (const TimelineRow& row : m_rows) {
            if (row.owner != target)
                continue;
            for (const TimelineBar& bar : row.bars) {
                if (bar.undated || !(bar.end <= time || (bar.point && bar.start <= time)))
                    continue;
                auto it = latestEnd.find(bar.sourceId);
                if (it == latestEnd.end() || bar.end > *it) {
                    latestEnd.insert(bar.sourceId, bar.end);
                    latest.insert(bar.sourceId, {bar.observation});
                } else if (bar.end == *it) {
                    latest[bar.sourceId].append(bar.observation);
                }
            }
        }
        for (auto it = latest.cbegin(); it != latest.cend(); ++it)
            result[bySource.value(it.key())].lastBefore += it.value();
    }
}

std::optional<qint64> TimelineData::defaultCursorTime() const
{
    // Just before the name went negative for good: the first negative answer that began after the latest positive
    // one began. A name answered NODATA once and positively for years after it (google.com in old captures) did
    // not go away. Lookups ("now") are not the evidence and do not count.
    QSet<qint64> lookups;
    for (const TimelineSource& source : m_sources) {
        if (isNowLookupKind(source.kind))
            lookups.insert(source.id);
    }
    const auto evidence = [&](const TimelineRow& row) {
        QList<const TimelineBar*> bars;
        if (row.chainDepth == 0) {
            for (const TimelineBar& bar : row.bars) {
                if (!bar.undated && !lookups.contains(bar.sourceId))
                    bars.append(&bar);
            }
        }
        return bars;
    };
    std::optional<double> latestPositive;
    for (const TimelineRow& row : m_rows) {
        if (row.kind == TimelineRow::Kind::Negative)
            continue;
        for (const TimelineBar* bar : evidence(row))
            latestPositive = latestPositive ? std::max(*latestPositive, bar->start) : bar->start;
    }
    std::optional<double> wentNegative;
    for (const TimelineRow& row : m_rows) {
        if (row.kind != TimelineRow::Kind::Negative || !latestPositive)
            continue;
        for (const TimelineBar* bar : evidence(row)) {
            if (bar->start > *latestPositive)
                wentNegative = wentNegative ? std::min(*wentNegative, bar->start) : bar->start;
        }
    }
    if (wentNegative)
        return qint64(*wentNegative) - 1;
    if (m_latest)
        return qint64(*m_latest) - (m_latest == m_earliest ? 0 : 1);
    return std::nullopt;
}

} // namespace pdnsw
