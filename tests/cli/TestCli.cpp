// pdnsw-cli as the analyst runs it: the real binary on real captures and logs, checking exit statuses, the
// human-readable tables and the --json output.
#include <QCryptographicHash>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

namespace {

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
    QJsonDocument json() const { return QJsonDocument::fromJson(out); }
};

Run cli(const QStringList& args)
{
    QProcess p;
    p.setProgram(QStringLiteral(PDNSW_CLI_PATH));
    p.setArguments(args);
    p.start();
    Run r;
    if (!p.waitForFinished(120000)) {
        p.kill();
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

QString pcap(const char* name)
{
    return QStringLiteral(PDNSW_PCAP_DIR "/") + QString::fromLatin1(name);
}

QString logFixture(const char* name)
{
    return QStringLiteral(PDNSW_IMPORTER_DATA_DIR "/") + QString::fromLatin1(name);
}

QString sha256Of(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QString::fromLatin1(QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256).toHex());
}

} // namespace

class TestCli : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void helpForEveryCommand_data();
    void helpForEveryCommand();
    void usageErrors_data();
    void usageErrors();
    void importsCapturesAndLogs();
    void duplicateImportChangesNothing();
    void skippedMdnsIsNamedAndReadWithItsFlag();
    void badLinesAreReportedAndSkipped();
    void passiveDnsWithOwnFields();
    void queries();
    void namesSayWhichNegativeAnswer();
    void longListingsStream();
    void resolveAtTime_data();
    void resolveAtTime();
    void refusesAFileThatIsNotACase();
    void demoCase();

private:
    QTemporaryDir m_dir;
    QString m_case;
};

void TestCli::initTestCase()
{
    QVERIFY(QFile::exists(QStringLiteral(PDNSW_CLI_PATH)));
    m_case = m_dir.filePath(QStringLiteral("cli.pdnscase"));
}

void TestCli::helpForEveryCommand_data()
{
    QTest::addColumn<QString>("command");
    const Run overview = cli({QStringLiteral("--help")});
    QCOMPARE(overview.exitCode, 0);
    bool inCommands = false;
    int count = 0;
    for (const QByteArray& line : overview.out.split('\n')) {
        if (line.startsWith("Commands:")) {
            inCommands = true;
            continue;
        }
        if (inCommands && line.startsWith("  ")) {
            const QString name = QString::fromUtf8(line.trimmed().split(' ').first());
            QTest::newRow(qPrintable(name)) << name;
            ++count;
        }
    }
    QVERIFY(count >= 10);
}

void TestCli::helpForEveryCommand()
{
    QFETCH(QString, command);
    const Run r = cli({command, QStringLiteral("--help")});
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.out.contains("--help"), r.out.constData());
    // The usage line names the command as typed, not the executable's path.
    QVERIFY2(r.out.startsWith("Usage: pdnsw-cli " + command.toUtf8() + " [options]"), r.out.constData());
}

void TestCli::usageErrors_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("message");
    QTest::newRow("no command") << QStringList{} << 2 << "Usage";
    QTest::newRow("unknown command") << QStringList{"frobnicate"} << 2 << "unknown command";
    QTest::newRow("names without case") << QStringList{"names"} << 2 << "--case";
    QTest::newRow("unknown option") << QStringList{"names", "--case", "x.pdnscase", "--bogus"} << 2 << "bogus";
    QTest::newRow("import nothing") << QStringList{"import", "--case", "x.pdnscase"} << 2 << "at least one FILE";
    QTest::newRow("import bad format") << QStringList{"import", "--case", "x.pdnscase", "--format", "xml", "a"} << 2
                                       << "unknown format";
    QTest::newRow("passivedns fields without an answer") << QStringList{"import", "--case", "x.pdnscase",
        "--passivedns-fields", "SMcsQTtn", "a"} << 2 << "need Q (query), T (type) and A (answer)";
    QTest::newRow("passivedns H without an offset")
        << QStringList{"import", "--case", "x.pdnscase", "--passivedns-fields", "HQTA", "a"} << 2 << "UTC offset";
    QTest::newRow("passivedns delimiter that cannot be split") << QStringList{"import", "--case", "x.pdnscase",
        "--passivedns-delimiter", ".", "a"} << 2 << "cannot be split back";
    QTest::newRow("resolve without time") << QStringList{"resolve", "--case", "x.pdnscase", "a.example"} << 2 << "--at";
    QTest::newRow("missing case file") << QStringList{"names", "--case", "/nonexistent/none.pdnscase"} << 1
                                       << "does not exist";
}

