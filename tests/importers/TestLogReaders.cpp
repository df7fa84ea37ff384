// Each log format read from realistic fixtures, checked field by field; format detection; the field helpers.

#include "CollectingSink.h"

#include "capture/logs/LogFieldText.h"
#include "capture/logs/LogFormat.h"
#include "capture/logs/LogImporter.h"
#include "capture/logs/ZeekJsonReader.h"
#include "capture/logs/ZeekTsvReader.h"

#include <QCryptographicHash>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

using namespace pdnsw;
using pdnsw::test::CollectingSink;

Q_DECLARE_METATYPE(std::optional<pdnsw::LogFormat>)

namespace {

QString fixture(const char* name)
{
    return QStringLiteral(PDNSW_SOURCE_DIR "/tests/importers/data/") + QLatin1String(name);
}

const QString kLan = QStringLiteral("192.168.1.10|192.168.1.1");

} // namespace

class TestLogReaders : public QObject
{
    Q_OBJECT

private slots:
    void formatNames();
    void detection_data();
    void detection();
    void detectionFromFiles_data();
    void detectionFromFiles();
    void goodFile_data();
    void goodFile();
    void zeekAnswers_data();
    void zeekAnswers();
    void sourceDefaults_data();
    void sourceDefaults();
    void logTime_data();
    void logTime();
    void canonicalRdata_data();
    void canonicalRdata();
    void zeekUnescape_data();
    void zeekUnescape();
};

void TestLogReaders::formatNames()
{
    const QStringList names = logFormatNames();
    QCOMPARE(names, (QStringList{"zeek", "zeek-json", "passivedns", "passivedns-json", "cof"}));
    for (const QString& name : names) {
        const auto format = logFormatFromName(name.toUpper());
        QVERIFY(format);
        QCOMPARE(logFormatName(*format), name);
    }
    QVERIFY(!logFormatFromName(u"bro"));
    QVERIFY(!logFormatFromName(u""));
}

void TestLogReaders::detection_data()
{
    QTest::addColumn<QByteArray>("head");
    QTest::addColumn<std::optional<LogFormat>>("expected");

    QTest::newRow("empty") << QByteArray() << std::optional<LogFormat>();
    QTest::newRow("binary") << QByteArray("\x7f"
                                          "ELF\x02\x01\x01\0\0\0\0\0\0\0\0\0",
        16) << std::optional<LogFormat>();
    QTest::newRow("plain text") << QByteArray("hello world\nthis is no log\n") << std::optional<LogFormat>();
    QTest::newRow("zeek fields first") << QByteArray("#fields\tts\tquery\n") << std::optional(LogFormat::ZeekTsv);
    QTest::newRow("zeek json cut mid-line")
        << QByteArray("{\"ts\":1515146400.1,\"uid\":\"C1\",\"id.orig_h\":\"192.0.2.1")
        << std::optional(LogFormat::ZeekJson);
    QTest::newRow("zeek json iso ts") << QByteArray("{\"ts\":\"2018-01-05T10:00:00Z\",\"query\":\"a.example\"}\n")
                                      << std::optional(LogFormat::ZeekJson);
    QTest::newRow("passivedns with comment header")
        << QByteArray("#timestamp||dns-client ||dns-server||RR class||Query||Query Type||Answer||TTL||Count\r\n"
                      "1322849924.408856||10.1.1.1||8.8.8.8||IN||a.example.||A||192.0.2.1||60||1\r\n")
        << std::optional(LogFormat::PassiveDns);
    QTest::newRow("passivedns 8 fields") << QByteArray(
        "1322849924||10.1.1.1||8.8.8.8||IN||a.example.||A||192.0.2.1||60\n")
                                         << std::optional(LogFormat::PassiveDns);
    QTest::newRow("passivedns json") << QByteArray(
        "{\"timestamp_s\":1322849924,\"query\":\"a.\",\"answer\":\"192.0.2.1\"}\n")
                                     << std::optional(LogFormat::PassiveDnsJson);
    QTest::newRow("cof after keep-alive and BOM")
        << QByteArray("\xEF\xBB\xBF{}\n{\"rrname\":\"a.example\",\"rrtype\":\"A\",\"rdata\":\"192.0.2.1\"}\n")
        << std::optional(LogFormat::Cof);
    QTest::newRow("saf begin") << QByteArray("{\"cond\":\"begin\"}\n") << std::optional(LogFormat::Cof);
    QTest::newRow("json of something else")
        << QByteArray("{\"name\":\"x\",\"value\":1}\n") << std::optional<LogFormat>();
    QTest::newRow("pipes without time") << QByteArray("a||b||c||d||e||f||g||h||i\n") << std::optional<LogFormat>();
}

