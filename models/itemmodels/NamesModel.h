#pragma once

#include "models/CaseReader.h"
#include "models/itemmodels/NameList.h"

#include <QAbstractTableModel>
#include <QList>
#include <QTimer>

#include <optional>

namespace pdnsw {

// The case's names and addresses (CaseReader::names), one row each. Display strings are computed in data().
// A long list is shown in chunks of rows inserted on successive turns of the event loop, so no single step
// (the proxy and the view mapping 100 000s of rows at once) keeps the GUI thread from drawing.
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

    static constexpr int kChunkRows = 16384;

    void setEntries(NameList entries);
    void setEntries(const QList<NameEntry>& entries) { setEntries(NameList::fromList(entries)); }
    void clear();
    // Every entry of the last setEntries, also those not yet inserted as rows.
    const NameList& entries() const { return m_entries; }
    bool isLoading() const { return m_shown < m_entries.size(); }
    // The entry of a row inserted so far.
    std::optional<NameEntry> entry(int row) const;
    // The row of a name among the rows inserted so far; -1 when not (yet) there.
    int rowOfName(const QString& name) const;

    // Orders entries by a column, ties by name. Pure, so it can run on a worker thread: a case can hold
    // millions of names, too many to sort on the GUI thread.
    static void sortEntries(NameList& entries, int column, Qt::SortOrder order) { entries.sort(column, order); }
    // Sorts in place (a model reset); for small lists and tests.
    void sortBy(int column, Qt::SortOrder order);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

signals:
    // Every entry of the last setEntries is a row now.
    void loaded();

private:
    void insertNextChunk();

    QVariant displayData(const NameEntry& e, int column) const;
    QVariant sortData(const NameEntry& e, int column) const;
    QString toolTip(const NameEntry& e) const;

    NameList m_entries;
    qsizetype m_shown = 0; // rows inserted so far
    QTimer m_chunkTimer;
};

} // namespace pdnsw
