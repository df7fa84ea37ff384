// The engine against a real local server: every provider's paging, the failure modes (401/403/404, 429 with
// Retry-After, quota, stall, truncation, oversized body, redirect to http, malformed JSON, a wrong
// certificate), cancel, gzip, plain http to loopback only, and the key never echoed back.
#include "ProviderTestSupport.h"

#include "models/CaseFile.h"
#include "models/ProviderQueryLog.h"
#include "providers/DefenderTiProvider.h"
#include "providers/ProviderCaseRecorder.h"
#include "providers/ProviderSettings.h"
#include "providers/Redactor.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

using namespace pdnsw;

class TestHttpEngine : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void testProviders_data();
    void testProviders();
    void testEmptyAnswers_data();
    void testEmptyAnswers();
    void testHttpErrors_data();
    void testHttpErrors();
    void testRetryAfterThenSuccess();
    void testQuotaExhaustedIsAState();
    void testStalledServerTimesOut();
    void testTruncatedDnsdbStream();
    void testConnectionCutKeepsWhatArrived();
    void testOversizedBodyCapped();
    void testRedirects();
    void testMalformedJson_data();
    void testMalformedJson();
    void testWrongCertificate();
    void testPlainHttpOnlyToLoopback();
    void testGzip();
    void testCancel();
    void testPathEncodingAndKeyRedaction();
    void testDefenderTokenCached();
    void testUserLimit();
    void testRateLimitSpacing();
    void testRateLimitedQueue();
    void testNotConfigured();
    void testProxyFromSettings();

private:
    ProviderConfig config(const QString& provider, const QString& scenario)
    {
        return testConfig(m_server, provider, m_server.httpsBase(scenario));
    }
    ProviderTestServer m_server;
    QTemporaryDir m_config;
    std::unique_ptr<HttpEngine> m_engine;
};

void TestHttpEngine::initTestCase()
{
    qputenv("XDG_CONFIG_HOME", m_config.path().toLocal8Bit()); // never the analyst's own provider settings
    QString error;
    QVERIFY2(m_server.start(&error), qPrintable(error));
    m_engine = std::make_unique<HttpEngine>();
}

void TestHttpEngine::testProviders_data()
{
    QTest::addColumn<QString>("provider");
    QTest::addColumn<QString>("question");
    QTest::addColumn<QString>("state");
    QTest::addColumn<int>("pages");
    QTest::addColumn<int>("records");
    QTest::newRow("dnsdb rrset, offset paging") << "dnsdb"
                                                << "bad.example"
                                                << "ok" << 2 << 4;
    QTest::newRow("dnsdb rdata ip") << "dnsdb"
                                    << "198.51.100.23"
                                    << "ok" << 1 << 2;
    QTest::newRow("dnsdb cidr") << "dnsdb"
                                << "198.51.100.0/24"
                                << "ok" << 1 << 2;
    QTest::newRow("dnsdb ipv6") << "dnsdb"
                                << "2001:db8::77"
                                << "ok" << 1 << 2;
    QTest::newRow("circl dribble cursor paging") << "circl"
                                                 << "bad.example"
                                                 << "ok" << 2 << 3;
    QTest::newRow("circl ip") << "circl"
                              << "198.51.100.23"
                              << "ok" << 2 << 3;
    QTest::newRow("circl cidr unsupported") << "circl"
                                            << "198.51.100.0/24"
                                            << "unsupported" << 0 << 0;
    QTest::newRow("virustotal cursor paging, folded") << "virustotal"
                                                      << "bad.example"
                                                      << "ok" << 2 << 2;
    QTest::newRow("virustotal ip") << "virustotal"
                                   << "198.51.100.23"
                                   << "ok" << 1 << 2;
    QTest::newRow("virustotal cidr unsupported") << "virustotal"
                                                 << "198.51.100.0/24"
                                                 << "unsupported" << 0 << 0;
    QTest::newRow("mnemonic limit/offset paging") << "mnemonic"
                                                  << "bad.example"
                                                  << "ok" << 2 << 3;
    QTest::newRow("otx domain") << "otx"
                                << "bad.example"
                                << "ok" << 1 << 2;
    QTest::newRow("otx hostname") << "otx"
                                  << "www.bad.example"
                                  << "ok" << 1 << 2;
    QTest::newRow("otx ipv4") << "otx"
                              << "198.51.100.23"
                              << "ok" << 1 << 2;
    QTest::newRow("otx ipv6") << "otx"
                              << "2001:db8::77"
                              << "ok" << 1 << 2;
    QTest::newRow("securitytrails six types, pages") << "securitytrails"
                                                     << "bad.example"
                                                     << "ok" << 7 << 8;
    QTest::newRow("securitytrails ip unsupported") << "securitytrails"
                                                   << "198.51.100.23"
                                                   << "unsupported" << 0 << 0;
    QTest::newRow("defender ti nextLink paging") << "defenderti"
                                                 << "bad.example"
                                                 << "ok" << 2 << 2;
    QTest::newRow("defender ti reverse") << "defenderti"
                                         << "198.51.100.23"
                                         << "ok" << 1 << 1;
    QTest::newRow("dnsdumpster") << "dnsdumpster"
                                 << "bad.example"
                                 << "ok" << 1 << 7;
}

