#include "models/itemmodels/NamesFilterProxy.h"

#include "models/DomainName.h"
#include "models/itemmodels/ItemRoles.h"
#include "models/itemmodels/NamesModel.h"

#include <QMetaMethod>

#include <limits>

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

void NamesFilterProxy::sort(int column, Qt::SortOrder order)
{
    m_sortColumn = column;
    m_sortOrder = order;
    if (isSignalConnected(QMetaMethod::fromSignal(&NamesFilterProxy::sortRequested))) {
        emit sortRequested(column, order);
        return;
    }
    if (auto* model = qobject_cast<NamesModel*>(sourceModel()))
        model->sortBy(column, order);
}

bool NamesFilterProxy::matchesText(int sourceRow, const QModelIndex& sourceParent, const QString& text) const
{
    // Straight on the entries: a filter keystroke over 100 000s of names must not build a string per row.
    const auto* model = qobject_cast<const NamesModel*>(sourceModel());
    const NameEntry* e = model ? model->entry(sourceRow) : nullptr;
    if (!e)
        return TableFilterProxy::matchesText(sourceRow, sourceParent, text);
    if (e->name.contains(text))
        return true;
    return e->name.contains(QLatin1String("xn--")) && domainNameForDisplay(e->name).toLower().contains(text);
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
