#include "providers/HttpEngineWorker.h"

#include "providers/ProviderRegistry.h"
#include "providers/RetryPolicy.h"
#include "providers/UrlPolicy.h"

#include <QDateTime>
#include <QLoggingCategory>
#include <QThread>
#include <QUrl>

#include <curl/curl.h>

#include <chrono>
#include <mutex>

Q_LOGGING_CATEGORY(lcEngine, "pdnsw.providers.engine", QtInfoMsg)

// Debug lines name the provider, method and URL (redacted); finished jobs add their state and error (redacted).

namespace pdnsw {

struct EngineTransfer
{
    CURL* easy = nullptr;
    curl_slist* headerList = nullptr;
    quint64 jobId = 0;
    QString provider;
    HttpRequest request;
    HttpResponse response;
    qint64 cap = 0;
    qint64 startedSteady = 0;
    std::shared_ptr<std::atomic<bool>> cancelFlag;
    char errorBuffer[CURL_ERROR_SIZE] = {};
};

namespace {

qint64 steadyMs()
{
    using namespace std::chrono;
    return duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
}

size_t onBody(char* data, size_t size, size_t count, void* user)
{
    auto* t = static_cast<EngineTransfer*>(user);
    const size_t n = size * count;
    // The cap counts decoded bytes (libcurl hands us bytes after gzip), so a compression bomb stops here too.
    if (t->response.body.size() + static_cast<qint64>(n) > t->cap) {
        const qint64 room = t->cap - t->response.body.size();
        if (room > 0)
            t->response.body.append(data, room);
        t->response.sizeCapHit = true;
        return 0; // a short count aborts the transfer (CURLE_WRITE_ERROR)
    }
    t->response.body.append(data, static_cast<qsizetype>(n));
    return n;
}

size_t onHeader(char* data, size_t size, size_t count, void* user)
{
    auto* t = static_cast<EngineTransfer*>(user);
    const size_t n = size * count;
    const QByteArray line = QByteArray(data, static_cast<qsizetype>(n)).trimmed();
    if (line.startsWith("HTTP/")) {
        t->response.headers.clear(); // a new response (after 100 Continue)
    } else if (const qsizetype colon = line.indexOf(':'); colon > 0 && t->response.headers.size() < 200) {
        t->response.headers.append({line.left(colon).trimmed().toLower(), line.mid(colon + 1).trimmed().left(8192)});
    }
    return n;
}

int onProgress(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t)
{
    auto* t = static_cast<EngineTransfer*>(user);
    return t->cancelFlag && t->cancelFlag->load() ? 1 : 0;
}

bool hasLineBreak(const QByteArray& v)
{
    return v.contains('\r') || v.contains('\n') || v.contains('\0');
}

int severity(JobState s)
{
    switch (s) {
    case JobState::Running:
    case JobState::Succeeded:
        return 0;
    case JobState::Limited:
        return 1;
    case JobState::Truncated:
        return 2;
    case JobState::Failed:
        return 3;
    case JobState::QuotaExhausted:
        return 4;
    case JobState::AuthFailed:
    case JobState::NotConfigured:
    case JobState::Unsupported:
        return 5;
    case JobState::Cancelled:
        return 6;
    }
    return 0;
}

} // namespace

HttpEngineWorker::HttpEngineWorker()
{
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
    m_multi = curl_multi_init();
}

HttpEngineWorker::~HttpEngineWorker()
{
    for (EngineTransfer* t : std::as_const(m_transfers)) {
        curl_multi_remove_handle(m_multi, t->easy);
        curl_easy_cleanup(t->easy);
        curl_slist_free_all(t->headerList);
        delete t;
    }
    for (Job* j : std::as_const(m_jobs)) {
        j->config.wipeKey();
        delete j;
    }
    curl_multi_cleanup(m_multi);
}

void HttpEngineWorker::enqueue(quint64 jobId, const ProviderConfig& config, const ProviderQuestion& question)
{
    {
        QMutexLocker lock(&m_mutex);
        m_incoming.append({jobId, config, question});
    }
    curl_multi_wakeup(m_multi);
}

void HttpEngineWorker::cancel(quint64 jobId)
{
    {
        QMutexLocker lock(&m_mutex);
        if (jobId == 0)
            m_cancelAll = true;
        else
            m_cancelled.insert(jobId);
    }
    curl_multi_wakeup(m_multi);
}

void HttpEngineWorker::stop()
{
    {
        QMutexLocker lock(&m_mutex);
        m_stop = true;
        m_cancelAll = true;
    }
    curl_multi_wakeup(m_multi);
}

void HttpEngineWorker::run()
{
    for (;;) {
        {
            QMutexLocker lock(&m_mutex);
            if (m_stop)
                break;
        }
        qint64 now = steadyMs();
        acceptIncoming(now);
        applyCancellations();
        const qint64 nextDue = startDue(now);
        const int timeout = static_cast<int>(std::clamp<qint64>(nextDue - now, 0, 1000));
        curl_multi_poll(m_multi, nullptr, 0, timeout, nullptr);
        int running = 0;
        curl_multi_perform(m_multi, &running);
        int left = 0;
        while (CURLMsg* msg = curl_multi_info_read(m_multi, &left)) {
            if (msg->msg != CURLMSG_DONE)
                continue;
            EngineTransfer* t = nullptr;
            curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, reinterpret_cast<char**>(&t));
            handleDone(t, msg->data.result, steadyMs());
        }
        finishIdleJobs(steadyMs());
    }
    // Shutting down: abort what runs and tell the receivers, if any still listen.
    applyCancellations();
    finishIdleJobs(steadyMs());
}

