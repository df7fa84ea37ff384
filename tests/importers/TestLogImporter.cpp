// The importer around the readers: broken lines in every format (reported with their number, the rest
// imported), line splitting, memory bounds, progress, cancel, hashing, and a never-crash run over mutated
// fixtures.

#include "CollectingSink.h"
#include "FileBytes.h"

#include "capture/logs/LogImporter.h"
#include "capture/logs/LogLineSplitter.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

using namespace pdnsw;
using pdnsw::test::CollectingSink;
using pdnsw::test::readFile;
using pdnsw::test::writeFile;

namespace {

QString fixture(const char* name)
{
    return QStringLiteral(PDNSW_SOURCE_DIR "/tests/importers/data/") + QLatin1String(name);
}

// A compact Zeek header (7 lines) and data lines for it.
const QByteArray kZeekHeader
    = "#separator \\x09\n#set_separator\t,\n#empty_field\t(empty)\n#unset_field\t-\n#path\tdns\n"
      "#fields\tts\tid.orig_h\tid.resp_h\tquery\tqtype\tqtype_name\trcode\trcode_name\tanswers\tTTLs\n"
      "#types\ttime\taddr\taddr\tstring\tcount\tstring\tcount\tstring\tvector[string]\tvector[interval]\n";

QByteArray zeekLine(const char* name, const char* ts = "1515146400.5", const char* client = "192.168.1.10",
    const char* answers = "198.51.100.23")
{
    return QByteArray(ts) + '\t' + client + "\t192.168.1.1\t" + name + "\t1\tA\t0\tNOERROR\t" + answers + "\t300.0";
}

QByteArray zeekJson(const char* name)
{
    return QByteArray("{\"ts\":1515146400.5,\"query\":\"") + name
        + "\",\"qtype\":1,\"qtype_name\":\"A\",\"rcode\":0,\"rcode_name\":\"NOERROR\",\"answers\":[\"198.51.100.23\"],"
          "\"TTLs\":[300.0]}";
}

QByteArray pdnsLine(const char* name, const char* answer = "198.51.100.23")
{
    return QByteArray("1322849924.408856||10.1.1.1||8.8.8.8||IN||") + name + ".||A||" + answer + "||300||2";
}

QByteArray pdnsJson(const char* name)
{
    return QByteArray("{\"timestamp_s\":1322849924,\"client\":\"10.1.1.1\",\"server\":\"8.8.8.8\",\"class\":\"IN\","
                      "\"query\":\"")
        + name + ".\",\"type\":\"A\",\"answer\":\"198.51.100.23\",\"ttl\":300,\"count\":2}";
}

QByteArray cofLine(const char* name)
{
    return QByteArray("{\"rrname\":\"") + name
        + ".\",\"rrtype\":\"A\",\"rdata\":[\"198.51.100.23\"],\"time_first\":1514764800,\"time_last\":1517443200,"
          "\"count\":3}";
}

QByteArray joined(std::initializer_list<QByteArray> lines, const char* terminator = "\n")
{
    QByteArray out;
    for (const QByteArray& line : lines)
        out += line + terminator;
    return out;
}

constexpr char kGarbageBytes[] = "\x89PNG\x1a\xff\xfe\x01\x02\x03\xc3\x28\xa0\xa1 \x7f\x80\x90 {[\"";
const QByteArray kGarbage(kGarbageBytes, sizeof(kGarbageBytes) - 1);

} // namespace

class TestLogImporter : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void brokenLines_data();
    void brokenLines();
    void zeekTtlOutsideDnsRange();
    void splitter_data();
    void splitter();
    void overLongLineKeepsMemoryBounded();
    void progressAndCompletion();
    void cancelStopsPromptly();
    void sinkCanStopTheImport();
    void changedFileIsRefused();
    void unreadableAndUnknown();
    void emptyFile();
    void neverCrashes_data();
    void neverCrashes();

private:
    QTemporaryDir m_dir;
};

void TestLogImporter::initTestCase()
{
    QVERIFY(m_dir.isValid());
}

