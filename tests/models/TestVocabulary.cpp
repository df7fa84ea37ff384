// The shared vocabulary: RR types, rcodes, UTC times, names and addresses.
#include "models/DomainName.h"
#include "models/Observation.h"
#include "models/RrType.h"
#include "models/UtcTime.h"
#include "models/export/ExportText.h"

#include <QDateTime>
#include <QTest>

using namespace pdnsw;

Q_DECLARE_METATYPE(std::optional<qint64>)
Q_DECLARE_METATYPE(std::optional<QString>)

class TestVocabulary : public QObject
{
    Q_OBJECT
private slots:
    void rrTypes_data();
    void rrTypes();
    void rcodes();
    void times_data();
    void times();
    void formatting();
    void formattingMatchesQt_data();
    void formattingMatchesQt();
    void formattingEveryDay();
    void names_data();
    void names();
    void emptyLabels_data();
    void emptyLabels();
    void addresses_data();
    void addresses();
    void sections();
};

void TestVocabulary::rrTypes_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("canonical");
    QTest::newRow("mnemonic") << "A"
                              << "A";
    QTest::newRow("lower case") << "aaaa"
                                << "AAAA";
    QTest::newRow("number") << "5"
                            << "CNAME";
    QTest::newRow("https number") << "65"
                                  << "HTTPS";
    QTest::newRow("unknown number") << "65280"
                                    << "TYPE65280";
    QTest::newRow("TYPEnnn known") << "TYPE28"
                                   << "AAAA";
    QTest::newRow("TYPEnnn unknown") << "type4000"
                                     << "TYPE4000";
    QTest::newRow("spaces") << " mx "
                            << "MX";
    QTest::newRow("garbage") << "A;DROP"
                             << "";
    QTest::newRow("too big") << "70000"
                             << "";
    QTest::newRow("empty") << ""
                           << "";
}

void TestVocabulary::rrTypes()
{
    QFETCH(QString, input);
    QFETCH(QString, canonical);
    QCOMPARE(canonicalRrType(input), canonical);
}

void TestVocabulary::rcodes()
{
    QCOMPARE(rcodeName(3), QStringLiteral("NXDOMAIN"));
    QCOMPARE(rcodeName(23), QStringLiteral("BADCOOKIE"));
    QCOMPARE(rcodeName(300), QStringLiteral("RCODE300"));
    QCOMPARE(rcodeNumber(u"servfail"), 2);
    QCOMPARE(rcodeNumber(u"RCODE300"), 300);
    QVERIFY(!rcodeNumber(u"NOPE"));
    QCOMPARE(rrTypeNumber(u"caa"), quint16(257));
    QCOMPARE(rrTypeName(41), QStringLiteral("OPT"));
}

void TestVocabulary::times_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<std::optional<qint64>>("seconds");
    QTest::newRow("epoch") << "1514764800" << std::optional<qint64>(1514764800);
    QTest::newRow("epoch fraction (Zeek)") << "1514764800.908127" << std::optional<qint64>(1514764800);
    QTest::newRow("ISO Z") << "2018-01-01T00:00:00Z" << std::optional<qint64>(1514764800);
    QTest::newRow("ISO space no zone = UTC") << "2018-01-01 00:00:00" << std::optional<qint64>(1514764800);
    QTest::newRow("ISO with offset") << "2018-01-01T01:00:00+01:00" << std::optional<qint64>(1514764800);
    QTest::newRow("ISO fraction") << "2018-01-01T00:00:00.250Z" << std::optional<qint64>(1514764800);
    QTest::newRow("date") << "2018-01-01" << std::optional<qint64>(1514764800);
    QTest::newRow("OTX style") << "2018-01-01T00:00:00" << std::optional<qint64>(1514764800);
    QTest::newRow("negative") << "-86400" << std::optional<qint64>(-86400);
    QTest::newRow("bad month") << "2018-13-01" << std::optional<qint64>();
    QTest::newRow("words") << "yesterday" << std::optional<qint64>();
    QTest::newRow("empty") << "" << std::optional<qint64>();
    QTest::newRow("huge") << "99999999999999999999" << std::optional<qint64>();
}

void TestVocabulary::times()
{
    QFETCH(QString, text);
    QFETCH(std::optional<qint64>, seconds);
    QCOMPARE(parseUtcTime(text), seconds);
}

