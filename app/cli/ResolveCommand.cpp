#include "cli/Cli.h"
#include "cli/CliSupport.h"
#include "cli/Commands.h"

#include "models/CaseReader.h"
#include "models/DomainName.h"
#include "models/UtcTime.h"

#include <QJsonArray>
#include <QJsonObject>

namespace pdnsw::cli {

int runResolve(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("What NAME resolved to at TIME according to each source (the CNAME "
                                                    "chain as it stood then), and each source's last answer before "
                                                    "TIME."));
    addCommonOptions(parser);
    parser.addPositionalArgument(QStringLiteral("NAME"), QStringLiteral("The domain name."));
    parser.addOption(QCommandLineOption(QStringLiteral("at"),
        QStringLiteral("The moment: ISO 8601 (2018-02-01T12:00:00Z, 2018-02-01) or "
                       "epoch seconds."),
        QStringLiteral("TIME")));
    if (auto exit = processArgs(parser, args))
        return *exit;
    if (parser.positionalArguments().size() != 1 || !parser.isSet(QStringLiteral("at"))) {
        err() << args.value(0) << ": usage: resolve NAME --at TIME --case FILE\n";
        return ExitUsage;
    }
    const auto at = parseTimeArgument(QStringLiteral("--at"), parser.value(QStringLiteral("at")));
    if (!at)
        return ExitUsage;
    auto reader = openCaseForReading(casePath(parser));
    if (!reader)
        return ExitFailure;
    const AsOfResult result = reader->asOf(parser.positionalArguments().first(), *at);
    if (jsonOutput(parser)) {
        QJsonArray sources;
        for (const auto& s : result.sources) {
            QJsonArray valid;
            QJsonArray before;
            for (const auto& row : s.validAtT)
                valid.append(observationToJson(row));
            for (const auto& row : s.lastBeforeT)
                before.append(observationToJson(row));
            sources.append(QJsonObject{{QStringLiteral("source_id"), static_cast<double>(s.sourceId)},
                {QStringLiteral("source"), s.sourceLabel}, {QStringLiteral("at_time"), valid},
                {QStringLiteral("last_before"), before}});
        }
        printJson(QJsonObject{{QStringLiteral("name"), result.name}, {QStringLiteral("at"), formatUtcTime(result.time)},
            {QStringLiteral("sources"), sources}});
        return ExitOk;
    }
    out() << terminalSafe(result.name) << " as of " << formatUtcTime(result.time) << '\n';
    if (result.sources.isEmpty()) {
        out() << "No source in this case has an answer for it.\n";
        return ExitOk;
    }
    QList<QStringList> table;
    for (const auto& s : result.sources) {
        for (const auto& row : s.validAtT)
            table.append(QStringList{QStringLiteral("at T")} + observationToRow(row, true));
        for (const auto& row : s.lastBeforeT)
            table.append(QStringList{QStringLiteral("last before")} + observationToRow(row, true));
    }
    printTable(QStringList{QStringLiteral("WHEN")} + observationHeaders(true), table);
    return ExitOk;
}

} // namespace pdnsw::cli
