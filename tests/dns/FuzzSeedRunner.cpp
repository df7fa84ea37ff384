// Replays every file of a seed folder through LLVMFuzzerTestOneInput, then a bounded number of mutations of
// those seeds from a fixed random seed, so the fuzz invariants run in every CI build, clang or not.
//   fuzz_dns_seed_runner CORPUS_DIR [--mutations N] [--seed S]

#include "fuzz/FuzzSeedDriver.h"

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <random>
#include <vector>

namespace {

using pdnsw::fuzz::Bytes;

// The mutations that matter for DNS: bit flips, random octets, compression-pointer-looking octets, length
// octets pushed to their limits, and cut, grown or spliced messages.
void mutate(Bytes& b, std::mt19937& rng, const std::vector<Bytes>& seeds)
{
    const auto pick = [&](std::size_t n) { return static_cast<std::size_t>(rng() % (n ? n : 1)); };
    const int rounds = 1 + static_cast<int>(rng() % 6);
    for (int i = 0; i < rounds; ++i) {
        switch (rng() % 9) {
        case 0:
            if (!b.empty())
                b[pick(b.size())] ^= static_cast<std::uint8_t>(1u << (rng() % 8));
            break;
        case 1:
            if (!b.empty())
                b[pick(b.size())] = static_cast<std::uint8_t>(rng());
            break;
        case 2:
            if (b.size() >= 2) {
                const std::size_t at = pick(b.size() - 1);
                b[at] = static_cast<std::uint8_t>(0xc0 | (rng() % 4));
                b[at + 1] = static_cast<std::uint8_t>(rng());
            }
            break;
        case 3: {
            static const std::uint8_t kEdges[] = {0x00, 0x01, 0x3f, 0x40, 0x7f, 0x80, 0xbf, 0xc0, 0xff};
            if (!b.empty())
                b[pick(b.size())] = kEdges[rng() % std::size(kEdges)];
            break;
        }
        case 4:
            if (!b.empty())
                b.resize(pick(b.size()));
            break;
        case 5:
            b.insert(b.begin() + static_cast<std::ptrdiff_t>(pick(b.size() + 1)), static_cast<std::uint8_t>(rng()));
            break;
        case 6:
            if (!b.empty())
                b.erase(b.begin() + static_cast<std::ptrdiff_t>(pick(b.size())));
            break;
        case 7:
            if (b.size() >= 12) { // a header count pushed up
                const std::size_t at = 4 + 2 * pick(4);
                b[at] = static_cast<std::uint8_t>(rng() % 2 ? 0xff : 0x00);
                b[at + 1] = static_cast<std::uint8_t>(rng());
            }
            break;
        default:
            pdnsw::fuzz::spliceFromSeed(b, rng, seeds, 64, 70000);
            break;
        }
    }
}

} // namespace

int main(int argc, char** argv)
{
    return pdnsw::fuzz::runSeedCorpus(argc, argv, "fuzz_dns_seed_runner", mutate);
}
