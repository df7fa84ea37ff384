// Benchmark: the eight providers against the local server, every answer delayed 300 ms. Run side by side,
// the whole set must take at most 1.5 times the slowest provider alone (they truly overlap on the one engine
// thread). Prints every figure; measured in one run as ratios.
#include "ProviderTestSupport.h"

#include "providers/DefenderTiProvider.h"
#include "providers/ProviderCatalog.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QtTest>

#include <cstdio>

using namespace pdnsw;

class BenchProviders : public QObject
{
    Q_OBJECT
private slots:
    void benchSideBySide();
};

void BenchProviders::benchSideBySide()
{
    QTemporaryDir config;
    qputenv("XDG_CONFIG_HOME", config.path().toLocal8Bit());
    ProviderTestServer server;
    QString error;
    QVERIFY2(server.start(&error), qPrintable(error));
    HttpEngine engine;
    QList<ProviderConfig> configs;
    for (const ProviderDescriptor& d : providerCatalog()) {
        ProviderConfig c = testConfig(server, d.id, server.httpsBase(QStringLiteral("delay300")));
        c.network.totalTimeoutMs = 20000;
        configs.append(c);
    }
    // Warm-up (TLS session setup, server threads), not measured.
    runJob(engine, configs.first(), QStringLiteral("bad.example"));

    qint64 slowest = 0;
    QString slowestId;
    std::printf("provider          alone_ms  requests  records\n");
    for (const ProviderConfig& c : std::as_const(configs)) {
        DefenderTiProvider::clearTokenCache();
        QElapsedTimer t;
        t.start();
        const JobRun run = runJob(engine, c, QStringLiteral("bad.example"));
        const qint64 ms = t.elapsed();
        QVERIFY2(run.result.state == JobState::Succeeded, qPrintable(c.descriptor.id + run.result.error));
        std::printf("%-16s %9lld %9d %8lld\n", qPrintable(c.descriptor.id), static_cast<long long>(ms),
            run.result.requests, static_cast<long long>(run.result.records));
        if (ms > slowest) {
            slowest = ms;
            slowestId = c.descriptor.id;
        }
    }

    DefenderTiProvider::clearTokenCache();
    const auto q = parseQuestion(QStringLiteral("bad.example"), nullptr);
    QEventLoop loop;
    int finished = 0;
    int failed = 0;
    QObject::connect(
        &engine, &HttpEngine::jobFinished, &loop, [&](const ProviderJobResult& r, const QList<Observation>&) {
            failed += isSuccessful(r.state) ? 0 : 1;
            if (++finished == configs.size())
                loop.quit();
        });
    QElapsedTimer all;
    all.start();
    for (const ProviderConfig& c : std::as_const(configs))
        engine.submit(c, *q);
    loop.exec();
    const qint64 together = all.elapsed();
    const double ratio = double(together) / double(std::max<qint64>(1, slowest));
    std::printf("all 8 side by side: %lld ms; slowest alone: %s %lld ms; ratio %.2f (limit 1.50)\n",
        static_cast<long long>(together), qPrintable(slowestId), static_cast<long long>(slowest), ratio);
    std::fflush(stdout);
    QCOMPARE(failed, 0);
    QVERIFY2(ratio <= 1.5, qPrintable(QStringLiteral("ratio %1").arg(ratio)));
}

QTEST_GUILESS_MAIN(BenchProviders)
#include "BenchProviders.moc"
