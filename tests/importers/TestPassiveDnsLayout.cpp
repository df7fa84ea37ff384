// passivedns text logs written with -f (which columns) and -d (the delimiter): parsing the layout, reading lines
// with it, the source parameters that record it, and the importer's fallback for logs detection cannot name.

#include "CollectingSink.h"

#include "capture/FileImporter.h"
#include "capture/logs/LogImporter.h"
#include "capture/logs/PassiveDnsJsonReader.h"
#include "capture/logs/PassiveDnsLayout.h"
#include "capture/logs/PassiveDnsReader.h"
#include "models/CaseFile.h"
#include "models/CaseReader.h"
#include "models/ObservationWriter.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

using namespace pdnsw;
using pdnsw::test::CollectingSink;

namespace {

// One log file and a new case beside it, in a temporary directory.
struct LogAndCase
{
    QTemporaryDir dir;
    QString logPath;
    std::unique_ptr<CaseFile> file;

    bool make(const QByteArray& bytes)
    {
        logPath = dir.filePath(QStringLiteral("sensor.log"));
        QFile log(logPath);
        if (!dir.isValid() || !log.open(QIODevice::WriteOnly) || log.write(bytes) != bytes.size())
            return false;
        log.close();
        CaseError error;
        file = CaseFile::open(dir.filePath(QStringLiteral("c.pdnscase")), CaseFile::Mode::CreateIfMissing, &error);
        return file != nullptr;
    }
    // The log into the case through the file importer, as the command line imports it.
    FileImportResult import(const std::optional<PassiveDnsLayout>& layout = std::nullopt)
    {
        FileImporter::Options options;
        options.passiveDnsLayout = layout;
        ObservationWriter writer(*file);
        return FileImporter(options).importIntoCase(logPath, writer);
    }
};

} // namespace

class TestPassiveDnsLayout : public QObject
{
    Q_OBJECT

private slots:
    void parse_data();
    void parse();
    void utcOffset_data();
    void utcOffset();
    void readLines_data();
    void readLines();
    void importRecordsLayout();
    void jsonLocalTimeNeedsTheOffset();
    void unreadableLogCanBeImportedAgain();
};

void TestPassiveDnsLayout::parse_data()
{
    QTest::addColumn<QString>("letters");
    QTest::addColumn<QString>("delimiter");
    QTest::addColumn<QString>("offset");
    QTest::addColumn<QString>("canonical"); // empty: refused
    QTest::addColumn<QString>("describedOrError");

    QTest::newRow("default") << "SMcsCQTAtn"
                             << "||"
                             << ""
                             << "SMcsCQTAtn"
                             << "timestamp||client||server||class||query||type||answer||ttl||count";
    // The letters choose columns; passivedns prints them in its own order whatever order they are given in.
    QTest::newRow("order and repeats do not matter") << "nAtTQQsScM"
                                                     << "|"
                                                     << ""
                                                     << "SMcsQTAtn"
                                                     << "timestamp|client|server|query|type|answer|ttl|count";
    QTest::newRow("every column, H")
        << "HhcwsWpCQLTAltn"
        << "\t"
        << "+01:00"
        << "HhcwsWpCQLTAltn"
        << "timestamp, hostname, client, client MAC, server, server MAC, protocol, class, query, query length, type, "
           "answer, answer length, ttl, count";
    QTest::newRow("H wins over S and M, as in passivedns") << "HSMQTA"
                                                           << ";"
                                                           << "UTC"
                                                           << "HQTA"
                                                           << "timestamp;query;type;answer";
    QTest::newRow("minimal") << "SQTA"
                             << ","
                             << ""
                             << "SQTA"
                             << "timestamp,query,type,answer";
    QTest::newRow("unknown letter") << "SMcsCQTAtnX"
                                    << "||"
                                    << ""
                                    << ""
                                    << "letter 'X'";
    QTest::newRow("M alone") << "McsQTA"
                             << "||"
                             << ""
                             << ""
                             << "only the microseconds";
    QTest::newRow("no timestamp") << "csQTA"
                                  << "||"
                                  << ""
                                  << ""
                                  << "without a timestamp";
    QTest::newRow("no answer") << "SMcsCQTtn"
                               << "||"
                               << ""
                               << ""
                               << "need Q (query), T (type) and A (answer)";
    QTest::newRow("H without offset") << "HcsQTA"
                                      << "||"
                                      << ""
                                      << ""
                                      << "give the sensor's UTC offset";
    QTest::newRow("H with a bad offset") << "HcsQTA"
                                         << "||"
                                         << "+25:00"
                                         << ""
                                         << "'+25:00' is not one";
    // The offset also dates JSON logs' "timestamp" key: harmless for epoch columns.
    QTest::newRow("offset without H") << "SMQTA"
                                      << "||"
                                      << "+01:00"
                                      << "SMQTA"
                                      << "timestamp||query||type||answer";
    QTest::newRow("empty delimiter") << "SMQTA"
                                     << ""
                                     << ""
                                     << ""
                                     << "1 to 16 characters";
    QTest::newRow("dot delimiter") << "SMQTA"
                                   << "."
                                   << ""
                                   << ""
                                   << "cannot be split back";
    QTest::newRow("letter delimiter") << "SMQTA"
                                      << "x"
                                      << ""
                                      << ""
                                      << "cannot be split back";
    QTest::newRow("space with H") << "HQTA"
                                  << " "
                                  << "+00:00"
                                  << ""
                                  << "cannot be split back";
    QTest::newRow("space with S") << "SQTA"
                                  << " "
                                  << ""
                                  << "SQTA"
                                  << "timestamp query type answer";
}

