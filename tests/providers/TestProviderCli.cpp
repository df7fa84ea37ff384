// pdnsw-cli query / providers / reparse / now end to end against the local server: the case gets the audit
// log and the observations, cached answers are reused, pivots ask first, and a configured key never appears
// in the case file (nor its -wal), the settings file, the command's output or the log.
#include "ProviderTestSupport.h"

#include "models/CaseFile.h"
#include "models/CaseReader.h"
#include "models/ProviderQueryLog.h"
#include "providers/ProviderCaseRecorder.h"
#include "providers/ProviderCatalog.h"
#include "providers/Redactor.h"

#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QProcess>
#include <QUrl>
#include <QtTest>

#include <csignal>

using namespace pdnsw;

namespace {

QStringList g_log;
void captureLog(QtMsgType, const QMessageLogContext&, const QString& message)
{
    g_log.append(message);
}

struct CliRun
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

} // namespace

class TestProviderCli : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void testProvidersListing();
    void testQueryAllProvidersIntoCase();
    void testCachedAnswersReused();
    void testReparseWithoutNetwork();
    void testPivotAsksFirst();
    void testKeysNeverLeak();
    void testNow();
    void testInterruptCancels();
    void testFailedQueryMakesNoSource();

private:
    CliRun cli(const QStringList& args, const QProcessEnvironment& env, const QByteArray& stdinData = {});
    QProcessEnvironment environment(const QString& scenario = QStringLiteral("ok")) const;
    QString key(const QString& envId) const { return QStringLiteral("pdnsw-cli-key-%1-7e57").arg(envId.toLower()); }

    ProviderTestServer m_server;
    QTemporaryDir m_dir;
    QString m_case;
};

QProcessEnvironment TestProviderCli::environment(const QString& scenario) const
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_dir.filePath(QStringLiteral("config")));
    env.remove(QStringLiteral("DBUS_SESSION_BUS_ADDRESS")); // no keychain here: keys come from the environment
    env.insert(QStringLiteral("PDNSW_CA_BUNDLE"), m_server.caBundle());
    for (const ProviderDescriptor& d : providerCatalog()) {
        env.insert(QStringLiteral("PDNSW_%1_URL").arg(d.envId), m_server.httpsBase(scenario));
        env.insert(QStringLiteral("PDNSW_%1_KEY").arg(d.envId), key(d.envId));
    }
    env.insert(QStringLiteral("PDNSW_DEFENDERTI_TOKEN_URL"), m_server.httpsBase(scenario) + QStringLiteral("/token"));
    env.insert(QStringLiteral("PDNSW_DEFENDERTI_CLIENT_ID"), QStringLiteral("client-1"));
    env.insert(QStringLiteral("PDNSW_DEFENDERTI_TENANT"), QStringLiteral("tenant-1"));
    return env;
}

CliRun TestProviderCli::cli(const QStringList& args, const QProcessEnvironment& env, const QByteArray& stdinData)
{
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(PDNSW_CLI_PATH), args);
    if (!stdinData.isEmpty())
        p.write(stdinData);
    p.closeWriteChannel();
    CliRun run;
    if (!p.waitForFinished(120000)) {
        p.kill();
        p.waitForFinished();
        return run;
    }
    run.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    run.out = p.readAllStandardOutput();
    run.err = p.readAllStandardError();
    return run;
}

void TestProviderCli::initTestCase()
{
    QString error;
    QVERIFY2(m_server.start(&error), qPrintable(error));
    QVERIFY(QDir().mkpath(m_dir.filePath(QStringLiteral("config"))));
    m_case = m_dir.filePath(QStringLiteral("incident.pdnscase"));
    const QProcessEnvironment env = environment();
    // Small pages so paging shows; quick retries and timeouts. Through the CLI, which refuses secrets.
    for (const char* setting : {"dnsdb/pageSize=2", "mnemonic/pageSize=2", "virustotal/pageSize=2", "circl/pageSize=2",
             "virustotal/rateRequests=100", "virustotal/rateIntervalSeconds=1", "dnsdumpster/rateIntervalSeconds=1",
             "network/maxRetries=1", "network/totalTimeoutMs=5000", "network/backoffBaseMs=50"}) {
        const CliRun r = cli({QStringLiteral("providers"), QStringLiteral("--set"), QLatin1String(setting)}, env);
        QVERIFY2(r.exitCode == 0, r.err.constData());
    }
    const CliRun refused
        = cli({QStringLiteral("providers"), QStringLiteral("--set"), QStringLiteral("dnsdb/apikey=abc")}, env);
    QCOMPARE(refused.exitCode, 2);
}

