// Each sandbox format: exact text for a small set, header with the body's SHA-256, IPv4/IPv6 on separate
// lines, Windows CRLF with at most 8 names per line, and the read-back equals the intended pins.
#include "models/sandbox/OverridePack.h"

#include <QCryptographicHash>
#include <QRegularExpression>
#include <QTest>

using namespace pdnsw;

namespace {

OverrideHeader header()
{
    OverrideHeader h;
    h.caseId = QStringLiteral("3c7d2f0e-1111-4222-8333-444455556666");
    h.caseTitle = QStringLiteral("incident-4711");
    h.asOf = QStringLiteral("2018-02-01T00:00:00Z");
    h.sources = {QStringLiteral("dns_victim.pcapng"), QStringLiteral("DNSDB")};
    h.generatedAt = 1700000000;
    return h;
}

QList<OverrideEntry> entries()
{
    return {
        {QStringLiteral("www.bad.example"), QStringLiteral("198.51.100.23"), QStringLiteral("via cdn.bad.example")},
        {QStringLiteral("www.bad.example"), QStringLiteral("2001:DB8::23"), {}},
        {QStringLiteral("Bücher.de"), QStringLiteral("203.0.113.5"), {}},
    };
}

QString bodyOf(const QString& text)
{
    // The header is the first 7 comment lines.
    qsizetype pos = 0;
    for (int i = 0; i < 7; ++i)
        pos = text.indexOf(u'\n', pos) + 1;
    return text.mid(pos);
}

} // namespace

class TestOverridePack : public QObject
{
    Q_OBJECT

private slots:
    void testBody_data();
    void testBody();
    void testHeader();
    void testWindowsEightNamesPerLine();
    void testInetsimSkipsIpv6();
    void testParserCatchesTampering_data();
    void testParserCatchesTampering();
};

void TestOverridePack::testBody_data()
{
    QTest::addColumn<QString>("format");
    QTest::addColumn<bool>("subdomains");
    QTest::addColumn<QString>("body");

    QTest::newRow("hosts") << QStringLiteral("hosts") << false
                           << QStringLiteral("# www.bad.example: via cdn.bad.example\n"
                                             "198.51.100.23\twww.bad.example\n"
                                             "2001:db8::23\twww.bad.example\n"
                                             "203.0.113.5\txn--bcher-kva.de\n");
    QTest::newRow("windows") << QStringLiteral("windows") << false
                             << QStringLiteral("# www.bad.example: via cdn.bad.example\r\n"
                                               "198.51.100.23\twww.bad.example\r\n"
                                               "2001:db8::23\twww.bad.example\r\n"
                                               "203.0.113.5\txn--bcher-kva.de\r\n");
    QTest::newRow("dnsmasq") << QStringLiteral("dnsmasq") << false
                             << QStringLiteral("# www.bad.example: via cdn.bad.example\n"
                                               "host-record=www.bad.example,198.51.100.23\n"
                                               "host-record=www.bad.example,2001:db8::23\n"
                                               "host-record=xn--bcher-kva.de,203.0.113.5\n");
    QTest::newRow("dnsmasq subdomains") << QStringLiteral("dnsmasq") << true
                                        << QStringLiteral("# www.bad.example: via cdn.bad.example\n"
                                                          "address=/www.bad.example/198.51.100.23\n"
                                                          "address=/www.bad.example/2001:db8::23\n"
                                                          "address=/xn--bcher-kva.de/203.0.113.5\n");
    QTest::newRow("unbound") << QStringLiteral("unbound") << false
                             << QStringLiteral("server:\n"
                                               "    # www.bad.example: via cdn.bad.example\n"
                                               "    local-data: \"www.bad.example. IN A 198.51.100.23\"\n"
                                               "    local-data: \"www.bad.example. IN AAAA 2001:db8::23\"\n"
                                               "    local-data: \"xn--bcher-kva.de. IN A 203.0.113.5\"\n"
                                               "    local-data-ptr: \"198.51.100.23 www.bad.example\"\n"
                                               "    local-data-ptr: \"2001:db8::23 www.bad.example\"\n"
                                               "    local-data-ptr: \"203.0.113.5 xn--bcher-kva.de\"\n");
    QTest::newRow("unbound subdomains") << QStringLiteral("unbound") << true
                                        << QStringLiteral("server:\n"
                                                          "    # www.bad.example: via cdn.bad.example\n"
                                                          "    local-zone: \"www.bad.example.\" redirect\n"
                                                          "    local-data: \"www.bad.example. IN A 198.51.100.23\"\n"
                                                          "    local-data: \"www.bad.example. IN AAAA 2001:db8::23\"\n"
                                                          "    local-zone: \"xn--bcher-kva.de.\" redirect\n"
                                                          "    local-data: \"xn--bcher-kva.de. IN A 203.0.113.5\"\n"
                                                          "    local-data-ptr: \"198.51.100.23 www.bad.example\"\n"
                                                          "    local-data-ptr: \"2001:db8::23 www.bad.example\"\n"
                                                          "    local-data-ptr: \"203.0.113.5 xn--bcher-kva.de\"\n");
    QTest::newRow("inetsim") << QStringLiteral("inetsim") << false
                             << QStringLiteral("# www.bad.example: via cdn.bad.example\n"
                                               "dns_static www.bad.example 198.51.100.23\n"
                                               "dns_static xn--bcher-kva.de 203.0.113.5\n");
}

