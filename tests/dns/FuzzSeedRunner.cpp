// Replays every file of a seed folder through LLVMFuzzerTestOneInput, then a bounded number of mutations of
// those seeds from a fixed random seed, so the fuzz invariants run in every CI build, clang or not.
//   fuzz_dns_seed_runner CORPUS_DIR [--mutations N] [--seed S]

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

void run(const Bytes& input)
{
    // An exact-size heap copy, so a sanitizer build catches any read past the end.
    std::unique_ptr<std::uint8_t[]> copy(new std::uint8_t[input.size() ? input.size() : 1]);
    std::copy(input.begin(), input.end(), copy.get());
    LLVMFuzzerTestOneInput(copy.get(), input.size());
}

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
        default: {
            const Bytes& other = seeds[pick(seeds.size())];
            if (!other.empty() && b.size() < 70000) {
                const std::size_t from = pick(other.size());
                const std::size_t length = 1 + pick(std::min<std::size_t>(other.size() - from, 64));
                b.insert(b.begin() + static_cast<std::ptrdiff_t>(pick(b.size() + 1)), other.begin() + from,
                    other.begin() + from + length);
            }
            break;
        }
        }
    }
}

} // namespace

int main(int argc, char** argv)
{
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s CORPUS_DIR [--mutations N] [--seed S]\n", argv[0]);
        return 2;
    }
    const std::filesystem::path corpus = argv[1];
    long mutations = 0;
    unsigned long seed = 1;
    for (int i = 2; i + 1 < argc; i += 2) {
        const std::string option = argv[i];
        if (option == "--mutations")
            mutations = std::strtol(argv[i + 1], nullptr, 10);
        else if (option == "--seed")
            seed = std::strtoul(argv[i + 1], nullptr, 10);
        else {
            std::fprintf(stderr, "unknown option %s\n", option.c_str());
            return 2;
        }
    }

    std::vector<std::filesystem::path> files;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(corpus, ec)) {
        if (entry.is_regular_file())
            files.push_back(entry.path());
    }
    if (ec || files.empty()) {
        std::fprintf(stderr, "no seed files in %s: run dns_corpus_writer to create them\n", corpus.c_str());
        return 1;
    }
    std::sort(files.begin(), files.end()); // the same order on every machine, so runs are reproducible

    std::vector<Bytes> seeds;
    for (const auto& path : files) {
        std::ifstream in(path, std::ios::binary);
        seeds.emplace_back(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
        run(seeds.back());
    }
    std::mt19937 rng(static_cast<std::mt19937::result_type>(seed));
    for (long i = 0; i < mutations; ++i) {
        Bytes input = seeds[rng() % seeds.size()];
        mutate(input, rng, seeds);
        run(input);
    }
    std::printf("fuzz_dns_seed_runner: %zu seeds, %ld mutations (seed %lu): no invariant broken\n", seeds.size(),
        mutations, seed);
    return 0;
}