void TestLogImporter::brokenLines_data()
{
    QTest::addColumn<LogFormat>("format");
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<qsizetype>("maxLineBytes");
    QTest::addColumn<QStringList>("errorLines"); // positions reported, in order
    QTest::addColumn<QStringList>("names"); // rrnames that still imported, in order
    QTest::addColumn<qint64>("rejected");

    const qsizetype big = 1 << 20;
    const QByteArray h = kZeekHeader;
    // Zeek TSV: the header is lines 1-7.
    QTest::newRow("zeek: missing fields")
        << LogFormat::ZeekTsv
        << h + joined({zeekLine("a.example"), "1515146400.5\t192.168.1.10\tshort.example", zeekLine("b.example")})
        << big << QStringList{"line 9"} << QStringList{"a.example", "b.example"} << qint64(1);
    QTest::newRow("zeek: bad timestamp") << LogFormat::ZeekTsv
                                         << h + joined({zeekLine("a.example", "yesterday"), zeekLine("b.example")})
                                         << big << QStringList{"line 8"} << QStringList{"b.example"} << qint64(1);
    QTest::newRow("zeek: binary garbage")
        << LogFormat::ZeekTsv << h + joined({zeekLine("a.example"), kGarbage, zeekLine("b.example")}) << big
        << QStringList{"line 9"} << QStringList{"a.example", "b.example"} << qint64(1);
    QTest::newRow("zeek: NUL bytes") << LogFormat::ZeekTsv
                                     << h
            + joined({zeekLine("a.example"), zeekLine("nulX.example").replace('X', '\0'), zeekLine("b.example")})
                                     << big << QStringList{"line 9"} << QStringList{"a.example", "b.example"}
                                     << qint64(1);
    QTest::newRow("zeek: over-long line")
        << LogFormat::ZeekTsv << h + joined({zeekLine(QByteArray(5000, 'x').constData()), zeekLine("b.example")})
        << qsizetype(4096) << QStringList{"line 8"} << QStringList{"b.example"} << qint64(1);
    QTest::newRow("zeek: header missing, then found")
        << LogFormat::ZeekTsv << joined({zeekLine("a.example"), zeekLine("b.example")}) + h + zeekLine("c.example")
        << big << QStringList{"line 1", "line 2"} << QStringList{"c.example"} << qint64(2);
    QTest::newRow("zeek: CR-only lines") << LogFormat::ZeekTsv
                                         << QByteArray(h).replace('\n', '\r')
            + joined({zeekLine("a.example"), "garbage", zeekLine("b.example")}, "\r")
                                         << big << QStringList{"line 9"} << QStringList{"a.example", "b.example"}
                                         << qint64(1);
    QTest::newRow("zeek: bad client address")
        << LogFormat::ZeekTsv << h + joined({zeekLine("a.example", "1515146400.5", "999.1.1.1"), zeekLine("b.example")})
        << big << QStringList{"line 8"} << QStringList{"b.example"} << qint64(1);
    QTest::newRow("zeek: one bad answer of two is reported, the line kept")
        << LogFormat::ZeekTsv
        << h
            + joined({zeekLine(
                "a.example", "1515146400.5", "192.168.1.10", ("198.51.100.1," + QByteArray(1100, 'n')).constData())})
        << big << QStringList{"line 8"} << QStringList{"a.example"} << qint64(0);
    QTest::newRow("zeek: #fields without query")
        << LogFormat::ZeekTsv
        << QByteArray("#separator \\x09\n#fields\tts\tanswers\n1515146400.5\t192.0.2.1\n") + h + zeekLine("c.example")
        << big << QStringList{"line 2", "line 3"} << QStringList{"c.example"} << qint64(2);

    QTest::newRow("zeek-json: bad JSON, missing ts, bad ts, answers not a list, array")
        << LogFormat::ZeekJson
        << joined({zeekJson("a.example"), "{\"ts\":1515146400,\"query\":", "{\"query\":\"x.example\"}",
               "{\"ts\":\"soon\",\"query\":\"x.example\"}",
               "{\"ts\":1515146400,\"query\":\"x.example\",\"rcode\":0,\"answers\":\"192.0.2.1\"}", "[1,2]",
               zeekJson("b.example")})
        << big << QStringList{"line 2", "line 3", "line 4", "line 5", "line 6"} << QStringList{"a.example", "b.example"}
        << qint64(5);

    QTest::newRow("passivedns: 7 fields, bad time, bad ttl, bad A, bad client")
        << LogFormat::PassiveDns
        << joined({pdnsLine("a.example"), "1322849924||10.1.1.1||8.8.8.8||IN||x.||A||192.0.2.1",
               "yesterday||10.1.1.1||8.8.8.8||IN||x.||A||192.0.2.1||300||1",
               "1322849924||10.1.1.1||8.8.8.8||IN||x.||A||192.0.2.1||abc||1", pdnsLine("x", "999.1.1.1"),
               "1322849924||not-an-ip||8.8.8.8||IN||x.||A||192.0.2.1||300||1", pdnsLine("b.example")})
        << big << QStringList{"line 2", "line 3", "line 4", "line 5", "line 6"} << QStringList{"a.example", "b.example"}
        << qint64(5);
    QTest::newRow("passivedns: NUL, garbage, CR-only")
        << LogFormat::PassiveDns
        << joined({pdnsLine("a.example"), QByteArray("12\0\0\0||x", 9), kGarbage, pdnsLine("b.example")}, "\r") << big
        << QStringList{"line 2", "line 3"} << QStringList{"a.example", "b.example"} << qint64(2);
    QTest::newRow("passivedns: a TTL beyond 32 bits")
        << LogFormat::PassiveDns
        << joined({pdnsLine("a.example"), "1322849924||10.1.1.1||8.8.8.8||IN||x.||A||192.0.2.1||4294967296||1",
               pdnsLine("b.example")})
        << big << QStringList{"line 2"} << QStringList{"a.example", "b.example"} << qint64(1);
    QTest::newRow("passivedns: names with an empty label")
        << LogFormat::PassiveDns
        << joined({pdnsLine("a.example"), pdnsLine("www.bad.."), pdnsLine(".lead.example"),
               pdnsLine("two..dots.example"), pdnsLine("b.example")})
        << big << QStringList{"line 2", "line 3", "line 4"} << QStringList{"a.example", "b.example"} << qint64(3);
    QTest::newRow("passivedns: over-long line")
        << LogFormat::PassiveDns
        << joined({pdnsLine("a.example"), pdnsLine(QByteArray(9000, 'y').constData()), pdnsLine("b.example")})
        << qsizetype(8192) << QStringList{"line 2"} << QStringList{"a.example", "b.example"} << qint64(1);

    QTest::newRow("passivedns-json: missing query, bad count, bad JSON, type object")
        << LogFormat::PassiveDnsJson
        << joined({pdnsJson("a.example"), "{\"timestamp_s\":1322849924,\"type\":\"A\",\"answer\":\"192.0.2.1\"}",
               "{\"timestamp_s\":1322849924,\"query\":\"x.\",\"type\":\"A\",\"answer\":\"192.0.2.1\",\"count\":"
               "\"many\"}",
               "{\"timestamp_s\":13228",
               "{\"timestamp_s\":1322849924,\"query\":\"x.\",\"type\":{},\"answer\":\"192.0.2.1\"}",
               pdnsJson("b.example")})
        << big << QStringList{"line 2", "line 3", "line 4", "line 5"} << QStringList{"a.example", "b.example"}
        << qint64(4);

    QTest::newRow("cof: bad type, no rdata, bad time, bad count, long name")
        << LogFormat::Cof
        << joined({cofLine("a.example"), "{\"rrname\":\"x.\",\"rrtype\":\"BOGUS\",\"rdata\":\"192.0.2.1\"}",
               "{\"rrname\":\"x.\",\"rrtype\":\"A\"}",
               "{\"rrname\":\"x.\",\"rrtype\":\"A\",\"rdata\":\"192.0.2.1\",\"time_first\":\"soon\"}",
               "{\"rrname\":\"x.\",\"rrtype\":\"A\",\"rdata\":\"192.0.2.1\",\"count\":-1}",
               "{\"rrname\":\"" + QByteArray(1100, 'z') + "\",\"rrtype\":\"A\",\"rdata\":\"192.0.2.1\"}",
               cofLine("b.example")})
        << big << QStringList{"line 2", "line 3", "line 4", "line 5", "line 6"} << QStringList{"a.example", "b.example"}
        << qint64(5);
    QTest::newRow("cof: a bad rdata element is reported, the others kept")
        << LogFormat::Cof
        << joined({"{\"rrname\":\"a.example\",\"rrtype\":\"A\",\"rdata\":[42,\"192.0.2.1\",\"x.y\"]}"}) << big
        << QStringList{"line 1", "line 1"} << QStringList{"a.example"} << qint64(0);
    QTest::newRow("saf: limited stream") << LogFormat::Cof
                                         << joined({"{\"cond\":\"begin\"}", "{\"obj\":" + cofLine("a.example") + "}",
                                                "{\"cond\":\"limited\",\"msg\":\"Result limit reached\"}"})
                                         << big << QStringList{"line 3"} << QStringList{"a.example"} << qint64(0);
    QTest::newRow("saf: missing terminator")
        << LogFormat::Cof
        << joined({"{\"cond\":\"begin\"}", "{\"obj\":" + cofLine("a.example") + "}", "{\"obj\":\"x\"}"}) << big
        << QStringList{"line 3", "line 3"} << QStringList{"a.example"} << qint64(1);
}