void TestCli::usageErrors()
{
    QFETCH(QStringList, args);
    QFETCH(int, exitCode);
    QFETCH(QString, message);
    const Run r = cli(args);
    QCOMPARE(r.exitCode, exitCode);
    QVERIFY2(QString::fromUtf8(r.err + r.out).contains(message), (r.err + r.out).constData());
}

void TestCli::importsCapturesAndLogs()
{
    const QStringList files{pcap("chrissanders__dns_lab.pcapng"), pcap("zeek__wikipedia.pcap"),
        logFixture("circl.cof.ndjson"), logFixture("zeek_dns.log")};
    Run r = cli(
        QStringList{QStringLiteral("import"), QStringLiteral("--case"), m_case, QStringLiteral("--json")} + files);
    QVERIFY2(r.exitCode == 0 || r.exitCode == 3, r.err.constData());
    const QJsonArray results = r.json().array();
    QCOMPARE(results.size(), files.size());
    QStringList formats;
    for (int i = 0; i < results.size(); ++i) {
        const QJsonObject o = results.at(i).toObject();
        QCOMPARE(o.value(QLatin1String("status")).toString(), QStringLiteral("imported"));
        QCOMPARE(o.value(QLatin1String("sha256")).toString(), sha256Of(files.at(i)));
        QVERIFY(o.value(QLatin1String("records")).toDouble() > 0);
        formats.append(o.value(QLatin1String("format")).toString());
    }
    QCOMPARE(formats, (QStringList{"pcap", "pcap", "cof", "zeek"}));

    r = cli({QStringLiteral("sources"), QStringLiteral("--case"), m_case, QStringLiteral("--json")});
    QCOMPARE(r.exitCode, 0);
    const QJsonArray sources = r.json().array();
    QCOMPARE(sources.size(), 4);
    for (int i = 0; i < sources.size(); ++i) {
        const QJsonObject s = sources.at(i).toObject();
        QCOMPARE(s.value(QLatin1String("sha256")).toString(), sha256Of(files.at(i)));
        QVERIFY(s.value(QLatin1String("complete")).toBool());
        QCOMPARE(qint64(s.value(QLatin1String("size")).toDouble()), QFileInfo(files.at(i)).size());
    }
    // The human-readable table lists the same files.
    r = cli({QStringLiteral("sources"), QStringLiteral("--case"), m_case});
    QVERIFY(r.out.contains("chrissanders__dns_lab.pcapng"));
    QVERIFY(r.out.contains("SHA-256"));
}

void TestCli::duplicateImportChangesNothing()
{
    const Run before = cli({QStringLiteral("names"), QStringLiteral("--case"), m_case, QStringLiteral("--json")});
    QCOMPARE(before.exitCode, 0);
    const Run again = cli({QStringLiteral("import"), QStringLiteral("--case"), m_case, pcap("zeek__wikipedia.pcap")});
    QCOMPARE(again.exitCode, 0);
    QVERIFY2(again.out.contains("duplicate") && again.out.contains("already"), again.out.constData());
    const Run after = cli({QStringLiteral("names"), QStringLiteral("--case"), m_case, QStringLiteral("--json")});
    QCOMPARE(after.out, before.out);
}

