#pragma once

#include <QString>
#include <QtGlobal>

struct sqlite3;

namespace pdnsw {

// Who is importing a source right now. A second import of the same file must not take a live import for an
// interrupted one and drop its rows: it asks whether the recorded importer still runs. A killed process is
// recognised by its process id and start time; imports of this process by the tokens they registered.
struct ImportOwner
{
    QString host;
    qint64 pid = 0;
    qint64 processStart = 0; // clock ticks after boot (/proc/<pid>/stat), so a reused pid does not count
    qint64 token = 0;

    // This process, with a fresh token (not yet registered).
    static ImportOwner forThisProcess();
    // True when that import may still be running. An importer on another host cannot be checked and counts as
    // running: its rows are never dropped from here.
    bool isRunning() const;
};

// True when an import on this machine is writing a source of the case right now (its source_importers row has a
// live owner). Owners on other hosts do not count here: a case lives on a local file system, so a row from
// another machine came with a copied file and nobody there is writing this one.
bool importRunningOnThisHost(sqlite3* db);

// This process's imports that are running: registered when a source starts, released when it ends.
void registerLiveImport(qint64 token);
void releaseLiveImport(qint64 token);

} // namespace pdnsw
