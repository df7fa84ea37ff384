#include "cli/Cli.h"
#include "cli/CliSupport.h"
#include "cli/Commands.h"
#include "cli/StatusLine.h"
#include "cli/StreamingOutput.h"

#include "models/CaseFile.h"
#include "models/CaseReader.h"
#include "models/DomainName.h"
#include "models/UtcTime.h"
#include "models/itemmodels/UntrustedText.h"

#include <QFileInfo>
#include <QJsonObject>

#include <unistd.h>

namespace pdnsw::cli {

int runNames(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("List the names in the case with how many records and sources "
                                                    "saw them, first and last seen, and the negative answers seen: "
                                                    "NXDOMAIN (the name stopped existing) or other (NODATA, SERVFAIL, "
                                                    "REFUSED). The list streams as it is read: a table of more "
                                                    "than 10000 rows is aligned block by block; use --json for "
                                                    "scripts."));
    addCommonOptions(parser);
    parser.addOption(QCommandLineOption(QStringList{QStringLiteral("f"), QStringLiteral("filter")},
        QStringLiteral("Only names containing TEXT."), QStringLiteral("TEXT")));
    parser.addOption(QCommandLineOption(
        QStringLiteral("suffix"), QStringLiteral("Only DOMAIN and names below it."), QStringLiteral("DOMAIN")));
    parser.addOption(QCommandLineOption(
        QStringLiteral("addresses"), QStringLiteral("Also list the addresses (A/AAAA data) in the case.")));
    parser.addOption(QCommandLineOption(
        QStringLiteral("limit"), QStringLiteral("At most N entries of each kind."), QStringLiteral("N")));
    if (auto exit = processArgs(parser, args))
        return *exit;
    auto reader = openCaseForReading(casePath(parser));
    if (!reader)
        return ExitFailure;
    NameFilter filter;
    filter.substring = parser.value(QStringLiteral("filter"));
    filter.suffix = parser.value(QStringLiteral("suffix"));
    filter.includeAddresses = parser.isSet(QStringLiteral("addresses"));
    filter.limit = parser.value(QStringLiteral("limit")).toInt();
    // Streamed as SQLite hands the entries over: a case of millions of names lists in the memory of one block.
    const bool json = jsonOutput(parser);
    std::optional<JsonArrayPrinter> array;
    std::optional<TablePrinter> table;
    if (json)
        array.emplace();
    else
        table.emplace(QStringList{QStringLiteral("NAME"), QStringLiteral("KIND"), QStringLiteral("RECORDS"),
            QStringLiteral("SOURCES"), QStringLiteral("FIRST SEEN"), QStringLiteral("LAST SEEN"),
            QStringLiteral("COUNT"), QStringLiteral("NEGATIVE")});
    // A whole list of a big case comes only after SQLite has read and sorted every record (seconds, minutes from a
    // cold disk): a terminal is told why nothing shows yet, on a line blanked when the first entry comes.
    StatusLine waiting;
    const qint64 caseBytes = QFileInfo(casePath(parser)).size();
    if (isatty(STDERR_FILENO) && (filter.limit <= 0 || filter.limit > CaseReader::kNameWalkLimit)
        && caseBytes >= CaseFile::kSlowToReadBytes) {
        // Short enough for one line of a terminal, which is all '\r' can blank.
        waiting.show(QStringLiteral("pdnsw-cli: reading all records of this %1 case first (--limit N: instant)")
                         .arg(byteSizeText(caseBytes)));
    }
    CaseError error;
    const bool read = reader->forEachName(
        filter,
        [&](const NameEntry& n) {
            waiting.clear();
            const QString unicode = domainNameForDisplay(n.name);
            const QString kind = n.isAddress ? QStringLiteral("address") : QStringLiteral("name");
            if (json) {
                QJsonObject obj{{QStringLiteral("name"), n.name}, {QStringLiteral("kind"), kind},
                    {QStringLiteral("records"), static_cast<double>(n.observations)},
                    {QStringLiteral("sources"), static_cast<double>(n.sources)},
                    {QStringLiteral("first_seen"),
                        n.firstSeen ? QJsonValue(formatUtcTime(*n.firstSeen)) : QJsonValue(QJsonValue::Null)},
                    {QStringLiteral("last_seen"),
                        n.lastSeen ? QJsonValue(formatUtcTime(*n.lastSeen)) : QJsonValue(QJsonValue::Null)},
                    {QStringLiteral("count"),
                        n.count ? QJsonValue(static_cast<double>(*n.count)) : QJsonValue(QJsonValue::Null)},
                    {QStringLiteral("negative"), n.hasNegative}, {QStringLiteral("nxdomain"), n.wentNxdomain}};
                if (unicode != n.name)
                    obj.insert(QStringLiteral("unicode"), unicode);
                array->add(obj);
                return true;
            }
            const QString shown = unicode == n.name ? n.name : QStringLiteral("%1 (%2)").arg(n.name, unicode);
            table->addRow({shown, kind, QString::number(n.observations), QString::number(n.sources),
                formatUtcTime(n.firstSeen), formatUtcTime(n.lastSeen), formatCount(n.count),
                n.wentNxdomain      ? QStringLiteral("NXDOMAIN")
                    : n.hasNegative ? QStringLiteral("other")
                                    : QString()});
            return true;
        },
        &error);
    waiting.clear();
    // What was listed stays on stdout, complete as far as it goes; the error says the listing stopped.
    if (array)
        array->finish();
    if (table)
        table->finish();
    if (!read) {
        err() << "pdnsw-cli names: " << error.message << '\n';
        return ExitFailure;
    }
    return ExitOk;
}

} // namespace pdnsw::cli
