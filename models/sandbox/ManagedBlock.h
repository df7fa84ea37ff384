#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

namespace pdnsw {

// The part of a hosts (or dnsmasq / unbound / inetsim) file that PDNS Workbench owns: the lines between
// "# BEGIN pdns-workbench" and "# END pdns-workbench". Applying replaces that block in place (or appends it),
// reverting removes it; every other byte of the file stays as it was, including CRLF line ends and a missing
// final line end. Unbalanced or repeated markers are refused rather than guessed at, so a damaged file is
// never made worse.
class ManagedBlock
{
public:
    static const QByteArray kBeginMarker; // "# BEGIN pdns-workbench"
    static const QByteArray kEndMarker; // "# END pdns-workbench"

    // The file bytes with the block set to these lines (text split on LF; CRs dropped; written with the file's
    // own line ending, or defaultLineEnding for an empty file). nullopt with *error set on unbalanced markers
    // or content that contains a marker line.
    static std::optional<QByteArray> withBlock(
        const QByteArray& original, const QString& blockText, const QByteArray& defaultLineEnding, QString* error);
    // The file bytes without the block; *found says whether there was one. nullopt on unbalanced markers.
    static std::optional<QByteArray> withoutBlock(const QByteArray& original, bool* found, QString* error);

    struct FileResult
    {
        bool ok = false;
        bool changed = false;
        bool blockFound = false; // revert: there was a block to remove
        QString backupPath; // FILE.pdnsw-backup, written before the file was replaced
        QString error; // names the file and says what to do
    };

    // Apply to / revert from a real file: the old bytes go to FILE.pdnsw-backup first, then the file is replaced
    // atomically (QSaveFile) keeping its permissions (and owner when running as root). A symlink is followed.
    static FileResult applyToFile(const QString& path, const QString& blockText, const QByteArray& defaultLineEnding);
    static FileResult revertFile(const QString& path);

    static QString backupPathFor(const QString& path);
};

} // namespace pdnsw
