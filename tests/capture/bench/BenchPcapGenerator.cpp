#include "BenchPcapGenerator.h"

#include <QFile>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <numeric>
#include <queue>
#include <random>
#include <string>
#include <string_view>
#include <vector>

namespace pdnsw::bench {
namespace {

using Bytes = std::vector<std::uint8_t>;

constexpr std::uint16_t kA = 1, kCname = 5, kSoa = 6, kPtr = 12, kAaaa = 28, kHttps = 65;
constexpr std::uint64_t kSecond = 1'000'000;

std::uint64_t mix(std::uint64_t x)
{
    x += 0x9E3779B97F4A7C15ull;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
    return x ^ (x >> 31);
}

void put16(Bytes& b, std::uint16_t v)
{
    b.push_back(std::uint8_t(v >> 8));
    b.push_back(std::uint8_t(v));
}

void put32(Bytes& b, std::uint32_t v)
{
    put16(b, std::uint16_t(v >> 16));
    put16(b, std::uint16_t(v));
}

void set16(Bytes& b, std::size_t at, std::uint16_t v)
{
    b[at] = std::uint8_t(v >> 8);
    b[at + 1] = std::uint8_t(v);
}

// Labels of a dotted name, with a compression pointer to `pointer` instead of the root when it is non-zero.
void putName(Bytes& b, std::string_view name, std::uint16_t pointer = 0)
{
    std::size_t start = 0;
    while (start < name.size()) {
        std::size_t dot = name.find('.', start);
        if (dot == std::string_view::npos)
            dot = name.size();
        b.push_back(std::uint8_t(dot - start));
        b.insert(b.end(), name.begin() + std::ptrdiff_t(start), name.begin() + std::ptrdiff_t(dot));
        start = dot + 1;
    }
    if (pointer)
        put16(b, std::uint16_t(0xC000 | pointer));
    else
        b.push_back(0);
}

// Offset of the suffix made of the last `labels` labels of `name` when the name is written at `at` (a label's
// length octet sits where the dot before it is in the text).
std::uint16_t suffixOffset(std::string_view name, int labels, std::size_t at)
{
    std::vector<std::size_t> starts{0};
    for (std::size_t i = 0; i < name.size(); ++i)
        if (name[i] == '.')
            starts.push_back(i + 1);
    const std::size_t n = starts.size();
    return std::uint16_t(at + (std::size_t(labels) >= n ? 0 : starts[n - std::size_t(labels)]));
}

struct Endpoint
{
    bool v6 = false;
    std::uint8_t addr[16] = {};
};

struct Frame
{
    std::uint64_t time;
    std::uint64_t order; // ties keep generation order
    Bytes bytes;
    bool operator>(const Frame& o) const { return time != o.time ? time > o.time : order > o.order; }
};

class Writer
{
public:
    explicit Writer(std::FILE* f)
        : m_file(f)
        , m_buffer(1 << 22)
    {
        std::setvbuf(m_file, m_buffer.data(), _IOFBF, m_buffer.size());
        const std::uint32_t header[6] = {0xA1B2C3D4, 0x00040002, 0, 0, 65535, 1};
        std::fwrite(header, 1, 24, m_file);
    }
    // Queues a frame; frames leave in time order once nothing earlier can still be queued.
    void queue(std::uint64_t time, Bytes bytes) { m_pending.push(Frame{time, m_order++, std::move(bytes)}); }
    void writeUntil(std::uint64_t time)
    {
        while (!m_pending.empty() && m_pending.top().time < time) {
            write(m_pending.top());
            m_pending.pop();
        }
    }
    void drain() { writeUntil(~0ull); }
    std::uint64_t queuedAndWritten() const { return packets + m_pending.size(); }

