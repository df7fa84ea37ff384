#include "BenchPcapGenerator.h"

#include <QFile>

#include <cmath>
#include <cstdio>
#include <cstring>
#include <random>
#include <string>
#include <vector>

namespace pdnsw::bench {
namespace {

using Bytes = std::vector<std::uint8_t>;

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

void putName(Bytes& b, const std::string& name)
{
    std::size_t start = 0;
    while (start < name.size()) {
        std::size_t dot = name.find('.', start);
        if (dot == std::string::npos)
            dot = name.size();
        b.push_back(std::uint8_t(dot - start));
        b.insert(b.end(), name.begin() + std::ptrdiff_t(start), name.begin() + std::ptrdiff_t(dot));
        start = dot + 1;
    }
    b.push_back(0);
}

class Writer
{
public:
    explicit Writer(std::FILE* f)
        : m_file(f)
    {
        static std::vector<char> buffer(1 << 22);
        std::setvbuf(m_file, buffer.data(), _IOFBF, buffer.size());
        const std::uint32_t header[6] = {0xA1B2C3D4, 0x00040002, 0, 0, 65535, 1};
        std::fwrite(header, 1, 24, m_file);
    }
    void packet(std::uint64_t timeUsec, const Bytes& frame)
    {
        const std::uint32_t rec[4] = {std::uint32_t(timeUsec / 1000000), std::uint32_t(timeUsec % 1000000),
            std::uint32_t(frame.size()), std::uint32_t(frame.size())};
        std::fwrite(rec, 1, 16, m_file);
        std::fwrite(frame.data(), 1, frame.size(), m_file);
        ++packets;
        bytes += 16 + frame.size();
    }
    std::uint64_t packets = 0;
    std::uint64_t bytes = 24;

private:
    std::FILE* m_file;
};

struct Endpoint
{
    bool v6 = false;
    std::uint8_t addr[16] = {};
};

// Ethernet + IP + transport header around `payload`.
Bytes frame(const Endpoint& src, const Endpoint& dst, bool tcp, std::uint16_t sport, std::uint16_t dport,
    const Bytes& payload, std::uint32_t seq = 0, std::uint8_t flags = 0x18)
{
    Bytes f;
    f.reserve(payload.size() + 80);
    static const std::uint8_t macs[12] = {0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99, 0xaa, 0xbb};
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
        put32(f, 0);
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
        put32(f, 1);
        f.push_back(0x50);
        f.push_back(flags);
        put16(f, 65535);
        put32(f, 0);
    } else {
        put16(f, std::uint16_t(8 + payload.size()));
        put16(f, 0);
    }
    f.insert(f.end(), payload.begin(), payload.end());
    return f;
}

void opt(Bytes& m)
{
    m.push_back(0);
    put16(m, 41);
    put16(m, 1232);
    put32(m, 0);
    put16(m, 0);
}

} // namespace

