#include "models/itemmodels/TableFilterProxy.h"

#include "models/itemmodels/ItemRoles.h"

namespace pdnsw {

TableFilterProxy::TableFilterProxy(QObject* parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(SortRole);
    setFilterRole(FilterTextRole);
    setSortCaseSensitivity(Qt::CaseInsensitive);
}

void TableFilterProxy::setFilterText(const QString& text)
{
    const QString lower = text.trimmed().toLower();
    if (lower == m_filterText)
        return;
    m_filterText = lower;
    refilter();
}

void TableFilterProxy::refilter()
{
    // Qt 6.4 has no begin/endFilterChange; invalidateFilter() re-runs filterAcceptsRow for every row.
    invalidateFilter();
}

bool TableFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    if (!m_filterText.isEmpty() && !matchesText(sourceRow, sourceParent, m_filterText))
        return false;
    return acceptsRow(sourceRow, sourceParent);
}

bool TableFilterProxy::matchesText(int sourceRow, const QModelIndex& sourceParent, const QString& text) const
{
    return sourceModel()->index(sourceRow, 0, sourceParent).data(FilterTextRole).toString().contains(text);
}

bool TableFilterProxy::acceptsRow(int, const QModelIndex&) const
{
    return true;
}

bool sortKeyLess(const QVariant& a, const QVariant& b)
{
    if (a.typeId() == QMetaType::QString || b.typeId() == QMetaType::QString)
        return QString::compare(a.toString(), b.toString(), Qt::CaseInsensitive) < 0;
    if (a.canConvert<qint64>() && b.canConvert<qint64>())
        return a.toLongLong() < b.toLongLong();
    return QVariant::compare(a, b) == QPartialOrdering::Less;
}

bool TableFilterProxy::lessThan(const QModelIndex& left, const QModelIndex& right) const
{
    return sortKeyLess(left.data(SortRole), right.data(SortRole));
}

} // namespace pdnsw
