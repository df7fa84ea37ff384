#include "models/CaseReader.h"

#include "models/CaseFile.h"
#include "models/CaseSchema.h"
#include "models/Cidr.h"
#include "models/DomainName.h"
#include "models/SqlStatement.h"

#include <QHash>
#include <QSet>
#include <QVarLengthArray>

#include <arpa/inet.h>
#include <sqlite3.h>

#include <algorithm>
#include <limits>

namespace pdnsw {

namespace {

constexpr int kMaxChainHops = 8;

constexpr const char* kObservationColumns
    = "o.id, o.source_id, o.rrname, o.rrtype, o.rdata, o.section, o.first_seen, o.last_seen, o.count, o.rcode, "
      "o.ttl_min, o.ttl_max, o.clients, o.servers, o.attrs, ";

// Cases from before schema version 3 (read-only opens take them as they are) have no service column; their
// local-link rows are marked only in attrs, which is also where the version 3 migration takes it from. Decided
// once per reader: a writer may upgrade the file meanwhile, and the attrs expression still holds after that.
QByteArray serviceColumn(sqlite3* db)
{
    if (queryInt(db, "PRAGMA user_version").value_or(0) >= 3)
        return QByteArrayLiteral("o.service");
    return serviceFromAttrsSql("o.attrs");
}

using SourceMap = QHash<qint64, SourceInfo>;

SourceInfo readSource(const SqlStatement& st)
{
    SourceInfo s;
    s.id = st.int64(0);
    s.kind = st.text(1);
    s.label = st.text(2);
    s.path = st.text(3);
    s.sha256 = st.text(4);
    s.size = st.isNull(5) ? -1 : st.int64(5);
    s.importedAt = st.int64(6);
    s.parameters = st.text(7);
    s.timeGranularity = st.text(8);
    s.timeKind = st.text(9);
    s.state = st.text(10);
    s.stats = st.text(11);
    s.countIsMax = st.int64(12) != 0;
    s.observationCount = st.int64(13);
    return s;
}

constexpr const char* kSourceColumns
    = "id, kind, label, path, sha256, size, imported_at, parameters, time_granularity, "
      "time_kind, state, stats, count_is_max, observation_count";

SourceMap loadSources(sqlite3* db)
{
    SourceMap map;
    SqlStatement st(db, QByteArray(QByteArray("SELECT ") + kSourceColumns + " FROM sources").constData());
    while (st.step()) {
        SourceInfo s = readSource(st);
        map.insert(s.id, s);
    }
    return map;
}

SourcedObservation readObservation(const SqlStatement& st, const SourceMap& sources, int depth)
{
    SourcedObservation r;
    r.id = st.int64(0);
    r.sourceId = st.int64(1);
    Observation& o = r.observation;
    o.rrname = st.text(2);
    o.rrtype = st.text(3);
    o.rdata = st.text(4);
    o.section = static_cast<Section>(std::clamp<qint64>(st.int64(5), 0, 3));
    o.firstSeen = st.optInt64(6);
    o.lastSeen = st.optInt64(7);
    o.count = st.optInt64(8);
    if (!st.isNull(9))
        o.rcode = static_cast<int>(st.int64(9));
    o.ttlMin = st.optInt64(10);
    o.ttlMax = st.optInt64(11);
    o.clients = st.text(12);
    o.servers = st.text(13);
    o.attrs = st.text(14);
    o.service = static_cast<Service>(std::clamp<qint64>(st.int64(15), 0, 2));
    const auto it = sources.constFind(r.sourceId);
    if (it != sources.constEnd()) {
        r.sourceLabel = it->label;
        r.sourceKind = it->kind;
        r.timeGranularity = it->timeGranularity;
        r.timeKind = it->timeKind;
    }
    r.chainDepth = depth;
    return r;
}

QByteArray selectObservations(const QByteArray& service, const char* where)
{
    return QByteArray("SELECT ") + kObservationColumns + service + " FROM observations o WHERE " + where;
}

// Chain links: answers whose data names another owner to follow.
bool isChainLink(const Observation& o)
{
    return o.section == Section::Answer && (o.rrtype == QLatin1String("CNAME") || o.rrtype == QLatin1String("DNAME"));
}

QList<SourcedObservation> rowsForName(
    sqlite3* db, const QByteArray& service, const QString& name, const SourceMap& sources, int depth)
{
    QList<SourcedObservation> rows;
    SqlStatement st(
        db, selectObservations(service, "o.rrname = ?1 ORDER BY o.rrtype, o.rdata, o.source_id").constData());
    st.bind(1, name);
    while (st.step())
        rows.append(readObservation(st, sources, depth));
    return rows;
}

bool validAt(const Observation& o, qint64 t)
{
    if (!o.firstSeen && !o.lastSeen)
        return false;
    const qint64 first = o.firstSeen.value_or(*o.lastSeen);
    const qint64 last = o.lastSeen.value_or(*o.firstSeen);
    return first <= t && t <= last;
}

// One name's (or address's) rows folded into its entry, as the aggregate SQL of the whole lists does: rows,
// distinct sources, earliest first and latest last seen (NULLs ignored), counts summed within each source and
// the largest of those sums (a source whose counts are all NULL has none), the strongest negative answer.
class EntryFolder
{
public:
    // `rows` records of one source (a row, or a group of them) with their earliest first, latest last, summed
    // count and their strongest negative answer (0 none, 1 NODATA/SERVFAIL/REFUSED, 2 NXDOMAIN).
    void add(qint64 sourceId, qint64 rows, std::optional<qint64> first, std::optional<qint64> last,
        std::optional<qint64> count, qint64 negative)
    {
        m_rows += rows;
        if (first && (!m_first || *first < *m_first))
            m_first = first;
        if (last && (!m_last || *last > *m_last))
            m_last = last;
        m_negative = std::max(m_negative, negative);
        auto it = std::find_if(m_sources.begin(), m_sources.end(), [&](const auto& s) { return s.first == sourceId; });
        if (it == m_sources.end()) {
            m_sources.append({sourceId, std::nullopt});
            it = m_sources.end() - 1;
        }
        if (count)
            it->second = it->second.value_or(0) + *count;
    }