void TestCli::skippedMdnsIsNamedAndReadWithItsFlag()
{
    // Without --mdns a multicast DNS capture gives nothing, and the output says why and what to add; with it the
    // same file is read again as a source of its own.
    const QString casePath = m_dir.filePath(QStringLiteral("mdns.pdnscase"));
    const QString file = pcap("zeek__dns_mdns.pcap");
    Run r = cli({QStringLiteral("import"), QStringLiteral("--case"), casePath, file});
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.out.contains("0 records") && r.out.contains("18 packets on the mDNS port (5353) were left out")
            && r.out.contains("--mdns"),
        r.out.constData());
    r = cli({QStringLiteral("import"), QStringLiteral("--case"), casePath, QStringLiteral("--mdns"),
        QStringLiteral("--json"), file});
    QCOMPARE(r.exitCode, 0);
    const QJsonObject result = r.json().array().at(0).toObject();
    QCOMPARE(result.value(QLatin1String("status")).toString(), QStringLiteral("imported"));
    QVERIFY(result.value(QLatin1String("records")).toDouble() > 0);
    // With --mdns the same 24 packets give 18 mDNS messages and 6 distinct records (tshark agrees on the messages).
    QCOMPARE(result.value(QLatin1String("records")).toInt(), 6);
    QCOMPARE(result.value(QLatin1String("read")).toInt(), 24);
    QVERIFY2(result.value(QLatin1String("message")).toString().contains(QStringLiteral("18 DNS messages")),
        qPrintable(result.value(QLatin1String("message")).toString()));
    r = cli({QStringLiteral("import"), QStringLiteral("--case"), casePath, QStringLiteral("--mdns"), file});
    QVERIFY2(r.out.contains("duplicate") && r.out.contains("same options"), r.out.constData());
    r = cli({QStringLiteral("sources"), QStringLiteral("--case"), casePath, QStringLiteral("--json")});
    QCOMPARE(r.json().array().size(), 2);
}