void TestPassiveDnsLayout::parse()
{
    QFETCH(QString, letters);
    QFETCH(QString, delimiter);
    QFETCH(QString, offset);
    QFETCH(QString, canonical);
    QFETCH(QString, describedOrError);

    QString error;
    const auto layout = PassiveDnsLayout::parse(letters, delimiter, offset, &error);
    if (canonical.isEmpty()) {
        QVERIFY(!layout);
        QVERIFY2(error.contains(describedOrError), qPrintable(error));
        return;
    }
    QVERIFY2(layout, qPrintable(error));
    QCOMPARE(layout->letters(), canonical);
    QCOMPARE(layout->describe(), describedOrError);
    QCOMPARE(layout->delimiter(), delimiter);
}

void TestPassiveDnsLayout::utcOffset_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("seconds"); // -1: refused
    QTest::newRow("+01:00") << "+01:00" << 3600;
    QTest::newRow("-05:30") << "-05:30" << -19800;
    QTest::newRow("+0545") << "+0545" << 20700;
    QTest::newRow("+09") << "+09" << 32400;
    QTest::newRow("UTC") << "UTC" << 0;
    QTest::newRow("z") << "z" << 0;
    QTest::newRow("+14:00") << "+14:00" << 50400;
    QTest::newRow("+14:01") << "+14:01" << -1;
    QTest::newRow("+01:60") << "+01:60" << -1;
    QTest::newRow("no sign") << "01:00" << -1;
    QTest::newRow("+1:00") << "+1:00" << -1;
    QTest::newRow("+01:0") << "+01:0" << -1;
    QTest::newRow("+05:") << "+05:" << -1;
    QTest::newRow("letters") << "+ab:cd" << -1;
}

void TestPassiveDnsLayout::utcOffset()
{
    QFETCH(QString, text);
    QFETCH(int, seconds);
    const auto parsed = PassiveDnsLayout::parseUtcOffset(text);
    if (seconds == -1)
        QVERIFY(!parsed);
    else
        QCOMPARE(parsed, std::optional<int>(seconds));
}

