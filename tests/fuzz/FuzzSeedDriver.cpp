#include "FuzzSeedDriver.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace pdnsw::fuzz {
namespace {

void runOne(const Bytes& input)
{
    auto copy = std::make_unique<std::uint8_t[]>(std::max<std::size_t>(input.size(), 1));
    std::copy(input.begin(), input.end(), copy.get());
    LLVMFuzzerTestOneInput(copy.get(), input.size());
}

} // namespace

int runSeedCorpus(int argc, char** argv, const char* name, const Mutator& mutate)
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
            std::fprintf(stderr, "usage: %s DIR... [--mutations N] [--seed S]\n", name);
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
            std::fprintf(stderr, "%s: cannot read seed folder %s: %s\n", name, dir.c_str(), ec.message().c_str());
            return 1;
        }
    }
    if (files.empty()) {
        std::fprintf(stderr, "%s: no seed files in the folders given\n", name);
        return 1;
    }
    std::sort(files.begin(), files.end());
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
    std::printf("%s: %zu seeds, %ld mutations (seed %lu): no invariant broken\n", name, seeds.size(), mutations, seed);
    return 0;
}

void spliceFromSeed(Bytes& input, std::mt19937& rng, const std::vector<Bytes>& seeds, std::size_t maxPiece,
    std::size_t maxSize, std::size_t keep)
{
    if (seeds.empty() || input.size() >= maxSize)
        return;
    const Bytes& other = seeds[rng() % seeds.size()];
    if (other.size() <= keep || maxPiece == 0)
        return;
    const std::size_t from = keep + rng() % (other.size() - keep);
    const std::size_t length = 1 + rng() % std::min(other.size() - from, maxPiece);
    const std::size_t to = std::min(input.size(), keep + rng() % (input.size() - std::min(input.size(), keep) + 1));
    input.insert(input.begin() + static_cast<std::ptrdiff_t>(to), other.begin() + static_cast<std::ptrdiff_t>(from),
        other.begin() + static_cast<std::ptrdiff_t>(from + length));
}

} // namespace pdnsw::fuzz
