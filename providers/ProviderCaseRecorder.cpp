#include "providers/ProviderCaseRecorder.h"

#include "models/CaseFile.h"
#include "models/ObservationWriter.h"
#include "models/SourceInfo.h"
#include "providers/JsonFields.h"
#include "providers/PairAggregator.h"
#include "providers/Provider.h"
#include "providers/ProviderRegistry.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>

#include <utility>

namespace pdnsw {

SourceInfo providerSourceInfo(const QString& providerId, const QString& baseUrl)
{
    SourceInfo info;
    const Provider* p = providerById(providerId);
    const ProviderDescriptor* d = findProvider(providerId);
    info.kind = QStringLiteral("provider:%1").arg(d ? d->id : providerId);
    info.label = p ? p->sourceLabel() : providerId;
    info.path = baseUrl;
    info.importedAt = QDateTime::currentSecsSinceEpoch();
    info.timeGranularity = d ? d->timeGranularity : QStringLiteral("second");
    info.timeKind = d ? d->timeKind : QStringLiteral("sensor");
    info.countIsMax = true;
    QJsonObject parameters;
    parameters.insert(QStringLiteral("provider"), info.kind.mid(9));
    parameters.insert(QStringLiteral("baseUrl"), baseUrl);
    info.parameters = JsonFields::compact(parameters);
    return info;
}

ProviderCaseRecorder::ProviderCaseRecorder(CaseFile& file)
    : m_file(file)
    , m_log(file)
{
}

ProviderCaseRecorder::~ProviderCaseRecorder() = default;

QString ProviderCaseRecorder::parametersJson(const ProviderQuestion& q, const ProviderConfig& config)
{
    QJsonObject o; // QJsonObject keeps keys sorted: the text is stable for the cache lookup
    o.insert(QStringLiteral("kind"), questionKindName(q.kind));
    o.insert(QStringLiteral("baseUrl"), config.baseUrl);
    if (q.since)
        o.insert(QStringLiteral("since"), *q.since);
    if (q.until)
        o.insert(QStringLiteral("until"), *q.until);
    if (q.limit > 0)
        o.insert(QStringLiteral("limit"), q.limit);
    return JsonFields::compact(o);
}

std::optional<ProviderCaseRecorder::Cached> ProviderCaseRecorder::cached(
    const QString& provider, const ProviderQuestion& q, const ProviderConfig& config) const
{
    const auto record = m_log.latestSuccessful(provider, q.text, parametersJson(q, config));
    if (!record)
        return std::nullopt;
    Cached c{*record,
        std::max<qint64>(0, QDateTime::currentSecsSinceEpoch() - record->finishedAt.value_or(record->startedAt))};
    return c;
}

ObservationWriter* ProviderCaseRecorder::writerFor(const QString& provider, const QString& baseUrl, CaseError* error)
{
    if (auto it = m_writers.constFind(provider); it != m_writers.constEnd())
        return it->get();
    auto writer = std::make_shared<ObservationWriter>(m_file);
    writer->setIndexWaitObserver(m_onIndexWait);
    writer->setCancelFlag(m_cancel);
    if (!writer->continueSource(providerSourceInfo(provider, baseUrl), error))
        return nullptr;
    m_writers.insert(provider, writer);
    return writer.get();
}

bool ProviderCaseRecorder::beginQuery(
    quint64 jobId, const ProviderConfig& config, const ProviderQuestion& q, CaseError* error)
{
    m_baseUrls.insert(config.descriptor.id, config.baseUrl);
    ProviderQueryRecord record;
    record.provider = config.descriptor.id;
    record.question = q.text;
    record.parameters = parametersJson(q, config);
    record.startedAt = QDateTime::currentSecsSinceEpoch();
    if (const ObservationWriter* writer = m_writers.value(config.descriptor.id).get())
        record.sourceId = writer->sourceId(); // else set when its first record makes the source
    const qint64 id = m_log.begin(record, error);
    if (id <= 0)
        return false;
    m_jobs.insert(jobId, {id, record.provider, record.question, record.parameters, record.startedAt});
    return true;
}

bool ProviderCaseRecorder::addPage(const ProviderPage& page, CaseError* error)
{
    const auto it = m_jobs.constFind(page.jobId);
    if (it == m_jobs.constEnd())
        return true; // not a recorded job
    ProviderAnswerPage stored;
    stored.queryId = it->queryId;
    stored.page = page.page;
    stored.url = page.url;
    stored.httpStatus = page.httpStatus;
    stored.receivedAt = page.receivedAt;
    stored.body = page.body;
    if (!m_log.addPage(stored, error))
        return false;
    return storeAnswers(it->provider, page.observations, false, error);
}

// While a bulk import on another connection has the key index down, records wait here (the raw pages are
// already in the query log) and the recorder goes on logging; they are stored by the first call after the index
// is back, or by finishAll, which waits for it.
bool ProviderCaseRecorder::storeAnswers(
    const QString& provider, const QList<Observation>& observations, bool mayWait, CaseError* error)
{
    QList<Observation>& pending = m_pending[provider];
    pending += observations;
    if (pending.isEmpty())
        return true;
    // The provider's source is made with its first record: a failed or empty query never shows as a "complete"
    // source of no records, which reads as "the provider knows nothing".
    ObservationWriter* writer = m_writers.value(provider).get();
    if (!writer)
        writer = writerFor(provider, m_baseUrls.value(provider), error);
    if (!writer)
        return false;
    if (!mayWait && writer->writeWouldWait())
        return true;
    const QList<Observation> batch = std::exchange(pending, {});
    for (const Observation& o : batch) {
        if (!writer->addObservation(o))
            break;
    }
    if (writer->flush(error))
        return true;
    // A stop while waiting costs nothing that cannot be rebuilt.
    if (error && error->kind == CaseError::Kind::Cancelled)
        error->message += QStringLiteral(" The raw answers are kept in the query log; 'pdnsw-cli reparse' rebuilds "
                                         "their records.");
    return false;
}

bool ProviderCaseRecorder::finishQuery(
    const ProviderJobResult& result, const QList<Observation>& folded, CaseError* error)
{
    const auto it = m_jobs.constFind(result.jobId);
    if (it == m_jobs.constEnd())
        return true;
    bool ok = storeAnswers(it->provider, folded, false, error);
    const ObservationWriter* writer = m_writers.value(it->provider).get(); // made by the first record, if any
    ProviderQueryRecord record;
    record.id = it->queryId;
    record.provider = it->provider;
    record.question = it->question;
    record.parameters = it->parameters;
    // The log says when the provider was asked: a question of a pivot level may wait minutes for the rate limit
    // first, and that wait is not the provider's time.
    record.startedAt = result.firstRequestAt > 0 ? result.firstRequestAt : it->startedAt;
    record.finishedAt = result.finishedAt;
    record.httpStatus = result.lastHttpStatus;
    record.pages = result.pages;
    record.recordCount = result.records;
    record.error = isSuccessful(result.state) ? QString()
                                              : QStringLiteral("%1: %2").arg(jobStateName(result.state), result.error);
    record.sourceId = writer ? writer->sourceId() : 0;
    CaseError logError;
    if (!m_log.finish(record, &logError) && ok) {
        ok = false;
        if (error)
            *error = logError;
    }
    m_jobs.remove(result.jobId);
    return ok;
}

bool ProviderCaseRecorder::finishAll(bool complete, CaseError* error)
{
    // The first problem is the one reported; later steps still run so every entry and source gets closed.
    bool ok = true;
    const auto step = [&](bool done, const CaseError& stepError) {
        if (!done && ok && error)
            *error = stepError;
        ok = ok && done;
    };
    // Queries still open get no result any more (the run was stopped or the case is being closed): the audit log
    // says so instead of keeping them "running" forever.
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    for (auto it = m_jobs.cbegin(); it != m_jobs.cend(); ++it) {
        CaseError stepError;
        step(m_log.abandon(it->queryId, now,
                 QStringLiteral("stopped before an answer: the run ended or the case was closed"), &stepError),
            stepError);
    }
    m_jobs.clear();
    for (auto it = m_writers.begin(); it != m_writers.end(); ++it) {
        CaseError stepError;
        step(storeAnswers(it.key(), {}, true, &stepError), stepError);
        const auto& s = it.value()->stats();
        QJsonObject stats;
        stats.insert(QStringLiteral("added"), s.added);
        stats.insert(QStringLiteral("inserted"), s.inserted);
        stats.insert(QStringLiteral("merged"), s.merged);
        stepError = CaseError{};
        step(it.value()->finish(complete, JsonFields::compact(stats), &stepError), stepError);
    }
    m_writers.clear();
    m_pending.clear();
    return ok;
}

QList<Observation> ProviderCaseRecorder::parseStored(
    const ProviderQueryLog& log, const ProviderQueryRecord& record, ReparseResult& result, bool* usable)
{
    *usable = false;
    const Provider* provider = providerById(record.provider);
    QString why;
    auto question = parseQuestion(record.question, &why);
    if (!provider || !question) {
        result.problems.append(QStringLiteral("query %1: cannot reparse (%2)")
                                   .arg(record.id)
                                   .arg(provider ? why : QStringLiteral("unknown provider ") + record.provider));
        return {};
    }
    *usable = true;
    const QJsonObject params = QJsonDocument::fromJson(record.parameters.toUtf8()).object();
    if (params.contains(QLatin1String("since")))
        question->since = JsonFields::integer(params.value(QLatin1String("since")));
    if (params.contains(QLatin1String("until")))
        question->until = JsonFields::integer(params.value(QLatin1String("until")));
    question->limit = static_cast<int>(JsonFields::integer(params.value(QLatin1String("limit"))).value_or(0));

    QList<Observation> out;
    qint64 delivered = 0;
    PairAggregator folded;
    for (const ProviderAnswerPage& page : log.pages(record.id)) {
        const StatusVerdict verdict = provider->classify(page.httpStatus, page.body);
        if (verdict.state != JobState::Succeeded || verdict.retry) {
            ++result.skippedPages;
            continue;
        }
        ++result.pages;
        PageContext ctx{page.url, page.httpStatus, page.body, {}, nullptr, nullptr, delivered};
        PageParse parse = provider->parsePage(*question, ctx);
        Provider::clampToLimit(parse, *question, delivered);
        delivered += parse.observations.size();
        result.rejected += parse.rejected;
        for (const QString& p : std::as_const(parse.problems)) {
            if (result.problems.size() < 20)
                result.problems.append(QStringLiteral("query %1 page %2: %3").arg(record.id).arg(page.page).arg(p));
        }
        for (const Observation& o : std::as_const(parse.observations)) {
            if (provider->aggregatesPairs())
                folded.add(o);
            else
                out.append(o);
        }
    }
    out += folded.result();
    return out;
}

QList<Observation> ProviderCaseRecorder::storedObservations(CaseFile& file, qint64 queryId)
{
    ProviderQueryLog log(file);
    const auto record = log.query(queryId);
    if (!record)
        return {};
    ReparseResult ignored;
    bool usable = false;
    return parseStored(log, *record, ignored, &usable);
}

std::optional<ProviderCaseRecorder::ReparseResult> ProviderCaseRecorder::reparse(
    CaseFile& file, std::optional<qint64> queryId, CaseError* error)
{
    ProviderQueryLog log(file);
    QList<ProviderQueryRecord> records;
    if (queryId) {
        const auto r = log.query(*queryId);
        if (!r) {
            if (error)
                error->set(CaseError::Kind::NotFound,
                    QStringLiteral("%1 has no provider query %2; 'pdnsw-cli query' lists the ids it made")
                        .arg(file.path())
                        .arg(*queryId));
            return std::nullopt;
        }
        records.append(*r);
    } else {
        records = log.queries();
    }
    ReparseResult result;
    QHash<QString, std::shared_ptr<ObservationWriter>> writers;
    for (const ProviderQueryRecord& record : std::as_const(records)) {
        bool usable = false;
        const QList<Observation> observations = parseStored(log, record, result, &usable);
        if (!usable)
            continue;
        ++result.queries;
        std::shared_ptr<ObservationWriter>& writer = writers[record.provider];
        if (!writer) {
            const QJsonObject params = QJsonDocument::fromJson(record.parameters.toUtf8()).object();
            writer = std::make_shared<ObservationWriter>(file);
            if (!writer->continueSource(
                    providerSourceInfo(record.provider, params.value(QLatin1String("baseUrl")).toString()), error))
                return std::nullopt;
        }
        for (const Observation& o : observations) {
            writer->addObservation(o);
            ++result.observations;
        }
        if (!writer->flush(error))
            return std::nullopt;
    }
    for (auto& w : writers) {
        if (!w->finish(true, {}, error))
            return std::nullopt;
    }
    return result;
}

} // namespace pdnsw
