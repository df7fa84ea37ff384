#include "cli/Cli.h"
#include "cli/CliSupport.h"
#include "cli/Commands.h"
#include "cli/StatusLine.h"

#include "models/CaseReader.h"
#include "models/export/CaseExport.h"

#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonObject>

#include <cstdio>

#include <unistd.h>

namespace pdnsw::cli {

int runExport(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Export the case's evidence. Formats: %1. Text formats go to stdout when -o is absent; with "
                       "-o the file is written atomically with FILE.manifest.json beside it (case id, export time, "
                       "tool version, SHA-256 of the export and of every input).")
            .arg(exportFormatNames().join(QStringLiteral(", "))));
    addCommonOptions(parser);
    parser.addOption(QCommandLineOption(QStringList{QStringLiteral("f"), QStringLiteral("format")},
        QStringLiteral("stix, misp, csv, json, cof, graphml, gexf, dot, html or pdf "
                       "(default json)."),
        QStringLiteral("FORMAT"), QStringLiteral("json")));
    parser.addOption(QCommandLineOption(QStringLiteral("names"),
        QStringLiteral("Only these names (comma-separated), with their CNAME chains; an address or a CIDR selects "
                       "the records that pointed at it."),
        QStringLiteral("N,...")));
    parser.addOption(QCommandLineOption(QStringLiteral("since"),
        QStringLiteral("Only observations seen at or after TIME (ISO 8601 or epoch)."), QStringLiteral("TIME")));
    parser.addOption(QCommandLineOption(
        QStringLiteral("until"), QStringLiteral("Only observations seen at or before TIME."), QStringLiteral("TIME")));
    parser.addOption(QCommandLineOption(QStringLiteral("source"),
        QStringLiteral("Only this source id (repeatable; see 'pdnsw-cli sources')."), QStringLiteral("ID")));
    parser.addOption(QCommandLineOption(QStringList{QStringLiteral("o"), QStringLiteral("output")},
        QStringLiteral("Write to FILE (required for pdf)."), QStringLiteral("FILE")));
    parser.addOption(QCommandLineOption(QStringLiteral("quiet"), QStringLiteral("No progress on standard error.")));
    parser.addOption(QCommandLineOption(QStringLiteral("export-time"),
        QStringLiteral("Date the export TIME instead of now (ISO 8601 or epoch). The same case and options then give "
                       "the same bytes and SHA-256, so a re-run can be checked against an earlier export (PDF keeps "
                       "its own creation date)."),
        QStringLiteral("TIME")));
    if (auto exit = processArgs(parser, args))
        return *exit;
    if (!parser.positionalArguments().isEmpty()) {
        err() << args.value(0) << ": unexpected argument '" << terminalSafe(parser.positionalArguments().first())
              << "'; names go in --names N1,N2.\n";
        return ExitUsage;
    }

    CaseExportRequest request;
    request.casePath = casePath(parser);
    const auto format = exportFormatFromName(parser.value(QStringLiteral("format")));
    if (!format) {
        err() << args.value(0) << ": unknown format '" << terminalSafe(parser.value(QStringLiteral("format")))
              << "'; use one of " << exportFormatNames().join(QStringLiteral(", ")) << ".\n";
        return ExitUsage;
    }
    request.format = *format;
    request.outputPath = parser.value(QStringLiteral("output"));
    if (request.outputPath.isEmpty() && exportFormatIsBinary(request.format)) {
        err() << args.value(0) << ": the " << exportFormatName(request.format)
              << " format is binary; give the output file with -o FILE.\n";
        return ExitUsage;
    }
    for (const QString& n : parser.value(QStringLiteral("names")).split(u',', Qt::SkipEmptyParts)) {
        const QString name = exportSelectionKey(n);
        if (!name.isEmpty() && !request.filter.names.contains(name))
            request.filter.names.append(name);
    }
    if (parser.isSet(QStringLiteral("export-time"))) {
        request.exportTime
            = parseTimeArgument(QStringLiteral("--export-time"), parser.value(QStringLiteral("export-time")));
        if (!request.exportTime)
            return ExitUsage;
    }
    for (const char* option : {"since", "until"}) {
        const QString key = QString::fromLatin1(option);
        if (!parser.isSet(key))
            continue;
        const auto t = parseTimeArgument(QStringLiteral("--") + key, parser.value(key));
        if (!t)
            return ExitUsage;
        (key == QLatin1String("since") ? request.filter.since : request.filter.until) = *t;
    }
    if (request.filter.since && request.filter.until && *request.filter.since > *request.filter.until) {
        err() << args.value(0) << ": --since is later than --until.\n";
        return ExitUsage;
    }
    for (const QString& id : parser.values(QStringLiteral("source"))) {
        bool ok = false;
        const qint64 value = id.toLongLong(&ok);
        if (!ok || value <= 0) {
            err() << args.value(0) << ": --source '" << terminalSafe(id)
                  << "' is not a source id; 'pdnsw-cli sources' lists them.\n";
            return ExitUsage;
        }
        request.filter.sourceIds.append(value);
    }

    QFile standardOutput;
    if (request.outputPath.isEmpty()) {
        out().flush();
        if (!standardOutput.open(stdout, QIODevice::WriteOnly)) {
            err() << args.value(0) << ": cannot write to standard output.\n";
            return ExitFailure;
        }
        request.device = &standardOutput;
    }
    // A whole big case takes tens of seconds: with -o, a terminal sees the records written so far on one line.
    const bool showProgress
        = !request.outputPath.isEmpty() && !parser.isSet(QStringLiteral("quiet")) && isatty(STDERR_FILENO);
    QElapsedTimer sinceUpdate;
    sinceUpdate.start();
    StatusLine line;
    ExportProgress progress;
    if (showProgress) {
        progress = [&](qint64 records) {
            if (sinceUpdate.elapsed() >= 200) {
                sinceUpdate.restart();
                line.show(QStringLiteral("  %1  %2 records written")
                              .arg(terminalSafe(QFileInfo(request.outputPath).fileName()))
                              .arg(records));
            }
            return true;
        };
    }
    const CaseExportResult result = exportCase(request, progress);
    line.clear();
    if (standardOutput.isOpen())
        standardOutput.flush();
    for (const QString& w : result.warnings)
        err() << "pdnsw-cli: " << terminalSafe(w) << '\n';
    if (!result.ok) {
        err() << "pdnsw-cli: " << terminalSafe(result.error) << '\n';
        return ExitFailure;
    }
    if (!request.outputPath.isEmpty()) {
        if (jsonOutput(parser)) {
            printJson(QJsonObject{{QStringLiteral("file"), request.outputPath},
                {QStringLiteral("format"), exportFormatName(request.format)},
                {QStringLiteral("records"), result.records}, {QStringLiteral("sha256"), result.sha256},
                {QStringLiteral("manifest"), result.manifestPath}});
        } else {
            out() << "Wrote " << result.records << " records as " << exportFormatName(request.format) << " to "
                  << terminalSafe(request.outputPath) << "\nSHA-256 " << result.sha256 << "\nManifest "
                  << terminalSafe(result.manifestPath) << '\n';
            out().flush();
        }
    }
    return ExitOk;
}

} // namespace pdnsw::cli