void TestHttpEngine::testProviders()
{
    QFETCH(QString, provider);
    QFETCH(QString, question);
    QFETCH(QString, state);
    QFETCH(int, pages);
    QFETCH(int, records);
    DefenderTiProvider::clearTokenCache();
    const JobRun run = runJob(*m_engine, config(provider, QStringLiteral("ok")), question);
    QVERIFY(!run.timedOut);
    QVERIFY2(jobStateName(run.result.state) == state, qPrintable(run.result.error));
    QCOMPARE(run.result.pages, pages);
    QCOMPARE(run.pages.size(), pages);
    QCOMPARE(run.result.records, records);
    QCOMPARE(run.observations.size(), records);
    for (const ProviderPage& p : run.pages) {
        QCOMPARE(p.httpStatus, 200);
        QVERIFY(!p.body.isEmpty());
        QVERIFY(p.url.startsWith(m_server.httpsBase(QStringLiteral("ok"))));
    }
    if (state == QLatin1String("unsupported")) {
        QVERIFY(!run.result.error.isEmpty());
        QCOMPARE(run.result.requests, 0);
    }
}

void TestHttpEngine::testEmptyAnswers_data()
{
    QTest::addColumn<QString>("provider");
    for (const char* p :
        {"dnsdb", "circl", "virustotal", "mnemonic", "otx", "securitytrails", "defenderti", "dnsdumpster"})
        QTest::newRow(p) << QString::fromLatin1(p);
}

void TestHttpEngine::testEmptyAnswers()
{
    QFETCH(QString, provider);
    const JobRun run = runJob(*m_engine, config(provider, QStringLiteral("empty")), QStringLiteral("bad.example"));
    QVERIFY2(run.result.state == JobState::Succeeded, qPrintable(run.result.error));
    QCOMPARE(run.result.records, 0);
    QVERIFY(run.result.pages >= 1); // the empty answer is still in the audit log
}

