#include "models/sandbox/ManagedBlock.h"

#include <QFile>
#include <QFileInfo>
#include <QList>
#include <QSaveFile>

#ifdef Q_OS_UNIX
#include <sys/stat.h>
#include <unistd.h>
#endif

namespace pdnsw {

const QByteArray ManagedBlock::kBeginMarker = QByteArrayLiteral("# BEGIN pdns-workbench");
const QByteArray ManagedBlock::kEndMarker = QByteArrayLiteral("# END pdns-workbench");

namespace {

// Said on the BEGIN line when the file lacked a final line end and one was added before the block, so that
// revert can take it away again and restore the file byte for byte.
const QByteArray kAddedLineEndNote = QByteArrayLiteral(" (line end added above)");

struct Line
{
    QByteArray content; // without the terminator
    QByteArray terminator; // "\n", "\r\n" or "" for a last line without one
};

QList<Line> splitLines(const QByteArray& data)
{
    QList<Line> lines;
    qsizetype start = 0;
    while (start < data.size()) {
        const qsizetype nl = data.indexOf('\n', start);
        if (nl < 0) {
            lines.append({data.mid(start), QByteArray()});
            break;
        }
        const bool cr = nl > start && data.at(nl - 1) == '\r';
        lines.append(
            {data.mid(start, nl - start - (cr ? 1 : 0)), cr ? QByteArrayLiteral("\r\n") : QByteArrayLiteral("\n")});
        start = nl + 1;
    }
    return lines;
}

QByteArray joinLines(const QList<Line>& lines)
{
    QByteArray out;
    for (const Line& l : lines)
        out += l.content + l.terminator;
    return out;
}

bool isMarker(const QByteArray& content, const QByteArray& marker)
{
    const QByteArray t = content.trimmed();
    return t == marker || t.startsWith(marker + ' ');
}

struct BlockPosition
{
    qsizetype begin = -1;
    qsizetype end = -1;
};

std::optional<BlockPosition> findBlock(const QList<Line>& lines, QString* error)
{
    QList<qsizetype> begins;
    QList<qsizetype> ends;
    for (qsizetype i = 0; i < lines.size(); ++i) {
        if (isMarker(lines.at(i).content, ManagedBlock::kBeginMarker))
            begins.append(i);
        else if (isMarker(lines.at(i).content, ManagedBlock::kEndMarker))
            ends.append(i);
    }
    if (begins.isEmpty() && ends.isEmpty())
        return BlockPosition{};
    if (begins.size() == 1 && ends.size() == 1 && begins.first() < ends.first())
        return BlockPosition{begins.first(), ends.first()};
    if (error) {
        QStringList where;
        for (qsizetype b : begins)
            where.append(QStringLiteral("BEGIN at line %1").arg(b + 1));
        for (qsizetype e : ends)
            where.append(QStringLiteral("END at line %1").arg(e + 1));
        *error = QStringLiteral("the pdns-workbench markers are unbalanced (%1); fix the block by hand before "
                                "applying or reverting")
                     .arg(where.join(QStringLiteral(", ")));
    }
    return std::nullopt;
}

QByteArray detectLineEnding(const QList<Line>& lines, const QByteArray& fallback)
{
    for (const Line& l : lines) {
        if (!l.terminator.isEmpty())
            return l.terminator;
    }
    return fallback;
}

bool writeAtomically(const QString& path, const QByteArray& data, QFileDevice::Permissions permissions, uint ownerId,
    uint groupId, QString* error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        *error = QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    file.setPermissions(permissions);
#ifdef Q_OS_UNIX
    // Keep the owner when we may (running as root); otherwise the file simply becomes ours, as any editor does.
    if (::geteuid() == 0 && ownerId != uint(-2) && ::fchown(file.handle(), ownerId, groupId) != 0)
        qWarning("could not keep the owner of %s", qUtf8Printable(path));
#else
    Q_UNUSED(ownerId);
    Q_UNUSED(groupId);
#endif
    if (file.write(data) != data.size() || !file.commit()) {
        *error = QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
        file.cancelWriting();
        return false;
    }
    return true;
}

struct ReadFile
{
    QString target;
    QByteArray data;
    QFileDevice::Permissions permissions;
    uint owner = uint(-2);
    uint group = uint(-2);
};

std::optional<ReadFile> readTarget(const QString& path, QString* error)
{
    const QFileInfo info(path);
    if (!info.exists()) {
        *error = QStringLiteral("%1 does not exist; give the path of an existing hosts file").arg(path);
        return std::nullopt;
    }
    ReadFile result;
    result.target = info.isSymLink() ? info.canonicalFilePath() : info.absoluteFilePath();
    const QFileInfo target(result.target);
    if (!target.isFile()) {
        *error = QStringLiteral("%1 is not a regular file").arg(path);
        return std::nullopt;
    }
    if (!target.isWritable()) {
        *error = QStringLiteral("%1 is not writable by this user; run the command with the rights to change it "
                                "(for /etc/hosts: sudo), or write the override with -o FILE and install it yourself")
                     .arg(result.target);
        return std::nullopt;
    }
    QFile file(result.target);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read %1: %2").arg(result.target, file.errorString());
        return std::nullopt;
    }
    result.data = file.readAll();
    result.permissions = file.permissions();
#ifdef Q_OS_UNIX
    struct stat st
    {
    };
    if (::fstat(file.handle(), &st) == 0) {
        result.owner = st.st_uid;
        result.group = st.st_gid;
    }
#endif
    return result;
}

ManagedBlock::FileResult replaceFile(const ReadFile& file, const QByteArray& updated)
{
    ManagedBlock::FileResult result;
    if (updated == file.data) {
        result.ok = true;
        return result;
    }
    result.backupPath = ManagedBlock::backupPathFor(file.target);
    if (!writeAtomically(result.backupPath, file.data, file.permissions, file.owner, file.group, &result.error)) {
        result.error
            = QStringLiteral("%1 was left unchanged because the backup failed: %2").arg(file.target, result.error);
        result.backupPath.clear();
        return result;
    }
    if (!writeAtomically(file.target, updated, file.permissions, file.owner, file.group, &result.error)) {
        result.error += QStringLiteral("; %1 was left unchanged").arg(file.target);
        return result;
    }
    result.ok = true;
    result.changed = true;
    return result;
}

} // namespace

