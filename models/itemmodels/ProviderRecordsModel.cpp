#include "models/itemmodels/ProviderRecordsModel.h"

#include "models/UtcTime.h"
#include "models/itemmodels/ItemRoles.h"
#include "models/itemmodels/RdataSortKey.h"
#include "models/itemmodels/UntrustedText.h"

#include <limits>

namespace pdnsw {

ProviderRecordsModel::ProviderRecordsModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void ProviderRecordsModel::clear()
{
    beginResetModel();
    m_rows.clear();
    m_providerNames.clear();
    m_granularities.clear();
    m_dropped = 0;
    endResetModel();
}

void ProviderRecordsModel::append(
    int jobId, const QString& providerName, const QString& granularity, const QList<Observation>& observations)
{
    const qsizetype room = std::max<qsizetype>(0, kMaxRows - m_rows.size());
    const qsizetype take = std::min(room, observations.size());
    m_dropped += observations.size() - take;
    if (take == 0)
        return;
    qsizetype provider = m_providerNames.indexOf(providerName);
    if (provider < 0) {
        provider = m_providerNames.size();
        m_providerNames.append(providerName);
        m_granularities.append(granularity);
    }
    const int first = int(m_rows.size());
    beginInsertRows({}, first, first + int(take) - 1);
    for (qsizetype i = 0; i < take; ++i)
        m_rows.append(Row{jobId, int(provider), observations.at(i)});
    endInsertRows();
}

const Observation* ProviderRecordsModel::observation(int row) const
{
    return row >= 0 && row < m_rows.size() ? &m_rows.at(row).observation : nullptr;
}

int ProviderRecordsModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ProviderRecordsModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ProviderRecordsModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row& r = m_rows.at(index.row());
    const Observation& o = r.observation;
    switch (role) {
    case Qt::DisplayRole:
        return displayData(r, index.column());
    case SortRole:
        switch (index.column()) {
        case FirstSeen:
            return o.firstSeen.value_or(std::numeric_limits<qint64>::min());
        case LastSeen:
            return o.lastSeen.value_or(std::numeric_limits<qint64>::min());
        case Count:
            return o.count.value_or(-1);
        case Provider:
            return m_providerNames.at(r.provider);
        case RrName:
            return o.rrname;
        case RrType:
            return o.rrtype;
        case Rdata:
            return rdataSortKey(o);
        default:
            return {};
        }
    case JobRole:
        return r.jobId;
    case KeyRole:
        return index.row();
    case FilterTextRole:
        return (o.rrname + u' ' + o.rrtype + u' ' + o.rdata + u' ' + m_providerNames.at(r.provider)).toLower();
    case Qt::ToolTipRole:
        return toolTipText(QStringLiteral("%1 %2 %3\n%4\n%5 to %6 (UTC)")
                               .arg(nameWithUnicode(o.rrname), o.rrtype, o.rdata, m_providerNames.at(r.provider),
                                   formatUtcTime(o.firstSeen), formatUtcTime(o.lastSeen)));
    case Qt::TextAlignmentRole:
        if (index.column() == Count)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    default:
        return {};
    }
}

QVariant ProviderRecordsModel::displayData(const Row& r, int column) const
{
    const Observation& o = r.observation;
    switch (column) {
    case Provider:
        return m_providerNames.at(r.provider);
    case RrName:
        return visibleText(nameWithUnicode(o.rrname), 200);
    case RrType:
        return visibleText(o.rrtype, 16);
    case Rdata:
        return visibleText(o.section == Section::Negative ? QStringLiteral("(%1)").arg(o.rdata) : o.rdata, 300);
    case FirstSeen:
        return tableTime(o.firstSeen, m_granularities.at(r.provider));
    case LastSeen:
        return tableTime(o.lastSeen, m_granularities.at(r.provider));
    case Count:
        return countText(o.count);
    default:
        return {};
    }
}

QVariant ProviderRecordsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Provider:
        return tr("Provider");
    case RrName:
        return tr("Name");
    case RrType:
        return tr("Type");
    case Rdata:
        return tr("Data");
    case FirstSeen:
        return tr("First seen (UTC)");
    case LastSeen:
        return tr("Last seen (UTC)");
    case Count:
        return tr("Count");
    default:
        return {};
    }
}

} // namespace pdnsw
