// Runs the packet-path fuzz entry point without libFuzzer: every file of the seed folders as is, then a bounded
// number of seeded mutations of them, so its invariants are checked in every build, clang or not.
//   fuzz_packet_seed_runner DIR... [--mutations N] [--seed S]
// Seeds: real captures (pcap/pcapng files) and frame-form inputs (see fuzz_packet_path.cpp).

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <random>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

using Bytes = std::vector<std::uint8_t>;

void runOne(const Bytes& input)
{
    // An exact-size heap copy: a sanitizer build catches any read past the end.
    auto copy = std::make_unique<std::uint8_t[]>(std::max<std::size_t>(input.size(), 1));
    std::copy(input.begin(), input.end(), copy.get());
    LLVMFuzzerTestOneInput(copy.get(), input.size());
}

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
        default: {
            const Bytes& other = seeds[at(seeds.size())];
            if (!other.empty() && b.size() < 200000) {
                const std::size_t from = at(other.size());
                const std::size_t length = 1 + at(std::min<std::size_t>(other.size() - from, 128));
                b.insert(b.begin() + static_cast<std::ptrdiff_t>(at(b.size() + 1)),
                    other.begin() + static_cast<std::ptrdiff_t>(from),
                    other.begin() + static_cast<std::ptrdiff_t>(from + length));
            }
            break;
        }
        }
    }
}

} // namespace

int main(int argc, char** argv)
{
    std::vector<std::filesystem::path> dirs;
    long mutations = 0;
    unsigned long seed = 1;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--mutations" && i + 1 < argc)
            mutations = std::strtol(argv[++i], nullptr, 10);
        else if (arg == "--seed" && i + 1 < argc)
            seed = std::strtoul(argv[++i], nullptr, 10);
        else if (!arg.empty() && arg[0] != '-')
            dirs.emplace_back(arg);
        else {
            std::fprintf(stderr, "usage: %s DIR... [--mutations N] [--seed S]\n", argv[0]);
            return 2;
        }
    }
    std::vector<std::filesystem::path> files;
    for (const auto& dir : dirs) {
        std::error_code ec;
        for (const auto& entry : std::filesystem::directory_iterator(dir, ec))
            if (entry.is_regular_file() && entry.path().extension() != ".md")
                files.push_back(entry.path());
        if (ec) {
            std::fprintf(stderr, "cannot read seed folder %s: %s\n", dir.c_str(), ec.message().c_str());
            return 1;
        }
    }
    if (files.empty()) {
        std::fprintf(stderr, "no seed files: give folders of captures or frame inputs\n");
        return 1;
    }
    std::sort(files.begin(), files.end()); // the same order everywhere: a failing run can be replayed
    std::vector<Bytes> seeds;
    for (const auto& path : files) {
        std::ifstream in(path, std::ios::binary);
        seeds.emplace_back(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
        runOne(seeds.back());
    }
    std::mt19937 rng(static_cast<std::mt19937::result_type>(seed));
    for (long i = 0; i < mutations; ++i) {
        Bytes input = seeds[rng() % seeds.size()];
        mutate(input, rng, seeds);
        runOne(input);
    }
    std::printf("fuzz_packet_seed_runner: %zu seeds, %ld mutations (seed %lu): no invariant broken\n", seeds.size(),
        mutations, seed);
    return 0;
}
