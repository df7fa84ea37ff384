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

void mutateText(Bytes& b, std::mt19937& rng, const std::vector<Bytes>& seeds, std::size_t selectors,
    const TextVocabulary& vocabulary, std::size_t maxSize)
{
    const auto at = [&](std::size_t n) { return n ? static_cast<std::size_t>(rng() % n) : 0; };
    // A place in the text after the selector bytes, for an input that has text.
    const auto textPlace = [&] { return selectors + at(b.size() - selectors); };
    const auto structural = [&] {
        return vocabulary.structure.empty()
            ? static_cast<std::uint8_t>(rng())
            : static_cast<std::uint8_t>(vocabulary.structure[rng() % vocabulary.structure.size()]);
    };
    const int rounds = 1 + static_cast<int>(rng() % 5);
    for (int i = 0; i < rounds; ++i) {
        const bool hasText = b.size() > selectors;
        switch (rng() % 9) {
        case 0:
            if (selectors > 0 && !b.empty())
                b[at(std::min(b.size(), selectors))] = static_cast<std::uint8_t>(rng());
            break;
        case 1:
            if (hasText)
                b[textPlace()] = structural();
            break;
        case 2:
            if (hasText)
                b[textPlace()] = static_cast<std::uint8_t>(rng());
            break;
        case 3:
            if (!vocabulary.tokens.empty() && b.size() < maxSize) {
                const std::string_view token = vocabulary.tokens[rng() % vocabulary.tokens.size()];
                const std::size_t to = std::min(b.size(), selectors + at(b.size() + 1 - std::min(b.size(), selectors)));
                b.insert(b.begin() + static_cast<std::ptrdiff_t>(to), token.begin(), token.end());
            }
            break;
        case 4:
            if (hasText)
                b.resize(textPlace());
            break;
        case 5:
            if (hasText) {
                const std::size_t from = textPlace();
                b.erase(b.begin() + static_cast<std::ptrdiff_t>(from),
                    b.begin() + static_cast<std::ptrdiff_t>(std::min(b.size(), from + 1 + at(40))));
            }
            break;
        case 6: // repeat a stretch: a duplicated line, record or field
            if (hasText && b.size() < maxSize) {
                const std::size_t from = textPlace();
                const std::size_t length = 1 + at(std::min<std::size_t>(b.size() - from, 300));
                const Bytes piece(b.begin() + static_cast<std::ptrdiff_t>(from),
                    b.begin() + static_cast<std::ptrdiff_t>(from + length));
                b.insert(b.begin() + static_cast<std::ptrdiff_t>(textPlace()), piece.begin(), piece.end());
            }
            break;
        case 7: // a long run of one character: over-long lines and fields
            if (b.size() >= selectors && b.size() < maxSize)
                b.insert(b.begin() + static_cast<std::ptrdiff_t>(selectors + at(b.size() - selectors + 1)),
                    1 + at(5000), structural());
            break;
        default:
            spliceFromSeed(b, rng, seeds, 400, maxSize, selectors);
            break;
        }
    }
}

} // namespace pdnsw::fuzz
