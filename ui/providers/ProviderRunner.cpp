#include "ui/providers/ProviderRunner.h"

#include "models/CaseFile.h"
#include "models/ObservationWriter.h"
#include "models/ProviderQueryLog.h"
#include "models/UtcTime.h"
#include "providers/HttpEngine.h"
#include "providers/PivotPlanner.h"
#include "providers/Provider.h"
#include "providers/ProviderCaseRecorder.h"
#include "providers/ProviderRegistry.h"
#include "providers/ProviderSettings.h"
#include "providers/UrlPolicy.h"
#include "ui/AsyncCall.h"

#include <QHash>
#include <QPointer>

namespace pdnsw {

namespace {

QString ageText(qint64 seconds)
{
    if (seconds < 120)
        return QObject::tr("%1 s").arg(seconds);
    if (seconds < 7200)
        return QObject::tr("%1 min").arg(seconds / 60);
    if (seconds < 172800)
        return QObject::tr("%1 h").arg(seconds / 3600);
    return QObject::tr("%1 days").arg(seconds / 86400);
}

ProviderJobRow::Status statusOf(JobState state)
{
    switch (state) {
    case JobState::Running:
        return ProviderJobRow::Status::Running;
    case JobState::Succeeded:
    case JobState::Limited:
        return ProviderJobRow::Status::Ok;
    case JobState::NotConfigured:
    case JobState::Unsupported:
        return ProviderJobRow::Status::Skipped;
    case JobState::Cancelled:
        return ProviderJobRow::Status::Cancelled;
    case JobState::Truncated:
    case JobState::QuotaExhausted:
    case JobState::AuthFailed:
    case JobState::Failed:
        return ProviderJobRow::Status::Failed;
    }
    return ProviderJobRow::Status::Failed;
}

// A configuration usable for requests: configured and with a base URL the policy accepts.
QString configProblem(const ProviderConfig& c)
{
    if (const QString url = UrlPolicy::checkUrl(c.baseUrl); !url.isEmpty())
        return url;
    const QString missing = c.missingConfiguration();
    return missing.isEmpty() ? QString() : QObject::tr("set %1").arg(missing);
}

} // namespace

// The recorder thread's state. Only code running on m_thread touches it.
struct ProviderRunner::Worker
{
    struct JobInfo
    {
        int row = 0;
        int question = 0;
    };

    QString path;
    std::unique_ptr<CaseFile> file;
    std::unique_ptr<ProviderCaseRecorder> recorder;
    std::unique_ptr<ProviderQueryLog> log;

    bool active = false;
    bool cancelled = false;
    bool awaiting = false;
    bool caseFailed = false;
    QString caseError;
    ProviderRunRequest request;
    QList<ProviderConfig> configs; // the selected providers' configurations for this run
    std::unique_ptr<PivotPlanner> planner;
    int depth = 0;
    QList<ProviderQuestion> level;
    QString levelNote; // the current level's cap, when it had one
    QStringList capNotes; // every capped level's note, for the run's last word
    QList<QList<Observation>> answers;
    QHash<quint64, JobInfo> jobs;
    QHash<int, ProviderJobRow> rows;
    QHash<int, QString> granularityOfRow;
    int nextRow = 1;

