#include "models/itemmodels/QueryLogModel.h"

#include "models/UtcTime.h"
#include "models/itemmodels/ItemRoles.h"
#include "models/itemmodels/UntrustedText.h"

namespace pdnsw {

QueryLogModel::QueryLogModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void QueryLogModel::setQueries(QList<ProviderQueryRecord> queries)
{
    beginResetModel();
    m_queries = std::move(queries);
    endResetModel();
}

void QueryLogModel::clear()
{
    setQueries({});
}

const ProviderQueryRecord* QueryLogModel::query(int row) const
{
    return row >= 0 && row < m_queries.size() ? &m_queries.at(row) : nullptr;
}

int QueryLogModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_queries.size());
}

int QueryLogModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant QueryLogModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ProviderQueryRecord& q = m_queries.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return displayData(q, index.column());
    case SortRole:
        return sortData(q, index.column());
    case KeyRole:
        return q.id;
    case SourceIdRole:
        return q.sourceId;
    case FilterTextRole:
        return QStringList{q.provider, q.question, q.error}.join(u' ').toLower();
    case Qt::ToolTipRole: {
        QStringList lines{tr("%1: %2").arg(q.provider, q.question), tr("parameters: %1").arg(q.parameters),
            tr("started: %1").arg(formatUtcTime(q.startedAt)),
            tr("finished: %1").arg(q.finishedAt ? formatUtcTime(q.finishedAt) : tr("not finished"))};
        if (!q.error.isEmpty())
            lines << tr("error: %1").arg(q.error);
        return toolTipText(lines.join(u'\n'));
    }
    case Qt::TextAlignmentRole:
        if (index.column() == Pages || index.column() == Records || index.column() == Duration)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    default:
        return {};
    }
}

QVariant QueryLogModel::displayData(const ProviderQueryRecord& q, int column) const
{
    switch (column) {
    case Started:
        return tableTime(q.startedAt);
    case Provider:
        return visibleText(q.provider);
    case Question:
        return visibleText(nameWithUnicode(q.question));
    case Status:
        if (!q.finishedAt)
            return tr("running / interrupted");
        if (!q.error.isEmpty())
            return q.httpStatus ? tr("failed (HTTP %1)").arg(*q.httpStatus) : tr("failed");
        return q.httpStatus ? tr("ok (HTTP %1)").arg(*q.httpStatus) : tr("ok");
    case Pages:
        return QString::number(q.pages);
    case Records:
        return countText(q.recordCount);
    case Duration:
        return q.finishedAt ? QStringLiteral("%1 s").arg(*q.finishedAt - q.startedAt) : QString();
    case Error:
        return visibleText(q.error);
    default:
        return {};
    }
}

QVariant QueryLogModel::sortData(const ProviderQueryRecord& q, int column) const
{
    switch (column) {
    case Started:
        return q.startedAt;
    case Pages:
        return q.pages;
    case Records:
        return q.recordCount;
    case Duration:
        return q.finishedAt ? *q.finishedAt - q.startedAt : -1;
    case Status:
        return q.httpStatus.value_or(q.finishedAt ? 0 : -1);
    default:
        return displayData(q, column);
    }
}

QVariant QueryLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Started:
        return tr("Asked (UTC)");
    case Provider:
        return tr("Provider");
    case Question:
        return tr("Question");
    case Status:
        return tr("Status");
    case Pages:
        return tr("Pages");
    case Records:
        return tr("Records");
    case Duration:
        return tr("Duration");
    case Error:
        return tr("Error");
    default:
        return {};
    }
}

} // namespace pdnsw