void HttpEngineWorker::acceptIncoming(qint64 now)
{
    QList<Incoming> incoming;
    {
        QMutexLocker lock(&m_mutex);
        incoming.swap(m_incoming);
    }
    for (Incoming& in : incoming) {
        auto* job = new Job;
        job->id = in.id;
        job->provider = providerById(in.config.descriptor.id);
        job->config = std::move(in.config);
        job->question = in.question;
        job->startedAtWall = QDateTime::currentSecsSinceEpoch();
        job->startedAtSteady = now;
        job->cancelFlag = std::make_shared<std::atomic<bool>>(false);
        job->redactor.addSecret(job->config.key);
        m_network = job->config.network;
        m_jobs.insert(job->id, job);
        m_order.append(job->id);

        const QString pid = job->config.descriptor.id;
        if (!job->provider) {
            settle(*job, JobState::Failed, QStringLiteral("unknown provider '%1'").arg(pid));
            continue;
        }
        if (!m_limiters.contains(pid))
            m_limiters.insert(pid, RateLimiter(job->config.rateRequests, job->config.rateIntervalSeconds * 1000LL));
        else
            m_limiters[pid].configure(job->config.rateRequests, job->config.rateIntervalSeconds * 1000LL);

        const QString unsupported = job->provider->unsupportedReason(job->question);
        if (!unsupported.isEmpty()) {
            settle(*job, JobState::Unsupported, unsupported);
            continue;
        }
        if (!job->config.isConfigured()) {
            settle(*job, JobState::NotConfigured,
                QStringLiteral("%1 is not configured: set %2")
                    .arg(job->config.descriptor.name, job->config.missingConfiguration()));
            continue;
        }
        if (const QString problem = UrlPolicy::checkUrl(job->config.baseUrl); !problem.isEmpty()) {
            settle(*job, JobState::Failed, QStringLiteral("%1 base URL: %2").arg(job->config.descriptor.name, problem));
            continue;
        }
        if (hasLineBreak(job->config.key)) {
            settle(*job, JobState::NotConfigured,
                QStringLiteral("the key for %1 contains a line break or NUL; fix PDNSW_%2_KEY or the keychain entry")
                    .arg(job->config.descriptor.name, job->config.descriptor.envId));
            continue;
        }
        if (m_exhausted.contains(pid)) {
            settle(*job, JobState::QuotaExhausted, m_exhausted.value(pid));
            continue;
        }
        QString error;
        const QList<HttpRequest> first = job->provider->initialRequests(job->question, job->config, &error);
        if (!error.isEmpty() || first.isEmpty()) {
            settle(*job, JobState::Failed, error.isEmpty() ? QStringLiteral("no request to make") : error);
            continue;
        }
        const auto auth = job->provider->authRequest(job->config, &error);
        if (!error.isEmpty()) {
            settle(*job, JobState::NotConfigured, error);
            continue;
        }
        if (auth) {
            job->waitingForAuth = first;
            job->pending.append({*auth, now});
        } else {
            for (const HttpRequest& r : first)
                job->pending.append({r, now});
        }
    }
}