void TestProviderCli::testProvidersListing()
{
    QProcessEnvironment env = environment();
    env.remove(QStringLiteral("PDNSW_VIRUSTOTAL_KEY"));
    const CliRun r = cli({QStringLiteral("providers"), QStringLiteral("--json")}, env);
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QJsonArray providers = QJsonDocument::fromJson(r.out).object().value(QLatin1String("providers")).toArray();
    QCOMPARE(providers.size(), 8);
    for (const QJsonValue& v : providers) {
        const QJsonObject p = v.toObject();
        const QString id = p.value(QLatin1String("id")).toString();
        QCOMPARE(p.value(QLatin1String("baseUrlSource")).toString(), QStringLiteral("environment"));
        QCOMPARE(p.value(QLatin1String("baseUrl")).toString(), m_server.httpsBase(QStringLiteral("ok")));
        QVERIFY(p.value(QLatin1String("rateRequests")).toInt() > 0);
        if (id == QLatin1String("virustotal")) {
            QCOMPARE(p.value(QLatin1String("configured")).toBool(), false);
            QCOMPARE(p.value(QLatin1String("keySource")).toString(), QStringLiteral("none"));
            QCOMPARE(p.value(QLatin1String("dailyBudget")).toInt(), 500);
        } else {
            QVERIFY2(p.value(QLatin1String("configured")).toBool(), qPrintable(id));
            QCOMPARE(p.value(QLatin1String("keySource")).toString(), QStringLiteral("env"));
        }
    }
    const CliRun text = cli({QStringLiteral("providers")}, env);
    QVERIFY(text.out.contains("current, not history"));
    for (const QByteArray& output : {r.out, r.err, text.out, text.err})
        QVERIFY(!output.contains("pdnsw-cli-key-"));
}

void TestProviderCli::testQueryAllProvidersIntoCase()
{
    const CliRun r = cli({QStringLiteral("query"), QStringLiteral("bad.example"), QStringLiteral("--case"), m_case,
                             QStringLiteral("--json")},
        environment());
    QVERIFY2(r.exitCode == 0, (r.out + r.err).constData());
    const QJsonArray results = QJsonDocument::fromJson(r.out).object().value(QLatin1String("results")).toArray();
    QCOMPARE(results.size(), 8);
    QHash<QString, int> records;
    for (const QJsonValue& v : results) {
        const QJsonObject o = v.toObject();
        QVERIFY2(
            o.value(QLatin1String("state")).toString() == QLatin1String("ok"), QJsonDocument(o).toJson().constData());
        records.insert(o.value(QLatin1String("provider")).toString(), o.value(QLatin1String("records")).toInt());
    }
    QCOMPARE(records.value(QStringLiteral("dnsdb")), 4);
    QCOMPARE(records.value(QStringLiteral("securitytrails")), 8);
    QCOMPARE(records.value(QStringLiteral("dnsdumpster")), 7);

    CaseError error;
    auto reader = CaseReader::open(m_case, &error);
    QVERIFY2(reader, qPrintable(error.message));
    QStringList kinds;
    for (const SourceInfo& s : reader->sources()) {
        kinds.append(s.kind);
        if (s.kind == QLatin1String("provider:securitytrails"))
            QCOMPARE(s.timeGranularity, QStringLiteral("day"));
        if (s.kind == QLatin1String("provider:dnsdumpster")) {
            QCOMPARE(s.timeKind, QStringLiteral("current"));
            QVERIFY(s.label.contains(QLatin1String("current, not history")));
        }
        QVERIFY2(s.isComplete(), qPrintable(s.kind));
    }
    for (const ProviderDescriptor& d : providerCatalog())
        QVERIFY2(kinds.contains(QStringLiteral("provider:") + d.id), qPrintable(d.id));
    QVERIFY(reader->counts().providerQueries >= 8);

    // The audit log keeps every raw page with its hash.
    auto file = CaseFile::open(m_case, CaseFile::Mode::ReadOnly, &error);
    QVERIFY(file);
    ProviderQueryLog log(*file);
    const auto queries = log.queries(QStringLiteral("dnsdb"));
    QCOMPARE(queries.size(), 1);
    QCOMPARE(queries.first().pages, 2);
    QCOMPARE(queries.first().recordCount, 4);
    QCOMPARE(queries.first().httpStatus.value_or(0), 200);
    QVERIFY(queries.first().error.isEmpty());
    const auto pages = log.pages(queries.first().id);
    QCOMPARE(pages.size(), 2);
    QVERIFY(pages.first().body.startsWith("{\"cond\":\"begin\"}"));
    QCOMPARE(pages.first().sha256.size(), 64);
}

