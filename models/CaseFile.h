#pragma once

#include "models/CaseError.h"

#include <QString>

#include <functional>
#include <memory>

struct sqlite3;

namespace pdnsw {

// One case = one SQLite file (*.pdnscase). This class validates, creates, migrates and opens it through the
// SQLite C API. A file that is not a case, is from a newer version, is truncated or fails quick_check is
// refused before anything is written to it.
class CaseFile
{
public:
    static constexpr quint32 kApplicationId = 0x50444E53; // "PDNS"
    static constexpr int kSchemaVersion = 3;
    // Read-only opens accept older files from this version on: what the later versions added is only needed
    // by writers (a writable open migrates the file).
    static constexpr int kOldestReadableVersion = 1;
    // From this size, reading a whole case (its check, a whole name list) takes long enough to tell the analyst.
    static constexpr qint64 kSlowToReadBytes = 256 * 1024 * 1024;

    enum class Mode
    {
        OpenExisting, // read-write; the file must exist and be a case
        CreateIfMissing, // read-write; a missing file becomes a new empty case
        ReadOnly, // readers (GUI models, CLI queries); never writes
    };

    struct Options
    {
        bool runQuickCheck = true; // PRAGMA quick_check before use
        // Told, on the opening thread, before a step that can keep a big case busy for seconds: checking a file
        // of at least announceCheckFrom bytes, upgrading an older format, rebuilding indexes an interrupted bulk
        // import left down. The text is a sentence for the analyst.
        std::function<void(const QString&)> onLongStep;
        qint64 announceCheckFrom = kSlowToReadBytes;
        // Told on the opening thread when the check of an existing file starts and then about every 100 ms: the
        // distinct pages SQLite has read so far, of all the file's pages. (quick_check reads each page, then the
        // tables' pages again for their rows, so pagesRead reaches pageCount before the check ends.) Returning false
        // stops the check: the open fails with Kind::Cancelled and the file is left unchanged.
        std::function<bool(qint64 pagesRead, qint64 pageCount)> onCheckProgress;
    };

    // How far a check is, for a status line: "64 % of the file read", then what it does after every page is in.
    static QString checkProgressText(qint64 pagesRead, qint64 pageCount);

    static std::unique_ptr<CaseFile> open(const QString& path, Mode mode, CaseError* error);
    static std::unique_ptr<CaseFile> open(const QString& path, Mode mode, const Options& options, CaseError* error);
    ~CaseFile();

    CaseFile(const CaseFile&) = delete;
    CaseFile& operator=(const CaseFile&) = delete;

    const QString& path() const { return m_path; }
    bool isReadOnly() const { return m_readOnly; }
    QString caseId() const; // a UUID made when the case was created
    QString title() const; // the file's base name unless set
    qint64 createdAt() const;
    int schemaVersion() const;

    // "ok" or the first problems quick_check reports.
    QString quickCheck() const;

    // Consistent copy of the live database (VACUUM INTO), never a file copy.
    bool backupTo(const QString& target, CaseError* error) const;

    // For models/ classes only: the raw connection. Nothing outside models speaks SQL.
    sqlite3* handle() const { return m_db; }

private:
    CaseFile() = default;
    QString m_path;
    sqlite3* m_db = nullptr;
    bool m_readOnly = false;
};

} // namespace pdnsw
