#include "models/itemmodels/NotesModel.h"

#include "models/UtcTime.h"
#include "models/itemmodels/ItemRoles.h"
#include "models/itemmodels/UntrustedText.h"

namespace pdnsw {

NotesModel::NotesModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void NotesModel::setNotes(QList<Note> notes, const QList<QPair<QString, QString>>& tags)
{
    beginResetModel();
    m_notes = std::move(notes);
    m_tags.clear();
    for (const auto& [subject, tag] : tags)
        m_tags[subject].append(tag);
    for (QStringList& list : m_tags)
        list.sort(Qt::CaseInsensitive);
    endResetModel();
}

void NotesModel::clear()
{
    setNotes({}, {});
}

const Note* NotesModel::note(int row) const
{
    return row >= 0 && row < m_notes.size() ? &m_notes.at(row) : nullptr;
}

int NotesModel::rowOfNote(qint64 id) const
{
    for (int i = 0; i < m_notes.size(); ++i) {
        if (m_notes.at(i).id == id)
            return i;
    }
    return -1;
}

int NotesModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_notes.size());
}

int NotesModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant NotesModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Note& n = m_notes.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return displayData(n, index.column());
    case SortRole:
        switch (index.column()) {
        case Updated:
            return n.updatedAt;
        case Created:
            return n.createdAt;
        default:
            return displayData(n, index.column());
        }
    case KeyRole:
        return n.id;
    case FilterTextRole:
        return (n.subject + u' ' + n.body + u' ' + m_tags.value(n.subject).join(u' ')).toLower();
    case Qt::ToolTipRole:
        return toolTipText(n.body);
    default:
        return {};
    }
}

QVariant NotesModel::displayData(const Note& n, int column) const
{
    switch (column) {
    case Subject:
        return n.subject.isEmpty() ? tr("(whole case)") : visibleText(nameWithUnicode(n.subject));
    case Text: {
        // One line per row: the first line of the note, the rest in the tooltip and the editor.
        const qsizetype newline = n.body.indexOf(u'\n');
        return visibleText(newline < 0 ? QStringView(n.body) : QStringView(n.body).left(newline), 200)
            + (newline < 0 ? QString() : QStringLiteral(" \u2026"));
    }
    case Tags:
        return visibleText(m_tags.value(n.subject).join(QStringLiteral(", ")));
    case Updated:
        return tableTime(n.updatedAt);
    case Created:
        return tableTime(n.createdAt);
    default:
        return {};
    }
}

QVariant NotesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Subject:
        return tr("Subject");
    case Text:
        return tr("Note");
    case Tags:
        return tr("Tags");
    case Updated:
        return tr("Updated (UTC)");
    case Created:
        return tr("Created (UTC)");
    default:
        return {};
    }
}

} // namespace pdnsw
