#pragma once

#include "models/CaseError.h"

#include <QCommandLineParser>
#include <QJsonValue>
#include <QStringList>
#include <QTextStream>

#include <memory>
#include <optional>

namespace pdnsw {
class CaseFile;
class CaseReader;
} // namespace pdnsw

namespace pdnsw::cli {

QTextStream& out();
QTextStream& err();

// Adds --case FILE and --json; processes args; prints --help. Returns nullopt to exit with the given code.
struct ParsedArgs
{
    QString casePath;
    bool json = false;
};
void addCommonOptions(QCommandLineParser& parser, bool withJson = true);
// Returns the exit code to use when the command must stop now (help printed, bad usage), else nullopt.
std::optional<int> processArgs(QCommandLineParser& parser, const QStringList& args, bool caseRequired = true);
QString casePath(const QCommandLineParser& parser);
bool jsonOutput(const QCommandLineParser& parser);

// Opens the case for writing (creating it when missing) or for reading; prints the error and returns null.
std::unique_ptr<CaseFile> openCaseForWriting(const QString& path, bool createIfMissing = true);
std::unique_ptr<CaseReader> openCaseForReading(const QString& path);

// "2018-01-01T00:00:00Z", "2018-01-01", epoch seconds. Prints a clear error for the option and returns nullopt.
std::optional<qint64> parseTimeArgument(const QString& optionName, const QString& text);

// Aligned plain-text table; untrusted cells are escaped (control and bidi characters shown as \xNN / \uNNNN).
// Listings that can grow with the case use TablePrinter and JsonArrayPrinter (StreamingOutput.h) instead.
void printTable(const QStringList& headers, const QList<QStringList>& rows);
// Makes attacker-controlled text safe for a terminal: control, bidi and other invisible characters escaped.
QString terminalSafe(const QString& text);
// One indented JSON document on stdout, followed by a newline.
void printJson(const QJsonValue& value);

} // namespace pdnsw::cli

namespace pdnsw {
struct SourcedObservation;
struct SourceInfo;
} // namespace pdnsw

namespace pdnsw::cli {
// Shared renderings of the case's records for the table and JSON outputs.
QJsonObject observationToJson(const SourcedObservation& row);
QStringList observationToRow(const SourcedObservation& row, bool withOwner);
QStringList observationHeaders(bool withOwner);
QJsonObject sourceToJson(const SourceInfo& source);
QString formatCount(const std::optional<qint64>& count);
} // namespace pdnsw::cli