    NameEntry take(QString name, bool isAddress)
    {
        NameEntry e;
        e.name = std::move(name);
        e.isAddress = isAddress;
        e.observations = m_rows;
        e.sources = m_sources.size();
        e.firstSeen = m_first;
        e.lastSeen = m_last;
        for (const auto& source : std::as_const(m_sources)) {
            if (source.second && (!e.count || *source.second > *e.count))
                e.count = source.second;
        }
        e.hasNegative = m_negative > 0;
        e.wentNxdomain = m_negative > 1;
        *this = EntryFolder();
        return e;
    }

private:
    qint64 m_rows = 0;
    std::optional<qint64> m_first;
    std::optional<qint64> m_last;
    qint64 m_negative = 0;
    QVarLengthArray<std::pair<qint64, std::optional<qint64>>, 4> m_sources;
};

enum class FoldEnd
{
    AllRead,
    LimitReached,
    CallbackStopped,
    ReadFailed,
};

// Walks rows in key order (key, source_id, rows, first_seen, last_seen, count, negative) and hands over one entry
// per key, up to `limit` entries.
FoldEnd foldInKeyOrder(
    SqlStatement& st, qint64 limit, bool isAddress, const std::function<bool(const NameEntry&)>& callback)
{
    EntryFolder folder;
    QByteArray current;
    bool have = false;
    qint64 handedOver = 0;
    const auto handOver = [&] {
        if (!callback(folder.take(QString::fromUtf8(current), isAddress)))
            return FoldEnd::CallbackStopped;
        return ++handedOver >= limit ? FoldEnd::LimitReached : FoldEnd::AllRead;
    };
    while (st.step()) {
        const auto* key = reinterpret_cast<const char*>(sqlite3_column_text(st.handle(), 0));
        const QByteArrayView keyView(key, sqlite3_column_bytes(st.handle(), 0));
        if (!have || keyView != current) {
            if (have) {
                if (const FoldEnd end = handOver(); end != FoldEnd::AllRead)
                    return end;
            }
            current = keyView.toByteArray();
            have = true;
        }
        folder.add(st.int64(1), st.int64(2), st.optInt64(3), st.optInt64(4), st.optInt64(5), st.int64(6));
    }
    if (st.failed())
        return FoldEnd::ReadFailed;
    return have ? handOver() : FoldEnd::AllRead;
}

bool listingFailed(const SqlStatement& st, CaseError* error)
{
    if (error)
        error->set(CaseError::Kind::Sql, QStringLiteral("Cannot list the names of the case: %1").arg(st.error()));
    return false;
}

} // namespace

CaseReader::CaseReader(std::unique_ptr<CaseFile> file)
    : m_file(std::move(file))
    , m_serviceColumn(serviceColumn(m_file->handle()))
{
}

CaseReader::~CaseReader() = default;

std::unique_ptr<CaseReader> CaseReader::open(const QString& path, CaseError* error)
{
    CaseFile::Options options;
    options.runQuickCheck = false; // readers open cases the writer side has validated; keep opening cheap
    auto file = CaseFile::open(path, CaseFile::Mode::ReadOnly, options, error);
    if (!file)
        return nullptr;
    return std::unique_ptr<CaseReader>(new CaseReader(std::move(file)));
}

QList<NameEntry> CaseReader::names(const NameFilter& filter) const
{
    QList<NameEntry> result;
    forEachName(filter, [&](const NameEntry& e) {
        result.append(e);
        return true;
    });
    return result;
}

bool CaseReader::forEachName(
    const NameFilter& filter, const std::function<bool(const NameEntry&)>& callback, CaseError* error) const
{
    sqlite3* db = m_file->handle();
    // Bound as '' (not NULL) when absent: the SQL tests "?1 = ''".
    const QString substring = QStringLiteral("") + filter.substring.trimmed().toLower();
    const QString suffix = QStringLiteral("") + normalizeDomainName(filter.suffix);
    // Rows come in name order and are folded into entries in C++ (EntryFolder), one of two ways:
    // - a short list walks the key index (names) or the rdata index (addresses) row by row and stops at its
    //   limit: the first entries come at once;
    // - a long list reads the whole table in order (NOT INDEXED: through an index each row is fetched at random)
    //   and SQLite groups it by (name, source) in one sort. Grouping by name in SQL as well would sort again:
    //   9.8 M records, sqlite3 shell with the case's cache and mmap settings, names 12.3 -> 6.5 s, addresses
    //   10.7 -> 7.3 s.
    // Without the indexes (a bulk import running) a walk would sort the whole table too: every list is long then.
    const bool walk = filter.limit > 0 && filter.limit <= kNameWalkLimit && caseIndexesPresent(db);
    const qint64 limit = filter.limit > 0 ? qint64(filter.limit) : std::numeric_limits<qint64>::max();
    const char* const namesSql = walk ? R"sql(
        SELECT rrname, source_id, 1, first_seen, last_seen, count,
               CASE WHEN section = 3 THEN 1 + (rdata = 'NXDOMAIN') ELSE 0 END
        FROM observations
        WHERE (?1 = '' OR instr(rrname, ?1) > 0)
          AND (?2 = '' OR rrname = ?2 OR substr(rrname, -length(?2) - 1) = '.' || ?2)
        ORDER BY rrname)sql"
                                      : R"sql(
        SELECT rrname, source_id, count(*), min(first_seen), max(last_seen), sum(count),
               max(CASE WHEN section = 3 THEN 1 + (rdata = 'NXDOMAIN') ELSE 0 END)
        FROM observations NOT INDEXED
        WHERE (?1 = '' OR instr(rrname, ?1) > 0)
          AND (?2 = '' OR rrname = ?2 OR substr(rrname, -length(?2) - 1) = '.' || ?2)
        GROUP BY rrname, source_id ORDER BY rrname, source_id)sql";
    SqlStatement names(db, namesSql);
    names.bind(1, substring);
    names.bind(2, suffix);
    const FoldEnd namesEnd = foldInKeyOrder(names, limit, false, callback);
    if (namesEnd == FoldEnd::ReadFailed)
        return listingFailed(names, error);
    if (namesEnd == FoldEnd::CallbackStopped || !filter.includeAddresses)
        return true;
    const char* const addressesSql = walk ? R"sql(
        SELECT rdata, source_id, 1, first_seen, last_seen, count, 0 FROM observations
        WHERE rrtype IN ('A', 'AAAA') AND section = 0 AND (?1 = '' OR instr(rdata, ?1) > 0)
        ORDER BY rdata)sql"
                                          : R"sql(
        SELECT rdata, source_id, count(*), min(first_seen), max(last_seen), sum(count), 0
        FROM observations NOT INDEXED
        WHERE rrtype IN ('A', 'AAAA') AND section = 0 AND (?1 = '' OR instr(rdata, ?1) > 0)
        GROUP BY rdata, source_id ORDER BY rdata, source_id)sql";
    SqlStatement addresses(db, addressesSql);
    addresses.bind(1, substring);
    if (foldInKeyOrder(addresses, limit, true, callback) == FoldEnd::ReadFailed)
        return listingFailed(addresses, error);
    return true;
}