void TestLogReaders::detection()
{
    QFETCH(QByteArray, head);
    QFETCH(std::optional<LogFormat>, expected);
    QCOMPARE(detectLogFormat(head), expected);
}

void TestLogReaders::detectionFromFiles_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<LogFormat>("expected");
    QTest::newRow("zeek tsv") << fixture("zeek_dns.log") << LogFormat::ZeekTsv;
    QTest::newRow("zeek json") << fixture("zeek_dns.json") << LogFormat::ZeekJson;
    QTest::newRow("passivedns") << fixture("passivedns.log") << LogFormat::PassiveDns;
    QTest::newRow("passivedns 0.5") << fixture("passivedns-0.5.log") << LogFormat::PassiveDns;
    QTest::newRow("passivedns json") << fixture("passivedns.json") << LogFormat::PassiveDnsJson;
    QTest::newRow("circl cof") << fixture("circl.cof.ndjson") << LogFormat::Cof;
    QTest::newRow("dnsdb saf") << fixture("dnsdb.saf.ndjson") << LogFormat::Cof;
}

void TestLogReaders::detectionFromFiles()
{
    QFETCH(QString, file);
    QFETCH(LogFormat, expected);
    QString error;
    const auto format = LogImporter::detectFileFormat(file, &error);
    QVERIFY2(format, qPrintable(error));
    QCOMPARE(*format, expected);
}