void HttpEngineWorker::applyCancellations()
{
    QSet<quint64> cancelled;
    bool all = false;
    {
        QMutexLocker lock(&m_mutex);
        cancelled.swap(m_cancelled);
        all = m_cancelAll;
        m_cancelAll = false;
    }
    for (Job* job : std::as_const(m_jobs)) {
        if ((all || cancelled.contains(job->id)) && job->state != JobState::Cancelled) {
            job->cancelFlag->store(true);
            dropPending(*job);
            job->state = JobState::Cancelled;
            job->error = QStringLiteral("cancelled");
        }
    }
    // Remove transfers of cancelled jobs right away instead of waiting for the progress callback.
    for (qsizetype i = m_transfers.size() - 1; i >= 0; --i) {
        EngineTransfer* t = m_transfers.at(i);
        Job* job = m_jobs.value(t->jobId);
        if (job && job->state == JobState::Cancelled) {
            curl_multi_remove_handle(m_multi, t->easy);
            curl_easy_cleanup(t->easy);
            curl_slist_free_all(t->headerList);
            --job->inFlight;
            --m_inFlightPerProvider[t->provider];
            m_transfers.removeAt(i);
            delete t;
        }
    }
}

void HttpEngineWorker::dropPending(Job& job)
{
    job.pending.clear();
    job.waitingForAuth.clear();
}

bool HttpEngineWorker::hasQueuedRequests(const QString& provider) const
{
    for (const Job* job : m_jobs) {
        if (job->config.descriptor.id == provider && !job->pending.isEmpty())
            return true;
    }
    return false;
}

qint64 HttpEngineWorker::startDue(qint64 now)
{
    qint64 nextDue = now + 1000;
    for (auto it = m_rateWaitReported.begin(); it != m_rateWaitReported.end();)
        it = hasQueuedRequests(*it) ? std::next(it) : m_rateWaitReported.erase(it);
    for (quint64 id : std::as_const(m_order)) {
        Job* job = m_jobs.value(id);
        if (!job)
            continue;
        const QString pid = job->config.descriptor.id;
        for (qsizetype i = 0; i < job->pending.size();) {
            const PendingRequest& p = job->pending.at(i);
            if (p.notBefore > now) {
                nextDue = std::min(nextDue, p.notBefore);
                ++i;
                continue;
            }
            if (m_transfers.size() >= m_network.maxConcurrent
                || m_inFlightPerProvider.value(pid) >= m_network.maxConcurrentPerProvider)
                break;
            RateLimiter& limiter = m_limiters[pid];
            const qint64 allowed = limiter.nextAllowed(now);
            if (allowed > now) {
                nextDue = std::min(nextDue, allowed);
                // Said once per queue of the provider (a pivot level of 200 questions at 1 per s is one line, not
                // 200), and again for each job only when the wait is long enough to be worth a number.
                const qint64 wait = allowed - now;
                const bool longWait = wait >= kLongRateWaitMs;
                if (!job->waitingReported && wait >= 1000 && (longWait || !m_rateWaitReported.contains(pid))) {
                    job->waitingReported = true;
                    m_rateWaitReported.insert(pid);
                    const QString rate = QStringLiteral("(%1 per %2 s)")
                                             .arg(job->config.rateRequests)
                                             .arg(job->config.rateIntervalSeconds);
                    emit jobProgress(job->id,
                        longWait ? QStringLiteral("%1: waiting %2 s for the rate limit %3")
                                       .arg(job->config.descriptor.name)
                                       .arg((wait + 999) / 1000)
                                       .arg(rate)
                                 : QStringLiteral("%1: waiting for the rate limit %2")
                                       .arg(job->config.descriptor.name, rate));
                }
                break;
            }
            const HttpRequest request = p.request;
            job->pending.removeAt(i);
            limiter.record(now);
            job->waitingReported = false;
            if (!startTransfer(*job, request, now))
                continue;
        }
    }
    return nextDue;
}

