#pragma once

#include "models/itemmodels/TableFilterProxy.h"

namespace pdnsw {

// The provider panel's records: the text filter, and optionally only the answers of one job row.
class ProviderRecordsFilterProxy : public TableFilterProxy
{
    Q_OBJECT
public:
    explicit ProviderRecordsFilterProxy(QObject* parent = nullptr);

    // 0 shows every job's records.
    void setJobFilter(int jobId);
    int jobFilter() const { return m_jobId; }

protected:
    bool acceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    int m_jobId = 0;
};

} // namespace pdnsw
