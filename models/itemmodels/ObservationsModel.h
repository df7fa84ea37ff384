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
    QVariant sortData(const SourcedObservation& o, int column) const;
    QString toolTip(const SourcedObservation& o) const;

    QString m_name;
    QList<SourcedObservation> m_rows;
};

} // namespace pdnsw
