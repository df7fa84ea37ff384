#pragma once

#include "models/CaseError.h"
#include "models/Observation.h"
#include "models/SourceInfo.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <functional>
#include <memory>
#include <optional>

namespace pdnsw {

class CaseFile;

// One observation as the queries return it: the record, its row id and its source's description.
struct SourcedObservation
{
    qint64 id = 0;
    qint64 sourceId = 0;
    QString sourceLabel;
    QString sourceKind;
    QString timeGranularity; // of the source: "second", "day", "none"
    QString timeKind; // of the source: "sensor", "zone", "lookup", "current"
    Observation observation;
    int chainDepth = 0; // 0 for the asked name; n for the n-th CNAME hop (timeline, as-of)
};

struct NameFilter
{
    QString substring; // case-insensitive part of the name
    QString suffix; // "example.com" matches example.com and *.example.com
    bool includeAddresses = false; // also list addresses (A/AAAA rdata) as entries
    int limit = 0; // 0 = no limit
};

struct NameEntry
{
    QString name;
    bool isAddress = false;
    qint64 observations = 0; // rows
    qint64 sources = 0; // distinct sources
    std::optional<qint64> firstSeen;
    std::optional<qint64> lastSeen;
    std::optional<qint64> count; // summed within each source, then the largest over sources (never summed across)
    bool hasNegative = false; // some source saw NXDOMAIN/NODATA/SERVFAIL/REFUSED for it
    bool wentNxdomain = false; // some source saw NXDOMAIN for it: the name stopped existing
};

struct CaseCounts
{
    qint64 observations = 0;
    // Unknown while a bulk import has the key index down: counting distinct names would mean sorting the whole
    // table every time the window refreshes its counts.
    std::optional<qint64> names = 0;
    qint64 sources = 0;
    qint64 incompleteSources = 0;
    qint64 providerQueries = 0;
    qint64 notes = 0;
};

// What one source says a name resolved to at time T.
struct AsOfSource
{
    qint64 sourceId = 0;
    QString sourceLabel;
    QList<SourcedObservation> validAtT; // first_seen <= T <= last_seen, following the CNAME chain valid at T
    // The latest answer(s) for the name itself that ended before T; for a CNAME target reached at T that has no
    // answer at T, that target's latest answer(s) before T; and for a CNAME among those earlier answers, where it
    // led when it was last seen.
    QList<SourcedObservation> lastBeforeT;
};

struct AsOfResult
{
    QString name;
    qint64 time = 0;
    QList<AsOfSource> sources;
};

struct ExportFilter
{
    // Empty = all. A name includes its CNAME chain targets; an address or a CIDR selects the records that pointed
    // at it (see isAddressOrNetwork), as Details lists them for an address.
    QStringList names;
    std::optional<qint64> since; // keep observations whose interval overlaps [since, until]
    std::optional<qint64> until;
    QList<qint64> sourceIds; // empty = all
};

// An address or a CIDR (address/prefix), as CaseReader::reverse() reads them, rather than a domain name.
bool isAddressOrNetwork(const QString& text);
// An entry of ExportFilter::names as typed, in the form records and provider questions spell it: an address in its
// canonical text (2001:DB8::0001 -> 2001:db8::1), a CIDR trimmed, a name normalised.
QString exportSelectionKey(const QString& text);

// Read-only queries over a case on their own connection (WAL: never blocked by the importer).
class CaseReader
{
public:
    // Name listings with a limit up to this walk the indexes and start at once; longer ones sort the whole table.
    static constexpr int kNameWalkLimit = 100000;

    static std::unique_ptr<CaseReader> open(const QString& path, CaseError* error);
    ~CaseReader();

    QList<NameEntry> names(const NameFilter& filter) const;
    // The names some source saw answer NXDOMAIN (not NODATA or SERVFAIL: those say nothing of the name being
    // gone), in name order: the candidates for a sandbox pin.
    QStringList namesThatWentNxdomain() const;
    // The same entries in the same order, one at a time (names, then addresses); `callback` returning false
    // stops. False, with `error`, when the case could not be read.
    bool forEachName(const NameFilter& filter, const std::function<bool(const NameEntry&)>& callback,
        CaseError* error = nullptr) const;
    // Every rdata of the name per source with its interval; CNAME (and DNAME) chains followed up to 8 hops.
    QList<SourcedObservation> timeline(const QString& name, bool followChains = true) const;
    // Which names pointed at an address, a CIDR ("198.51.100.0/24", "2001:db8::/32") or a name (CNAME/NS/MX
    // targets). nullopt when the argument is neither.
    std::optional<QList<SourcedObservation>> reverse(const QString& addressCidrOrName) const;
    // The same rows in the same order, one at a time; `callback` returning false stops. False with `error`: kind
    // InvalidInput for an argument that is none of the three, Sql when the case could not be read.
    bool forEachReverse(const QString& addressCidrOrName,
        const std::function<bool(const SourcedObservation&)>& callback, CaseError* error = nullptr) const;
    AsOfResult asOf(const QString& name, qint64 time) const;
    CaseCounts counts() const;
    QList<SourceInfo> sources() const;
    std::optional<SourceInfo> source(qint64 id) const;
    QList<QPair<QString, QString>> sourceErrors(qint64 sourceId, int limit = 1000) const;

    // Streams every observation passing the filter, ordered by rrname, rrtype, rdata, source.
    // The callback returns false to stop.
    bool forEachObservation(const ExportFilter& filter, const std::function<bool(const SourcedObservation&)>& callback,
        CaseError* error = nullptr) const;

    const CaseFile& file() const { return *m_file; }

private:
    explicit CaseReader(std::unique_ptr<CaseFile> file);
    std::unique_ptr<CaseFile> m_file;
    QByteArray m_serviceColumn; // SQL for Observation::service in this case's schema version
};

} // namespace pdnsw
