#pragma once

#include "providers/ProviderCatalog.h"

#include <QByteArray>
#include <QString>

namespace pdnsw {

// Transport settings shared by every provider (settings file, group "network").
struct NetworkSettings
{
    QString proxy; // "" = libcurl's own environment handling (https_proxy, ALL_PROXY, NO_PROXY)
    QString caBundle; // "" = the system bundle; PDNSW_CA_BUNDLE overrides the setting
    int connectTimeoutMs = 10000;
    int totalTimeoutMs = 120000;
    qint64 maxBodyBytes = 64LL * 1024 * 1024; // decoded bytes per answer page
    int maxRetries = 3; // per page, for 429 / 503 / transient transport errors
    int maxRetryWaitSeconds = 60; // a Retry-After longer than this ends the query as "quota exhausted"
    int backoffBaseMs = 1000; // exponential backoff base when no Retry-After is given
    int maxRedirects = 3;
    int maxConcurrent = 16; // transfers at once over all providers
    int maxConcurrentPerProvider = 4;

    QString activeProxyDescription() const; // for display: the setting, or the environment variable in use
};

// Everything one provider needs to run, resolved from the catalog, the settings file and the environment.
struct ProviderConfig
{
    enum class KeySource
    {
        None,
        Environment,
        Keychain,
    };

    ProviderDescriptor descriptor;
    QString baseUrl;
    QString baseUrlSource; // "default", "settings" or "environment"
    QByteArray key; // never logged, stored or printed
    KeySource keySource = KeySource::None;
    QString keyProblem; // why the keychain could not be read (shown, never fatal)
    int rateRequests = 1;
    int rateIntervalSeconds = 1;
    int dailyBudget = 0;
    int pageSize = 0;
    // Microsoft Defender TI (OAuth2 client credentials); the secret is `key`.
    QString tokenUrl;
    QString clientId;
    QString tenant;
    NetworkSettings network;

    bool isConfigured() const;
    QString missingConfiguration() const; // what to set, when not configured
    // Best effort: overwrite the key bytes once the job is done.
    void wipeKey();
};

QString keySourceName(ProviderConfig::KeySource source);

} // namespace pdnsw
