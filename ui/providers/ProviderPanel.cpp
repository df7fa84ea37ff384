#include "ui/providers/ProviderPanel.h"

#include "models/UtcTime.h"
#include "models/itemmodels/ItemRoles.h"
#include "models/itemmodels/ProviderJobsModel.h"
#include "models/itemmodels/ProviderRecordsFilterProxy.h"
#include "models/itemmodels/ProviderRecordsModel.h"
#include "models/itemmodels/TableFilterProxy.h"
#include "models/itemmodels/UntrustedText.h"
#include "providers/ProviderCatalog.h"
#include "ui/Icons.h"
#include "ui/TableViews.h"
#include "ui/providers/ProviderRunner.h"
#include "ui/providers/ProviderSettingsDialog.h"

#include <QCheckBox>
#include <QDateTimeEdit>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollArea>
#include <QSettings>
#include <QSpinBox>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace pdnsw {

namespace {

const QString kCheckedKey = QStringLiteral("providers/checked");

QDateTimeEdit* makeTimeEdit(QWidget* parent)
{
    auto* edit = new QDateTimeEdit(QDateTime::currentDateTimeUtc(), parent);
    edit->setTimeSpec(Qt::UTC);
    edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm"));
    edit->setCalendarPopup(true);
    edit->setEnabled(false);
    edit->setToolTip(QObject::tr("UTC"));
    return edit;
}

QString nowText(const NowAnswer& a)
{
    const QString when = formatUtcTime(a.askedAt);
    if (!a.error.isEmpty())
        return QObject::tr("Now: %1: the system resolver gave no answer (%2)").arg(a.name, a.error);
    QStringList data;
    bool negative = false;
    for (const Observation& o : a.records) {
        if (o.section == Section::Negative) {
            negative = true;
            data << o.rdata;
        } else {
            data << (o.rrtype == QLatin1String("CNAME") ? QStringLiteral("CNAME %1").arg(o.rdata) : o.rdata);
        }
    }
    if (data.isEmpty())
        data << a.rcode;
    Q_UNUSED(negative);
    return QObject::tr("Now: %1 \u2192 %2   (asked %3 UTC)")
        .arg(nameWithUnicode(a.name), data.join(QStringLiteral(", ")), when);
}

} // namespace

