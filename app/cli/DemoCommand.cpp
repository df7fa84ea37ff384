#include "DemoCase.h"
#include "cli/Cli.h"
#include "cli/CliSupport.h"
#include "cli/Commands.h"

namespace pdnsw::cli {

int runDemo(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Create the demo case: www.bad.example pointed at two addresses in turn, then went NXDOMAIN; a victim's "
        "capture (written beside the case as CASE-victim.pcapng) and recorded DNSDB and VirusTotal answers tell "
        "the story. The file must not exist yet."));
    addCommonOptions(parser, false);
    if (auto exit = processArgs(parser, args))
        return *exit;
    QString error;
    if (!createDemoCase(casePath(parser), &error)) {
        err() << "pdnsw-cli demo: " << error << '\n';
        return ExitFailure;
    }
    out() << "Demo case written to " << casePath(parser) << '\n';
    return ExitOk;
}

} // namespace pdnsw::cli
