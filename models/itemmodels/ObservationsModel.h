#pragma once

#include "models/CaseReader.h"

#include <QAbstractTableModel>
#include <QList>

namespace pdnsw {

// Every observation of the selected name (CaseReader::timeline, chains followed), one row per source and record:
// the Details dock.
class ObservationsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        Source,
        RrName,
        RrType,
        Rdata,
        Section,
        FirstSeen,
        LastSeen,
        Count,
        Ttl,
        Rcode,
        Clients,
        Servers,
        ColumnCount
    };
    Q_ENUM(Column)

    explicit ObservationsModel(QObject* parent = nullptr);

    void setObservations(QString name, QList<SourcedObservation> observations);
    // Orders rows as the table shows them sorted by `column`: a stable sort by the column's sort key, each key
    // computed once. Safe on any thread.
    static void sortRows(QList<SourcedObservation>& rows, int column, Qt::SortOrder order);
    void sortBy(int column, Qt::SortOrder order);
    void clear();
    const QString& name() const { return m_name; }
    const QList<SourcedObservation>& observations() const { return m_rows; }
    const SourcedObservation* observation(int row) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVariant displayData(const SourcedObservation& o, int column) const;
    static QVariant sortData(const SourcedObservation& o, int column);
    QString toolTip(const SourcedObservation& o) const;

    QString m_name;
    QList<SourcedObservation> m_rows;
};

} // namespace pdnsw
