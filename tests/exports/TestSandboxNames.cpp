// The gate in front of every hosts / dnsmasq / unbound / INetSim line: the injection table of reliability.md
// B.5 must be refused with a reason, and valid names and addresses come out canonical.
#include "models/sandbox/OverridePack.h"
#include "models/sandbox/SandboxName.h"

#include <QTest>

using namespace pdnsw;

class TestSandboxNames : public QObject
{
    Q_OBJECT

private slots:
    void testRejectName_data();
    void testRejectName();
    void testAcceptName_data();
    void testAcceptName();
    void testAddress_data();
    void testAddress();
    void testRejectedNeverEmitted_data();
    void testRejectedNeverEmitted();
    void testCommentText();
};

void TestSandboxNames::testRejectName_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("reasonPart");

    QTest::newRow("newline injection") << QStringLiteral("evil.com\n1.2.3.4 bank.com") << QStringLiteral("line break");
    QTest::newRow("CR") << QStringLiteral("a.com\r") << QStringLiteral("line break");
    QTest::newRow("CRLF inside") << QStringLiteral("a.com\r\n5.6.7.8 b.com") << QStringLiteral("line break");
    QTest::newRow("vertical tab") << QStringLiteral("a\x0b"
                                                    "b.com")
                                  << QStringLiteral("line break");
    QTest::newRow("form feed") << QStringLiteral("a\x0c"
                                                 "b.com")
                               << QStringLiteral("line break");
    QTest::newRow("U+2028") << QStringLiteral("a\u2028b.com") << QStringLiteral("line break");
    QTest::newRow("NUL") << QString::fromUtf16(u"a\0b.com", 7) << QStringLiteral("NUL");
    QTest::newRow("space") << QStringLiteral("evil.com bank.com") << QStringLiteral("blank");
    QTest::newRow("ex ample") << QStringLiteral("ex ample") << QStringLiteral("blank");
    QTest::newRow("tab") << QStringLiteral("a\tb.com") << QStringLiteral("control");
    QTest::newRow("no-break space") << QStringLiteral("a\u00a0b.com") << QStringLiteral("blank");
    QTest::newRow("hash") << QStringLiteral("a#b.com") << QStringLiteral("'#'");
    QTest::newRow("DEL") << QStringLiteral("a\x7f"
                                           "b.com")
                         << QStringLiteral("control");
    QTest::newRow("RTL override") << QStringLiteral("moc.\u202elive.com") << QStringLiteral("bidi");
    QTest::newRow("zero width space") << QStringLiteral("pay\u200bpal.com") << QStringLiteral("invisible");
    QTest::newRow("wildcard") << QStringLiteral("*.x.com") << QStringLiteral("wildcard");
    QTest::newRow("empty") << QString() << QStringLiteral("empty");
    QTest::newRow("only a dot") << QStringLiteral(".") << QStringLiteral("empty label");
    QTest::newRow("double dot") << QStringLiteral("a..com") << QStringLiteral("empty label");
    QTest::newRow("leading dot") << QStringLiteral(".a.com") << QStringLiteral("empty label");
    QTest::newRow("leading hyphen") << QStringLiteral("-a.com") << QStringLiteral("'-'");
    QTest::newRow("trailing hyphen label") << QStringLiteral("a-.com") << QStringLiteral("'-'");
    QTest::newRow("64-char label") << (QString(64, u'a') + QStringLiteral(".com")) << QStringLiteral("63");
    QTest::newRow("254-char name") << (QString(63, u'a') + u'.' + QString(63, u'b') + u'.' + QString(63, u'c') + u'.'
        + QString(62, u'd')) << QStringLiteral("253");
    QTest::newRow("underscore") << QStringLiteral("_dmarc.x.com") << QStringLiteral("'_'");
    QTest::newRow("slash") << QStringLiteral("a/b.com") << QStringLiteral("'/'");
    QTest::newRow("quote") << QStringLiteral("a\".com") << QStringLiteral("'\"'");
    QTest::newRow("html") << QStringLiteral("<b>x</b>.com") << QStringLiteral("'<'");
    QTest::newRow("comma (dnsmasq field)") << QStringLiteral("a.com,b.com") << QStringLiteral("','");
    QTest::newRow("legacy address 0x7f.1") << QStringLiteral("0x7f.1") << QStringLiteral("address");
    QTest::newRow("address as name") << QStringLiteral("999.1.1.1") << QStringLiteral("address");
    QTest::newRow("ipv6 as name") << QStringLiteral("2001:db8::1") << QStringLiteral("':'");
    QTest::newRow("bad punycode") << QStringLiteral("xn--.com") << QStringLiteral("'-'");
}

