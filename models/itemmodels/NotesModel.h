#pragma once

#include "models/NotesStore.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>
#include <QStringList>

namespace pdnsw {

// The analyst's notes (of one subject or of the whole case) with the subject's tags beside each note.
class NotesModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        Subject,
        Text,
        Tags,
        Updated,
        Created,
        ColumnCount
    };
    Q_ENUM(Column)

    explicit NotesModel(QObject* parent = nullptr);

    // tags: (subject, tag) pairs, as NotesStore::allTags() returns them.
    void setNotes(QList<Note> notes, const QList<QPair<QString, QString>>& tags);
    void clear();
    const QList<Note>& notes() const { return m_notes; }
    const Note* note(int row) const;
    int rowOfNote(qint64 id) const;
    QStringList tagsOf(const QString& subject) const { return m_tags.value(subject); }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVariant displayData(const Note& n, int column) const;

    QList<Note> m_notes;
    QHash<QString, QStringList> m_tags;
};

} // namespace pdnsw
