#include "models/itemmodels/ProviderRecordsFilterProxy.h"

#include "models/itemmodels/ProviderRecordsModel.h"

namespace pdnsw {

ProviderRecordsFilterProxy::ProviderRecordsFilterProxy(QObject* parent)
    : TableFilterProxy(parent)
{
}

void ProviderRecordsFilterProxy::setJobFilter(int jobId)
{
    if (jobId == m_jobId)
        return;
    m_jobId = jobId;
    refilter();
}

bool ProviderRecordsFilterProxy::acceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    if (m_jobId == 0)
        return true;
    return sourceModel()->index(sourceRow, 0, sourceParent).data(ProviderRecordsModel::JobRole).toInt() == m_jobId;
}

} // namespace pdnsw
