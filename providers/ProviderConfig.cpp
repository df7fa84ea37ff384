#include "providers/ProviderConfig.h"

#include <QtGlobal>

namespace pdnsw {

QString NetworkSettings::activeProxyDescription() const
{
    if (!proxy.isEmpty())
        return QStringLiteral("%1 (settings)").arg(proxy);
    // libcurl reads these itself; lower-case http_proxy only, on purpose (curl's CGI guard).
    for (const char* name : {"https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"}) {
        const QByteArray value = qgetenv(name);
        if (!value.isEmpty())
            return QStringLiteral("%1 (environment %2)").arg(QString::fromLocal8Bit(value), QLatin1String(name));
    }
    return QStringLiteral("none");
}

bool ProviderConfig::isConfigured() const
{
    return missingConfiguration().isEmpty();
}

QString ProviderConfig::missingConfiguration() const
{
    QStringList missing;
    if (descriptor.keyRequired && key.isEmpty())
        missing.append(QStringLiteral("a key (PDNSW_%1_KEY or the keychain)").arg(descriptor.envId));
    if (descriptor.id == QLatin1String("defenderti")) {
        if (clientId.isEmpty())
            missing.append(QStringLiteral("PDNSW_DEFENDERTI_CLIENT_ID"));
        if (tenant.isEmpty() && tokenUrl.contains(QLatin1String("{tenant}")))
            missing.append(QStringLiteral("PDNSW_DEFENDERTI_TENANT"));
    }
    return missing.join(QStringLiteral(", "));
}

void ProviderConfig::wipeKey()
{
    key.fill('\0');
    key.clear();
}

QString keySourceName(ProviderConfig::KeySource source)
{
    switch (source) {
    case ProviderConfig::KeySource::None:
        return QStringLiteral("none");
    case ProviderConfig::KeySource::Environment:
        return QStringLiteral("env");
    case ProviderConfig::KeySource::Keychain:
        return QStringLiteral("keychain");
    }
    return {};
}

} // namespace pdnsw
