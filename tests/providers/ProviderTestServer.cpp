#include "ProviderTestServer.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

ProviderTestServer::ProviderTestServer() = default;

ProviderTestServer::~ProviderTestServer()
{
    if (m_process.state() != QProcess::NotRunning) {
        m_process.closeWriteChannel(); // the server exits when its stdin closes
        if (!m_process.waitForFinished(3000)) {
            m_process.kill();
            m_process.waitForFinished(3000);
        }
    }
}

bool ProviderTestServer::run(const QStringList& args, QString* error)
{
    QProcess p;
    p.setWorkingDirectory(m_dir.path());
    p.start(QStringLiteral("openssl"), args);
    if (!p.waitForFinished(30000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        *error = QStringLiteral("openssl %1 failed: %2")
                     .arg(args.first(), QString::fromLocal8Bit(p.readAllStandardError()));
        return false;
    }
    return true;
}

bool ProviderTestServer::start(QString* error)
{
    if (!m_dir.isValid()) {
        *error = QStringLiteral("no temporary directory");
        return false;
    }
    const QStringList ec{QStringLiteral("-newkey"), QStringLiteral("ec"), QStringLiteral("-pkeyopt"),
        QStringLiteral("ec_paramgen_curve:prime256v1"), QStringLiteral("-nodes")};
    QFile ext(m_dir.filePath(QStringLiteral("server.ext")));
    if (!ext.open(QIODevice::WriteOnly)
        || ext.write("subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\n") < 0) {
        *error = QStringLiteral("cannot write the certificate extension file");
        return false;
    }
    ext.close();
    const QString san = QStringLiteral("subjectAltName=DNS:localhost,IP:127.0.0.1");
    if (!run(QStringList{QStringLiteral("req"), QStringLiteral("-x509")} + ec
                + QStringList{QStringLiteral("-keyout"), QStringLiteral("ca.key"), QStringLiteral("-out"),
                    QStringLiteral("ca.pem"), QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-subj"),
                    QStringLiteral("/CN=pdnsw test CA")},
            error)
        || !run(QStringList{QStringLiteral("req")} + ec
                + QStringList{QStringLiteral("-keyout"), QStringLiteral("server.key"), QStringLiteral("-out"),
                    QStringLiteral("server.csr"), QStringLiteral("-subj"), QStringLiteral("/CN=localhost")},
            error)
        || !run(
            {QStringLiteral("x509"), QStringLiteral("-req"), QStringLiteral("-in"), QStringLiteral("server.csr"),
                QStringLiteral("-CA"), QStringLiteral("ca.pem"), QStringLiteral("-CAkey"), QStringLiteral("ca.key"),
                QStringLiteral("-CAcreateserial"), QStringLiteral("-out"), QStringLiteral("server.pem"),
                QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-extfile"), QStringLiteral("server.ext")},
            error)
        || !run(QStringList{QStringLiteral("req"), QStringLiteral("-x509")} + ec
                + QStringList{QStringLiteral("-keyout"), QStringLiteral("wrong.key"), QStringLiteral("-out"),
                    QStringLiteral("wrong.pem"), QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-subj"),
                    QStringLiteral("/CN=localhost"), QStringLiteral("-addext"), san},
            error))
        return false;

    m_process.setProcessChannelMode(QProcess::SeparateChannels);
    m_process.start(QStringLiteral("python3"),
        {QStringLiteral(PDNSW_SOURCE_DIR "/tests/providers/provider_server.py"), m_dir.path()});
    if (!m_process.waitForStarted(10000) || !m_process.waitForReadyRead(15000)) {
        *error = QStringLiteral("the test server did not start: %1")
                     .arg(QString::fromLocal8Bit(m_process.readAllStandardError()));
        return false;
    }
    const QJsonObject ports = QJsonDocument::fromJson(m_process.readLine()).object();
    m_https = ports.value(QLatin1String("https")).toInt();
    m_http = ports.value(QLatin1String("http")).toInt();
    m_wrong = ports.value(QLatin1String("wrong")).toInt();
    if (m_https == 0 || m_http == 0 || m_wrong == 0) {
        *error = QStringLiteral("the test server did not report its ports");
        return false;
    }
    return true;
}

QString ProviderTestServer::httpsBase(const QString& scenario) const
{
    return QStringLiteral("https://localhost:%1/%2").arg(m_https).arg(scenario);
}

QString ProviderTestServer::httpBase(const QString& scenario) const
{
    return QStringLiteral("http://127.0.0.1:%1/%2").arg(m_http).arg(scenario);
}

QString ProviderTestServer::wrongCertBase(const QString& scenario) const
{
    return QStringLiteral("https://localhost:%1/%2").arg(m_wrong).arg(scenario);
}

QString ProviderTestServer::caBundle() const
{
    return m_dir.filePath(QStringLiteral("ca.pem"));
}