void TestVocabulary::formatting()
{
    QCOMPARE(formatUtcTime(1514764800), QStringLiteral("2018-01-01T00:00:00Z"));
    QCOMPARE(formatUtcTime(std::optional<qint64>()), QString());
    QCOMPARE(millisToSeconds(1514764800999), 1514764800);
}

// The arithmetic formatter must write what QDateTime writes, at the edges of months, leap days and centuries,
// and hand the rest (before 1970, past year 9999) to QDateTime.
void TestVocabulary::formattingMatchesQt_data()
{
    QTest::addColumn<qint64>("seconds");
    QTest::addColumn<QString>("expected");
    QTest::newRow("epoch") << qint64(0) << QStringLiteral("1970-01-01T00:00:00Z");
    QTest::newRow("last second of 1970") << qint64(31535999) << QStringLiteral("1970-12-31T23:59:59Z");
    QTest::newRow("leap day 2000") << qint64(951782400) << QStringLiteral("2000-02-29T00:00:00Z");
    QTest::newRow("after leap day 2000") << qint64(951868800) << QStringLiteral("2000-03-01T00:00:00Z");
    QTest::newRow("no leap day 2100") << qint64(4107542399) << QStringLiteral("2100-02-28T23:59:59Z");
    QTest::newRow("march 2100") << qint64(4107542400) << QStringLiteral("2100-03-01T00:00:00Z");
    QTest::newRow("32-bit end") << qint64(2147483647) << QStringLiteral("2038-01-19T03:14:07Z");
    QTest::newRow("last plain second") << qint64(253402300799) << QStringLiteral("9999-12-31T23:59:59Z");
    QTest::newRow("before the epoch") << qint64(-1) << QString();
    QTest::newRow("year 10000") << qint64(253402300800) << QString();
}

void TestVocabulary::formattingMatchesQt()
{
    QFETCH(qint64, seconds);
    QFETCH(QString, expected);
    const QDateTime utc = QDateTime::fromSecsSinceEpoch(seconds, Qt::UTC);
    QCOMPARE(isPlainUtcTime(seconds), !expected.isEmpty());
    QCOMPARE(formatUtcTime(seconds), utc.toString(Qt::ISODate));
    if (!expected.isEmpty())
        QCOMPARE(formatUtcTime(seconds), expected);
    const QString plain = utc.toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss"));
    QCOMPARE(exportIsoTime(seconds), plain + u'Z');
    QCOMPARE(stixTime(seconds), plain + QStringLiteral(".000Z"));
    QCOMPARE(mispTime(seconds), plain + QStringLiteral(".000000+00:00"));
}

// Every day of the first three centuries, then one day in 97 up to year 9999, each at a time of day that
// walks through hours, minutes and seconds.
void TestVocabulary::formattingEveryDay()
{
    const qint64 lastDay = 253402300799 / 86400;
    int checked = 0;
    for (qint64 day = 0; day <= lastDay; day += day < 110000 ? 1 : 97) {
        const qint64 seconds = day * 86400 + (day * 7919) % 86400;
        const QString expected = QDateTime::fromSecsSinceEpoch(seconds, Qt::UTC).toString(Qt::ISODate);
        if (formatUtcTime(seconds) != expected)
            QFAIL(qPrintable(QStringLiteral("%1: %2, not %3").arg(seconds).arg(formatUtcTime(seconds), expected)));
        ++checked;
    }
    QCOMPARE(formatUtcTime(lastDay * 86400 + 86399), QStringLiteral("9999-12-31T23:59:59Z"));
    QVERIFY(checked > 130000);
}