ProviderPanel::ProviderPanel(QWidget* parent)
    : QWidget(parent)
    , m_runner(new ProviderRunner(this))
    , m_nowLookup(new NowLookup(this))
    , m_jobs(new ProviderJobsModel(this))
    , m_jobsProxy(new TableFilterProxy(this))
    , m_records(new ProviderRecordsModel(this))
    , m_recordsProxy(new ProviderRecordsFilterProxy(this))
    , m_query(new QLineEdit(this))
    , m_run(new QPushButton(icon(QStringLiteral("query")), tr("Query"), this))
    , m_stop(new QPushButton(icon(QStringLiteral("stop")), tr("Stop"), this))
    , m_settings(new QPushButton(icon(QStringLiteral("settings")), tr("Settings\u2026"), this))
    , m_providerGrid(new QGridLayout)
    , m_sinceOn(new QCheckBox(tr("Since"), this))
    , m_since(makeTimeEdit(this))
    , m_untilOn(new QCheckBox(tr("Until"), this))
    , m_until(makeTimeEdit(this))
    , m_limit(new QSpinBox(this))
    , m_depth(new QSpinBox(this))
    , m_confirmAbove(new QSpinBox(this))
    , m_refresh(new QCheckBox(tr("Refresh"), this))
    , m_resolveNow(new QCheckBox(tr("Resolve now"), this))
    , m_cost(new QLabel(this))
    , m_now(new QLabel(this))
    , m_status(new QLabel(this))
    , m_recordsFilter(new QLineEdit(this))
    , m_jobsView(new QTableView(this))
    , m_recordsView(new QTableView(this))
    , m_previewTimer(new QTimer(this))
{
    m_query->setObjectName(QStringLiteral("providerQuery"));
    m_query->setPlaceholderText(tr("Name, address or CIDR: www.bad.example, bücher.example, 198.51.100.23, "
                                   "198.51.100.0/24"));
    m_query->setClearButtonEnabled(true);
    m_run->setDefault(true);
    m_run->setToolTip(tr("Ask the ticked services (Enter in the box); cached answers are reused unless Refresh"));
    m_stop->setToolTip(tr("Cancel the running requests; what arrived is kept"));
    m_stop->setEnabled(false);
    m_settings->setToolTip(tr("API keys (kept in the system keychain), base URLs, proxy and limits"));

    m_limit->setRange(0, 1000000);
    m_limit->setSpecialValueText(tr("no limit"));
    m_limit->setToolTip(tr("Most records to fetch per provider and question"));
    m_limit->setAccelerated(true);
    m_depth->setRange(0, 3);
    m_depth->setToolTip(tr("Pivot: 1 asks again about every address the answers gave (name \u2192 addresses), 2 "
                           "about the names on those addresses, ..."));
    m_confirmAbove->setRange(0, 100000);
    m_confirmAbove->setValue(20);
    m_confirmAbove->setToolTip(tr("Ask before a level that needs more requests than this, or more than a "
                                  "provider's budget left today"));
    m_refresh->setToolTip(tr("Ask the services again even when the case already holds their answer"));
    m_resolveNow->setObjectName(QStringLiteral("resolveNow"));
    m_resolveNow->setChecked(true);
    m_resolveNow->setToolTip(tr("Also ask the system resolver what the name resolves to right now. The name's own "
                                "DNS servers may see that lookup."));

    for (QLabel* l : {m_cost, m_now, m_status}) {
        l->setTextFormat(Qt::PlainText);
        l->setTextInteractionFlags(Qt::TextSelectableByMouse);
        l->setWordWrap(true);
    }
    m_cost->setForegroundRole(QPalette::PlaceholderText);
    m_now->setWordWrap(false);
    m_status->setForegroundRole(QPalette::PlaceholderText);
    QFont bold = m_now->font();
    bold.setBold(true);
    m_now->setFont(bold);
    m_now->setText(tr("Now: (query a name to see what it resolves to at this moment)"));

    m_jobsProxy->setSourceModel(m_jobs);
    m_jobsView->setModel(m_jobsProxy);
    configureTableView(m_jobsView);
    m_jobsView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_jobsView->setSortingEnabled(false);
    QHeaderView* jh = m_jobsView->horizontalHeader();
    jh->resizeSection(ProviderJobsModel::Provider, 130);
    jh->resizeSection(ProviderJobsModel::Question, 170);
    jh->resizeSection(ProviderJobsModel::Level, 48);
    jh->resizeSection(ProviderJobsModel::State, 150);
    jh->resizeSection(ProviderJobsModel::Pages, 50);
    jh->resizeSection(ProviderJobsModel::Records, 64);
    jh->resizeSection(ProviderJobsModel::Http, 46);

    m_recordsProxy->setSourceModel(m_records);
    m_recordsView->setModel(m_recordsProxy);
    configureTableView(m_recordsView);
    m_recordsView->sortByColumn(-1, Qt::AscendingOrder);
    QHeaderView* rh = m_recordsView->horizontalHeader();
    rh->resizeSection(ProviderRecordsModel::Provider, 120);
    rh->resizeSection(ProviderRecordsModel::RrName, 190);
    rh->resizeSection(ProviderRecordsModel::RrType, 56);
    rh->resizeSection(ProviderRecordsModel::Rdata, 170);
    rh->resizeSection(ProviderRecordsModel::FirstSeen, 140);
    rh->resizeSection(ProviderRecordsModel::LastSeen, 140);
    m_recordsFilter->setPlaceholderText(tr("Filter answers (select a provider row above to see only its answers)"));
    m_recordsFilter->setClearButtonEnabled(true);

    // Layout: the question and the now line across the top; under them the services and options (scrolling
    // when the dock is short) beside the answers: one row per provider and question over the records.
    auto* queryRow = new QHBoxLayout;
    queryRow->addWidget(m_query, 1);
    queryRow->addWidget(m_run);
    queryRow->addWidget(m_stop);
    queryRow->addWidget(m_settings);

    m_providerGrid->setContentsMargins(0, 0, 0, 0);
    m_providerGrid->setHorizontalSpacing(10);
    m_providerGrid->setVerticalSpacing(2);

    // The pivot depth and limits come right under the services, each group on one line, so that a short dock
    // still shows them without scrolling; the time fence follows.
    auto* numbers = new QHBoxLayout;
    numbers->setContentsMargins(0, 0, 0, 0);
    numbers->addWidget(new QLabel(tr("Pivot depth"), this));
    numbers->addWidget(m_depth);
    numbers->addSpacing(6);
    numbers->addWidget(new QLabel(tr("Limit"), this));
    numbers->addWidget(m_limit);
    numbers->addSpacing(6);
    numbers->addWidget(new QLabel(tr("Ask above"), this));
    numbers->addWidget(m_confirmAbove);
    numbers->addStretch(1);
    auto* fence = new QHBoxLayout;
    fence->setContentsMargins(0, 0, 0, 0);
    fence->addWidget(m_sinceOn);
    fence->addWidget(m_since, 1);
    fence->addSpacing(6);
    fence->addWidget(m_untilOn);
    fence->addWidget(m_until, 1);
    auto* checks = new QHBoxLayout;
    checks->setContentsMargins(0, 0, 0, 0);
    checks->addWidget(m_refresh);
    checks->addWidget(m_resolveNow);
    checks->addStretch(1);

    auto* controls = new QWidget;
    auto* controlsLayout = new QVBoxLayout(controls);
    controlsLayout->setContentsMargins(0, 0, 6, 0);
    controlsLayout->setSpacing(4);
    controlsLayout->addLayout(m_providerGrid);
    controlsLayout->addLayout(numbers);
    controlsLayout->addLayout(fence);
    controlsLayout->addLayout(checks);
    controlsLayout->addWidget(m_cost);
    controlsLayout->addStretch(1);
    auto* scroll = new QScrollArea(this);
    scroll->setWidget(controls);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    // Room for two columns of "name · state" boxes; longer states wrap into the tooltip's detail.
    scroll->setMinimumWidth(std::max(controls->sizeHint().width(),
        2 * fontMetrics().horizontalAdvance(QStringLiteral("Mnemonic PassiveDNS v3 \u00b7 no key")) + 60));

    auto* answers = new QWidget(this);
    auto* answersLayout = new QVBoxLayout(answers);
    answersLayout->setContentsMargins(0, 0, 0, 0);
    answersLayout->setSpacing(2);
    answersLayout->addWidget(m_recordsFilter);
    answersLayout->addWidget(m_recordsView, 1);
    auto* results = new QSplitter(Qt::Vertical, this);
    results->addWidget(m_jobsView);
    results->addWidget(answers);
    results->setStretchFactor(0, 2);
    results->setStretchFactor(1, 3);
    auto* split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(scroll);
    split->addWidget(results);
    split->setStretchFactor(0, 0);
    split->setStretchFactor(1, 1);
    split->setChildrenCollapsible(false);
    for (QTableView* v : {m_jobsView, m_recordsView})
        v->setMinimumHeight(v->verticalHeader()->defaultSectionSize() * 3);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->setSpacing(4);
    layout->addLayout(queryRow);
    layout->addWidget(m_now);
    layout->addWidget(split, 1);
    layout->addWidget(m_status);

    m_previewTimer->setSingleShot(true);
    m_previewTimer->setInterval(300);
    connect(m_previewTimer, &QTimer::timeout, this, [this] {
        QString error;
        const auto r = request(m_refresh->isChecked(), &error);
        if (!r) {
            m_cost->setText(m_query->text().trimmed().isEmpty() ? QString() : error);
            return;
        }
        m_runner->previewCost(*r);
    });
    connect(m_query, &QLineEdit::textChanged, this, &ProviderPanel::schedulePreview);
    connect(m_query, &QLineEdit::returnPressed, this, [this] { run(m_refresh->isChecked()); });
    connect(m_run, &QPushButton::clicked, this, [this] { run(m_refresh->isChecked()); });
    connect(m_stop, &QPushButton::clicked, this, &ProviderPanel::cancel);
    connect(m_settings, &QPushButton::clicked, this, &ProviderPanel::openSettings);
    connect(m_sinceOn, &QCheckBox::toggled, m_since, &QWidget::setEnabled);
    connect(m_untilOn, &QCheckBox::toggled, m_until, &QWidget::setEnabled);
    for (QCheckBox* box : {m_sinceOn, m_untilOn, m_refresh})
        connect(box, &QCheckBox::toggled, this, &ProviderPanel::schedulePreview);
    for (QDateTimeEdit* edit : {m_since, m_until})
        connect(edit, &QDateTimeEdit::dateTimeChanged, this, &ProviderPanel::schedulePreview);
    for (QSpinBox* spin : {m_limit, m_depth, m_confirmAbove})
        connect(spin, &QSpinBox::valueChanged, this, &ProviderPanel::schedulePreview);
    connect(m_recordsFilter, &QLineEdit::textChanged, m_recordsProxy, &TableFilterProxy::setFilterText);
    connect(m_jobsView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
        [this](const QModelIndex& current) {
            m_recordsProxy->setJobFilter(current.isValid() ? current.data(KeyRole).toInt() : 0);
        });

    connect(m_runner, &ProviderRunner::statusLoaded, this, &ProviderPanel::updateProviderBoxes);
    connect(m_runner, &ProviderRunner::costPreviewed, this, [this](const QString& text, int, bool confirm) {
        m_cost->setText(
            confirm ? tr("Cost: %1. Above the limit: you will be asked first.").arg(text) : tr("Cost: %1").arg(text));
    });
    connect(m_runner, &ProviderRunner::rowChanged, this, [this](const ProviderJobRow& row) {
        m_jobs->upsert(row);
        if (row.status == ProviderJobRow::Status::Failed && row.state == jobStateName(JobState::QuotaExhausted))
            m_runtimeState.insert(row.provider, tr("quota spent"));
        else if (row.status == ProviderJobRow::Status::Ok)
            m_runtimeState.remove(row.provider);
        if (row.status != ProviderJobRow::Status::Running)
            updateProviderBoxes();
        if (m_runner->isRunning())
            showLevelProgress();
    });
    connect(m_runner, &ProviderRunner::recordsArrived, m_records, &ProviderRecordsModel::append);
    connect(m_runner, &ProviderRunner::providerMessage, this, [this](const QString& provider, const QString& message) {
        if (message.contains(QLatin1String("rate limit")) || message.contains(QLatin1String("429")))
            m_runtimeState.insert(provider, tr("rate-limited"));
        m_waitText = visibleText(message, 300);
        showLevelProgress();
        updateProviderBoxes();
    });
    connect(m_runner, &ProviderRunner::levelStarted, this, [this](int level, int questions, const QString& note) {
        m_level = level;
        m_levelText = level == 0 ? tr("Asking\u2026")
                                 : tr("Pivot level %1: %n new question(s)\u2026", nullptr, questions).arg(level);
        if (!note.isEmpty())
            m_levelText += QStringLiteral(" (%1)").arg(note);
        m_waitText.clear();
        showLevelProgress();
    });
    connect(m_runner, &ProviderRunner::confirmationNeeded, this, &ProviderPanel::askConfirmation);
    connect(m_runner, &ProviderRunner::runFinished, this,
        [this](bool cancelled, const QString& message, const QString& error) {
            if (cancelled)
                m_jobs->cancelRunning();
            for (auto it = m_runtimeState.begin(); it != m_runtimeState.end();) {
                it = it.value() == tr("rate-limited") ? m_runtimeState.erase(it) : std::next(it);
            }
            qint64 records = 0;
            int failed = 0;
            for (const ProviderJobRow& r : m_jobs->rows()) {
                records += r.records;
                failed += r.status == ProviderJobRow::Status::Failed ? 1 : 0;
            }
            QString text = tr("Done: %1 records from %n provider question(s)", nullptr, int(m_jobs->rowCount()))
                               .arg(countText(records));
            if (failed > 0)
                text += tr(", %n failed (see the Note column)", nullptr, failed);
            if (m_records->dropped() > 0)
                text
                    += tr("; %1 more records are in the case but not listed here").arg(countText(m_records->dropped()));
            if (!message.isEmpty())
                text = message + QStringLiteral("  ") + text;
            m_status->setText(text);
            updateRunning();
            updateProviderBoxes();
            if (!error.isEmpty())
                emit errorOccurred(tr("Providers"), error);
            emit runFinished(m_runningQuestion, cancelled);
        });
    connect(m_runner, &ProviderRunner::nowRecorded, this, [this](const QString& error) {
        if (!error.isEmpty())
            m_status->setText(tr("The now answer could not be kept in the case: %1").arg(error));
        emit nowRecorded();
    });
    connect(m_nowLookup, &NowLookup::finished, this, [this](const NowAnswer& answer) {
        m_nowAnswers.insert(answer.name, answer);
        showNow(answer);
        emit nowAnswered(answer);
        m_runner->recordNowAnswer(answer);
    });

    buildProviderBoxes();
    updateRunning();
    m_runner->loadStatus();
}

