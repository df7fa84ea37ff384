#include "models/CaseSchema.h"

#include "models/SqlStatement.h"

#include <sqlite3.h>

namespace pdnsw {

namespace {

// Version 1. Observations are unique per (rrname, rrtype, rdata, section, source): the index starts with
// rrname so the same b-tree answers "everything about this name" (timeline, as-of) without another index.
constexpr const char* kSchemaV1 = R"sql(
CREATE TABLE case_info(
    key   TEXT PRIMARY KEY,
    value TEXT
) WITHOUT ROWID;

CREATE TABLE sources(
    id               INTEGER PRIMARY KEY,
    kind             TEXT NOT NULL,
    label            TEXT NOT NULL,
    path             TEXT,
    sha256           TEXT,
    size             INTEGER,
    imported_at      INTEGER NOT NULL,
    parameters       TEXT,
    time_granularity TEXT NOT NULL DEFAULT 'second',
    time_kind        TEXT NOT NULL DEFAULT 'sensor',
    state            TEXT NOT NULL DEFAULT 'importing' CHECK (state IN ('importing', 'complete', 'incomplete')),
    stats            TEXT,
    count_is_max     INTEGER NOT NULL DEFAULT 0,
    observation_count INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX sources_sha256 ON sources(sha256) WHERE sha256 IS NOT NULL;

CREATE TABLE observations(
    id         INTEGER PRIMARY KEY,
    source_id  INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    rrname     TEXT NOT NULL,
    rrtype     TEXT NOT NULL,
    rdata      TEXT NOT NULL,
    section    INTEGER NOT NULL DEFAULT 0,
    first_seen INTEGER,
    last_seen  INTEGER,
    count      INTEGER,
    rcode      INTEGER,
    ttl_min    INTEGER,
    ttl_max    INTEGER,
    clients    TEXT,
    servers    TEXT,
    attrs      TEXT
);
CREATE UNIQUE INDEX observations_key ON observations(rrname, rrtype, rdata, section, source_id);

-- Bulk rows of earlier builds waiting to be merged into observations (see ObservationStage); no longer written.
CREATE TABLE observation_stage(
    source_id  INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    rrname     TEXT NOT NULL,
    rrtype     TEXT NOT NULL,
    rdata      TEXT NOT NULL,
    section    INTEGER NOT NULL,
    first_seen INTEGER,
    last_seen  INTEGER,
    count      INTEGER,
    rcode      INTEGER,
    ttl_min    INTEGER,
    ttl_max    INTEGER,
    clients    TEXT,
    servers    TEXT,
    attrs      TEXT
);

CREATE TABLE unanswered_queries(
    source_id  INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    rrname     TEXT NOT NULL,
    rrtype     TEXT NOT NULL,
    count      INTEGER NOT NULL,
    first_seen INTEGER,
    last_seen  INTEGER,
    PRIMARY KEY(source_id, rrname, rrtype)
) WITHOUT ROWID;

CREATE TABLE source_errors(
    id        INTEGER PRIMARY KEY,
    source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    position  TEXT NOT NULL,
    message   TEXT NOT NULL
);
CREATE INDEX source_errors_source ON source_errors(source_id);

CREATE TABLE provider_queries(
    id           INTEGER PRIMARY KEY,
    provider     TEXT NOT NULL,
    question     TEXT NOT NULL,
    parameters   TEXT,
    started_at   INTEGER NOT NULL,
    finished_at  INTEGER,
    http_status  INTEGER,
    pages        INTEGER NOT NULL DEFAULT 0,
    record_count INTEGER NOT NULL DEFAULT 0,
    error        TEXT,
    source_id    INTEGER REFERENCES sources(id) ON DELETE SET NULL
);
CREATE INDEX provider_queries_lookup ON provider_queries(provider, question);

CREATE TABLE provider_answers(
    id          INTEGER PRIMARY KEY,
    query_id    INTEGER NOT NULL REFERENCES provider_queries(id) ON DELETE CASCADE,
    page        INTEGER NOT NULL,
    url         TEXT,
    http_status INTEGER,
    received_at INTEGER NOT NULL,
    sha256      TEXT NOT NULL,
    size        INTEGER NOT NULL,
    body        BLOB
);
CREATE INDEX provider_answers_query ON provider_answers(query_id, page);

CREATE TABLE notes(
    id         INTEGER PRIMARY KEY,
    subject    TEXT NOT NULL,
    body       TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE INDEX notes_subject ON notes(subject);

CREATE TABLE tags(
    subject TEXT NOT NULL,
    tag     TEXT NOT NULL,
    PRIMARY KEY(subject, tag)
) WITHOUT ROWID;
)sql";

// Version 2: who runs each import that is in progress, so a second import of the same file can tell a live
// import (refused) from one that was killed (dropped and started over). Readers never need it.
constexpr const char* kSchemaV2 = R"sql(
CREATE TABLE source_importers(
    source_id     INTEGER PRIMARY KEY REFERENCES sources(id) ON DELETE CASCADE,
    host          TEXT NOT NULL,
    pid           INTEGER NOT NULL,
    process_start INTEGER NOT NULL,
    token         INTEGER NOT NULL,
    since         INTEGER NOT NULL
);
)sql";

// Version 3: multicast DNS and LLMNR records are kept apart from unicast DNS ones with the same name, type and
// data (Observation::service). Earlier builds marked them only in attrs, which is where the existing rows take
// their service from. The key index gains the column: the old one goes here, and ensureCaseIndexes, which every
// writable open runs after the migrations, builds the new one with its faster sorter settings.
constexpr const char* kSchemaV3 = R"sql(
ALTER TABLE observations ADD COLUMN service INTEGER NOT NULL DEFAULT 0;
UPDATE observations SET service = 1 WHERE attrs = '{"proto":"mdns"}';
UPDATE observations SET service = 2 WHERE attrs = '{"proto":"llmnr"}';
DROP INDEX IF EXISTS observations_key;
)sql";

} // namespace

