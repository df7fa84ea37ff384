// Each provider's documented answer shapes (fixtures written from providers.md) mapped to observations,
// checked field by field: rrname, rrtype, rdata, first/last seen, count, TTL range and the attrs kept.
#include "providers/JsonFields.h"
#include "providers/PairAggregator.h"
#include "providers/Provider.h"
#include "providers/ProviderRegistry.h"

#include "models/UtcTime.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

using namespace pdnsw;

namespace {

QByteArray fixture(const QString& name)
{
    QFile f(QStringLiteral(PDNSW_SOURCE_DIR "/tests/providers/fixtures/") + name);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("missing fixture %s", qPrintable(name));
    return f.readAll();
}

QString opt(const std::optional<qint64>& v)
{
    return v ? QString::number(*v) : QString();
}

// rrname|rrtype|rdata|first|last|count|ttlMin-ttlMax|attrs: every field of the record in one comparable line.
QString line(const Observation& o)
{
    const QString ttl = (o.ttlMin || o.ttlMax) ? opt(o.ttlMin) + QLatin1Char('-') + opt(o.ttlMax) : QString();
    return QStringList{o.rrname, o.rrtype, o.rdata, opt(o.firstSeen), opt(o.lastSeen), opt(o.count), ttl, o.attrs}.join(
        QLatin1Char('|'));
}

// One answer page as reparse reads it (no request, no configuration): what the provider makes of the body.
PageParse parseStoredPage(const char* provider, const char* question, const char* url, const QByteArray& body)
{
    const auto q = parseQuestion(QString::fromLatin1(question), nullptr);
    PageContext ctx{QString::fromLatin1(url), 200, body, {}, nullptr, nullptr, 0};
    return providerById(QString::fromLatin1(provider))->parsePage(*q, ctx);
}

} // namespace

class TestProviderMapping : public QObject
{
    Q_OBJECT
private slots:
    void testMapping_data();
    void testMapping();
    void testVirusTotalFoldsPairs();
    void testTimeFence();
    void testLimitClamp();
    void testHostileRecordsRejected();
    void testInconsistentRecordsRepaired();
    void testStatusVerdicts_data();
    void testStatusVerdicts();
};

