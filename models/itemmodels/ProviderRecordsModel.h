#pragma once

#include "models/Observation.h"

#include <QAbstractTableModel>
#include <QList>
#include <QString>

namespace pdnsw {

// The records the providers of the current run answered, appended page by page as they stream in. Each row
// remembers the job row (ProviderJobsModel id) it came from, so the panel can show one provider's answers.
class ProviderRecordsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        Provider,
        RrName,
        RrType,
        Rdata,
        FirstSeen,
        LastSeen,
        Count,
        ColumnCount
    };
    Q_ENUM(Column)

    // The role giving a row's job id (ProviderJobRow::id).
    static constexpr int JobRole = Qt::UserRole + 40;
    // Enough for any answer an analyst reads here; the case keeps everything.
    static constexpr int kMaxRows = 200000;

    explicit ProviderRecordsModel(QObject* parent = nullptr);

    void clear();
    // Appends one page's records (up to kMaxRows in all; the rest are counted in dropped()).
    void append(
        int jobId, const QString& providerName, const QString& granularity, const QList<Observation>& observations);
    qint64 dropped() const { return m_dropped; }
    const Observation* observation(int row) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Row
    {
        int jobId = 0;
        int provider = 0; // index into m_providerNames (a run has a handful of providers)
        Observation observation;
    };
    QVariant displayData(const Row& r, int column) const;

    QList<Row> m_rows;
    QStringList m_providerNames;
    QStringList m_granularities;
    qint64 m_dropped = 0;
};

} // namespace pdnsw
