#include "ui/QueryLogPanel.h"

#include "models/ProviderQueryLog.h"
#include "models/itemmodels/CaseSession.h"
#include "models/itemmodels/CaseWorker.h"
#include "models/itemmodels/ItemRoles.h"
#include "models/itemmodels/QueryLogModel.h"
#include "models/itemmodels/TableFilterProxy.h"
#include "models/itemmodels/UntrustedText.h"
#include "ui/TableViews.h"

#include <QLabel>
#include <QLineEdit>
#include <QTableView>
#include <QVBoxLayout>

namespace pdnsw {
namespace {

// What the panel shows of a stored page: never the body itself (it can be megabytes of provider JSON).
struct PageSummary
{
    int page = 0;
    QString url;
    int httpStatus = 0;
    QString sha256;
    qint64 size = 0;
};

} // namespace

QueryLogPanel::QueryLogPanel(CaseWorker* worker, QWidget* parent)
    : QWidget(parent)
    , m_worker(worker)
    , m_model(new QueryLogModel(this))
    , m_proxy(new TableFilterProxy(this))
    , m_view(new QTableView(this))
    , m_filter(new QLineEdit(this))
    , m_pages(new QLabel(this))
{
    m_proxy->setSourceModel(m_model);
    m_view->setModel(m_proxy);
    configureTableView(m_view);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->sortByColumn(QueryLogModel::Started, Qt::DescendingOrder);
    fitColumn(m_view, QueryLogModel::Started, QStringLiteral("2018-01-05 08:00:00"));
    fitColumn(m_view, QueryLogModel::Provider, QStringLiteral("securitytrails"));
    fitColumn(m_view, QueryLogModel::Question, QStringLiteral("www.bad-site.example"));
    fitColumn(m_view, QueryLogModel::Status, QStringLiteral("ok (HTTP 200)"));
    fitColumn(m_view, QueryLogModel::Pages, QStringLiteral("000"));
    fitColumn(m_view, QueryLogModel::Records, QStringLiteral("00,000"));
    fitColumn(m_view, QueryLogModel::Duration, QStringLiteral("000 s"));
    m_filter->setPlaceholderText(tr("Filter by provider, question or error"));
    m_filter->setClearButtonEnabled(true);
    m_pages->setTextFormat(Qt::PlainText);
    m_pages->setWordWrap(true);
    m_pages->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_pages->setForegroundRole(QPalette::PlaceholderText);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->setSpacing(4);
    layout->addWidget(m_filter);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_pages);

    connect(m_filter, &QLineEdit::textChanged, m_proxy, &TableFilterProxy::setFilterText);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &QueryLogPanel::showPages);
    connect(m_view, &QTableView::doubleClicked, this, [this](const QModelIndex& index) {
        const int row = m_proxy->mapToSource(index).row();
        if (const ProviderQueryRecord* q = m_model->query(row))
            emit requeryRequested(q->question);
    });
}

void QueryLogPanel::reload()
{
    if (!m_worker->isOpen()) {
        clear();
        return;
    }
    m_worker->run<QList<ProviderQueryRecord>>(
        this, [](CaseSession& s) { return ProviderQueryLog(s.readFile()).queries(); },
        [this](QList<ProviderQueryRecord> queries) { m_model->setQueries(std::move(queries)); },
        QStringLiteral("querylog"));
}

void QueryLogPanel::clear()
{
    m_model->clear();
    m_pages->clear();
}

void QueryLogPanel::showPages()
{
    const qint64 id = m_view->currentIndex().data(KeyRole).toLongLong();
    if (id <= 0) {
        m_pages->clear();
        return;
    }
    m_worker->run<QList<PageSummary>>(
        this,
        [id](CaseSession& s) {
            QList<PageSummary> result;
            for (const ProviderAnswerPage& p : ProviderQueryLog(s.readFile()).pages(id))
                result.append({p.page, p.url, p.httpStatus, p.sha256, p.body.size()});
            return result;
        },
        [this](QList<PageSummary> pages) {
            if (pages.isEmpty()) {
                m_pages->setText(tr("No answer pages stored for this query."));
                return;
            }
            QStringList lines;
            for (const PageSummary& p : pages)
                lines << tr("page %1: HTTP %2, %3, SHA-256 %4, %5")
                             .arg(QString::number(p.page), QString::number(p.httpStatus), byteSizeText(p.size),
                                 p.sha256, visibleText(p.url, 300));
            m_pages->setText(lines.join(u'\n'));
        },
        QStringLiteral("querylog-pages"));
}

} // namespace pdnsw
