#pragma once

#include <cstdint>
#include <functional>
#include <random>
#include <string_view>
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

// What a text format is made of, for mutateText: the characters that frame fields and records, and whole tokens
// (keywords, field names, edge numbers, odd encodings).
struct TextVocabulary
{
    std::string_view structure;
    std::vector<std::string_view> tokens;
};

// Mutations aimed at text formats (logs, JSON, HTML): structural characters and tokens put in, random bytes,
// cut, dropped and repeated stretches, long runs of one character (over-long lines and fields), pieces of other
// seeds spliced in, and the first `selectors` bytes (which pick what the entry point does) set anew. The input
// never grows past maxSize by a repeat or splice.
void mutateText(Bytes& input, std::mt19937& rng, const std::vector<Bytes>& seeds, std::size_t selectors,
    const TextVocabulary& vocabulary, std::size_t maxSize = 100000);

} // namespace pdnsw::fuzz
