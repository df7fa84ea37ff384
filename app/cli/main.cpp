// pdnsw-cli: the command line over the same core as the workbench.
#include "cli/Cli.h"

#include <QCoreApplication>

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("pdnsw-cli"));
    QCoreApplication::setOrganizationName(QStringLiteral("pdnsw"));
    QCoreApplication::setApplicationVersion(QStringLiteral(PDNSW_VERSION));
    return pdnsw::cli::run(QCoreApplication::arguments());
}
