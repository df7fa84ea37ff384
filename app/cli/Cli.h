#pragma once

#include <QString>
#include <QStringList>

#include <span>

namespace pdnsw::cli {

// One subcommand: `pdnsw-cli NAME [options]`. args[0] is "pdnsw-cli NAME", then the command's own arguments,
// so QCommandLineParser can process it directly.
struct Command
{
    const char* name;
    const char* summary;
    int (*run)(const QStringList& args);
};

// The table of every subcommand (CommandTable.cpp).
std::span<const Command> commands();

// Dispatches argv to a command; prints the overview for --help / no command. Returns the exit status.
int run(const QStringList& argv);

// Exit statuses shared by the commands.
enum ExitCode
{
    ExitOk = 0,
    ExitFailure = 1, // the command ran and failed (bad case file, import error, provider failure)
    ExitUsage = 2, // bad arguments
    ExitPartial = 3, // finished, but some input was rejected (bad lines, some providers failed)
};

} // namespace pdnsw::cli
