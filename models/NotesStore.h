#pragma once

#include "models/CaseError.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace pdnsw {

class CaseFile;

struct Note
{
    qint64 id = 0;
    QString subject; // a name or an address ("" = the whole case)
    QString body;
    qint64 createdAt = 0;
    qint64 updatedAt = 0;
};

// The analyst's notes and tags per name, saved in the case with synchronous=FULL (hand-entered data).
class NotesStore
{
public:
    explicit NotesStore(CaseFile& file);

    qint64 addNote(const QString& subject, const QString& body, CaseError* error);
    bool updateNote(qint64 id, const QString& body, CaseError* error);
    bool deleteNote(qint64 id, CaseError* error);
    QList<Note> notes(const QString& subject = {}) const; // all when subject is empty
    QList<Note> allNotes() const;

    bool addTag(const QString& subject, const QString& tag, CaseError* error);
    bool removeTag(const QString& subject, const QString& tag, CaseError* error);
    QStringList tags(const QString& subject) const;
    QList<QPair<QString, QString>> allTags() const; // (subject, tag)

private:
    CaseFile& m_file;
};

} // namespace pdnsw
