#include "ui/DetailsPanel.h"

#include "models/itemmodels/ItemRoles.h"
#include "models/itemmodels/ObservationsFilterProxy.h"
#include "models/itemmodels/ObservationsModel.h"
#include "models/itemmodels/UntrustedText.h"
#include "ui/AsyncCall.h"
#include "ui/SourceColourProxy.h"
#include "ui/TableViews.h"

#include <QCheckBox>
#include <QEvent>
#include <QFontMetrics>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QSet>
#include <QTableView>
#include <QVBoxLayout>

namespace pdnsw {

DetailsPanel::DetailsPanel(QWidget* parent)
    : QWidget(parent)
    , m_model(new ObservationsModel(this))
    , m_colours(new SourceColourProxy(this))
    , m_proxy(new ObservationsFilterProxy(this))
    , m_view(new QTableView(this))
    , m_title(new QLabel(this))
    , m_filter(new QLineEdit(this))
    , m_extraSections(new QCheckBox(tr("Authority / additional"), this))
{
    // The filter sits on the model itself, which sorts its rows (ModelSortingProxy); the colours on top.
    m_proxy->setSourceModel(m_model);
    m_colours->setSourceModel(m_proxy);
    m_view->setModel(m_colours);
    configureTableView(m_view);
    m_view->sortByColumn(ObservationsModel::Source, Qt::AscendingOrder);
    // Widths from the font, so the columns fit at any DPI: times take exactly a timestamp, counts a few digits.
    QHeaderView* header = m_view->horizontalHeader();
    const QFontMetrics fm = m_view->fontMetrics();
    const int pad = 16;
    const int time = fm.horizontalAdvance(QStringLiteral("2018-01-05 08:00:00")) + pad;
    const int number = fm.horizontalAdvance(QStringLiteral("000000")) + pad;
    const int swatch = m_view->iconSize().width() + 8; // the source's colour before its name
    header->resizeSection(
        ObservationsModel::Source, fm.horizontalAdvance(QStringLiteral("capture-0000.pcapng")) + swatch + pad);
    header->resizeSection(
        ObservationsModel::RrName, fm.horizontalAdvance(QStringLiteral("www.bad-site.example")) + pad);
    header->resizeSection(ObservationsModel::RrType, fm.horizontalAdvance(QStringLiteral("CNAME")) + pad);
    header->resizeSection(ObservationsModel::Rdata, fm.horizontalAdvance(QStringLiteral("2001:db8:ffff::77")) + pad);
    header->resizeSection(ObservationsModel::Section, fm.horizontalAdvance(QStringLiteral("additional")) + pad);
    header->resizeSection(ObservationsModel::FirstSeen, time);
    header->resizeSection(ObservationsModel::LastSeen, time);
    header->resizeSection(ObservationsModel::Count, number);
    // A TTL range ("300-3600") as well as a single value.
    header->resizeSection(ObservationsModel::Ttl, fm.horizontalAdvance(QStringLiteral("00000-00000")) + pad);
    header->setStretchLastSection(false); // a stretched TTL column would push its numbers to the far edge
    for (int c = 0; c < header->count(); ++c)
        m_preferredWidths.insert(c, header->sectionSize(c));
    m_view->setTextElideMode(Qt::ElideMiddle);
    m_view->viewport()->installEventFilter(this);
    for (int c : {int(ObservationsModel::Section), int(ObservationsModel::Rcode), int(ObservationsModel::Clients),
             int(ObservationsModel::Servers)})
        m_view->setColumnHidden(c, true);

    m_title->setTextFormat(Qt::PlainText);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    m_title->setText(tr("Select a name or an address"));
    m_filter->setPlaceholderText(tr("Filter records"));
    m_filter->setClearButtonEnabled(true);
    m_extraSections->setChecked(true);
    m_extraSections->setToolTip(tr("Also show records from the authority and additional sections"));

    auto* bar = new QHBoxLayout;
    bar->setContentsMargins(0, 0, 0, 0);
    bar->addWidget(m_filter, 1);
    bar->addWidget(m_extraSections);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->setSpacing(4);
    layout->addWidget(m_title);
    layout->addLayout(bar);
    layout->addWidget(m_view, 1);

    connect(m_filter, &QLineEdit::textChanged, m_proxy, &ObservationsFilterProxy::setFilterText);
    connect(m_extraSections, &QCheckBox::toggled, m_proxy, &ObservationsFilterProxy::setShowAuthorityAndAdditional);
    const auto observationAt = [this](const QModelIndex& index) {
        return index.isValid() ? m_model->observation(m_proxy->mapToSource(m_colours->mapToSource(index)).row())
                               : nullptr;
    };
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
        [this, observationAt](const QModelIndex& current) {
            if (const SourcedObservation* o = observationAt(current))
                emit observationSelected(*o);
        });
    connect(m_proxy, &ObservationsFilterProxy::sortRequested, this, &DetailsPanel::sortOnWorker);
}

int DetailsPanel::sortColumn() const
{
    return m_proxy->requestedSortColumn();
}

