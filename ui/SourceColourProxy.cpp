#include "ui/SourceColourProxy.h"

#include "models/itemmodels/ItemRoles.h"

namespace pdnsw {

SourceColourProxy::SourceColourProxy(QObject* parent)
    : QIdentityProxyModel(parent)
{
}

void SourceColourProxy::setColours(QHash<qint64, QColor> colours)
{
    m_colours = std::move(colours);
    if (rowCount() > 0)
        emit dataChanged(index(0, 0), index(rowCount() - 1, 0), {Qt::DecorationRole});
}

QVariant SourceColourProxy::data(const QModelIndex& index, int role) const
{
    if (role == Qt::DecorationRole && index.column() == 0) {
        const auto it = m_colours.constFind(QIdentityProxyModel::data(index, SourceIdRole).toLongLong());
        if (it != m_colours.constEnd())
            return *it;
    }
    return QIdentityProxyModel::data(index, role);
}

} // namespace pdnsw