bool HttpEngineWorker::startTransfer(Job& job, const HttpRequest& request, qint64 now)
{
    const QString problem = UrlPolicy::checkUrl(request.url);
    if (!problem.isEmpty()) {
        settle(job, JobState::Failed, job.redactor.redact(problem));
        dropPending(job);
        return false;
    }
    if (job.firstRequestAtWall == 0)
        job.firstRequestAtWall = QDateTime::currentSecsSinceEpoch();
    auto* t = new EngineTransfer;
    t->jobId = job.id;
    t->provider = job.config.descriptor.id;
    t->request = request;
    t->cap = job.config.network.maxBodyBytes;
    t->startedSteady = now;
    t->cancelFlag = job.cancelFlag;
    t->easy = curl_easy_init();
    CURL* e = t->easy;
    const QByteArray url = request.url.toUtf8();
    curl_easy_setopt(e, CURLOPT_URL, url.constData());
    curl_easy_setopt(e, CURLOPT_PRIVATE, t);
    curl_easy_setopt(e, CURLOPT_ERRORBUFFER, t->errorBuffer);
    const QByteArray protocols = UrlPolicy::protocolsFor(request.url);
    curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, protocols.constData());
    curl_easy_setopt(e, CURLOPT_REDIR_PROTOCOLS_STR, "https");
    curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 0L); // followed by hand: https only, same host, capped
    curl_easy_setopt(e, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(e, CURLOPT_SSL_VERIFYHOST, 2L);
    const QByteArray caBundle = job.config.network.caBundle.toLocal8Bit();
    if (!caBundle.isEmpty())
        curl_easy_setopt(e, CURLOPT_CAINFO, caBundle.constData());
    const QByteArray proxy = job.config.network.proxy.toUtf8();
    if (!proxy.isEmpty())
        curl_easy_setopt(e, CURLOPT_PROXY, proxy.constData());
    curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(job.config.network.connectTimeoutMs));
    curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, static_cast<long>(job.config.network.totalTimeoutMs));
    // No CURLOPT_MAXFILESIZE: it would refuse a large Content-Length before any byte arrives; the cap in the
    // write callback keeps the first bytes (a partial NDJSON answer is still useful) and counts decoded bytes.
    curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "");
    curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(e, CURLOPT_PATH_AS_IS, 1L);
    curl_easy_setopt(e, CURLOPT_USERAGENT, "pdns-workbench/" PDNSW_VERSION);
    curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, onBody);
    curl_easy_setopt(e, CURLOPT_WRITEDATA, t);
    curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, onHeader);
    curl_easy_setopt(e, CURLOPT_HEADERDATA, t);
    curl_easy_setopt(e, CURLOPT_XFERINFOFUNCTION, onProgress);
    curl_easy_setopt(e, CURLOPT_XFERINFODATA, t);
    curl_easy_setopt(e, CURLOPT_NOPROGRESS, 0L);
    if (request.method == "POST") {
        curl_easy_setopt(e, CURLOPT_POST, 1L);
        curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
        curl_easy_setopt(e, CURLOPT_COPYPOSTFIELDS, request.body.constData());
    }
    HttpHeaders headers = request.headers;
    if (!request.isAuth)
        headers += job.provider->authHeaders(job.config);
    for (const auto& h : std::as_const(headers)) {
        if (hasLineBreak(h.first) || hasLineBreak(h.second))
            continue; // never let a value smuggle another header
        const QByteArray line = h.first + ": " + h.second;
        t->headerList = curl_slist_append(t->headerList, line.constData());
    }
    curl_easy_setopt(e, CURLOPT_HTTPHEADER, t->headerList);
    ++job.requests;
    ++job.inFlight;
    ++m_inFlightPerProvider[t->provider];
    m_transfers.append(t);
    curl_multi_add_handle(m_multi, e);
    qCDebug(lcEngine).noquote() << job.config.descriptor.id << request.method
                                << job.redactor.redact(
                                       request.isAuth ? QUrl(request.url).toString(QUrl::RemoveQuery) : request.url);
    return true;
}