void TestLogImporter::brokenLines()
{
    QFETCH(LogFormat, format);
    QFETCH(QByteArray, content);
    QFETCH(qsizetype, maxLineBytes);
    QFETCH(QStringList, errorLines);
    QFETCH(QStringList, names);
    QFETCH(qint64, rejected);

    const QString path = m_dir.filePath(QStringLiteral("broken.log"));
    QVERIFY(writeFile(path, content));
    LogImportOptions options;
    options.format = format;
    options.maxLineBytes = maxLineBytes;
    CollectingSink sink;
    const LogImportStats stats = LogImporter(options).importFile(path, sink);
    QVERIFY2(stats.ok(), qPrintable(stats.failure));
    QCOMPARE(sink.errorPositions(), errorLines);
    QCOMPARE(sink.rrnames(), names);
    QCOMPARE(stats.rejectedLines, rejected);
    QCOMPARE(stats.errorCount, qint64(errorLines.size()));
    // Each message names the file and line and says what happens.
    QCOMPARE(stats.errors.size(), errorLines.size());
    for (qsizetype i = 0; i < stats.errors.size(); ++i) {
        QVERIFY2(stats.errors[i].startsWith(QStringLiteral("%1 %2: ").arg(path, errorLines[i])),
            qPrintable(stats.errors[i]));
        QVERIFY2(stats.errors[i].size() > path.size() + 20, qPrintable(stats.errors[i]));
    }
}

