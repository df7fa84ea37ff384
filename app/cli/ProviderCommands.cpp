// pdnsw-cli query / providers / now / reparse: the online half of the workbench on the command line.
#include "cli/Cli.h"
#include "cli/CliSupport.h"
#include "cli/Commands.h"

#include "models/CaseFile.h"
#include "models/ObservationWriter.h"
#include "models/ProviderQueryLog.h"
#include "models/UtcTime.h"
#include "providers/HttpEngine.h"
#include "providers/KeyStore.h"
#include "providers/PivotPlanner.h"
#include "providers/Provider.h"
#include "providers/ProviderCaseRecorder.h"
#include "providers/ProviderRegistry.h"
#include "providers/ProviderSettings.h"
#include "providers/SystemResolver.h"
#include "providers/UrlPolicy.h"

#include <QDateTime>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonObject>

#include <QSocketNotifier>

#include <csignal>
#include <cstdio>
#include <fcntl.h>
#include <unistd.h>

namespace pdnsw::cli {

namespace {

QString ageText(qint64 seconds)
{
    if (seconds < 120)
        return QStringLiteral("%1 s").arg(seconds);
    if (seconds < 7200)
        return QStringLiteral("%1 min").arg(seconds / 60);
    if (seconds < 172800)
        return QStringLiteral("%1 h").arg(seconds / 3600);
    return QStringLiteral("%1 days").arg(seconds / 86400);
}

struct Row
{
    QString provider;
    QString question;
    QString state;
    int pages = 0;
    qint64 records = 0;
    QString http;
    QString note;
    qint64 queryId = 0;
    bool failed = false;
    bool ok = false;
};

QJsonObject rowJson(const Row& r)
{
    QJsonObject o;
    o.insert(QStringLiteral("provider"), r.provider);
    o.insert(QStringLiteral("question"), r.question);
    o.insert(QStringLiteral("state"), r.state);
    o.insert(QStringLiteral("pages"), r.pages);
    o.insert(QStringLiteral("records"), r.records);
    o.insert(QStringLiteral("httpStatus"), r.http);
    o.insert(QStringLiteral("note"), r.note);
    if (r.queryId > 0)
        o.insert(QStringLiteral("queryId"), r.queryId);
    return o;
}

// Ctrl-C during a query cancels the running requests; what was received stays in the case, and the provider
// sources are marked incomplete. A self-pipe turns the signal into an event on the main thread.
int g_interruptPipe[2] = {-1, -1};

void onInterrupt(int)
{
    const char byte = 1;
    [[maybe_unused]] const auto written = ::write(g_interruptPipe[1], &byte, 1);
}

bool confirm(const QString& prompt)
{
    if (!isatty(STDIN_FILENO))
        return false;
    err() << prompt << " [y/N] ";
    err().flush();
    char line[16] = {};
    if (!std::fgets(line, sizeof line, stdin))
        return false;
    return line[0] == 'y' || line[0] == 'Y';
}

} // namespace

int runQuery(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Ask online passive DNS services about a name, an address or a CIDR; answers go into the "
                       "case with the raw pages (audit log), and cached answers are reused unless --refresh."));
    addCommonOptions(parser);
    parser.addPositionalArgument(QStringLiteral("question"), QStringLiteral("NAME, ADDRESS or CIDR"));
    parser.addOption({QStringLiteral("providers"), QStringLiteral("Comma-separated provider ids, or all (default)."),
        QStringLiteral("LIST"), QStringLiteral("all")});
    parser.addOption(
        {QStringLiteral("since"), QStringLiteral("Only records seen at or after T."), QStringLiteral("T")});
    parser.addOption(
        {QStringLiteral("until"), QStringLiteral("Only records seen at or before T."), QStringLiteral("T")});
    parser.addOption(
        {QStringLiteral("limit"), QStringLiteral("At most N records per provider and question."), QStringLiteral("N")});
    parser.addOption(
        {QStringLiteral("depth"), QStringLiteral("Pivot N levels: name -> addresses -> names (default 0)."),
            QStringLiteral("N"), QStringLiteral("0")});
    parser.addOption({QStringLiteral("refresh"), QStringLiteral("Ask again even when the case has the answer.")});
    parser.addOption({QStringLiteral("yes"), QStringLiteral("Do not ask before an expensive pivot.")});
    parser.addOption({QStringLiteral("confirm-above"),
        QStringLiteral("Ask before a level needing more than N requests (default 20)."), QStringLiteral("N"),
        QStringLiteral("20")});
    if (auto exit = processArgs(parser, args))
        return *exit;
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1) {
        err() << "pdnsw-cli query: give exactly one NAME, ADDRESS or CIDR.\n";
        return ExitUsage;
    }
    QString why;
    auto question = parseQuestion(positional.first(), &why);
    if (!question) {
        err() << "pdnsw-cli query: " << terminalSafe(why) << '\n';
        return ExitUsage;
    }
    if (parser.isSet(QStringLiteral("since"))) {
        question->since = parseTimeArgument(QStringLiteral("--since"), parser.value(QStringLiteral("since")));
        if (!question->since)
            return ExitUsage;
    }
    if (parser.isSet(QStringLiteral("until"))) {
        question->until = parseTimeArgument(QStringLiteral("--until"), parser.value(QStringLiteral("until")));
        if (!question->until)
            return ExitUsage;
    }
    bool ok = true;
    if (parser.isSet(QStringLiteral("limit"))) {
        question->limit = parser.value(QStringLiteral("limit")).toInt(&ok);
        if (!ok || question->limit < 0) {
            err() << "pdnsw-cli query: --limit must be a number of records (0 = no limit).\n";
            return ExitUsage;
        }
    }
    const int depth = parser.value(QStringLiteral("depth")).toInt(&ok);
    if (!ok || depth < 0 || depth > 5) {
        err() << "pdnsw-cli query: --depth must be between 0 and 5.\n";
        return ExitUsage;
    }
    const int threshold = std::max(0, parser.value(QStringLiteral("confirm-above")).toInt());
    const auto ids = parseProviderList(parser.value(QStringLiteral("providers")), &why);
    if (!ids) {
        err() << "pdnsw-cli query: " << why << '\n';
        return ExitUsage;
    }
    const bool json = jsonOutput(parser);
    const bool refresh = parser.isSet(QStringLiteral("refresh"));
    const bool explicitProviders = parser.isSet(QStringLiteral("providers"))
        && parser.value(QStringLiteral("providers")).compare(QLatin1String("all"), Qt::CaseInsensitive) != 0;

    QList<ProviderConfig> configs;
    for (const QString& id : *ids)
        configs.append(ProviderSettings::load(id, ProviderSettings::KeyLookup::EnvironmentThenKeychain));

    auto file = openCaseForWriting(casePath(parser));
    if (!file)
        return ExitFailure;
    ProviderCaseRecorder recorder(*file);
    ProviderQueryLog log(*file);
    HttpEngine engine;
    PivotPlanner planner;
    planner.markAsked(question->text);

    QList<Row> rows;
    QHash<quint64, int> rowOfJob;
    QHash<quint64, int> questionOfJob;
    QList<ProviderQuestion> level{*question};
    QList<QList<Observation>> answersOfLevel;
    QEventLoop loop;
    CaseError caseError;
    bool caseFailed = false;

    QObject::connect(&engine, &HttpEngine::jobProgress, &loop, [&](quint64, const QString& message) {
        if (!json)
            err() << terminalSafe(message) << '\n';
        err().flush();
    });
    QObject::connect(&engine, &HttpEngine::pageReceived, &loop, [&](const ProviderPage& page) {
        if (!recorder.addPage(page, &caseError))
            caseFailed = true;
        answersOfLevel[questionOfJob.value(page.jobId)] += page.observations;
    });
    QObject::connect(&engine, &HttpEngine::jobFinished, &loop,
        [&](const ProviderJobResult& result, const QList<Observation>& folded) {
            if (!recorder.finishQuery(result, folded, &caseError))
                caseFailed = true;
            answersOfLevel[questionOfJob.value(result.jobId)] += folded;
            Row& r = rows[rowOfJob.value(result.jobId)];
            r.state = jobStateName(result.state);
            r.pages = result.pages;
            r.records = result.records;
            r.http = result.lastHttpStatus ? QString::number(*result.lastHttpStatus) : QString();
            r.note = isSuccessful(result.state) ? result.note : result.error;
            r.ok = isSuccessful(result.state);
            r.failed = !r.ok;
            if (engine.activeJobs() == 0)
                loop.quit();
        });

    bool interrupted = false;
    std::unique_ptr<QSocketNotifier> interruptNotifier;
    if (g_interruptPipe[0] >= 0 || ::pipe2(g_interruptPipe, O_CLOEXEC | O_NONBLOCK) == 0) {
        struct sigaction action = {};
        action.sa_handler = onInterrupt;
        sigemptyset(&action.sa_mask);
        sigaction(SIGINT, &action, nullptr);
        interruptNotifier = std::make_unique<QSocketNotifier>(g_interruptPipe[0], QSocketNotifier::Read);
        QObject::connect(interruptNotifier.get(), &QSocketNotifier::activated, &loop, [&] {
            char buffer[16];
            while (::read(g_interruptPipe[0], buffer, sizeof buffer) > 0) { }
            if (!interrupted)
                err() << "pdnsw-cli query: interrupted; cancelling the running requests (what arrived is kept)\n";
            interrupted = true;
            engine.cancelAll();
        });
    }

    const auto isCached = [&](const ProviderConfig& c, const ProviderQuestion& q) {
        return !refresh && recorder.cached(c.descriptor.id, q, c).has_value();
    };
    QString levelNote; // the current level's cap, when it had one
    for (int d = 0; d <= depth && !level.isEmpty(); ++d) {
        const auto cost = PivotPlanner::preview(level, configs, isCached, &log);
        if (d > 0 && !json)
            err() << "Pivot level " << d << ": " << level.size() << " new question(s)"
                  << (levelNote.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(levelNote)) << "\n"
                  << PivotPlanner::describe(cost);
        if (PivotPlanner::needsConfirmation(cost, threshold) && !parser.isSet(QStringLiteral("yes"))) {
            if (d == 0 || json)
                err() << PivotPlanner::describe(cost);
            if (!confirm(QStringLiteral("Spend these requests?"))) {
                err() << "pdnsw-cli query: stopped before level " << d
                      << " (above --confirm-above or a provider's remaining budget); rerun with --yes to go ahead.\n";
                break;
            }
        }
        answersOfLevel = QList<QList<Observation>>(level.size());
        for (qsizetype qi = 0; qi < level.size(); ++qi) {
            const ProviderQuestion& q = level.at(qi);
            for (const ProviderConfig& config : std::as_const(configs)) {
                const Provider* p = providerById(config.descriptor.id);
                Row row;
                row.provider = config.descriptor.id;
                row.question = q.text;
                if (const QString reason = p->unsupportedReason(q); !reason.isEmpty()) {
                    row.state = jobStateName(JobState::Unsupported);
                    row.note = reason;
                    rows.append(row);
                    continue;
                }
                if (!config.isConfigured()) {
                    // Not an error when the analyst asked "all": most people have keys for a few services only.
                    row.state = jobStateName(JobState::NotConfigured);
                    row.note = QStringLiteral("set %1").arg(config.missingConfiguration());
                    row.failed = explicitProviders;
                    rows.append(row);
                    continue;
                }
                if (!refresh) {
                    if (const auto hit = recorder.cached(config.descriptor.id, q, config)) {
                        row.state = QStringLiteral("cached");
                        row.pages = hit->record.pages;
                        row.records = hit->record.recordCount;
                        row.http = hit->record.httpStatus ? QString::number(*hit->record.httpStatus) : QString();
                        row.note = QStringLiteral("answer from %1 (%2 old); --refresh asks again")
                                       .arg(formatUtcTime(hit->record.finishedAt), ageText(hit->ageSeconds));
                        row.queryId = hit->record.id;
                        row.ok = true;
                        rows.append(row);
                        answersOfLevel[qi] += ProviderCaseRecorder::storedObservations(*file, hit->record.id);
                        continue;
                    }
                }
                const quint64 job = engine.submit(config, q);
                rowOfJob.insert(job, static_cast<int>(rows.size()));
                questionOfJob.insert(job, static_cast<int>(qi));
                rows.append(row);
                if (!recorder.beginQuery(job, config, q, &caseError)) {
                    caseFailed = true;
                    break;
                }
                rows.last().queryId = recorder.queryId(job);
            }
        }
        if (engine.activeJobs() > 0)
            loop.exec();
        if (caseFailed || interrupted)
            break;
        QList<QPair<ProviderQuestion, QList<Observation>>> answers;
        for (qsizetype qi = 0; qi < level.size(); ++qi)
            answers.append({level.at(qi), answersOfLevel.at(qi)});
        if (d < depth) {
            const PivotPlanner::Level next = planner.nextLevel(answers);
            level = next.questions;
            levelNote = planner.leftOutNote(next);
        } else {
            level.clear();
        }
    }
    if (caseFailed) {
        engine.cancelAll();
        err() << "pdnsw-cli query: " << caseError.message << '\n';
        recorder.finishAll(false, nullptr);
        return ExitFailure;
    }
    if (interruptNotifier) {
        interruptNotifier.reset();
        signal(SIGINT, SIG_DFL);
    }
    if (!recorder.finishAll(!interrupted, &caseError)) {
        err() << "pdnsw-cli query: " << caseError.message << '\n';
        return ExitFailure;
    }

    int failed = 0;
    int succeeded = 0;
    for (const Row& r : rows) {
        failed += r.failed ? 1 : 0;
        succeeded += r.ok ? 1 : 0;
    }
    if (json) {
        QJsonArray array;
        for (const Row& r : rows)
            array.append(rowJson(r));
        QJsonObject o;
        o.insert(QStringLiteral("question"), question->text);
        o.insert(QStringLiteral("case"), file->path());
        o.insert(QStringLiteral("results"), array);
        printJson(o);
    } else {
        QList<QStringList> table;
        for (const Row& r : rows)
            table.append({r.provider, r.question, r.state, QString::number(r.pages), QString::number(r.records), r.http,
                r.queryId > 0 ? QString::number(r.queryId) : QString(), r.note});
        printTable(
            {QStringLiteral("PROVIDER"), QStringLiteral("QUESTION"), QStringLiteral("STATE"), QStringLiteral("PAGES"),
                QStringLiteral("RECORDS"), QStringLiteral("HTTP"), QStringLiteral("QUERY"), QStringLiteral("NOTE")},
            table);
    }
    if (failed == 0)
        return ExitOk;
    return succeeded > 0 ? ExitPartial : ExitFailure;
}