void HttpEngineWorker::handleDone(EngineTransfer* t, int curlCode, qint64 now)
{
    if (!t)
        return;
    m_transfers.removeOne(t);
    curl_multi_remove_handle(m_multi, t->easy);
    long status = 0;
    curl_easy_getinfo(t->easy, CURLINFO_RESPONSE_CODE, &status);
    t->response.status = static_cast<int>(status);
    t->response.elapsedMs = now - t->startedSteady;
    const auto code = static_cast<CURLcode>(curlCode);
    if (code != CURLE_OK) {
        QString detail = QString::fromUtf8(t->errorBuffer).trimmed();
        if (detail.isEmpty())
            detail = QString::fromUtf8(curl_easy_strerror(code));
        t->response.transportError = detail;
        t->response.timedOut = code == CURLE_OPERATION_TIMEDOUT;
        t->response.cancelled = code == CURLE_ABORTED_BY_CALLBACK;
    }
    curl_easy_cleanup(t->easy);
    t->easy = nullptr;
    curl_slist_free_all(t->headerList);
    t->headerList = nullptr;
    std::unique_ptr<EngineTransfer> owner(t);
    --m_inFlightPerProvider[t->provider];

    Job* job = m_jobs.value(t->jobId);
    if (!job)
        return;
    --job->inFlight;
    if (job->state == JobState::Cancelled || t->response.cancelled)
        return;
    if (t->response.status > 0)
        job->lastStatus = t->response.status;
    const QString name = job->config.descriptor.name;
    const QString host = QUrl(t->request.url).host();

    if (t->request.isAuth) {
        QString error;
        if (!t->response.transportError.isEmpty()) {
            settle(*job, JobState::Failed,
                QStringLiteral("%1: the token request to %2 failed: %3").arg(name, host, t->response.transportError));
        } else if (!job->provider->acceptAuthResponse(job->config, t->response, &error)) {
            settle(*job, JobState::AuthFailed, job->redactor.redact(error));
            dropPending(*job);
        } else {
            for (const HttpRequest& r : std::as_const(job->waitingForAuth))
                job->pending.append({r, now});
            job->waitingForAuth.clear();
        }
        t->response.body.fill('\0'); // it held the access token
        return;
    }

    if (code != CURLE_OK && !t->response.sizeCapHit) {
        QString message;
        bool retryable = false;
        switch (code) {
        case CURLE_OPERATION_TIMEDOUT:
            message = QStringLiteral("%1: no complete answer from %2 within %3 s (timeout); what arrived is kept")
                          .arg(name, host)
                          .arg(job->config.network.totalTimeoutMs / 1000.0, 0, 'f', 1);
            break;
        case CURLE_PEER_FAILED_VERIFICATION:
        case CURLE_SSL_CACERT_BADFILE:
        case CURLE_SSL_CONNECT_ERROR:
        case CURLE_SSL_CERTPROBLEM:
            message = QStringLiteral("%1: the TLS certificate of %2 is not trusted (%3); if a corporate proxy "
                                     "re-signs traffic, point PDNSW_CA_BUNDLE or network/caBundle at its CA")
                          .arg(name, host, t->response.transportError);
            break;
        case CURLE_UNSUPPORTED_PROTOCOL:
            message = QStringLiteral("%1: refused a non-https URL (%2)").arg(name, t->response.transportError);
            break;
        case CURLE_PARTIAL_FILE:
            message = QStringLiteral("%1: the answer from %2 was cut off (%3); what arrived is kept")
                          .arg(name, host, t->response.transportError);
            break;
        case CURLE_COULDNT_RESOLVE_HOST:
        case CURLE_COULDNT_RESOLVE_PROXY:
            // A name that does not resolve will not resolve a second later: no retry.
            message = QStringLiteral("%1: cannot resolve %2 (%3); check the network, the proxy (%4) and the base URL")
                          .arg(name, host, t->response.transportError, job->config.network.activeProxyDescription());
            break;
        case CURLE_COULDNT_CONNECT:
        case CURLE_GOT_NOTHING:
        case CURLE_SEND_ERROR:
        case CURLE_RECV_ERROR:
            retryable = true;
            message = QStringLiteral("%1: cannot reach %2 (%3); check the network, the proxy (%4) and the base URL")
                          .arg(name, host, t->response.transportError, job->config.network.activeProxyDescription());
            break;
        default:
            message = QStringLiteral("%1: transfer from %2 failed (%3)").arg(name, host, t->response.transportError);
            break;
        }
        message = job->redactor.redact(message);
        if (retryable && scheduleRetry(*job, t->request, {}, message, now))
            return;
        if (!t->response.body.isEmpty() && t->response.status >= 200 && t->response.status < 300) {
            // Keep what was received: parse the partial answer, then mark the page truncated.
            PageContext ctx{t->request.url, t->response.status, t->response.body, t->response.headers, nullptr, nullptr,
                job->records};
            PageParse parse = job->provider->parsePage(job->question, ctx);
            Provider::clampToLimit(parse, job->question, job->records);
            parse.next.reset();
            parse.state = JobState::Truncated;
            parse.message = message;
            emitPage(*job, *t, parse);
        }
        settle(*job, code == CURLE_PARTIAL_FILE ? JobState::Truncated : JobState::Failed, message);
        return;
    }
    handleDataAnswer(*job, *t, now);
}