void TestVocabulary::names_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("normalized");
    QTest::newRow("case and dot") << "WwW.Example.COM."
                                  << "www.example.com";
    QTest::newRow("idn") << "bücher.de"
                         << "xn--bcher-kva.de";
    QTest::newRow("a-label kept") << "XN--BCHER-KVA.de"
                                  << "xn--bcher-kva.de";
    QTest::newRow("root") << "."
                          << ".";
    QTest::newRow("empty") << ""
                           << "";
    QTest::newRow("escaped dot kept") << "a\\..example"
                                      << "a\\..example";
    QTest::newRow("escaped final dot kept") << "host\\."
                                            << "host\\.";
    // An escaped backslash before the final dot: the dot is the root's and goes.
    QTest::newRow("escaped backslash, then the root dot") << "host\\\\."
                                                          << "host\\\\";
    // IDNA mapping drops ignorable characters (U+FEFF, U+00AD, U+200B). When one came after the root dot, the
    // dot is last only after the mapping, and must still go (found by fuzz_log_lines).
    QTest::newRow("zero-width no-break space after the root dot")
        << QStringLiteral("svc.example.\uFEFF") << "svc.example";
    QTest::newRow("ignorable then the root dot") << QStringLiteral("svc.example.\u200B.") << "svc.example";
    QTest::newRow("soft hyphen inside a label") << QStringLiteral("www.ex\u00ADample.com.") << "www.example.com";
    // A label made only of ignorables would become empty: the name is kept as it came, visible, not mangled.
    QTest::newRow("label of ignorables only") << QStringLiteral("a.\uFEFF.b") << QStringLiteral("a.\uFEFF.b");
}

void TestVocabulary::emptyLabels_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("empty");
    QTest::newRow("plain") << "www.example.com" << false;
    QTest::newRow("root dot") << "www.example.com." << false;
    QTest::newRow("root") << "." << false;
    QTest::newRow("two final dots") << "www.example.com.." << true;
    QTest::newRow("two dots inside") << "www..example.com" << true;
    QTest::newRow("leading dot") << ".example.com" << true;
    QTest::newRow("escaped dot") << "a\\..example" << false;
    QTest::newRow("escaped dot, then root") << "a\\.." << false;
    QTest::newRow("escaped backslash, then two dots") << "a\\\\..b" << true;
    QTest::newRow("decimal escape") << "\\046.example" << false;
    QTest::newRow("dangling backslash") << "a\\" << false;
}

void TestVocabulary::emptyLabels()
{
    QFETCH(QString, name);
    QFETCH(bool, empty);
    QCOMPARE(hasEmptyLabel(name), empty);
}

void TestVocabulary::names()
{
    QFETCH(QString, input);
    QFETCH(QString, normalized);
    QCOMPARE(normalizeDomainName(input), normalized);
    QCOMPARE(domainNameForDisplay(u"xn--bcher-kva.de"), QStringLiteral("bücher.de"));
    // Not only whitelisted TLDs: a homoglyph under any TLD must be visible as such.
    QCOMPARE(domainNameForDisplay(u"xn--pypal-4ve.example"), QStringLiteral("pаypal.example"));
}

void TestVocabulary::addresses_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<std::optional<QString>>("canonical");
    QTest::newRow("v4") << "192.0.2.1" << std::optional<QString>(QStringLiteral("192.0.2.1"));
    QTest::newRow("v6 long") << "2001:0DB8:0000:0000:0000:0000:0000:0001"
                             << std::optional<QString>(QStringLiteral("2001:db8::1"));
    QTest::newRow("v4 mapped") << "::ffff:192.0.2.1" << std::optional<QString>(QStringLiteral("::ffff:192.0.2.1"));
    QTest::newRow("hex v4") << "0x7f.1" << std::optional<QString>();
    QTest::newRow("short v4") << "127.1" << std::optional<QString>();
    QTest::newRow("octal-looking") << "010.0.0.1" << std::optional<QString>();
    QTest::newRow("out of range") << "999.1.1.1" << std::optional<QString>();
    QTest::newRow("zone id") << "fe80::1%eth0" << std::optional<QString>();
    QTest::newRow("name") << "example.com" << std::optional<QString>();
    QTest::newRow("newline") << "192.0.2.1\n1.2.3.4" << std::optional<QString>();
}

void TestVocabulary::addresses()
{
    QFETCH(QString, input);
    QFETCH(std::optional<QString>, canonical);
    QCOMPARE(canonicalAddress(input), canonical);
}

void TestVocabulary::sections()
{
    for (Section s : {Section::Answer, Section::Authority, Section::Additional, Section::Negative})
        QCOMPARE(sectionFromName(sectionName(s)), std::optional<Section>(s));
    QVERIFY(!sectionFromName(u"bogus"));
}

QTEST_GUILESS_MAIN(TestVocabulary)
#include "TestVocabulary.moc"