void TestOverridePack::testBody()
{
    QFETCH(QString, format);
    QFETCH(bool, subdomains);
    QFETCH(QString, body);
    const OverrideFormat f = *overrideFormatFromName(format);
    const OverridePack pack = generateOverride(entries(), header(), f, subdomains);
    QVERIFY2(pack.ok(), qPrintable(pack.error));
    QVERIFY(pack.rejected.isEmpty());
    QCOMPARE(pack.body, body);
    QCOMPARE(bodyOf(pack.text), body);
    QVERIFY(pack.text.endsWith(body));

    // The read-back gives the pins; every line within 255 characters; LF files have no CR at all.
    const ParsedOverride parsed = parseOverride(pack.text, f);
    QVERIFY2(parsed.problems.isEmpty(), qPrintable(parsed.problems.join(u'\n')));
    QCOMPARE(parsed.pairs, QSet<AddressName>(pack.pairs.cbegin(), pack.pairs.cend()));
    if (f != OverrideFormat::Windows)
        QVERIFY(!pack.text.contains(u'\r'));
    else
        QCOMPARE(pack.text.count(QStringLiteral("\r\n")), pack.text.count(u'\n'));
    for (const QString& line : pack.text.split(u'\n'))
        QVERIFY(line.size() <= 256);
    // ASCII only.
    for (QChar c : pack.text)
        QVERIFY(c.unicode() < 0x80);
}

void TestOverridePack::testHeader()
{
    const OverridePack pack = generateOverride(entries(), header(), OverrideFormat::Hosts);
    QVERIFY(pack.ok());
    const QString expectedHash
        = QString::fromLatin1(QCryptographicHash::hash(bodyOf(pack.text).toUtf8(), QCryptographicHash::Sha256).toHex());
    QCOMPARE(pack.bodySha256, expectedHash);
    const QString head = pack.text.left(pack.text.size() - pack.body.size());
    QCOMPARE(head,
        QStringLiteral("# PDNS Workbench sandbox override (hosts)\n"
                       "# case: incident-4711 [3c7d2f0e-1111-4222-8333-444455556666]\n"
                       "# as of: 2018-02-01T00:00:00Z\n"
                       "# sources: dns_victim.pcapng, DNSDB\n"
                       "# generated: 2023-11-14T22:13:20Z\n"
                       "# body-sha256: %1\n"
                       "# entries: 2 names, 3 pins\n")
            .arg(expectedHash));
    const OverridePack one = generateOverride({entries().first()}, header(), OverrideFormat::Hosts);
    QVERIFY(one.ok());
    QVERIFY2(one.text.contains(QStringLiteral("\n# entries: 1 name, 1 pin\n")), qPrintable(one.text));
}

