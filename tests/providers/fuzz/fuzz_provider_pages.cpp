// libFuzzer entry point for the provider answer parsers (DNSDB, CIRCL, VirusTotal, Mnemonic, OTX,
// SecurityTrails, Defender TI, DNSDumpster): a page body, as a service (or anyone between it and us) could send
// it, through classify() and parsePage() the way the engine and `pdnsw-cli reparse` call them. Built as a
// libFuzzer target with PDNSW_ENABLE_FUZZING=ON under clang, and always linked into fuzz_provider_seed_runner.
// Every invariant failure aborts, which both harnesses report as a crash.
//
// Input: byte 0 picks the provider, byte 1 the question (name, IPv4, IPv6, CIDR; with or without a time fence
// and a limit), byte 2 the HTTP status; the rest is the body. A byte 0 of 0xf0 and above makes the rest a DNS
// response for the system resolver's "now" answer instead (byte 1: A or AAAA).

#include "fuzz/FuzzObservationChecks.h"
#include "providers/Provider.h"
#include "providers/ProviderCatalog.h"
#include "providers/ProviderConfig.h"
#include "providers/ProviderRegistry.h"
#include "providers/SystemResolver.h"

#include <QStringList>

using namespace pdnsw;

namespace {

[[noreturn]] void fail(const char* what, const QString& detail)
{
    fuzz::fail("fuzz_provider_pages", what, detail);
}

using fuzz::printable;

QString describe(const Observation& o)
{
    auto number = [](const std::optional<qint64>& v) { return v ? QString::number(*v) : QStringLiteral("-"); };
    return QStringList{o.rrname, o.rrtype, o.rdata, sectionName(o.section), number(o.firstSeen), number(o.lastSeen),
        number(o.count), o.attrs}
        .join(u'|');
}

// What a page yields for the case; its state may differ between live and reparse (only the live parse knows
// whether more pages follow, and so whether a limit cut the answer short).
QString describe(const PageParse& p)
{
    QStringList parts{QString::number(p.rows), QString::number(p.rejected)};
    parts += p.problems;
    for (const Observation& o : p.observations)
        parts += describe(o);
    return parts.join(u'\n');
}

ProviderQuestion question(std::uint8_t selector)
{
    static const char* const kQuestions[] = {"example.com", "192.0.2.1", "2001:db8::1", "198.51.100.0/24"};
    QString why;
    std::optional<ProviderQuestion> q = parseQuestion(QString::fromLatin1(kQuestions[selector & 3]), &why);
    if (!q)
        fail("a fixed question does not parse", why);
    if (selector & 4) {
        q->since = 1500000000;
        q->until = 1600000000;
    }
    if (selector & 8)
        q->limit = 1 + (selector >> 4);
    return *q;
}

void checkParse(
    const Provider& provider, const ProviderQuestion& q, const ProviderConfig& config, const PageParse& parse)
{
    if (parse.rows < 0 || parse.rejected < 0)
        fail("negative counts", describe(parse));
    if (parse.problems.size() > 20)
        fail("unbounded problem list", QString::number(parse.problems.size()));
    if (!printable(parse.message) || parse.message.size() > 4096)
        fail("service message", parse.message.left(200));
    for (const QString& problem : parse.problems) {
        if (problem.isEmpty() || !printable(problem) || problem.size() > 4096)
            fail("problem text", problem.left(200));
    }
    if (q.limit > 0 && parse.observations.size() > q.limit)
        fail("more observations than the limit", describe(parse));
    for (const Observation& o : parse.observations) {
        const QString d = describe(o);
        if (const char* broken = fuzz::brokenObservationPromise(o))
            fail(broken, d);
        // The time fence: nothing entirely outside [since, until].
        if (q.since && o.lastSeen && *o.lastSeen < *q.since)
            fail("observation before the fence", d);
        if (q.until && o.firstSeen && *o.firstSeen > *q.until)
            fail("observation after the fence", d);
    }
    if (parse.next) {
        // The next page must go to the same service: a body naming another host would get the key sent there.
        if (!parse.next->url.startsWith(config.baseUrl))
            fail("next page leaves the service", parse.next->url);
        if (parse.next->page < 2)
            fail("next page number", QString::number(parse.next->page));
    }
    Q_UNUSED(provider);
}

// The "now" answer: the system resolver's DNS response for the name, parsed by SystemResolver (what a hostile
// resolver or network sends).
void checkResolverResponse(const QByteArray& message, std::uint8_t selector)
{
    const quint16 qtype = (selector & 1) ? 28 : 1;
    QList<Observation> records;
    const QString rcode
        = SystemResolver::parseResponse(message, QStringLiteral("Example.COM."), qtype, 1700000000, &records);
    if (!printable(rcode))
        fail("resolver rcode text", rcode);
    if (rcode.isEmpty() && !records.isEmpty())
        fail("records from an unusable response", QString::number(records.size()));
    for (const Observation& o : records) {
        if (const char* broken = fuzz::brokenObservationPromise(o))
            fail(broken, describe(o));
        if (o.firstSeen != 1700000000 || o.lastSeen != 1700000000)
            fail("resolver answer time", describe(o));
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    if (size < 3)
        return 0;
    if (data[0] >= 0xf0) {
        checkResolverResponse(
            QByteArray(reinterpret_cast<const char*>(data) + 3, static_cast<qsizetype>(size - 3)), data[1]);
        return 0;
    }
    const QList<ProviderDescriptor>& catalog = providerCatalog();
    const ProviderDescriptor& descriptor = catalog.at(data[0] % catalog.size());
    const Provider* provider = providerById(descriptor.id);
    if (!provider)
        fail("catalog provider without an implementation", descriptor.id);
    const ProviderQuestion q = question(data[1]);
    static const int kStatuses[] = {200, 200, 200, 200, 200, 206, 400, 401, 402, 403, 404, 429, 500, 503, 204, 302};
    const int status = kStatuses[data[2] % std::size(kStatuses)];
    const QByteArray body(reinterpret_cast<const char*>(data) + 3, static_cast<qsizetype>(size - 3));

    const StatusVerdict verdict = provider->classify(status, body);
    if (!printable(verdict.message) || verdict.message.size() > 4096)
        fail("status message", verdict.message.left(200));
    if (!provider->unsupportedReason(q).isEmpty())
        return 0;

    ProviderConfig config;
    config.descriptor = descriptor;
    config.baseUrl = descriptor.defaultBaseUrl;
    config.key = "fuzz-key";
    QString error;
    const QList<HttpRequest> requests = provider->initialRequests(q, config, &error);
    if (requests.isEmpty())
        return 0;

    // As the engine parses a page (it knows the request and the configuration, so it can ask for the next one)
    // and as reparse does (neither): both must find the same records, or reparse rebuilds another case.
    PageContext live{requests.first().url, status, body, {}, &requests.first(), &config, 0};
    PageParse parsed = provider->parsePage(q, live);
    Provider::clampToLimit(parsed, q, 0);
    checkParse(*provider, q, config, parsed);

    PageContext stored{requests.first().url, status, body, {}, nullptr, nullptr, 0};
    PageParse reparsed = provider->parsePage(q, stored);
    Provider::clampToLimit(reparsed, q, 0);
    checkParse(*provider, q, config, reparsed);
    if (reparsed.next)
        fail("a page parsed without its request asks for a next page", reparsed.next->url);
    reparsed.next = parsed.next;
    if (describe(parsed) != describe(reparsed))
        fail("live and reparsed pages differ",
            QStringLiteral("%1\n%2\n<>\n%3").arg(descriptor.id, describe(parsed), describe(reparsed)));
    return 0;
}
