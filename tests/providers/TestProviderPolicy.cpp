// The guards around the network: question validation, URL building from hostile names, where requests may
// go, key redaction, Retry-After and backoff, the rate limiter, the system resolver's answer parser and how a
// pivot level is chosen.
#include "providers/PivotPlanner.h"
#include "providers/ProviderSettings.h"
#include "providers/ProviderTypes.h"
#include "providers/RateLimiter.h"
#include "providers/RdataText.h"
#include "providers/Redactor.h"
#include "providers/RetryPolicy.h"
#include "providers/SystemResolver.h"
#include "providers/UrlPolicy.h"

#include <QDateTime>
#include <QUrl>
#include <QtTest>

using namespace pdnsw;

class TestProviderPolicy : public QObject
{
    Q_OBJECT
private slots:
    void testQuestions_data();
    void testQuestions();
    void testSegmentEncoding_data();
    void testSegmentEncoding();
    void testUrlChecks_data();
    void testUrlChecks();
    void testFollowUps_data();
    void testFollowUps();
    void testRedaction_data();
    void testRedaction();
    void testRetryAfter_data();
    void testRetryAfter();
    void testBackoffGrowsWithJitter();
    void testRateLimiter();
    void testRdata_data();
    void testRdata();
    void testResolverParser_data();
    void testResolverParser();
    void testSettingsRefuseSecrets();
    void testPivotLevel_data();
    void testPivotLevel();
};

void TestProviderPolicy::testQuestions_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("kind"); // "" = refused
    QTest::addColumn<QString>("text");
    QTest::newRow("name") << "WWW.Bad.Example."
                          << "name"
                          << "www.bad.example";
    QTest::newRow("idn") << "bücher.example"
                         << "name"
                         << "xn--bcher-kva.example";
    QTest::newRow("underscore") << "_dmarc.bad.example"
                                << "name"
                                << "_dmarc.bad.example";
    QTest::newRow("ipv4") << "198.51.100.23"
                          << "address"
                          << "198.51.100.23";
    QTest::newRow("ipv6 canonical") << "2001:DB8:0:0::77"
                                    << "address"
                                    << "2001:db8::77";
    QTest::newRow("cidr masked") << "198.51.100.7/24"
                                 << "cidr"
                                 << "198.51.100.0/24";
    QTest::newRow("cidr6") << "2001:db8::/32"
                           << "cidr"
                           << "2001:db8::/32";
    QTest::newRow("/32 is an address") << "198.51.100.7/32"
                                       << "address"
                                       << "198.51.100.7";
    QTest::newRow("path traversal") << "a/../b?x=1#y"
                                    << ""
                                    << "";
    QTest::newRow("crlf") << "bad.example\r\nX-Injected: 1"
                          << ""
                          << "";
    QTest::newRow("percent") << "%0d%0a.example"
                             << ""
                             << "";
    QTest::newRow("space") << "ex ample.com"
                           << ""
                           << "";
    QTest::newRow("wildcard") << "*.bad.example"
                              << ""
                              << "";
    QTest::newRow("legacy ip") << "127.1"
                               << ""
                               << "";
    QTest::newRow("octal-ish ip") << "0x7f.0.0.1"
                                  << ""
                                  << "";
    QTest::newRow("label 64") << QString(64, QLatin1Char('a')) + ".example"
                              << ""
                              << "";
    QTest::newRow("name 254") << (QString(62, QLatin1Char('a')) + ".").repeated(4) + "ab"
                              << ""
                              << "";
    QTest::newRow("bad prefix") << "198.51.100.0/33"
                                << ""
                                << "";
    QTest::newRow("empty") << "  "
                           << ""
                           << "";
}

