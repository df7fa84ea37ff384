// Runs the compressed-input fuzz entry point without libFuzzer: every seed as is, then a bounded number of seeded
// mutations of them, so its invariants are checked in every build, clang or not.
//   fuzz_compressed_seed_runner DIR... [--mutations N] [--seed S]
// Seeds: fuzz/compressed-corpus (gzip and zstd files of the log fixtures, two members or frames, truncated ones, an
// empty member with zeros after it, a plain file, and inputs libFuzzer found; each behind the first byte that picks
// the read size).

#include "fuzz/FuzzSeedDriver.h"

#include <random>
#include <vector>

namespace {

// gzip's framing (the magic and method, flag bytes, stored and empty deflate blocks, the sync marker) and zstd's
// (frame and skippable-frame magic, a raw block header, an end mark).
const pdnsw::fuzz::TextVocabulary kCompressedBytes{std::string_view("\x1f\x8b\x08\x00\x01\x03\xff", 7),
    {std::string_view("\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03", 10), std::string_view("\x00\x00\xff\xff", 4),
        std::string_view("\x03\x00", 2), std::string_view("\x01\x00\x00\xff\xff", 5),
        std::string_view("\x1f\x8b\x08\x08", 4), std::string_view("\x1f\x8b\x08\x1f", 4),
        std::string_view("\x28\xb5\x2f\xfd", 4), std::string_view("\x28\xb5\x2f\xfd\x24\x00", 6),
        std::string_view("\x50\x2a\x4d\x18\x04\x00\x00\x00", 8), std::string_view("\x01\x00\x00", 3)}};

} // namespace

int main(int argc, char** argv)
{
    // The first byte picks the first pass's read size (fuzz_compressed_input.cpp).
    return pdnsw::fuzz::runSeedCorpus(argc, argv, "fuzz_compressed_seed_runner",
        [](pdnsw::fuzz::Bytes& b, std::mt19937& rng, const std::vector<pdnsw::fuzz::Bytes>& seeds) {
            pdnsw::fuzz::mutateText(b, rng, seeds, 1, kCompressedBytes, 20000);
        });
}
