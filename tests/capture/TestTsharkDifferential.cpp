#include "CaptureTestUtil.h"

#include "models/RrType.h"

#include <QDir>
#include <QProcess>
#include <QStandardPaths>
#include <QTest>

#include <map>
#include <set>

using namespace pdnsw;
using namespace pdnsw::test;

// Differential check of the packet path against Wireshark's DNS dissector: for every public capture, the set of
// answer records (name, type, data) of DNS responses that tshark extracts must equal ours. Where the two
// legitimately differ, the difference is listed below with the reason; any other difference fails.
//
// Normalisation applied to tshark's side before comparing (not differences, just notation): owner names and
// name-valued data lower-cased (we fold 0x20 mixed case, tshark shows the wire case), tshark's "<Root>" written
// "." as ours, RR type numbers written as mnemonics, SRV owners rebuilt from tshark's service/proto/name fields.
// Data is compared for A, AAAA, CNAME, NS, PTR, MX, SRV and DNAME; for other types tshark spreads the data over
// type-specific fields in its own notation, so only (name, type) are compared there ("*" as data).
class TestTsharkDifferential : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void answersMatchTshark_data();
    void answersMatchTshark();

private:
    QString m_tshark;
};

namespace {

constexpr char kAggregator = '\x1f'; // between the occurrences of one field; no DNS text here contains it

// Expected differences per file: "ours-only|tshark-only <name> <TYPE> <data>" -> why. Empty today: every public
// capture gives the same answers; a difference that appears must be explained here or fixed.
const std::map<QString, std::map<QString, QString>>& expectedDifferences()
{
    static const std::map<QString, std::map<QString, QString>> table;
    return table;
}

QString lower(const QString& s)
{
    return s == QLatin1String("<Root>") ? QStringLiteral(".") : s.toLower();
}

// tshark's answer records of every DNS response in `path` as "name TYPE data" lines.
std::set<QString> tsharkAnswers(const QString& tshark, const QString& path, QString* error)
{
    const QStringList fields{QStringLiteral("dns.count.answers"), QStringLiteral("dns.count.auth_rr"),
        QStringLiteral("dns.count.add_rr"), QStringLiteral("dns.resp.name"), QStringLiteral("dns.resp.type"),
        QStringLiteral("dns.a"), QStringLiteral("dns.aaaa"), QStringLiteral("dns.cname"), QStringLiteral("dns.ns"),
        QStringLiteral("dns.ptr.domain_name"), QStringLiteral("dns.mx.preference"),
        QStringLiteral("dns.mx.mail_exchange"), QStringLiteral("dns.dname"), QStringLiteral("dns.srv.service"),
        QStringLiteral("dns.srv.proto"), QStringLiteral("dns.srv.name"), QStringLiteral("dns.srv.priority"),
        QStringLiteral("dns.srv.weight"), QStringLiteral("dns.srv.port"), QStringLiteral("dns.srv.target")};
    QStringList args{QStringLiteral("-n"), QStringLiteral("-r"), path, QStringLiteral("-d"),
        QStringLiteral("udp.port==8053,dns"), QStringLiteral("-Y"), QStringLiteral("dns.flags.response == 1"),
        QStringLiteral("-T"), QStringLiteral("fields"), QStringLiteral("-E"), QStringLiteral("separator=/t"),
        QStringLiteral("-E"), QStringLiteral("occurrence=a"), QStringLiteral("-E"),
        QStringLiteral("aggregator=") + QLatin1Char(kAggregator)};
    for (const QString& f : fields)
        args << QStringLiteral("-e") << f;
    QProcess p;
    p.start(tshark, args);
    if (!p.waitForFinished(60000) || p.exitCode() != 0) {
        *error = QStringLiteral("tshark failed on %1: %2").arg(path, QString::fromUtf8(p.readAllStandardError()));
        return {};
    }
    std::set<QString> out;
    for (const QByteArray& raw : p.readAllStandardOutput().split('\n')) {
        if (raw.isEmpty())
            continue;
        const QStringList columns = QString::fromUtf8(raw).split(QLatin1Char('\t'));
        std::vector<QStringList> v;
        for (const QString& c : columns)
            v.push_back(c.isEmpty() ? QStringList() : c.split(QLatin1Char(kAggregator)));
        v.resize(fields.size());
        // Per-type queues of data values, consumed in RR order over all messages of the frame.
        std::map<int, int> next;
        const auto take = [&](int column) { return v[column].value(next[column]++); };
        int rr = 0; // RR index (dns.resp.type has one entry per RR)
        int named = 0; // dns.resp.name index: tshark gives SRV owners as service, proto and name fields instead
        for (int m = 0; m < v[0].size(); ++m) {
            const int answers = v[0][m].toInt();
            const int total = answers + v[1].value(m).toInt() + v[2].value(m).toInt();
            for (int i = 0; i < total && rr < v[4].size(); ++i, ++rr) {
                const int type = v[4][rr].toInt();
                QString name;
                QString data = QStringLiteral("*");
                if (type == RrTypes::SRV) {
                    name = lower(take(13) + QLatin1Char('.') + take(14) + QLatin1Char('.') + take(15));
                    data = take(16) + QLatin1Char(' ') + take(17) + QLatin1Char(' ') + take(18) + QLatin1Char(' ')
                        + lower(take(19));
                } else {
                    name = lower(v[3].value(named++));
                }
                switch (type) {
                case RrTypes::A:
                    data = take(5);
                    break;
                case RrTypes::AAAA:
                    data = take(6);
                    break;
                case RrTypes::CNAME:
                    data = lower(take(7));
                    break;
                case RrTypes::NS:
                    data = lower(take(8));
                    break;
                case RrTypes::PTR:
                    data = lower(take(9));
                    break;
                case RrTypes::MX:
                    data = take(10) + QLatin1Char(' ') + lower(take(11));
                    break;
                case RrTypes::DNAME:
                    data = lower(take(12));
                    break;
                default:
                    break;
                }
                if (i < answers && type != RrTypes::OPT)
                    out.insert(name + QLatin1Char(' ') + rrTypeName(quint16(type)) + QLatin1Char(' ') + data);
            }
        }
    }
    return out;
}

std::set<QString> ourAnswers(const QString& path, PcapImportResult* result)
{
    CaptureOptions options;
    options.dnsPorts = {53, 8053};
    options.mdns = true;
    options.llmnr = true;
    Imported imported = importPath(path, options);
    *result = imported.result;
    static const std::set<QString> withData{QStringLiteral("A"), QStringLiteral("AAAA"), QStringLiteral("CNAME"),
        QStringLiteral("NS"), QStringLiteral("PTR"), QStringLiteral("MX"), QStringLiteral("DNAME"),
        QStringLiteral("SRV")};
    std::set<QString> out;
    for (const Observation& o : imported.sink.observations) {
        if (o.section != Section::Answer)
            continue;
        out.insert(o.rrname + QLatin1Char(' ') + o.rrtype + QLatin1Char(' ')
            + (withData.count(o.rrtype) ? o.rdata : QStringLiteral("*")));
    }
    return out;
}

} // namespace