void TestProviderPolicy::testQuestions()
{
    QFETCH(QString, input);
    QFETCH(QString, kind);
    QFETCH(QString, text);
    QString error;
    const auto q = parseQuestion(input, &error);
    if (kind.isEmpty()) {
        QVERIFY2(!q, qPrintable(input));
        QVERIFY(!error.isEmpty());
        QVERIFY2(!error.contains(QLatin1Char('\n')) && !error.contains(QLatin1Char('\r')), qPrintable(error));
        return;
    }
    QVERIFY2(q, qPrintable(error));
    QCOMPARE(questionKindName(q->kind), kind);
    QCOMPARE(q->text, text);
}

void TestProviderPolicy::testSegmentEncoding_data()
{
    QTest::addColumn<QString>("segment");
    QTest::addColumn<QString>("encoded");
    QTest::newRow("plain") << "bad.example"
                           << "bad.example";
    QTest::newRow("ipv6 colons") << "2001:db8::1"
                                 << "2001%3Adb8%3A%3A1";
    QTest::newRow("dnsdb net,pfx") << "198.51.100.0,24"
                                   << "198.51.100.0%2C24";
    QTest::newRow("slash query fragment") << "a/../b?x=1#y"
                                          << "a%2F..%2Fb%3Fx%3D1%23y";
    QTest::newRow("crlf") << "a\r\nb"
                          << "a%0D%0Ab";
    QTest::newRow("dot-dot alone") << ".."
                                   << "%2E%2E";
    QTest::newRow("percent") << "%0d"
                             << "%250d";
}

void TestProviderPolicy::testSegmentEncoding()
{
    QFETCH(QString, segment);
    QFETCH(QString, encoded);
    QCOMPARE(UrlPolicy::encodeSegment(segment), encoded);
    // Built into a URL, the hostile segment stays one path segment under the base.
    const QString url = UrlPolicy::build(QStringLiteral("https://api.example/prefix"), {QStringLiteral("q"), segment},
        {{QStringLiteral("k"), QStringLiteral("a&b=c")}});
    const QUrl parsed(url, QUrl::StrictMode);
    QVERIFY2(parsed.isValid(), qPrintable(url));
    QCOMPARE(parsed.host(), QStringLiteral("api.example"));
    QCOMPARE(parsed.path(QUrl::FullyEncoded).count(QLatin1Char('/')), 3);
    QCOMPARE(parsed.query(QUrl::FullyEncoded), QStringLiteral("k=a%26b%3Dc"));
    QVERIFY(!url.contains(QLatin1Char('#')));
}

void TestProviderPolicy::testUrlChecks_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<bool>("allowed");
    QTest::newRow("https") << "https://api.dnsdb.info" << true;
    QTest::newRow("https with prefix and port") << "https://mirror.example:8443/pdns" << true;
    QTest::newRow("http loopback v4") << "http://127.0.0.1:8080" << true;
    QTest::newRow("http loopback 127/8") << "http://127.9.9.9" << true;
    QTest::newRow("http localhost") << "http://localhost:1234/x" << true;
    QTest::newRow("http ::1") << "http://[::1]:8080" << true;
    QTest::newRow("http remote") << "http://api.dnsdb.info" << false;
    QTest::newRow("http 128.0.0.1") << "http://128.0.0.1" << false;
    QTest::newRow("http localhost.evil") << "http://localhost.evil.example" << false;
    QTest::newRow("ftp") << "ftp://127.0.0.1/x" << false;
    QTest::newRow("file") << "file:///etc/passwd" << false;
    QTest::newRow("credentials in url") << "https://user:secret@api.example" << false;
    QTest::newRow("garbage") << "not a url" << false;
}

void TestProviderPolicy::testUrlChecks()
{
    QFETCH(QString, url);
    QFETCH(bool, allowed);
    const QString problem = UrlPolicy::checkUrl(url);
    QCOMPARE(problem.isEmpty(), allowed);
    if (!allowed)
        QVERIFY2(!problem.contains(QLatin1String("secret")), qPrintable(problem));
}

