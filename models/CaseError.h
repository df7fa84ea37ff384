#pragma once

#include <QString>

namespace pdnsw {

// A typed error from the case layer: the kind lets callers (CLI exit codes, GUI dialogs, tests) react,
// the message says what went wrong and what to do, naming the file.
struct CaseError
{
    enum class Kind
    {
        None,
        NotFound, // the file does not exist (and creation was not asked for)
        NotACase, // not an SQLite file, or an SQLite file of another application
        NewerVersion, // written by a newer PDNS Workbench
        Corrupt, // truncated, or fails quick_check
        Io, // cannot read/write (permissions, disk full)
        Busy, // locked by another writer for too long
        Duplicate, // the file's SHA-256 is already a complete source of the case
        InvalidInput, // a caller passed something unusable
        Sql, // an unexpected SQLite error
        Cancelled, // the caller gave up (a wait for another import was cancelled)
    };
    Kind kind = Kind::None;
    QString message;

    explicit operator bool() const { return kind != Kind::None; }
    void set(Kind k, QString m)
    {
        kind = k;
        message = std::move(m);
    }
};

} // namespace pdnsw
