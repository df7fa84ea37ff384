// pdnsw-cli: the command line over the same core as the workbench.
#include "cli/Cli.h"

#include <QDir>
#include <QGuiApplication>

#include <unistd.h>

int main(int argc, char* argv[])
{
    // PDF and picture exports need fonts and a paint engine (QtGui), but never a display: the offscreen
    // platform gives both on a headless machine.
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    // Without a login session (cron, CI, ssh) Qt would warn on every run that XDG_RUNTIME_DIR is unset; give it
    // the private per-user folder it would pick anyway.
    if (qEnvironmentVariableIsEmpty("XDG_RUNTIME_DIR")) {
        const QString runtime = QDir::tempPath() + QStringLiteral("/runtime-%1").arg(getuid());
        if (QDir().mkpath(runtime)) {
            QFile::setPermissions(runtime, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
            qputenv("XDG_RUNTIME_DIR", QFile::encodeName(runtime));
        }
    }
    QGuiApplication app(argc, argv);
    QGuiApplication::setApplicationName(QStringLiteral("pdnsw-cli"));
    QGuiApplication::setOrganizationName(QStringLiteral("pdnsw"));
    QGuiApplication::setApplicationVersion(QStringLiteral(PDNSW_VERSION));
    return pdnsw::cli::run(QGuiApplication::arguments());
}