void TestProviderPolicy::testFollowUps_data()
{
    QTest::addColumn<QString>("from");
    QTest::addColumn<QString>("to");
    QTest::addColumn<bool>("allowed");
    QTest::newRow("same host https") << "https://a.example/x"
                                     << "https://a.example/y?p=2" << true;
    QTest::newRow("relative") << "https://a.example/x"
                              << "/y" << true;
    QTest::newRow("downgrade to http") << "https://a.example/x"
                                       << "http://a.example/y" << false;
    QTest::newRow("downgrade to loopback http") << "https://127.0.0.1:4/x"
                                                << "http://127.0.0.1:5/y" << false;
    QTest::newRow("other host") << "https://a.example/x"
                                << "https://b.example/y" << false;
    QTest::newRow("other port") << "https://a.example/x"
                                << "https://a.example:444/y" << false;
    QTest::newRow("file") << "https://a.example/x"
                          << "file:///etc/passwd" << false;
    QTest::newRow("loopback http stays http") << "http://127.0.0.1:5/x"
                                              << "http://127.0.0.1:5/y" << true;
}

void TestProviderPolicy::testFollowUps()
{
    QFETCH(QString, from);
    QFETCH(QString, to);
    QFETCH(bool, allowed);
    QCOMPARE(UrlPolicy::checkFollowUp(from, to).isEmpty(), allowed);
}

void TestProviderPolicy::testRedaction_data()
{
    QTest::addColumn<QString>("secret");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("mustNotContain");
    QTest::newRow("plain key in message") << "k3y-0123456789"
                                          << "refused k3y-0123456789 because"
                                          << "k3y-0123456789";
    QTest::newRow("percent-encoded key") << "a b/c+d=e&f"
                                         << "https://x/?cursor=1&z=a%20b%2Fc%2Bd%3De%26f"
                                         << "a%20b%2Fc";
    QTest::newRow("basic auth base64") << "user:pa55word"
                                       << "Authorization: Basic dXNlcjpwYTU1d29yZA=="
                                       << "dXNlcjpwYTU1d29yZA==";
    QTest::newRow("password alone") << "user:pa55word"
                                    << "login failed for pa55word"
                                    << "pa55word";
    QTest::newRow("apikey query, unknown key") << ""
                                               << "https://x/vtapi/v2/domain/report?apikey=ZZZZ&domain=a"
                                               << "ZZZZ";
    QTest::newRow("x-api-key header, unknown key") << ""
                                                   << "X-API-Key: QQQQQQ\r\nAccept: */*"
                                                   << "QQQQQQ";
    QTest::newRow("bearer header") << ""
                                   << "authorization: Bearer eyJabc.def"
                                   << "eyJabc";
    QTest::newRow("userinfo in url") << ""
                                     << "https://me:pw123@host/x"
                                     << "pw123";
}

void TestProviderPolicy::testRedaction()
{
    QFETCH(QString, secret);
    QFETCH(QString, text);
    QFETCH(QString, mustNotContain);
    Redactor r;
    r.addSecret(secret.toUtf8());
    const QString out = r.redact(text);
    QVERIFY2(!out.contains(mustNotContain), qPrintable(out));
    QVERIFY2(out.contains(Redactor::marker()), qPrintable(out));
    QVERIFY(!r.redact(text.toUtf8()).contains(secret.isEmpty() ? QByteArray("\x01") : secret.toUtf8()));
}

void TestProviderPolicy::testRetryAfter_data()
{
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<qint64>("expectedMs"); // -1 = none
    const qint64 now = QDateTime(QDate(2024, 1, 1), QTime(12, 0), QTimeZone::utc()).toMSecsSinceEpoch();
    Q_UNUSED(now);
    QTest::newRow("seconds") << QByteArray("7") << qint64(7000);
    QTest::newRow("zero") << QByteArray("0") << qint64(0);
    QTest::newRow("http date") << QByteArray("Mon, 01 Jan 2024 12:00:30 GMT") << qint64(30000);
    QTest::newRow("date in the past") << QByteArray("Mon, 01 Jan 2024 11:00:00 GMT") << qint64(0);
    QTest::newRow("negative") << QByteArray("-5") << qint64(-1);
    QTest::newRow("garbage") << QByteArray("soon") << qint64(-1);
    QTest::newRow("absent") << QByteArray() << qint64(-1);
}

