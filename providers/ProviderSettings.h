#pragma once

#include "providers/ProviderConfig.h"

#include <QString>
#include <QVariant>

namespace pdnsw {

// Provider settings live in their own INI file (pdnsw/providers.ini under the user's config directory), shared
// by the window and the command line. Keys never go there: only URLs, limits and transport options. The
// environment overrides the file: PDNSW_<ID>_URL, PDNSW_<ID>_KEY, PDNSW_CA_BUNDLE, PDNSW_DEFENDERTI_*.
class ProviderSettings
{
public:
    enum class KeyLookup
    {
        EnvironmentOnly, // never touch the keychain (tests, scripts that must not prompt)
        EnvironmentThenKeychain,
    };

    static QString filePath();
    static NetworkSettings network();
    // Resolves one provider; nullopt-like empty descriptor id when the id is unknown.
    static ProviderConfig load(const QString& providerId, KeyLookup lookup);

    // Writes one non-secret setting ("dnsdb/baseUrl", "network/caBundle", ...). Refuses names that look like
    // secrets, so a key can never end up in the file by mistake.
    static bool setValue(const QString& name, const QVariant& value, QString* error);
    static QVariant value(const QString& name);
};

} // namespace pdnsw