void TestHttpEngine::testHttpErrors_data()
{
    QTest::addColumn<QString>("provider");
    QTest::addColumn<QString>("scenario");
    QTest::addColumn<QString>("state");
    QTest::addColumn<QString>("says");
    QTest::newRow("dnsdb 401") << "dnsdb"
                               << "s401"
                               << "auth failed"
                               << "PDNSW_DNSDB_KEY";
    QTest::newRow("dnsdb 403") << "dnsdb"
                               << "s403"
                               << "auth failed"
                               << "HTTP 403";
    QTest::newRow("dnsdb 404") << "dnsdb"
                               << "s404"
                               << "failed"
                               << "PDNSW_DNSDB_URL";
    QTest::newRow("virustotal 401") << "virustotal"
                                    << "s401"
                                    << "auth failed"
                                    << "WrongCredentialsError";
    QTest::newRow("virustotal 404 = nothing known") << "virustotal"
                                                    << "s404"
                                                    << "ok"
                                                    << "";
    QTest::newRow("otx 403") << "otx"
                             << "s403"
                             << "auth failed"
                             << "Forbidden";
    QTest::newRow("securitytrails 403") << "securitytrails"
                                        << "s403"
                                        << "auth failed"
                                        << "PDNSW_SECURITYTRAILS_KEY";
    QTest::newRow("securitytrails 404 = no data") << "securitytrails"
                                                  << "s404"
                                                  << "ok"
                                                  << "";
    QTest::newRow("mnemonic 404") << "mnemonic"
                                  << "s404"
                                  << "failed"
                                  << "HTTP 404";
}

void TestHttpEngine::testHttpErrors()
{
    QFETCH(QString, provider);
    QFETCH(QString, scenario);
    QFETCH(QString, state);
    QFETCH(QString, says);
    const ProviderConfig c = config(provider, scenario);
    const JobRun run = runJob(*m_engine, c, QStringLiteral("bad.example"));
    QVERIFY2(jobStateName(run.result.state) == state, qPrintable(jobStateName(run.result.state) + run.result.error));
    QVERIFY2(run.result.error.contains(says), qPrintable(run.result.error));
    QVERIFY(!run.result.error.contains(QString::fromLatin1(c.key)));
    QVERIFY(run.result.lastHttpStatus.has_value());
    QVERIFY(run.result.pages >= 1); // the error answer is kept for the audit log
}

void TestHttpEngine::testRetryAfterThenSuccess()
{
    QElapsedTimer timer;
    timer.start();
    const JobRun run
        = runJob(*m_engine, config(QStringLiteral("mnemonic"), QStringLiteral("s429")), QStringLiteral("bad.example"));
    QVERIFY2(run.result.state == JobState::Succeeded, qPrintable(run.result.error));
    QCOMPARE(run.result.records, 3);
    QVERIFY(run.result.requests >= 4); // each of the two pages: 429 once, then the answer
    QVERIFY(timer.elapsed() >= 1900); // Retry-After: 1 honoured on both pages
    QVERIFY(!run.progress.isEmpty());
    QVERIFY2(run.progress.first().contains(QLatin1String("retrying in 1.0 s")), qPrintable(run.progress.first()));
}

void TestHttpEngine::testQuotaExhaustedIsAState()
{
    HttpEngine engine; // a fresh engine: the exhausted state lasts for the engine's lifetime
    const ProviderConfig c = config(QStringLiteral("securitytrails"), QStringLiteral("quota"));
    const JobRun run = runJob(engine, c, QStringLiteral("bad.example"));
    QCOMPARE(run.result.state, JobState::QuotaExhausted);
    QVERIFY2(run.result.error.contains(QLatin1String("429")), qPrintable(run.result.error));
    QVERIFY2(run.result.error.contains(QLatin1String("gave up after 1 retries")), qPrintable(run.result.error));
    // The next question to the same provider spends nothing.
    const JobRun again = runJob(engine, c, QStringLiteral("other.example"));
    QCOMPARE(again.result.state, JobState::QuotaExhausted);
    QCOMPARE(again.result.requests, 0);
}

void TestHttpEngine::testStalledServerTimesOut()
{
    QElapsedTimer timer;
    timer.start();
    const JobRun run
        = runJob(*m_engine, config(QStringLiteral("dnsdb"), QStringLiteral("stall")), QStringLiteral("bad.example"));
    QCOMPARE(run.result.state, JobState::Failed);
    QVERIFY2(run.result.error.contains(QLatin1String("timeout")), qPrintable(run.result.error));
    QVERIFY(timer.elapsed() < 8000);
    QCOMPARE(run.pages.size(), 1); // what arrived before the stall is kept
    QVERIFY(run.pages.first().body.startsWith("{\"cond\":\"begin\"}"));
}

