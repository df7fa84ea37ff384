#include "models/itemmodels/ProviderJobsModel.h"

#include "models/itemmodels/ItemRoles.h"
#include "models/itemmodels/UntrustedText.h"

#include <QBrush>
#include <QColor>

namespace pdnsw {

ProviderJobsModel::ProviderJobsModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void ProviderJobsModel::clear()
{
    beginResetModel();
    m_rows.clear();
    endResetModel();
}

void ProviderJobsModel::upsert(const ProviderJobRow& row)
{
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).id == row.id) {
            m_rows[i] = row;
            emit dataChanged(index(i, 0), index(i, ColumnCount - 1));
            return;
        }
    }
    const int at = int(m_rows.size());
    beginInsertRows({}, at, at);
    m_rows.append(row);
    endInsertRows();
}

void ProviderJobsModel::cancelRunning()
{
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).status != ProviderJobRow::Status::Running)
            continue;
        m_rows[i].status = ProviderJobRow::Status::Cancelled;
        m_rows[i].state = QStringLiteral("cancelled");
        emit dataChanged(index(i, 0), index(i, ColumnCount - 1));
    }
}

const ProviderJobRow* ProviderJobsModel::rowById(int id) const
{
    for (const ProviderJobRow& r : m_rows) {
        if (r.id == id)
            return &r;
    }
    return nullptr;
}

QString ProviderJobsModel::statusName(ProviderJobRow::Status status)
{
    switch (status) {
    case ProviderJobRow::Status::Running:
        return tr("running");
    case ProviderJobRow::Status::Ok:
        return tr("ok");
    case ProviderJobRow::Status::Cached:
        return tr("cached");
    case ProviderJobRow::Status::Skipped:
        return tr("skipped");
    case ProviderJobRow::Status::Failed:
        return tr("failed");
    case ProviderJobRow::Status::Cancelled:
        return tr("cancelled");
    }
    return {};
}

int ProviderJobsModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ProviderJobsModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ProviderJobsModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ProviderJobRow& r = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return displayData(r, index.column());
    case SortRole:
        switch (index.column()) {
        case Level:
            return r.level;
        case Pages:
            return r.pages;
        case Records:
            return r.records;
        case Http:
            return r.httpStatus.value_or(0);
        default:
            return displayData(r, index.column());
        }
    case KeyRole:
        return r.id;
    case FilterTextRole:
        return (r.provider + u' ' + r.providerName + u' ' + r.question + u' ' + r.state + u' ' + r.note).toLower();
    case Qt::ToolTipRole: {
        QStringList lines{QStringLiteral("%1: %2").arg(r.providerName, visibleText(r.question, 300)),
            tr("state: %1 (%2)").arg(statusName(r.status), r.state)};
        if (!r.note.isEmpty())
            lines << visibleText(r.note, 1000);
        if (r.queryId > 0)
            lines << tr("audit log query %1").arg(r.queryId);
        return toolTipText(lines.join(u'\n'));
    }
    case Qt::ForegroundRole:
        if (r.status == ProviderJobRow::Status::Failed && index.column() == State)
            return QBrush(QColor(0xc6, 0x28, 0x28));
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == Pages || index.column() == Records || index.column() == Http || index.column() == Level)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    default:
        return {};
    }
}

QVariant ProviderJobsModel::displayData(const ProviderJobRow& r, int column) const
{
    switch (column) {
    case Provider:
        return r.providerName;
    case Question:
        return visibleText(nameWithUnicode(r.question), 200);
    case Level:
        return r.level;
    case State:
        return r.status == ProviderJobRow::Status::Running || r.state.isEmpty() || r.state == statusName(r.status)
            ? statusName(r.status)
            : QStringLiteral("%1 (%2)").arg(statusName(r.status), r.state);
    case Pages:
        return r.pages;
    case Records:
        return countText(r.records);
    case Http:
        return r.httpStatus ? QString::number(*r.httpStatus) : QString();
    case Note:
        return visibleText(r.note, 300);
    default:
        return {};
    }
}

QVariant ProviderJobsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Provider:
        return tr("Provider");
    case Question:
        return tr("Question");
    case Level:
        return tr("Depth");
    case State:
        return tr("State");
    case Pages:
        return tr("Pages");
    case Records:
        return tr("Records");
    case Http:
        return tr("HTTP");
    case Note:
        return tr("Note");
    default:
        return {};
    }
}

} // namespace pdnsw
