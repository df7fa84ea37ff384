// Runs the provider-page fuzz entry point without libFuzzer: every seed as is, then a bounded number of seeded
// mutations of them, so its invariants are checked in every build, clang or not.
//   fuzz_provider_seed_runner DIR... [--mutations N] [--seed S]
// Seeds: fuzz/corpus (the recorded answer fixtures behind three bytes that pick provider, question and HTTP
// status, see fuzz_provider_pages.cpp).

#include "fuzz/FuzzSeedDriver.h"

#include <random>
#include <vector>

namespace {

// JSON, NDJSON and the HTML DNSDumpster answers with: brackets, quotes, escapes, numbers at their edges, the
// field names the parsers look for, and markup.
const pdnsw::fuzz::TextVocabulary kAnswerText{"{}[]\",:\\\n\r\t <>/=.-0123456789eE+",
    {"null", "true", "false", "\"\"", "[]", "{}", "1e308", "-1", "0.5", "18446744073709551616", "-9223372036854775809",
        "\"rrname\":", "\"rdata\":", "\"rrtype\":", "\"time_first\":", "\"time_last\":", "\"count\":",
        "\"zone_time_first\":", "\"data\":", "\"links\":{\"next\":\"https://evil.example/x\"}",
        "\"next\":", "\"cursor\":", "\"meta\":", "\"pages\":", "\"total\":", "\"@odata.nextLink\":", "\"value\":",
        "\"passive_dns\":", "\"records\":", "\"values\":", "\"ip\":", "\"hostname\":", "\"last_resolved\":",
        "\"date\":", "\"first_seen\":", "\"last_seen\":", "{\"cond\":\"begin\"}\n", "{\"cond\":\"succeeded\"}\n",
        "{\"cond\":\"limited\",\"msg\":\"x\"}\n", "<tr><td>", "</td></tr>", "<table>", "\\u0000", "\\ud800", "\xff\xfe",
        "\xc3\xa9", "xn--", "2001:db8::", "192.0.2.", "example.com."}};

} // namespace

int main(int argc, char** argv)
{
    // The first three bytes pick provider, question and status (fuzz_provider_pages.cpp).
    return pdnsw::fuzz::runSeedCorpus(argc, argv, "fuzz_provider_seed_runner",
        [](pdnsw::fuzz::Bytes& b, std::mt19937& rng, const std::vector<pdnsw::fuzz::Bytes>& seeds) {
            pdnsw::fuzz::mutateText(b, rng, seeds, 3, kAnswerText);
        });
}
