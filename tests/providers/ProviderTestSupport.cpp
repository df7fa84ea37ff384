#include "ProviderTestSupport.h"

#include "providers/ProviderSettings.h"

#include <QEventLoop>
#include <QTimer>

using namespace pdnsw;

JobRun runJob(HttpEngine& engine, const ProviderConfig& config, const QString& question, int limit, int timeoutMs,
    int cancelAfterMs)
{
    JobRun run;
    auto q = parseQuestion(question, nullptr);
    if (!q)
        qFatal("bad test question %s", qPrintable(question));
    q->limit = limit;
    QEventLoop loop;
    quint64 id = 0;
    bool done = false;
    const auto c1 = QObject::connect(&engine, &HttpEngine::pageReceived, &loop, [&](const ProviderPage& p) {
        if (p.jobId != id)
            return;
        run.pages.append(p);
        run.observations += p.observations;
    });
    const auto c2 = QObject::connect(&engine, &HttpEngine::jobProgress, &loop, [&](quint64 job, const QString& m) {
        if (job == id)
            run.progress.append(m);
    });
    const auto c3 = QObject::connect(
        &engine, &HttpEngine::jobFinished, &loop, [&](const ProviderJobResult& r, const QList<Observation>& folded) {
            if (r.jobId != id)
                return;
            run.result = r;
            run.observations += folded;
            done = true;
            loop.quit();
        });
    id = engine.submit(config, *q);
    QTimer::singleShot(timeoutMs, &loop, [&] {
        run.timedOut = true;
        loop.quit();
    });
    if (cancelAfterMs >= 0)
        QTimer::singleShot(cancelAfterMs, &loop, [&] { engine.cancel(id); });
    if (!done)
        loop.exec();
    QObject::disconnect(c1);
    QObject::disconnect(c2);
    QObject::disconnect(c3);
    return run;
}

ProviderConfig testConfig(const ProviderTestServer& server, const QString& provider, const QString& baseUrl)
{
    ProviderConfig c = ProviderSettings::load(provider, ProviderSettings::KeyLookup::EnvironmentOnly);
    c.baseUrl = baseUrl;
    c.key = QByteArrayLiteral("pdnsw-test-key-") + provider.toLatin1() + QByteArrayLiteral("-5ecret");
    c.keySource = ProviderConfig::KeySource::Environment;
    c.rateRequests = 100;
    c.rateIntervalSeconds = 1;
    if (provider == QLatin1String("dnsdb") || provider == QLatin1String("circl")
        || provider == QLatin1String("virustotal") || provider == QLatin1String("mnemonic"))
        c.pageSize = 2;
    if (provider == QLatin1String("defenderti")) {
        c.clientId = QStringLiteral("client-1");
        c.tenant = QStringLiteral("tenant-1");
        c.tokenUrl = baseUrl + QStringLiteral("/token");
    }
    c.network.caBundle = server.caBundle();
    c.network.connectTimeoutMs = 3000;
    c.network.totalTimeoutMs = 2000;
    c.network.maxRetries = 1;
    c.network.backoffBaseMs = 50;
    c.network.maxBodyBytes = 1024 * 1024;
    return c;
}