void TestLogImporter::zeekTtlOutsideDnsRange()
{
    // A TTL Zeek could not have read off the wire (beyond 32 bits) is a broken field: the answer stays, its TTL
    // becomes unknown. The TTL of the other answer on the line is kept.
    QByteArray line = zeekLine("q.example", "1515146400.5", "192.168.1.10", "198.51.100.23,198.51.100.24");
    line.replace("\t300.0", "\t300.0,99999999999.0");
    const QString path = m_dir.filePath(QStringLiteral("ttl.log"));
    QVERIFY(writeFile(path, kZeekHeader + line + '\n'));
    CollectingSink sink;
    const LogImportStats stats = LogImporter().importFile(path, sink);
    QVERIFY2(stats.ok(), qPrintable(stats.failure));
    QCOMPARE(sink.observations.size(), 2);
    QCOMPARE(sink.observations[0].ttlMin, std::optional<qint64>(300));
    QCOMPARE(sink.observations[1].rdata, QStringLiteral("198.51.100.24"));
    QVERIFY(!sink.observations[1].ttlMin);
    QVERIFY(!sink.observations[1].ttlMax);
}

void TestLogImporter::splitter_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QStringList>("lines");
    QTest::newRow("mixed terminators") << QByteArray("a\nbb\r\nccc\rd\r\r\ne")
                                       << QStringList{"a", "bb", "ccc", "d", "", "e"};
    QTest::newRow("trailing CRLF") << QByteArray("x\r\ny\r\n") << QStringList{"x", "y"};
    QTest::newRow("CR only") << QByteArray("x\ry\r\rz\r") << QStringList{"x", "y", "", "z"};
    QTest::newRow("no terminator") << QByteArray("only") << QStringList{"only"};
    QTest::newRow("empty lines") << QByteArray("\n\n") << QStringList{"", ""};
}

void TestLogImporter::splitter()
{
    QFETCH(QByteArray, input);
    QFETCH(QStringList, lines);
    // Every chunk size must give the same lines: terminators split across chunks (CR | LF) included.
    for (qsizetype chunk = 1; chunk <= input.size(); ++chunk) {
        LogLineSplitter splitter(1024);
        QStringList seen;
        QList<qint64> numbers;
        auto onLine = [&](const LogLineSplitter::Line& line) {
            seen.append(QString::fromLatin1(line.bytes));
            numbers.append(line.number);
            return true;
        };
        for (qsizetype at = 0; at < input.size(); at += chunk)
            QVERIFY(splitter.feed(QByteArrayView(input).sliced(at, std::min(chunk, input.size() - at)), onLine));
        QVERIFY(splitter.finish(onLine));
        QCOMPARE(seen, lines);
        for (qsizetype i = 0; i < numbers.size(); ++i)
            QCOMPARE(numbers[i], qint64(i + 1));
    }
}