void TestPassiveDnsLayout::readLines_data()
{
    QTest::addColumn<QString>("letters");
    QTest::addColumn<QString>("delimiter");
    QTest::addColumn<QString>("offset");
    QTest::addColumn<QByteArray>("lines");
    QTest::addColumn<QStringList>("expected"); // test::describe of each observation
    QTest::addColumn<QStringList>("errors"); // "line N: part of the message"

    QTest::newRow("default letters, pipe delimiter")
        << "SMcsCQTAtn"
        << "|"
        << "" << QByteArray("1322849924.408856|10.1.1.1|8.8.8.8|IN|www.bad.example.|A|198.51.100.23|300|5\n")
        << QStringList{"www.bad.example|A|198.51.100.23|answer|1322849924|1322849924|5|-|300-300|10.1.1.1|8.8.8.8|"}
        << QStringList{};
    QTest::newRow("H in local time, hostname, tab")
        << "HhcsCQTAtn"
        << "\t"
        << "+01:00"
        << QByteArray("2011-12-02 19:18:44.408856\tsensor-1\t10.1.1.1\t8.8.8.8\tIN\twww.bad.example.\tA\t"
                      "198.51.100.23\t300\t5\n")
        << QStringList{"www.bad.example|A|198.51.100.23|answer|1322849924|1322849924|5|-|300-300|10.1.1.1|8.8.8.8|"}
        << QStringList{};
    QTest::newRow("west of UTC") << "HQTA"
                                 << ","
                                 << "-05:00"
                                 << QByteArray("2011-12-02 19:18:44.000001,bad.example.,NS,ns1.bad.example.\n")
                                 << QStringList{"bad.example|NS|ns1.bad.example|answer|1322871524|1322871524|-|-|-|||"}
                                 << QStringList{};
    QTest::newRow("no client, server, ttl or count; seconds only")
        << "SQTA"
        << ";"
        << "" << QByteArray("1322849924;gone.bad.example.;A;NXDOMAIN\n")
        << QStringList{"gone.bad.example|A|NXDOMAIN|negative|1322849924|1322849924|-|3|-|||"} << QStringList{};
    QTest::newRow("every column; the answer holds the delimiter")
        << "SMhcwsWpCQLTAltn"
        << "|"
        << ""
        << QByteArray("1322849928.5|sensor|10.1.1.1|00:11:22:33:44:55|8.8.8.8|66:77:88:99:aa:bb|17|IN|txt.example.|12|"
                      "TXT|\"v=spf1 a|mx -all\"|18|300|2\n")
        << QStringList{"txt.example|TXT|\"v=spf1 a|mx "
                       "-all\"|answer|1322849928|1322849928|2|-|300-300|10.1.1.1|8.8.8.8|"}
        << QStringList{};
    QTest::newRow("broken lines are reported and skipped, the rest imports")
        << "SMcsQTAtn"
        << "|"
        << ""
        << QByteArray("# timestamp|client|server|query|type|answer|ttl|count\n"
                      "1322849924.1|10.1.1.1|8.8.8.8|a.example.|A|192.0.2.1|60\n" // a column short
                      "2011-12-02 19:18:44|10.1.1.1|8.8.8.8|b.example.|A|192.0.2.2|60|1\n" // H time, S layout
                      "1322849924.1|10.1.1.1|8.8.8.8|c.example.|A|192.0.2.3|sixty|1\n"
                      "1322849924.1|10.1.1.1|8.8.8.8|d.example.|A|192.0.2.4|60|-1\n"
                      "1322849924.1|10.1.1.1|8.8.8.8|e.example.|A|192.0.2.5|60|1\n")
        << QStringList{"e.example|A|192.0.2.5|answer|1322849924|1322849924|1|-|60-60|10.1.1.1|8.8.8.8|"}
        << QStringList{"line 2: 7 fields separated by '|' where the passivedns fields SMcsQTAtn make 8",
               "line 3: timestamp '2011-12-02 19:18:44' is not a time as passivedns writes it with the fields "
               "SMcsQTAtn",
               "line 4: ttl 'sixty' is not a number", "line 5: count '-1' is not a number"};
    // passivedns's default fields (what is read when no layout is given).
    QTest::newRow("default fields: an H time is refused, not read as UTC")
        << "SMcsCQTAtn"
        << "||"
        << "" << QByteArray("2011-12-02 19:18:44.408856||10.1.1.1||8.8.8.8||IN||a.example.||A||192.0.2.1||300||4\n")
        << QStringList{}
        << QStringList{"line 1: timestamp '2011-12-02 19:18:44.408856' is passivedns's H field, the sensor's local "
                       "time without a zone"};
    QTest::newRow("default fields: 8 in microseconds are refused, 8 in seconds are passivedns before 1.0")
        << "SMcsCQTAtn"
        << "||"
        << ""
        << QByteArray("1322849924.5||10.1.1.1||8.8.8.8||IN||a.example.||A||192.0.2.1||4\n"
                      "1322849924||10.1.1.1||8.8.8.8||IN||b.example.||A||192.0.2.2||300\n")
        << QStringList{"b.example|A|192.0.2.2|answer|1322849924|1322849924|-|-|300-300|10.1.1.1|8.8.8.8|"}
        << QStringList{"line 1: 8 fields with a timestamp in microseconds are neither passivedns's default fields"};
    QTest::newRow("an epoch time where H is expected")
        << "HQTA"
        << "|"
        << "+00:00" << QByteArray("1322849924.1|a.example.|A|192.0.2.1\n") << QStringList{}
        << QStringList{"line 1: timestamp '1322849924.1' is not a time as passivedns writes it with the fields HQTA "
                       "(2011-12-02 19:18:44.408856)"};
}

