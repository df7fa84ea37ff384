#pragma once

#include <QByteArray>
#include <QString>

namespace pdnsw {

// API keys in the operating system's keychain through QtKeychain (service "pdns-workbench", one entry per
// provider id). The insecure plaintext fallback stays off: without a keychain, keys come from the environment.
// The calls wait for the keychain on a local event loop, so call them from a worker thread or the command line,
// not from the GUI thread.
class KeyStore
{
public:
    struct ReadResult
    {
        QByteArray key; // empty when none is stored or the keychain is unavailable
        QString problem; // empty when the keychain answered (even "no entry")
    };

    static QString serviceName();
    static ReadResult read(const QString& providerId, int timeoutMs = 5000);
    // Empty on success, else what went wrong.
    static QString write(const QString& providerId, const QByteArray& key, int timeoutMs = 10000);
    static QString remove(const QString& providerId, int timeoutMs = 10000);
};

} // namespace pdnsw