void TestHttpEngine::testTruncatedDnsdbStream()
{
    const JobRun run
        = runJob(*m_engine, config(QStringLiteral("dnsdb"), QStringLiteral("trunc")), QStringLiteral("bad.example"));
    QCOMPARE(run.result.state, JobState::Truncated);
    QVERIFY2(run.result.error.contains(QLatin1String("terminating cond")), qPrintable(run.result.error));
    QCOMPARE(run.result.records, 2); // what arrived is kept
}

void TestHttpEngine::testConnectionCutKeepsWhatArrived()
{
    const JobRun run
        = runJob(*m_engine, config(QStringLiteral("dnsdb"), QStringLiteral("cut")), QStringLiteral("bad.example"));
    QCOMPARE(run.result.state, JobState::Truncated);
    QVERIFY2(run.result.error.contains(QLatin1String("cut off")), qPrintable(run.result.error));
    QCOMPARE(run.result.records, 2);
}

void TestHttpEngine::testOversizedBodyCapped()
{
    const ProviderConfig c = config(QStringLiteral("dnsdb"), QStringLiteral("big"));
    const JobRun run = runJob(*m_engine, c, QStringLiteral("bad.example"));
    QCOMPARE(run.result.state, JobState::Truncated);
    QVERIFY2(run.result.error.contains(QLatin1String("cap")), qPrintable(run.result.error));
    QCOMPARE(run.pages.size(), 1);
    QVERIFY(run.pages.first().body.size() <= c.network.maxBodyBytes);
    QVERIFY(run.result.records > 500 && run.result.records < 4000); // the lines that fit are kept
}

void TestHttpEngine::testRedirects()
{
    const JobRun refused
        = runJob(*m_engine, config(QStringLiteral("otx"), QStringLiteral("redirect")), QStringLiteral("bad.example"));
    QCOMPARE(refused.result.state, JobState::Failed);
    QVERIFY2(refused.result.error.contains(QLatin1String("only https")), qPrintable(refused.result.error));
    QCOMPARE(refused.result.records, 0);
    const JobRun followed = runJob(
        *m_engine, config(QStringLiteral("otx"), QStringLiteral("redirect_ok")), QStringLiteral("bad.example"));
    QVERIFY2(followed.result.state == JobState::Succeeded, qPrintable(followed.result.error));
    QCOMPARE(followed.result.records, 2);
}

void TestHttpEngine::testMalformedJson_data()
{
    QTest::addColumn<QString>("provider");
    QTest::addColumn<QString>("state");
    QTest::addColumn<QString>("says");
    QTest::newRow("virustotal") << "virustotal"
                                << "failed"
                                << "malformed JSON";
    QTest::newRow("mnemonic") << "mnemonic"
                              << "failed"
                              << "malformed JSON";
    QTest::newRow("otx") << "otx"
                         << "failed"
                         << "malformed JSON";
    QTest::newRow("securitytrails") << "securitytrails"
                                    << "failed"
                                    << "malformed JSON";
    QTest::newRow("defenderti (its token answer is malformed)") << "defenderti"
                                                                << "auth failed"
                                                                << "token request failed";
    QTest::newRow("dnsdumpster") << "dnsdumpster"
                                 << "failed"
                                 << "malformed JSON";
    QTest::newRow("dnsdb") << "dnsdb"
                           << "truncated"
                           << "terminating cond";
}