void TestPassiveDnsLayout::readLines()
{
    QFETCH(QString, letters);
    QFETCH(QString, delimiter);
    QFETCH(QString, offset);
    QFETCH(QByteArray, lines);
    QFETCH(QStringList, expected);
    QFETCH(QStringList, errors);

    QString error;
    const auto layout = PassiveDnsLayout::parse(letters, delimiter, offset, &error);
    QVERIFY2(layout, qPrintable(error));
    PassiveDnsReader reader(layout);
    CollectingSink sink;
    qint64 number = 0;
    for (const QByteArray& line : lines.split('\n')) {
        if (++number, line.isEmpty())
            continue;
        reader.readLine(line, number, sink);
    }
    QCOMPARE(test::describeAll(sink.observations), expected);
    QCOMPARE(sink.errors.size(), errors.size());
    for (qsizetype i = 0; i < errors.size(); ++i) {
        const QString actual = sink.errors[i].first + QStringLiteral(": ") + sink.errors[i].second;
        QVERIFY2(actual.startsWith(errors[i]), qPrintable(actual));
        QVERIFY2(actual.endsWith(QStringLiteral("; the line is skipped")), qPrintable(actual));
    }
}

// Through the file importer into a real case: a log detection cannot name is read with the layout given, and
// the source says which layout read it.
void TestPassiveDnsLayout::importRecordsLayout()
{
    LogAndCase fixture;
    QVERIFY(fixture.make("2011-12-02 19:18:44.408856|10.1.1.1|8.8.8.8|www.bad.example.|A|198.51.100.23|300|5\n"));
    const FileImportResult plain = fixture.import();
    QCOMPARE(plain.status, FileImportResult::Status::Failed);
    QVERIFY2(plain.message.contains(u"--passivedns-fields"), qPrintable(plain.message));

    const auto layout = PassiveDnsLayout::parse(u"HcsQTAtn", u"|", u"+02:00", nullptr);
    QVERIFY(layout);
    const FileImportResult result = fixture.import(layout);
    QVERIFY2(result.succeeded(), qPrintable(result.message));
    QCOMPARE(result.observations, qint64(1));
    QCOMPARE(result.format, std::optional<InputFormat>(InputFormat::PassiveDns));

    CaseError caseError;
    auto reader = CaseReader::open(fixture.file->path(), &caseError);
    QVERIFY2(reader, qPrintable(caseError.message));
    const auto sources = reader->sources();
    QCOMPARE(sources.size(), 1);
    const QJsonObject parameters = QJsonDocument::fromJson(sources.first().parameters.toUtf8()).object();
    QCOMPARE(parameters.value(u"format").toString(), QStringLiteral("passivedns"));
    QCOMPARE(parameters.value(u"fields").toString(), QStringLiteral("HcsQTAtn"));
    QCOMPARE(parameters.value(u"delimiter").toString(), QStringLiteral("|"));
    QCOMPARE(parameters.value(u"utc_offset").toString(), QStringLiteral("+02:00"));
    const auto timeline = reader->timeline(QStringLiteral("www.bad.example"));
    QCOMPARE(timeline.size(), 1);
    QCOMPARE(timeline.first().observation.firstSeen, std::optional<qint64>(1322849924 - 3600));
}

