#include "ui/jobs/JobListWidget.h"
#include "ui/Icons.h"

#include "models/itemmodels/UntrustedText.h"
#include "ui/jobs/BackgroundJob.h"
#include "ui/jobs/JobManager.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QTimer>
#include <QVBoxLayout>

#include <utility>

namespace pdnsw {
namespace {

QString elapsedText(qint64 ms)
{
    const qint64 s = ms / 1000;
    return s < 60 ? QStringLiteral("%1.%2 s").arg(s).arg((ms % 1000) / 100)
                  : QStringLiteral("%1:%2").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
}

QString stateText(const BackgroundJob* job)
{
    switch (job->state()) {
    case BackgroundJob::State::Waiting:
        return QObject::tr("waiting");
    case BackgroundJob::State::Running:
        return QObject::tr("running");
    case BackgroundJob::State::Succeeded:
        return QObject::tr("done");
    case BackgroundJob::State::Failed:
        return QObject::tr("failed");
    case BackgroundJob::State::Cancelled:
        return QObject::tr("cancelled");
    }
    return {};
}

} // namespace

JobListWidget::JobListWidget(JobManager* manager, QWidget* parent)
    : QWidget(parent)
    , m_manager(manager)
    , m_scroll(new QScrollArea(this))
{
    auto* rows = new QWidget(m_scroll);
    m_rowsLayout = new QVBoxLayout(rows);
    m_rowsLayout->setContentsMargins(0, 0, 0, 0);
    m_rowsLayout->setSpacing(2);
    m_rowsLayout->setAlignment(Qt::AlignTop);
    m_scroll->setWidget(rows);
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    // A new job's row is added at the bottom, and the list scrolls there as a console follows its output (a live
    // capture started after a bulk import shows its row). It can only once the scroll area has taken the new
    // height, after the layouts ran: when the range changes.
    connect(m_scroll->verticalScrollBar(), &QScrollBar::rangeChanged, this, [this](int, int max) {
        if (std::exchange(m_scrollToNewest, false))
            m_scroll->verticalScrollBar()->setValue(max);
    });
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(m_scroll);
    for (BackgroundJob* job : manager->jobs())
        addRow(job);
    connect(manager, &JobManager::jobAdded, this, &JobListWidget::addRow);
    connect(manager, &JobManager::jobRemoved, this, &JobListWidget::removeRow);
    setVisible(!m_rows.isEmpty());
}

void JobListWidget::addRow(BackgroundJob* job)
{
    auto* row = new QWidget(m_scroll->widget());
    auto* title = new QLabel(row);
    auto* detail = new QLabel(row);
    auto* bar = new QProgressBar(row);
    auto* elapsed = new QLabel(row);
    auto* cancel = new QPushButton(icon(QStringLiteral("stop")), tr("Cancel"), row);
    for (QLabel* l : {title, detail, elapsed})
        l->setTextFormat(Qt::PlainText);
    title->setText(visibleText(job->title(), 120));
    title->setMinimumWidth(180);
    detail->setForegroundRole(QPalette::PlaceholderText);
    // A long outcome (an error naming a file and a line) is cut at the dock's edge, never widening the window; the
    // tooltip has all of it.
    detail->setMinimumWidth(40);
    bar->setRange(0, 0);
    bar->setMaximumWidth(220);
    bar->setTextVisible(false);
    elapsed->setMinimumWidth(60);
    // A finished row hides Cancel but keeps its room: rows keep one height and their columns line up.
    QSizePolicy keepRoom = cancel->sizePolicy();
    keepRoom.setRetainSizeWhenHidden(true);
    cancel->setSizePolicy(keepRoom);
    auto* layout = new QHBoxLayout(row);
    layout->setContentsMargins(4, 1, 4, 1);
    layout->addWidget(title);
    layout->addWidget(detail, 1);
    layout->addWidget(bar);
    layout->addWidget(elapsed);
    layout->addWidget(cancel);
    m_rowsLayout->addWidget(row);
    m_rows.insert(job, row);
    fitHeight();
    setVisible(true);
    m_scrollToNewest = true;

    auto* ticker = new QTimer(row);
    ticker->setInterval(500);
    connect(ticker, &QTimer::timeout, row, [job, elapsed] { elapsed->setText(elapsedText(job->elapsedMs())); });
    ticker->start();
    connect(cancel, &QPushButton::clicked, job, &BackgroundJob::cancel);
    connect(job, &BackgroundJob::progressChanged, row, [bar, detail](qint64 done, qint64 total, const QString& text) {
        if (total > 0) {
            // QProgressBar holds ints: scale large totals (bytes of a big capture) to per mille.
            bar->setRange(0, 1000);
            bar->setValue(int(std::min(done, total) * 1000 / total));
        }
        detail->setText(visibleText(text, 200));
    });
    connect(job, &BackgroundJob::finished, row,
        [job, bar, detail, elapsed, cancel, ticker](BackgroundJob::State state, const QString& message) {
            ticker->stop();
            elapsed->setText(elapsedText(job->elapsedMs()));
            bar->setRange(0, 1);
            bar->setValue(state == BackgroundJob::State::Succeeded ? 1 : 0);
            cancel->hide();
            detail->setText(stateText(job) + QStringLiteral(": ") + visibleText(message, 300));
            detail->setToolTip(toolTipText(message));
            detail->setForegroundRole(
                state == BackgroundJob::State::Failed ? QPalette::WindowText : QPalette::PlaceholderText);
        });
}

void JobListWidget::removeRow(BackgroundJob* job)
{
    m_scrollToNewest = false; // clearing finished jobs keeps the view where it is
    delete m_rows.take(job);
    fitHeight();
    setVisible(!m_rows.isEmpty());
}

void JobListWidget::fitHeight()
{
    int height = 0;
    int shown = 0;
    for (int i = 0; i < m_rowsLayout->count() && shown < kRowsShown; ++i) {
        if (const QWidget* row = m_rowsLayout->itemAt(i)->widget()) {
            height += row->sizeHint().height();
            ++shown;
        }
    }
    height += m_rowsLayout->spacing() * std::max(0, shown - 1);
    m_scroll->setFixedHeight(height);
}

} // namespace pdnsw