void TestProviderCli::testCachedAnswersReused()
{
    CaseError error;
    const auto queriesBefore = CaseReader::open(m_case, &error)->counts().providerQueries;
    const CliRun again = cli({QStringLiteral("query"), QStringLiteral("bad.example"), QStringLiteral("--case"), m_case,
                                 QStringLiteral("--providers"), QStringLiteral("dnsdb,otx"), QStringLiteral("--json")},
        environment());
    QCOMPARE(CaseReader::open(m_case, &error)->counts().providerQueries, queriesBefore); // nothing was asked
    QVERIFY2(again.exitCode == 0, (again.out + again.err).constData());
    const QJsonArray results = QJsonDocument::fromJson(again.out).object().value(QLatin1String("results")).toArray();
    QCOMPARE(results.size(), 2);
    for (const QJsonValue& v : results) {
        QCOMPARE(v.toObject().value(QLatin1String("state")).toString(), QStringLiteral("cached"));
        QVERIFY(v.toObject().value(QLatin1String("note")).toString().contains(QLatin1String("old")));
    }
    const CliRun refreshed = cli({QStringLiteral("query"), QStringLiteral("bad.example"), QStringLiteral("--case"),
                                     m_case, QStringLiteral("--providers"), QStringLiteral("otx"),
                                     QStringLiteral("--refresh"), QStringLiteral("--json")},
        environment());
    QCOMPARE(refreshed.exitCode, 0);
    QCOMPARE(QJsonDocument::fromJson(refreshed.out)
                 .object()
                 .value(QLatin1String("results"))
                 .toArray()
                 .first()
                 .toObject()
                 .value(QLatin1String("state"))
                 .toString(),
        QStringLiteral("ok"));
}

void TestProviderCli::testReparseWithoutNetwork()
{
    CaseError error;
    qint64 before = 0;
    {
        auto reader = CaseReader::open(m_case, &error);
        before = reader->counts().observations;
    }
    QProcessEnvironment env = environment();
    for (const ProviderDescriptor& d : providerCatalog())
        env.insert(QStringLiteral("PDNSW_%1_URL").arg(d.envId), QStringLiteral("https://127.0.0.1:9")); // nothing there
    const CliRun r = cli({QStringLiteral("reparse"), QStringLiteral("--case"), m_case, QStringLiteral("--json")}, env);
    QVERIFY2(r.exitCode == 0, (r.out + r.err).constData());
    const QJsonObject o = QJsonDocument::fromJson(r.out).object();
    QVERIFY(o.value(QLatin1String("queries")).toInt() >= 8);
    QVERIFY(o.value(QLatin1String("observations")).toInt() > 30);
    QCOMPARE(o.value(QLatin1String("rejected")).toInt(), 0);
    auto reader = CaseReader::open(m_case, &error);
    QCOMPARE(reader->counts().observations, before); // rebuilt onto the same rows, nothing doubled
    const CliRun missing = cli({QStringLiteral("reparse"), QStringLiteral("--case"), m_case, QStringLiteral("--query"),
                                   QStringLiteral("99999")},
        env);
    QCOMPARE(missing.exitCode, 1);
    QVERIFY(missing.err.contains("99999"));
}

