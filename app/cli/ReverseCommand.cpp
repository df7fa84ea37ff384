#include "cli/Cli.h"
#include "cli/CliSupport.h"
#include "cli/Commands.h"

#include "models/CaseReader.h"

#include <QJsonArray>
#include <QJsonObject>

namespace pdnsw::cli {

int runReverse(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Which names pointed at an address, at any address of a CIDR "
                                                    "(198.51.100.0/24, 2001:db8::/32), or at a name (CNAME, NS, "
                                                    "PTR targets)."));
    addCommonOptions(parser);
    parser.addPositionalArgument(QStringLiteral("ADDR|CIDR|NAME"), QStringLiteral("What to look up."));
    if (auto exit = processArgs(parser, args))
        return *exit;
    if (parser.positionalArguments().size() != 1) {
        err() << args.value(0) << ": give exactly one address, CIDR or name.\n";
        return ExitUsage;
    }
    auto reader = openCaseForReading(casePath(parser));
    if (!reader)
        return ExitFailure;
    const QString argument = parser.positionalArguments().first();
    const auto rows = reader->reverse(argument);
    if (!rows) {
        err() << args.value(0) << ": '" << terminalSafe(argument)
              << "' is not an address, a CIDR (address/prefix) or a domain name.\n";
        return ExitUsage;
    }
    if (jsonOutput(parser)) {
        QJsonArray array;
        for (const auto& row : *rows)
            array.append(observationToJson(row));
        printJson(QJsonObject{{QStringLiteral("query"), argument}, {QStringLiteral("records"), array}});
        return ExitOk;
    }
    if (rows->isEmpty()) {
        out() << "No name in this case pointed at " << terminalSafe(argument) << ".\n";
        return ExitOk;
    }
    QList<QStringList> table;
    for (const auto& row : *rows)
        table.append(observationToRow(row, true));
    printTable(observationHeaders(true), table);
    return ExitOk;
}

} // namespace pdnsw::cli
