#include "cli/Cli.h"
#include "cli/CliSupport.h"
#include "cli/Commands.h"

#include "models/CaseReader.h"
#include "models/DomainName.h"

#include <QJsonArray>
#include <QJsonObject>

namespace pdnsw::cli {

int runTimeline(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Every answer recorded for NAME, per source, with its first and "
                                                    "last seen time; CNAME chains are followed (indented)."));
    addCommonOptions(parser);
    parser.addPositionalArgument(QStringLiteral("NAME"), QStringLiteral("The domain name (Unicode or A-label)."));
    parser.addOption(QCommandLineOption(QStringLiteral("no-chain"), QStringLiteral("Do not follow CNAME chains.")));
    if (auto exit = processArgs(parser, args))
        return *exit;
    if (parser.positionalArguments().size() != 1) {
        err() << args.value(0) << ": give exactly one NAME.\n";
        return ExitUsage;
    }
    auto reader = openCaseForReading(casePath(parser));
    if (!reader)
        return ExitFailure;
    const QString name = normalizeDomainName(parser.positionalArguments().first());
    const auto rows = reader->timeline(name, !parser.isSet(QStringLiteral("no-chain")));
    if (jsonOutput(parser)) {
        QJsonArray array;
        for (const auto& row : rows)
            array.append(observationToJson(row));
        printJson(QJsonObject{{QStringLiteral("name"), name}, {QStringLiteral("records"), array}});
        return ExitOk;
    }
    if (rows.isEmpty()) {
        out() << "No records for " << terminalSafe(name) << " in this case.\n";
        return ExitOk;
    }
    QList<QStringList> table;
    for (const auto& row : rows)
        table.append(observationToRow(row, true));
    printTable(observationHeaders(true), table);
    return ExitOk;
}

} // namespace pdnsw::cli
