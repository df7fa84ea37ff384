#include "models/itemmodels/ModelSortingProxy.h"

#include <QMetaMethod>

namespace pdnsw {

void ModelSortingProxy::sort(int column, Qt::SortOrder order)
{
    // QSortFilterProxyModel::sort is never called: the proxy's own sort column stays -1, the model's order.
    m_sortColumn = column;
    m_sortOrder = order;
    if (isSignalConnected(QMetaMethod::fromSignal(&ModelSortingProxy::sortRequested))) {
        emit sortRequested(column, order);
        return;
    }
    sortModelInPlace(column, order);
}

} // namespace pdnsw
