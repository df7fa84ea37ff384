#pragma once

#include <cstdint>
#include <functional>
#include <random>
#include <vector>

namespace pdnsw::fuzz {

using Bytes = std::vector<std::uint8_t>;
// Changes one input in place; the other seeds are there to splice pieces from.
using Mutator = std::function<void(Bytes& input, std::mt19937& rng, const std::vector<Bytes>& seeds)>;

// The plain (non-libFuzzer) driver of a fuzz entry point, so its invariants run in every build, clang or not:
// every file of the seed folders as is (sorted by path, the same order everywhere), then a bounded number of
// mutations of them from a fixed random seed, so a failing run can be replayed.
//   NAME DIR... [--mutations N] [--seed S]
// Each input reaches LLVMFuzzerTestOneInput as an exact-size heap copy, so a sanitizer build catches any read
// past its end. Files ending in .md (notes about a corpus) are not inputs. Returns the process exit status.
int runSeedCorpus(int argc, char** argv, const char* name, const Mutator& mutate);

// A mutation every runner uses: a piece (1..maxPiece bytes) of a random seed inserted at a random place of the
// input, unless the input already has maxSize bytes. The first `keep` bytes of both (a selector byte) are never
// part of it.
void spliceFromSeed(Bytes& input, std::mt19937& rng, const std::vector<Bytes>& seeds, std::size_t maxPiece,
    std::size_t maxSize, std::size_t keep = 0);

} // namespace pdnsw::fuzz
