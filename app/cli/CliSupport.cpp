#include "cli/CliSupport.h"

#include "cli/Cli.h"
#include "cli/StatusLine.h"
#include "cli/StreamingOutput.h"
#include "models/CaseFile.h"
#include "models/CaseReader.h"
#include "models/UtcTime.h"
#include "models/itemmodels/UntrustedText.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>

#include <unistd.h>

namespace pdnsw::cli {

QTextStream& out()
{
    static QTextStream stream(stdout);
    return stream;
}

QTextStream& err()
{
    static QTextStream stream(stderr);
    return stream;
}

void addCommonOptions(QCommandLineParser& parser, bool withJson)
{
    parser.addHelpOption();
    parser.addOption(QCommandLineOption(QStringList{QStringLiteral("c"), QStringLiteral("case")},
        QStringLiteral("The case file (*.pdnscase)."), QStringLiteral("FILE")));
    if (withJson)
        parser.addOption(QCommandLineOption(QStringLiteral("json"), QStringLiteral("Machine-readable JSON output.")));
}

std::optional<int> processArgs(QCommandLineParser& parser, const QStringList& args, bool caseRequired)
{
    if (!parser.parse(args)) {
        err() << args.value(0) << ": " << parser.errorText() << "\nRun '" << args.value(0) << " --help'.\n";
        return ExitUsage;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        // Qt names the executable's path in the usage line; the command is what the reader needs to type.
        QString help = parser.helpText();
        const QString usage = QStringLiteral("Usage: ") + QCoreApplication::arguments().value(0);
        if (help.startsWith(usage))
            help.replace(0, usage.size(), QStringLiteral("Usage: ") + args.value(0));
        out() << help;
        out().flush();
        return ExitOk;
    }
    if (caseRequired && parser.value(QStringLiteral("case")).isEmpty()) {
        const QByteArray env = qgetenv("PDNSW_CASE");
        if (env.isEmpty()) {
            err() << args.value(0) << ": --case FILE is required (or set PDNSW_CASE).\n";
            return ExitUsage;
        }
    }
    return std::nullopt;
}

QString casePath(const QCommandLineParser& parser)
{
    const QString value = parser.value(QStringLiteral("case"));
    return value.isEmpty() ? QString::fromLocal8Bit(qgetenv("PDNSW_CASE")) : value;
}

bool jsonOutput(const QCommandLineParser& parser)
{
    return parser.optionNames().contains(QStringLiteral("json")) || parser.isSet(QStringLiteral("json"));
}

std::unique_ptr<CaseFile> openCaseForWriting(const QString& path, bool createIfMissing)
{
    CaseError error;
    CaseFile::Options options;
    // A big case can take seconds to check or upgrade before the command starts: say so, on stderr so that
    // --json output stays clean.
    options.onLongStep = [](const QString& step) { err() << "pdnsw-cli: " << step << Qt::endl; };
    // On a terminal, a check that takes more than a second says how far it is, on one line it rewrites.
    QElapsedTimer checking;
    StatusLine line;
    if (isatty(STDERR_FILENO)) {
        options.onCheckProgress = [&checking, &line](qint64 pagesRead, qint64 pageCount) {
            if (!checking.isValid())
                checking.start();
            if (checking.elapsed() >= 1000)
                line.show(QStringLiteral("pdnsw-cli: checking: ") + CaseFile::checkProgressText(pagesRead, pageCount));
            return true;
        };
    }
    auto file = CaseFile::open(
        path, createIfMissing ? CaseFile::Mode::CreateIfMissing : CaseFile::Mode::OpenExisting, options, &error);
    line.clear();
    if (!file)
        err() << "pdnsw-cli: " << error.message << '\n';
    return file;
}

std::unique_ptr<CaseReader> openCaseForReading(const QString& path)
{
    CaseError error;
    auto reader = CaseReader::open(path, &error);
    if (!reader)
        err() << "pdnsw-cli: " << error.message << '\n';
    return reader;
}

std::optional<qint64> parseTimeArgument(const QString& optionName, const QString& text)
{
    auto t = parseUtcTime(text);
    if (!t)
        err() << "pdnsw-cli: " << optionName << " '" << terminalSafe(text)
              << "' is not a time; use ISO 8601 (2018-02-01T12:00:00Z, 2018-02-01) or epoch seconds.\n";
    return t;
}

QString terminalSafe(const QString& text)
{
    // The same escaping as the window's cells, without eliding: a terminal shows every byte of evidence.
    return visibleText(text, std::numeric_limits<qsizetype>::max() / 2);
}

void printTable(const QStringList& headers, const QList<QStringList>& rows)
{
    TablePrinter table(headers);
    for (const QStringList& row : rows)
        table.addRow(row);
}

void printJson(const QJsonValue& value)
{
    QJsonDocument doc;
    if (value.isArray())
        doc = QJsonDocument(value.toArray());
    else
        doc = QJsonDocument(value.toObject());
    out() << QString::fromUtf8(doc.toJson(QJsonDocument::Indented));
    out().flush();
}

} // namespace pdnsw::cli

