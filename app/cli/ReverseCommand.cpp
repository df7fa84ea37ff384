#include "cli/Cli.h"
#include "cli/CliSupport.h"
#include "cli/Commands.h"
#include "cli/StreamingOutput.h"

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
    // Streamed: a wide CIDR over a large case can match millions of records.
    const bool json = jsonOutput(parser);
    // Opened with the first row, so an argument that is none of the three prints nothing on stdout.
    std::optional<JsonArrayPrinter> array;
    std::optional<TablePrinter> table;
    const auto openArray = [&] {
        if (!array)
            array.emplace(QJsonObject{{QStringLiteral("query"), argument}}, QStringLiteral("records"));
    };
    CaseError error;
    const bool read = reader->forEachReverse(
        argument,
        [&](const SourcedObservation& row) {
            if (json) {
                openArray();
                array->add(observationToJson(row));
            } else {
                if (!table)
                    table.emplace(observationHeaders(true));
                table->addRow(observationToRow(row, true));
            }
            return true;
        },
        &error);
    if (error.kind == CaseError::Kind::InvalidInput) {
        err() << args.value(0) << ": '" << terminalSafe(argument)
              << "' is not an address, a CIDR (address/prefix) or a domain name.\n";
        return ExitUsage;
    }
    if (json) {
        openArray(); // an empty list is still the document
        array->finish();
    }
    if (table)
        table->finish();
    if (!read) {
        err() << args.value(0) << ": " << error.message << '\n';
        return ExitFailure;
    }
    if (!json && !table)
        out() << "No name in this case pointed at " << terminalSafe(argument) << ".\n";
    return ExitOk;
}

} // namespace pdnsw::cli
