// Runs the log-reader fuzz entry point without libFuzzer: every seed as is, then a bounded number of seeded
// mutations of them, so its invariants are checked in every build, clang or not.
//   fuzz_log_seed_runner DIR... [--mutations N] [--seed S]
// Seeds: fuzz/corpus (the log fixtures behind a first byte that picks format and chunk size, see
// fuzz_log_lines.cpp).

#include "fuzz/FuzzSeedDriver.h"

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <random>
#include <vector>

namespace {

using pdnsw::fuzz::Bytes;

// Mutations aimed at line formats: the characters that frame fields and records (separators, quotes,
// brackets, line ends), digits and signs in numbers, cut lines, repeated or dropped lines, pieces of other logs
// spliced in (a Zeek header inside a COF stream), and the format byte itself.
void mutate(Bytes& b, std::mt19937& rng, const std::vector<Bytes>& seeds)
{
    const auto at = [&](std::size_t n) { return n ? static_cast<std::size_t>(rng() % n) : 0; };
    static const char kStructure[] = "\n\r\t|{}[]\",:\\-#. 0123456789eE+";
    static const char* const kTokens[] = {"#fields\t", "#separator \\x09\n", "#set_separator\t,\n", "(empty)", "-",
        "||", "\"rrname\":", "\"rdata\":[", "\"time_first\":", "null", "true", "1e308", "-1", "18446744073709551616",
        "\\x", "\\u0000", "\xff\xfe", "\xc3\xa9", "xn--", ".", "\r\n"};
    const int rounds = 1 + static_cast<int>(rng() % 5);
    for (int i = 0; i < rounds; ++i) {
        switch (rng() % 9) {
        case 0: // the format and chunk byte
            if (!b.empty())
                b[0] = static_cast<std::uint8_t>(rng());
            break;
        case 1:
            if (b.size() > 1)
                b[1 + at(b.size() - 1)] = static_cast<std::uint8_t>(kStructure[rng() % (sizeof kStructure - 1)]);
            break;
        case 2:
            if (b.size() > 1)
                b[1 + at(b.size() - 1)] = static_cast<std::uint8_t>(rng());
            break;
        case 3: {
            const char* token = kTokens[rng() % std::size(kTokens)];
            const std::size_t length = std::char_traits<char>::length(token);
            b.insert(
                b.begin() + static_cast<std::ptrdiff_t>(std::min(b.size(), 1 + at(b.size()))), token, token + length);
            break;
        }
        case 4:
            if (b.size() > 1)
                b.resize(1 + at(b.size()));
            break;
        case 5:
            if (b.size() > 1) {
                const std::size_t from = 1 + at(b.size() - 1);
                b.erase(b.begin() + static_cast<std::ptrdiff_t>(from),
                    b.begin() + static_cast<std::ptrdiff_t>(std::min(b.size(), from + 1 + at(40))));
            }
            break;
        case 6: // repeat a stretch: a duplicated line, a doubled field
            if (b.size() > 1 && b.size() < 100000) {
                const std::size_t from = 1 + at(b.size() - 1);
                const std::size_t length = 1 + at(std::min<std::size_t>(b.size() - from, 300));
                const Bytes piece(b.begin() + static_cast<std::ptrdiff_t>(from),
                    b.begin() + static_cast<std::ptrdiff_t>(from + length));
                b.insert(b.begin() + static_cast<std::ptrdiff_t>(1 + at(b.size())), piece.begin(), piece.end());
            }
            break;
        case 7: // a long run of one byte: over-long lines and fields
            if (b.size() < 100000)
                b.insert(b.begin() + static_cast<std::ptrdiff_t>(std::min(b.size(), 1 + at(b.size()))), 1 + at(5000),
                    static_cast<std::uint8_t>(kStructure[rng() % (sizeof kStructure - 1)]));
            break;
        default:
            pdnsw::fuzz::spliceFromSeed(b, rng, seeds, 400, 100000, 1);
            break;
        }
    }
}

} // namespace

int main(int argc, char** argv)
{
    return pdnsw::fuzz::runSeedCorpus(argc, argv, "fuzz_log_seed_runner", mutate);
}