void HttpEngineWorker::handleDataAnswer(Job& job, EngineTransfer& t, qint64 now)
{
    const QString name = job.config.descriptor.name;
    const int status = t.response.status;

    if (status >= 300 && status < 400 && !t.response.sizeCapHit) {
        const QByteArray location = t.response.header("location");
        if (location.isEmpty()) {
            settle(
                job, JobState::Failed, QStringLiteral("%1 answered HTTP %2 without a Location").arg(name).arg(status));
            return;
        }
        const QString target
            = QUrl(t.request.url).resolved(QUrl(QString::fromUtf8(location))).toString(QUrl::FullyEncoded);
        const QString problem = UrlPolicy::checkFollowUp(t.request.url, target);
        if (!problem.isEmpty()) {
            settle(job, JobState::Failed, job.redactor.redact(QStringLiteral("%1: %2").arg(name, problem)));
            return;
        }
        if (t.request.redirects >= job.config.network.maxRedirects) {
            settle(job, JobState::Failed,
                QStringLiteral("%1: more than %2 redirects; check the base URL")
                    .arg(name)
                    .arg(job.config.network.maxRedirects));
            return;
        }
        HttpRequest next = t.request;
        next.url = target;
        ++next.redirects;
        job.pending.prepend({next, now});
        return;
    }

    const StatusVerdict verdict
        = t.response.sizeCapHit ? StatusVerdict{} : job.provider->classify(status, t.response.body);
    if (verdict.retry) {
        const QString message = job.redactor.redact(verdict.message);
        if (scheduleRetry(job, t.request, t.response.header("retry-after"), message, now))
            return;
    }
    if (verdict.state != JobState::Succeeded) {
        // Keep the error answer in the audit log (redacted), without observations.
        PageParse none;
        none.state = verdict.state;
        none.message = job.redactor.redact(verdict.message);
        emitPage(job, t, none);
        QString message = none.message;
        if (verdict.retry)
            message += QStringLiteral(" (gave up after %1 retries)").arg(t.request.attempt);
        if (verdict.state == JobState::QuotaExhausted) {
            m_exhausted.insert(job.config.descriptor.id, message);
            dropPending(job);
        }
        if (verdict.state == JobState::AuthFailed)
            dropPending(job);
        settle(job, verdict.state, message);
        return;
    }

    PageContext ctx{t.request.url, status, t.response.body, t.response.headers, &t.request, &job.config, job.records};
    PageParse parse = job.provider->parsePage(job.question, ctx);
    Provider::clampToLimit(parse, job.question, job.records);
    if (t.response.sizeCapHit) {
        parse.next.reset();
        parse.state = JobState::Truncated;
        parse.message = QStringLiteral("%1: the answer is larger than the %2-byte cap (network/maxBodyBytes); the "
                                       "first %2 bytes are kept; narrow the question with --limit or a time fence")
                            .arg(name)
                            .arg(job.config.network.maxBodyBytes);
    }
    if (!parse.problems.isEmpty() && job.note.isEmpty())
        job.note = QStringLiteral("%1 record(s) could not be mapped, e.g. %2")
                       .arg(parse.rejected)
                       .arg(terminalSafeProblem(parse.problems.first()));
    emitPage(job, t, parse);
    if (parse.next) {
        HttpRequest next = *parse.next;
        next.attempt = 0;
        next.redirects = 0;
        job.pending.append({next, now});
    }
    if (parse.state == JobState::QuotaExhausted) {
        m_exhausted.insert(job.config.descriptor.id, parse.message);
        dropPending(job);
    }
    if (parse.state != JobState::Succeeded)
        settle(job, parse.state, job.redactor.redact(parse.message));
}

QString HttpEngineWorker::terminalSafeProblem(const QString& text)
{
    QString out;
    for (QChar c : text.left(200))
        out += (c.unicode() < 0x20 || c.unicode() == 0x7f) ? QChar(u'?') : c;
    return out;
}

