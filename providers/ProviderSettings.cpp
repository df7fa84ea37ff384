#include "providers/ProviderSettings.h"

#include "providers/KeyStore.h"

#include <QSettings>
#include <QtGlobal>

#include <algorithm>

namespace pdnsw {

namespace {

QSettings& settings()
{
    // One INI file for window and command line (their application names differ).
    thread_local QSettings file(
        QSettings::IniFormat, QSettings::UserScope, QStringLiteral("pdnsw"), QStringLiteral("providers"));
    file.sync();
    return file;
}

QString env(const QString& name)
{
    return QString::fromLocal8Bit(qgetenv(name.toLatin1().constData())).trimmed();
}

int intSetting(QSettings& s, const QString& name, int fallback, int min, int max)
{
    bool ok = false;
    const int v = s.value(name).toInt(&ok);
    return ok ? std::clamp(v, min, max) : fallback;
}

} // namespace

QString ProviderSettings::filePath()
{
    return settings().fileName();
}

NetworkSettings ProviderSettings::network()
{
    QSettings& s = settings();
    NetworkSettings n;
    n.proxy = s.value(QStringLiteral("network/proxy")).toString().trimmed();
    n.caBundle = s.value(QStringLiteral("network/caBundle")).toString().trimmed();
    const QString caEnv = env(QStringLiteral("PDNSW_CA_BUNDLE"));
    if (!caEnv.isEmpty())
        n.caBundle = caEnv;
    n.connectTimeoutMs = intSetting(s, QStringLiteral("network/connectTimeoutMs"), n.connectTimeoutMs, 100, 600000);
    n.totalTimeoutMs = intSetting(s, QStringLiteral("network/totalTimeoutMs"), n.totalTimeoutMs, 200, 3600000);
    bool ok = false;
    const qint64 cap = s.value(QStringLiteral("network/maxBodyBytes")).toLongLong(&ok);
    if (ok && cap >= 1024)
        n.maxBodyBytes = cap;
    n.maxRetries = intSetting(s, QStringLiteral("network/maxRetries"), n.maxRetries, 0, 10);
    n.maxRetryWaitSeconds
        = intSetting(s, QStringLiteral("network/maxRetryWaitSeconds"), n.maxRetryWaitSeconds, 0, 3600);
    n.backoffBaseMs = intSetting(s, QStringLiteral("network/backoffBaseMs"), n.backoffBaseMs, 10, 60000);
    n.maxRedirects = intSetting(s, QStringLiteral("network/maxRedirects"), n.maxRedirects, 0, 10);
    n.maxConcurrent = intSetting(s, QStringLiteral("network/maxConcurrent"), n.maxConcurrent, 1, 64);
    n.maxConcurrentPerProvider
        = intSetting(s, QStringLiteral("network/maxConcurrentPerProvider"), n.maxConcurrentPerProvider, 1, 16);
    return n;
}

ProviderConfig ProviderSettings::load(const QString& providerId, KeyLookup lookup)
{
    ProviderConfig c;
    const ProviderDescriptor* d = findProvider(providerId);
    if (!d)
        return c;
    c.descriptor = *d;
    QSettings& s = settings();
    const QString group = d->id + QLatin1Char('/');
    c.baseUrl = d->defaultBaseUrl;
    c.baseUrlSource = QStringLiteral("default");
    const QString fromSettings = s.value(group + QStringLiteral("baseUrl")).toString().trimmed();
    if (!fromSettings.isEmpty()) {
        c.baseUrl = fromSettings;
        c.baseUrlSource = QStringLiteral("settings");
    }
    const QString fromEnv = env(QStringLiteral("PDNSW_%1_URL").arg(d->envId));
    if (!fromEnv.isEmpty()) {
        c.baseUrl = fromEnv;
        c.baseUrlSource = QStringLiteral("environment");
    }
    while (c.baseUrl.endsWith(QLatin1Char('/')))
        c.baseUrl.chop(1);

    c.rateRequests = intSetting(s, group + QStringLiteral("rateRequests"), d->rateRequests, 1, 100000);
    c.rateIntervalSeconds
        = intSetting(s, group + QStringLiteral("rateIntervalSeconds"), d->rateIntervalSeconds, 1, 86400);
    c.dailyBudget = intSetting(s, group + QStringLiteral("dailyBudget"), d->dailyBudget, 0, 100000000);
    c.pageSize = intSetting(s, group + QStringLiteral("pageSize"), d->defaultPageSize, 0, 1000000);

    const QByteArray keyEnv = qgetenv(QStringLiteral("PDNSW_%1_KEY").arg(d->envId).toLatin1().constData());
    if (!keyEnv.isEmpty()) {
        c.key = keyEnv.trimmed();
        c.keySource = ProviderConfig::KeySource::Environment;
    } else if (lookup == KeyLookup::EnvironmentThenKeychain) {
        KeyStore::ReadResult r = KeyStore::read(d->id);
        if (!r.key.isEmpty()) {
            c.key = r.key;
            c.keySource = ProviderConfig::KeySource::Keychain;
        }
        c.keyProblem = r.problem;
    }

    if (d->id == QLatin1String("defenderti")) {
        c.tokenUrl = QStringLiteral("https://login.microsoftonline.com/{tenant}/oauth2/v2.0/token");
        const QString tokenSetting = s.value(group + QStringLiteral("tokenUrl")).toString().trimmed();
        if (!tokenSetting.isEmpty())
            c.tokenUrl = tokenSetting;
        if (!env(QStringLiteral("PDNSW_DEFENDERTI_TOKEN_URL")).isEmpty())
            c.tokenUrl = env(QStringLiteral("PDNSW_DEFENDERTI_TOKEN_URL"));
        c.clientId = s.value(group + QStringLiteral("clientId")).toString().trimmed();
        if (!env(QStringLiteral("PDNSW_DEFENDERTI_CLIENT_ID")).isEmpty())
            c.clientId = env(QStringLiteral("PDNSW_DEFENDERTI_CLIENT_ID"));
        c.tenant = s.value(group + QStringLiteral("tenant")).toString().trimmed();
        if (!env(QStringLiteral("PDNSW_DEFENDERTI_TENANT")).isEmpty())
            c.tenant = env(QStringLiteral("PDNSW_DEFENDERTI_TENANT"));
    }
    c.network = network();
    return c;
}

bool ProviderSettings::setValue(const QString& name, const QVariant& value, QString* error)
{
    const QString lower = name.toLower();
    for (const char* word : {"key", "secret", "password", "token/", "apikey"}) {
        if (lower.contains(QLatin1String(word)) && !lower.endsWith(QLatin1String("tokenurl"))) {
            if (error)
                *error
                    = QStringLiteral("'%1' looks like a secret; keys go to the keychain or PDNSW_<ID>_KEY").arg(name);
            return false;
        }
    }
    QSettings& s = settings();
    s.setValue(name, value);
    s.sync();
    if (s.status() != QSettings::NoError) {
        if (error)
            *error = QStringLiteral("cannot write %1").arg(s.fileName());
        return false;
    }
    return true;
}

QVariant ProviderSettings::value(const QString& name)
{
    return settings().value(name);
}

} // namespace pdnsw
