#include "models/itemmodels/ObservationsModel.h"

#include "models/RrType.h"
#include "models/UtcTime.h"
#include "models/itemmodels/ItemRoles.h"
#include "models/itemmodels/RdataSortKey.h"
#include "models/itemmodels/TableFilterProxy.h"
#include "models/itemmodels/UntrustedText.h"

#include <algorithm>
#include <vector>

namespace pdnsw {
namespace {

QString ttlText(const Observation& o)
{
    if (!o.ttlMin && !o.ttlMax)
        return {};
    if (o.ttlMin && o.ttlMax && *o.ttlMin != *o.ttlMax)
        return QStringLiteral("%1-%2").arg(*o.ttlMin).arg(*o.ttlMax);
    return QString::number(o.ttlMin ? *o.ttlMin : *o.ttlMax);
}

} // namespace

ObservationsModel::ObservationsModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void ObservationsModel::setObservations(QString name, QList<SourcedObservation> observations)
{
    beginResetModel();
    m_name = std::move(name);
    m_rows = std::move(observations);
    endResetModel();
}

void ObservationsModel::sortRows(QList<SourcedObservation>& rows, int column, Qt::SortOrder order)
{
    if (column < 0 || column >= ColumnCount || rows.size() < 2)
        return;
    std::vector<std::pair<QVariant, qsizetype>> keys;
    keys.reserve(std::size_t(rows.size()));
    for (qsizetype i = 0; i < rows.size(); ++i)
        keys.emplace_back(sortData(rows.at(i), column), i);
    // Descending keeps equal rows in their order too, as QSortFilterProxyModel does.
    std::stable_sort(keys.begin(), keys.end(), [order](const auto& a, const auto& b) {
        return order == Qt::AscendingOrder ? sortKeyLess(a.first, b.first) : sortKeyLess(b.first, a.first);
    });
    QList<SourcedObservation> sorted;
    sorted.reserve(rows.size());
    for (const auto& key : keys)
        sorted.append(std::move(rows[key.second]));
    rows = std::move(sorted);
}

void ObservationsModel::sortBy(int column, Qt::SortOrder order)
{
    QList<SourcedObservation> rows = m_rows;
    sortRows(rows, column, order);
    setObservations(m_name, std::move(rows));
}

void ObservationsModel::clear()
{
    setObservations({}, {});
}

const SourcedObservation* ObservationsModel::observation(int row) const
{
    return row >= 0 && row < m_rows.size() ? &m_rows.at(row) : nullptr;
}

int ObservationsModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ObservationsModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ObservationsModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const SourcedObservation& o = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return displayData(o, index.column());
    case SortRole:
        return sortData(o, index.column());
    case KeyRole:
        return o.id;
    case SourceIdRole:
        return o.sourceId;
    case FilterTextRole:
        return QStringList{o.sourceLabel, o.observation.rrname, o.observation.rrtype, o.observation.rdata}
            .join(u' ')
            .toLower();
    case Qt::ToolTipRole:
        return toolTip(o);
    case Qt::TextAlignmentRole:
        if (index.column() == Count || index.column() == Ttl)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    default:
        return {};
    }
}

QVariant ObservationsModel::displayData(const SourcedObservation& so, int column) const
{
    const Observation& o = so.observation;
    switch (column) {
    case Source:
        return visibleText(so.sourceLabel);
    case RrName:
        return visibleText(
            so.chainDepth > 0 ? QStringLiteral("\u21b3 %1").arg(nameWithUnicode(o.rrname)) : nameWithUnicode(o.rrname));
    case RrType:
        return visibleText(o.rrtype);
    case Rdata:
        return visibleText(o.rdata);
    case Section:
        return sectionName(o.section);
    case FirstSeen:
        return tableTime(o.firstSeen, so.timeGranularity);
    case LastSeen:
        return tableTime(o.lastSeen, so.timeGranularity);
    case Count:
        return countText(o.count);
    case Ttl:
        return ttlText(o);
    case Rcode:
        return o.rcode ? rcodeName(*o.rcode) : QString();
    case Clients:
        return visibleText(o.clients);
    case Servers:
        return visibleText(o.servers);
    default:
        return {};
    }
}

QVariant ObservationsModel::sortData(const SourcedObservation& so, int column)
{
    const Observation& o = so.observation;
    constexpr qint64 kMissing = std::numeric_limits<qint64>::min();
    switch (column) {
    case Source:
        return so.sourceLabel;
    case RrName:
        return QStringLiteral("%1 %2").arg(so.chainDepth, 2, 10, QLatin1Char('0')).arg(o.rrname);
    case RrType:
        return o.rrtype;
    case Rdata:
        return rdataSortKey(o);
    case Section:
        return int(o.section);
    case FirstSeen:
        return o.firstSeen.value_or(kMissing);
    case LastSeen:
        return o.lastSeen.value_or(kMissing);
    case Count:
        return o.count.value_or(-1);
    case Ttl:
        return o.ttlMin ? *o.ttlMin : o.ttlMax.value_or(-1);
    case Rcode:
        return o.rcode.value_or(-1);
    case Clients:
        return o.clients;
    case Servers:
        return o.servers;
    default:
        return {};
    }
}

QString ObservationsModel::toolTip(const SourcedObservation& so) const
{
    const Observation& o = so.observation;
    QStringList lines;
    lines << QStringLiteral("%1 %2 %3").arg(nameWithUnicode(o.rrname), o.rrtype, o.rdata);
    lines << tr("source: %1 (%2; time: %3, %4)").arg(so.sourceLabel, so.sourceKind, so.timeKind, so.timeGranularity);
    lines << tr("first seen: %1").arg(o.firstSeen ? formatUtcTime(o.firstSeen) : tr("not given by the source"));
    lines << tr("last seen: %1").arg(o.lastSeen ? formatUtcTime(o.lastSeen) : tr("not given by the source"));
    lines << tr("count: %1").arg(o.count ? countText(o.count) : tr("not given by the source"));
    if (!o.attrs.isEmpty())
        lines << tr("detail: %1").arg(o.attrs);
    return toolTipText(lines.join(u'\n'));
}

QVariant ObservationsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Source:
        return tr("Source");
    case RrName:
        return tr("Name");
    case RrType:
        return tr("Type");
    case Rdata:
        return tr("Data");
    case Section:
        return tr("Section");
    case FirstSeen:
        return tr("First seen (UTC)");
    case LastSeen:
        return tr("Last seen (UTC)");
    case Count:
        return tr("Count");
    case Ttl:
        return tr("TTL");
    case Rcode:
        return tr("Rcode");
    case Clients:
        return tr("Clients");
    case Servers:
        return tr("Servers");
    default:
        return {};
    }
}

} // namespace pdnsw
