#pragma once

#include <QStringList>

// The entry point of each pdnsw-cli subcommand; each lives in its own <Name>Command.cpp. args[0] is
// "pdnsw-cli NAME"; the rest are the command's own arguments. Returns the process exit status.
namespace pdnsw::cli {

int runDemo(const QStringList& args);
int runImport(const QStringList& args);
int runNames(const QStringList& args);
int runTimeline(const QStringList& args);
int runReverse(const QStringList& args);
int runResolve(const QStringList& args);
int runSources(const QStringList& args);
// ProviderCommands.cpp: the online providers and the system resolver.
int runQuery(const QStringList& args);
int runProviders(const QStringList& args);
int runNow(const QStringList& args);
int runReparse(const QStringList& args);
// ExportCommand.cpp / HostsCommand.cpp: evidence exports and sandbox override packs.
int runExport(const QStringList& args);
int runHosts(const QStringList& args);
// CaptureCommand.cpp: live capture and the interface list.
int runCapture(const QStringList& args);
int runInterfaces(const QStringList& args);

} // namespace pdnsw::cli