ProviderPanel::~ProviderPanel() = default;

void ProviderPanel::buildProviderBoxes()
{
    QSettings settings;
    const bool remembered = settings.contains(kCheckedKey);
    const QStringList checked = settings.value(kCheckedKey).toStringList();
    int i = 0;
    for (const ProviderDescriptor& d : providerCatalog()) {
        auto* box = new QCheckBox(d.name, this);
        box->setObjectName(QStringLiteral("provider_") + d.id);
        box->setChecked(remembered ? checked.contains(d.id) : false);
        box->setProperty("userSet", remembered);
        m_checks.insert(d.id, box);
        m_providerGrid->addWidget(box, i / 2, i % 2);
        ++i;
        connect(box, &QCheckBox::toggled, this, [this, box] {
            box->setProperty("userSet", true);
            QSettings().setValue(kCheckedKey, checkedProviders());
            schedulePreview();
        });
    }
    for (int c = 0; c < 2; ++c)
        m_providerGrid->setColumnStretch(c, 1);
}

void ProviderPanel::updateProviderBoxes()
{
    const bool firstStatus = !m_statusSeen;
    m_statusSeen = true;
    for (const ProviderStatus& s : m_runner->statuses()) {
        QCheckBox* box = m_checks.value(s.id);
        if (!box)
            continue;
        QString state = s.configured ? tr("ready") : (s.keyRequired ? tr("no key") : tr("not configured"));
        if (!s.problem.isEmpty() && s.configured == false && s.problem.contains(QLatin1String("URL")))
            state = tr("bad URL");
        if (const QString runtime = m_runtimeState.value(s.id); !runtime.isEmpty())
            state = runtime;
        else if (s.configured && s.dailyBudget > 0 && s.usedToday >= s.dailyBudget)
            state = tr("budget spent");
        box->setText(QStringLiteral("%1 \u00b7 %2").arg(s.name, state));
        QStringList tip{s.name,
            s.configured ? tr("configured; key from %1").arg(s.keySource) : tr("not configured: %1").arg(s.problem),
            tr("base URL %1 (%2)").arg(s.baseUrl, s.baseUrlSource),
            tr("rate: %1 request(s) per %2 s").arg(s.rateRequests).arg(s.rateIntervalSeconds),
            s.dailyBudget > 0 ? tr("daily budget: %1 used of %2 today (this case)").arg(s.usedToday).arg(s.dailyBudget)
                              : tr("daily budget: not published; %1 used today (this case)").arg(s.usedToday)};
        if (!m_runtimeState.value(s.id).isEmpty())
            tip << tr("this session: %1").arg(m_runtimeState.value(s.id));
        box->setToolTip(toolTipText(tip.join(u'\n')));
        box->setForegroundRole(s.configured ? QPalette::WindowText : QPalette::PlaceholderText);
        // Until the analyst picks, the services that can answer are ticked.
        if (firstStatus && !box->property("userSet").toBool()) {
            const QSignalBlocker block(box);
            box->setChecked(s.configured);
        }
    }
    schedulePreview();
}

