#include "cli/Cli.h"
#include "cli/CliSupport.h"
#include "cli/Commands.h"

#include "models/CaseReader.h"
#include "models/UtcTime.h"
#include "models/export/ExportManifest.h"
#include "models/sandbox/CaseOverride.h"
#include "models/sandbox/ManagedBlock.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QSaveFile>

namespace pdnsw::cli {

namespace {

int revert(const QString& command, const QString& path, bool json)
{
    const ManagedBlock::FileResult result = ManagedBlock::revertFile(path);
    if (!result.ok) {
        err() << "pdnsw-cli: " << terminalSafe(result.error) << '\n';
        return ExitFailure;
    }
    if (json) {
        printJson(QJsonObject{{QStringLiteral("file"), path}, {QStringLiteral("block_found"), result.blockFound},
            {QStringLiteral("changed"), result.changed}, {QStringLiteral("backup"), result.backupPath}});
    } else if (!result.blockFound) {
        out() << terminalSafe(path) << " has no pdns-workbench block; nothing to revert.\n";
    } else {
        out() << "Removed the pdns-workbench block from " << terminalSafe(path) << " (backup "
              << terminalSafe(result.backupPath) << ").\n";
    }
    Q_UNUSED(command);
    out().flush();
    return ExitOk;
}

bool writeOutput(const QString& path, const CaseOverrideResult& built, const QString& casePath, qint64 now,
    const QList<SourceInfo>& sources)
{
    QSaveFile file(path);
    const QByteArray data = built.pack.text.toUtf8();
    if (!file.open(QIODevice::WriteOnly) || file.write(data) != data.size() || !file.commit()) {
        err() << "pdnsw-cli: cannot write " << terminalSafe(path) << ": " << file.errorString() << '\n';
        return false;
    }
    ExportManifest manifest;
    manifest.caseFile = casePath;
    manifest.exportTime = now;
    manifest.format = QStringLiteral("sandbox-") + overrideFormatName(built.pack.format);
    manifest.records = built.pack.pairs.size();
    manifest.sources = sources;
    manifest.extra.insert(QStringLiteral("body_sha256"), built.pack.bodySha256);
    QString error;
    if (writeExportManifest(path, manifest, &error).isEmpty()) {
        err() << "pdnsw-cli: " << terminalSafe(error) << '\n';
        return false;
    }
    return true;
}

} // namespace

int runHosts(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Pin NAMEs to the addresses they had at a moment, for a sandbox revisiting a cleaned site: a "
                       "hosts file (Linux/macOS or Windows), dnsmasq, unbound or INetSim lines. CNAME chains are "
                       "followed; without --at each name gets its latest address (the last before it went "
                       "NXDOMAIN). Every name and address is validated; anything unsafe is refused with the reason."));
    addCommonOptions(parser);
    parser.addPositionalArgument(QStringLiteral("NAME"), QStringLiteral("Names to pin."), QStringLiteral("NAME..."));
    parser.addOption(QCommandLineOption(QStringLiteral("at"),
        QStringLiteral("Resolve as of TIME (ISO 8601 or epoch seconds)."), QStringLiteral("TIME")));
    parser.addOption(QCommandLineOption(QStringList{QStringLiteral("f"), QStringLiteral("format")},
        QStringLiteral("hosts, windows, dnsmasq, unbound or inetsim (default hosts)."), QStringLiteral("FORMAT"),
        QStringLiteral("hosts")));
    parser.addOption(QCommandLineOption(QStringLiteral("subdomains"),
        QStringLiteral("Also answer every subdomain (dnsmasq address=, unbound "
                       "redirect zone).")));
    parser.addOption(QCommandLineOption(QStringLiteral("source"),
        QStringLiteral("Only answers from this source id (repeatable)."), QStringLiteral("ID")));
    parser.addOption(QCommandLineOption(QStringLiteral("address"),
        QStringLiteral("Pin NAME to IP yourself instead of the case's answer "
                       "(repeatable)."),
        QStringLiteral("NAME=IP")));
    parser.addOption(QCommandLineOption(QStringLiteral("apply"),
        QStringLiteral("Write the override into FILE's managed block (# BEGIN/END "
                       "pdns-workbench), keeping every other line; FILE.pdnsw-backup "
                       "keeps the previous content."),
        QStringLiteral("FILE")));
    parser.addOption(QCommandLineOption(
        QStringLiteral("revert"), QStringLiteral("Remove the managed block from FILE."), QStringLiteral("FILE")));
    parser.addOption(QCommandLineOption(QStringList{QStringLiteral("o"), QStringLiteral("output")},
        QStringLiteral("Write the override to FILE (with FILE.manifest.json)."), QStringLiteral("FILE")));
    if (auto exit = processArgs(parser, args, false))
        return *exit;
    const bool json = jsonOutput(parser);
    if (parser.isSet(QStringLiteral("revert"))) {
        if (parser.isSet(QStringLiteral("apply")) || !parser.positionalArguments().isEmpty()) {
            err() << args.value(0) << ": --revert FILE takes no names and no --apply.\n";
            return ExitUsage;
        }
        return revert(args.value(0), parser.value(QStringLiteral("revert")), json);
    }
    if (casePath(parser).isEmpty()) {
        err() << args.value(0) << ": --case FILE is required (or set PDNSW_CASE).\n";
        return ExitUsage;
    }

    CaseOverrideRequest request;
    request.names = parser.positionalArguments();
    const auto format = overrideFormatFromName(parser.value(QStringLiteral("format")));
    if (!format) {
        err() << args.value(0) << ": unknown format '" << terminalSafe(parser.value(QStringLiteral("format")))
              << "'; use one of " << overrideFormatNames().join(QStringLiteral(", ")) << ".\n";
        return ExitUsage;
    }
    request.format = *format;
    request.subdomains = parser.isSet(QStringLiteral("subdomains"));
    if (parser.isSet(QStringLiteral("at"))) {
        request.at = parseTimeArgument(QStringLiteral("--at"), parser.value(QStringLiteral("at")));
        if (!request.at)
            return ExitUsage;
    }
    for (const QString& id : parser.values(QStringLiteral("source"))) {
        bool ok = false;
        const qint64 value = id.toLongLong(&ok);
        if (!ok || value <= 0) {
            err() << args.value(0) << ": --source '" << terminalSafe(id) << "' is not a source id.\n";
            return ExitUsage;
        }
        request.sourceIds.append(value);
    }
    for (const QString& pin : parser.values(QStringLiteral("address"))) {
        const qsizetype eq = pin.indexOf(u'=');
        if (eq <= 0 || eq + 1 >= pin.size()) {
            err() << args.value(0) << ": --address '" << terminalSafe(pin) << "' is not NAME=IP.\n";
            return ExitUsage;
        }
        request.explicitAddresses[pin.left(eq)].append(pin.mid(eq + 1));
    }
    if (request.names.isEmpty() && request.explicitAddresses.isEmpty()) {
        err() << args.value(0) << ": give at least one NAME (or --address NAME=IP).\n";
        return ExitUsage;
    }
    if (parser.isSet(QStringLiteral("apply")) && parser.isSet(QStringLiteral("output"))) {
        err() << args.value(0) << ": use either --apply FILE or -o FILE.\n";
        return ExitUsage;
    }

    auto reader = openCaseForReading(casePath(parser));
    if (!reader)
        return ExitFailure;
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    request.generatedAt = now;
    const CaseOverrideResult built = buildCaseOverride(*reader, request);

    for (const OverrideRejection& r : built.pack.rejected) {
        err() << "pdnsw-cli: refused " << terminalSafe(r.name)
              << (r.address.isEmpty() ? QString() : QStringLiteral(" -> ") + terminalSafe(r.address)) << ": "
              << terminalSafe(r.reason) << '\n';
    }
    for (const QString& u : built.unresolved)
        err() << "pdnsw-cli: " << terminalSafe(u) << '\n';
    for (const QString& w : built.pack.warnings)
        err() << "pdnsw-cli: " << terminalSafe(w) << '\n';
    for (const NameResolution& r : built.resolutions) {
        for (const QString& note : r.notes)
            err() << "pdnsw-cli: note: " << terminalSafe(note) << '\n';
    }
    if (!built.pack.ok()) {
        err() << "pdnsw-cli: " << terminalSafe(built.pack.error) << '\n';
        return ExitFailure;
    }
    const bool partial = !built.pack.rejected.isEmpty() || !built.unresolved.isEmpty();
    if (built.pack.pairs.isEmpty()) {
        err() << "pdnsw-cli: nothing to pin; no file was written.\n";
        return ExitFailure;
    }

    const QString applyPath = parser.value(QStringLiteral("apply"));
    const QString outputPath = parser.value(QStringLiteral("output"));
    QJsonObject summary;
    if (!applyPath.isEmpty()) {
        const ManagedBlock::FileResult result
            = ManagedBlock::applyToFile(applyPath, built.pack.text, overrideLineEnding(request.format).toLatin1());
        if (!result.ok) {
            err() << "pdnsw-cli: " << terminalSafe(result.error) << '\n';
            return ExitFailure;
        }
        summary.insert(QStringLiteral("applied_to"), applyPath);
        summary.insert(QStringLiteral("backup"), result.backupPath);
        summary.insert(QStringLiteral("changed"), result.changed);
        if (!json)
            out() << "Applied " << built.pack.pairs.size() << " pins to " << terminalSafe(applyPath)
                  << (result.changed ? QStringLiteral(" (backup ") + terminalSafe(result.backupPath) + u')'
                                     : QStringLiteral(" (already up to date)"))
                  << ".\n";
    } else if (!outputPath.isEmpty()) {
        if (!writeOutput(outputPath, built, casePath(parser), now, reader->sources()))
            return ExitFailure;
        summary.insert(QStringLiteral("file"), outputPath);
        summary.insert(QStringLiteral("manifest"), manifestPathFor(outputPath));
        if (!json)
            out() << "Wrote " << built.pack.pairs.size() << " pins to " << terminalSafe(outputPath) << ".\n";
    } else if (!json) {
        out() << built.pack.text;
    }
    if (json) {
        QJsonArray pins;
        for (const AddressName& p : built.pack.pairs)
            pins.append(QJsonObject{{QStringLiteral("name"), p.second}, {QStringLiteral("address"), p.first}});
        QJsonArray rejected;
        for (const OverrideRejection& r : built.pack.rejected)
            rejected.append(QJsonObject{{QStringLiteral("name"), r.name}, {QStringLiteral("address"), r.address},
                {QStringLiteral("reason"), r.reason}});
        summary.insert(QStringLiteral("format"), overrideFormatName(request.format));
        summary.insert(QStringLiteral("pins"), pins);
        summary.insert(QStringLiteral("rejected"), rejected);
        summary.insert(QStringLiteral("unresolved"), QJsonArray::fromStringList(built.unresolved));
        summary.insert(QStringLiteral("body_sha256"), built.pack.bodySha256);
        if (applyPath.isEmpty() && outputPath.isEmpty())
            summary.insert(QStringLiteral("text"), built.pack.text);
        printJson(summary);
    }
    out().flush();
    return partial ? ExitPartial : ExitOk;
}

} // namespace pdnsw::cli
