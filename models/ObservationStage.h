#pragma once

#include <QString>

struct sqlite3;

namespace pdnsw {

// Case files written by earlier builds: their bulk imports appended rows to the observation_stage table and
// merged them into observations at the end. Today's bulk imports append to observations directly (see
// ObservationWriter), so the stage only ever holds what such an older import left behind when it was killed;
// a writable open merges it so no committed batch of those files is lost.

// Merges the staged rows of one source into observations (min first seen, max last seen, summed count, or the
// largest when countIsMax) and removes them from the stage. Runs inside the caller's transaction. Returns the
// number of new observation rows, or -1 with message on failure.
qint64 mergeStagedObservations(sqlite3* db, qint64 sourceId, bool countIsMax, QString* message);

// After a crash: merges whatever a dead import left staged, so no committed batch is lost, and marks those
// sources incomplete. Called by every writable open; cheap when the stage is empty.
bool recoverStagedObservations(sqlite3* db, QString* message);

} // namespace pdnsw
