#include "cli/Cli.h"
#include "cli/CliSupport.h"
#include "cli/Commands.h"

#include "models/CaseReader.h"
#include "models/UtcTime.h"

#include <QJsonArray>
#include <QJsonObject>

namespace pdnsw::cli {

int runSources(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("List the case's sources: imported files (with SHA-256 and size), "
                                                    "live captures and providers, their state and counts."));
    addCommonOptions(parser);
    parser.addOption(QCommandLineOption(
        QStringLiteral("errors"), QStringLiteral("Show the stored import errors of source ID."), QStringLiteral("ID")));
    if (auto exit = processArgs(parser, args))
        return *exit;
    auto reader = openCaseForReading(casePath(parser));
    if (!reader)
        return ExitFailure;

    if (parser.isSet(QStringLiteral("errors"))) {
        bool ok = false;
        const qint64 id = parser.value(QStringLiteral("errors")).toLongLong(&ok);
        if (!ok || !reader->source(id)) {
            err() << "pdnsw-cli sources: no source with id '" << parser.value(QStringLiteral("errors")) << "'.\n";
            return ExitUsage;
        }
        const auto errors = reader->sourceErrors(id);
        if (jsonOutput(parser)) {
            QJsonArray array;
            for (const auto& e : errors)
                array.append(QJsonObject{{QStringLiteral("position"), e.first}, {QStringLiteral("message"), e.second}});
            printJson(array);
        } else {
            QList<QStringList> rows;
            for (const auto& e : errors)
                rows.append({e.first, e.second});
            printTable({QStringLiteral("WHERE"), QStringLiteral("PROBLEM")}, rows);
        }
        return ExitOk;
    }

    const auto sources = reader->sources();
    if (jsonOutput(parser)) {
        QJsonArray array;
        for (const auto& s : sources)
            array.append(sourceToJson(s));
        printJson(array);
        return ExitOk;
    }
    QList<QStringList> rows;
    for (const auto& s : sources) {
        QString state = s.state;
        if (!s.isComplete())
            state = QStringLiteral("INCOMPLETE (%1)")
                        .arg(s.state == QLatin1String("importing") ? QStringLiteral("interrupted or still running")
                                                                   : QStringLiteral("cancelled or failed"));
        rows.append({QString::number(s.id), s.kind, s.label, state, QString::number(s.observationCount),
            s.size >= 0 ? QString::number(s.size) : QStringLiteral("-"),
            s.sha256.isEmpty() ? QStringLiteral("-") : s.sha256, s.timeGranularity, formatUtcTime(s.importedAt)});
    }
    printTable({QStringLiteral("ID"), QStringLiteral("KIND"), QStringLiteral("LABEL"), QStringLiteral("STATE"),
                   QStringLiteral("RECORDS"), QStringLiteral("BYTES"), QStringLiteral("SHA-256"),
                   QStringLiteral("TIME"), QStringLiteral("IMPORTED")},
        rows);
    return ExitOk;
}

} // namespace pdnsw::cli
