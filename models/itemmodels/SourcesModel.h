#pragma once

#include "models/SourceInfo.h"

#include <QAbstractTableModel>
#include <QJsonObject>
#include <QList>

namespace pdnsw {

// The case's sources (imported files, live captures, providers) with their hash, size, state and import stats.
class SourcesModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        Label,
        Kind,
        State,
        Records,
        Packets,
        Messages,
        Errors,
        Elapsed,
        Sha256,
        Size,
        ImportedAt,
        Time,
        ColumnCount
    };
    Q_ENUM(Column)

    explicit SourcesModel(QObject* parent = nullptr);

    void setSources(QList<SourceInfo> sources);
    void clear();
    const QList<SourceInfo>& sources() const { return m_sources; }
    const SourceInfo* source(int row) const;
    int rowOfSource(qint64 id) const;
    // A number the importer stored in the source's stats JSON under one of the given keys.
    std::optional<qint64> stat(int row, std::initializer_list<QLatin1String> keys) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::optional<qint64> columnNumber(int row, int column) const;
    QVariant displayData(int row, int column) const;
    QString toolTip(int row) const;

    QList<SourceInfo> m_sources;
    QList<QJsonObject> m_stats; // parsed once per row: the stats JSON of each source
};

} // namespace pdnsw
