#pragma once

#include "models/itemmodels/CaseWorker.h"
#include "ui/MainWindow.h"

#include <QCoreApplication>
#include <QFile>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QtTest>

namespace pdnsw::testing {

// Settings of the window (layout, recent cases) go to a test location, never the analyst's own, and to a file of
// this suite's own: CTest runs suites side by side, and one suite clearing or filling a shared file broke
// another's checks of what it had just saved.
inline void isolateSettings()
{
    QStandardPaths::setTestModeEnabled(true);
    const QString suite = QCoreApplication::applicationName(); // the executable's name until it is set
    QCoreApplication::setOrganizationName(QStringLiteral("pdnsw-tests"));
    QCoreApplication::setApplicationName(QStringLiteral("PDNS Workbench tests ") + suite);
    QSettings().clear(); // every suite starts from the default layout and an empty recent list
}

// Opens the case in the window and waits until every panel has its data.
inline bool openAndWait(MainWindow& window, const QString& path, int timeoutMs = 20000)
{
    QSignalSpy refreshed(&window, &MainWindow::refreshed);
    window.openCase(path, false);
    if (!QTest::qWaitFor([&] { return refreshed.count() > 0; }, timeoutMs))
        return false;
    return QTest::qWaitFor([&] { return window.worker()->pendingJobs() == 0; }, timeoutMs);
}

// Writes a fixture file; false when it cannot.
inline bool writeFile(const QString& path, const QByteArray& bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

inline bool waitIdle(MainWindow& window, int timeoutMs = 20000)
{
    return QTest::qWaitFor([&] { return window.worker()->pendingJobs() == 0; }, timeoutMs);
}

} // namespace pdnsw::testing
