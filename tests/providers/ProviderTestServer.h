#pragma once

#include <QProcess>
#include <QString>
#include <QTemporaryDir>

// The real local server the provider tests talk to (provider_server.py next to this file): HTTPS with a
// certificate from a CA generated here with openssl, plain HTTP on 127.0.0.1, and a second HTTPS port whose
// self-signed certificate nobody trusts. The first path segment of a base URL picks the server's behaviour.
class ProviderTestServer
{
public:
    ProviderTestServer();
    ~ProviderTestServer();

    bool start(QString* error);
    QString httpsBase(const QString& scenario) const; // https://localhost:PORT/scenario
    QString httpBase(const QString& scenario) const; // http://127.0.0.1:PORT/scenario
    QString wrongCertBase(const QString& scenario) const;
    QString caBundle() const; // PEM of the test CA
    QString dir() const { return m_dir.path(); }

private:
    bool run(const QStringList& args, QString* error);
    QTemporaryDir m_dir;
    QProcess m_process;
    int m_https = 0;
    int m_http = 0;
    int m_wrong = 0;
};
