#include "models/itemmodels/NamesModel.h"

#include "models/DomainName.h"
#include "models/UtcTime.h"
#include "models/itemmodels/ItemRoles.h"
#include "models/itemmodels/UntrustedText.h"

#include <algorithm>
#include <limits>

namespace pdnsw {

NamesModel::NamesModel(QObject* parent)
    : QAbstractTableModel(parent)
{
    m_chunkTimer.setInterval(0);
    connect(&m_chunkTimer, &QTimer::timeout, this, &NamesModel::insertNextChunk);
}

void NamesModel::setEntries(NameList entries)
{
    m_chunkTimer.stop();
    beginResetModel();
    m_entries = std::move(entries);
    m_shown = std::min<qsizetype>(m_entries.size(), kChunkRows);
    endResetModel();
    if (isLoading())
        m_chunkTimer.start();
    else
        emit loaded();
}

void NamesModel::insertNextChunk()
{
    if (!isLoading()) {
        m_chunkTimer.stop();
        return;
    }
    const qsizetype next = std::min<qsizetype>(m_entries.size(), m_shown + kChunkRows);
    beginInsertRows({}, int(m_shown), int(next - 1));
    m_shown = next;
    endInsertRows();
    if (!isLoading()) {
        m_chunkTimer.stop();
        emit loaded();
    }
}

void NamesModel::clear()
{
    setEntries(NameList());
}

std::optional<NameEntry> NamesModel::entry(int row) const
{
    if (row < 0 || row >= m_shown)
        return std::nullopt;
    return m_entries.at(row);
}

int NamesModel::rowOfName(const QString& name) const
{
    const QByteArray utf8 = name.toUtf8();
    for (int i = 0; i < m_shown; ++i) {
        if (m_entries.nameUtf8(i) == utf8)
            return i;
    }
    return -1;
}

void NamesModel::sortBy(int column, Qt::SortOrder order)
{
    NameList entries = m_entries;
    sortEntries(entries, column, order);
    setEntries(std::move(entries));
}

int NamesModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_shown);
}

int NamesModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant NamesModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    // The view asks every cell for a dozen roles while it paints: an entry is unpacked only for the ones that use it.
    switch (role) {
    case Qt::DisplayRole:
    case SortRole:
    case KeyRole:
    case FilterTextRole:
    case Qt::ToolTipRole:
        break;
    case Qt::TextAlignmentRole:
        if (index.column() == Records || index.column() == Sources || index.column() == Count)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    default:
        return {};
    }
    const NameEntry e = m_entries.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return displayData(e, index.column());
    case SortRole:
        return sortData(e, index.column());
    case KeyRole:
        return e.name;
    case FilterTextRole:
        return (e.name + u' ' + domainNameForDisplay(e.name)).toLower();
    case Qt::ToolTipRole:
        return toolTip(e);
    default:
        return {};
    }
}

QVariant NamesModel::displayData(const NameEntry& e, int column) const
{
    switch (column) {
    case Name:
        return visibleText(nameWithUnicode(e.name));
    case Kind:
        return e.isAddress ? tr("address") : tr("name");
    case Records:
        return countText(e.observations);
    case Sources:
        return countText(e.sources);
    case Count:
        return countText(e.count);
    case FirstSeen:
        return tableTime(e.firstSeen);
    case LastSeen:
        return tableTime(e.lastSeen);
    case Status:
        return e.wentNxdomain ? tr("went NXDOMAIN") : e.hasNegative ? tr("negative answer seen") : QString();
    default:
        return {};
    }
}

QVariant NamesModel::sortData(const NameEntry& e, int column) const
{
    switch (column) {
    case Name:
        return e.name;
    case Kind:
        return int(e.isAddress);
    case Records:
        return e.observations;
    case Sources:
        return e.sources;
    case Count:
        return e.count.value_or(-1);
    case FirstSeen:
        return e.firstSeen.value_or(std::numeric_limits<qint64>::min());
    case LastSeen:
        return e.lastSeen.value_or(std::numeric_limits<qint64>::min());
    case Status:
        return e.wentNxdomain ? 2 : int(e.hasNegative);
    default:
        return {};
    }
}

QString NamesModel::toolTip(const NameEntry& e) const
{
    QStringList lines{nameWithUnicode(e.name)};
    lines << tr("%1 records from %2 sources").arg(countText(e.observations), countText(e.sources));
    if (e.firstSeen || e.lastSeen)
        lines << tr("seen %1 to %2 (UTC)").arg(formatUtcTime(e.firstSeen), formatUtcTime(e.lastSeen));
    if (e.wentNxdomain)
        lines << tr("a source saw it answer NXDOMAIN: the name stopped existing");
    else if (e.hasNegative)
        lines << tr("a source saw a negative answer (NODATA, SERVFAIL or REFUSED), never NXDOMAIN");
    return toolTipText(lines.join(u'\n'));
}

QVariant NamesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Name:
        return tr("Name / address");
    case Kind:
        return tr("Kind");
    case Records:
        return tr("Records");
    case Sources:
        return tr("Sources");
    case Count:
        return tr("Count");
    case FirstSeen:
        return tr("First seen (UTC)");
    case LastSeen:
        return tr("Last seen (UTC)");
    case Status:
        return tr("Status");
    default:
        return {};
    }
}

} // namespace pdnsw