int runProviders(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("List the online providers: configured or not, limits, base URL and where the key comes "
                       "from (never the key). Keys live in the keychain or PDNSW_<ID>_KEY; URLs and limits in %1.")
            .arg(ProviderSettings::filePath()));
    addCommonOptions(parser);
    parser.addOption({QStringLiteral("set-key"),
        QStringLiteral("Store the key for provider ID in the keychain, read from the first line of "
                       "standard input."),
        QStringLiteral("ID")});
    parser.addOption({QStringLiteral("delete-key"), QStringLiteral("Remove provider ID's key from the keychain."),
        QStringLiteral("ID")});
    parser.addOption({QStringLiteral("set"),
        QStringLiteral("Change a setting, e.g. dnsdb/baseUrl=https://mirror.example or "
                       "network/caBundle=/etc/ssl/corp.pem (never a key)."),
        QStringLiteral("NAME=VALUE")});
    if (auto exit = processArgs(parser, args, false))
        return *exit;
    if (parser.isSet(QStringLiteral("set-key")) || parser.isSet(QStringLiteral("delete-key"))) {
        const bool remove = parser.isSet(QStringLiteral("delete-key"));
        const ProviderDescriptor* d
            = findProvider(parser.value(remove ? QStringLiteral("delete-key") : QStringLiteral("set-key")));
        if (!d) {
            err() << "pdnsw-cli providers: unknown provider id.\n";
            return ExitUsage;
        }
        QString problem;
        if (remove) {
            problem = KeyStore::remove(d->id);
        } else {
            char line[4096] = {};
            const QByteArray key = std::fgets(line, sizeof line, stdin) ? QByteArray(line).trimmed() : QByteArray();
            if (key.isEmpty()) {
                err() << "pdnsw-cli providers: no key on standard input.\n";
                return ExitUsage;
            }
            problem = KeyStore::write(d->id, key);
        }
        if (!problem.isEmpty()) {
            err() << "pdnsw-cli providers: " << problem << ". Without a keychain, give the key as PDNSW_" << d->envId
                  << "_KEY instead.\n";
            return ExitFailure;
        }
        out() << (remove ? "removed the key of " : "stored the key of ") << d->id << " in the keychain\n";
        return ExitOk;
    }
    if (parser.isSet(QStringLiteral("set"))) {
        const QString assignment = parser.value(QStringLiteral("set"));
        const qsizetype eq = assignment.indexOf(QLatin1Char('='));
        QString problem;
        if (eq <= 0
            || !ProviderSettings::setValue(assignment.left(eq).trimmed(), assignment.mid(eq + 1).trimmed(), &problem)) {
            err() << "pdnsw-cli providers: " << (problem.isEmpty() ? QStringLiteral("use --set NAME=VALUE") : problem)
                  << '\n';
            return ExitUsage;
        }
    }

    const bool json = jsonOutput(parser);
    const NetworkSettings network = ProviderSettings::network();
    QJsonArray array;
    QList<QStringList> table;
    for (const ProviderDescriptor& d : providerCatalog()) {
        const ProviderConfig c = ProviderSettings::load(d.id, ProviderSettings::KeyLookup::EnvironmentThenKeychain);
        const QString urlProblem = UrlPolicy::checkUrl(c.baseUrl);
        const QString missing = c.missingConfiguration();
        const QString configured = !urlProblem.isEmpty() ? QStringLiteral("no: bad URL")
            : missing.isEmpty()                          ? QStringLiteral("yes")
                                                         : QStringLiteral("no");
        const QString rate = QStringLiteral("%1/%2s").arg(c.rateRequests).arg(c.rateIntervalSeconds);
        const QString budget = c.dailyBudget > 0 ? QStringLiteral("%1/day").arg(c.dailyBudget) : QStringLiteral("-");
        QString note = !urlProblem.isEmpty() ? urlProblem
            : !missing.isEmpty()             ? QStringLiteral("needs ") + missing
                                             : d.note;
        if (!c.keyProblem.isEmpty() && c.keySource == ProviderConfig::KeySource::None && d.keyRequired)
            note += QStringLiteral(" (%1)").arg(c.keyProblem);
        if (json) {
            QJsonObject o;
            o.insert(QStringLiteral("id"), d.id);
            o.insert(QStringLiteral("name"), d.name);
            o.insert(QStringLiteral("configured"), configured == QLatin1String("yes"));
            o.insert(QStringLiteral("keySource"), keySourceName(c.keySource));
            o.insert(QStringLiteral("keyRequired"), d.keyRequired);
            o.insert(QStringLiteral("baseUrl"), c.baseUrl);
            o.insert(QStringLiteral("baseUrlSource"), c.baseUrlSource);
            o.insert(QStringLiteral("rateRequests"), c.rateRequests);
            o.insert(QStringLiteral("rateIntervalSeconds"), c.rateIntervalSeconds);
            o.insert(QStringLiteral("dailyBudget"), c.dailyBudget);
            o.insert(QStringLiteral("timeKind"), d.timeKind);
            o.insert(QStringLiteral("timeGranularity"), d.timeGranularity);
            o.insert(QStringLiteral("note"), note);
            if (d.id == QLatin1String("defenderti")) {
                o.insert(QStringLiteral("tokenUrl"), c.tokenUrl);
                o.insert(QStringLiteral("clientId"), c.clientId);
                o.insert(QStringLiteral("tenant"), c.tenant);
            }
            array.append(o);
        } else {
            table.append({d.id, configured, keySourceName(c.keySource), rate, budget,
                QStringLiteral("%1 (%2)").arg(c.baseUrl, c.baseUrlSource), note});
        }
    }
    if (json) {
        QJsonObject o;
        o.insert(QStringLiteral("providers"), array);
        o.insert(QStringLiteral("settingsFile"), ProviderSettings::filePath());
        o.insert(QStringLiteral("proxy"), network.activeProxyDescription());
        o.insert(QStringLiteral("caBundle"), network.caBundle);
        printJson(o);
        return ExitOk;
    }
    printTable({QStringLiteral("ID"), QStringLiteral("CONFIGURED"), QStringLiteral("KEY"), QStringLiteral("RATE"),
                   QStringLiteral("BUDGET"), QStringLiteral("BASE URL"), QStringLiteral("NOTE")},
        table);
    out() << "\nsettings: " << ProviderSettings::filePath() << "\nproxy: " << network.activeProxyDescription()
          << "\nCA bundle: " << (network.caBundle.isEmpty() ? QStringLiteral("system default") : network.caBundle)
          << "\ntimeouts: connect " << network.connectTimeoutMs << " ms, total " << network.totalTimeoutMs
          << " ms; answer size cap " << network.maxBodyBytes << " bytes; retries " << network.maxRetries << '\n';
    return ExitOk;
}