void TestHttpEngine::testMalformedJson()
{
    QFETCH(QString, provider);
    QFETCH(QString, state);
    QFETCH(QString, says);
    DefenderTiProvider::clearTokenCache();
    const JobRun run = runJob(*m_engine, config(provider, QStringLiteral("badjson")), QStringLiteral("bad.example"));
    QVERIFY2(jobStateName(run.result.state) == state, qPrintable(jobStateName(run.result.state) + run.result.error));
    QVERIFY2(run.result.error.contains(says), qPrintable(run.result.error));
    if (run.result.state != JobState::AuthFailed)
        QVERIFY(!run.pages.isEmpty()); // the malformed answer is kept for the audit log
}

void TestHttpEngine::testWrongCertificate()
{
    const JobRun run
        = runJob(*m_engine, testConfig(m_server, QStringLiteral("otx"), m_server.wrongCertBase(QStringLiteral("ok"))),
            QStringLiteral("bad.example"));
    QCOMPARE(run.result.state, JobState::Failed);
    QVERIFY2(run.result.error.contains(QLatin1String("not trusted")), qPrintable(run.result.error));
    QCOMPARE(run.result.pages, 0);
    // Without the test CA, the good server is not trusted either: verification is always on.
    ProviderConfig noCa = config(QStringLiteral("otx"), QStringLiteral("ok"));
    noCa.network.caBundle.clear();
    const JobRun run2 = runJob(*m_engine, noCa, QStringLiteral("bad.example"));
    QCOMPARE(run2.result.state, JobState::Failed);
    QVERIFY2(run2.result.error.contains(QLatin1String("not trusted")), qPrintable(run2.result.error));
}

void TestHttpEngine::testPlainHttpOnlyToLoopback()
{
    const JobRun loopback
        = runJob(*m_engine, testConfig(m_server, QStringLiteral("otx"), m_server.httpBase(QStringLiteral("ok"))),
            QStringLiteral("bad.example"));
    QVERIFY2(loopback.result.state == JobState::Succeeded, qPrintable(loopback.result.error));
    QCOMPARE(loopback.result.records, 2);
    const JobRun remote
        = runJob(*m_engine, testConfig(m_server, QStringLiteral("otx"), QStringLiteral("http://192.0.2.1:9/ok")),
            QStringLiteral("bad.example"));
    QCOMPARE(remote.result.state, JobState::Failed);
    QVERIFY2(remote.result.error.contains(QLatin1String("plain http")), qPrintable(remote.result.error));
    QCOMPARE(remote.result.requests, 0);
}

void TestHttpEngine::testGzip()
{
    const JobRun run
        = runJob(*m_engine, config(QStringLiteral("dnsdb"), QStringLiteral("gzip")), QStringLiteral("bad.example"));
    QVERIFY2(run.result.state == JobState::Succeeded, qPrintable(run.result.error));
    QCOMPARE(run.result.records, 4);
    QVERIFY(run.pages.first().body.startsWith("{\"cond\":\"begin\"}")); // decoded
}

void TestHttpEngine::testCancel()
{
    ProviderConfig c = config(QStringLiteral("dnsdb"), QStringLiteral("stall"));
    c.network.totalTimeoutMs = 30000;
    QElapsedTimer timer;
    timer.start();
    const JobRun run = runJob(*m_engine, c, QStringLiteral("bad.example"), 0, 20000, 300);
    QVERIFY(!run.timedOut);
    QCOMPARE(run.result.state, JobState::Cancelled);
    QVERIFY(timer.elapsed() < 3000);
}

void TestHttpEngine::testPathEncodingAndKeyRedaction()
{
    const ProviderConfig c = config(QStringLiteral("dnsdb"), QStringLiteral("echo"));
    const JobRun run = runJob(*m_engine, c, QStringLiteral("2001:db8::77"));
    QCOMPARE(run.pages.size(), 1);
    const QJsonObject echo = QJsonDocument::fromJson(run.pages.first().body).object();
    QVERIFY2(echo.value(QLatin1String("rawPath")).toString().contains(QLatin1String("/rdata/ip/2001%3Adb8%3A%3A77?")),
        run.pages.first().body.constData());
    // The server got the key header; the stored answer and URL never show it.
    const QJsonObject headers = echo.value(QLatin1String("headers")).toObject();
    QCOMPARE(headers.value(QLatin1String("X-API-Key")).toString(), Redactor::marker());
    QVERIFY(!run.pages.first().body.contains(c.key));
    QVERIFY(!run.pages.first().url.contains(QString::fromLatin1(c.key)));
    QCOMPARE(headers.value(QLatin1String("Accept")).toString(), QStringLiteral("application/x-ndjson"));
    QVERIFY(headers.value(QLatin1String("Accept-Encoding")).toString().contains(QLatin1String("gzip")));
}

