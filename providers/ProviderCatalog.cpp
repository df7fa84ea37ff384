#include "providers/ProviderCatalog.h"

namespace pdnsw {

const QList<ProviderDescriptor>& providerCatalog()
{
    // Limits from providers.md: VirusTotal's public key 4/min and 500/day, DNSDumpster 1 per 2 s, Mnemonic
    // 100/min and 1000/day without a key; the others publish no per-minute figure, so one request per second.
    static const QList<ProviderDescriptor> catalog{
        {QStringLiteral("dnsdb"), QStringLiteral("DNSDB"), QStringLiteral("DNSDB API v2"),
            QStringLiteral("https://api.dnsdb.info"), true, 1, 1, 0, 10000, QStringLiteral("sensor"),
            QStringLiteral("second"), QStringLiteral("sensor or zone-file times, count; per-key quota")},
        {QStringLiteral("circl"), QStringLiteral("CIRCL"), QStringLiteral("CIRCL Passive DNS"),
            QStringLiteral("https://www.circl.lu"), true, 1, 1, 0, 1000, QStringLiteral("sensor"),
            QStringLiteral("second"), QStringLiteral("trusted partners only; key as user:pass or a token")},
        {QStringLiteral("virustotal"), QStringLiteral("VIRUSTOTAL"), QStringLiteral("VirusTotal v3"),
            QStringLiteral("https://www.virustotal.com"), true, 4, 60, 500, 40, QStringLiteral("lookup"),
            QStringLiteral("second"), QStringLiteral("one date per resolution, no count")},
        {QStringLiteral("mnemonic"), QStringLiteral("MNEMONIC"), QStringLiteral("Mnemonic PassiveDNS v3"),
            QStringLiteral("https://api.mnemonic.no"), false, 100, 60, 1000, 1000, QStringLiteral("sensor"),
            QStringLiteral("second"), QStringLiteral("works without a key (limited); a key raises the limits")},
        {QStringLiteral("otx"), QStringLiteral("OTX"), QStringLiteral("AlienVault OTX"),
            QStringLiteral("https://otx.alienvault.com"), true, 1, 1, 0, 0, QStringLiteral("sensor"),
            QStringLiteral("second"), QStringLiteral("first/last seen, no count")},
        {QStringLiteral("securitytrails"), QStringLiteral("SECURITYTRAILS"), QStringLiteral("SecurityTrails"),
            QStringLiteral("https://api.securitytrails.com"), true, 1, 1, 0, 0, QStringLiteral("sensor"),
            QStringLiteral("day"), QStringLiteral("history per record type, day granularity; names only")},
        {QStringLiteral("defenderti"), QStringLiteral("DEFENDERTI"), QStringLiteral("Microsoft Defender TI"),
            QStringLiteral("https://graph.microsoft.com"), true, 1, 1, 0, 0, QStringLiteral("sensor"),
            QStringLiteral("second"), QStringLiteral("Graph passiveDns; OAuth2 client credentials")},
        {QStringLiteral("dnsdumpster"), QStringLiteral("DNSDUMPSTER"), QStringLiteral("DNSDumpster"),
            QStringLiteral("https://api.dnsdumpster.com"), true, 1, 2, 0, 0, QStringLiteral("current"),
            QStringLiteral("none"), QStringLiteral("current, not history; names only")},
    };
    return catalog;
}

const ProviderDescriptor* findProvider(const QString& id)
{
    for (const ProviderDescriptor& d : providerCatalog()) {
        if (d.id.compare(id, Qt::CaseInsensitive) == 0 || d.envId.compare(id, Qt::CaseInsensitive) == 0)
            return &d;
    }
    return nullptr;
}

std::optional<QStringList> parseProviderList(const QString& text, QString* error)
{
    QStringList ids;
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty() || trimmed.compare(QLatin1String("all"), Qt::CaseInsensitive) == 0) {
        for (const ProviderDescriptor& d : providerCatalog())
            ids.append(d.id);
        return ids;
    }
    QStringList unknown;
    for (const QString& part : trimmed.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const ProviderDescriptor* d = findProvider(part.trimmed());
        if (!d)
            unknown.append(part.trimmed());
        else if (!ids.contains(d->id))
            ids.append(d->id);
    }
    if (!unknown.isEmpty()) {
        QStringList known;
        for (const ProviderDescriptor& d : providerCatalog())
            known.append(d.id);
        if (error)
            *error = QStringLiteral("unknown provider '%1'; known: %2, or all")
                         .arg(unknown.join(QStringLiteral("', '")), known.join(QStringLiteral(", ")));
        return std::nullopt;
    }
    return ids;
}

} // namespace pdnsw