void TestOverridePack::testWindowsEightNamesPerLine()
{
    QList<OverrideEntry> many;
    for (int i = 0; i < 20; ++i)
        many.append({QStringLiteral("host%1.bad.example").arg(i), QStringLiteral("198.51.100.1"), {}});
    // Long names: the 255-character line limit splits before 8.
    for (int i = 0; i < 3; ++i)
        many.append({QString(60, QChar(u'a' + i)) + u'.' + QString(60, u'x') + QStringLiteral(".example"),
            QStringLiteral("198.51.100.2"), {}});
    const OverridePack pack = generateOverride(many, header(), OverrideFormat::Windows);
    QVERIFY2(pack.ok(), qPrintable(pack.error));
    const QStringList lines = pack.body.split(QStringLiteral("\r\n"), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 3 + 3); // 8 + 8 + 4 for .1, and one long name per line for .2
    for (const QString& line : lines) {
        QVERIFY(line.split(QRegularExpression(QStringLiteral("[ \\t]+"))).size() - 1 <= 8);
        QVERIFY(line.size() <= 255);
    }
    QCOMPARE(parseOverride(pack.text, OverrideFormat::Windows).pairs.size(), 23);
}

void TestOverridePack::testInetsimSkipsIpv6()
{
    const OverridePack pack = generateOverride(entries(), header(), OverrideFormat::Inetsim);
    QVERIFY(pack.ok());
    QCOMPARE(pack.pairs.size(), 2);
    QCOMPARE(pack.warnings.size(), 1);
    QVERIFY(pack.warnings.first().contains(QStringLiteral("IPv4")));
    const OverridePack hosts = generateOverride(entries(), header(), OverrideFormat::Hosts, true);
    QVERIFY(hosts.ok());
    QVERIFY(hosts.warnings.join(u' ').contains(QStringLiteral("subdomains")));
}

// The strict read-back is what stops a generator bug from shipping: hand-made damage is caught.
void TestOverridePack::testParserCatchesTampering_data()
{
    QTest::addColumn<QString>("format");
    QTest::addColumn<QString>("text");
    QTest::newRow("hosts address alone") << QStringLiteral("hosts") << QStringLiteral("1.2.3.4\n");
    QTest::newRow("hosts legacy address") << QStringLiteral("hosts") << QStringLiteral("0x7f.1\tevil.com\n");
    QTest::newRow("hosts upper case") << QStringLiteral("hosts") << QStringLiteral("1.2.3.4\tEvil.com\n");
    QTest::newRow("hosts stray CR") << QStringLiteral("hosts") << QStringLiteral("1.2.3.4\tevil.com\r\n");
    QTest::newRow("windows 9 names") << QStringLiteral(
        "windows") << QStringLiteral("1.2.3.4 a.com b.com c.com d.com e.com f.com g.com h.com i.com\r\n");
    QTest::newRow("windows LF only") << QStringLiteral("windows") << QStringLiteral("1.2.3.4 a.com\n");
    QTest::newRow("dnsmasq other directive") << QStringLiteral("dnsmasq") << QStringLiteral("server=8.8.8.8\n");
    QTest::newRow("unbound wrong type") << QStringLiteral("unbound")
                                        << QStringLiteral("server:\n local-data: \"a.com. IN A 2001:db8::1\"\n");
    QTest::newRow("unbound lone ptr") << QStringLiteral("unbound")
                                      << QStringLiteral("server:\n local-data-ptr: \"192.0.2.1 a.com\"\n");
    QTest::newRow("inetsim ipv6") << QStringLiteral("inetsim") << QStringLiteral("dns_static a.com 2001:db8::1\n");
    QTest::newRow("long line") << QStringLiteral("hosts") << (QStringLiteral("# ") + QString(300, u'x') + u'\n');
}

void TestOverridePack::testParserCatchesTampering()
{
    QFETCH(QString, format);
    QFETCH(QString, text);
    const ParsedOverride parsed = parseOverride(text, *overrideFormatFromName(format));
    QVERIFY(!parsed.problems.isEmpty());
}

QTEST_GUILESS_MAIN(TestOverridePack)
#include "TestOverridePack.moc"