QList<SourcedObservation> CaseReader::timeline(const QString& name, bool followChains) const
{
    sqlite3* db = m_file->handle();
    const SourceMap sources = loadSources(db);
    QList<SourcedObservation> result;
    QSet<QString> visited;
    QStringList level{normalizeDomainName(name)};
    for (int depth = 0; depth <= kMaxChainHops && !level.isEmpty(); ++depth) {
        QStringList next;
        for (const QString& owner : std::as_const(level)) {
            if (visited.contains(owner))
                continue;
            visited.insert(owner);
            const auto rows = rowsForName(db, m_serviceColumn, owner, sources, depth);
            for (const auto& row : rows) {
                if (followChains && isChainLink(row.observation) && row.observation.rrtype == QLatin1String("CNAME")
                    && !visited.contains(row.observation.rdata) && !next.contains(row.observation.rdata))
                    next.append(row.observation.rdata);
            }
            result.append(rows);
        }
        if (!followChains)
            break;
        level = next;
    }
    return result;
}

bool isAddressOrNetwork(const QString& text)
{
    const QString trimmed = text.trimmed();
    return canonicalAddress(trimmed).has_value() || parseCidr(trimmed).has_value();
}

QStringList CaseReader::namesThatWentNxdomain() const
{
    SqlStatement st(m_file->handle(),
        "SELECT DISTINCT rrname FROM observations WHERE section = 3 AND rdata = 'NXDOMAIN' ORDER BY rrname");
    QStringList names;
    while (st.step())
        names.append(st.text(0));
    return names;
}

