#include "ui/NamesPanel.h"
#include "ui/Icons.h"

#include "models/itemmodels/ItemRoles.h"
#include "models/itemmodels/NamesFilterProxy.h"
#include "models/itemmodels/NamesModel.h"
#include "models/itemmodels/UntrustedText.h"
#include "ui/AsyncCall.h"
#include "ui/TableViews.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QTableView>
#include <QVBoxLayout>

namespace pdnsw {

NamesPanel::NamesPanel(QWidget* parent)
    : QWidget(parent)
    , m_model(new NamesModel(this))
    , m_proxy(new NamesFilterProxy(this))
    , m_view(new QTableView(this))
    , m_filter(new QLineEdit(this))
    , m_kinds(new QComboBox(this))
    , m_nxdomainOnly(new QCheckBox(tr("Went NXDOMAIN"), this))
    , m_countLabel(new QLabel(this))
{
    m_proxy->setSourceModel(m_model);
    m_view->setModel(m_proxy);
    configureTableView(m_view);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    QHeaderView* header = m_view->horizontalHeader();
    header->resizeSection(NamesModel::Name, 220);
    header->resizeSection(NamesModel::Kind, 64);
    header->resizeSection(NamesModel::Records, 64);
    header->resizeSection(NamesModel::Sources, 60);
    header->resizeSection(NamesModel::Count, 64);
    header->resizeSection(NamesModel::FirstSeen, 140);
    header->resizeSection(NamesModel::LastSeen, 140);
    m_view->setColumnHidden(NamesModel::Kind, true);

    m_filter->setPlaceholderText(tr("Filter names and addresses (Ctrl+F)"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setObjectName(QStringLiteral("namesFilter"));
    m_countLabel->setObjectName(QStringLiteral("namesCount"));
    m_kinds->addItem(tr("Names and addresses"), int(NamesFilterProxy::Kinds::All));
    m_kinds->addItem(tr("Names"), int(NamesFilterProxy::Kinds::NamesOnly));
    m_kinds->addItem(tr("Addresses"), int(NamesFilterProxy::Kinds::AddressesOnly));
    m_nxdomainOnly->setToolTip(
        tr("Only names some source saw answered NXDOMAIN: names that stopped existing, as the graph "
           "and the report mark them. Other negative answers (NODATA, SERVFAIL, REFUSED) show "
           "in the Status column."));
    m_countLabel->setTextFormat(Qt::PlainText);
    m_countLabel->setForegroundRole(QPalette::PlaceholderText);

    auto* filters = new QHBoxLayout;
    filters->setContentsMargins(0, 0, 0, 0);
    filters->addWidget(m_kinds);
    filters->addWidget(m_nxdomainOnly);
    filters->addStretch(1);
    filters->addWidget(m_countLabel);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->setSpacing(4);
    layout->addWidget(m_filter);
    layout->addLayout(filters);
    layout->addWidget(m_view, 1);

    connect(m_filter, &QLineEdit::textChanged, this, [this](const QString& text) {
        m_proxy->setFilterText(text);
        updateCountLabel();
    });
    // Enter in the filter box moves to the first match, the way a search box should.
    connect(m_filter, &QLineEdit::returnPressed, this, [this] {
        if (m_proxy->rowCount() > 0) {
            m_view->setCurrentIndex(m_proxy->index(0, 0));
            m_view->setFocus();
        }
    });
    connect(m_kinds, &QComboBox::currentIndexChanged, this, [this] {
        m_proxy->setKinds(NamesFilterProxy::Kinds(m_kinds->currentData().toInt()));
        updateCountLabel();
    });
    connect(m_nxdomainOnly, &QCheckBox::toggled, this, [this](bool on) {
        m_proxy->setNxdomainOnly(on);
        updateCountLabel();
    });
    // A mouse press makes the row current before it selects it, so at currentRowChanged a clicked row is not
    // selected yet: follow both (emitCurrent() drops repeats).
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &NamesPanel::emitCurrent);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &NamesPanel::emitCurrent);
    // Header clicks sort the names on a worker thread, then swap the sorted list in.
    connect(m_proxy, &NamesFilterProxy::sortRequested, this, [this](int column, Qt::SortOrder order) {
        const quint64 generation = ++m_entriesGeneration;
        NameList entries = m_model->entries(); // the rows are copied, the names shared
        runAsync<NameList>(
            this,
            [entries, column, order]() mutable {
                NamesModel::sortEntries(entries, column, order);
                return entries;
            },
            [this, generation](NameList sorted) {
                if (generation != m_entriesGeneration)
                    return;
                const QString keep = currentName();
                replaceEntries(std::move(sorted));
                keepSelection(keep);
            });
    });
    // A long list arrives in chunks: the selection and the count follow when the last one is in.
    connect(m_model, &NamesModel::loaded, this, [this] {
        if (const QString keep = std::exchange(m_pendingSelection, {}); !keep.isEmpty())
            selectName(keep);
        updateCountLabel();
    });
    m_view->sortByColumn(NamesModel::Name, Qt::AscendingOrder);
    connect(m_view, &QTableView::customContextMenuRequested, this, &NamesPanel::showContextMenu);
    updateCountLabel();
}

int NamesPanel::sortColumn() const
{
    return m_proxy->requestedSortColumn();
}

Qt::SortOrder NamesPanel::sortOrder() const
{
    return m_proxy->requestedSortOrder();
}

void NamesPanel::replaceEntries(NameList entries)
{
    // Freeing a list of millions of names takes tens of milliseconds: let a short-lived thread do it.
    auto old = std::make_shared<NameList>(m_model->entries());
    m_model->setEntries(std::move(entries));
    if (old->size() > 10000)
        runAsync<bool>(
            this,
            [old] {
                *old = NameList();
                return true;
            },
            [](bool) {});
}

void NamesPanel::setEntries(NameList entries)
{
    applyEntries(std::move(entries), false);
}

void NamesPanel::setEntries(NameList entries, int sortedColumn, Qt::SortOrder sortedOrder)
{
    applyEntries(std::move(entries), false);
    if (sortedColumn != sortColumn() || sortedOrder != sortOrder())
        m_proxy->sort(sortColumn(), sortOrder());
}

void NamesPanel::showFirstEntries(NameList entries, int sortedColumn, Qt::SortOrder sortedOrder)
{
    applyEntries(std::move(entries), true);
    if (sortedColumn != sortColumn() || sortedOrder != sortOrder())
        m_proxy->sort(sortColumn(), sortOrder());
}

void NamesPanel::applyEntries(NameList entries, bool firstOnly)
{
    ++m_entriesGeneration;
    m_firstEntriesOnly = firstOnly;
    const QString keep = currentName();
    replaceEntries(std::move(entries));
    keepSelection(keep);
    updateCountLabel();
}

bool NamesPanel::isEmpty() const
{
    return m_model->entries().isEmpty();
}

void NamesPanel::showQuerying()
{
    if (m_model->rowCount() == 0)
        m_countLabel->setText(tr("reading the case\u2026"));
}

void NamesPanel::keepSelection(const QString& name)
{
    m_pendingSelection.clear();
    if (name.isEmpty())
        return;
    if (!selectName(name) && m_model->isLoading())
        m_pendingSelection = name;
}

void NamesPanel::clear()
{
    m_pendingSelection.clear();
    m_firstEntriesOnly = false;
    m_model->clear();
    m_lastEmitted.clear();
    updateCountLabel();
}

QString NamesPanel::currentName() const
{
    const QModelIndex current = m_view->currentIndex();
    return current.isValid() && m_view->selectionModel()->isRowSelected(current.row(), current.parent())
        ? current.data(KeyRole).toString()
        : QString();
}

bool NamesPanel::currentIsAddress() const
{
    const QModelIndex current = m_view->currentIndex();
    return current.isValid() && m_proxy->index(current.row(), NamesModel::Kind).data(SortRole).toInt() != 0;
}

bool NamesPanel::selectName(const QString& name)
{
    const int row = m_model->rowOfName(name);
    if (row < 0)
        return false;
    QModelIndex index = m_proxy->mapFromSource(m_model->index(row, 0));
    if (!index.isValid()) {
        // Hidden by the filter: clear it rather than select something invisible.
        m_filter->clear();
        m_kinds->setCurrentIndex(0);
        m_nxdomainOnly->setChecked(false);
        index = m_proxy->mapFromSource(m_model->index(row, 0));
    }
    m_view->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_view->scrollTo(index);
    return true;
}

void NamesPanel::focusFilter()
{
    m_filter->setFocus(Qt::ShortcutFocusReason);
    m_filter->selectAll();
}

void NamesPanel::updateCountLabel()
{
    const int shown = m_proxy->rowCount();
    const int total = m_model->rowCount();
    // Grouped like the status bar's counts: a big case lists millions.
    if (m_firstEntriesOnly) {
        m_countLabel->setText(shown == total
                ? tr("the first %1 entries; reading the rest\u2026").arg(countText(total))
                : tr("%1 of the first %2; reading the rest\u2026").arg(countText(shown), countText(total)));
        return;
    }
    if (shown != total)
        m_countLabel->setText(tr("%1 of %2").arg(countText(shown), countText(total)));
    else
        m_countLabel->setText(total == 1 ? tr("1 entry") : tr("%1 entries").arg(countText(total)));
}

void NamesPanel::emitCurrent()
{
    const QString name = currentName();
    if (name == m_lastEmitted)
        return;
    m_lastEmitted = name;
    emit currentNameChanged(name, currentIsAddress());
}

void NamesPanel::showContextMenu(const QPoint& pos)
{
    const QModelIndex index = m_view->indexAt(pos);
    if (!index.isValid())
        return;
    const QString name = index.data(KeyRole).toString();
    const bool isAddress = m_proxy->index(index.row(), NamesModel::Kind).data(SortRole).toInt() != 0;
    QMenu menu(this);
    QAction* hosts = menu.addAction(icon(QStringLiteral("hosts")), tr("Hosts override\u2026"));
    hosts->setEnabled(!isAddress);
    QAction* query = menu.addAction(icon(QStringLiteral("query")), tr("Query providers"));
    menu.addSeparator();
    QAction* copy = menu.addAction(icon(QStringLiteral("copy")), tr("Copy name"));
    QAction* chosen = menu.exec(m_view->viewport()->mapToGlobal(pos));
    if (chosen == hosts)
        emit hostsOverrideRequested(name);
    else if (chosen == query)
        emit queryProvidersRequested(name);
    else if (chosen == copy)
        QApplication::clipboard()->setText(name);
}

} // namespace pdnsw