void TestSandboxNames::testRejectName()
{
    QFETCH(QString, name);
    QFETCH(QString, reasonPart);
    QString reason;
    const auto result = sandboxHostName(name, &reason);
    QVERIFY2(!result, qPrintable(QStringLiteral("accepted as ") + result.value_or(QString())));
    QVERIFY2(reason.contains(reasonPart, Qt::CaseInsensitive), qPrintable(reason));
    // The reason itself is safe to print: no raw line breaks from the input.
    QVERIFY(!reason.contains(u'\n') && !reason.contains(u'\r') && !reason.contains(QChar(0)));
}

void TestSandboxNames::testAcceptName_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("expected");
    QTest::newRow("plain") << QStringLiteral("www.bad.example") << QStringLiteral("www.bad.example");
    QTest::newRow("upper case") << QStringLiteral("WWW.Bad.Example") << QStringLiteral("www.bad.example");
    QTest::newRow("trailing dot") << QStringLiteral("bad.example.") << QStringLiteral("bad.example");
    QTest::newRow("IDN") << QStringLiteral("bücher.de") << QStringLiteral("xn--bcher-kva.de");
    QTest::newRow("A-label") << QStringLiteral("xn--bcher-kva.de") << QStringLiteral("xn--bcher-kva.de");
    QTest::newRow("leading digit") << QStringLiteral("1password.com") << QStringLiteral("1password.com");
    QTest::newRow("single label") << QStringLiteral("localhost") << QStringLiteral("localhost");
    QTest::newRow("63-char label") << (QString(63, u'a') + QStringLiteral(".com"))
                                   << (QString(63, u'a') + QStringLiteral(".com"));
    const QString n253
        = QString(63, u'a') + u'.' + QString(63, u'b') + u'.' + QString(63, u'c') + u'.' + QString(61, u'd');
    QCOMPARE(n253.size(), 253);
    QTest::newRow("253-char name") << n253 << n253;
}

void TestSandboxNames::testAcceptName()
{
    QFETCH(QString, name);
    QFETCH(QString, expected);
    QString reason;
    const auto result = sandboxHostName(name, &reason);
    QVERIFY2(result, qPrintable(reason));
    QCOMPARE(*result, expected);
}

void TestSandboxNames::testAddress_data()
{
    QTest::addColumn<QString>("address");
    QTest::addColumn<QString>("expected"); // empty = refused
    QTest::newRow("v4") << QStringLiteral("198.51.100.7") << QStringLiteral("198.51.100.7");
    QTest::newRow("v6 long") << QStringLiteral("2001:0DB8:0:0:0:0:0:1") << QStringLiteral("2001:db8::1");
    QTest::newRow("v4-mapped") << QStringLiteral("::ffff:192.0.2.1") << QStringLiteral("::ffff:192.0.2.1");
    QTest::newRow("hex legacy") << QStringLiteral("0x7f.1") << QString();
    QTest::newRow("short legacy") << QStringLiteral("127.1") << QString();
    QTest::newRow("octal") << QStringLiteral("010.0.0.1") << QString();
    QTest::newRow("out of range") << QStringLiteral("999.1.1.1") << QString();
    QTest::newRow("cidr") << QStringLiteral("192.0.2.0/24") << QString();
    QTest::newRow("zone id") << QStringLiteral("fe80::1%eth0") << QString();
    QTest::newRow("newline") << QStringLiteral("1.2.3.4\n5.6.7.8 bank.com") << QString();
    QTest::newRow("space") << QStringLiteral("1.2.3.4 bank.com") << QString();
    QTest::newRow("trailing space") << QStringLiteral("1.2.3.4 ") << QString();
    QTest::newRow("empty") << QString() << QString();
    QTest::newRow("name") << QStringLiteral("bank.com") << QString();
}

