// Runs the log-reader fuzz entry point without libFuzzer: every seed as is, then a bounded number of seeded
// mutations of them, so its invariants are checked in every build, clang or not.
//   fuzz_log_seed_runner DIR... [--mutations N] [--seed S]
// Seeds: fuzz/corpus (the log fixtures behind a first byte that picks format and chunk size, see
// fuzz_log_lines.cpp).

#include "fuzz/FuzzSeedDriver.h"

#include <random>
#include <vector>

namespace {

// Line formats: separators, quotes, brackets and line ends; Zeek header lines and unset markers, passivedns
// "||", COF field names, numbers at their edges, broken escapes and encodings.
const pdnsw::fuzz::TextVocabulary kLogText{"\n\r\t|{}[]\",:\\-#. 0123456789eE+",
    {"#fields\t", "#separator \\x09\n", "#set_separator\t,\n", "(empty)", "-", "||", "\"rrname\":", "\"rdata\":[",
        "\"time_first\":", "null", "true", "1e308", "-1", "18446744073709551616", "\\x", "\\u0000", "\xff\xfe",
        "\xc3\xa9", "xn--", ".", "\r\n"}};

} // namespace

int main(int argc, char** argv)
{
    // The first byte picks the format and the chunk size (fuzz_log_lines.cpp).
    return pdnsw::fuzz::runSeedCorpus(argc, argv, "fuzz_log_seed_runner",
        [](pdnsw::fuzz::Bytes& b, std::mt19937& rng, const std::vector<pdnsw::fuzz::Bytes>& seeds) {
            pdnsw::fuzz::mutateText(b, rng, seeds, 1, kLogText);
        });
}