    std::uint64_t packets = 0;
    std::uint64_t bytes = 24;

private:
    void write(const Frame& f)
    {
        const std::uint32_t rec[4] = {std::uint32_t(f.time / kSecond), std::uint32_t(f.time % kSecond),
            std::uint32_t(f.bytes.size()), std::uint32_t(f.bytes.size())};
        std::fwrite(rec, 1, 16, m_file);
        std::fwrite(f.bytes.data(), 1, f.bytes.size(), m_file);
        ++packets;
        bytes += 16 + f.bytes.size();
    }
    std::FILE* m_file;
    std::vector<char> m_buffer;
    std::priority_queue<Frame, std::vector<Frame>, std::greater<>> m_pending;
    std::uint64_t m_order = 0;
};

class FrameBuilder
{
public:
    // Ethernet + IPv4/IPv6 + UDP or TCP around `payload`.
    Bytes build(const Endpoint& src, const Endpoint& dst, bool tcp, std::uint16_t sport, std::uint16_t dport,
        const Bytes& payload, std::uint32_t seq = 0, std::uint32_t ack = 0, std::uint8_t flags = 0x18)
    {
        Bytes f;
        f.reserve(payload.size() + 80);
        static const std::uint8_t macs[12] = {0x00, 0x16, 0x3e, 0x11, 0x22, 0x33, 0x52, 0x54, 0x00, 0xab, 0xcd, 0xef};
        f.insert(f.end(), macs, macs + 12);
        put16(f, src.v6 ? 0x86DD : 0x0800);
        const std::size_t l4 = (tcp ? 20 : 8) + payload.size();
        if (src.v6) {
            put32(f, 0x60000000);
            put16(f, std::uint16_t(l4));
            f.push_back(tcp ? 6 : 17);
            f.push_back(64);
            f.insert(f.end(), src.addr, src.addr + 16);
            f.insert(f.end(), dst.addr, dst.addr + 16);
        } else {
            f.push_back(0x45);
            f.push_back(0);
            put16(f, std::uint16_t(20 + l4));
            put16(f, m_ipId++);
            put16(f, 0x4000); // don't fragment
            f.push_back(64);
            f.push_back(tcp ? 6 : 17);
            put16(f, 0);
            f.insert(f.end(), src.addr, src.addr + 4);
            f.insert(f.end(), dst.addr, dst.addr + 4);
        }
        put16(f, sport);
        put16(f, dport);
        if (tcp) {
            put32(f, seq);
            put32(f, ack);
            f.push_back(0x50);
            f.push_back(flags);
            put16(f, 64240);
            put32(f, 0);
        } else {
            put16(f, std::uint16_t(8 + payload.size()));
            put16(f, 0);
        }
        f.insert(f.end(), payload.begin(), payload.end());
        // Real checksums, so tools that check them (tshark's expert info) see clean traffic.
        const std::size_t ip = 14, l4At = src.v6 ? ip + 40 : ip + 20;
        if (!src.v6)
            set16(f, ip + 10, checksum(0, f.data() + ip, 20));
        std::uint32_t pseudo = (tcp ? 6u : 17u) + std::uint32_t(l4);
        const std::size_t addrAt = src.v6 ? ip + 8 : ip + 12, addrLen = src.v6 ? 32 : 8;
        for (std::size_t i = 0; i < addrLen; i += 2)
            pseudo += std::uint32_t(f[addrAt + i] << 8 | f[addrAt + i + 1]);
        std::uint16_t sum = checksum(pseudo, f.data() + l4At, l4);
        if (!tcp && sum == 0)
            sum = 0xFFFF;
        set16(f, l4At + (tcp ? 16 : 6), sum);
        return f;
    }

private:
    static std::uint16_t checksum(std::uint32_t sum, const std::uint8_t* p, std::size_t n)
    {
        for (std::size_t i = 0; i + 1 < n; i += 2)
            sum += std::uint32_t(p[i] << 8 | p[i + 1]);
        if (n & 1)
            sum += std::uint32_t(p[n - 1] << 8);
        while (sum >> 16)
            sum = (sum & 0xFFFF) + (sum >> 16);
        return std::uint16_t(~sum);
    }