void TestProviderMapping::testMapping_data()
{
    QTest::addColumn<QString>("provider");
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("question");
    QTest::addColumn<int>("status");
    QTest::addColumn<QStringList>("expected");
    QTest::addColumn<QString>("state");

    const QString dnsdbOrg = QString::fromUtf8(R"({"bailiwick":"bad.example","timeSource":"sensor"})");
    QTest::newRow("dnsdb rrset page 1 (limited, zone times)")
        << "dnsdb"
        << "dnsdb_rrset_page1.ndjson"
        << "https://h/dnsdb/v2/lookup/rrset/name/bad.example?limit=2"
        << "bad.example" << 200
        << QStringList{"bad.example|A|198.51.100.23|1514764800|1517443200|127||" + dnsdbOrg,
               "bad.example|A|198.51.100.24|1514764800|1517443200|127||" + dnsdbOrg,
               R"(bad.example|NS|ns1.hoster.example|1500000000|1510000000|5||{"bailiwick":"example","timeSource":"zone"})"}
        << "limited";
    QTest::newRow("dnsdb rrset page 2") << "dnsdb"
                                        << "dnsdb_rrset_page2.ndjson"
                                        << "https://h/dnsdb/v2/lookup/rrset/name/bad.example?limit=2&offset=2"
                                        << "bad.example" << 200
                                        << QStringList{"bad.example|A|203.0.113.77|1518000000|1519000000|3||"
                                               + dnsdbOrg}
                                        << "ok";
    QTest::newRow("dnsdb rdata ip (no bailiwick)")
        << "dnsdb"
        << "dnsdb_rdata_ip.ndjson"
        << "https://h/dnsdb/v2/lookup/rdata/ip/198.51.100.23"
        << "198.51.100.23" << 200
        << QStringList{R"(bad.example|A|198.51.100.23|1514764800|1517443200|40||{"timeSource":"sensor"})",
               R"(cdn.other.example|A|198.51.100.23|1516000000|1516500000|2||{"timeSource":"sensor"})"}
        << "ok";
    QTest::newRow("dnsdb stream without terminator")
        << "dnsdb"
        << "dnsdb_truncated.ndjson"
        << "https://h/dnsdb/v2/lookup/rrset/name/bad.example"
        << "bad.example" << 200
        << QStringList{"bad.example|A|198.51.100.23|1514764800|1517443200|127||" + dnsdbOrg,
               "bad.example|MX|10 mail.bad.example|1516000000|1516100000|9||" + dnsdbOrg}
        << "truncated";
    QTest::newRow("dnsdb empty") << "dnsdb"
                                 << "dnsdb_empty.ndjson"
                                 << "https://h/dnsdb/v2/lookup/rrset/name/x.example"
                                 << "x.example" << 200 << QStringList{} << "ok";

    const QString origin = QString::fromUtf8(R"({"origin":"https://www.circl.lu/pdns/"})");
    QTest::newRow("circl strings, numeric rrtype, rdata array")
        << "circl"
        << "circl_page1.ndjson"
        << "https://h/pdns/query/bad.example"
        << "bad.example" << 200
        << QStringList{"bad.example|A|198.51.100.23|1514764800|1517443200|12||" + origin,
               "bad.example|AAAA|2001:db8::77|1516000000|1516500000|4||" + origin}
        << "ok";
    QTest::newRow("circl page 2 (CNAME)")
        << "circl"
        << "circl_page2.ndjson"
        << "https://h/pdns/query/bad.example"
        << "bad.example" << 200 << QStringList{"www.bad.example|CNAME|bad.example|1518000000|1518000000|1||" + origin}
        << "ok";

    QTest::newRow("virustotal domain page 1: one date, no count")
        << "virustotal"
        << "virustotal_domain_page1.json"
        << "https://h/api/v3/domains/bad.example/resolutions?limit=2"
        << "bad.example" << 200
        << QStringList{R"(bad.example|A|198.51.100.23|1517443200|1517443200|||{"resolver":"VirusTotal"})",
               R"(bad.example|A|198.51.100.23|1514764800|1514764800|||{"resolver":"VirusTotal"})"}
        << "ok";
    QTest::newRow("virustotal domain page 2: AAAA from the family")
        << "virustotal"
        << "virustotal_domain_page2.json"
        << "https://h/api/v3/domains/bad.example/resolutions"
        << "bad.example" << 200
        << QStringList{R"(bad.example|AAAA|2001:db8::77|1518000000|1518000000|||{"resolver":"Partner"})"} << "ok";
    QTest::newRow("virustotal ip")
        << "virustotal"
        << "virustotal_ip.json"
        << "https://h/api/v3/ip_addresses/198.51.100.23/resolutions"
        << "198.51.100.23" << 200
        << QStringList{R"(bad.example|A|198.51.100.23|1517443200|1517443200|||{"resolver":"VirusTotal"})",
               R"(shop.other.example|A|198.51.100.23|1516000000|1516000000|||{"resolver":"VirusTotal"})"}
        << "ok";
    QTest::newRow("virustotal 404 NotFoundError = no results") << "virustotal"
                                                               << "virustotal_notfound.json"
                                                               << "https://h/api/v3/domains/nothing.example/resolutions"
                                                               << "nothing.example" << 404 << QStringList{} << "ok";

    QTest::newRow("mnemonic ms times, zeroed times fall back to createdTimestamp")
        << "mnemonic"
        << "mnemonic_page1.json"
        << "https://h/pdns/v3/bad.example?limit=2&offset=0"
        << "bad.example" << 200
        << QStringList{R"(bad.example|A|198.51.100.23|1514764800|1517443200|56|300-3600|{"tlp":"white"})",
               R"(bad.example|NS|ns1.hoster.example|1515000000|1515000000|3|86400-86400|{"partialResult":true,"timeFrom":"createdTimestamp","tlp":"white"})"}
        << "ok";
    QTest::newRow("mnemonic page 2")
        << "mnemonic"
        << "mnemonic_page2.json"
        << "https://h/pdns/v3/bad.example?limit=2&offset=2"
        << "bad.example" << 200
        << QStringList{R"(bad.example|A|203.0.113.77|1518000000|1519000000|7|60-60|{"tlp":"white"})"} << "ok";
    QTest::newRow("mnemonic responseCode 402") << "mnemonic"
                                               << "mnemonic_402.json"
                                               << "https://h/pdns/v3/bad.example"
                                               << "bad.example" << 200 << QStringList{} << "quota exhausted";

    QTest::newRow("otx hostname: ISO times without zone are UTC, no count")
        << "otx"
        << "otx_hostname.json"
        << "https://h/api/v1/indicators/hostname/bad.example/passive_dns"
        << "bad.example" << 200
        << QStringList{R"(bad.example|A|198.51.100.23|1514764800|1517443200|||{"asn":"AS64500 example hosting","suspicious":true})",
               R"(www.bad.example|CNAME|cdn.hoster.example|1517826030|1517916153|||{"suspicious":false})"}
        << "ok";
    QTest::newRow("otx ipv4")
        << "otx"
        << "otx_ipv4.json"
        << "https://h/api/v1/indicators/IPv4/198.51.100.23/passive_dns"
        << "198.51.100.23" << 200
        << QStringList{R"(bad.example|A|198.51.100.23|1514764800|1517443200|||{"asn":"AS64500 example hosting","suspicious":true})",
               R"(old.other.example|A|198.51.100.23|1496275200|1498867200|||{"asn":"AS64500 example hosting","suspicious":false})"}
        << "ok";

    QTest::newRow("securitytrails a: days, co-occurrence not count")
        << "securitytrails"
        << "securitytrails_a_page1.json"
        << "https://h/v1/history/bad.example/dns/a?page=1"
        << "bad.example" << 200
        << QStringList{R"(bad.example|A|198.51.100.23|1514764800|1517529599|||{"cooccurrence":1532,"organizations":["Example Hosting B.V."]})",
               R"(bad.example|A|198.51.100.24|1514764800|1517529599|||{"cooccurrence":12,"organizations":["Example Hosting B.V."]})"}
        << "ok";
    QTest::newRow("securitytrails a page 2")
        << "securitytrails"
        << "securitytrails_a_page2.json"
        << "https://h/v1/history/bad.example/dns/a?page=2"
        << "bad.example" << 200
        << QStringList{R"(bad.example|A|203.0.113.77|1518307200|1519948799|||{"cooccurrence":3,"organizations":["Other Net"]})"}
        << "ok";
    QTest::newRow("securitytrails ns")
        << "securitytrails"
        << "securitytrails_ns.json"
        << "https://h/v1/history/bad.example/dns/ns?page=1"
        << "bad.example" << 200
        << QStringList{R"(bad.example|NS|ns1.hoster.example|1512086400|1519948799|||{"cooccurrence":50210,"organizations":["Hoster"]})"}
        << "ok";
    QTest::newRow("securitytrails mx")
        << "securitytrails"
        << "securitytrails_mx.json"
        << "https://h/v1/history/bad.example/dns/mx?page=1"
        << "bad.example" << 200
        << QStringList{R"(bad.example|MX|mail.bad.example|1515974400|1516492799|||{"cooccurrence":1,"priority":10})"}
        << "ok";
    QTest::newRow("securitytrails soa")
        << "securitytrails"
        << "securitytrails_soa.json"
        << "https://h/v1/history/bad.example/dns/soa?page=1"
        << "bad.example" << 200
        << QStringList{R"(bad.example|SOA|hostmaster.hoster.example|1512086400|1519948799|||{"cooccurrence":4800,"ttl":3600})"}
        << "ok";
    QTest::newRow("securitytrails aaaa")
        << "securitytrails"
        << "securitytrails_aaaa.json"
        << "https://h/v1/history/bad.example/dns/aaaa?page=1"
        << "bad.example" << 200
        << QStringList{R"(bad.example|AAAA|2001:db8::77|1516060800|1516147199|||{"cooccurrence":2})"} << "ok";
    QTest::newRow("securitytrails txt") << "securitytrails"
                                        << "securitytrails_txt.json"
                                        << "https://h/v1/history/bad.example/dns/txt?page=1"
                                        << "bad.example" << 200
                                        << QStringList{R"(bad.example|TXT|v=spf1 -all|1514851200|1515023999|||)"}
                                        << "ok";

    QTest::newRow("defender ti passiveDns page 1")
        << "defenderti"
        << "defenderti_passivedns_page1.json"
        << "https://h/v1.0/security/threatIntelligence/hosts/bad.example/passiveDns"
        << "bad.example" << 200
        << QStringList{R"(bad.example|A|198.51.100.23|1514764800|1517488200|||{"artifactType":"#microsoft.graph.security.ipAddress","collected":1517529600})"}
        << "ok";
    QTest::newRow("defender ti passiveDns page 2")
        << "defenderti"
        << "defenderti_passivedns_page2.json"
        << "https://h/v1.0/security/threatIntelligence/hosts/bad.example/passiveDns"
        << "bad.example" << 200
        << QStringList{R"(bad.example|CNAME|cdn.hoster.example|1518336000|1519862400|||{"artifactType":"#microsoft.graph.security.hostname","collected":1519948800})"}
        << "ok";
    QTest::newRow("defender ti passiveDnsReverse")
        << "defenderti"
        << "defenderti_reverse.json"
        << "https://h/v1.0/security/threatIntelligence/hosts/198.51.100.23/passiveDnsReverse"
        << "198.51.100.23" << 200
        << QStringList{R"(mail.other.example|A|198.51.100.23|1514764800|1517443200|||{"artifactType":"#microsoft.graph.security.ipAddress","collected":1517529600})"}
        << "ok";

    QTest::newRow("dnsdumpster: current records, no times")
        << "dnsdumpster"
        << "dnsdumpster_domain.json"
        << "https://h/domain/bad.example"
        << "bad.example" << 200
        << QStringList{R"(bad.example|A|198.51.100.23|||||{"asn":"64500","asn_name":"EXAMPLE-HOSTING","country":"Netherlands","ptr":"vps23.hoster.example"})",
               R"(www.bad.example|A|198.51.100.23|||||{"asn":"64500","asn_name":"EXAMPLE-HOSTING","country":"Netherlands"})",
               R"(bad.example|NS|ns1.hoster.example|||||)",
               R"(ns1.hoster.example|A|198.51.100.2|||||{"asn":"64500","asn_name":"EXAMPLE-HOSTING","country":"Netherlands"})",
               R"(bad.example|MX|mail.bad.example|||||)",
               R"(mail.bad.example|A|203.0.113.25|||||{"asn":"64501","asn_name":"MAILER","country":"Germany"})",
               R"(bad.example|TXT|"v=spf1 -all"|||||)"}
        << "ok";
}

void TestProviderMapping::testMapping()
{
    QFETCH(QString, provider);
    QFETCH(QString, file);
    QFETCH(QString, url);
    QFETCH(QString, question);
    QFETCH(int, status);
    QFETCH(QStringList, expected);
    QFETCH(QString, state);

    const Provider* p = providerById(provider);
    QVERIFY(p);
    const auto q = parseQuestion(question, nullptr);
    QVERIFY(q);
    PageContext ctx{url, status, fixture(file), {}, nullptr, nullptr, 0};
    const PageParse parse = p->parsePage(*q, ctx);
    QStringList got;
    for (const Observation& o : parse.observations)
        got.append(line(o));
    QCOMPARE(got, expected);
    QCOMPARE(jobStateName(parse.state), state);
    QCOMPARE(parse.rejected, 0);
    QVERIFY(!parse.next); // no config: reparse never builds requests
}

void TestProviderMapping::testVirusTotalFoldsPairs()
{
    const Provider* p = providerById(QStringLiteral("virustotal"));
    QVERIFY(p->aggregatesPairs());
    const auto q = parseQuestion(QStringLiteral("bad.example"), nullptr);
    PairAggregator folded;
    for (const char* file : {"virustotal_domain_page1.json", "virustotal_domain_page2.json"}) {
        PageContext ctx{QStringLiteral("https://h/api/v3/domains/bad.example/resolutions"), 200,
            fixture(QLatin1String(file)), {}, nullptr, nullptr, 0};
        for (const Observation& o : p->parsePage(*q, ctx).observations)
            folded.add(o);
    }
    QStringList got;
    for (const Observation& o : folded.result())
        got.append(line(o));
    QCOMPARE(got,
        (QStringList{
            R"(bad.example|A|198.51.100.23|1514764800|1517443200|||{"resolutions":2,"resolvers":["VirusTotal"]})",
            R"(bad.example|AAAA|2001:db8::77|1518000000|1518000000|||{"resolutions":1,"resolvers":["Partner"]})"}));
}

void TestProviderMapping::testTimeFence()
{
    // Loose overlap: keep a record whose interval touches [since, until]; drop the rest.
    const Provider* p = providerById(QStringLiteral("mnemonic"));
    auto q = parseQuestion(QStringLiteral("bad.example"), nullptr);
    q->since = 1517000000; // after the NS record's (created) time, inside the A record's interval
    PageContext ctx{QStringLiteral("https://h/pdns/v3/bad.example"), 200,
        fixture(QStringLiteral("mnemonic_page1.json")), {}, nullptr, nullptr, 0};
    const PageParse parse = p->parsePage(*q, ctx);
    QCOMPARE(parse.observations.size(), 1);
    QCOMPARE(parse.observations.first().rdata, QStringLiteral("198.51.100.23"));
    q->since.reset();
    q->until = 1514000000; // before everything
    QCOMPARE(p->parsePage(*q, ctx).observations.size(), 0);
}

void TestProviderMapping::testLimitClamp()
{
    const Provider* p = providerById(QStringLiteral("dnsdb"));
    auto q = parseQuestion(QStringLiteral("bad.example"), nullptr);
    q->limit = 2;
    PageContext ctx{QStringLiteral("https://h/dnsdb/v2/lookup/rrset/name/bad.example"), 200,
        fixture(QStringLiteral("dnsdb_rrset_page2.ndjson")), {}, nullptr, nullptr, 0};
    PageParse parse = p->parsePage(*q, ctx);
    Provider::clampToLimit(parse, *q, 1); // one record delivered before: room for one more
    QCOMPARE(parse.observations.size(), 1);
    ctx.body = fixture(QStringLiteral("dnsdb_rrset_page1.ndjson"));
    parse = p->parsePage(*q, ctx);
    Provider::clampToLimit(parse, *q, 0);
    QCOMPARE(parse.observations.size(), 2);
    QCOMPARE(parse.state, JobState::Limited);
}

void TestProviderMapping::testHostileRecordsRejected()
{
    // Attacker-controlled answers: control characters, an A record that is not an address, a 2 MB name.
    const QByteArray body = QByteArrayLiteral("{\"cond\":\"begin\"}\n"
                                              "{\"obj\":{\"rrname\":\"a\\nb.example.\",\"rrtype\":\"A\",\"rdata\":["
                                              "\"198.51.100.1\"],\"time_first\":1,\"time_last\":2}}\n"
                                              "{\"obj\":{\"rrname\":\"ok.example.\",\"rrtype\":\"A\",\"rdata\":[\"0x7f."
                                              "1\",\"198.51.100.2\"],\"time_first\":1,\"time_last\":2}}\n"
                                              "{\"obj\":{\"rrname\":\"")
        + QByteArray(2 * 1024 * 1024, 'x')
        + QByteArrayLiteral(
            "\",\"rrtype\":\"A\",\"rdata\":[\"198.51.100.3\"]}}\n"
            "{\"obj\":{\"rrname\":\"t.example.\",\"rrtype\":\"TXT\",\"rdata\":[\"nul\\u0000inside\"]}}\n"
            "not json\n"
            "{\"cond\":\"succeeded\"}\n");
    const PageParse parse
        = parseStoredPage("dnsdb", "ok.example", "https://h/dnsdb/v2/lookup/rrset/name/ok.example", body);
    // The NUL inside the TXT string is data: kept, escaped as the capture decoder writes it.
    QCOMPARE(parse.observations.size(), 2);
    QCOMPARE(parse.observations.first().rdata, QStringLiteral("198.51.100.2"));
    QCOMPARE(parse.observations.last().rdata, QStringLiteral("nul\\000inside"));
    QCOMPARE(parse.rejected, 4);
    QCOMPARE(parse.state, JobState::Succeeded);
}

void TestProviderMapping::testInconsistentRecordsRepaired()
{
    // Found by fuzz_provider_pages: times in the wrong order, a negative count, a name with an empty label, a
    // control character in the service's own message, DEL in text that lands in attrs.
    const QByteArray body
        = QByteArrayLiteral("{\"cond\":\"begin\"}\n"
                            "{\"obj\":{\"rrname\":\"ok.example.\",\"rrtype\":\"A\",\"rdata\":[\"198.51.100.2\"],"
                            "\"time_first\":200,\"time_last\":100,\"count\":-3,\"bailiwick\":\"ex\x7f.example.\"}}\n"
                            "{\"obj\":{\"rrname\":\"a..b.example.\",\"rrtype\":\"A\",\"rdata\":[\"198.51.100.3\"]}}\n"
                            "{\"cond\":\"limited\",\"msg\":\"Result\\u001b[2J limit\"}\n");
    const PageParse parse
        = parseStoredPage("dnsdb", "ok.example", "https://h/dnsdb/v2/lookup/rrset/name/ok.example", body);
    QCOMPARE(parse.observations.size(), 1);
    QCOMPARE(parse.rejected, 1);
    const Observation& o = parse.observations.first();
    QCOMPARE(o.firstSeen, std::optional<qint64>(100));
    QCOMPARE(o.lastSeen, std::optional<qint64>(200));
    QVERIFY(!o.count);
    QVERIFY2(o.attrs.contains(QStringLiteral("\"times_swapped\":true")), qPrintable(o.attrs));
    QVERIFY2(o.attrs.contains(QStringLiteral("\"count_refused\":-3")), qPrintable(o.attrs));
    QVERIFY2(!o.attrs.contains(QChar(0x7f)), qPrintable(o.attrs));
    QCOMPARE(parse.state, JobState::Limited);
    QCOMPARE(parse.message, QStringLiteral("DNSDB result limit: Result[2J limit"));
    // Mnemonic reports TTL ranges; one upside down is put in order, one beyond 32 bits is no TTL.
    const QByteArray mnemonic = QByteArrayLiteral(
        "{\"responseCode\":200,\"count\":2,\"data\":["
        "{\"query\":\"ok.example\",\"answer\":\"198.51.100.2\",\"rrtype\":\"a\",\"minTtl\":3600,\"maxTtl\":300},"
        "{\"query\":\"ok.example\",\"answer\":\"198.51.100.3\",\"rrtype\":\"a\",\"minTtl\":60,"
        "\"maxTtl\":4294967296}]}");
    const PageParse ttls = parseStoredPage("mnemonic", "ok.example", "https://h/pdns/v3/ok.example", mnemonic);
    QCOMPARE(ttls.observations.size(), 2);
    QCOMPARE(ttls.observations[0].ttlMin, std::optional<qint64>(300));
    QCOMPARE(ttls.observations[0].ttlMax, std::optional<qint64>(3600));
    QVERIFY2(ttls.observations[0].attrs.contains(QStringLiteral("\"ttls_swapped\":true")),
        qPrintable(ttls.observations[0].attrs));
    QCOMPARE(ttls.observations[1].ttlMin, std::optional<qint64>(60));
    QVERIFY(!ttls.observations[1].ttlMax);
    // Text fields other providers put in attrs (an AS name, a tag) keep DEL and C1 controls only as JSON escapes.
    const QJsonObject attrs{{QStringLiteral("asn_name"), QStringLiteral("a") + QChar(0x7f) + QChar(0x85) + u'b'}};
    QCOMPARE(JsonFields::compact(attrs), QStringLiteral("{\"asn_name\":\"a\\u007f\\u0085b\"}"));
    QCOMPARE(QJsonDocument::fromJson(JsonFields::compact(attrs).toUtf8()).object(), attrs);
}

void TestProviderMapping::testStatusVerdicts_data()
{
    QTest::addColumn<QString>("provider");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("state");
    QTest::addColumn<bool>("retry");
    QTest::newRow("401 auth") << "otx" << 401 << QByteArray("{\"detail\":\"Authentication required\"}") << "auth failed"
                              << false;
    QTest::newRow("403 auth") << "dnsdb" << 403 << QByteArray("Error: Forbidden\n") << "auth failed" << false;
    QTest::newRow("dnsdb 401 expired quota")
        << "dnsdb" << 401 << QByteArray("Error: Quota is expired\n") << "quota exhausted" << false;
    QTest::newRow("dnsdb 416 offset") << "dnsdb" << 416 << QByteArray() << "limited" << false;
    QTest::newRow("429 retry") << "securitytrails" << 429 << QByteArray("{\"message\":\"slow down\"}")
                               << "quota exhausted" << true;
    QTest::newRow("vt daily quota: no retry")
        << "virustotal" << 429 << QByteArray("{\"error\":{\"code\":\"QuotaExceededError\"}}") << "quota exhausted"
        << false;
    QTest::newRow("vt 404 = empty") << "virustotal" << 404 << QByteArray("{\"error\":{\"code\":\"NotFoundError\"}}")
                                    << "ok" << false;
    QTest::newRow("securitytrails 404 = no data") << "securitytrails" << 404 << QByteArray() << "ok" << false;
    QTest::newRow("circl quota exhausted")
        << "circl" << 429 << QByteArray("Quota exhausted") << "quota exhausted" << false;
    QTest::newRow("mnemonic 402") << "mnemonic" << 402 << QByteArray() << "quota exhausted" << false;
    QTest::newRow("503 retry") << "dnsdb" << 503 << QByteArray() << "failed" << true;
    QTest::newRow("dnsdb 404 is an error") << "dnsdb" << 404 << QByteArray() << "failed" << false;
}

void TestProviderMapping::testStatusVerdicts()
{
    QFETCH(QString, provider);
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(QString, state);
    QFETCH(bool, retry);
    const StatusVerdict v = providerById(provider)->classify(status, body);
    QCOMPARE(jobStateName(v.state), state);
    QCOMPARE(v.retry, retry);
    if (v.state != JobState::Succeeded)
        QVERIFY2(!v.message.isEmpty(), "every failure says what happened");
}

QTEST_GUILESS_MAIN(TestProviderMapping)
#include "TestProviderMapping.moc"
