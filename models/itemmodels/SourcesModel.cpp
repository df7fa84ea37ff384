#include "models/itemmodels/SourcesModel.h"

#include "models/UtcTime.h"
#include "models/itemmodels/ItemRoles.h"
#include "models/itemmodels/UntrustedText.h"

#include <QJsonDocument>

#include <limits>

namespace pdnsw {

SourcesModel::SourcesModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void SourcesModel::setSources(QList<SourceInfo> sources)
{
    beginResetModel();
    m_sources = std::move(sources);
    m_stats.clear();
    m_stats.reserve(m_sources.size());
    for (const SourceInfo& s : m_sources)
        m_stats.append(QJsonDocument::fromJson(s.stats.toUtf8()).object());
    endResetModel();
}

void SourcesModel::clear()
{
    setSources({});
}

const SourceInfo* SourcesModel::source(int row) const
{
    return row >= 0 && row < m_sources.size() ? &m_sources.at(row) : nullptr;
}

int SourcesModel::rowOfSource(qint64 id) const
{
    for (int i = 0; i < m_sources.size(); ++i) {
        if (m_sources.at(i).id == id)
            return i;
    }
    return -1;
}

std::optional<qint64> SourcesModel::stat(int row, std::initializer_list<QLatin1String> keys) const
{
    if (row < 0 || row >= m_stats.size())
        return std::nullopt;
    const QJsonObject& stats = m_stats.at(row);
    for (QLatin1String key : keys) {
        const QJsonValue v = stats.value(key);
        if (v.isDouble())
            return qint64(v.toDouble());
    }
    return std::nullopt;
}

std::optional<qint64> SourcesModel::columnNumber(int row, int column) const
{
    // The keys the importers write: captures (PcapImportResult, LiveCaptureSession) count packets and DNS
    // messages, logs (LogImportStats) lines; ObservationWriter::finish adds the duration.
    switch (column) {
    case Records:
        return m_sources.at(row).observationCount;
    case Packets:
        return stat(row, {QLatin1String("packets")});
    case Messages:
        return stat(row, {QLatin1String("dnsMessages"), QLatin1String("lines")});
    case Errors:
        return stat(row, {QLatin1String("errors"), QLatin1String("rejected")});
    case Elapsed: {
        // Cases written before 2026-11-30 may hold a provider source's duration from a clock never started.
        const std::optional<qint64> ms = stat(row, {QLatin1String("elapsedMs")});
        return ms && *ms >= 0 ? ms : std::nullopt;
    }
    default:
        return std::nullopt;
    }
}

int SourcesModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_sources.size());
}

int SourcesModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SourcesModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const int row = index.row();
    const SourceInfo& s = m_sources.at(row);
    switch (role) {
    case Qt::DisplayRole:
        return displayData(row, index.column());
    case SortRole:
        switch (index.column()) {
        case Records:
        case Packets:
        case Messages:
        case Errors:
        case Elapsed:
            return columnNumber(row, index.column()).value_or(-1);
        case Size:
            return s.size;
        case ImportedAt:
            return s.importedAt;
        default:
            return displayData(row, index.column());
        }
    case KeyRole:
    case SourceIdRole:
        return s.id;
    case FilterTextRole:
        return QStringList{s.label, s.kind, s.sha256, s.path}.join(u' ').toLower();
    case Qt::ToolTipRole:
        return toolTip(row);
    case Qt::TextAlignmentRole:
        if (columnNumber(row, index.column()) || index.column() == Size)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    default:
        return {};
    }
}

QVariant SourcesModel::displayData(int row, int column) const
{
    const SourceInfo& s = m_sources.at(row);
    switch (column) {
    case Label:
        return visibleText(s.label);
    case Kind:
        return visibleText(s.kind);
    case State:
        return s.state == QLatin1String("importing") ? tr("importing / interrupted") : visibleText(s.state);
    case Records:
    case Packets:
    case Messages:
    case Errors:
        return countText(columnNumber(row, column));
    case Elapsed: {
        const auto ms = columnNumber(row, column);
        return ms ? QStringLiteral("%1 s").arg(double(*ms) / 1000.0, 0, 'f', 1) : QString();
    }
    case Sha256:
        return s.sha256.isEmpty() ? QString() : visibleText(s.sha256.left(16)) + QStringLiteral("\u2026");
    case Size:
        return byteSizeText(s.size);
    case ImportedAt:
        return tableTime(s.importedAt);
    case Time:
        return visibleText(s.timeKind + QStringLiteral(", ") + s.timeGranularity);
    default:
        return {};
    }
}

QString SourcesModel::toolTip(int row) const
{
    const SourceInfo& s = m_sources.at(row);
    QStringList lines{s.label, tr("kind: %1, state: %2").arg(s.kind, s.state)};
    if (!s.path.isEmpty())
        lines << tr("path: %1").arg(s.path);
    if (!s.sha256.isEmpty())
        lines << tr("SHA-256: %1").arg(s.sha256);
    if (s.size >= 0)
        lines << tr("size: %1 bytes").arg(countText(s.size));
    lines << tr("imported: %1").arg(formatUtcTime(s.importedAt));
    lines << tr("times are %1 times, %2 granularity").arg(s.timeKind, s.timeGranularity);
    if (!s.parameters.isEmpty())
        lines << tr("parameters: %1").arg(s.parameters);
    if (const std::optional<qint64> errors = columnNumber(row, Errors); errors && *errors > 0)
        lines << tr("%n error(s) reported: double-click the row (or press Enter) to list them", nullptr, int(*errors));
    return toolTipText(lines.join(u'\n'));
}

QVariant SourcesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Label:
        return tr("Source");
    case Kind:
        return tr("Kind");
    case State:
        return tr("State");
    case Records:
        return tr("Records");
    case Packets:
        return tr("Packets");
    case Messages:
        return tr("DNS messages / lines");
    case Errors:
        return tr("Errors");
    case Elapsed:
        return tr("Elapsed");
    case Sha256:
        return tr("SHA-256");
    case Size:
        return tr("Size");
    case ImportedAt:
        return tr("Imported (UTC)");
    case Time:
        return tr("Time kind");
    default:
        return {};
    }
}

} // namespace pdnsw