    std::uint16_t m_ipId = 1;
};

enum class Kind : std::uint8_t
{
    Plain, // a few fixed addresses
    Rotating, // two of a pool of eight, changing every five minutes
    Cname, // -> a shared CDN edge name
    Cname2, // -> a traffic manager -> a CDN edge name
    Big, // many addresses: truncated over UDP, retried over TCP
    NxDomain, // does not exist (typos, DGA-like labels)
};

struct Name
{
    std::string text;
    std::uint64_t hash = 0;
    Kind kind = Kind::Plain;
    int zoneLabels = 2; // the SOA owner of a negative answer: the registrable domain, or the TLD
    int v4 = 1;
    int v6 = 0; // 0: AAAA is NODATA
    std::uint32_t ttl = 300;
    std::string target1; // CNAME chain
    std::string target2;
};

const char* const kWords[] = {"shop", "mail", "news", "bank", "cloud", "media", "games", "travel", "health", "sport",
    "music", "photo", "market", "social", "video", "search", "weather", "food", "auto", "home", "tech", "book", "learn",
    "jobs", "city", "radio", "stream", "secure", "fast", "green", "blue", "star"};
const char* const kSubs[] = {"", "www", "mail", "api", "cdn", "static", "img", "login", "m", "news", "app", "update",
    "ads", "track", "portal", "files"};
const char* const kTlds[] = {"com", "com", "com", "com", "net", "org", "de", "io", "co.uk", "fr", "nl", "ru"};
const std::uint32_t kTtls[] = {60, 300, 300, 600, 3600, 86400};

std::vector<Name> makeNames(std::uint32_t count, std::uint64_t seed)
{
    std::vector<Name> names(count);
    for (std::uint32_t i = 0; i < count; ++i) {
        Name& n = names[i];
        n.hash = mix(seed ^ (std::uint64_t(i) << 20));
        const std::uint64_t h = n.hash;
        if (h % 100 < 6) {
            // Random-looking labels under a TLD: NXDOMAIN from the TLD's servers.
            static const char alphabet[] = "abcdefghijklmnopqrstuvwxyz0123456789";
            std::uint64_t r = mix(h);
            const int len = 7 + int(r % 9);
            for (int k = 0; k < len; ++k) {
                r = mix(r);
                n.text.push_back(alphabet[r % 36]);
            }
            static const char* const nxTlds[] = {"com", "net", "info", "xyz"};
            n.text += std::to_string(i) + "." + nxTlds[(h >> 12) % 4]; // the index keeps names distinct
            n.kind = Kind::NxDomain;
            n.zoneLabels = 1;
            continue;
        }
        const std::uint32_t domain = i / 6;
        const char* tld = kTlds[mix(domain) % std::size(kTlds)];
        const std::string registrable
            = std::string(kWords[(domain * 7) % std::size(kWords)]) + std::to_string(domain) + "." + tld;
        const char* sub = kSubs[(i % 6 + domain) % std::size(kSubs)];
        n.text = *sub ? std::string(sub) + "." + registrable : registrable;
        n.zoneLabels = std::string_view(tld).find('.') != std::string_view::npos ? 3 : 2;
        const int r = int((h >> 8) % 100);
        n.kind = r < 60 ? Kind::Plain
            : r < 68    ? Kind::Rotating
            : r < 84    ? Kind::Cname
            : r < 92    ? Kind::Cname2
            : r < 93    ? Kind::Big
                        : Kind::Plain;
        n.v4 = n.kind == Kind::Big ? 14 + int(h % 10) : 1 + int((h >> 16) % 3);
        n.v6 = (h >> 20) % 100 < 45 ? 1 + int((h >> 24) % 2) : 0;
        n.ttl = kTtls[(h >> 28) % std::size(kTtls)];
        if (n.kind == Kind::Cname)
            n.target1 = "e" + std::to_string((h >> 32) % 4000) + ".a.cdn" + std::to_string((h >> 44) % 5) + "-edge.net";
        if (n.kind == Kind::Cname2) {
            n.target1 = "lb" + std::to_string((h >> 32) % 20000) + ".trafficmgr.net";
            n.target2 = "e" + std::to_string((h >> 40) % 3000) + ".b.cdn" + std::to_string((h >> 52) % 5) + "-edge.net";
        }
    }
    return names;
}

std::uint32_t remainingTtl(std::uint32_t ttl, std::uint64_t timeUsec, std::uint64_t salt)
{
    return ttl - std::uint32_t((timeUsec / kSecond + salt) % ttl);
}

std::uint32_t v4Address(std::uint64_t h)
{
    return (100u << 24) | ((64u | std::uint32_t((h >> 16) & 63)) << 16) | std::uint32_t(h & 0xFFFF);
}

// Builds the resolver's response to a query for `qname` (as written in the query, 0x20 case included).
class ResponseBuilder
{
public:
    explicit ResponseBuilder(Bytes& r)
        : m_r(r)
    {
    }