int runNow(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("What a name resolves to right now, according to the system resolver (NXDOMAIN shown as "
                       "such). With --case the answer is kept as a 'lookup' source."));
    addCommonOptions(parser);
    parser.addPositionalArgument(QStringLiteral("name"), QStringLiteral("The name to resolve."));
    if (auto exit = processArgs(parser, args, false))
        return *exit;
    const QStringList positional = parser.positionalArguments();
    QString why;
    const auto question = positional.size() == 1 ? parseQuestion(positional.first(), &why) : std::nullopt;
    if (!question || question->kind != ProviderQuestion::Kind::Name) {
        err() << "pdnsw-cli now: give one NAME" << (why.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(why))
              << ".\n";
        return ExitUsage;
    }
    NowLookup lookup;
    NowAnswer answer;
    QEventLoop loop;
    QObject::connect(&lookup, &NowLookup::finished, &loop, [&](const NowAnswer& a) {
        answer = a;
        loop.quit();
    });
    lookup.start(question->text);
    loop.exec();

    const QString path = casePath(parser);
    if (!path.isEmpty() && !answer.records.isEmpty()) {
        auto file = openCaseForWriting(path);
        if (!file)
            return ExitFailure;
        SourceInfo info;
        info.kind = QStringLiteral("lookup:system");
        info.label = QStringLiteral("System resolver (now)");
        info.path = QStringLiteral("res_query");
        info.importedAt = answer.askedAt;
        info.timeKind = QStringLiteral("lookup");
        ObservationWriter writer(*file);
        CaseError error;
        bool written = writer.continueSource(info, &error);
        for (const Observation& o : std::as_const(answer.records))
            written = written && writer.addObservation(o);
        written = written && writer.finish(true, {}, &error);
        if (!written) {
            err() << "pdnsw-cli now: " << (error ? error.message : writer.lastError().message) << '\n';
            return ExitFailure;
        }
    }
    if (jsonOutput(parser)) {
        QJsonObject o;
        o.insert(QStringLiteral("name"), answer.name);
        o.insert(QStringLiteral("rcode"), answer.rcode);
        o.insert(QStringLiteral("askedAt"), formatUtcTime(answer.askedAt));
        if (!answer.error.isEmpty())
            o.insert(QStringLiteral("error"), answer.error);
        QJsonArray records;
        for (const Observation& r : std::as_const(answer.records)) {
            QJsonObject j;
            j.insert(QStringLiteral("rrname"), r.rrname);
            j.insert(QStringLiteral("rrtype"), r.rrtype);
            j.insert(QStringLiteral("rdata"), r.rdata);
            j.insert(QStringLiteral("negative"), r.section == Section::Negative);
            if (r.ttlMin)
                j.insert(QStringLiteral("ttl"), *r.ttlMin);
            records.append(j);
        }
        o.insert(QStringLiteral("records"), records);
        printJson(o);
    } else if (!answer.error.isEmpty()) {
        err() << "pdnsw-cli now: " << answer.error << '\n';
    } else {
        out() << terminalSafe(answer.name) << ": " << answer.rcode << " at " << formatUtcTime(answer.askedAt) << '\n';
        QList<QStringList> table;
        for (const Observation& r : std::as_const(answer.records))
            table.append({r.rrname, r.rrtype, r.rdata, r.ttlMin ? QString::number(*r.ttlMin) : QString()});
        printTable(
            {QStringLiteral("NAME"), QStringLiteral("TYPE"), QStringLiteral("DATA"), QStringLiteral("TTL")}, table);
    }
    return answer.error.isEmpty() ? ExitOk : ExitFailure;
}