void TestProviderPolicy::testRetryAfter()
{
    QFETCH(QByteArray, header);
    QFETCH(qint64, expectedMs);
    const qint64 now = QDateTime(QDate(2024, 1, 1), QTime(12, 0), QTimeZone::utc()).toMSecsSinceEpoch();
    const auto ms = RetryPolicy::retryAfterMs(header, now);
    if (expectedMs < 0)
        QVERIFY(!ms);
    else
        QCOMPARE(ms.value_or(-1), expectedMs);
}

void TestProviderPolicy::testBackoffGrowsWithJitter()
{
    QSet<qint64> distinct;
    for (int attempt = 0; attempt < 5; ++attempt) {
        const qint64 step = 100LL << attempt;
        for (int i = 0; i < 50; ++i) {
            const qint64 d = RetryPolicy::backoffMs(attempt, 100);
            QVERIFY(d >= step / 2 && d <= step);
            distinct.insert(d);
        }
    }
    QVERIFY(distinct.size() > 20); // jittered, not a fixed schedule
}

void TestProviderPolicy::testRateLimiter()
{
    RateLimiter limiter(4, 60000); // VirusTotal's public key: 4 per minute
    qint64 t = 1000000;
    for (int i = 0; i < 4; ++i) {
        QCOMPARE(limiter.nextAllowed(t + i), t + i);
        limiter.record(t + i);
    }
    QCOMPARE(limiter.nextAllowed(t + 10), t + 60000); // the fifth waits for the first to age out
    QCOMPARE(limiter.nextAllowed(t + 60000), t + 60000);
    limiter.record(t + 60000);
    QCOMPARE(limiter.nextAllowed(t + 60000), t + 60001);
    limiter.pauseUntil(t + 90000); // Retry-After
    QCOMPARE(limiter.nextAllowed(t + 60002), t + 90000);
}

void TestProviderPolicy::testRdata_data()
{
    QTest::addColumn<QString>("rrtype");
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected"); // "!" = refused
    QTest::newRow("A") << "A"
                       << " 198.51.100.1 "
                       << "198.51.100.1";
    QTest::newRow("A legacy form") << "A"
                                   << "0x7f.1"
                                   << "!";
    QTest::newRow("A holding v6") << "A"
                                  << "2001:db8::1"
                                  << "!";
    QTest::newRow("AAAA") << "AAAA"
                          << "2001:DB8:0::1"
                          << "2001:db8::1";
    QTest::newRow("CNAME") << "CNAME"
                           << "Target.Example."
                           << "target.example";
    QTest::newRow("MX") << "MX"
                        << "10 Mail.Example."
                        << "10 mail.example";
    QTest::newRow("TXT keeps text") << "TXT"
                                    << "\"v=spf1 -all\""
                                    << "\"v=spf1 -all\"";
    QTest::newRow("TXT NUL escaped") << "TXT" << QStringLiteral("a") + QChar(0) + "b"
                                     << "a\\000b";
    QTest::newRow("TXT newline and tab escaped") << "TXT"
                                                 << "\"line1\nline2\tend\""
                                                 << "\"line1\\010line2\\009end\"";
    QTest::newRow("TXT carriage return escaped") << "TXT"
                                                 << "\"shown\rhidden\""
                                                 << "\"shown\\013hidden\"";
    QTest::newRow("CNAME control") << "CNAME"
                                   << "a\x01.example"
                                   << "!";
}

void TestProviderPolicy::testRdata()
{
    QFETCH(QString, rrtype);
    QFETCH(QString, input);
    QFETCH(QString, expected);
    const auto r = canonicalRdata(rrtype, input);
    if (expected == QLatin1String("!"))
        QVERIFY(!r);
    else
        QCOMPARE(r.value_or(QStringLiteral("<refused>")), expected);
}