    void record(std::uint16_t owner, std::uint16_t type, std::uint32_t ttl)
    {
        put16(m_r, std::uint16_t(0xC000 | owner));
        put16(m_r, type);
        put16(m_r, 1);
        put32(m_r, ttl);
        ++answers;
    }
    void a(std::uint16_t owner, std::uint32_t ttl, std::uint32_t address)
    {
        record(owner, kA, ttl);
        put16(m_r, 4);
        put32(m_r, address);
    }
    void aaaa(std::uint16_t owner, std::uint32_t ttl, std::uint64_t h, int k)
    {
        record(owner, kAaaa, ttl);
        put16(m_r, 16);
        put32(m_r, 0x20010db8);
        put32(m_r, std::uint32_t(h >> 32) & 0xFFFF);
        put32(m_r, 0);
        put32(m_r, std::uint32_t(k + 1));
    }
    // CNAME to `target`; returns the offset of the target name for the next owner.
    std::uint16_t cname(std::uint16_t owner, std::uint32_t ttl, std::string_view target)
    {
        record(owner, kCname, ttl);
        const std::size_t lenAt = m_r.size();
        put16(m_r, 0);
        const std::size_t at = m_r.size();
        putName(m_r, target);
        set16(m_r, lenAt, std::uint16_t(m_r.size() - at));
        return std::uint16_t(at);
    }
    void soa(std::uint16_t zone, std::uint32_t ttl)
    {
        put16(m_r, std::uint16_t(0xC000 | zone));
        put16(m_r, kSoa);
        put16(m_r, 1);
        put32(m_r, ttl);
        const std::size_t lenAt = m_r.size();
        put16(m_r, 0);
        const std::size_t at = m_r.size();
        putName(m_r, "ns1", zone);
        putName(m_r, "hostmaster", zone);
        for (std::uint32_t v : {2024110101u, 7200u, 3600u, 1209600u, 900u})
            put32(m_r, v);
        set16(m_r, lenAt, std::uint16_t(m_r.size() - at));
        ++authority;
    }