void TestCli::badLinesAreReportedAndSkipped()
{
    const QString path = m_dir.filePath(QStringLiteral("mixed.ndjson"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("{\"rrname\":\"good1.example\",\"rrtype\":\"A\",\"rdata\":\"192.0.2.1\",\"time_first\":1514764800,"
            "\"time_last\":1514764900,\"count\":2}\n"
            "{\"rrname\": broken json\n"
            "{\"rrname\":\"good2.example\",\"rrtype\":\"A\",\"rdata\":\"192.0.2.2\",\"time_first\":1514764800,"
            "\"time_last\":1514764900}\n");
    f.close();
    const QString caseFile = m_dir.filePath(QStringLiteral("bad-lines.pdnscase"));
    const Run r = cli({QStringLiteral("import"), QStringLiteral("--case"), caseFile, path});
    QCOMPARE(r.exitCode, 3);
    QVERIFY2(r.err.contains("mixed.ndjson") && r.err.contains("line 2"), r.err.constData());
    QVERIFY2(r.out.contains("1 lines rejected"), r.out.constData());
    const Run names = cli({QStringLiteral("names"), QStringLiteral("--case"), caseFile, QStringLiteral("--json")});
    QCOMPARE(names.json().array().size(), 2);
}

// A passivedns sensor run with -f and -d: not detected without its layout, imported with it.
void TestCli::passiveDnsWithOwnFields()
{
    const QString path = m_dir.filePath(QStringLiteral("sensor-custom.log"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("2018-01-01 01:00:00.250000;sensor-7;10.1.1.1;8.8.8.8;www.bad.example.;A;198.51.100.23;300;4\n"
            "2018-01-01 01:00:01.000000;sensor-7;10.1.1.1;8.8.8.8;gone.bad.example.;A;NXDOMAIN;0;1\n");
    f.close();
    const QString caseFile = m_dir.filePath(QStringLiteral("custom-fields.pdnscase"));
    Run r = cli({QStringLiteral("import"), QStringLiteral("--case"), caseFile, path});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("--passivedns-fields"), r.err.constData());

    r = cli({QStringLiteral("import"), QStringLiteral("--case"), caseFile, QStringLiteral("--passivedns-fields"),
        QStringLiteral("HhcsQTAtn"), QStringLiteral("--passivedns-delimiter"), QStringLiteral(";"),
        QStringLiteral("--passivedns-utc-offset"), QStringLiteral("+01:00"), path});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    r = cli({QStringLiteral("timeline"), QStringLiteral("--case"), caseFile, QStringLiteral("www.bad.example"),
        QStringLiteral("--json")});
    QCOMPARE(r.exitCode, 0);
    const QJsonArray rows = r.json().object().value(u"records").toArray();
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows.first().toObject().value(u"rdata").toString(), QStringLiteral("198.51.100.23"));
    QCOMPARE(rows.first().toObject().value(u"first_seen").toString(), QStringLiteral("2018-01-01T00:00:00Z"));
    r = cli({QStringLiteral("sources"), QStringLiteral("--case"), caseFile, QStringLiteral("--json")});
    const QJsonObject parameters = r.json().array().first().toObject().value(u"parameters").toObject();
    QCOMPARE(parameters.value(u"fields").toString(), QStringLiteral("HhcsQTAtn"));
    QCOMPARE(parameters.value(u"utc_offset").toString(), QStringLiteral("+01:00"));
}

void TestCli::queries()
{
    // Names with a filter, as a table and as JSON.
    Run r = cli({QStringLiteral("names"), QStringLiteral("--case"), m_case, QStringLiteral("--filter"),
        QStringLiteral("bad.example")});
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.out.startsWith("NAME"));
    QVERIFY(r.out.contains("www.bad.example"));
    r = cli({QStringLiteral("names"), QStringLiteral("--case"), m_case, QStringLiteral("--suffix"),
        QStringLiteral("bad.example"), QStringLiteral("--json")});
    for (const QJsonValue& v : r.json().array())
        QVERIFY(v.toObject().value(QLatin1String("name")).toString().endsWith(QLatin1String("bad.example")));

    // Timeline of the name from the COF file, CNAME followed.
    r = cli({QStringLiteral("timeline"), QStringLiteral("--case"), m_case, QStringLiteral("WWW.BAD.EXAMPLE."),
        QStringLiteral("--json")});
    QCOMPARE(r.exitCode, 0);
    const QJsonObject timeline = r.json().object();
    QCOMPARE(timeline.value(QLatin1String("name")).toString(), QStringLiteral("www.bad.example"));
    QStringList data;
    for (const QJsonValue& v : timeline.value(QLatin1String("records")).toArray()) {
        const QJsonObject o = v.toObject();
        data.append(o.value(QLatin1String("rrtype")).toString() + u' ' + o.value(QLatin1String("rdata")).toString());
        QVERIFY(o.value(QLatin1String("first_seen")).toString().endsWith(u'Z'));
    }
    QVERIFY2(data.contains(QStringLiteral("A 198.51.100.23")), qPrintable(data.join(u',')));
    QVERIFY2(data.contains(QStringLiteral("CNAME edge.cdn.example.net")), qPrintable(data.join(u',')));

    // Reverse by address and CIDR.
    r = cli({QStringLiteral("reverse"), QStringLiteral("--case"), m_case, QStringLiteral("198.51.100.0/24"),
        QStringLiteral("--json")});
    QCOMPARE(r.exitCode, 0);
    QStringList owners;
    for (const QJsonValue& v : r.json().object().value(QLatin1String("records")).toArray())
        owners.append(v.toObject().value(QLatin1String("rrname")).toString());
    QVERIFY(owners.contains(QStringLiteral("www.bad.example")));
    r = cli({QStringLiteral("reverse"), QStringLiteral("--case"), m_case, QStringLiteral("not an address/99")});
    QCOMPARE(r.exitCode, 2);
}

void TestCli::resolveAtTime_data()
{
    QTest::addColumn<QString>("at");
    QTest::addColumn<int>("exitCode");
    QTest::newRow("ISO") << "2018-01-15T00:00:00Z" << 0;
    QTest::newRow("date") << "2018-01-15" << 0;
    QTest::newRow("epoch") << "1515974400" << 0;
    QTest::newRow("garbage") << "mid-January" << 2;
}

void TestCli::resolveAtTime()
{
    QFETCH(QString, at);
    QFETCH(int, exitCode);
    const Run r = cli({QStringLiteral("resolve"), QStringLiteral("www.bad.example"), QStringLiteral("--at"), at,
        QStringLiteral("--case"), m_case, QStringLiteral("--json")});
    QCOMPARE(r.exitCode, exitCode);
    if (exitCode != 0) {
        QVERIFY(r.err.contains("ISO 8601"));
        return;
    }
    const QJsonObject o = r.json().object();
    QCOMPARE(o.value(QLatin1String("at")).toString(), QStringLiteral("2018-01-15T00:00:00Z"));
    QStringList valid;
    for (const QJsonValue& s : o.value(QLatin1String("sources")).toArray()) {
        for (const QJsonValue& row : s.toObject().value(QLatin1String("at_time")).toArray())
            valid.append(row.toObject().value(QLatin1String("rdata")).toString());
    }
    QVERIFY2(valid.contains(QStringLiteral("198.51.100.23")), qPrintable(valid.join(u',')));
}

void TestCli::refusesAFileThatIsNotACase()
{
    const QString path = m_dir.filePath(QStringLiteral("capture-as-case.pcap"));
    QVERIFY(QFile::copy(pcap("dnscap__dns.pcap"), path));
    const QString before = sha256Of(path);
    const Run r = cli({QStringLiteral("import"), QStringLiteral("--case"), path, logFixture("zeek_dns.log")});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("not a PDNS Workbench case"), r.err.constData());
    QCOMPARE(sha256Of(path), before);
}

