// pdnsw-cli: the command line over the same core as the workbench.
#include "cli/Cli.h"

#include <QGuiApplication>

int main(int argc, char* argv[])
{
    // PDF and picture exports need fonts and a paint engine (QtGui), but never a display: the offscreen
    // platform gives both on a headless machine.
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    QGuiApplication::setApplicationName(QStringLiteral("pdnsw-cli"));
    QGuiApplication::setOrganizationName(QStringLiteral("pdnsw"));
    QGuiApplication::setApplicationVersion(QStringLiteral(PDNSW_VERSION));
    return pdnsw::cli::run(QGuiApplication::arguments());
}