namespace {
QByteArray header(quint16 flags, int qd, int an)
{
    QByteArray h(12, '\0');
    h[0] = 0x12;
    h[1] = 0x34;
    h[2] = char(flags >> 8);
    h[3] = char(flags & 0xff);
    h[5] = char(qd);
    h[7] = char(an);
    return h;
}
const QByteArray kQuestion = QByteArray::fromHex("03626164076578616d706c650000010001"); // bad.example A IN
} // namespace

void TestProviderPolicy::testResolverParser_data()
{
    QTest::addColumn<QByteArray>("message");
    QTest::addColumn<QString>("rcode");
    QTest::addColumn<QStringList>("records");
    const QByteArray aAnswer = QByteArray::fromHex("c00c000100010000012c0004c6336417"); // -> 198.51.100.23, ttl 300
    const QByteArray cname = QByteArray::fromHex("c00c000500010000003c00060363646ec00c"); // -> cdn.bad.example
    QTest::newRow("A answer") << header(0x8180, 1, 1) + kQuestion + aAnswer << "NOERROR"
                              << QStringList{"bad.example A 198.51.100.23 300 answer"};
    QTest::newRow("CNAME then A") << header(0x8180, 1, 2) + kQuestion + cname + aAnswer << "NOERROR"
                                  << QStringList{"bad.example CNAME cdn.bad.example 60 answer",
                                         "bad.example A 198.51.100.23 300 answer"};
    QTest::newRow("NXDOMAIN") << header(0x8183, 1, 0) + kQuestion << "NXDOMAIN"
                              << QStringList{"bad.example A NXDOMAIN  negative"};
    QTest::newRow("NODATA") << header(0x8180, 1, 0) + kQuestion << "NOERROR"
                            << QStringList{"bad.example A NODATA  negative"};
    QTest::newRow("not a response") << header(0x0100, 1, 0) + kQuestion << "" << QStringList{};
    QTest::newRow("short") << QByteArray(5, '\0') << "" << QStringList{};
    QTest::newRow("pointer loop in answer") << header(0x8180, 1, 1) + kQuestion + QByteArray::fromHex("c01d00010001")
                                            << "NOERROR" << QStringList{"bad.example A NODATA  negative"};
    QTest::newRow("rdlength past end") << header(0x8180, 1, 1) + kQuestion
            + QByteArray::fromHex("c00c000100010000012cffff0102")
                                       << "NOERROR" << QStringList{"bad.example A NODATA  negative"};
    // Found by fuzz_provider_pages: the root as owner or CNAME target came out as an empty name.
    QTest::newRow("root owner and root CNAME target")
        << header(0x8180, 1, 2) + kQuestion + QByteArray::fromHex("00000100010000012c0004c6336417")
            + QByteArray::fromHex("c00c000500010000003c000100")
        << "NOERROR" << QStringList{". A 198.51.100.23 300 answer", "bad.example CNAME . 60 answer"};
    QTest::newRow("counts larger than data") << header(0x8180, 1, 255) + kQuestion + aAnswer << "NOERROR"
                                             << QStringList{"bad.example A 198.51.100.23 300 answer"};
}

void TestProviderPolicy::testResolverParser()
{
    QFETCH(QByteArray, message);
    QFETCH(QString, rcode);
    QFETCH(QStringList, records);
    QList<Observation> out;
    QCOMPARE(SystemResolver::parseResponse(message, QStringLiteral("bad.example"), 1, 1700000000, &out), rcode);
    QStringList got;
    for (const Observation& o : out) {
        QCOMPARE(o.firstSeen.value_or(0), 1700000000);
        QCOMPARE(o.lastSeen.value_or(0), 1700000000);
        got.append(QStringLiteral("%1 %2 %3 %4 %5")
                       .arg(o.rrname, o.rrtype, o.rdata, o.ttlMin ? QString::number(*o.ttlMin) : QString(),
                           o.section == Section::Negative ? QStringLiteral("negative") : QStringLiteral("answer")));
    }
    QCOMPARE(got, records);
}

