#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

struct sqlite3;

namespace pdnsw {

// The case file's schema as a list of migrations; migration N brings user_version from N-1 to N.
struct Migration
{
    int version;
    const char* sql;
};

const QList<Migration>& caseMigrations();

// Applies every migration above the file's user_version, each in its own transaction that also sets
// user_version; on failure the transaction is rolled back, user_version stays, and message says why.
bool applyMigrations(sqlite3* db, const QList<Migration>& migrations, QString* message);

bool ensureCaseIndexes(sqlite3* db, QString* message = nullptr);
// True when both indexes ensureCaseIndexes builds are there (false: a bulk import has them down).
bool caseIndexesPresent(sqlite3* db);
// False while a bulk import has the observation key index down (see ensureCaseIndexes).
bool caseKeyIndexPresent(sqlite3* db);
bool dropDeferrableIndexes(sqlite3* db, QString* message = nullptr);

// The service (Observation::service) of a row that has only its attrs to say, as builds before schema version 3
// marked local-link records: an SQL expression over the attrs expression given.
QByteArray serviceFromAttrsSql(const char* attrs);

} // namespace pdnsw