QStringList ProviderPanel::checkedProviders() const
{
    QStringList ids;
    for (const ProviderDescriptor& d : providerCatalog()) {
        if (QCheckBox* box = m_checks.value(d.id); box && box->isChecked())
            ids << d.id;
    }
    return ids;
}

std::optional<ProviderRunRequest> ProviderPanel::request(bool refresh, QString* error) const
{
    auto question = parseQuestion(m_query->text(), error);
    if (!question)
        return std::nullopt;
    if (m_sinceOn->isChecked())
        question->since = m_since->dateTime().toSecsSinceEpoch();
    if (m_untilOn->isChecked())
        question->until = m_until->dateTime().toSecsSinceEpoch();
    if (question->since && question->until && *question->since > *question->until) {
        *error = tr("'Since' is after 'Until': swap them or untick one.");
        return std::nullopt;
    }
    question->limit = m_limit->value();
    ProviderRunRequest r;
    r.question = *question;
    r.providerIds = checkedProviders();
    if (r.providerIds.isEmpty()) {
        *error = tr("Tick at least one provider (Settings\u2026 holds their keys).");
        return std::nullopt;
    }
    r.refresh = refresh;
    r.depth = m_depth->value();
    r.confirmAbove = m_confirmAbove->value();
    return r;
}