    void closeCase()
    {
        recorder.reset();
        log.reset();
        file.reset();
    }
};

ProviderRunner::ProviderRunner(QObject* parent)
    : QObject(parent)
    , m_engine(new HttpEngine(this))
    , m_worker(std::make_unique<Worker>())
{
    qRegisterMetaType<pdnsw::ProviderJobRow>();
    m_thread.setObjectName(QStringLiteral("pdnsw-provider-recorder"));
    m_threadObject = new QObject;
    m_threadObject->moveToThread(&m_thread);
    m_thread.start();
    // The engine's signals are handled on the recorder thread, which owns the case connection.
    connect(m_engine, &HttpEngine::pageReceived, m_threadObject,
        [this](const ProviderPage& page) { onPage(*m_worker, page); });
    connect(m_engine, &HttpEngine::jobFinished, m_threadObject,
        [this](const ProviderJobResult& result, const QList<Observation>& folded) {
            onJobFinished(*m_worker, result, folded);
        });
    connect(m_engine, &HttpEngine::jobProgress, m_threadObject, [this](quint64 jobId, const QString& message) {
        Worker& w = *m_worker;
        const auto it = w.jobs.constFind(jobId);
        if (it == w.jobs.constEnd())
            return;
        ProviderJobRow row = w.rows.value(it->row);
        row.note = message;
        w.rows.insert(row.id, row);
        publish(w, row);
        const QString provider = row.provider;
        deliver([this, provider, message] { emit providerMessage(provider, message); });
    });
}

ProviderRunner::~ProviderRunner()
{
    m_engine->cancelAll();
    m_stopWaiting = true;
    m_thread.quit();
    m_thread.wait();
    // The thread has stopped: close the case with the sources marked as the run left them.
    if (m_worker->active && m_worker->recorder)
        m_worker->recorder->finishAll(false, nullptr);
    delete m_threadObject;
    m_worker.reset();
}

void ProviderRunner::post(std::function<void(Worker&)> work)
{
    QMetaObject::invokeMethod(
        m_threadObject, [this, work = std::move(work)] { work(*m_worker); }, Qt::QueuedConnection);
}

void ProviderRunner::deliver(std::function<void()> work)
{
    QMetaObject::invokeMethod(this, std::move(work), Qt::QueuedConnection);
}

std::function<void(bool)> ProviderRunner::statusWhileWaiting(const QString& text)
{
    return [this, text](bool waiting) {
        if (waiting)
            deliver([this, text] { emit providerMessage(QString(), text); });
    };
}

void ProviderRunner::setCase(const QString& path)
{
    if (path == m_casePath)
        return;
    if (m_running)
        cancel(); // also ends a wait for another import's indexes
    m_casePath = path;
    post([this, path](Worker& w) {
        if (w.active) {
            // The engine stops the jobs; their results no longer belong to any case.
            w.cancelled = true;
            if (w.recorder)
                w.recorder->finishAll(false, nullptr);
            w.jobs.clear();
            w.active = false;
            deliver([this] {
                m_running = false;
                m_awaiting = false;
                emit runFinished(true, tr("Stopped: the case was closed."), QString());
            });
        }
        w.closeCase();
        w.path = path;
    });
}

bool ProviderRunner::ensureOpen(Worker& w, QString* error)
{
    if (w.file)
        return true;
    if (w.path.isEmpty()) {
        *error = tr("Open or create a case first: provider answers are recorded in it.");
        return false;
    }
    CaseError caseError;
    CaseFile::Options options;
    options.runQuickCheck = false; // the window checked the case when it opened it
    w.file = CaseFile::open(w.path, CaseFile::Mode::OpenExisting, options, &caseError);
    if (!w.file) {
        *error = caseError.message;
        return false;
    }
    w.recorder = std::make_unique<ProviderCaseRecorder>(*w.file);
    w.recorder->setCancelFlag(&m_stopWaiting);
    // An import running in bulk on this case has its indexes down: answers are logged at once, their records
    // are stored when the indexes are back, and the end of the run waits for that. The panel says so instead of
    // looking stuck.
    w.recorder->setIndexWaitObserver(
        statusWhileWaiting(tr("Waiting to store the answers' records: an import running on this case is rebuilding "
                              "its indexes. The raw answers are already in the query log; Stop ends the wait.")));
    w.log = std::make_unique<ProviderQueryLog>(*w.file);
    return true;
}

void ProviderRunner::withConfigs(std::function<void(const QList<ProviderConfig>&)> then)
{
    if (m_configsLoaded) {
        then(m_configs);
        return;
    }
    m_waitingForConfigs.append(std::move(then));
    if (m_waitingForConfigs.size() > 1)
        return; // a load is already on its way
    runAsync<QList<ProviderConfig>>(
        this,
        [] {
            QList<ProviderConfig> configs;
            for (const ProviderDescriptor& d : providerCatalog())
                configs.append(ProviderSettings::load(d.id, ProviderSettings::KeyLookup::EnvironmentThenKeychain));
            return configs;
        },
        [this](QList<ProviderConfig> configs) {
            m_configs = std::move(configs);
            m_configsLoaded = true;
            const auto waiting = std::exchange(m_waitingForConfigs, {});
            for (const auto& then : waiting)
                then(m_configs);
        });
}

void ProviderRunner::reloadConfiguration()
{
    for (ProviderConfig& c : m_configs)
        c.wipeKey();
    m_configs.clear();
    m_configsLoaded = false;
    loadStatus();
}

void ProviderRunner::loadStatus()
{
    withConfigs([this](const QList<ProviderConfig>& configs) {
        QList<ProviderStatus> statuses;
        for (const ProviderConfig& c : configs) {
            ProviderStatus s;
            s.id = c.descriptor.id;
            s.name = c.descriptor.name;
            s.keyRequired = c.descriptor.keyRequired;
            s.problem = configProblem(c);
            s.configured = s.problem.isEmpty();
            if (c.keySource == ProviderConfig::KeySource::None && c.descriptor.keyRequired && !c.keyProblem.isEmpty())
                s.problem += QStringLiteral(" (%1)").arg(c.keyProblem);
            s.keySource = keySourceName(c.keySource);
            s.baseUrl = c.baseUrl;
            s.baseUrlSource = c.baseUrlSource;
            s.rateRequests = c.rateRequests;
            s.rateIntervalSeconds = c.rateIntervalSeconds;
            s.dailyBudget = c.dailyBudget;
            statuses.append(s);
        }
        // The budget spent today is in the case's audit log, on the recorder thread.
        post([this, configs, statuses](Worker& w) mutable {
            QString ignored;
            if (ensureOpen(w, &ignored)) {
                const auto cost = PivotPlanner::preview({}, configs, {}, w.log.get());
                for (ProviderStatus& s : statuses) {
                    for (const PivotPlanner::CostLine& line : cost) {
                        if (line.provider == s.id)
                            s.usedToday = line.usedToday;
                    }
                }
            }
            deliver([this, statuses] {
                m_statuses = statuses;
                emit statusLoaded();
            });
        });
    });
}

void ProviderRunner::previewCost(const ProviderRunRequest& request)
{
    withConfigs([this, request](const QList<ProviderConfig>& all) {
        QList<ProviderConfig> selected;
        for (const ProviderConfig& c : all) {
            if (request.providerIds.contains(c.descriptor.id) && configProblem(c).isEmpty())
                selected.append(c);
        }
        post([this, request, selected](Worker& w) {
            QString error;
            if (!ensureOpen(w, &error)) {
                deliver([this, error] { emit costPreviewed(error, 0, false); });
                return;
            }
            const auto cost = PivotPlanner::preview(
                {request.question}, selected,
                [&](const ProviderConfig& c, const ProviderQuestion& q) {
                    return !request.refresh && w.recorder->cached(c.descriptor.id, q, c).has_value();
                },
                w.log.get());
            int requests = 0;
            int cached = 0;
            QStringList parts;
            for (const PivotPlanner::CostLine& line : cost) {
                requests += line.requests;
                cached += line.cached;
                if (line.requests > 0)
                    parts << QStringLiteral("%1 %2").arg(findProvider(line.provider)->name).arg(line.requests);
            }
            QString text = requests == 0 && cached == 0 ? tr("No selected provider can answer this question.")
                                                        : tr("%n request(s)", nullptr, requests);
            if (!parts.isEmpty())
                text += QStringLiteral(" (%1)").arg(parts.join(QStringLiteral(", ")));
            if (cached > 0)
                text += tr(", %n answer(s) from the case cache", nullptr, cached);
            const bool confirm = PivotPlanner::needsConfirmation(cost, request.confirmAbove);
            deliver([this, text, requests, confirm] { emit costPreviewed(text, requests, confirm); });
        });
    });
}

void ProviderRunner::start(const ProviderRunRequest& request)
{
    if (m_running)
        return;
    m_running = true;
    m_stopWaiting = false;
    emit runStarted(request.question.text);
    withConfigs([this, request](const QList<ProviderConfig>& all) {
        QList<ProviderConfig> selected;
        for (const ProviderConfig& c : all) {
            if (request.providerIds.contains(c.descriptor.id))
                selected.append(c);
        }
        post([this, request, selected](Worker& w) {
            w.active = true;
            w.cancelled = false;
            w.awaiting = false;
            w.caseFailed = false;
            w.caseError.clear();
            w.request = request;
            w.configs = selected;
            w.planner = std::make_unique<PivotPlanner>();
            w.planner->markAsked(request.question.text);
            w.depth = 0;
            w.level = {request.question};
            w.levelNote.clear();
            w.capNotes.clear();
            w.jobs.clear();
            w.rows.clear();
            w.granularityOfRow.clear();
            w.nextRow = 1;
            QString error;
            if (!ensureOpen(w, &error)) {
                w.caseFailed = true;
                w.caseError = error;
                finishRun(w, QString());
                return;
            }
            runLevel(w);
        });
    });
}

void ProviderRunner::runLevel(Worker& w)
{
    QList<ProviderConfig> usable;
    for (const ProviderConfig& c : std::as_const(w.configs)) {
        if (configProblem(c).isEmpty())
            usable.append(c);
    }
    const auto cost = PivotPlanner::preview(
        w.level, usable,
        [&](const ProviderConfig& c, const ProviderQuestion& q) {
            return !w.request.refresh && w.recorder->cached(c.descriptor.id, q, c).has_value();
        },
        w.log.get());
    if (PivotPlanner::needsConfirmation(cost, w.request.confirmAbove)) {
        w.awaiting = true;
        const int level = w.depth;
        const int questions = int(w.level.size());
        QString text = PivotPlanner::describe(cost);
        if (!w.levelNote.isEmpty())
            text += QStringLiteral("\n") + w.levelNote + u'.';
        deliver([this, level, questions, text] {
            m_awaiting = true;
            emit confirmationNeeded(level, questions, text);
        });
        return;
    }
    submitLevel(w);
}

void ProviderRunner::confirm(bool go)
{
    m_awaiting = false;
    post([this, go](Worker& w) {
        if (!w.active || !w.awaiting)
            return;
        w.awaiting = false;
        if (go && !w.cancelled)
            submitLevel(w);
        else
            finishRun(w, tr("Stopped before pivot level %1: it needed more requests than allowed.").arg(w.depth));
    });
}

void ProviderRunner::cancel()
{
    if (!m_running)
        return;
    m_engine->cancelAll();
    m_stopWaiting = true;
    post([this](Worker& w) {
        if (!w.active)
            return;
        w.cancelled = true;
        if (w.awaiting || w.jobs.isEmpty()) {
            w.awaiting = false;
            finishRun(w, tr("Cancelled; what arrived is kept."));
        }
        // Otherwise the engine reports every running job as cancelled and the last one ends the run.
    });
}

void ProviderRunner::publish(Worker& w, const ProviderJobRow& row)
{
    Q_UNUSED(w);
    deliver([this, row] { emit rowChanged(row); });
}

void ProviderRunner::submitLevel(Worker& w)
{
    const int questions = int(w.level.size());
    const int level = w.depth;
    const QString note = w.levelNote;
    if (!note.isEmpty()) // only a level that is asked: one stopped before it left out everything anyway
        w.capNotes.append(tr("Pivot level %1: %2.").arg(level).arg(note));
    deliver([this, level, questions, note] { emit levelStarted(level, questions, note); });
    w.answers = QList<QList<Observation>>(w.level.size());
    for (qsizetype qi = 0; qi < w.level.size() && !w.caseFailed; ++qi) {
        const ProviderQuestion& q = w.level.at(qi);
        for (const ProviderConfig& config : std::as_const(w.configs)) {
            const Provider* p = providerById(config.descriptor.id);
            if (!p)
                continue;
            ProviderJobRow row;
            row.id = w.nextRow++;
            row.level = w.depth;
            row.provider = config.descriptor.id;
            row.providerName = config.descriptor.name;
            row.question = q.text;
            w.granularityOfRow.insert(row.id, config.descriptor.timeGranularity);
            if (const QString reason = p->unsupportedReason(q); !reason.isEmpty()) {
                row.status = ProviderJobRow::Status::Skipped;
                row.state = jobStateName(JobState::Unsupported);
                row.note = reason;
                w.rows.insert(row.id, row);
                publish(w, row);
                continue;
            }
            if (const QString problem = configProblem(config); !problem.isEmpty()) {
                row.status = ProviderJobRow::Status::Skipped;
                row.state = jobStateName(JobState::NotConfigured);
                row.note = problem;
                w.rows.insert(row.id, row);
                publish(w, row);
                continue;
            }
            if (!w.request.refresh) {
                if (const auto hit = w.recorder->cached(config.descriptor.id, q, config)) {
                    row.status = ProviderJobRow::Status::Cached;
                    row.state = QStringLiteral("cached");
                    row.pages = hit->record.pages;
                    row.records = hit->record.recordCount;
                    row.httpStatus = hit->record.httpStatus;
                    row.queryId = hit->record.id;
                    row.note = tr("answer from %1, %2 old; tick Refresh to ask again")
                                   .arg(formatUtcTime(hit->record.finishedAt), ageText(hit->ageSeconds));
                    w.rows.insert(row.id, row);
                    publish(w, row);
                    const QList<Observation> stored = ProviderCaseRecorder::storedObservations(*w.file, hit->record.id);
                    w.answers[qi] += stored;
                    const int id = row.id;
                    const QString name = row.providerName;
                    const QString granularity = config.descriptor.timeGranularity;
                    deliver(
                        [this, id, name, granularity, stored] { emit recordsArrived(id, name, granularity, stored); });
                    continue;
                }
            }
            // Submitted here, on the thread that records: the job's pages queue up behind beginQuery.
            const quint64 job = m_engine->submit(config, q);
            CaseError error;
            if (!w.recorder->beginQuery(job, config, q, &error)) {
                m_engine->cancel(job);
                w.caseFailed = true;
                w.caseError = error.message;
                break;
            }
            row.queryId = w.recorder->queryId(job);
            w.jobs.insert(job, Worker::JobInfo{row.id, int(qi)});
            w.rows.insert(row.id, row);
            publish(w, row);
        }
    }
    if (w.caseFailed) {
        m_engine->cancelAll();
        w.cancelled = true;
    }
    if (w.jobs.isEmpty())
        levelDone(w);
}

void ProviderRunner::onPage(Worker& w, const ProviderPage& page)
{
    const auto it = w.jobs.constFind(page.jobId);
    if (it == w.jobs.constEnd())
        return;
    CaseError error;
    if (!w.caseFailed && !w.recorder->addPage(page, &error)) {
        w.caseFailed = true;
        w.caseError = error.message;
        m_engine->cancelAll();
    }
    w.answers[it->question] += page.observations;
    ProviderJobRow row = w.rows.value(it->row);
    row.pages = std::max(row.pages, page.page);
    row.records += page.observations.size();
    row.httpStatus = page.httpStatus;
    w.rows.insert(row.id, row);
    publish(w, row);
    if (!page.observations.isEmpty()) {
        const int id = row.id;
        const QString name = row.providerName;
        const QString granularity = w.granularityOfRow.value(row.id);
        const QList<Observation> observations = page.observations;
        deliver(
            [this, id, name, granularity, observations] { emit recordsArrived(id, name, granularity, observations); });
    }
}

void ProviderRunner::onJobFinished(Worker& w, const ProviderJobResult& result, const QList<Observation>& folded)
{
    const auto it = w.jobs.constFind(result.jobId);
    if (it == w.jobs.constEnd())
        return;
    const Worker::JobInfo info = *it;
    w.jobs.erase(it);
    CaseError error;
    if (!w.caseFailed && !w.recorder->finishQuery(result, folded, &error)) {
        w.caseFailed = true;
        w.caseError = error.message;
        m_engine->cancelAll();
    }
    w.answers[info.question] += folded;
    ProviderJobRow row = w.rows.value(info.row);
    row.status = statusOf(result.state);
    row.state = jobStateName(result.state);
    row.pages = result.pages;
    row.records = result.records;
    row.httpStatus = result.lastHttpStatus;
    row.note = isSuccessful(result.state) ? result.note : result.error;
    w.rows.insert(row.id, row);
    publish(w, row);
    if (!folded.isEmpty()) {
        const int id = row.id;
        const QString name = row.providerName;
        const QString granularity = w.granularityOfRow.value(row.id);
        deliver([this, id, name, granularity, folded] { emit recordsArrived(id, name, granularity, folded); });
    }
    if (w.jobs.isEmpty())
        levelDone(w);
}

void ProviderRunner::levelDone(Worker& w)
{
    if (!w.active)
        return;
    if (w.cancelled || w.caseFailed || w.depth >= w.request.depth) {
        finishRun(w, w.cancelled ? tr("Cancelled; what arrived is kept.") : QString());
        return;
    }
    QList<QPair<ProviderQuestion, QList<Observation>>> answers;
    for (qsizetype qi = 0; qi < w.level.size(); ++qi)
        answers.append({w.level.at(qi), w.answers.value(qi)});
    const PivotPlanner::Level next = w.planner->nextLevel(answers);
    w.level = next.questions;
    ++w.depth;
    w.levelNote = w.planner->leftOutNote(next);
    if (w.level.isEmpty()) {
        finishRun(w, tr("Pivot level %1 has no new questions.").arg(w.depth));
        return;
    }
    // The level's own question limit and fence carry over from the question typed.
    for (ProviderQuestion& q : w.level) {
        q.since = w.request.question.since;
        q.until = w.request.question.until;
        q.limit = w.request.question.limit;
    }
    runLevel(w);
}

void ProviderRunner::finishRun(Worker& w, const QString& text)
{
    if (!w.active)
        return;
    w.active = false;
    // A capped level is part of the outcome: the analyst must know the pivot did not ask everything.
    const QString message = (w.capNotes + QStringList{text}).join(u' ').trimmed();
    CaseError error;
    QString caseError = w.caseError;
    if (w.recorder && !w.recorder->finishAll(!w.cancelled && !w.caseFailed, &error) && caseError.isEmpty())
        caseError = error.message;
    const bool cancelled = w.cancelled;
    w.jobs.clear();
    deliver([this, cancelled, message, caseError] {
        m_running = false;
        m_awaiting = false;
        emit runFinished(cancelled, message, caseError);
    });
}

void ProviderRunner::recordNowAnswer(const NowAnswer& answer)
{
    if (!m_running)
        m_stopWaiting = false;
    post([this, answer](Worker& w) {
        QString error;
        if (answer.records.isEmpty()) {
            deliver([this] { emit nowRecorded(QString()); });
            return;
        }
        if (ensureOpen(w, &error)) {
            SourceInfo info;
            info.kind = QStringLiteral("lookup:system");
            info.label = tr("System resolver (now)");
            info.path = QStringLiteral("res_query");
            info.importedAt = answer.askedAt;
            info.timeKind = QStringLiteral("lookup");
            ObservationWriter writer(*w.file);
            writer.setCancelFlag(&m_stopWaiting);
            writer.setIndexWaitObserver(statusWhileWaiting(
                tr("Waiting to keep the \"now\" answer in the case: an import running on it is rebuilding its "
                   "indexes.")));
            CaseError caseError;
            bool written = writer.continueSource(info, &caseError);
            for (const Observation& o : answer.records)
                written = written && writer.addObservation(o);
            written = written && writer.finish(true, {}, &caseError);
            if (!written)
                error = caseError ? caseError.message : writer.lastError().message;
        }
        deliver([this, error] { emit nowRecorded(error); });
    });
}

} // namespace pdnsw
