// Runs the packet-path fuzz entry point without libFuzzer: every file of the seed folders as is, then a bounded
// number of seeded mutations of them, so its invariants are checked in every build, clang or not.
//   fuzz_packet_seed_runner DIR... [--mutations N] [--seed S]
// Seeds: real captures (pcap/pcapng files) and frame-form inputs (see fuzz_packet_path.cpp).

#include "fuzz/FuzzSeedDriver.h"

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <random>
#include <vector>

namespace {

using pdnsw::fuzz::Bytes;

// Mutations aimed at packet headers: flipped bits, lengths and offsets at their edges (IP total length, UDP
// length, TCP data offset, fragment fields, pcap record lengths), cut and grown inputs, and pieces of other
// seeds spliced in (a fragment of one capture inside another).
void mutate(Bytes& b, std::mt19937& rng, const std::vector<Bytes>& seeds)
{
    const auto at = [&](std::size_t n) { return n ? static_cast<std::size_t>(rng() % n) : 0; };
    static const std::uint8_t kEdges[]
        = {0x00, 0x01, 0x05, 0x06, 0x11, 0x2c, 0x3a, 0x40, 0x45, 0x60, 0x7f, 0x80, 0xc0, 0xfe, 0xff};
    const int rounds = 1 + static_cast<int>(rng() % 5);
    for (int i = 0; i < rounds && !b.empty(); ++i) {
        switch (rng() % 8) {
        case 0:
            b[at(b.size())] ^= static_cast<std::uint8_t>(1u << (rng() % 8));
            break;
        case 1:
            b[at(b.size())] = kEdges[rng() % std::size(kEdges)];
            break;
        case 2:
            if (b.size() >= 2) { // a 16-bit field set to an edge value
                const std::size_t p = at(b.size() - 1);
                const std::uint16_t v = rng() % 2 ? 0xFFFF : static_cast<std::uint16_t>(rng() % 80);
                b[p] = static_cast<std::uint8_t>(v >> 8);
                b[p + 1] = static_cast<std::uint8_t>(v);
            }
            break;
        case 3:
            b.resize(at(b.size()) + 1);
            break;
        case 4:
            b.erase(b.begin() + static_cast<std::ptrdiff_t>(at(b.size())));
            break;
        case 5:
            b.insert(b.begin() + static_cast<std::ptrdiff_t>(at(b.size() + 1)), static_cast<std::uint8_t>(rng()));
            break;
        case 6: { // duplicate a stretch: retransmissions, overlapping fragments, repeated records
            const std::size_t from = at(b.size());
            const std::size_t length = 1 + at(std::min<std::size_t>(b.size() - from, 200));
            const Bytes piece(
                b.begin() + static_cast<std::ptrdiff_t>(from), b.begin() + static_cast<std::ptrdiff_t>(from + length));
            if (b.size() < 200000)
                b.insert(b.begin() + static_cast<std::ptrdiff_t>(at(b.size() + 1)), piece.begin(), piece.end());
            break;
        }
        default:
            pdnsw::fuzz::spliceFromSeed(b, rng, seeds, 128, 200000);
            break;
        }
    }
}

} // namespace

int main(int argc, char** argv)
{
    return pdnsw::fuzz::runSeedCorpus(argc, argv, "fuzz_packet_seed_runner", mutate);
}