void ProviderPanel::schedulePreview()
{
    if (!m_runner->casePath().isEmpty())
        m_previewTimer->start();
}

void ProviderPanel::setCase(const QString& path)
{
    m_runner->setCase(path);
    m_jobs->clear();
    m_records->clear();
    m_status->clear();
    m_cost->clear();
    if (!path.isEmpty())
        m_runner->loadStatus();
    updateRunning();
}

void ProviderPanel::query(const QString& text)
{
    m_query->setText(text);
    run(m_refresh->isChecked());
}

void ProviderPanel::requery()
{
    run(true);
}

void ProviderPanel::run(bool refresh)
{
    if (m_runner->isRunning()) {
        m_status->setText(tr("A query is running: wait for it or press Stop."));
        return;
    }
    if (m_runner->casePath().isEmpty()) {
        emit errorOccurred(tr("Providers"), tr("Open or create a case first: provider answers are recorded in it."));
        return;
    }
    QString error;
    const auto r = request(refresh, &error);
    if (!r) {
        m_status->setText(error);
        emit errorOccurred(tr("Providers"), error);
        return;
    }
    m_jobs->clear();
    m_records->clear();
    m_recordsProxy->setJobFilter(0);
    m_runningQuestion = r->question.text;
    m_status->setText(tr("Asking\u2026"));
    m_runner->start(*r);
    updateRunning();
    if (r->question.kind == ProviderQuestion::Kind::Name && m_resolveNow->isChecked()) {
        m_now->setText(tr("Now: asking the system resolver about %1\u2026").arg(nameWithUnicode(r->question.text)));
        m_nowLookup->start(r->question.text);
    }
}

