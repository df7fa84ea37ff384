#include "cli/Cli.h"
#include "cli/CliSupport.h"
#include "cli/Commands.h"
#include "cli/StatusLine.h"

#include "capture/FileImporter.h"
#include "models/CaseFile.h"
#include "models/ObservationWriter.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>

#include <csignal>
#include <unistd.h>

namespace pdnsw::cli {

namespace {

std::atomic<bool> g_cancel{false};

extern "C" void onInterrupt(int)
{
    g_cancel = true; // the import stops at the next batch and keeps what was committed
}

QString statusName(FileImportResult::Status s)
{
    switch (s) {
    case FileImportResult::Status::Imported:
        return QStringLiteral("imported");
    case FileImportResult::Status::Duplicate:
        return QStringLiteral("duplicate");
    case FileImportResult::Status::Cancelled:
        return QStringLiteral("cancelled");
    case FileImportResult::Status::Failed:
        return QStringLiteral("failed");
    }
    return {};
}

} // namespace

int runImport(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Import captures (pcap, pcapng) and DNS logs (Zeek dns.log TSV or JSON, passivedns text or "
                       "JSON, passive DNS COF NDJSON) into the case, also gzip- or zstd-compressed (Zeek's archived "
                       "logs, .pcap.gz, .pcap.zst). "
                       "The "
                       "format is detected from the content. A file "
                       "already in the case (same SHA-256) is skipped. Bad lines are reported with their line number "
                       "and skipped; a log none of whose lines could be read stays an incomplete source and can be "
                       "imported again with other settings. Ctrl+C stops and keeps what was committed."));
    addCommonOptions(parser);
    parser.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("Files to import."), QStringLiteral("FILE..."));
    parser.addOption(QCommandLineOption(QStringLiteral("format"),
        QStringLiteral("Read every FILE as FORMAT: %1.").arg(inputFormatNames().join(QStringLiteral(", "))),
        QStringLiteral("FORMAT")));
    parser.addOption(QCommandLineOption(QStringLiteral("ports"),
        QStringLiteral("Captures: DNS ports to decode (default 53)."), QStringLiteral("P1,P2")));
    parser.addOption(
        QCommandLineOption(QStringLiteral("mdns"), QStringLiteral("Captures: also mDNS (5353), labelled.")));
    parser.addOption(
        QCommandLineOption(QStringLiteral("llmnr"), QStringLiteral("Captures: also LLMNR (5355), labelled.")));
    parser.addOption(QCommandLineOption(QStringLiteral("passivedns-fields"),
        QStringLiteral("passivedns text logs: the sensor's -f letters (default SMcsCQTAtn). A file whose format is "
                       "not detected is then read as such a log."),
        QStringLiteral("LETTERS")));
    parser.addOption(QCommandLineOption(QStringLiteral("passivedns-delimiter"),
        QStringLiteral("passivedns text logs: the sensor's -d delimiter (default ||)."), QStringLiteral("TEXT")));
    parser.addOption(QCommandLineOption(QStringLiteral("passivedns-utc-offset"),
        QStringLiteral("passivedns logs dated in the sensor's local time (the H field of text logs, the "
                       "\"timestamp\" key of JSON logs): the sensor's UTC offset, like +01:00."),
        QStringLiteral("OFFSET")));
    parser.addOption(QCommandLineOption(QStringLiteral("quiet"), QStringLiteral("No progress on standard error.")));
    if (auto exit = processArgs(parser, args))
        return *exit;
    const QStringList files = parser.positionalArguments();
    if (files.isEmpty()) {
        err() << args.value(0) << ": give at least one FILE to import.\n";
        return ExitUsage;
    }
    FileImporter::Options options;
    if (parser.isSet(QStringLiteral("format"))) {
        options.format = inputFormatFromName(parser.value(QStringLiteral("format")));
        if (!options.format) {
            err() << args.value(0) << ": unknown format '" << terminalSafe(parser.value(QStringLiteral("format")))
                  << "'; use one of " << inputFormatNames().join(QStringLiteral(", ")) << ".\n";
            return ExitUsage;
        }
    }
    if (parser.isSet(QStringLiteral("ports"))) {
        QString error;
        auto ports = CaptureOptions::parsePorts(parser.value(QStringLiteral("ports")), &error);
        if (!ports) {
            err() << args.value(0) << ": --ports: " << error << '\n';
            return ExitUsage;
        }
        options.capture.dnsPorts = *ports;
    }
    const QString fieldsOption = QStringLiteral("passivedns-fields");
    const QString delimiterOption = QStringLiteral("passivedns-delimiter");
    const QString offsetOption = QStringLiteral("passivedns-utc-offset");
    if (parser.isSet(fieldsOption) || parser.isSet(delimiterOption) || parser.isSet(offsetOption)) {
        // What is not given keeps passivedns's own default.
        const QString fields = parser.isSet(fieldsOption) ? parser.value(fieldsOption)
                                                          : QString::fromLatin1(PassiveDnsLayout::kDefaultLetters);
        const QString delimiter = parser.isSet(delimiterOption)
            ? parser.value(delimiterOption)
            : QString::fromLatin1(PassiveDnsLayout::kDefaultDelimiter);
        QString error;
        options.passiveDnsLayout = PassiveDnsLayout::parse(fields, delimiter, parser.value(offsetOption), &error);
        if (!options.passiveDnsLayout) {
            err() << args.value(0) << ": " << terminalSafe(error) << ".\n";
            return ExitUsage;
        }
    }
    options.capture.mdns = parser.isSet(QStringLiteral("mdns"));
    options.capture.llmnr = parser.isSet(QStringLiteral("llmnr"));

    auto file = openCaseForWriting(casePath(parser));
    if (!file)
        return ExitFailure;

    std::signal(SIGINT, onInterrupt);
    std::signal(SIGTERM, onInterrupt);
    const bool showProgress = !parser.isSet(QStringLiteral("quiet")) && isatty(STDERR_FILENO);
    ObservationWriter writer(*file);
    writer.setPipelined(true); // nothing else uses this connection while importing
    FileImporter importer(options);
    importer.setCancelFlag(&g_cancel);
    QElapsedTimer sinceUpdate;
    sinceUpdate.start();
    QString current; // the file being imported, as shown in the progress line
    StatusLine line;
    if (showProgress) {
        importer.setProgressCallback([&](const FileImportProgress& p) {
            if (sinceUpdate.elapsed() < 200)
                return;
            sinceUpdate.restart();
            const int percent = p.totalBytes > 0 ? int(100 * p.bytesRead / p.totalBytes) : 0;
            line.show(QStringLiteral("  %1  %2%  %3 %4, %5 records, %6 errors")
                          .arg(current)
                          .arg(percent)
                          .arg(p.items)
                          .arg(p.packets ? QStringLiteral("packets") : QStringLiteral("lines"))
                          .arg(p.records)
                          .arg(p.errors));
        });
    }

    QJsonArray results;
    int exitCode = ExitOk;
    for (const QString& path : files) {
        if (g_cancel)
            break;
        current = terminalSafe(QFileInfo(path).fileName());
        const FileImportResult r = importer.importIntoCase(path, writer);
        line.clear();
        QJsonArray errors;
        for (const QString& e : r.errors)
            errors.append(e);
        results.append(QJsonObject{
            {QStringLiteral("file"), path},
            {QStringLiteral("status"), statusName(r.status)},
            {QStringLiteral("format"), r.format ? inputFormatName(*r.format) : QString()},
            {QStringLiteral("source_id"), static_cast<double>(r.sourceId)},
            {QStringLiteral("sha256"), r.sha256},
            {QStringLiteral("size"), static_cast<double>(r.size)},
            {QStringLiteral("read"), static_cast<double>(r.items)},
            {QStringLiteral("records"), static_cast<double>(r.observations)},
            {QStringLiteral("inserted"), static_cast<double>(r.inserted)},
            {QStringLiteral("merged"), static_cast<double>(r.merged)},
            {QStringLiteral("rejected"), static_cast<double>(r.rejected)},
            {QStringLiteral("errors"), errors},
            {QStringLiteral("message"), r.message},
        });
        if (!jsonOutput(parser)) {
            for (const QString& e : r.errors)
                err() << "  " << terminalSafe(e) << '\n';
            if (r.errorCount > r.errors.size())
                err() << "  ... " << (r.errorCount - r.errors.size())
                      << " more; the case keeps the first ones (pdnsw-cli "
                      << "sources --errors " << r.sourceId << ")\n";
            err().flush();
            (r.succeeded() || r.status == FileImportResult::Status::Duplicate ? out() : err())
                << statusName(r.status) << ": " << terminalSafe(r.message) << '\n';
            out().flush();
            err().flush();
        }
        if (r.status == FileImportResult::Status::Failed || r.status == FileImportResult::Status::Cancelled)
            exitCode = ExitFailure;
        else if (r.rejected > 0 && exitCode == ExitOk)
            exitCode = ExitPartial;
    }
    if (jsonOutput(parser))
        printJson(results);
    return exitCode;
}

} // namespace pdnsw::cli