#include "models/CaseReader.h"
#include "models/DomainName.h"

namespace pdnsw::cli {

namespace {
QJsonValue optionalTime(const std::optional<qint64>& t)
{
    return t ? QJsonValue(formatUtcTime(*t)) : QJsonValue(QJsonValue::Null);
}
QJsonValue optionalNumber(const std::optional<qint64>& n)
{
    return n ? QJsonValue(static_cast<double>(*n)) : QJsonValue(QJsonValue::Null);
}
} // namespace

QString formatCount(const std::optional<qint64>& count)
{
    return count ? QString::number(*count) : QStringLiteral("-");
}

QJsonObject observationToJson(const SourcedObservation& row)
{
    const Observation& o = row.observation;
    QJsonObject obj{
        {QStringLiteral("rrname"), o.rrname},
        {QStringLiteral("rrtype"), o.rrtype},
        {QStringLiteral("rdata"), o.rdata},
        {QStringLiteral("section"), sectionName(o.section)},
        {QStringLiteral("first_seen"), optionalTime(o.firstSeen)},
        {QStringLiteral("last_seen"), optionalTime(o.lastSeen)},
        {QStringLiteral("time_first"), optionalNumber(o.firstSeen)},
        {QStringLiteral("time_last"), optionalNumber(o.lastSeen)},
        {QStringLiteral("count"), optionalNumber(o.count)},
        {QStringLiteral("source_id"), static_cast<double>(row.sourceId)},
        {QStringLiteral("source"), row.sourceLabel},
        {QStringLiteral("source_kind"), row.sourceKind},
        {QStringLiteral("time_granularity"), row.timeGranularity},
    };
    if (o.rcode)
        obj.insert(QStringLiteral("rcode"), *o.rcode);
    if (o.ttlMin)
        obj.insert(QStringLiteral("ttl_min"), static_cast<double>(*o.ttlMin));
    if (o.ttlMax)
        obj.insert(QStringLiteral("ttl_max"), static_cast<double>(*o.ttlMax));
    if (row.chainDepth > 0)
        obj.insert(QStringLiteral("chain_depth"), row.chainDepth);
    const QString unicode = domainNameForDisplay(o.rrname);
    if (unicode != o.rrname)
        obj.insert(QStringLiteral("rrname_unicode"), unicode);
    if (!o.attrs.isEmpty()) {
        const QJsonDocument attrs = QJsonDocument::fromJson(o.attrs.toUtf8());
        if (attrs.isObject())
            obj.insert(QStringLiteral("attrs"), attrs.object());
    }
    return obj;
}

QStringList observationHeaders(bool withOwner)
{
    QStringList h;
    if (withOwner)
        h << QStringLiteral("NAME");
    h << QStringLiteral("TYPE") << QStringLiteral("DATA") << QStringLiteral("SOURCE") << QStringLiteral("FIRST SEEN")
      << QStringLiteral("LAST SEEN") << QStringLiteral("COUNT");
    return h;
}

QStringList observationToRow(const SourcedObservation& row, bool withOwner)
{
    const Observation& o = row.observation;
    QStringList r;
    if (withOwner)
        r << (row.chainDepth > 0 ? QStringLiteral("%1↳ %2").arg(QString(2 * (row.chainDepth - 1), u' '), o.rrname)
                                 : o.rrname);
    QString type = o.rrtype;
    if (o.section == Section::Negative)
        type += QStringLiteral(" (negative)");
    else if (o.section != Section::Answer)
        type += QStringLiteral(" (%1)").arg(sectionName(o.section));
    QString source = row.sourceLabel;
    if (row.timeGranularity == QLatin1String("day"))
        source += QStringLiteral(" [day]");
    r << type << o.rdata << source << formatUtcTime(o.firstSeen) << formatUtcTime(o.lastSeen) << formatCount(o.count);
    return r;
}

QJsonObject sourceToJson(const SourceInfo& s)
{
    QJsonObject obj{
        {QStringLiteral("id"), static_cast<double>(s.id)},
        {QStringLiteral("kind"), s.kind},
        {QStringLiteral("label"), s.label},
        {QStringLiteral("path"), s.path},
        {QStringLiteral("sha256"), s.sha256},
        {QStringLiteral("size"), s.size >= 0 ? QJsonValue(static_cast<double>(s.size)) : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("imported_at"), formatUtcTime(s.importedAt)},
        {QStringLiteral("time_granularity"), s.timeGranularity},
        {QStringLiteral("time_kind"), s.timeKind},
        {QStringLiteral("state"), s.state},
        {QStringLiteral("complete"), s.isComplete()},
        {QStringLiteral("observations"), static_cast<double>(s.observationCount)},
    };
    const QJsonDocument stats = QJsonDocument::fromJson(s.stats.toUtf8());
    if (stats.isObject())
        obj.insert(QStringLiteral("stats"), stats.object());
    const QJsonDocument params = QJsonDocument::fromJson(s.parameters.toUtf8());
    if (params.isObject())
        obj.insert(QStringLiteral("parameters"), params.object());
    return obj;
}

} // namespace pdnsw::cli
