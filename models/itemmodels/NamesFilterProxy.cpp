#include "models/itemmodels/NamesFilterProxy.h"

#include "models/itemmodels/ItemRoles.h"
#include "models/itemmodels/NamesModel.h"

namespace pdnsw {

NamesFilterProxy::NamesFilterProxy(QObject* parent)
    : TableFilterProxy(parent)
{
}

void NamesFilterProxy::setKinds(Kinds kinds)
{
    if (kinds == m_kinds)
        return;
    m_kinds = kinds;
    refilter();
}

void NamesFilterProxy::setNegativeOnly(bool negativeOnly)
{
    if (negativeOnly == m_negativeOnly)
        return;
    m_negativeOnly = negativeOnly;
    refilter();
}

bool NamesFilterProxy::acceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    const QAbstractItemModel* model = sourceModel();
    if (m_kinds != Kinds::All) {
        const bool isAddress = model->index(sourceRow, NamesModel::Kind, sourceParent).data(SortRole).toInt() != 0;
        if (isAddress != (m_kinds == Kinds::AddressesOnly))
            return false;
    }
    if (m_negativeOnly && model->index(sourceRow, NamesModel::Status, sourceParent).data(SortRole).toInt() == 0)
        return false;
    return true;
}

} // namespace pdnsw