void TestProviderPolicy::testSettingsRefuseSecrets()
{
    QTemporaryDir dir;
    qputenv("XDG_CONFIG_HOME", dir.path().toLocal8Bit());
    QString error;
    QVERIFY(!ProviderSettings::setValue(QStringLiteral("dnsdb/apiKey"), QStringLiteral("x"), &error));
    QVERIFY(error.contains(QLatin1String("keychain")));
    QVERIFY(!ProviderSettings::setValue(QStringLiteral("defenderti/clientSecret"), QStringLiteral("x"), &error));
    QVERIFY(
        ProviderSettings::setValue(QStringLiteral("defenderti/tokenUrl"), QStringLiteral("https://t.example"), &error));
}

// A pivot level from several addresses' answers: each address gives names in turn, so a parking address with
// hundreds of names cannot crowd out a small one; what the cap leaves out is counted once and said.
void TestProviderPolicy::testPivotLevel_data()
{
    QTest::addColumn<int>("cap");
    QTest::addColumn<QList<int>>("namesPerAddress"); // address i answers with names "h<i>-<k>.example"
    QTest::addColumn<QStringList>("expected");
    QTest::addColumn<int>("leftOut");
    QTest::addRow("under the cap") << 10 << QList<int>{2, 1} << QStringList{"h0-0", "h1-0", "h0-1"} << 0;
    QTest::addRow("parking address first")
        << 4 << QList<int>{300, 2} << QStringList{"h0-0", "h1-0", "h0-1", "h1-1"} << 298;
    QTest::addRow("parking address last") << 3 << QList<int>{1, 1, 50} << QStringList{"h0-0", "h1-0", "h2-0"} << 49;
    QTest::addRow("shared names counted once")
        << 2 << QList<int>{-3, -3} << QStringList{"shared0", "shared1"} << 1; // negative: the same names for each
}

void TestProviderPolicy::testPivotLevel()
{
    QFETCH(int, cap);
    QFETCH(QList<int>, namesPerAddress);
    QFETCH(QStringList, expected);
    QFETCH(int, leftOut);
    PivotPlanner planner(cap);
    planner.markAsked(QStringLiteral("bad.example"));
    QList<QPair<ProviderQuestion, QList<Observation>>> answers;
    for (int i = 0; i < namesPerAddress.size(); ++i) {
        const QString address = QStringLiteral("192.0.2.%1").arg(i + 1);
        planner.markAsked(address);
        ProviderQuestion question = *parseQuestion(address, nullptr);
        QList<Observation> observations;
        const bool shared = namesPerAddress.at(i) < 0;
        for (int k = 0; k < std::abs(namesPerAddress.at(i)); ++k) {
            Observation o;
            o.rrname
                = shared ? QStringLiteral("shared%1.example").arg(k) : QStringLiteral("h%1-%2.example").arg(i).arg(k);
            o.rrtype = QStringLiteral("A");
            o.rdata = address;
            observations.append(o);
        }
        answers.append({question, observations});
    }
    const PivotPlanner::Level level = planner.nextLevel(answers);
    QStringList got;
    for (const ProviderQuestion& q : level.questions)
        got.append(q.text.chopped(int(QStringLiteral(".example").size())));
    QCOMPARE(got, expected);
    QCOMPARE(level.leftOut, leftOut);
    const QString note = planner.leftOutNote(level);
    if (leftOut == 0)
        QVERIFY(note.isEmpty());
    else
        QCOMPARE(note, QStringLiteral("%1 more left out: at most %2 questions a level").arg(leftOut).arg(cap));
    // Nothing of this level is asked again at the next one, left out or not.
    QVERIFY(planner.nextLevel(answers).questions.isEmpty());
}

QTEST_GUILESS_MAIN(TestProviderPolicy)
#include "TestProviderPolicy.moc"
