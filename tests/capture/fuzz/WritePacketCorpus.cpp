// Writes the frame-form seeds of the packet-path fuzz target (see fuzz_packet_path.cpp) into a folder, built with
// the test fixtures so each seed is readable code: every link type, IPv4/IPv6 fragments, DNS over TCP with split,
// retransmitted and coalesced messages, negative answers, expiry, mDNS/LLMNR and odd ports.
//   packet_corpus_writer DIR

#include "PcapFixture.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>

#include <cstdio>

using namespace pdnsw::test;

namespace {

// Indexes into the link-type table of fuzz_packet_path.cpp.
enum Link : char
{
    Ethernet = 0,
    Raw = 1,
    Sll = 2,
    Sll2 = 3,
    Null = 4,
};

const QString kClient = QStringLiteral("192.0.2.10");
const QString kServer = QStringLiteral("198.51.100.53");
const QString kClient6 = QStringLiteral("2001:db8::10");
const QString kServer6 = QStringLiteral("2001:db8::53");

class Seed
{
public:
    explicit Seed(Link link)
        : m_bytes(1, char(link))
    {
    }
    Seed& frame(const QByteArray& f)
    {
        m_bytes += DnsBuilder::u16(std::uint16_t(f.size())) + f;
        return *this;
    }
    Seed& minuteLater()
    {
        m_bytes += DnsBuilder::u16(0xFFFF);
        return *this;
    }
    const QByteArray& bytes() const { return m_bytes; }

private:
    QByteArray m_bytes;
};

QByteArray query(std::uint16_t id, const QString& name, std::uint16_t type = 1)
{
    return DnsBuilder(id, false).question(name, type).build();
}

QByteArray chain(std::uint16_t id)
{
    return DnsBuilder(id, true)
        .question(QStringLiteral("WWW.Shop.Example"), 1)
        .answer(QStringLiteral("www.shop.example"), 5, 60, DnsBuilder::name(QStringLiteral("shop.cdn.example")))
        .answer(QStringLiteral("shop.cdn.example"), 1, 20, DnsBuilder::a(QStringLiteral("203.0.113.20")))
        .answer(QStringLiteral("shop.cdn.example"), 1, 20, DnsBuilder::a(QStringLiteral("203.0.113.21")))
        .authority(QStringLiteral("cdn.example"), 2, 3600, DnsBuilder::name(QStringLiteral("ns1.cdn.example")))
        .additional(QStringLiteral("ns1.cdn.example"), 1, 3600, DnsBuilder::a(QStringLiteral("203.0.113.1")))
        .build();
}

QByteArray aaaa(std::uint16_t id)
{
    return DnsBuilder(id, true)
        .question(QStringLiteral("v6.example"), 28)
        .answer(QStringLiteral("v6.example"), 28, 300, DnsBuilder::aaaa(QStringLiteral("2001:db8::7")))
        .build();
}

QByteArray nxdomain(std::uint16_t id)
{
    const QByteArray soa = DnsBuilder::name(QStringLiteral("ns1.example"))
        + DnsBuilder::name(QStringLiteral("h.example")) + DnsBuilder::u32(1) + DnsBuilder::u32(7200)
        + DnsBuilder::u32(3600) + DnsBuilder::u32(1209600) + DnsBuilder::u32(120);
    return DnsBuilder(id, true, 3)
        .question(QStringLiteral("gone.example"), 1)
        .authority(QStringLiteral("example"), 6, 900, soa)
        .build();
}

QByteArray big(std::uint16_t id)
{
    DnsBuilder b(id, true);
    b.question(QStringLiteral("many.example"), 1);
    for (int i = 0; i < 40; ++i)
        b.answer(QStringLiteral("many.example"), 1, 60, DnsBuilder::a(QStringLiteral("192.0.2.%1").arg(i + 1)));
    return b.build();
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    if (argc != 2) {
        std::fprintf(stderr, "usage: %s DIR\n", argv[0]);
        return 2;
    }
    const QDir dir(QString::fromLocal8Bit(argv[1]));
    QMap<QString, QByteArray> seeds;

    seeds[QStringLiteral("eth-udp-chain")]
        = Seed(Ethernet)
              .frame(ethernet(udp4(kClient, kServer, 40000, 53, query(7, QStringLiteral("www.shop.example")))))
              .frame(ethernet(udp4(kServer, kClient, 53, 40000, chain(7))))
              .bytes();
    seeds[QStringLiteral("raw-udp6-aaaa")]
        = Seed(Raw)
              .frame(udp6(kClient6, kServer6, 40001, 53, query(8, QStringLiteral("v6.example"), 28)))
              .frame(udp6(kServer6, kClient6, 53, 40001, aaaa(8)))
              .bytes();
    {
        Seed s(Ethernet);
        const QList<QByteArray> pieces
            = ipv4Fragments(kServer, kClient, 17, udp(53, 40002, big(9)), 77, {{512, 512}, {0, 512}, {1024, 2000}});
        for (const QByteArray& p : pieces)
            s.frame(ethernet(p));
        seeds[QStringLiteral("eth-ipv4-fragments")] = s.bytes();
    }
    {
        Seed s(Raw);
        const QList<QByteArray> pieces
            = ipv6Fragments(kServer6, kClient6, 17, udp(53, 40003, big(10)), 99, {{0, 296}, {296, 2000}});
        for (const QByteArray& p : pieces)
            s.frame(p);
        seeds[QStringLiteral("raw-ipv6-fragments")] = s.bytes();
    }
    {
        const QByteArray m1 = tcpMessage(chain(11));
        const QByteArray m2 = tcpMessage(nxdomain(12));
        Seed s(Ethernet);
        s.frame(ethernet(tcp4(kClient, kServer, 40004, 53, 1000, TcpFlags::Syn, {})));
        s.frame(ethernet(tcp4(kServer, kClient, 53, 40004, 5000, TcpFlags::Syn | TcpFlags::Ack, {})));
        s.frame(ethernet(tcp4(kClient, kServer, 40004, 53, 1001, TcpFlags::Psh | TcpFlags::Ack,
            tcpMessage(query(11, QStringLiteral("www.shop.example"))))));
        // The first answer split in two, its second half retransmitted, then two messages in one segment.
        s.frame(ethernet(tcp4(kServer, kClient, 53, 40004, 5001, TcpFlags::Ack, m1.left(20))));
        s.frame(ethernet(tcp4(kServer, kClient, 53, 40004, 5021, TcpFlags::Psh | TcpFlags::Ack, m1.mid(20))));
        s.frame(ethernet(tcp4(kServer, kClient, 53, 40004, 5021, TcpFlags::Psh | TcpFlags::Ack, m1.mid(20))));
        s.frame(ethernet(tcp4(
            kServer, kClient, 53, 40004, 5001 + std::uint32_t(m1.size()), TcpFlags::Psh | TcpFlags::Ack, m2 + m2)));
        s.frame(ethernet(tcp4(kServer, kClient, 53, 40004, 5001 + std::uint32_t(m1.size() + 2 * m2.size()),
            TcpFlags::Fin | TcpFlags::Ack, {})));
        seeds[QStringLiteral("eth-tcp-stream")] = s.bytes();
    }
    seeds[QStringLiteral("sll-nxdomain-unanswered")]
        = Seed(Sll)
              .frame(linuxSll(udp4(kClient, kServer, 40005, 53, query(13, QStringLiteral("gone.example")))))
              .frame(linuxSll(udp4(kServer, kClient, 53, 40005, nxdomain(13))))
              .frame(linuxSll(udp4(kClient, kServer, 40006, 53, query(14, QStringLiteral("silent.example")))))
              .minuteLater()
              .frame(linuxSll(udp4(kClient, kServer, 40007, 53, query(15, QStringLiteral("later.example")))))
              .bytes();
    seeds[QStringLiteral("sll2-mdns-llmnr")]
        = Seed(Sll2)
              .frame(linuxSll2(udp4(QStringLiteral("192.168.1.20"), QStringLiteral("224.0.0.251"), 5353, 5353,
                  DnsBuilder(0, true)
                      .answer(QStringLiteral("printer.local"), 1, 120, DnsBuilder::a(QStringLiteral("192.168.1.20")))
                      .build())))
              .frame(linuxSll2(udp4(QStringLiteral("192.168.1.30"), QStringLiteral("192.168.1.5"), 5355, 50000,
                  DnsBuilder(3, true)
                      .question(QStringLiteral("laptop"), 1)
                      .answer(QStringLiteral("laptop"), 1, 30, DnsBuilder::a(QStringLiteral("192.168.1.30")))
                      .build())))
              .bytes();
    seeds[QStringLiteral("null-port5300")]
        = Seed(Null).frame(bsdNull(udp4(kServer, kClient, 5300, 40008, aaaa(16)), 2)).bytes();
    seeds[QStringLiteral("eth-qinq")]
        = Seed(Ethernet).frame(ethernet(udp4(kServer, kClient, 53, 40009, chain(17)), false, {0x88a8, 0x8100})).bytes();
    seeds[QStringLiteral("eth-pppoe-udp")]
        = Seed(Ethernet).frame(pppoe(udp4(kServer, kClient, 53, 40010, nxdomain(18)))).bytes();

    for (auto it = seeds.cbegin(); it != seeds.cend(); ++it) {
        QFile f(dir.filePath(QStringLiteral("frames-%1.bin").arg(it.key())));
        if (!f.open(QIODevice::WriteOnly) || f.write(it.value()) != it.value().size()) {
            std::fprintf(stderr, "cannot write %s\n", qPrintable(f.fileName()));
            return 1;
        }
    }
    std::printf("wrote %lld seeds to %s\n", static_cast<long long>(seeds.size()), qPrintable(dir.path()));
    return 0;
}