void TestLogReaders::goodFile_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QStringList>("expected"); // describe() of every observation, in order
    QTest::addColumn<QStringList>("unanswered"); // "name TYPE time"
    QTest::addColumn<QStringList>("errorPositions"); // reported problems (none are rejections here)
    QTest::addColumn<qint64>("lines");

    // Zeek: the CNAME chain of line 10 is rebuilt owner by owner; negative answers sit at the chain's end.
    const QStringList zeekFirstBlock{
        "www.bad.example|A|198.51.100.23|answer|1515146400|1515146400|1|0|300-300|" + kLan + "|",
        "www.shop.example|CNAME|shop.cdn.example.net|answer|1515146401|1515146401|1|0|3600-3600|" + kLan + "|",
        "shop.cdn.example.net|CNAME|edge.cdn.example.net|answer|1515146401|1515146401|1|0|60-60|" + kLan + "|",
        "edge.cdn.example.net|A|203.0.113.77|answer|1515146401|1515146401|1|0|20-20|" + kLan + "|",
        "edge.cdn.example.net|A|203.0.113.78|answer|1515146401|1515146401|1|0|20-20|" + kLan + "|",
        "gone.bad.example|A|NXDOMAIN|negative|1515146402|1515146402|1|3|-|" + kLan + "|",
        "v6only.example|A|NODATA|negative|1515146403|1515146403|1|0|-|" + kLan + "|",
        "_spf.example|TXT|\"v=spf1 ip4:192.0.2.0/24, -all\"|answer|1515146405|1515146405|1|0|300-300|" + kLan + "|",
        "23.100.51.198.in-addr.arpa|PTR|host.bad.example|answer|1515146406|1515146406|1|0|86400-86400|" + kLan + "|",
        "www.bad.example|AAAA|2001:db8::23|answer|1515146407|1515146407|1|0|300-300|" + kLan + "|",
        "bad.example|MX|mail.bad.example|answer|1515146408|1515146408|1|0|3600-3600|" + kLan + "|",
        "odd\\009name.example|A|192.0.2.9|answer|1515146409|1515146409|1|0|60-60|" + kLan + "|",
        "broken.example|A|SERVFAIL|negative|1515146410|1515146410|1|2|-|" + kLan + "|",
        "www.cleaned.example|CNAME|parked.cleaned.example|answer|1515146411|1515146411|1|3|120-120|" + kLan + "|",
        "parked.cleaned.example|A|NXDOMAIN|negative|1515146411|1515146411|1|3|-|" + kLan + "|",
        "img.example|CNAME|img.cdn.example.net|answer|1515146412|1515146412|1|0|600-600|" + kLan + "|",
        "img.cdn.example.net|AAAA|NODATA|negative|1515146412|1515146412|1|0|-|" + kLan + "|",
    };
    const QString zeekUnanswered = QStringLiteral("slow.example AAAA 1515146404");

    QTest::newRow("zeek tsv, two header blocks in different column order")
        << fixture("zeek_dns.log")
        << (zeekFirstBlock
            + QStringList{
                "www.bad.example|A|198.51.100.23|answer|1515232800|1515232800|1|0|300-300|192.168.1.11|192.168.1.1|",
                "empty.example|TXT|NODATA|negative|1515232801|1515232801|1|0|-|192.168.1.11|192.168.1.1|",
            })
        << QStringList{zeekUnanswered} << QStringList{} << qint64(35);

    QTest::newRow("zeek json, ISO ts, other _path, nested id")
        << fixture("zeek_dns.json")
        << (zeekFirstBlock
            + QStringList{
                "www.bad.example|A|198.51.100.23|answer|1515232800|1515232800|1|0|300-300|192.168.1.11|192.168.1.1|",
            })
        << QStringList{zeekUnanswered} << QStringList{"line 16"} << qint64(17);

    QTest::newRow("passivedns 1.x text, CRLF")
        << fixture("passivedns.log")
        << QStringList{
               "upload.youtube.com|A|74.125.43.117|answer|1322849924|1322849924|5|-|46587-46587|10.1.1.1|8.8.8.8|",
               "www.adobe.com|CNAME|www.wip4.adobe.com|answer|1322849924|1322849924|8|-|43200-43200|10.1.1.1|8.8.8.8|",
               "gone.bad.example|A|NXDOMAIN|negative|1322849925|1322849925|1|3|-|10.1.1.1|8.8.8.8|",
               "www.bad.example|AAAA|2001:db8::23|answer|1322849926|1322849926|2|-|300-300|2001:db8::10|2001:db8::1|",
               "bad.example|MX|mail.bad.example|answer|1322849927|1322849927|1|-|3600-3600|10.1.1.1|8.8.8.8|",
               "txt.example|TXT|\"v=spf1 a||mx -all\"|answer|1322849928|1322849928|1|-|300-300|10.1.1.1|8.8.8.8|",
               "svc.example|HTTPS|SERVFAIL|negative|1322849929|1322849929|1|2|-|10.1.1.1|8.8.8.8|",
               "version.bind|TXT|\"9.9.4\"|answer|1322849930|1322849930|1|-|0-0|10.1.1.1|8.8.8.8|{\"class\":\"CH\"}",
               "lame.example|A|NOTIMP|negative|1322849931|1322849931|1|4|-|10.1.1.1|8.8.8.8|",
           }
        << QStringList{} << QStringList{} << qint64(10);

    QTest::newRow("passivedns 0.5 text, no count")
        << fixture("passivedns-0.5.log")
        << QStringList{
               "upload.youtube.com|A|74.125.43.117|answer|1322849924|1322849924|-|-|46587-46587|10.1.1.1|8.8.8.8|",
               "www.adobe.com|CNAME|www.wip4.adobe.com|answer|1322849925|1322849925|-|-|43200-43200|10.1.1.1|8.8.8.8|",
           }
        << QStringList{} << QStringList{} << qint64(2);

    QTest::newRow("passivedns json")
        << fixture("passivedns.json")
        << QStringList{
               "upload.youtube.com|A|74.125.43.117|answer|1322849924|1322849924|5|-|46587-46587|10.1.1.1|8.8.8.8|",
               "www.adobe.com|CNAME|www.wip4.adobe.com|answer|1322849924|1322849924|8|-|43200-43200|10.1.1.1|8.8.8.8|",
               "gone.bad.example|A|NXDOMAIN|negative|1322849925|1322849925|1|3|-|10.1.1.1|8.8.8.8|",
               "www.bad.example|AAAA|2001:db8::23|answer|1322849926|1322849926|2|-|300-300|2001:db8::10|2001:db8::1|",
               "bad.example|MX|mail.bad.example|answer|1322849927|1322849927|1|-|3600-3600|10.1.1.1|8.8.8.8|",
               "svc.example|HTTPS|SERVFAIL|negative|1322849929|1322849929|1|2|-|10.1.1.1|8.8.8.8|",
           }
        << QStringList{} << QStringList{} << qint64(6);

    QTest::newRow("circl cof: string times, swapped row, arrays")
        << fixture("circl.cof.ndjson")
        << QStringList{
               "circl.lu|A|185.194.93.14|answer|1489752856|1531408213|5|-|-|||"
               "{\"origin\":\"https://www.circl.lu/pdns/\",\"swapped\":true}",
               "www.bad.example|A|198.51.100.23|answer|1514764800|1517443200|12|-|-|||"
               "{\"origin\":\"https://www.circl.lu/pdns/\"}",
               "www.bad.example|A|198.51.100.24|answer|1514764800|1517443200|12|-|-|||"
               "{\"origin\":\"https://www.circl.lu/pdns/\"}",
               "www.bad.example|CNAME|edge.cdn.example.net|answer|1517443200|1517443300|3|-|-|||{\"times_swapped\":true}",
               "bad.example|MX|10 mail.bad.example|answer|1514764800|1514851200|1|-|-|||"
               "{\"bailiwick\":\"bad.example\",\"sensor_id\":\"sensor-7\"}",
               "v6.example|AAAA|2001:db8::1|answer|1514764800|1514764800|1|-|-|||",
               "_sip._udp.example|SRV|0 5 5060 sip.example|answer|1514764800|1514851200|-|-|-|||",
           }
        << QStringList{} << QStringList{} << qint64(6);

    QTest::newRow("dnsdb saf: begin, keep-alive, zone times, succeeded")
        << fixture("dnsdb.saf.ndjson")
        << QStringList{
               "www.bad.example|A|198.51.100.23|answer|1514764800|1517443200|7|-|-|||{\"bailiwick\":\"bad.example\"}",
               "bad.example|NS|ns1.bad.example|answer|1500000000|1510000000|2|-|-|||"
               "{\"bailiwick\":\"example\",\"time_source\":\"zone\"}",
               "bad.example|NS|ns2.bad.example|answer|1500000000|1510000000|2|-|-|||"
               "{\"bailiwick\":\"example\",\"time_source\":\"zone\"}",
           }
        << QStringList{} << QStringList{} << qint64(5);
}

