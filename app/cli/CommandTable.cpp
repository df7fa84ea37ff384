#include "cli/Cli.h"
#include "cli/Commands.h"

#include <array>

namespace pdnsw::cli {

// Every subcommand of pdnsw-cli, in the order `pdnsw-cli --help` lists them.
static const std::array kCommands{
    Command{"capture", "Capture DNS live on an interface into the case (BPF filter, duration, pcapng evidence)",
            runCapture},
    Command{"interfaces", "List the network interfaces available for live capture", runInterfaces},
    Command{"sources", "List the case's sources with SHA-256, size, state and counts", runSources},
    Command{"names", "List the names (and addresses) in the case, with a filter", runNames},
    Command{"timeline", "Every answer for a name per source, CNAME chains followed", runTimeline},
    Command{"reverse", "Which names pointed at an address, a CIDR or a name", runReverse},
    Command{"resolve", "What a name resolved to at a given time, per source", runResolve},
};

std::span<const Command> commands()
{
    return kCommands;
}

} // namespace pdnsw::cli
