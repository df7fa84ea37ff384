#include "ui/ImportPanel.h"

#include "models/CaseReader.h"
#include "models/itemmodels/CaseSession.h"
#include "models/itemmodels/CaseWorker.h"
#include "models/itemmodels/ItemRoles.h"
#include "models/itemmodels/SourcesModel.h"
#include "models/itemmodels/TableFilterProxy.h"
#include "models/itemmodels/UntrustedText.h"
#include "ui/Icons.h"
#include "ui/SourceColourProxy.h"
#include "ui/TableViews.h"
#include "ui/capture/LiveCaptureBar.h"
#include "ui/jobs/JobListWidget.h"
#include "ui/jobs/JobManager.h"

#include <QDialog>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace pdnsw {

ImportPanel::ImportPanel(CaseWorker* worker, JobManager* jobs, QWidget* parent)
    : QWidget(parent)
    , m_worker(worker)
    , m_jobs(jobs)
    , m_model(new SourcesModel(this))
    , m_colours(new SourceColourProxy(this))
    , m_proxy(new TableFilterProxy(this))
    , m_view(new QTableView(this))
    , m_jobList(new JobListWidget(jobs, this))
    , m_capture(new LiveCaptureBar(jobs, this))
    , m_filter(new QLineEdit(this))
{
    m_colours->setSourceModel(m_model);
    m_proxy->setSourceModel(m_colours);
    m_view->setModel(m_proxy);
    configureTableView(m_view);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->sortByColumn(SourcesModel::ImportedAt, Qt::AscendingOrder);
    m_view->setToolTip(QString());
    fitColumn(m_view, SourcesModel::Label, QStringLiteral("capture-0000.pcapng"),
        m_view->iconSize().width() + 8); // colour swatch
    fitColumn(m_view, SourcesModel::Kind, QStringLiteral("provider:virustotal"));
    fitColumn(m_view, SourcesModel::State, QStringLiteral("incomplete"));
    for (int c : {int(SourcesModel::Records), int(SourcesModel::Packets), int(SourcesModel::Messages),
             int(SourcesModel::Errors)})
        fitColumn(m_view, c, QStringLiteral("0,000,000"));
    fitColumn(m_view, SourcesModel::Elapsed, QStringLiteral("000.0 s"));
    fitColumn(m_view, SourcesModel::Sha256, QStringLiteral("0c2eb90de3d89608\u2026"));
    fitColumn(m_view, SourcesModel::Size, QStringLiteral("000.0 MB"));
    fitColumn(m_view, SourcesModel::ImportedAt, QStringLiteral("2018-01-05 08:00:00"));

    auto* add = new QPushButton(icon(QStringLiteral("import")), tr("Add files\u2026"), this);
    add->setToolTip(tr(
        "Import pcap/pcapng captures, Zeek dns.log, passivedns or COF files (Ctrl+I); you can also drop files on the "
        "window"));
    auto* clearFinished = new QPushButton(tr("Clear finished"), this);
    m_filter->setPlaceholderText(tr("Filter sources"));
    m_filter->setClearButtonEnabled(true);
    auto* bar = new QHBoxLayout;
    bar->setContentsMargins(0, 0, 0, 0);
    bar->addWidget(add);
    bar->addWidget(clearFinished);
    bar->addStretch(1);
    bar->addWidget(m_filter);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->setSpacing(4);
    layout->addLayout(bar);
    layout->addWidget(m_capture);
    layout->addWidget(m_jobList);
    layout->addWidget(m_view, 1);

    connect(add, &QPushButton::clicked, this, &ImportPanel::addFilesRequested);
    connect(clearFinished, &QPushButton::clicked, jobs, &JobManager::dismissFinished);
    connect(m_filter, &QLineEdit::textChanged, m_proxy, &TableFilterProxy::setFilterText);
    connect(m_view, &QTableView::activated, this,
        [this](const QModelIndex& index) { showErrors(index.data(SourceIdRole).toLongLong()); });
}

void ImportPanel::reload()
{
    if (!m_worker->isOpen()) {
        clear();
        return;
    }
    m_worker->run<QList<SourceInfo>>(
        this, [](CaseSession& s) { return s.reader().sources(); },
        [this](QList<SourceInfo> sources) {
            m_model->setSources(std::move(sources));
            emit sourcesLoaded();
        },
        QStringLiteral("sources"));
}

void ImportPanel::setCase(const QString& path)
{
    m_capture->setCase(path);
}

void ImportPanel::clear()
{
    m_model->clear();
}

void ImportPanel::showErrors(qint64 sourceId)
{
    const int row = m_model->rowOfSource(sourceId);
    const SourceInfo* source = m_model->source(row);
    if (!source)
        return;
    const QString label = source->label;
    m_worker->run<QList<QPair<QString, QString>>>(
        this, [sourceId](CaseSession& s) { return s.reader().sourceErrors(sourceId, 1000); },
        [this, label](QList<QPair<QString, QString>> errors) {
            auto* dialog = new QDialog(this);
            dialog->setAttribute(Qt::WA_DeleteOnClose);
            dialog->setWindowTitle(tr("Errors of %1").arg(visibleText(label, 80)));
            auto* summary = new QLabel(dialog);
            summary->setTextFormat(Qt::PlainText);
            summary->setText(errors.isEmpty() ? tr("%1: no errors were stored.").arg(visibleText(label))
                                              : tr("%1: %2 stored errors (the first 1000 are kept per source)")
                                                    .arg(visibleText(label), QString::number(errors.size())));
            auto* text = new QPlainTextEdit(dialog);
            text->setReadOnly(true);
            text->setLineWrapMode(QPlainTextEdit::NoWrap);
            text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
            QStringList lines;
            for (const auto& [position, message] : errors)
                lines << visibleText(position, 80) + QStringLiteral(": ") + visibleText(message, 400);
            text->setPlainText(lines.join(u'\n'));
            auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, dialog);
            connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
            auto* layout = new QVBoxLayout(dialog);
            layout->addWidget(summary);
            layout->addWidget(text, 1);
            layout->addWidget(buttons);
            dialog->resize(760, 420);
            dialog->setObjectName(QStringLiteral("sourceErrorsDialog"));
            dialog->show();
        });
}

} // namespace pdnsw