void TestProviderCli::testPivotAsksFirst()
{
    const QString pivotCase = m_dir.filePath(QStringLiteral("pivot.pdnscase"));
    const CliRun stopped
        = cli({QStringLiteral("query"), QStringLiteral("bad.example"), QStringLiteral("--case"), pivotCase,
                  QStringLiteral("--providers"), QStringLiteral("dnsdb,virustotal"), QStringLiteral("--depth"),
                  QStringLiteral("2"), QStringLiteral("--confirm-above"), QStringLiteral("1")},
            environment());
    QVERIFY2(stopped.err.contains("--yes"), stopped.err.constData());
    QVERIFY(stopped.err.contains("virustotal"));
    QVERIFY(stopped.err.contains("budget 500 left of 500 today"));

    const CliRun r = cli({QStringLiteral("query"), QStringLiteral("bad.example"), QStringLiteral("--case"), pivotCase,
                             QStringLiteral("--providers"), QStringLiteral("dnsdb"), QStringLiteral("--depth"),
                             QStringLiteral("2"), QStringLiteral("--yes"), QStringLiteral("--json")},
        environment());
    QVERIFY2(r.exitCode == 0, (r.out + r.err).constData());
    QStringList questions;
    for (const QJsonValue& v : QJsonDocument::fromJson(r.out).object().value(QLatin1String("results")).toArray())
        questions.append(v.toObject().value(QLatin1String("question")).toString());
    // bad.example -> its three addresses -> the other name on 198.51.100.23 (each asked once).
    QCOMPARE(questions.first(), QStringLiteral("bad.example"));
    QVERIFY(questions.contains(QStringLiteral("198.51.100.23")));
    QVERIFY(questions.contains(QStringLiteral("198.51.100.24")));
    QVERIFY(questions.contains(QStringLiteral("203.0.113.77")));
    QVERIFY(questions.contains(QStringLiteral("cdn.other.example")));
    QCOMPARE(questions.count(QStringLiteral("bad.example")), 1);
    QCOMPARE(questions.size(), 5);
}