QString exportSelectionKey(const QString& text)
{
    const QString trimmed = text.trimmed();
    if (const auto address = canonicalAddress(trimmed))
        return *address;
    return isAddressOrNetwork(trimmed) ? trimmed : normalizeDomainName(trimmed);
}

std::optional<QList<SourcedObservation>> CaseReader::reverse(const QString& argument) const
{
    QList<SourcedObservation> result;
    CaseError error;
    const bool read = forEachReverse(
        argument,
        [&](const SourcedObservation& row) {
            result.append(row);
            return true;
        },
        &error);
    if (!read && error.kind == CaseError::Kind::InvalidInput)
        return std::nullopt;
    return result;
}

bool CaseReader::forEachReverse(
    const QString& argument, const std::function<bool(const SourcedObservation&)>& callback, CaseError* error) const
{
    sqlite3* db = m_file->handle();
    const SourceMap sources = loadSources(db);
    const QString trimmed = argument.trimmed();
    // Rows in name order; a CIDR's range of text is narrowed to its exact addresses here.
    const auto stream = [&](SqlStatement& st, const std::function<bool(const QString&)>& keep) {
        while (st.step()) {
            const SourcedObservation row = readObservation(st, sources, 0);
            if (keep && !keep(row.observation.rdata))
                continue;
            if (!callback(row))
                return true;
        }
        if (!st.failed())
            return true;
        if (error)
            error->set(CaseError::Kind::Sql, QStringLiteral("Cannot read the case: %1").arg(st.error()));
        return false;
    };
    if (auto address = canonicalAddress(trimmed)) {
        SqlStatement st(db,
            selectObservations(
                m_serviceColumn, "o.rdata = ?1 AND o.rrtype IN ('A', 'AAAA') ORDER BY o.rrname, o.source_id")
                .constData());
        st.bind(1, *address);
        return stream(st, {});
    }
    if (auto cidr = parseCidr(trimmed)) {
        const QString prefix = cidr->textPrefix();
        const char* type = cidr->family == AF_INET ? "A" : "AAAA";
        QString upper = prefix;
        if (!upper.isEmpty())
            upper[upper.size() - 1] = QChar(upper.back().unicode() + 1);
        SqlStatement st(db,
            selectObservations(m_serviceColumn,
                "o.rrtype = ?1 AND (?2 = '' OR (o.rdata >= ?2 AND o.rdata < ?3)) "
                "ORDER BY o.rrname, o.source_id")
                .constData());
        st.bind(1, QString::fromLatin1(type));
        st.bind(2, QStringLiteral("") + prefix);
        st.bind(3, QStringLiteral("") + upper);
        return stream(st, [&](const QString& rdata) { return cidr->contains(rdata); });
    }
    const QString name = normalizeDomainName(trimmed);
    if (name.isEmpty() || name.contains(u'/') || name.contains(u' ')) {
        if (error)
            error->set(CaseError::Kind::InvalidInput,
                QStringLiteral("'%1' is not an address, a CIDR (address/prefix) or a domain name").arg(trimmed));
        return false;
    }
    SqlStatement st(db,
        selectObservations(m_serviceColumn,
            "o.rdata = ?1 AND o.rrtype NOT IN ('A', 'AAAA') "
            "ORDER BY o.rrname, o.source_id")
            .constData());
    st.bind(1, name);
    return stream(st, {});
}