void TestLogReaders::goodFile()
{
    QFETCH(QString, file);
    QFETCH(QStringList, expected);
    QFETCH(QStringList, unanswered);
    QFETCH(QStringList, errorPositions);
    QFETCH(qint64, lines);

    CollectingSink sink;
    LogImporter importer;
    const LogImportStats stats = importer.importFile(file, sink);
    QVERIFY2(stats.ok(), qPrintable(stats.failure));
    const QStringList actual = test::describeAll(sink.observations);
    for (qsizetype i = 0; i < std::min(actual.size(), expected.size()); ++i)
        QCOMPARE(actual[i], expected[i]);
    QCOMPARE(actual.size(), expected.size());
    QCOMPARE(sink.unanswered, unanswered);
    QCOMPARE(sink.errorPositions(), errorPositions);

    QCOMPARE(stats.linesRead, lines);
    QCOMPARE(stats.observations, qint64(expected.size()));
    QCOMPARE(stats.unansweredQueries, qint64(unanswered.size()));
    QCOMPARE(stats.rejectedLines, qint64(0));
    QCOMPARE(stats.errorCount, qint64(errorPositions.size()));

    QFile raw(file);
    QVERIFY(raw.open(QIODevice::ReadOnly));
    const QByteArray bytes = raw.readAll();
    QCOMPARE(stats.size, qint64(bytes.size()));
    QCOMPARE(stats.sha256, QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex()));
    const auto digest = LogImporter::digestFile(file, nullptr, nullptr);
    QVERIFY(digest);
    QCOMPARE(digest->sha256, stats.sha256);
    QCOMPARE(digest->size, stats.size);
}

