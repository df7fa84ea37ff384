#include "cli/Cli.h"

#include "cli/CliSupport.h"

namespace pdnsw::cli {

namespace {

void printOverview()
{
    QString text = QStringLiteral("Usage: pdnsw-cli COMMAND --case FILE [options]\n\n"
                                  "Passive DNS investigation on the command line: the same core as the\n"
                                  "PDNS Workbench window. Times are printed in UTC ISO 8601.\n\nCommands:\n");
    for (const Command& c : commands())
        text += QStringLiteral("  %1%2\n")
                    .arg(QString::fromLatin1(c.name).leftJustified(12), QString::fromUtf8(c.summary));
    text += QStringLiteral("\nRun 'pdnsw-cli COMMAND --help' for the options of one command.\n");
    out() << text;
    out().flush();
}

} // namespace

int run(const QStringList& argv)
{
    if (argv.size() < 2 || argv.at(1) == QLatin1String("--help") || argv.at(1) == QLatin1String("-h")
        || argv.at(1) == QLatin1String("help")) {
        printOverview();
        return argv.size() < 2 ? ExitUsage : ExitOk;
    }
    if (argv.at(1) == QLatin1String("--version")) {
        out() << "pdnsw-cli " << PDNSW_VERSION << '\n';
        return ExitOk;
    }
    const QString name = argv.at(1);
    for (const Command& c : commands()) {
        if (name == QLatin1String(c.name))
            return c.run(QStringList{QStringLiteral("pdnsw-cli ") + name} + argv.mid(2));
    }
    err() << "pdnsw-cli: unknown command '" << name << "'. Run 'pdnsw-cli --help' for the list.\n";
    return ExitUsage;
}

} // namespace pdnsw::cli