// Listings longer than one printed block (TablePrinter::kBlockRows, 10000 rows): every name once, in order,
// one header, JSON that parses; a long name in a later block is printed whole and widens its column from there.
// The capture asked for upload.wikimedia.org's AAAA (NODATA: it has only A) and, through the resolver's search
// list, for upload.wikimedia.org.ncsa.uiuc.edu (NXDOMAIN). Only the second stopped existing.
void TestCli::namesSayWhichNegativeAnswer()
{
    const QString casePath = m_dir.filePath(QStringLiteral("negatives.pdnscase"));
    Run r = cli({QStringLiteral("import"), QStringLiteral("--case"), casePath, pcap("zeek__wikipedia.pcap")});
    QCOMPARE(r.exitCode, 0);
    r = cli({QStringLiteral("names"), QStringLiteral("--case"), casePath, QStringLiteral("--filter"),
        QStringLiteral("upload.wikimedia.org"), QStringLiteral("--json")});
    QCOMPARE(r.exitCode, 0);
    QStringList got;
    for (const QJsonValue& v : r.json().array()) {
        const QJsonObject o = v.toObject();
        got << QStringLiteral("%1 %2 %3")
                   .arg(o.value(u"name").toString())
                   .arg(o.value(u"negative").toBool())
                   .arg(o.value(u"nxdomain").toBool());
    }
    QCOMPARE(got, (QStringList{"upload.wikimedia.org 1 0", "upload.wikimedia.org.ncsa.uiuc.edu 1 1"}));
    r = cli({QStringLiteral("names"), QStringLiteral("--case"), casePath, QStringLiteral("--filter"),
        QStringLiteral("upload.wikimedia.org")});
    const QList<QByteArray> lines = r.out.split('\n');
    QCOMPARE(lines.size(), 4); // header, two names, the final newline
    QVERIFY2(lines.at(1).trimmed().endsWith(" other"), r.out.constData());
    QVERIFY2(lines.at(2).trimmed().endsWith(" NXDOMAIN"), r.out.constData());
}