void TestSandboxNames::testAddress()
{
    QFETCH(QString, address);
    QFETCH(QString, expected);
    QString reason;
    const auto result = sandboxAddress(address, &reason);
    if (expected.isEmpty()) {
        QVERIFY2(!result, qPrintable(result.value_or(QString())));
        QVERIFY(!reason.isEmpty());
        QVERIFY(!reason.contains(u'\n'));
    } else {
        QVERIFY2(result, qPrintable(reason));
        QCOMPARE(*result, expected);
    }
}

// Whatever the format, a refused name or address never reaches the output, and the rest still does.
void TestSandboxNames::testRejectedNeverEmitted_data()
{
    QTest::addColumn<int>("format");
    for (const QString& name : overrideFormatNames())
        QTest::newRow(qPrintable(name)) << static_cast<int>(*overrideFormatFromName(name));
}

void TestSandboxNames::testRejectedNeverEmitted()
{
    QFETCH(int, format);
    const QList<OverrideEntry> entries{
        {QStringLiteral("evil.com\n1.2.3.4 bank.com"), QStringLiteral("198.51.100.1"), {}},
        {QStringLiteral("evil.com bank.com"), QStringLiteral("198.51.100.1"), {}},
        {QStringLiteral("a#b.com"), QStringLiteral("198.51.100.1"), {}},
        {QStringLiteral("moc.\u202elive.com"), QStringLiteral("198.51.100.1"), {}},
        {QStringLiteral("ok.example"), QStringLiteral("0x7f.1"), {}},
        {QStringLiteral("ok.example"), QStringLiteral("1.2.3.4\n5.6.7.8 bank.com"), {}},
        {QStringLiteral("good.example"), QStringLiteral("198.51.100.2"),
            QStringLiteral("comment\nwith 9.9.9.9 bank.com")},
    };
    OverrideHeader header;
    header.caseTitle = QStringLiteral("case\n1.2.3.4 bank.com");
    header.asOf = QStringLiteral("latest");
    header.sources = {QStringLiteral("evil\r\nsource")};
    header.generatedAt = 1700000000;
    const OverridePack pack = generateOverride(entries, header, static_cast<OverrideFormat>(format));
    QVERIFY2(pack.ok(), qPrintable(pack.error));
    QCOMPARE(pack.rejected.size(), 6);
    QCOMPARE(pack.pairs.size(), 1);
    QCOMPARE(pack.pairs.first(), AddressName(QStringLiteral("198.51.100.2"), QStringLiteral("good.example")));
    QVERIFY(!pack.text.contains(QStringLiteral("5.6.7.8")));
    QVERIFY(!pack.text.contains(u'\u202e'));
    QVERIFY(!pack.text.contains(QChar(0)));
    // Every line is a comment or a directive: no line begins with an injected address.
    for (const QString& line : pack.text.split(u'\n')) {
        QVERIFY2(!line.startsWith(QStringLiteral("1.2.3.4")) && !line.startsWith(QStringLiteral("9.9.9.9")),
            qPrintable(line));
    }
    const ParsedOverride parsed = parseOverride(pack.text, static_cast<OverrideFormat>(format));
    QVERIFY2(parsed.problems.isEmpty(), qPrintable(parsed.problems.join(u'\n')));
    QCOMPARE(parsed.pairs.size(), 1);
}

void TestSandboxNames::testCommentText()
{
    QCOMPARE(sandboxCommentText(QStringLiteral("a\nb\u202ec")), QStringLiteral("a?b?c"));
    QCOMPARE(sandboxCommentText(QString(300, u'x'), 10), QStringLiteral("xxxxxxx..."));
}

QTEST_GUILESS_MAIN(TestSandboxNames)
#include "TestSandboxNames.moc"