void TestLogImporter::overLongLineKeepsMemoryBounded()
{
    LogLineSplitter splitter(1024);
    QList<LogLineSplitter::Line> seen;
    QStringList texts;
    auto onLine = [&](const LogLineSplitter::Line& line) {
        seen.append(line);
        texts.append(QString::fromLatin1(line.bytes));
        return true;
    };
    const QByteArray block(4096, 'x');
    QVERIFY(splitter.feed("short\n", onLine));
    for (int i = 0; i < 256; ++i) // one 1 MiB line, fed in pieces
        QVERIFY(splitter.feed(block, onLine));
    QVERIFY(splitter.feed("\nafter\n", onLine));
    QVERIFY(splitter.finish(onLine));
    QCOMPARE(seen.size(), 3);
    QVERIFY(!seen[0].overLong);
    QVERIFY(seen[1].overLong);
    QCOMPARE(seen[1].length, qint64(1 << 20));
    QVERIFY(seen[1].bytes.isEmpty());
    QCOMPARE(seen[1].number, qint64(2));
    QCOMPARE(texts[2], QStringLiteral("after"));
    QCOMPARE(seen[2].number, qint64(3));
}

namespace {

QString makeLargeCof(const QString& path, int lines)
{
    QByteArray content;
    for (int i = 0; i < lines; ++i) {
        content += QStringLiteral("{\"rrname\":\"host%1.example.\",\"rrtype\":\"A\",\"rdata\":[\"198.51.%2.%3\"],"
                                  "\"time_first\":1514764800,\"time_last\":1517443200,\"count\":%4}\n")
                       .arg(i)
                       .arg((i / 250) % 250)
                       .arg(i % 250 + 1)
                       .arg(i % 7 + 1)
                       .toLatin1();
    }
    writeFile(path, content);
    return path;
}

} // namespace

void TestLogImporter::progressAndCompletion()
{
    const QString path = makeLargeCof(m_dir.filePath(QStringLiteral("large.cof")), 20000);
    const qint64 size = QFileInfo(path).size();
    LogImportOptions options;
    options.chunkBytes = 64 * 1024;
    LogImporter importer(options);
    QList<LogImportProgress> reports;
    importer.setProgressCallback([&](const LogImportProgress& p) { reports.append(p); });
    CollectingSink sink;
    const LogImportStats stats = importer.importFile(path, sink);
    QVERIFY(stats.ok());
    QCOMPARE(stats.format, std::optional(LogFormat::Cof));
    QCOMPARE(stats.linesRead, qint64(20000));
    QCOMPARE(stats.observations, qint64(20000));
    QCOMPARE(sink.observations.size(), 20000);
    QVERIFY(reports.size() > 10);
    for (qsizetype i = 1; i < reports.size(); ++i) {
        QVERIFY(reports[i].bytesRead >= reports[i - 1].bytesRead);
        QVERIFY(reports[i].lines >= reports[i - 1].lines);
        QCOMPARE(reports[i].totalBytes, size);
    }
    QCOMPARE(reports.last().bytesRead, size);
    QCOMPARE(reports.last().lines, qint64(20000));
    QCOMPARE(stats.sha256,
        QString::fromLatin1(QCryptographicHash::hash(readFile(path), QCryptographicHash::Sha256).toHex()));
    QCOMPARE(stats.toJson(),
        QStringLiteral("{\"errors\":0,\"format\":\"cof\",\"lines\":20000,\"observations\":20000,\"rejected\":0,"
                       "\"skipped\":0,\"unanswered\":0}"));
}

