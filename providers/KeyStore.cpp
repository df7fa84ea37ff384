#include "providers/KeyStore.h"

#include <qt6keychain/keychain.h>

#include <QCoreApplication>
#include <QEventLoop>
#include <QTimer>

namespace pdnsw {

namespace {

QString entryName(const QString& providerId)
{
    return QStringLiteral("provider/%1").arg(providerId);
}

// Runs a QtKeychain job to completion or until the timeout; returns false on timeout.
bool runJob(QKeychain::Job& job, int timeoutMs)
{
    if (!QCoreApplication::instance())
        return false; // QtKeychain needs an application object for its D-Bus connection
    job.setAutoDelete(false);
    job.setInsecureFallback(false);
    QEventLoop loop;
    bool finished = false;
    QObject::connect(&job, &QKeychain::Job::finished, &loop, [&] {
        finished = true;
        loop.quit();
    });
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    job.start();
    if (!finished)
        loop.exec(QEventLoop::ExcludeUserInputEvents);
    return finished;
}

} // namespace

QString KeyStore::serviceName()
{
    return QStringLiteral("pdns-workbench");
}

KeyStore::ReadResult KeyStore::read(const QString& providerId, int timeoutMs)
{
    ReadResult result;
#if defined(Q_OS_LINUX)
    // Without a session bus there is no Secret Service to ask; say so instead of waiting for a timeout.
    if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS")) {
        result.problem = QStringLiteral("no D-Bus session, so no keychain; use PDNSW_<ID>_KEY");
        return result;
    }
#endif
    QKeychain::ReadPasswordJob job(serviceName());
    job.setKey(entryName(providerId));
    if (!runJob(job, timeoutMs)) {
        result.problem = QStringLiteral("the keychain did not answer within %1 ms").arg(timeoutMs);
        return result;
    }
    if (job.error() == QKeychain::NoError) {
        result.key = job.binaryData();
        return result;
    }
    if (job.error() != QKeychain::EntryNotFound)
        result.problem = QStringLiteral("keychain: %1").arg(job.errorString());
    return result;
}

QString KeyStore::write(const QString& providerId, const QByteArray& key, int timeoutMs)
{
    QKeychain::WritePasswordJob job(serviceName());
    job.setKey(entryName(providerId));
    job.setBinaryData(key);
    if (!runJob(job, timeoutMs))
        return QStringLiteral("the keychain did not answer within %1 ms").arg(timeoutMs);
    if (job.error() != QKeychain::NoError)
        return QStringLiteral("keychain: %1").arg(job.errorString());
    return {};
}

QString KeyStore::remove(const QString& providerId, int timeoutMs)
{
    QKeychain::DeletePasswordJob job(serviceName());
    job.setKey(entryName(providerId));
    if (!runJob(job, timeoutMs))
        return QStringLiteral("the keychain did not answer within %1 ms").arg(timeoutMs);
    if (job.error() != QKeychain::NoError && job.error() != QKeychain::EntryNotFound)
        return QStringLiteral("keychain: %1").arg(job.errorString());
    return {};
}

} // namespace pdnsw