// passivedns's JSON "timestamp" key is the sensor's local time: dated with the offset, refused without one.
void TestPassiveDnsLayout::jsonLocalTimeNeedsTheOffset()
{
    const QByteArray line("{\"timestamp\":\"2011-12-02 19:18:44\",\"query\":\"a.example.\",\"type\":\"A\","
                          "\"answer\":\"192.0.2.1\"}");
    CollectingSink refused;
    PassiveDnsJsonReader plain;
    QCOMPARE(plain.readLine(line, 1, refused), LineOutcome::Rejected);
    QCOMPARE(refused.errors.size(), 1);
    QVERIFY2(refused.errors.first().second.contains(u"the sensor's local time without a zone"),
        qPrintable(refused.errors.first().second));

    QString error;
    CollectingSink dated;
    PassiveDnsJsonReader withOffset(PassiveDnsLayout::parse(u"SMcsCQTAtn", u"||", u"-03:00", &error));
    QCOMPARE(withOffset.readLine(line, 1, dated), LineOutcome::Imported);
    QCOMPARE(test::describeAll(dated.observations),
        QStringList{"a.example|A|192.0.2.1|answer|1322864324|1322864324|-|-|-|||"});
}

// A log no line of which reads (here: an H field, read with the default fields) does not block the file: its
// source stays incomplete, and importing it again with the sensor's layout starts it over.
void TestPassiveDnsLayout::unreadableLogCanBeImportedAgain()
{
    LogAndCase fixture;
    QVERIFY(fixture.make(
        "2011-12-02 19:18:44.408856||10.1.1.1||8.8.8.8||IN||www.bad.example.||A||198.51.100.23||300||5\n"));
    const FileImportResult plain = fixture.import();
    QCOMPARE(plain.status, FileImportResult::Status::Failed);
    QCOMPARE(plain.rejected, qint64(1));
    QVERIFY2(plain.message.contains(u"none of its 1 lines could be read") && plain.message.contains(u"-f fields"),
        qPrintable(plain.message));
    CaseError caseError;
    auto reader = CaseReader::open(fixture.file->path(), &caseError);
    QVERIFY2(reader, qPrintable(caseError.message));
    QCOMPARE(reader->sources().size(), 1);
    QCOMPARE(reader->sources().first().state, QStringLiteral("incomplete"));

    const auto layout = PassiveDnsLayout::parse(u"HcsCQTAtn", u"||", u"+01:00", nullptr);
    QVERIFY(layout);
    const FileImportResult again = fixture.import(layout);
    QVERIFY2(again.succeeded(), qPrintable(again.message));
    QCOMPARE(again.observations, qint64(1));
    const auto sources = reader->sources();
    QCOMPARE(sources.size(), 1);
    QCOMPARE(sources.first().state, QStringLiteral("complete"));
    QVERIFY2(sources.first().parameters.contains(u"\"fields\":\"HcsCQTAtn\""), qPrintable(sources.first().parameters));
    QCOMPARE(reader->timeline(QStringLiteral("www.bad.example")).first().observation.firstSeen,
        std::optional<qint64>(1322849924));
}

QTEST_GUILESS_MAIN(TestPassiveDnsLayout)
#include "TestPassiveDnsLayout.moc"