void ProviderPanel::cancel()
{
    m_runner->cancel();
}

bool ProviderPanel::isRunning() const
{
    return m_runner->isRunning();
}

void ProviderPanel::updateRunning()
{
    const bool running = m_runner->isRunning();
    m_run->setEnabled(!running);
    m_stop->setEnabled(running);
}

void ProviderPanel::showLevelProgress()
{
    int asked = 0;
    int answered = 0;
    for (const ProviderJobRow& r : m_jobs->rows()) {
        if (r.level != m_level)
            continue;
        ++asked;
        answered += r.status == ProviderJobRow::Status::Running ? 0 : 1;
    }
    QString text = m_levelText;
    if (asked > 0)
        text += QLatin1Char(' ') + tr("%1 of %2 answered").arg(answered).arg(asked);
    if (!m_waitText.isEmpty())
        text += QStringLiteral(" \u00b7 ") + m_waitText;
    m_status->setText(text);
}

void ProviderPanel::askConfirmation(int level, int questions, const QString& cost)
{
    auto* box = new QMessageBox(QMessageBox::Question, tr("Spend these requests?"),
        tr("Pivot level %1 asks %n question(s):", nullptr, questions).arg(level) + QStringLiteral("\n\n") + cost,
        QMessageBox::Yes | QMessageBox::No, this);
    box->setObjectName(QStringLiteral("pivotConfirmBox"));
    box->setTextFormat(Qt::PlainText);
    box->setDefaultButton(QMessageBox::No);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this,
        [this, box](int) { m_runner->confirm(box->clickedButton() == box->button(QMessageBox::Yes)); });
    box->open();
}

void ProviderPanel::showNow(const NowAnswer& answer)
{
    m_now->setText(visibleText(nowText(answer), 600));
}

std::optional<NowAnswer> ProviderPanel::nowAnswer(const QString& name) const
{
    const auto it = m_nowAnswers.constFind(name);
    if (it == m_nowAnswers.constEnd())
        return std::nullopt;
    return *it;
}

void ProviderPanel::openSettings()
{
    auto* dialog = new ProviderSettingsDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ProviderSettingsDialog::settingsChanged, m_runner, &ProviderRunner::reloadConfiguration);
    dialog->open();
}

} // namespace pdnsw