AsOfResult CaseReader::asOf(const QString& name, qint64 time) const
{
    AsOfResult result;
    result.name = normalizeDomainName(name);
    result.time = time;
    const QList<SourcedObservation> all = timeline(result.name, true);

    // Follow the chain as it stood at T: from the name, through CNAMEs valid at T, to what they pointed at.
    QList<SourcedObservation> valid;
    QSet<QString> owners{result.name};
    QStringList targets; // the chain's targets in the order reached
    QStringList level{result.name};
    for (int hop = 0; hop <= kMaxChainHops && !level.isEmpty(); ++hop) {
        QStringList next;
        for (const auto& row : all) {
            if (!level.contains(row.observation.rrname) || !validAt(row.observation, time))
                continue;
            valid.append(row);
            if (isChainLink(row.observation) && !owners.contains(row.observation.rdata)) {
                owners.insert(row.observation.rdata);
                next.append(row.observation.rdata);
                targets.append(row.observation.rdata);
            }
        }
        level = next;
    }

    QList<qint64> order;
    QHash<qint64, AsOfSource> bySource;
    auto entry = [&](const SourcedObservation& row) -> AsOfSource& {
        if (!bySource.contains(row.sourceId)) {
            order.append(row.sourceId);
            AsOfSource s;
            s.sourceId = row.sourceId;
            s.sourceLabel = row.sourceLabel;
            bySource.insert(row.sourceId, s);
        }
        return bySource[row.sourceId];
    };
    for (const auto& row : valid)
        entry(row).validAtT.append(row);

    // Per source, an owner's latest answers that ended before a time; the rows added are returned.
    const auto addLatestBefore = [&](const QString& owner, qint64 before) {
        QHash<qint64, qint64> latestEnd;
        for (const auto& row : all) {
            if (row.observation.rrname != owner || !row.observation.lastSeen || *row.observation.lastSeen >= before)
                continue;
            if (*row.observation.lastSeen > latestEnd.value(row.sourceId, std::numeric_limits<qint64>::min()))
                latestEnd.insert(row.sourceId, *row.observation.lastSeen);
        }
        QList<SourcedObservation> added;
        for (const auto& row : all) {
            if (row.observation.rrname == owner && row.observation.lastSeen && latestEnd.contains(row.sourceId)
                && *row.observation.lastSeen == latestEnd.value(row.sourceId)) {
                entry(row).lastBeforeT.append(row);
                added.append(row);
            }
        }
        return added;
    };
    QList<SourcedObservation> earlier = addLatestBefore(result.name, time);
    // A CNAME valid at T whose target has no answer at T (a CDN name's addresses are seen for moments, its CNAME
    // for months): the target's latest answers too. The sandbox override follows the chain the same way.
    for (const QString& owner : std::as_const(targets)) {
        if (std::none_of(
                valid.cbegin(), valid.cend(), [&](const auto& row) { return row.observation.rrname == owner; }))
            addLatestBefore(owner, time);
    }
    // A CNAME among the earlier answers: where it led when it was last seen, hop by hop (what was valid then, else
    // the latest before then), as the sandbox override pins it.
    QSet<QString> followed{result.name};
    for (int hop = 0; hop < kMaxChainHops && !earlier.isEmpty(); ++hop) {
        QList<SourcedObservation> next;
        for (const auto& link : std::as_const(earlier)) {
            const Observation& o = link.observation;
            if (!isChainLink(o) || !o.lastSeen || followed.contains(o.rdata))
                continue;
            followed.insert(o.rdata);
            const qsizetype before = next.size();
            for (const auto& row : all) {
                if (row.observation.rrname == o.rdata && validAt(row.observation, *o.lastSeen)) {
                    entry(row).lastBeforeT.append(row);
                    next.append(row);
                }
            }
            if (next.size() == before)
                next += addLatestBefore(o.rdata, *o.lastSeen);
        }
        earlier = next;
    }
    // The two ways to a target can meet: each row once.
    for (AsOfSource& source : bySource) {
        QSet<qint64> seen;
        source.lastBeforeT.removeIf([&](const SourcedObservation& row) {
            const bool repeat = seen.contains(row.id);
            seen.insert(row.id);
            return repeat;
        });
    }
    for (qint64 id : order)
        result.sources.append(bySource.value(id));
    return result;
}

