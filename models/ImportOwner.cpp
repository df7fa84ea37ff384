#include "models/ImportOwner.h"

#include "models/SqlStatement.h"

#include <QFile>
#include <QMutex>
#include <QRandomGenerator>
#include <QSet>
#include <QSysInfo>

#include <unistd.h>

namespace pdnsw {
namespace {

QMutex g_liveMutex;
QSet<qint64> g_live;

// Field 22 of /proc/<pid>/stat (starttime); 0 when the process does not exist or has ended (a zombie not yet
// reaped by its parent). The command name (field 2) may hold spaces and parentheses, so fields are counted after
// its last ')'.
qint64 processStartTicks(qint64 pid)
{
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return 0;
    const QByteArray text = stat.readAll();
    const qsizetype close = text.lastIndexOf(')');
    if (close < 0)
        return 0;
    const QList<QByteArray> fields = text.mid(close + 2).split(' ');
    // After the name come field 3 (state) onwards: starttime, field 22, is at index 19.
    if (fields.size() <= 19 || fields.at(0) == "Z" || fields.at(0) == "X")
        return 0;
    bool ok = false;
    const qint64 start = fields.at(19).toLongLong(&ok);
    return ok ? start : 0;
}

} // namespace

ImportOwner ImportOwner::forThisProcess()
{
    ImportOwner owner;
    owner.host = QSysInfo::machineHostName();
    owner.pid = static_cast<qint64>(::getpid());
    owner.processStart = processStartTicks(owner.pid);
    do
        owner.token = static_cast<qint64>(QRandomGenerator::system()->generate64() >> 1);
    while (owner.token == 0);
    return owner;
}

bool ImportOwner::isRunning() const
{
    if (host != QSysInfo::machineHostName())
        return true;
    if (pid == static_cast<qint64>(::getpid())) {
        QMutexLocker lock(&g_liveMutex);
        return g_live.contains(token);
    }
    const qint64 start = processStartTicks(pid);
    return start != 0 && start == processStart;
}

bool importRunningOnThisHost(sqlite3* db)
{
    SqlStatement owners(db, "SELECT host, pid, process_start, token FROM source_importers");
    const QString here = QSysInfo::machineHostName();
    while (owners.step()) {
        const ImportOwner owner{owners.text(0), owners.int64(1), owners.int64(2), owners.int64(3)};
        if (owner.host == here && owner.isRunning())
            return true;
    }
    return false;
}

void registerLiveImport(qint64 token)
{
    QMutexLocker lock(&g_liveMutex);
    g_live.insert(token);
}

void releaseLiveImport(qint64 token)
{
    QMutexLocker lock(&g_liveMutex);
    g_live.remove(token);
}

} // namespace pdnsw