void TestHttpEngine::testDefenderTokenCached()
{
    DefenderTiProvider::clearTokenCache();
    const ProviderConfig c = config(QStringLiteral("defenderti"), QStringLiteral("ok"));
    const JobRun first = runJob(*m_engine, c, QStringLiteral("bad.example"));
    QVERIFY2(first.result.state == JobState::Succeeded, qPrintable(first.result.error));
    QCOMPARE(first.result.requests, 3); // token + two pages
    const JobRun second = runJob(*m_engine, c, QStringLiteral("bad.example"));
    QCOMPARE(second.result.requests, 2); // the cached token is reused
    for (const ProviderPage& p : first.pages)
        QVERIFY(!p.body.contains("test-access-token")); // the token answer is never emitted
    ProviderConfig wrong = c;
    wrong.key.clear();
    wrong.key = "x"; // a secret the token endpoint refuses is still "configured"; the server checks the form
    wrong.tokenUrl = m_server.httpsBase(QStringLiteral("s401")) + QStringLiteral("/token");
    const JobRun refused = runJob(*m_engine, wrong, QStringLiteral("bad.example"));
    QCOMPARE(refused.result.state, JobState::AuthFailed);
    QVERIFY2(refused.result.error.contains(QLatin1String("token request failed")), qPrintable(refused.result.error));
}

void TestHttpEngine::testUserLimit()
{
    const JobRun run
        = runJob(*m_engine, config(QStringLiteral("dnsdb"), QStringLiteral("ok")), QStringLiteral("bad.example"), 2);
    QCOMPARE(run.result.state, JobState::Limited);
    QCOMPARE(run.result.records, 2);
    QCOMPARE(run.result.pages, 1);
}

void TestHttpEngine::testRateLimitSpacing()
{
    HttpEngine engine;
    ProviderConfig c = config(QStringLiteral("mnemonic"), QStringLiteral("ok"));
    c.rateRequests = 1;
    c.rateIntervalSeconds = 1;
    QElapsedTimer timer;
    timer.start();
    const JobRun run = runJob(engine, c, QStringLiteral("bad.example"));
    QVERIFY2(run.result.state == JobState::Succeeded, qPrintable(run.result.error));
    QCOMPARE(run.result.requests, 2);
    QVERIFY(timer.elapsed() >= 950); // the second page waited for the window
}