QString ManagedBlock::backupPathFor(const QString& path)
{
    return path + QStringLiteral(".pdnsw-backup");
}

std::optional<QByteArray> ManagedBlock::withBlock(
    const QByteArray& original, const QString& blockText, const QByteArray& defaultLineEnding, QString* error)
{
    QList<Line> lines = splitLines(original);
    const auto position = findBlock(lines, error);
    if (!position)
        return std::nullopt;
    const QByteArray eol = detectLineEnding(lines, defaultLineEnding);

    QList<Line> block;
    block.append({kBeginMarker, eol});
    QStringList textLines = blockText.split(u'\n');
    if (!textLines.isEmpty() && textLines.last().isEmpty())
        textLines.removeLast();
    for (QString l : textLines) {
        if (l.endsWith(u'\r'))
            l.chop(1);
        const QByteArray bytes = l.toUtf8();
        if (isMarker(bytes, kBeginMarker) || isMarker(bytes, kEndMarker) || bytes.contains('\r')
            || bytes.contains('\0')) {
            if (error)
                *error
                    = QStringLiteral("the override text contains a marker line, a CR or a NUL; refusing to write it");
            return std::nullopt;
        }
        block.append({bytes, eol});
    }
    block.append({kEndMarker, eol});

    if (position->begin >= 0) {
        // Re-apply in place; the BEGIN line keeps its note about an added line end, the text above is unchanged.
        if (lines.at(position->begin).content.trimmed().endsWith(kAddedLineEndNote.trimmed()))
            block.first().content += kAddedLineEndNote;
        if (lines.at(position->end).terminator.isEmpty())
            block.last().terminator.clear(); // the END line was the last line and had no line end: keep it so
        lines.remove(position->begin, position->end - position->begin + 1);
        for (qsizetype i = 0; i < block.size(); ++i)
            lines.insert(position->begin + i, block.at(i));
    } else {
        if (!lines.isEmpty() && lines.last().terminator.isEmpty()) {
            lines.last().terminator = eol;
            block.first().content += kAddedLineEndNote;
        }
        lines += block;
    }
    return joinLines(lines);
}

std::optional<QByteArray> ManagedBlock::withoutBlock(const QByteArray& original, bool* found, QString* error)
{
    QList<Line> lines = splitLines(original);
    const auto position = findBlock(lines, error);
    if (!position)
        return std::nullopt;
    if (found)
        *found = position->begin >= 0;
    if (position->begin < 0)
        return original;
    const bool addedLineEnd = lines.at(position->begin).content.trimmed().endsWith(kAddedLineEndNote.trimmed());
    const bool atEnd = position->end + 1 == lines.size();
    lines.remove(position->begin, position->end - position->begin + 1);
    if (addedLineEnd && atEnd && position->begin > 0)
        lines[position->begin - 1].terminator.clear();
    return joinLines(lines);
}

ManagedBlock::FileResult ManagedBlock::applyToFile(
    const QString& path, const QString& blockText, const QByteArray& defaultLineEnding)
{
    FileResult result;
    const auto file = readTarget(path, &result.error);
    if (!file)
        return result;
    QString error;
    const auto updated = withBlock(file->data, blockText, defaultLineEnding, &error);
    if (!updated) {
        result.error = QStringLiteral("%1: %2").arg(file->target, error);
        return result;
    }
    return replaceFile(*file, *updated);
}

ManagedBlock::FileResult ManagedBlock::revertFile(const QString& path)
{
    FileResult result;
    const auto file = readTarget(path, &result.error);
    if (!file)
        return result;
    QString error;
    bool found = false;
    const auto updated = withoutBlock(file->data, &found, &error);
    if (!updated) {
        result.error = QStringLiteral("%1: %2").arg(file->target, error);
        return result;
    }
    result = replaceFile(*file, *updated);
    result.blockFound = found;
    return result;
}

} // namespace pdnsw