void TestLogReaders::zeekAnswers_data()
{
    QTest::addColumn<QString>("qtype");
    QTest::addColumn<int>("rcode");
    QTest::addColumn<QStringList>("answers");
    QTest::addColumn<QStringList>("expected"); // "rrname rrtype rdata section"

    QTest::newRow("A through two CNAMEs")
        << "A" << 0 << QStringList{"a.cdn.example", "b.cdn.example", "192.0.2.1"}
        << QStringList{"q.example CNAME a.cdn.example answer", "a.cdn.example CNAME b.cdn.example answer",
               "b.cdn.example A 192.0.2.1 answer"};
    QTest::newRow("AAAA chain without AAAA is NODATA at the end")
        << "AAAA" << 0 << QStringList{"a.cdn.example"}
        << QStringList{"q.example CNAME a.cdn.example answer", "a.cdn.example AAAA NODATA negative"};
    QTest::newRow("NXDOMAIN after a CNAME belongs to the target")
        << "A" << 3 << QStringList{"parked.example"}
        << QStringList{"q.example CNAME parked.example answer", "parked.example A NXDOMAIN negative"};
    QTest::newRow("MX answers are exchanges of the query name")
        << "MX" << 0 << QStringList{"mx1.example", "MX2.example."}
        << QStringList{"q.example MX mx1.example answer", "q.example MX mx2.example answer"};
    QTest::newRow("PTR through an RFC 2317 CNAME")
        << "PTR" << 0 << QStringList{"1.0/25.2.0.192.in-addr.arpa", "host.example"}
        << QStringList{"q.example CNAME 1.0/25.2.0.192.in-addr.arpa answer",
               "1.0/25.2.0.192.in-addr.arpa PTR host.example answer"};
    QTest::newRow("DNSSEC summaries are skipped, no NODATA claimed")
        << "A" << 0 << QStringList{"RRSIG A example", "<unknown type=46>"} << QStringList{};
    QTest::newRow("ANY: names of unknown type skipped, addresses kept")
        << "ANY" << 0 << QStringList{"ns1.example", "192.0.2.7"} << QStringList{"q.example A 192.0.2.7 answer"};
    QTest::newRow("TXT strings to presentation form")
        << "TXT" << 0 << QStringList{QString::fromUtf8("TXT 8 say \"hi\" TXT 2 \xc3\xa9")}
        << QStringList{QString::fromUtf8("q.example TXT \"say \\\"hi\\\"\" \"\\195\\169\" answer")};
    QTest::newRow("TXT with a wrong length kept escaped")
        << "TXT" << 0 << QStringList{"TXT 99 short"} << QStringList{"q.example TXT TXT 99 short answer"};
    QTest::newRow("SERVFAIL without answers")
        << "A" << 2 << QStringList{} << QStringList{"q.example A SERVFAIL negative"};
}

void TestLogReaders::zeekAnswers()
{
    QFETCH(QString, qtype);
    QFETCH(int, rcode);
    QFETCH(QStringList, answers);
    QFETCH(QStringList, expected);
    QJsonObject line{{"ts", 1515146400.0}, {"query", "q.example"}, {"qtype_name", qtype}, {"rcode", rcode},
        {"answers", QJsonArray::fromStringList(answers)}};
    CollectingSink sink;
    ZeekJsonReader reader;
    reader.readLine(QJsonDocument(line).toJson(QJsonDocument::Compact), 1, sink);
    QStringList actual;
    for (const Observation& o : sink.observations)
        actual.append(QStringList{o.rrname, o.rrtype, o.rdata, sectionName(o.section)}.join(u' '));
    QCOMPARE(actual, expected);
    QVERIFY(sink.errors.isEmpty());
}

void TestLogReaders::sourceDefaults_data()
{
    QTest::addColumn<LogFormat>("format");
    QTest::addColumn<QString>("kind");
    QTest::newRow("zeek") << LogFormat::ZeekTsv << "zeek";
    QTest::newRow("zeek-json") << LogFormat::ZeekJson << "zeek";
    QTest::newRow("passivedns") << LogFormat::PassiveDns << "passivedns";
    QTest::newRow("passivedns-json") << LogFormat::PassiveDnsJson << "passivedns";
    QTest::newRow("cof") << LogFormat::Cof << "cof";
}

void TestLogReaders::sourceDefaults()
{
    QFETCH(LogFormat, format);
    QFETCH(QString, kind);
    const SourceInfo defaults = logSourceDefaults(format);
    QCOMPARE(defaults.kind, kind);
    QCOMPARE(defaults.timeGranularity, QStringLiteral("second"));
    QCOMPARE(defaults.timeKind, QStringLiteral("sensor"));
    QCOMPARE(defaults.parameters, QStringLiteral("{\"format\":\"%1\"}").arg(logFormatName(format)));

    const SourceInfo info = LogImporter::sourceInfo(fixture("zeek_dns.log"), format, LogFileDigest{"ab12", 42});
    QCOMPARE(info.kind, kind);
    QCOMPARE(info.label, QStringLiteral("zeek_dns.log"));
    QCOMPARE(info.path, fixture("zeek_dns.log"));
    QCOMPARE(info.sha256, QStringLiteral("ab12"));
    QCOMPARE(info.size, qint64(42));
}

