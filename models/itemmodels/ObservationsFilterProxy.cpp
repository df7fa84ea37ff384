#include "models/itemmodels/ObservationsFilterProxy.h"

#include "models/Observation.h"
#include "models/itemmodels/ItemRoles.h"
#include "models/itemmodels/ObservationsModel.h"

namespace pdnsw {

ObservationsFilterProxy::ObservationsFilterProxy(QObject* parent)
    : ModelSortingProxy(parent)
{
}

void ObservationsFilterProxy::setHiddenSources(QSet<qint64> sourceIds)
{
    if (sourceIds == m_hiddenSources)
        return;
    m_hiddenSources = std::move(sourceIds);
    refilter();
}

void ObservationsFilterProxy::setShowAuthorityAndAdditional(bool show)
{
    if (show == m_showExtraSections)
        return;
    m_showExtraSections = show;
    refilter();
}

void ObservationsFilterProxy::sortModelInPlace(int column, Qt::SortOrder order)
{
    if (auto* model = qobject_cast<ObservationsModel*>(sourceModel()))
        model->sortBy(column, order);
}

bool ObservationsFilterProxy::acceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    const QModelIndex first = sourceModel()->index(sourceRow, 0, sourceParent);
    if (!m_hiddenSources.isEmpty() && m_hiddenSources.contains(first.data(SourceIdRole).toLongLong()))
        return false;
    if (!m_showExtraSections) {
        const int section
            = sourceModel()->index(sourceRow, ObservationsModel::Section, sourceParent).data(SortRole).toInt();
        if (section == int(Section::Authority) || section == int(Section::Additional))
            return false;
    }
    return true;
}

} // namespace pdnsw
