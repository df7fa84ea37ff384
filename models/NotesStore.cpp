#include "models/NotesStore.h"

#include "models/CaseFile.h"
#include "models/SqlStatement.h"

#include <QDateTime>

#include <sqlite3.h>

namespace pdnsw {

namespace {

// Notes are typed by hand and cannot be re-derived: make each write durable against power loss too.
class FullSync
{
public:
    explicit FullSync(sqlite3* db)
        : m_db(db)
    {
        execSql(m_db, "PRAGMA synchronous = FULL");
    }
    ~FullSync() { execSql(m_db, "PRAGMA synchronous = NORMAL"); }

private:
    sqlite3* m_db;
};

Note readNote(const SqlStatement& st)
{
    Note n;
    n.id = st.int64(0);
    n.subject = st.text(1);
    n.body = st.text(2);
    n.createdAt = st.int64(3);
    n.updatedAt = st.int64(4);
    return n;
}

bool failWith(CaseError* error, const SqlStatement& st, const QString& what)
{
    if (error)
        error->set(CaseError::Kind::Sql, QStringLiteral("Cannot %1: %2").arg(what, st.error()));
    return false;
}

} // namespace

NotesStore::NotesStore(CaseFile& file)
    : m_file(file)
{
}

qint64 NotesStore::addNote(const QString& subject, const QString& body, CaseError* error)
{
    FullSync sync(m_file.handle());
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    SqlStatement st(
        m_file.handle(), "INSERT INTO notes(subject, body, created_at, updated_at) VALUES (?1, ?2, ?3, ?3)");
    st.bind(1, subject.isNull() ? QString(QLatin1String("")) : subject);
    st.bind(2, body.isNull() ? QString(QLatin1String("")) : body);
    st.bind(3, now);
    if (!st.exec()) {
        failWith(error, st, QStringLiteral("save the note"));
        return 0;
    }
    return sqlite3_last_insert_rowid(m_file.handle());
}

bool NotesStore::updateNote(qint64 id, const QString& body, CaseError* error)
{
    FullSync sync(m_file.handle());
    SqlStatement st(m_file.handle(), "UPDATE notes SET body = ?2, updated_at = ?3 WHERE id = ?1");
    st.bind(1, id);
    st.bind(2, body.isNull() ? QString(QLatin1String("")) : body);
    st.bind(3, QDateTime::currentSecsSinceEpoch());
    return st.exec() || failWith(error, st, QStringLiteral("update the note"));
}

bool NotesStore::deleteNote(qint64 id, CaseError* error)
{
    FullSync sync(m_file.handle());
    SqlStatement st(m_file.handle(), "DELETE FROM notes WHERE id = ?1");
    st.bind(1, id);
    return st.exec() || failWith(error, st, QStringLiteral("delete the note"));
}

QList<Note> NotesStore::notes(const QString& subject) const
{
    if (subject.isEmpty())
        return allNotes();
    QList<Note> list;
    SqlStatement st(m_file.handle(),
        "SELECT id, subject, body, created_at, updated_at FROM notes WHERE subject = ?1 "
        "ORDER BY created_at, id");
    st.bind(1, subject);
    while (st.step())
        list.append(readNote(st));
    return list;
}

QList<Note> NotesStore::allNotes() const
{
    QList<Note> list;
    SqlStatement st(m_file.handle(),
        "SELECT id, subject, body, created_at, updated_at FROM notes ORDER BY subject, created_at, id");
    while (st.step())
        list.append(readNote(st));
    return list;
}

bool NotesStore::addTag(const QString& subject, const QString& tag, CaseError* error)
{
    const QString clean = tag.trimmed();
    if (clean.isEmpty()) {
        if (error)
            error->set(CaseError::Kind::InvalidInput, QStringLiteral("A tag cannot be empty."));
        return false;
    }
    FullSync sync(m_file.handle());
    SqlStatement st(m_file.handle(), "INSERT OR IGNORE INTO tags(subject, tag) VALUES (?1, ?2)");
    st.bind(1, subject.isNull() ? QString(QLatin1String("")) : subject);
    st.bind(2, clean);
    return st.exec() || failWith(error, st, QStringLiteral("save the tag"));
}

bool NotesStore::removeTag(const QString& subject, const QString& tag, CaseError* error)
{
    FullSync sync(m_file.handle());
    SqlStatement st(m_file.handle(), "DELETE FROM tags WHERE subject = ?1 AND tag = ?2");
    st.bind(1, subject);
    st.bind(2, tag);
    return st.exec() || failWith(error, st, QStringLiteral("remove the tag"));
}

QStringList NotesStore::tags(const QString& subject) const
{
    QStringList list;
    SqlStatement st(m_file.handle(), "SELECT tag FROM tags WHERE subject = ?1 ORDER BY tag");
    st.bind(1, subject);
    while (st.step())
        list.append(st.text(0));
    return list;
}

QList<QPair<QString, QString>> NotesStore::allTags() const
{
    QList<QPair<QString, QString>> list;
    SqlStatement st(m_file.handle(), "SELECT subject, tag FROM tags ORDER BY subject, tag");
    while (st.step())
        list.append({st.text(0), st.text(1)});
    return list;
}

} // namespace pdnsw