void TestLogReaders::logTime_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("expected"); // -1: refused
    QTest::newRow("epoch") << "1322849924" << qint64(1322849924);
    QTest::newRow("epoch fraction floored") << "1322849924.999999" << qint64(1322849924);
    QTest::newRow("iso micro fraction floored") << "2018-01-05T10:00:01.999999Z" << qint64(1515146401);
    QTest::newRow("iso with offset") << "2018-01-05T11:00:01+01:00" << qint64(1515146401);
    QTest::newRow("space separated") << "2011-12-02 18:18:47" << qint64(1322849927);
    QTest::newRow("negative") << "-5" << qint64(-1);
    QTest::newRow("beyond year 9999") << "999999999999" << qint64(-1);
    QTest::newRow("words") << "yesterday" << qint64(-1);
    QTest::newRow("two dots") << "1.2.3" << qint64(-1);
    QTest::newRow("empty") << "" << qint64(-1);
}

void TestLogReaders::logTime()
{
    QFETCH(QString, text);
    QFETCH(qint64, expected);
    const auto time = parseLogTime(text);
    QCOMPARE(time.value_or(-1), expected);
}

void TestLogReaders::canonicalRdata_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected"); // "!" = refused
    QTest::newRow("A") << "A"
                       << " 192.0.2.1 "
                       << "192.0.2.1";
    QTest::newRow("A octal refused") << "A"
                                     << "010.0.0.1"
                                     << "!";
    QTest::newRow("A given v6 refused") << "A"
                                        << "2001:db8::1"
                                        << "!";
    QTest::newRow("AAAA long form") << "AAAA"
                                    << "2001:0DB8:0000:0000:0000:0000:0000:0001"
                                    << "2001:db8::1";
    QTest::newRow("AAAA given v4 refused") << "AAAA"
                                           << "192.0.2.1"
                                           << "!";
    QTest::newRow("CNAME") << "CNAME"
                           << "Edge.Example.NET."
                           << "edge.example.net";
    QTest::newRow("CNAME IDN") << "CNAME" << QString::fromUtf8("bücher.example.") << "xn--bcher-kva.example";
    QTest::newRow("CNAME control char") << "CNAME" << QString::fromUtf8("a\nb.example") << "a\\010b.example";
    QTest::newRow("MX full") << "MX"
                             << "10 Mail.Example.COM."
                             << "10 mail.example.com";
    QTest::newRow("MX name only") << "MX"
                                  << "Mail.Example.COM."
                                  << "mail.example.com";
    QTest::newRow("SRV") << "SRV"
                         << "0 5 5060 SIP.Example."
                         << "0 5 5060 sip.example";
    QTest::newRow("SOA") << "SOA"
                         << "NS1.Example. Hostmaster.Example. 2018010101 3600 600 86400 300"
                         << "ns1.example hostmaster.example 2018010101 3600 600 86400 300";
    QTest::newRow("TXT keeps case") << "TXT"
                                    << "\"Hello World\""
                                    << "\"Hello World\"";
    QTest::newRow("TXT control escaped") << "TXT" << QString::fromUtf8("\"a\x1b[31mb\"") << "\"a\\027[31mb\"";
    QTest::newRow("empty refused") << "TXT"
                                   << "  "
                                   << "!";
}

void TestLogReaders::canonicalRdata()
{
    QFETCH(QString, type);
    QFETCH(QString, text);
    QFETCH(QString, expected);
    QString problem;
    const auto rdata = canonicalLogRdata(type, text, &problem);
    if (expected == u"!") {
        QVERIFY(!rdata);
        QVERIFY(!problem.isEmpty());
    } else {
        QVERIFY2(rdata, qPrintable(problem));
        QCOMPARE(*rdata, expected);
    }
}

void TestLogReaders::zeekUnescape_data()
{
    QTest::addColumn<QByteArray>("field");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("plain") << QByteArray("abc") << QByteArray("abc");
    QTest::newRow("tab") << QByteArray("a\\x09b") << QByteArray("a\tb");
    QTest::newRow("comma upper hex") << QByteArray("a\\x2Cb") << QByteArray("a,b");
    QTest::newRow("backslash") << QByteArray("a\\\\b") << QByteArray("a\\b");
    QTest::newRow("bad escape kept") << QByteArray("a\\xZZ") << QByteArray("a\\xZZ");
    QTest::newRow("cut escape kept") << QByteArray("a\\x0") << QByteArray("a\\x0");
    QTest::newRow("trailing backslash") << QByteArray("a\\") << QByteArray("a\\");
}

void TestLogReaders::zeekUnescape()
{
    QFETCH(QByteArray, field);
    QFETCH(QByteArray, expected);
    QCOMPARE(ZeekTsvReader::unescape(field), expected);
}

QTEST_GUILESS_MAIN(TestLogReaders)
#include "TestLogReaders.moc"