void TestLogImporter::cancelStopsPromptly()
{
    const QString path = makeLargeCof(m_dir.filePath(QStringLiteral("cancel.cof")), 20000);
    LogImportOptions options;
    options.chunkBytes = 64 * 1024;
    LogImporter importer(options);
    std::atomic<bool> cancel{false};
    importer.setCancelFlag(&cancel);
    int reports = 0;
    importer.setProgressCallback([&](const LogImportProgress&) {
        ++reports;
        cancel = true; // the analyst presses Cancel after the first progress report
    });
    CollectingSink sink;
    const LogImportStats stats = importer.importFile(path, sink);
    QVERIFY(stats.cancelled);
    QVERIFY(!stats.completed);
    QVERIFY(!stats.ok());
    QVERIFY(stats.sha256.isEmpty());
    QCOMPARE(reports, 1);
    QVERIFY(stats.observations > 0);
    QVERIFY(stats.observations < 20000 / 2);
    QCOMPARE(qint64(sink.observations.size()), stats.observations);

    QString error;
    QVERIFY(!LogImporter::digestFile(path, &cancel, &error));
    QVERIFY(error.contains(u"cancelled"));
}

void TestLogImporter::sinkCanStopTheImport()
{
    CollectingSink sink;
    sink.refuseAfter = 3;
    const LogImportStats stats = LogImporter().importFile(fixture("zeek_dns.log"), sink);
    QVERIFY(stats.stoppedBySink);
    QVERIFY(!stats.ok());
    QCOMPARE(sink.observations.size(), 3);
}

void TestLogImporter::changedFileIsRefused()
{
    LogImportOptions options;
    options.expectedSha256 = QStringLiteral("00");
    CollectingSink sink;
    const LogImportStats stats = LogImporter(options).importFile(fixture("circl.cof.ndjson"), sink);
    QVERIFY(!stats.ok());
    QVERIFY2(stats.failure.contains(u"changed while it was being imported"), qPrintable(stats.failure));

    const auto digest = LogImporter::digestFile(fixture("circl.cof.ndjson"), nullptr, nullptr);
    QVERIFY(digest);
    options.expectedSha256 = digest->sha256.toUpper();
    QVERIFY(LogImporter(options).importFile(fixture("circl.cof.ndjson"), sink).ok());
}

void TestLogImporter::unreadableAndUnknown()
{
    CollectingSink sink;
    const QString missing = m_dir.filePath(QStringLiteral("missing.log"));
    LogImportStats stats = LogImporter().importFile(missing, sink);
    QVERIFY(!stats.ok());
    QVERIFY2(stats.failure.contains(missing), qPrintable(stats.failure));
    QString error;
    QVERIFY(!LogImporter::digestFile(missing, nullptr, &error));
    QVERIFY(error.contains(missing));
    QVERIFY(!LogImporter::detectFileFormat(m_dir.path(), &error));
    QVERIFY2(error.contains(u"directory"), qPrintable(error));

    const QString text = m_dir.filePath(QStringLiteral("notes.txt"));
    QVERIFY(writeFile(text, "Dear analyst,\nthis is not a log.\n"));
    stats = LogImporter().importFile(text, sink);
    QVERIFY(!stats.ok());
    QVERIFY2(stats.failure.contains(u"zeek, zeek-json, passivedns, passivedns-json, cof"), qPrintable(stats.failure));
    QVERIFY(sink.observations.isEmpty());

    // Binary data is not a log of an unknown format: naming a format would not help.
    const QString binary = m_dir.filePath(QStringLiteral("image.bin"));
    QVERIFY(writeFile(binary, QByteArray("\x89PNG\r", 5) + QByteArray(1, '\0') + QByteArray(100, 'x')));
    stats = LogImporter().importFile(binary, sink);
    QVERIFY(!stats.ok());
    QVERIFY2(stats.failure.startsWith(binary
                 + QStringLiteral(" is not a DNS log or a capture: it holds binary data "
                                  "(a zero byte at offset 5)")),
        qPrintable(stats.failure));
    QVERIFY(!LogImporter::detectFileFormat(binary, &error));
    QCOMPARE(error, stats.failure);

    // A COF file none of whose lines reads: the advice is about COF lines, not about passivedns layouts.
    const QString cof = m_dir.filePath(QStringLiteral("broken.cof.json"));
    QVERIFY(
        writeFile(cof, "{\"rrname\":\"x.example\",\"rrtype\":\"A\",\"rdata\":\"192.0.2.1\",\"time_last\":\"bad\"}\n"));
    stats = LogImporter().importFile(cof, sink);
    QCOMPARE(stats.format, std::optional<LogFormat>(LogFormat::Cof));
    QVERIFY(stats.readNothing());
    const QString advice = stats.readNothingMessage(cof);
    QVERIFY2(
        advice.contains(u"its lines were read as cof; if it is another format, name it") && !advice.contains(u"-f "),
        qPrintable(advice));
}