CaseCounts CaseReader::counts() const
{
    sqlite3* db = m_file->handle();
    CaseCounts c;
    c.observations = queryInt(db, "SELECT count(*) FROM observations").value_or(0);
    if (caseKeyIndexPresent(db))
        c.names = queryInt(db, "SELECT count(*) FROM (SELECT DISTINCT rrname FROM observations)").value_or(0);
    else
        c.names.reset();
    c.sources = queryInt(db, "SELECT count(*) FROM sources").value_or(0);
    c.incompleteSources = queryInt(db, "SELECT count(*) FROM sources WHERE state <> 'complete'").value_or(0);
    c.providerQueries = queryInt(db, "SELECT count(*) FROM provider_queries").value_or(0);
    c.notes = queryInt(db, "SELECT count(*) FROM notes").value_or(0);
    return c;
}

QList<SourceInfo> CaseReader::sources() const
{
    QList<SourceInfo> list;
    SqlStatement st(
        m_file->handle(), QByteArray(QByteArray("SELECT ") + kSourceColumns + " FROM sources ORDER BY id").constData());
    while (st.step())
        list.append(readSource(st));
    return list;
}

std::optional<SourceInfo> CaseReader::source(qint64 id) const
{
    SqlStatement st(m_file->handle(),
        QByteArray(QByteArray("SELECT ") + kSourceColumns + " FROM sources WHERE id = ?1").constData());
    st.bind(1, id);
    if (!st.step())
        return std::nullopt;
    return readSource(st);
}

QList<QPair<QString, QString>> CaseReader::sourceErrors(qint64 sourceId, int limit) const
{
    QList<QPair<QString, QString>> list;
    SqlStatement st(
        m_file->handle(), "SELECT position, message FROM source_errors WHERE source_id = ?1 ORDER BY id LIMIT ?2");
    st.bind(1, sourceId);
    st.bind(2, qint64(limit));
    while (st.step())
        list.append({st.text(0), st.text(1)});
    return list;
}

bool CaseReader::forEachObservation(
    const ExportFilter& filter, const std::function<bool(const SourcedObservation&)>& callback, CaseError* error) const
{
    sqlite3* db = m_file->handle();
    const SourceMap sources = loadSources(db);
    const QSet<qint64> sourceIds(filter.sourceIds.cbegin(), filter.sourceIds.cend());
    auto keep = [&](const SourcedObservation& row) {
        if (!sourceIds.isEmpty() && !sourceIds.contains(row.sourceId))
            return false;
        const Observation& o = row.observation;
        if (filter.since && o.lastSeen && *o.lastSeen < *filter.since)
            return false;
        if (filter.until && o.firstSeen && *o.firstSeen > *filter.until)
            return false;
        return true;
    };
    if (filter.names.isEmpty()) {
        SqlStatement st(db,
            selectObservations(m_serviceColumn, "1 ORDER BY o.rrname, o.rrtype, o.rdata, o.section, o.source_id")
                .constData());
        while (st.step()) {
            const SourcedObservation row = readObservation(st, sources, 0);
            if (keep(row) && !callback(row))
                return true;
        }
        if (st.failed()) {
            if (error)
                error->set(CaseError::Kind::Sql, QStringLiteral("Cannot read the case: %1").arg(st.error()));
            return false;
        }
        return true;
    }
    QSet<qint64> seen;
    QList<SourcedObservation> rows;
    for (const QString& name : filter.names) {
        const QList<SourcedObservation> selected
            = isAddressOrNetwork(name) ? reverse(name).value_or(QList<SourcedObservation>{}) : timeline(name, true);
        for (const auto& row : selected) {
            if (!seen.contains(row.id)) {
                seen.insert(row.id);
                rows.append(row);
            }
        }
    }
    std::sort(rows.begin(), rows.end(), [](const SourcedObservation& a, const SourcedObservation& b) {
        const Observation& x = a.observation;
        const Observation& y = b.observation;
        return std::tie(x.rrname, x.rrtype, x.rdata, x.section, a.sourceId)
            < std::tie(y.rrname, y.rrtype, y.rdata, y.section, b.sourceId);
    });
    for (const auto& row : rows) {
        if (keep(row) && !callback(row))
            return true;
    }
    return true;
}

} // namespace pdnsw
