#pragma once

#include "models/CaseReader.h"
#include "models/Observation.h"

#include <QHash>
#include <QList>
#include <QString>

#include <optional>

namespace pdnsw {

// One source's mark on a row: a bar from first to last seen, or a point for single-date sources.
struct TimelineBar
{
    int observation = -1; // index into TimelineData::observations()
    qint64 sourceId = 0;
    double start = 0; // display interval in UTC seconds; day-granular sources cover whole days
    double end = 0;
    bool point = false; // one date only (first == last, or the source gives a single date)
    bool dayGranular = false;
    bool undated = false; // the source gave no time at all
    int lane = 0; // sub-row inside the row; bars of one lane never overlap in time
};

// One line of the timeline: an owner-name header (CNAME hops), a record (rrtype + rdata) or a negative
// answer (NXDOMAIN, NODATA, SERVFAIL...).
struct TimelineRow
{
    enum class Kind : quint8
    {
        OwnerHeader,
        Record,
        Negative
    };
    Kind kind = Kind::Record;
    QString owner; // rrname the row belongs to; for an address's timeline, the address
    int chainDepth = 0;
    QString rrtype; // for Negative: the question types seen, joined by "/"
    QString rdata; // for Negative: the rcode mnemonic; for an address's timeline, the name that pointed at it
    QList<TimelineBar> bars; // ordered by lane, then start
    int laneCount = 0;
    bool inNowAnswer = false; // the live lookup returned this record (or this negative answer)
};

struct TimelineSource
{
    qint64 id = 0;
    QString label;
    QString kind;
    QString timeGranularity;
    QString timeKind;
    int observations = 0;
};

// What one source says the name resolved to at T.
struct TimelineAsOf
{
    qint64 sourceId = 0;
    QString sourceLabel;
    QList<int> validAtT; // observation indices whose interval contains T
    // When nothing is valid: the latest answers that ended before T. And for a CNAME target reached at T that has
    // no answer at T: its latest answers before T.
    QList<int> lastBefore;
    QList<int> undated; // answers the source gave without any time
};

// The timeline of one name as rows and bars: pure data, no painting. Built from CaseReader::timeline() rows,
// with the live ("now") answer merged in, so the view only maps it to pixels.
class TimelineData
{
public:
    TimelineData() = default;
    TimelineData(const QString& name, const QList<SourcedObservation>& observations);
    // The timeline of an address: the names that pointed at it (CaseReader::reverse() rows), a row per name and
    // type, as DNSDB's rdata lookups list them. Who shared the address, and when, is what tells shared hosting
    // from a host of the attacker's own.
    static TimelineData ofAddress(const QString& address, const QList<SourcedObservation>& pointingHere);
    bool isAddress() const { return m_address; }
    // What an observation says in this timeline: its data for a name, the name that pointed here for an address.
    QString valueOf(int observation) const;

    // The live lookup's answer: records of the name (and its chain), or one Section::Negative record carrying
    // the rcode. Rows it names are flagged; records the case has never seen get a row of their own.
    // The live answer of the system resolver. Without one, the latest lookup stored in the case (source kind
    // "lookup:...") is the now answer; either way lookups do not stretch the time axis (earliest(), latest()):
    // one made years after the evidence would squeeze the incident into a sliver.
    void setNowAnswer(const QList<Observation>& records, qint64 askedAt);
    void clearNowAnswer();
    bool hasNowAnswer() const { return nowAskedAt().has_value(); }
    std::optional<qint64> nowAskedAt() const { return m_nowAskedAt ? m_nowAskedAt : m_storedNowAt; }
    const QList<Observation>& nowRecords() const { return m_nowAskedAt ? m_nowRecords : m_storedNow; }

    const QString& name() const { return m_name; }
    const QList<SourcedObservation>& observations() const { return m_observations; }
    const QList<TimelineRow>& rows() const { return m_rows; }
    const QList<TimelineSource>& sources() const { return m_sources; }
    int barCount() const { return m_barCount; }
    int recordRowCount() const; // rows of records (an address's: the names that pointed at it)
    bool isEmpty() const { return m_observations.isEmpty(); }

    // Earliest start and latest end over all dated bars.
    std::optional<double> earliest() const { return m_earliest; }
    std::optional<double> latest() const { return m_latest; }

    QList<TimelineAsOf> asOf(qint64 t) const;
    // Where the cursor starts: just before the name went negative for good (the last good answer), else at the
    // latest sighting.
    std::optional<qint64> defaultCursorTime() const;

    // Display interval of an observation given its source's granularity; nullopt when it has no time.
    static std::optional<std::pair<double, double>> displayInterval(
        const SourcedObservation& observation, bool* point = nullptr);

private:
    // asOf(): the latest answers before T of CNAME targets reached at T without an answer at T.
    void addChainTargetsBefore(double time, QList<TimelineAsOf>& result, const QHash<qint64, int>& bySource) const;

    void rebuild();

    QString m_name;
    bool m_address = false;
    QList<SourcedObservation> m_observations;
    QList<Observation> m_nowRecords;
    std::optional<qint64> m_nowAskedAt;
    QList<Observation> m_storedNow; // the latest stored lookup's answers for the name
    std::optional<qint64> m_storedNowAt;
    QList<TimelineRow> m_rows;
    QList<TimelineSource> m_sources;
    int m_barCount = 0;
    std::optional<double> m_earliest;
    std::optional<double> m_latest;
};

} // namespace pdnsw
