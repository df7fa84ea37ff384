#include "models/itemmodels/NamesFilterProxy.h"

#include "models/DomainName.h"
#include "models/itemmodels/ItemRoles.h"
#include "models/itemmodels/NamesModel.h"

#include <limits>

namespace pdnsw {

NamesFilterProxy::NamesFilterProxy(QObject* parent)
    : ModelSortingProxy(parent)
{
}

void NamesFilterProxy::setKinds(Kinds kinds)
{
    if (kinds == m_kinds)
        return;
    m_kinds = kinds;
    refilter();
}

void NamesFilterProxy::setNxdomainOnly(bool nxdomainOnly)
{
    if (nxdomainOnly == m_nxdomainOnly)
        return;
    m_nxdomainOnly = nxdomainOnly;
    refilter();
}

void NamesFilterProxy::sortModelInPlace(int column, Qt::SortOrder order)
{
    if (auto* model = qobject_cast<NamesModel*>(sourceModel()))
        model->sortBy(column, order);
}

bool NamesFilterProxy::matchesText(int sourceRow, const QModelIndex& sourceParent, const QString& text) const
{
    // Straight on the packed entries: a filter keystroke over millions of names must not build a string per row.
    const auto* model = qobject_cast<const NamesModel*>(sourceModel());
    if (!model || sourceRow >= model->rowCount())
        return TableFilterProxy::matchesText(sourceRow, sourceParent, text);
    if (text != m_utf8Of) {
        m_utf8Of = text;
        m_utf8 = text.toUtf8();
    }
    const QByteArrayView name = model->entries().nameUtf8(sourceRow);
    if (name.contains(m_utf8))
        return true;
    return name.contains("xn--") && domainNameForDisplay(model->entries().name(sourceRow)).toLower().contains(text);
}

bool NamesFilterProxy::acceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    if (m_kinds == Kinds::All && !m_nxdomainOnly)
        return true;
    bool isAddress = false;
    bool gone = false;
    if (const auto* model = qobject_cast<const NamesModel*>(sourceModel()); model && sourceRow < model->rowCount()) {
        isAddress = model->entries().isAddress(sourceRow);
        gone = model->entries().wentNxdomain(sourceRow);
    } else {
        const QAbstractItemModel* source = sourceModel();
        isAddress = source->index(sourceRow, NamesModel::Kind, sourceParent).data(SortRole).toInt() != 0;
        gone = source->index(sourceRow, NamesModel::Status, sourceParent).data(SortRole).toInt() > 1;
    }
    if (m_kinds != Kinds::All && isAddress != (m_kinds == Kinds::AddressesOnly))
        return false;
    return !m_nxdomainOnly || gone;
}

} // namespace pdnsw
