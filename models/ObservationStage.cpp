#include "models/ObservationStage.h"

#include "models/CaseSchema.h"
#include "models/SqlStatement.h"

#include <QList>

namespace pdnsw {

namespace {

// GROUP BY already yields the rows in key order; ORDER BY states it. The WHERE clause also keeps the upsert's
// ON CONFLICT from being read as a join constraint.
// The stage has no service column: it holds rows of builds before schema version 3.
constexpr const char* kMergeSqlHead = R"sql(
INSERT INTO observations(source_id, rrname, rrtype, rdata, section, first_seen, last_seen, count, rcode, ttl_min,
                         ttl_max, clients, servers, attrs, service)
SELECT ?1, rrname, rrtype, rdata, section, min(first_seen), max(last_seen),
       CASE WHEN ?2 THEN max(count) ELSE sum(count) END, max(rcode), min(ttl_min), max(ttl_max), max(clients),
       max(servers), max(attrs), )sql";

constexpr const char* kMergeSqlTail = R"sql(
FROM observation_stage WHERE source_id = ?1
GROUP BY rrname, rrtype, rdata, section
ORDER BY rrname, rrtype, rdata, section
ON CONFLICT(rrname, rrtype, rdata, section, source_id, service) DO UPDATE SET
    first_seen = CASE WHEN first_seen IS NULL THEN excluded.first_seen WHEN excluded.first_seen IS NULL
                      THEN first_seen ELSE min(first_seen, excluded.first_seen) END,
    last_seen = CASE WHEN last_seen IS NULL THEN excluded.last_seen WHEN excluded.last_seen IS NULL
                     THEN last_seen ELSE max(last_seen, excluded.last_seen) END,
    count = CASE WHEN count IS NULL THEN excluded.count WHEN excluded.count IS NULL THEN count
                 WHEN ?2 THEN max(count, excluded.count) ELSE count + excluded.count END,
    rcode = coalesce(excluded.rcode, rcode),
    ttl_min = CASE WHEN ttl_min IS NULL THEN excluded.ttl_min WHEN excluded.ttl_min IS NULL THEN ttl_min
                   ELSE min(ttl_min, excluded.ttl_min) END,
    ttl_max = CASE WHEN ttl_max IS NULL THEN excluded.ttl_max WHEN excluded.ttl_max IS NULL THEN ttl_max
                   ELSE max(ttl_max, excluded.ttl_max) END,
    clients = coalesce(excluded.clients, clients),
    servers = coalesce(excluded.servers, servers),
    attrs = coalesce(excluded.attrs, attrs)
)sql";

} // namespace

qint64 mergeStagedObservations(sqlite3* db, qint64 sourceId, bool countIsMax, QString* message)
{
    // New rows get row ids above the current largest: their number is the growth of max(id).
    const qint64 before = queryInt(db, "SELECT coalesce(max(id), 0) FROM observations").value_or(0);
    static const QByteArray mergeSql = kMergeSqlHead + serviceFromAttrsSql("max(attrs)") + kMergeSqlTail;
    SqlStatement merge(db, mergeSql.constData());
    merge.bind(1, sourceId);
    merge.bind(2, countIsMax ? qint64(1) : qint64(0));
    if (!merge.exec()) {
        if (message)
            *message = merge.error();
        return -1;
    }
    SqlStatement clear(db, "DELETE FROM observation_stage WHERE source_id = ?1");
    clear.bind(1, sourceId);
    if (!clear.exec()) {
        if (message)
            *message = clear.error();
        return -1;
    }
    const qint64 inserted = queryInt(db, "SELECT coalesce(max(id), 0) FROM observations").value_or(0) - before;
    SqlStatement bump(db, "UPDATE sources SET observation_count = observation_count + ?2 WHERE id = ?1");
    bump.bind(1, sourceId);
    bump.bind(2, inserted);
    bump.exec();
    return inserted;
}

bool recoverStagedObservations(sqlite3* db, QString* message)
{
    if (!queryInt(db, "SELECT EXISTS (SELECT 1 FROM observation_stage)").value_or(0))
        return true;
    QList<QPair<qint64, bool>> sources;
    {
        SqlStatement list(db,
            "SELECT s.id, s.count_is_max FROM sources s "
            "WHERE EXISTS (SELECT 1 FROM observation_stage g WHERE g.source_id = s.id)");
        while (list.step())
            sources.append({list.int64(0), list.int64(1) != 0});
    }
    if (!execSql(db, "BEGIN IMMEDIATE", message))
        return false;
    for (const auto& [id, countIsMax] : sources) {
        if (mergeStagedObservations(db, id, countIsMax, message) < 0) {
            execSql(db, "ROLLBACK");
            return false;
        }
        SqlStatement mark(db, "UPDATE sources SET state = 'incomplete' WHERE id = ?1 AND state = 'importing'");
        mark.bind(1, id);
        mark.exec();
    }
    return execSql(db, "COMMIT", message);
}

} // namespace pdnsw