GeneratedCapture writeBenchCapture(
    const QString& path, std::uint64_t minPackets, std::uint32_t nameCount, std::uint64_t seed)
{
    GeneratedCapture out;
    std::FILE* file = std::fopen(QFile::encodeName(path).constData(), "wb");
    if (!file)
        return out;
    Writer w(file);
    std::mt19937_64 rng(seed);
    std::uniform_real_distribution<double> unit(0.0, 1.0);

    static const char* const tlds[] = {"com", "net", "org", "de", "io", "example"};
    static const char* const words[] = {"shop", "mail", "cdn", "api", "static", "login", "news", "img", "video", "app",
        "secure", "update", "track", "ads", "files", "portal"};
    std::vector<std::string> names(nameCount);
    for (std::uint32_t i = 0; i < nameCount; ++i)
        names[i] = std::string(words[i % 16]) + "." + "site" + std::to_string(i / 16) + "." + tlds[(i / 7) % 6];

    std::vector<Endpoint> clients(600), servers(4);
    for (std::size_t i = 0; i < clients.size(); ++i) {
        clients[i].v6 = i % 5 == 0;
        if (clients[i].v6) {
            const std::uint8_t a[16]
                = {0x20, 0x01, 0x0d, 0xb8, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, std::uint8_t(i >> 8), std::uint8_t(i)};
            std::memcpy(clients[i].addr, a, 16);
        } else {
            const std::uint8_t a[4] = {10, 1, std::uint8_t(i >> 8), std::uint8_t(i)};
            std::memcpy(clients[i].addr, a, 4);
        }
    }
    for (std::size_t i = 0; i < servers.size(); ++i) {
        servers[i].v6 = i >= 2;
        if (servers[i].v6) {
            const std::uint8_t a[16] = {0x20, 0x01, 0x0d, 0xb8, 0, 0x53, 0, 0, 0, 0, 0, 0, 0, 0, 0, std::uint8_t(i)};
            std::memcpy(servers[i].addr, a, 16);
        } else {
            const std::uint8_t a[4] = {192, 0, 2, std::uint8_t(53 + i)};
            std::memcpy(servers[i].addr, a, 4);
        }
    }

    const std::uint64_t start = 1700000000ull * 1000000;
    const std::uint64_t span = 3600ull * 1000000;
    const std::uint64_t transactions = minPackets / 2 + 1;
    std::uint64_t t = start;
    const std::uint64_t step = span / transactions;
    std::uint16_t id = 1;
    Bytes q, r;
    // Every name is asked at least once (names < transactions), then popularity is Zipf-like.
    std::uint64_t n = 0;
    while (w.packets < minPackets) {
        const std::uint32_t nameIndex
            = n < nameCount ? std::uint32_t(n) : std::uint32_t(std::pow(unit(rng), 3.0) * nameCount);
        ++n;
        const std::string& name = names[nameIndex];
        const Endpoint& client = clients[rng() % clients.size()];
        const Endpoint& server = servers[(client.v6 ? 2 : 0) + rng() % 2];
        const std::uint16_t port = std::uint16_t(1024 + rng() % 60000);
        const double kind = unit(rng);
        const bool aaaa = kind >= 0.62 && kind < 0.78;
        const std::uint16_t qtype = aaaa ? 28 : 1;
        ++id;
        q.clear();
        put16(q, id);
        put16(q, 0x0100);
        put16(q, 1);
        put16(q, 0);
        put16(q, 0);
        put16(q, 1);
        putName(q, name);
        put16(q, qtype);
        put16(q, 1);
        opt(q);

        r.assign(q.begin(), q.end() - 11); // header + question, OPT re-added at the end
        std::uint16_t ancount = 0, nscount = 0;
        int rcode = 0;
        // Addresses rotate slowly over the hour, so a name has a few rdata over time.
        const std::uint32_t epoch = std::uint32_t((t - start) / (span / 4));
        const std::uint32_t h = nameIndex * 2654435761u + epoch * 40503u;
        if (kind < 0.62 || aaaa) {
            const int count = 1 + int(h % 3);
            for (int i = 0; i < count; ++i) {
                put16(r, 0xC00C);
                put16(r, qtype);
                put16(r, 1);
                put32(r, 300);
                if (aaaa) {
                    put16(r, 16);
                    put32(r, 0x20010db8);
                    put32(r, h);
                    put32(r, 0);
                    put32(r, std::uint32_t(i + 1));
                } else {
                    put16(r, 4);
                    put32(r, 0xC6330000u + ((h + std::uint32_t(i)) & 0xFFFF));
                }
                ++ancount;
            }
        } else if (kind < 0.92) {
            // CNAME chain: name -> edge<k>.cdn<j>.net (-> a<k>.edge.net) -> A
            const std::string target
                = "edge" + std::to_string(h % 97) + ".cdn" + std::to_string(nameIndex % 13) + ".net";
            put16(r, 0xC00C);
            put16(r, 5);
            put16(r, 1);
            put32(r, 3600);
            const std::size_t lenAt = r.size();
            put16(r, 0);
            const std::size_t targetAt = r.size();
            putName(r, target);
            r[lenAt] = std::uint8_t((r.size() - targetAt) >> 8);
            r[lenAt + 1] = std::uint8_t(r.size() - targetAt);
            ++ancount;
            put16(r, std::uint16_t(0xC000 | targetAt));
            put16(r, 1);
            put16(r, 1);
            put32(r, 60);
            put16(r, 4);
            put32(r, 0xCB007100u + (h % 200));
            ++ancount;
        } else {
            rcode = 3;
            put16(r, 0xC00C + 0); // authority SOA owned by the name itself (simplified zone cut)
            put16(r, 6);
            put16(r, 1);
            put32(r, 900);
            Bytes soa;
            putName(soa, "ns1.registry.example");
            putName(soa, "hostmaster.registry.example");
            for (std::uint32_t v : {2024010101u, 7200u, 3600u, 1209600u, 300u})
                put32(soa, v);
            put16(r, std::uint16_t(soa.size()));
            r.insert(r.end(), soa.begin(), soa.end());
            ++nscount;
        }
        opt(r);
        r[2] = 0x81;
        r[3] = std::uint8_t(0x80 | rcode);
        r[6] = std::uint8_t(ancount >> 8);
        r[7] = std::uint8_t(ancount);
        r[8] = std::uint8_t(nscount >> 8);
        r[9] = std::uint8_t(nscount);

        const bool overTcp = unit(rng) < 0.02;
        if (!overTcp) {
            w.packet(t, frame(client, server, false, port, 53, q));
            w.packet(t + 900, frame(server, client, false, 53, port, r));
        } else {
            // SYN, SYN-ACK, query, the response sent twice (a retransmission), FIN both ways.
            const std::uint32_t cs = std::uint32_t(rng()), ss = std::uint32_t(rng());
            Bytes lq, lr;
            put16(lq, std::uint16_t(q.size()));
            lq.insert(lq.end(), q.begin(), q.end());
            put16(lr, std::uint16_t(r.size()));
            lr.insert(lr.end(), r.begin(), r.end());
            w.packet(t, frame(client, server, true, port, 53, {}, cs, 0x02));
            w.packet(t + 300, frame(server, client, true, 53, port, {}, ss, 0x12));
            w.packet(t + 600, frame(client, server, true, port, 53, lq, cs + 1, 0x18));
            w.packet(t + 1200, frame(server, client, true, 53, port, lr, ss + 1, 0x18));
            w.packet(t + 201200, frame(server, client, true, 53, port, lr, ss + 1, 0x18));
            w.packet(t + 201500, frame(client, server, true, port, 53, {}, cs + 1 + std::uint32_t(lq.size()), 0x11));
            w.packet(t + 201800, frame(server, client, true, 53, port, {}, ss + 1 + std::uint32_t(lr.size()), 0x11));
        }
        t += step;
    }
    std::fclose(file);
    out.packets = w.packets;
    out.bytes = w.bytes;
    out.names = std::min<std::uint64_t>(n, nameCount);
    return out;
}

} // namespace pdnsw::bench
