#include "cli/Cli.h"
#include "cli/CliSupport.h"
#include "cli/Commands.h"

#include "models/CaseReader.h"
#include "models/DomainName.h"
#include "models/UtcTime.h"

#include <QJsonArray>
#include <QJsonObject>

namespace pdnsw::cli {

int runNames(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("List the names in the case with how many records and sources "
                                                    "saw them, first and last seen, and whether a negative answer "
                                                    "(NXDOMAIN...) was seen."));
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
    const auto names = reader->names(filter);
    if (jsonOutput(parser)) {
        QJsonArray array;
        for (const auto& n : names) {
            QJsonObject obj{{QStringLiteral("name"), n.name},
                {QStringLiteral("kind"), n.isAddress ? QStringLiteral("address") : QStringLiteral("name")},
                {QStringLiteral("records"), static_cast<double>(n.observations)},
                {QStringLiteral("sources"), static_cast<double>(n.sources)},
                {QStringLiteral("first_seen"),
                    n.firstSeen ? QJsonValue(formatUtcTime(*n.firstSeen)) : QJsonValue(QJsonValue::Null)},
                {QStringLiteral("last_seen"),
                    n.lastSeen ? QJsonValue(formatUtcTime(*n.lastSeen)) : QJsonValue(QJsonValue::Null)},
                {QStringLiteral("count"),
                    n.count ? QJsonValue(static_cast<double>(*n.count)) : QJsonValue(QJsonValue::Null)},
                {QStringLiteral("negative"), n.hasNegative}};
            const QString unicode = domainNameForDisplay(n.name);
            if (unicode != n.name)
                obj.insert(QStringLiteral("unicode"), unicode);
            array.append(obj);
        }
        printJson(array);
        return ExitOk;
    }
    QList<QStringList> rows;
    for (const auto& n : names) {
        QString shown = n.name;
        const QString unicode = domainNameForDisplay(n.name);
        if (unicode != n.name)
            shown += QStringLiteral(" (%1)").arg(unicode);
        rows.append({shown, n.isAddress ? QStringLiteral("address") : QStringLiteral("name"),
            QString::number(n.observations), QString::number(n.sources), formatUtcTime(n.firstSeen),
            formatUtcTime(n.lastSeen), formatCount(n.count), n.hasNegative ? QStringLiteral("yes") : QString()});
    }
    printTable({QStringLiteral("NAME"), QStringLiteral("KIND"), QStringLiteral("RECORDS"), QStringLiteral("SOURCES"),
                   QStringLiteral("FIRST SEEN"), QStringLiteral("LAST SEEN"), QStringLiteral("COUNT"),
                   QStringLiteral("NEGATIVE")},
        rows);
    return ExitOk;
}

} // namespace pdnsw::cli