void TestCli::longListingsStream()
{
    constexpr int kNames = 25000;
    const QString longName = QStringLiteral("n21000.a-much-longer-label-than-the-others-in-this-listing.bulk.example");
    const QString path = m_dir.filePath(QStringLiteral("many-names.ndjson"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    QStringList expected;
    for (int i = 0; i < kNames; ++i) {
        const QString name = i == 21000 ? longName : QStringLiteral("n%1.bulk.example").arg(i, 5, 10, QLatin1Char('0'));
        expected.append(name);
        f.write(QStringLiteral("{\"rrname\":\"%1\",\"rrtype\":\"A\",\"rdata\":\"10.0.%2.%3\",\"time_first\":1514764800,"
                               "\"time_last\":1514764900,\"count\":1}\n")
                    .arg(name)
                    .arg(i / 256)
                    .arg(i % 256)
                    .toUtf8());
    }
    f.close();
    std::sort(expected.begin(), expected.end());
    const QString caseFile = m_dir.filePath(QStringLiteral("many-names.pdnscase"));
    Run r = cli({QStringLiteral("import"), QStringLiteral("--case"), caseFile, path});
    QCOMPARE(r.exitCode, 0);

    r = cli({QStringLiteral("names"), QStringLiteral("--case"), caseFile});
    QCOMPARE(r.exitCode, 0);
    const QList<QByteArray> lines = r.out.trimmed().split('\n');
    QCOMPARE(lines.size(), kNames + 1);
    QVERIFY(lines.first().startsWith("NAME "));
    QStringList listed;
    for (qsizetype i = 1; i < lines.size(); ++i)
        listed.append(QString::fromUtf8(lines.at(i).left(lines.at(i).indexOf(' '))));
    QCOMPARE(listed, expected);
    // The first block is aligned to its own widest name; the block with the long name to that one.
    const qsizetype longRow = expected.indexOf(longName) + 1;
    QCOMPARE(lines.at(1).indexOf("name"), QByteArray("n00000.bulk.example  ").size());
    QCOMPARE(lines.at(longRow).indexOf(" name"), longName.size() + 1);
    QCOMPARE(lines.last().indexOf("name", longName.size()), longName.size() + 2);

    r = cli({QStringLiteral("names"), QStringLiteral("--case"), caseFile, QStringLiteral("--json")});
    QCOMPARE(r.exitCode, 0);
    const QJsonArray array = r.json().array();
    QCOMPARE(array.size(), kNames);
    QStringList jsonNames;
    for (const QJsonValue& v : array)
        jsonNames.append(v.toObject().value(u"name").toString());
    QCOMPARE(jsonNames, expected);
    QCOMPARE(array.last().toObject().value(u"first_seen").toString(), QStringLiteral("2018-01-01T00:00:00Z"));

    // reverse streams the same way, its JSON inside the {"query", "records"} envelope.
    r = cli({QStringLiteral("reverse"), QStringLiteral("--case"), caseFile, QStringLiteral("10.0.0.0/16")});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.out.trimmed().split('\n').size(), kNames + 1);
    r = cli({QStringLiteral("reverse"), QStringLiteral("--case"), caseFile, QStringLiteral("10.0.0.0/16"),
        QStringLiteral("--json")});
    QCOMPARE(r.exitCode, 0);
    const QJsonObject reverse = r.json().object();
    QCOMPARE(reverse.value(u"query").toString(), QStringLiteral("10.0.0.0/16"));
    const QJsonArray records = reverse.value(u"records").toArray();
    QCOMPARE(records.size(), kNames);
    QCOMPARE(records.first().toObject().value(u"rrname").toString(), expected.first());
    QCOMPARE(records.last().toObject().value(u"rdata").toString(), QStringLiteral("10.0.97.167"));
    r = cli({QStringLiteral("reverse"), QStringLiteral("--case"), caseFile, QStringLiteral("10.1.0.0/16"),
        QStringLiteral("--json")});
    QCOMPARE(r.json().object().value(u"records").toArray().size(), 0);
}

void TestCli::demoCase()
{
    const QString path = m_dir.filePath(QStringLiteral("demo.pdnscase"));
    Run r = cli({QStringLiteral("demo"), QStringLiteral("--case"), path});
    QCOMPARE(r.exitCode, 0);
    r = cli({QStringLiteral("demo"), QStringLiteral("--case"), path});
    QCOMPARE(r.exitCode, 1); // never overwrites
    r = cli({QStringLiteral("sources"), QStringLiteral("--case"), path, QStringLiteral("--json")});
    QCOMPARE(r.json().array().size(), 3);
    // The story: two addresses in turn, then NXDOMAIN, seen by the capture.
    r = cli({QStringLiteral("resolve"), QStringLiteral("www.bad.example"), QStringLiteral("--at"),
        QStringLiteral("2018-03-03"), QStringLiteral("--case"), path});
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.out.contains("NXDOMAIN") && r.out.contains("203.0.113.77"), r.out.constData());
    r = cli({QStringLiteral("resolve"), QStringLiteral("www.bad.example"), QStringLiteral("--at"),
        QStringLiteral("2018-01-25"), QStringLiteral("--case"), path});
    QVERIFY2(r.out.contains("198.51.100.23") && !r.out.contains("203.0.113.77"), r.out.constData());
}

QTEST_GUILESS_MAIN(TestCli)
#include "TestCli.moc"
