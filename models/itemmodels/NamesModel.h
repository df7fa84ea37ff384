#pragma once

#include "models/CaseReader.h"

#include <QAbstractTableModel>
#include <QList>

namespace pdnsw {

// The case's names and addresses (CaseReader::names), one row each. Display strings are computed in data().
class NamesModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        Name,
        Kind,
        Records,
        Sources,
        Count,
        FirstSeen,
        LastSeen,
        Status,
        ColumnCount
    };
    Q_ENUM(Column)

    explicit NamesModel(QObject* parent = nullptr);

    void setEntries(QList<NameEntry> entries);
    void clear();
    const QList<NameEntry>& entries() const { return m_entries; }
    const NameEntry* entry(int row) const;
    int rowOfName(const QString& name) const;

    // Orders entries by a column, ties by name. Pure, so it can run on a worker thread: a case can hold
    // hundreds of thousands of names, too many to sort on the GUI thread.
    static void sortEntries(QList<NameEntry>& entries, int column, Qt::SortOrder order);
    // Sorts in place (a model reset); for small lists and tests.
    void sortBy(int column, Qt::SortOrder order);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVariant displayData(const NameEntry& e, int column) const;
    QVariant sortData(const NameEntry& e, int column) const;
    QString toolTip(const NameEntry& e) const;

    QList<NameEntry> m_entries;
};

} // namespace pdnsw