bool HttpEngineWorker::scheduleRetry(
    Job& job, const HttpRequest& request, const QByteArray& retryAfter, const QString& why, qint64 now)
{
    const int maxRetries = job.config.network.maxRetries;
    if (request.attempt >= maxRetries)
        return false;
    const auto asked = RetryPolicy::retryAfterMs(retryAfter, QDateTime::currentMSecsSinceEpoch());
    if (asked && *asked > job.config.network.maxRetryWaitSeconds * 1000LL)
        return false; // the service wants a longer pause than we wait inside one query
    const qint64 delay = asked ? *asked : RetryPolicy::backoffMs(request.attempt, job.config.network.backoffBaseMs);
    HttpRequest again = request;
    ++again.attempt;
    job.pending.prepend({again, now + delay});
    // A 429 concerns the key, not one request: hold the provider's other requests too.
    m_limiters[job.config.descriptor.id].pauseUntil(now + delay);
    emit jobProgress(job.id,
        QStringLiteral("%1; retrying in %2 s (attempt %3 of %4)")
            .arg(why)
            .arg(delay / 1000.0, 0, 'f', 1)
            .arg(again.attempt)
            .arg(maxRetries));
    return true;
}

void HttpEngineWorker::settle(Job& job, JobState state, const QString& message)
{
    // The worst outcome of all streams and pages wins; its message goes with it.
    if (severity(state) >= severity(job.state)) {
        job.state = state;
        if (!message.isEmpty())
            job.error = message;
    }
}

void HttpEngineWorker::emitPage(Job& job, const EngineTransfer& t, const PageParse& parse)
{
    ProviderPage page;
    page.jobId = job.id;
    page.provider = job.config.descriptor.id;
    page.question = job.question.text;
    page.page = ++job.pages;
    page.url = job.redactor.redact(t.request.url);
    page.httpStatus = t.response.status;
    page.receivedAt = QDateTime::currentSecsSinceEpoch();
    page.body = job.redactor.isEmpty() ? t.response.body : job.redactor.redact(t.response.body);
    page.state = parse.state;
    page.message = parse.message;
    if (job.folded) {
        for (const Observation& o : parse.observations)
            job.folded->add(o);
    } else if (job.provider->aggregatesPairs()) {
        job.folded = std::make_unique<PairAggregator>();
        for (const Observation& o : parse.observations)
            job.folded->add(o);
    } else {
        page.observations = parse.observations;
        job.records += parse.observations.size();
    }
    if (job.folded)
        job.records += parse.observations.size(); // raw rows count toward the user's limit
    emit pageReceived(page);
}

void HttpEngineWorker::finishIdleJobs(qint64 now)
{
    for (qsizetype i = 0; i < m_order.size();) {
        Job* job = m_jobs.value(m_order.at(i));
        if (job && (job->pending.isEmpty() || job->state == JobState::Cancelled) && job->inFlight == 0
            && job->waitingForAuth.isEmpty()) {
            finishJob(*job, now);
            m_jobs.remove(job->id);
            m_order.removeAt(i);
            delete job;
            continue;
        }
        ++i;
    }
}

void HttpEngineWorker::finishJob(Job& job, qint64 now)
{
    ProviderJobResult r;
    r.jobId = job.id;
    r.provider = job.config.descriptor.id;
    r.question = job.question.text;
    r.state = job.state == JobState::Running ? JobState::Succeeded : job.state;
    r.error = isSuccessful(r.state) ? QString() : job.error;
    r.note = isSuccessful(r.state) && !job.error.isEmpty() ? job.error : job.note;
    if (isSuccessful(r.state) && !job.note.isEmpty() && r.note != job.note)
        r.note += QStringLiteral("; ") + job.note;
    r.pages = job.pages;
    r.requests = job.requests;
    r.lastHttpStatus = job.lastStatus;
    r.startedAt = job.startedAtWall;
    r.firstRequestAt = job.firstRequestAtWall;
    r.finishedAt = QDateTime::currentSecsSinceEpoch();
    r.elapsedMs = now - job.startedAtSteady;
    QList<Observation> folded;
    if (job.folded)
        folded = job.folded->result();
    r.records = job.folded ? folded.size() : job.records;
    qCDebug(lcEngine).noquote() << r.provider << r.question << jobStateName(r.state) << r.requests << "requests"
                                << r.records << "records" << job.redactor.redact(r.error);
    job.config.wipeKey();
    emit jobFinished(r, folded);
}

} // namespace pdnsw
