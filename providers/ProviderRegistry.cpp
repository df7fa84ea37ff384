#include "providers/ProviderRegistry.h"

#include "providers/CirclProvider.h"
#include "providers/DefenderTiProvider.h"
#include "providers/DnsDumpsterProvider.h"
#include "providers/DnsdbProvider.h"
#include "providers/MnemonicProvider.h"
#include "providers/OtxProvider.h"
#include "providers/SecurityTrailsProvider.h"
#include "providers/VirusTotalProvider.h"

namespace pdnsw {

const Provider* providerById(const QString& id)
{
    static const DnsdbProvider dnsdb;
    static const CirclProvider circl;
    static const VirusTotalProvider virustotal;
    static const MnemonicProvider mnemonic;
    static const OtxProvider otx;
    static const SecurityTrailsProvider securitytrails;
    static const DefenderTiProvider defenderti;
    static const DnsDumpsterProvider dnsdumpster;
    static const Provider* const all[]{
        &dnsdb, &circl, &virustotal, &mnemonic, &otx, &securitytrails, &defenderti, &dnsdumpster};
    const ProviderDescriptor* d = findProvider(id);
    if (!d)
        return nullptr;
    for (const Provider* p : all) {
        if (p->id() == d->id)
            return p;
    }
    return nullptr;
}

} // namespace pdnsw