void TestProviderCli::testKeysNeverLeak()
{
    // In-process too: the engine's own log lines (debug enabled) must not carry the key.
    // Enable every level of our own categories whatever QT_LOGGING_RULES says (CTest turns debug off).
    static QLoggingCategory::CategoryFilter previous = nullptr;
    previous = QLoggingCategory::installFilter([](QLoggingCategory* category) {
        if (qstrncmp(category->categoryName(), "pdnsw.", 6) == 0) {
            for (QtMsgType t : {QtDebugMsg, QtInfoMsg, QtWarningMsg, QtCriticalMsg})
                category->setEnabled(t, true);
        } else if (previous) {
            previous(category);
        }
    });
    qInstallMessageHandler(captureLog);
    {
        qputenv("XDG_CONFIG_HOME", m_dir.filePath(QStringLiteral("config")).toLocal8Bit());
        HttpEngine engine;
        for (const ProviderDescriptor& d : providerCatalog()) {
            ProviderConfig c = testConfig(m_server, d.id, m_server.httpsBase(QStringLiteral("s401")));
            c.key = key(d.envId).toUtf8();
            runJob(engine, c, QStringLiteral("bad.example"));
            c.baseUrl = m_server.httpsBase(QStringLiteral("echo"));
            runJob(engine, c, QStringLiteral("bad.example"));
        }
    }
    qInstallMessageHandler(nullptr);
    QVERIFY(!g_log.isEmpty()); // the engine did log its requests

    QList<QByteArray> secrets;
    for (const ProviderDescriptor& d : providerCatalog()) {
        const QByteArray k = key(d.envId).toUtf8();
        secrets << k << k.toBase64() << QUrl::toPercentEncoding(QString::fromLatin1(k));
    }
    secrets << QByteArrayLiteral("test-access-token-9f8e7d"); // the Defender TI bearer token

    // A full run through the CLI, with an error scenario as well (keys echoed in errors must be redacted).
    const CliRun ok = cli({QStringLiteral("query"), QStringLiteral("leak.example"), QStringLiteral("--case"), m_case,
                              QStringLiteral("--refresh")},
        environment(QStringLiteral("echo")));
    const CliRun bad = cli({QStringLiteral("query"), QStringLiteral("bad.example"), QStringLiteral("--case"), m_case,
                               QStringLiteral("--refresh")},
        environment(QStringLiteral("s401")));
    QCOMPARE(bad.exitCode, 1);
    QVERIFY(bad.out.contains("auth failed"));

    QList<QPair<QString, QByteArray>> places;
    places.append({QStringLiteral("log"), g_log.join(QLatin1Char('\n')).toUtf8()});
    places.append({QStringLiteral("stdout"), ok.out + bad.out});
    places.append({QStringLiteral("stderr"), ok.err + bad.err});
    for (const QString& suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-journal")}) {
        QFile f(m_case + suffix);
        if (f.open(QIODevice::ReadOnly))
            places.append({QStringLiteral("case file") + suffix, f.readAll()});
    }
    QVERIFY2(places.size() >= 4, "the case file must exist");
    QDirIterator it(m_dir.filePath(QStringLiteral("config")), QDir::Files, QDirIterator::Subdirectories);
    int settingsFiles = 0;
    while (it.hasNext()) {
        QFile f(it.next());
        QVERIFY(f.open(QIODevice::ReadOnly));
        places.append({f.fileName(), f.readAll()});
        ++settingsFiles;
    }
    QVERIFY(settingsFiles >= 1);
    for (const auto& [where, bytes] : places) {
        for (const QByteArray& s : secrets)
            QVERIFY2(!bytes.contains(s), qPrintable(QStringLiteral("a key form appears in the %1").arg(where)));
    }
    // The echo answers (the server repeating the request headers) were stored with the key blanked.
    CaseError error;
    auto file = CaseFile::open(m_case, CaseFile::Mode::ReadOnly, &error);
    QVERIFY2(file, qPrintable(error.message));
    ProviderQueryLog log(*file);
    int echoed = 0;
    for (const ProviderQueryRecord& q : log.queries()) {
        for (const ProviderAnswerPage& page : log.pages(q.id)) {
            for (const QByteArray& s : secrets)
                QVERIFY(!page.body.contains(s) && !page.url.toUtf8().contains(s));
            echoed += page.body.contains(Redactor::marker().toUtf8()) ? 1 : 0;
        }
    }
    QVERIFY(echoed >= 7); // every provider but Defender TI (its token step fails on the echo server)
}

void TestProviderCli::testNow()
{
    const CliRun r
        = cli({QStringLiteral("now"), QStringLiteral("no-such-name.invalid"), QStringLiteral("--json")}, environment());
    const QJsonObject o = QJsonDocument::fromJson(r.out).object();
    if (o.contains(QLatin1String("error")))
        QSKIP("no DNS resolver reachable from this machine");
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(
        o.value(QLatin1String("rcode")).toString(), QStringLiteral("NXDOMAIN")); // .invalid never exists (RFC 6761)
    const QJsonArray records = o.value(QLatin1String("records")).toArray();
    QVERIFY(!records.isEmpty());
    QCOMPARE(records.first().toObject().value(QLatin1String("negative")).toBool(), true);
    const CliRun usage = cli({QStringLiteral("now"), QStringLiteral("198.51.100.1")}, environment());
    QCOMPARE(usage.exitCode, 2);
}