void TestTsharkDifferential::initTestCase()
{
    m_tshark = QStandardPaths::findExecutable(QStringLiteral("tshark"));
    if (m_tshark.isEmpty())
        QSKIP("tshark is not installed (apt-get install tshark); the differential check needs it");
}

void TestTsharkDifferential::answersMatchTshark_data()
{
    QTest::addColumn<QString>("path");
    const QDir dir(QStringLiteral(PDNSW_PCAP_DIR));
    const QStringList files = dir.entryList({QStringLiteral("*.pcap"), QStringLiteral("*.pcapng")}, QDir::Files);
    QVERIFY(files.size() >= 50);
    for (const QString& f : files)
        QTest::newRow(qPrintable(f)) << dir.filePath(f);
}

void TestTsharkDifferential::answersMatchTshark()
{
    QFETCH(QString, path);
    QString error;
    const std::set<QString> theirs = tsharkAnswers(m_tshark, path, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    PcapImportResult result;
    const std::set<QString> ours = ourAnswers(path, &result);
    QVERIFY2(result.ok(), qPrintable(result.error));

    std::set<QString> differences;
    for (const QString& line : ours)
        if (!theirs.count(line))
            differences.insert(QStringLiteral("ours-only ") + line);
    for (const QString& line : theirs)
        if (!ours.count(line))
            differences.insert(QStringLiteral("tshark-only ") + line);

    const auto& table = expectedDifferences();
    const auto it = table.find(QFileInfo(path).fileName());
    std::set<QString> expected;
    if (it != table.end())
        for (const auto& [line, why] : it->second)
            expected.insert(line);
    QStringList unexplained, missing;
    for (const QString& d : differences)
        if (!expected.count(d))
            unexplained << d;
    for (const QString& d : expected)
        if (!differences.count(d))
            missing << d;
    QVERIFY2(unexplained.isEmpty(),
        qPrintable(
            QStringLiteral("differences without an explanation:\n  ") + unexplained.join(QStringLiteral("\n  "))));
    QVERIFY2(missing.isEmpty(),
        qPrintable(QStringLiteral("explained differences that no longer occur (update the table):\n  ")
            + missing.join(QStringLiteral("\n  "))));
    // Sanity: a capture with DNS answers gives the check something to compare.
    if (!theirs.empty())
        QVERIFY(!ours.empty());
}

QTEST_GUILESS_MAIN(TestTsharkDifferential)
#include "TestTsharkDifferential.moc"