Qt::SortOrder DetailsPanel::sortOrder() const
{
    return m_proxy->requestedSortOrder();
}

// A header click: a few thousand rows sort at once, more on a worker thread, then swap in with the current
// record still current.
void DetailsPanel::sortOnWorker(int column, Qt::SortOrder order)
{
    const quint64 generation = ++m_rowsGeneration;
    QList<SourcedObservation> rows = m_model->observations();
    const auto swapIn = [this](QList<SourcedObservation> sorted) {
        const qint64 current = currentObservationId();
        m_model->setObservations(m_model->name(), std::move(sorted));
        if (current >= 0)
            selectObservation(current);
    };
    if (rows.size() <= 5000) {
        ObservationsModel::sortRows(rows, column, order);
        swapIn(std::move(rows));
        return;
    }
    runAsync<QList<SourcedObservation>>(
        this,
        [rows, column, order]() mutable {
            ObservationsModel::sortRows(rows, column, order);
            return rows;
        },
        [this, generation, swapIn](QList<SourcedObservation> sorted) {
            if (generation == m_rowsGeneration)
                swapIn(std::move(sorted));
        });
}

qint64 DetailsPanel::currentObservationId() const
{
    const QModelIndex current = m_view->currentIndex();
    return current.isValid() ? current.data(KeyRole).toLongLong() : -1;
}

bool DetailsPanel::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_view->viewport() && event->type() == QEvent::Resize)
        fitColumnsToViewport();
    return QWidget::eventFilter(watched, event);
}

// In a narrow dock the text columns (source, name, data) give up width, down to a floor, so no column is cut off
// at the right edge; long values are elided in the middle and the tooltip shows them whole.
void DetailsPanel::fitColumnsToViewport()
{
    QHeaderView* header = m_view->horizontalHeader();
    const int available = m_view->viewport()->width();
    const QList<int> flexible{
        int(ObservationsModel::Source), int(ObservationsModel::RrName), int(ObservationsModel::Rdata)};
    int fixed = 0;
    int preferredFlexible = 0;
    for (int c = 0; c < header->count(); ++c) {
        if (header->isSectionHidden(c))
            continue;
        if (flexible.contains(c))
            preferredFlexible += m_preferredWidths.value(c, header->sectionSize(c));
        else
            fixed += header->sectionSize(c);
    }
    const int room = available - fixed;
    const int floor = m_view->fontMetrics().horizontalAdvance(QStringLiteral("www.ex…mple")) + 8;
    // Room beyond the preferred widths goes to the source, the name and the data, where long values are (file
    // names, CDN names, TXT).
    int shownFlexible = 0;
    for (int c : flexible)
        shownFlexible += header->isSectionHidden(c) ? 0 : 1;
    const int extra = shownFlexible > 0 ? std::max(0, room - preferredFlexible) / shownFlexible : 0;
    for (int c : flexible) {
        if (header->isSectionHidden(c))
            continue;
        const int preferred = m_preferredWidths.value(c, header->sectionSize(c));
        const int width = room >= preferredFlexible || preferredFlexible == 0
            ? preferred + extra
            : std::max(floor, int(qint64(preferred) * std::max(room, 0) / preferredFlexible));
        header->resizeSection(c, width);
    }
}

void DetailsPanel::setObservations(const QString& subject, bool isAddress, QList<SourcedObservation> observations,
    int sortedColumn, Qt::SortOrder sortedOrder)
{
    ++m_rowsGeneration;
    if (sortedColumn != sortColumn() || sortedOrder != sortOrder())
        ObservationsModel::sortRows(observations, sortColumn(), sortOrder());
    QSet<qint64> sources;
    for (const SourcedObservation& o : observations)
        sources.insert(o.sourceId);
    const QString shown = visibleText(nameWithUnicode(subject), 200);
    // One multi-argument arg() call: a name containing "%2" must not be substituted again.
    const QString records = observations.size() == 1 ? tr("1 record") : tr("%1 records").arg(observations.size());
    if (isAddress)
        m_title->setText(observations.size() == 1 ? tr("%1: 1 record points here").arg(shown)
                                                  : tr("%1: %2 point here").arg(shown, records));
    else
        m_title->setText(
            tr("%1: %2 from %3")
                .arg(shown, records, sources.size() == 1 ? tr("1 source") : tr("%1 sources").arg(sources.size())));
    m_model->setObservations(subject, std::move(observations));
}

void DetailsPanel::setSourceColours(const QHash<qint64, QColor>& colours)
{
    m_colours->setColours(colours);
}

void DetailsPanel::clear()
{
    ++m_rowsGeneration;
    m_model->clear();
    m_title->setText(tr("Select a name or an address"));
}

void DetailsPanel::selectObservation(qint64 observationId)
{
    for (int row = 0; row < m_colours->rowCount(); ++row) {
        const QModelIndex index = m_colours->index(row, 0);
        if (index.data(KeyRole).toLongLong() == observationId) {
            m_view->setCurrentIndex(index);
            m_view->scrollTo(index);
            return;
        }
    }
}

} // namespace pdnsw