void TestLogImporter::emptyFile()
{
    const QString path = m_dir.filePath(QStringLiteral("empty.log"));
    QVERIFY(writeFile(path, QByteArray()));
    LogImportOptions options;
    options.format = LogFormat::ZeekTsv;
    CollectingSink sink;
    const LogImportStats stats = LogImporter(options).importFile(path, sink);
    QVERIFY(stats.ok());
    QCOMPARE(stats.linesRead, qint64(0));
    QCOMPARE(stats.size, qint64(0));
    QCOMPARE(stats.sha256, QStringLiteral("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
}

void TestLogImporter::neverCrashes_data()
{
    QTest::addColumn<QString>("file");
    for (const char* name : {"zeek_dns.log", "zeek_dns.json", "passivedns.log", "passivedns-0.5.log", "passivedns.json",
             "circl.cof.ndjson", "dnsdb.saf.ndjson"})
        QTest::newRow(name) << fixture(name);
}

void TestLogImporter::neverCrashes()
{
    QFETCH(QString, file);
    const QByteArray original = readFile(file);
    QVERIFY(!original.isEmpty());
    QRandomGenerator random(0x5eed ^ static_cast<quint32>(qHash(file)));
    const QString path = m_dir.filePath(QStringLiteral("mutated.log"));
    static const QRegularExpression position(QStringLiteral("^line (\\d+)$"));
    const std::optional<LogFormat> formats[] = {std::nullopt, LogFormat::ZeekTsv, LogFormat::ZeekJson,
        LogFormat::PassiveDns, LogFormat::PassiveDnsJson, LogFormat::Cof};
    for (int round = 0; round < 150; ++round) {
        QByteArray bytes = original;
        const int mutations = 1 + random.bounded(6);
        for (int m = 0; m < mutations && !bytes.isEmpty(); ++m) {
            const qsizetype at = random.bounded(static_cast<int>(bytes.size()));
            switch (random.bounded(6)) {
            case 0: // truncate
                bytes.truncate(at);
                break;
            case 1: // flip a byte
                bytes[at] = static_cast<char>(random.bounded(256));
                break;
            case 2: // insert random bytes
                for (int i = random.bounded(16); i >= 0; --i)
                    bytes.insert(at, static_cast<char>(random.bounded(256)));
                break;
            case 3: // delete a range
                bytes.remove(at, random.bounded(64));
                break;
            case 4: // duplicate a piece somewhere else
                bytes.insert(random.bounded(static_cast<int>(bytes.size())), bytes.mid(at, random.bounded(200)));
                break;
            case 5: // swap in a structural character
                bytes[at] = "\n\r\t|{}[]\",:\\-#"[random.bounded(15)];
                break;
            }
        }
        QVERIFY(writeFile(path, bytes));
        for (const auto& format : formats) {
            LogImportOptions options;
            options.format = format;
            options.maxLineBytes = 512;
            CollectingSink sink;
            const LogImportStats stats = LogImporter(options).importFile(path, sink);
            if (!stats.failure.isEmpty())
                continue; // format not detectable: a clear refusal is fine
            QVERIFY(stats.completed);
            QCOMPARE(qint64(sink.observations.size()), stats.observations);
            QVERIFY(stats.rejectedLines + stats.skippedLines <= stats.linesRead);
            QCOMPARE(qint64(sink.errors.size()), stats.errorCount);
            for (const auto& [where, message] : sink.errors) {
                const auto match = position.match(where);
                QVERIFY2(match.hasMatch(), qPrintable(where));
                QVERIFY(match.captured(1).toLongLong() >= 1 && match.captured(1).toLongLong() <= stats.linesRead);
                QVERIFY(!message.isEmpty());
            }
            for (const Observation& o : sink.observations) {
                QVERIFY(!o.rrname.isEmpty());
                QVERIFY(!o.rrtype.isEmpty());
                QVERIFY(!o.rdata.isEmpty());
                for (QChar c : o.rrname + o.rdata)
                    QVERIFY2(c.unicode() >= 0x20 && c.unicode() != 0x7f, qPrintable(o.rrname + u' ' + o.rdata));
            }
        }
    }
}

QTEST_GUILESS_MAIN(TestLogImporter)
#include "TestLogImporter.moc"
