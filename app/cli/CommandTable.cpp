#include "cli/Cli.h"
#include "cli/Commands.h"

#include <array>

namespace pdnsw::cli {

// Every subcommand of pdnsw-cli, in the order `pdnsw-cli --help` lists them.
static const std::array kCommands{
    Command{"import", "Import pcap/pcapng, Zeek dns.log, passivedns or COF files into the case", runImport},
    Command{"capture", "Capture DNS live on an interface into the case (BPF filter, duration, pcapng evidence)",
        runCapture},
    Command{"interfaces", "List the network interfaces available for live capture", runInterfaces},
    Command{"sources", "List the case's sources with SHA-256, size, state and counts", runSources},
    Command{"names", "List the names (and addresses) in the case, with a filter", runNames},
    Command{"timeline", "Every answer for a name per source, CNAME chains followed", runTimeline},
    Command{"reverse", "Which names pointed at an address, a CIDR or a name", runReverse},
    Command{"resolve", "What a name resolved to at a given time, per source", runResolve},
    Command{"query", "Ask online passive DNS providers about a name, address or CIDR (pivots with --depth)", runQuery},
    Command{"providers", "List the online providers: configured, limits, base URL, key source", runProviders},
    Command{"now", "What a name resolves to right now (system resolver; NXDOMAIN shown)", runNow},
    Command{"reparse", "Rebuild provider observations from the stored raw answers, offline", runReparse},
    Command{
        "export", "Export evidence: STIX 2.1, MISP, CSV, JSON, COF, GraphML, GEXF, DOT, HTML/PDF report", runExport},
    Command{"hosts", "Hosts/dnsmasq/unbound/INetSim override pinning names to past addresses; apply/revert", runHosts},
    Command{"demo", "Create the demo case (a name that went NXDOMAIN after two addresses)", runDemo},
};

std::span<const Command> commands()
{
    return kCommands;
}

} // namespace pdnsw::cli