void TestProviderCli::testInterruptCancels()
{
    const QString path = m_dir.filePath(QStringLiteral("interrupted.pdnscase"));
    QProcess p;
    p.setProcessEnvironment(environment(QStringLiteral("stall")));
    p.start(QStringLiteral(PDNSW_CLI_PATH),
        {QStringLiteral("query"), QStringLiteral("bad.example"), QStringLiteral("--case"), path,
            QStringLiteral("--providers"), QStringLiteral("dnsdb,otx")});
    QVERIFY(p.waitForStarted());
    QTest::qWait(1500); // the requests are out; the server stalls
    QElapsedTimer timer;
    timer.start();
    ::kill(static_cast<pid_t>(p.processId()), SIGINT);
    QVERIFY(p.waitForFinished(10000));
    QVERIFY(timer.elapsed() < 4000); // well before the 5 s total timeout
    QCOMPARE(p.exitStatus(), QProcess::NormalExit);
    QVERIFY(p.readAllStandardError().contains("interrupted"));
    QVERIFY(p.readAllStandardOutput().contains("cancelled"));
    CaseError error;
    auto reader = CaseReader::open(path, &error);
    QVERIFY2(reader, qPrintable(error.message));
    // Nothing came before the stop, so no provider source was made: none may say it is complete.
    for (const SourceInfo& s : reader->sources())
        QVERIFY2(!s.kind.startsWith(QLatin1String("provider:")) || !s.isComplete(), qPrintable(s.label));
    // The query log says the stalled queries were cancelled.
    reader.reset();
    auto file = CaseFile::open(path, CaseFile::Mode::ReadOnly, &error);
    QVERIFY2(file, qPrintable(error.message));
    const QList<ProviderQueryRecord> queries = ProviderQueryLog(*file).queries(QStringLiteral("dnsdb"));
    QCOMPARE(queries.size(), 1);
    QVERIFY2(queries.first().error.contains(QStringLiteral("cancelled")), qPrintable(queries.first().error));
    QCOMPARE(queries.first().sourceId, 0);
}

// A provider source is where records came from. A refused query used to leave a "complete" source of no
// records, which reads as "the provider has nothing on it"; the refusal is in the query log only.
void TestProviderCli::testFailedQueryMakesNoSource()
{
    const QString path = m_dir.filePath(QStringLiteral("refused.pdnscase"));
    const QStringList args{QStringLiteral("query"), QStringLiteral("bad.example"), QStringLiteral("--case"), path,
        QStringLiteral("--providers"), QStringLiteral("dnsdb"), QStringLiteral("--refresh")};
    const CliRun refused = cli(args, environment(QStringLiteral("s401")));
    QCOMPARE(refused.exitCode, 1);
    const auto dnsdbSources = [&] {
        CaseError error;
        QList<SourceInfo> found;
        if (auto reader = CaseReader::open(path, &error)) {
            for (const SourceInfo& s : reader->sources()) {
                if (s.kind == QLatin1String("provider:dnsdb"))
                    found.append(s);
            }
        }
        return found;
    };
    QVERIFY(dnsdbSources().isEmpty());
    const auto queries = [&] {
        CaseError error;
        auto file = CaseFile::open(path, CaseFile::Mode::ReadOnly, &error);
        return file ? ProviderQueryLog(*file).queries(QStringLiteral("dnsdb")) : QList<ProviderQueryRecord>{};
    };
    QCOMPARE(queries().size(), 1);
    QVERIFY(!queries().first().error.isEmpty());
    QCOMPARE(queries().first().sourceId, 0);

    // The same question answered: the source is made with its records, and the answering query points at it.
    const CliRun answered = cli(args, environment());
    QCOMPARE(answered.exitCode, 0);
    const QList<SourceInfo> sources = dnsdbSources();
    QCOMPARE(sources.size(), 1);
    QVERIFY(sources.first().isComplete());
    QVERIFY(sources.first().observationCount > 0);
    const QList<ProviderQueryRecord> log = queries();
    QCOMPARE(log.size(), 2);
    QList<qint64> sourceIds;
    for (const ProviderQueryRecord& q : log)
        sourceIds.append(q.sourceId);
    std::sort(sourceIds.begin(), sourceIds.end());
    QCOMPARE(sourceIds, (QList<qint64>{0, sources.first().id}));
}

QTEST_GUILESS_MAIN(TestProviderCli)
#include "TestProviderCli.moc"