// A queue of questions behind a 1-per-second limit (a pivot level) is told it waits once, not once per question,
// and the query log times each question from its request, not from when it joined the queue.
void TestHttpEngine::testRateLimitedQueue()
{
    QTemporaryDir dir;
    CaseError caseError;
    auto file = CaseFile::open(dir.filePath(QStringLiteral("q.pdnscase")), CaseFile::Mode::CreateIfMissing, &caseError);
    QVERIFY2(file, qPrintable(caseError.message));
    ProviderCaseRecorder recorder(*file);
    HttpEngine engine;
    ProviderConfig c = config(QStringLiteral("virustotal"), QStringLiteral("ok"));
    c.rateRequests = 1;
    c.rateIntervalSeconds = 1;
    QStringList progress;
    connect(&engine, &HttpEngine::jobProgress, this, [&](quint64, const QString& m) { progress.append(m); });
    connect(
        &engine, &HttpEngine::pageReceived, this, [&](const ProviderPage& page) { recorder.addPage(page, nullptr); });
    int finished = 0;
    connect(&engine, &HttpEngine::jobFinished, this, [&](const ProviderJobResult& r, const QList<Observation>& folded) {
        QVERIFY(recorder.finishQuery(r, folded, nullptr));
        ++finished;
    });
    const qint64 submitted = QDateTime::currentSecsSinceEpoch();
    for (int i = 0; i < 4; ++i) {
        const ProviderQuestion q = *parseQuestion(QStringLiteral("q%1.bad.example").arg(i), nullptr);
        QVERIFY(recorder.beginQuery(engine.submit(c, q), c, q, &caseError));
    }
    QTRY_COMPARE_WITH_TIMEOUT(finished, 4, 30000);
    QVERIFY(recorder.finishAll(true, &caseError));
    const QStringList waits = progress.filter(QStringLiteral("for the rate limit"));
    QCOMPARE(waits.size(), 1);
    QCOMPARE(waits.first(), QStringLiteral("VirusTotal v3: waiting for the rate limit (1 per 1 s)"));

    // The fourth request went out at least 3 s after the submission (one a second): its entry starts there, not at
    // the submission. Seconds, so the bound is 2. (How long the local server took is not asserted: under load that
    // is not the code's doing.)
    const QList<ProviderQueryRecord> log = ProviderQueryLog(*file).queries();
    QCOMPARE(log.size(), 4);
    qint64 latestStart = 0;
    for (const ProviderQueryRecord& r : log) {
        QVERIFY(r.finishedAt && *r.finishedAt >= r.startedAt);
        latestStart = std::max(latestStart, r.startedAt);
    }
    QVERIFY2(latestStart >= submitted + 2, qPrintable(QString::number(latestStart - submitted)));
}

void TestHttpEngine::testNotConfigured()
{
    ProviderConfig c = config(QStringLiteral("virustotal"), QStringLiteral("ok"));
    c.key.clear();
    const JobRun run = runJob(*m_engine, c, QStringLiteral("bad.example"));
    QCOMPARE(run.result.state, JobState::NotConfigured);
    QVERIFY2(run.result.error.contains(QLatin1String("PDNSW_VIRUSTOTAL_KEY")), qPrintable(run.result.error));
    QCOMPARE(run.result.requests, 0);
    // Mnemonic works without a key.
    ProviderConfig m = config(QStringLiteral("mnemonic"), QStringLiteral("ok"));
    m.key.clear();
    QCOMPARE(runJob(*m_engine, m, QStringLiteral("bad.example")).result.state, JobState::Succeeded);
}

void TestHttpEngine::testProxyFromSettings()
{
    // The proxy setting wins over the environment and is used even for loopback: a dead proxy fails clearly.
    qunsetenv("no_proxy");
    qunsetenv("NO_PROXY");
    ProviderConfig c = config(QStringLiteral("otx"), QStringLiteral("ok"));
    c.network.proxy = QStringLiteral("http://127.0.0.1:9");
    c.network.maxRetries = 0;
    const JobRun run = runJob(*m_engine, c, QStringLiteral("bad.example"));
    QCOMPARE(run.result.state, JobState::Failed);
    QVERIFY2(run.result.error.contains(QLatin1String("proxy (http://127.0.0.1:9 (settings))")),
        qPrintable(run.result.error));
    // Without a setting, libcurl follows the usual environment variables, and the message names the one in use.
    c.network.proxy.clear();
    qputenv("https_proxy", "http://127.0.0.1:9");
    const JobRun viaEnv = runJob(*m_engine, c, QStringLiteral("bad.example"));
    qunsetenv("https_proxy");
    QCOMPARE(viaEnv.result.state, JobState::Failed);
    QVERIFY2(viaEnv.result.error.contains(QLatin1String("environment https_proxy")), qPrintable(viaEnv.result.error));
}

QTEST_GUILESS_MAIN(TestHttpEngine)
#include "TestHttpEngine.moc"
