#pragma once

#include "models/ProviderQueryLog.h"

#include <QAbstractTableModel>
#include <QList>

namespace pdnsw {

// The provider audit log of the case: every question asked of every service, newest first as loaded.
class QueryLogModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        Started,
        Provider,
        Question,
        Status,
        Pages,
        Records,
        Duration,
        Error,
        ColumnCount
    };
    Q_ENUM(Column)

    explicit QueryLogModel(QObject* parent = nullptr);

    void setQueries(QList<ProviderQueryRecord> queries);
    void clear();
    const QList<ProviderQueryRecord>& queries() const { return m_queries; }
    const ProviderQueryRecord* query(int row) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVariant displayData(const ProviderQueryRecord& q, int column) const;
    QVariant sortData(const ProviderQueryRecord& q, int column) const;

    QList<ProviderQueryRecord> m_queries;
};

} // namespace pdnsw