// The observation indexes a bulk import drops while it runs and rebuilds at the end (a sorted build is far
// cheaper than millions of random inserts). Every writable open makes sure they exist, so an import killed in
// between leaves a case that heals itself. The bulk writer keeps its own keys unique (BulkKeyTable), so the
// unique index always builds.
bool ensureCaseIndexes(sqlite3* db, QString* message)
{
    if (caseIndexesPresent(db))
        return true;
    // SQLite's sorter cuts its input into runs as large as the page cache (up to 512 MiB) and sorts each run as
    // one linked list. With the writer's large cache that is millions of records, sorted with a cache miss per
    // step. Runs of 8 MiB sort inside the CPU caches, on helper threads while the table is still being scanned,
    // and are then merged. The cache is restored afterwards; the builds themselves write pages in order, so a
    // small cache costs them nothing. BenchCaseDatabase, 10 M rows: bulk import 358-377 k -> 417-439 k rows/s.
    const qint64 cacheSize = queryInt(db, "PRAGMA cache_size").value_or(-2000);
    const qint64 threads = queryInt(db, "PRAGMA threads").value_or(0);
    execSql(db, "PRAGMA cache_size = -8192; PRAGMA threads = 2;");
    const bool ok = execSql(db,
        "CREATE UNIQUE INDEX IF NOT EXISTS observations_key "
        "ON observations(rrname, rrtype, rdata, section, source_id, service);"
        "CREATE INDEX IF NOT EXISTS observations_rdata ON observations(rdata);",
        message);
    const QByteArray restore = "PRAGMA cache_size = " + QByteArray::number(cacheSize)
        + "; PRAGMA threads = " + QByteArray::number(threads) + ";";
    execSql(db, restore.constData());
    return ok;
}

bool caseIndexesPresent(sqlite3* db)
{
    return queryInt(db,
               "SELECT count(*) FROM sqlite_schema WHERE type = 'index' "
               "AND name IN ('observations_key', 'observations_rdata')")
               .value_or(0)
        == 2;
}

bool caseKeyIndexPresent(sqlite3* db)
{
    return queryInt(db, "SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND name = 'observations_key'")
               .value_or(0)
        > 0;
}

QByteArray serviceFromAttrsSql(const char* attrs)
{
    return QByteArray("CASE ") + attrs
        + " WHEN '{\"proto\":\"mdns\"}' THEN 1 WHEN '{\"proto\":\"llmnr\"}' THEN 2 ELSE 0 END";
}

bool dropDeferrableIndexes(sqlite3* db, QString* message)
{
    return execSql(db, "DROP INDEX IF EXISTS observations_key; DROP INDEX IF EXISTS observations_rdata;", message);
}

const QList<Migration>& caseMigrations()
{
    static const QList<Migration> migrations{
        Migration{1, kSchemaV1},
        Migration{2, kSchemaV2},
        Migration{3, kSchemaV3},
    };
    return migrations;
}

bool applyMigrations(sqlite3* db, const QList<Migration>& migrations, QString* message)
{
    const int current = static_cast<int>(queryInt(db, "PRAGMA user_version").value_or(0));
    for (const Migration& m : migrations) {
        if (m.version <= current)
            continue;
        QString error;
        if (!execSql(db, "BEGIN IMMEDIATE", &error)) {
            if (message)
                *message = error;
            return false;
        }
        const QByteArray setVersion = "PRAGMA user_version = " + QByteArray::number(m.version);
        if (!execSql(db, m.sql, &error) || !execSql(db, setVersion.constData(), &error)) {
            execSql(db, "ROLLBACK");
            if (message)
                *message = QStringLiteral("schema migration to version %1 failed: %2").arg(m.version).arg(error);
            return false;
        }
        if (!execSql(db, "COMMIT", &error)) {
            execSql(db, "ROLLBACK");
            if (message)
                *message = error;
            return false;
        }
    }
    return true;
}

} // namespace pdnsw
