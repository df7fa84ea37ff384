#pragma once

#include <QString>

struct sqlite3;

namespace pdnsw {

// Bulk imports append their rows to the observation_stage table (no index to keep in order, so each row costs
// an append) and merge them into observations at the end, grouped and in key order, so the key index is walked
// once from start to end instead of being hit at random once per row.

// Merges the staged rows of one source into observations (min first seen, max last seen, summed count, or the
// largest when countIsMax) and removes them from the stage. Runs inside the caller's transaction. Returns the
// number of new observation rows, or -1 with message on failure.
qint64 mergeStagedObservations(sqlite3* db, qint64 sourceId, bool countIsMax, QString* message);

// After a crash: merges whatever a dead import left staged, so no committed batch is lost, and marks those
// sources incomplete. Called by every writable open; cheap when the stage is empty.
bool recoverStagedObservations(sqlite3* db, QString* message);

} // namespace pdnsw
