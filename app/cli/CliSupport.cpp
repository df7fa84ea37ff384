#include "cli/CliSupport.h"

#include "cli/Cli.h"
#include "models/CaseFile.h"
#include "models/CaseReader.h"
#include "models/UtcTime.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonArray>

#include <cstdio>

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
        out() << parser.helpText();
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
    auto file = CaseFile::open(path, createIfMissing ? CaseFile::Mode::CreateIfMissing : CaseFile::Mode::OpenExisting,
                               &error);
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
    QString result;
    result.reserve(text.size());
    for (QChar c : text) {
        const char16_t u = c.unicode();
        const bool control = u < 0x20 || u == 0x7f || (u >= 0x80 && u < 0xa0);
        const bool invisible = (u >= 0x200b && u <= 0x200f) || (u >= 0x202a && u <= 0x202e)
            || (u >= 0x2066 && u <= 0x2069) || u == 0xfeff;
        if (control)
            result += QStringLiteral("\\x%1").arg(u, 2, 16, QLatin1Char('0'));
        else if (invisible)
            result += QStringLiteral("\\u%1").arg(u, 4, 16, QLatin1Char('0'));
        else
            result += c;
    }
    return result;
}

void printTable(const QStringList& headers, const QList<QStringList>& rows)
{
    QList<qsizetype> widths;
    for (const QString& h : headers)
        widths.append(h.size());
    QList<QStringList> safeRows;
    safeRows.reserve(rows.size());
    for (const QStringList& row : rows) {
        QStringList safe;
        for (qsizetype i = 0; i < row.size(); ++i) {
            safe.append(terminalSafe(row.at(i)));
            if (i < widths.size())
                widths[i] = std::max(widths[i], safe.last().size());
        }
        safeRows.append(safe);
    }
    auto printRow = [&](const QStringList& cells) {
        QString line;
        for (qsizetype i = 0; i < cells.size(); ++i) {
            if (i + 1 == cells.size())
                line += cells.at(i);
            else
                line += cells.at(i).leftJustified(widths.value(i)) + QStringLiteral("  ");
        }
        while (line.endsWith(u' '))
            line.chop(1);
        out() << line << '\n';
    };
    printRow(headers);
    for (const QStringList& row : safeRows)
        printRow(row);
    out().flush();
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