int runReparse(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Rebuild provider observations from the raw answers stored in the case, without any network."));
    addCommonOptions(parser);
    parser.addOption({QStringLiteral("query"), QStringLiteral("Only this provider query id."), QStringLiteral("ID")});
    if (auto exit = processArgs(parser, args))
        return *exit;
    std::optional<qint64> queryId;
    if (parser.isSet(QStringLiteral("query"))) {
        bool ok = false;
        queryId = parser.value(QStringLiteral("query")).toLongLong(&ok);
        if (!ok || *queryId <= 0) {
            err() << "pdnsw-cli reparse: --query takes a query id (a positive number).\n";
            return ExitUsage;
        }
    }
    auto file = openCaseForWriting(casePath(parser), false);
    if (!file)
        return ExitFailure;
    CaseError error;
    const auto result = ProviderCaseRecorder::reparse(*file, queryId, &error);
    if (!result) {
        err() << "pdnsw-cli reparse: " << error.message << '\n';
        return ExitFailure;
    }
    if (jsonOutput(parser)) {
        QJsonObject o;
        o.insert(QStringLiteral("queries"), result->queries);
        o.insert(QStringLiteral("pages"), result->pages);
        o.insert(QStringLiteral("skippedPages"), result->skippedPages);
        o.insert(QStringLiteral("observations"), result->observations);
        o.insert(QStringLiteral("rejected"), result->rejected);
        o.insert(QStringLiteral("problems"), QJsonArray::fromStringList(result->problems));
        printJson(o);
    } else {
        out() << "reparsed " << result->queries << " quer" << (result->queries == 1 ? "y" : "ies") << ", "
              << result->pages << " page(s) (" << result->skippedPages
              << " error page(s) skipped): " << result->observations << " observation(s), " << result->rejected
              << " record(s) rejected\n";
        for (const QString& p : result->problems)
            out() << "  " << terminalSafe(p) << '\n';
    }
    return result->rejected > 0 ? ExitPartial : ExitOk;
}

} // namespace pdnsw::cli