    std::uint16_t answers = 0;
    std::uint16_t authority = 0;

private:
    Bytes& m_r;
};

void opt(Bytes& m, std::uint16_t size)
{
    m.push_back(0);
    put16(m, 41);
    put16(m, size);
    put32(m, 0);
    put16(m, 0);
}

} // namespace

GeneratedCapture writeBenchCapture(
    const QString& path, std::uint64_t minPackets, std::uint32_t nameCount, std::uint64_t seed)
{
    GeneratedCapture out;
    std::FILE* file = std::fopen(QFile::encodeName(path).constData(), "wb");
    if (!file || nameCount == 0)
        return out;
    Writer w(file);
    FrameBuilder frames;
    std::mt19937_64 rng(seed);
    std::uniform_real_distribution<double> unit(0.0, 1.0);

    const std::vector<Name> names = makeNames(nameCount, seed);
    // Zipf popularity (s = 1) over a shuffled rank order.
    std::vector<std::uint32_t> byRank(nameCount);
    std::iota(byRank.begin(), byRank.end(), 0u);
    std::shuffle(byRank.begin(), byRank.end(), rng);
    std::vector<double> cdf(nameCount);
    double total = 0;
    for (std::uint32_t r = 0; r < nameCount; ++r)
        cdf[r] = total += 1.0 / double(r + 1);
    std::vector<bool> asked(nameCount, false);
    std::uint32_t sweep = 0; // every name is asked at least once when the capture is long enough

    std::vector<Endpoint> clients(600), resolvers(4);
    for (std::size_t i = 0; i < clients.size(); ++i) {
        clients[i].v6 = i % 4 == 0;
        if (clients[i].v6) {
            const std::uint8_t a[16] = {0x20, 0x01, 0x0d, 0xb8, 0, 0x10, 0, std::uint8_t(i % 7), 0x02, 0x16, 0x3e, 0xff,
                0xfe, std::uint8_t(i >> 8), std::uint8_t(i), std::uint8_t(i * 7)};
            std::memcpy(clients[i].addr, a, 16);
        } else {
            const std::uint8_t a[4]
                = {10, std::uint8_t(1 + i / 250), std::uint8_t(i % 250), std::uint8_t(10 + i % 200)};
            std::memcpy(clients[i].addr, a, 4);
        }
    }
    for (std::size_t i = 0; i < resolvers.size(); ++i) {
        resolvers[i].v6 = i >= 2;
        if (resolvers[i].v6) {
            const std::uint8_t a[16]
                = {0x20, 0x01, 0x0d, 0xb8, 0, 0x53, 0, 0, 0, 0, 0, 0, 0, 0, 0, std::uint8_t(i - 1)};
            std::memcpy(resolvers[i].addr, a, 16);
        } else {
            const std::uint8_t a[4] = {192, 0, 2, std::uint8_t(53 + i)};
            std::memcpy(resolvers[i].addr, a, 4);
        }
    }

    const std::uint64_t start = 1700000000ull * kSecond;
    const std::uint64_t span = 3600ull * kSecond;
    // About 2.3 packets per transaction and 2.2 transactions per lookup.
    const double meanGap = double(span) / (double(minPackets) / 5.0);
    std::exponential_distribution<double> gap(1.0 / meanGap);
    std::uint64_t t = start;
    std::uint16_t id = 1;
    Bytes q, r;

    const auto ephemeral = [&] { return std::uint16_t(32768 + rng() % 28232); };

    // One query/response transaction. Returns nothing; queues the packets.
    const auto transaction = [&](const Endpoint& client, const Name* name, std::uint16_t qtype, std::uint64_t when,
                                 const std::string* ptrName) {
        ++out.transactions;
        const Endpoint& resolver = resolvers[(client.v6 ? 2 : 0) + rng() % 2];
        const std::uint16_t port = ephemeral();
        const std::uint16_t qid = id += 7919;
        // The question as the client (or its 0x20-randomising forwarder) wrote it.
        std::string qname = name ? name->text : *ptrName;
        if (unit(rng) < 0.03) {
            for (char& c : qname)
                if (c >= 'a' && c <= 'z' && (rng() & 1))
                    c = char(c - 32);
        }
        q.clear();
        put16(q, qid);
        put16(q, 0x0100);
        put16(q, 1);
        put16(q, 0);
        put16(q, 0);
        put16(q, 1);
        putName(q, qname);
        put16(q, qtype);
        put16(q, 1);
        const bool edns = unit(rng) < 0.85;
        if (edns)
            opt(q, 1232);
        else
            q[11] = 0;
        w.queue(when, frames.build(client, resolver, false, port, 53, q));

        const double fate = unit(rng);
        if (fate < 0.01) {
            ++out.unanswered;
            return;
        }
        const std::uint64_t delay = unit(rng) < 0.8 ? 100 + rng() % 800 : 5000 + rng() % 75000;
        const std::uint64_t rt = when + delay;
        const std::size_t questionEnd = 12 + qname.size() + 2 + 4;
        r.assign(q.begin(), q.begin() + std::ptrdiff_t(questionEnd));
        ResponseBuilder b(r);
        int rcode = 0;
        const std::uint16_t qnameAt = 12;
        if (fate < 0.013) {
            rcode = 2; // SERVFAIL
        } else if (!name) {
            // Reverse lookup: a PTR for most pool addresses, NXDOMAIN under in-addr.arpa for the rest.
            const std::uint64_t h = mix(std::hash<std::string>{}(*ptrName));
            if (h % 10 < 6) {
                b.record(qnameAt, kPtr, remainingTtl(3600, rt, h));
                const std::size_t lenAt = r.size();
                put16(r, 0);
                const std::size_t at = r.size();
                putName(r, "host-" + std::to_string(h % 65536) + ".pool.isp-example.net");
                set16(r, lenAt, std::uint16_t(r.size() - at));
            } else {
                rcode = 3;
                b.soa(suffixOffset(qname, 2, qnameAt), 3600);
            }
        } else if (name->kind == Kind::NxDomain) {
            rcode = 3;
            b.soa(suffixOffset(qname, name->zoneLabels, qnameAt), 900);
        } else {
            const std::uint64_t h = name->hash;
            std::uint16_t owner = qnameAt;
            std::uint64_t addrHash = h;
            int v4 = name->v4, v6 = name->v6;
            std::uint32_t ttl = remainingTtl(name->ttl, rt, h);
            int rotate = name->kind == Kind::Rotating ? 8 : 0;
            std::uint64_t epoch = (rt - start) / (300 * kSecond);
            if (name->kind == Kind::Cname || name->kind == Kind::Cname2) {
                owner = b.cname(owner, remainingTtl(name->ttl, rt, h), name->target1);
                const std::string& edge = name->kind == Kind::Cname2 ? name->target2 : name->target1;
                if (name->kind == Kind::Cname2)
                    owner = b.cname(owner, remainingTtl(300, rt, h >> 3), name->target2);
                // The CDN edge's own addresses: shared by every name behind it, rotating every 20 s.
                addrHash = mix(std::hash<std::string>{}(edge));
                ttl = remainingTtl(20, rt, addrHash);
                v4 = 2;
                v6 = addrHash % 3 == 0 ? 0 : 2;
                rotate = 4;
                epoch = (rt - start) / (20 * kSecond);
            }
            if (qtype == kA) {
                for (int k = 0; k < v4; ++k)
                    b.a(owner, ttl,
                        v4Address(mix(addrHash
                            + (rotate ? (epoch + std::uint64_t(k)) % std::uint64_t(rotate) : std::uint64_t(k)))));
            } else if (qtype == kAaaa && v6 > 0) {
                for (int k = 0; k < v6; ++k)
                    b.aaaa(owner, ttl, addrHash, rotate ? int((epoch + std::uint64_t(k)) % std::uint64_t(rotate)) : k);
            }
            if (qtype != kA && !(qtype == kAaaa && v6 > 0)) {
                // NODATA (after the chain, if any): the SOA of the zone holding the last name.
                if (owner == qnameAt)
                    b.soa(suffixOffset(qname, name->zoneLabels, qnameAt), 900);
                else
                    b.soa(std::uint16_t(owner + 1 + r[owner]), 60);
            }
        }
        if (edns)
            opt(r, 1232);
        r[2] = 0x81;
        r[3] = std::uint8_t(0x80 | rcode);
        set16(r, 6, b.answers);
        set16(r, 8, b.authority);
        set16(r, 10, edns ? 1 : 0);

        const bool tooBig = name && name->kind == Kind::Big && qtype == kA && (!edns || unit(rng) < 0.3);
        if (!tooBig) {
            w.queue(rt, frames.build(resolver, client, false, 53, port, r));
            return;
        }
        // Truncated over UDP (the question only, TC=1), then the client retries over TCP.
        ++out.tcpFlows;
        Bytes tc(r.begin(), r.begin() + std::ptrdiff_t(questionEnd));
        tc[2] = 0x83;
        tc[3] = 0x80;
        set16(tc, 6, 0);
        set16(tc, 8, 0);
        set16(tc, 10, 0);
        w.queue(rt, frames.build(resolver, client, false, 53, port, tc));
        const std::uint16_t tport = ephemeral();
        const std::uint32_t cs = std::uint32_t(rng()), ss = std::uint32_t(rng());
        std::uint64_t tt = rt + 200;
        Bytes lq, lr;
        put16(lq, std::uint16_t(q.size()));
        lq.insert(lq.end(), q.begin(), q.end());
        put16(lr, std::uint16_t(r.size()));
        lr.insert(lr.end(), r.begin(), r.end());
        const Bytes none;
        w.queue(tt, frames.build(client, resolver, true, tport, 53, none, cs, 0, 0x02));
        w.queue(tt += 150, frames.build(resolver, client, true, 53, tport, none, ss, cs + 1, 0x12));
        w.queue(tt += 150, frames.build(client, resolver, true, tport, 53, none, cs + 1, ss + 1, 0x10));
        w.queue(tt += 20, frames.build(client, resolver, true, tport, 53, lq, cs + 1, ss + 1, 0x18));
        const std::uint32_t cEnd = cs + 1 + std::uint32_t(lq.size());
        tt += 300 + rng() % 2000;
        if (unit(rng) < 0.25) {
            // The response split over two segments.
            const std::size_t cut = 2 + rng() % (lr.size() - 3);
            const Bytes first(lr.begin(), lr.begin() + std::ptrdiff_t(cut));
            const Bytes second(lr.begin() + std::ptrdiff_t(cut), lr.end());
            w.queue(tt, frames.build(resolver, client, true, 53, tport, first, ss + 1, cEnd, 0x10));
            w.queue(tt += 40,
                frames.build(resolver, client, true, 53, tport, second, ss + 1 + std::uint32_t(cut), cEnd, 0x18));
        } else {
            w.queue(tt, frames.build(resolver, client, true, 53, tport, lr, ss + 1, cEnd, 0x18));
        }
        if (unit(rng) < 0.15) // the ACK got lost: the server sends the response again
            w.queue(tt += 200000, frames.build(resolver, client, true, 53, tport, lr, ss + 1, cEnd, 0x18));
        const std::uint32_t sEnd = ss + 1 + std::uint32_t(lr.size());
        w.queue(tt += 300, frames.build(client, resolver, true, tport, 53, none, cEnd, sEnd, 0x11));
        w.queue(tt += 150, frames.build(resolver, client, true, 53, tport, none, sEnd, cEnd + 1, 0x11));
        w.queue(tt += 150, frames.build(client, resolver, true, tport, 53, none, cEnd + 1, sEnd + 1, 0x10));
    };

    std::uint64_t lookups = 0;
    while (w.queuedAndWritten() < minPackets) {
        t += std::uint64_t(gap(rng)) + 1;
        w.writeUntil(t);
        const Endpoint& client = clients[rng() % clients.size()];
        ++lookups;
        if (unit(rng) < 0.02) {
            // A reverse lookup of an address from the pool.
            const std::uint32_t a = v4Address(mix(rng() % 50000));
            const std::string ptr = std::to_string(a & 0xFF) + "." + std::to_string((a >> 8) & 0xFF) + "."
                + std::to_string((a >> 16) & 0xFF) + "." + std::to_string(a >> 24) + ".in-addr.arpa";
            transaction(client, nullptr, kPtr, t, &ptr);
            continue;
        }
        std::uint32_t index;
        if (lookups % 8 == 0 && sweep < nameCount) {
            while (sweep < nameCount && asked[sweep])
                ++sweep;
            index = sweep < nameCount ? sweep : 0;
        } else {
            const double u = unit(rng) * total;
            const std::uint32_t rank = std::uint32_t(std::upper_bound(cdf.begin(), cdf.end(), u) - cdf.begin());
            index = byRank[std::min(rank, nameCount - 1)];
        }
        if (!asked[index]) {
            asked[index] = true;
            ++out.names;
        }
        const Name& name = names[index];
        // Browsers and stub resolvers ask A and AAAA (dual-stack clients always), sometimes HTTPS too.
        transaction(client, &name, kA, t, nullptr);
        if (client.v6 || unit(rng) < 0.4)
            transaction(client, &name, kAaaa, t + 30 + rng() % 200, nullptr);
        if (unit(rng) < 0.12)
            transaction(client, &name, kHttps, t + 60 + rng() % 300, nullptr);
    }
    w.drain();
    std::fclose(file);
    out.packets = w.packets;
    out.bytes = w.bytes;
    return out;
}

} // namespace pdnsw::bench
