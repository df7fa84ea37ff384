#include "DemoCase.h"

#include "capture/FileImporter.h"
#include "capture/packet/PcapngWriter.h"
#include "models/CaseFile.h"
#include "models/NotesStore.h"
#include "models/ObservationWriter.h"
#include "models/ProviderQueryLog.h"
#include "models/UtcTime.h"
#include "providers/ProviderCaseRecorder.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <arpa/inet.h>

namespace pdnsw {

namespace {

constexpr int kDltEthernet = 1;

qint64 at(const char* iso)
{
    return parseUtcTime(QString::fromLatin1(iso)).value_or(0);
}

void put16(QByteArray& b, quint16 v)
{
    b.append(char(v >> 8));
    b.append(char(v & 0xff));
}

void put32(QByteArray& b, quint32 v)
{
    put16(b, quint16(v >> 16));
    put16(b, quint16(v & 0xffff));
}

QByteArray wireName(const QString& name)
{
    QByteArray out;
    for (const QString& label : name.split(u'.', Qt::SkipEmptyParts)) {
        const QByteArray l = label.toLatin1();
        out.append(char(l.size()));
        out.append(l);
    }
    out.append('\0');
    return out;
}

struct Answer
{
    QString owner;
    quint16 type; // 1 A, 5 CNAME
    QString data;
};

// One DNS message: a query (answers empty, rcode 0) or a response.
QByteArray dnsMessage(
    quint16 id, bool response, int rcode, const QString& qname, quint16 qtype, const QList<Answer>& answers)
{
    QByteArray m;
    put16(m, id);
    put16(m, quint16((response ? 0x8000 : 0) | 0x0100 | (response ? 0x0080 : 0) | (rcode & 0xf)));
    put16(m, 1);
    put16(m, quint16(answers.size()));
    put16(m, 0);
    put16(m, 0);
    m.append(wireName(qname));
    put16(m, qtype);
    put16(m, 1);
    for (const Answer& a : answers) {
        m.append(wireName(a.owner));
        put16(m, a.type);
        put16(m, 1);
        put32(m, 300);
        QByteArray rdata;
        if (a.type == 1) {
            quint32 v4 = 0;
            inet_pton(AF_INET, a.data.toLatin1().constData(), &v4);
            rdata = QByteArray(reinterpret_cast<const char*>(&v4), 4);
        } else {
            rdata = wireName(a.data);
        }
        put16(m, quint16(rdata.size()));
        m.append(rdata);
    }
    return m;
}

// Ethernet + IPv4 + UDP around a DNS message (UDP checksum 0: allowed for IPv4).
QByteArray frame(const char* src, const char* dst, quint16 sport, quint16 dport, const QByteArray& dns)
{
    QByteArray f = QByteArray::fromHex("020000000002020000000001");
    put16(f, 0x0800);
    QByteArray ip;
    put16(ip, 0x4500);
    put16(ip, quint16(20 + 8 + dns.size()));
    put16(ip, 0x1234);
    put16(ip, 0x4000);
    ip.append(char(64));
    ip.append(char(17));
    put16(ip, 0);
    quint32 s = 0;
    quint32 d = 0;
    inet_pton(AF_INET, src, &s);
    inet_pton(AF_INET, dst, &d);
    ip.append(reinterpret_cast<const char*>(&s), 4);
    ip.append(reinterpret_cast<const char*>(&d), 4);
    quint32 sum = 0;
    for (int i = 0; i < 20; i += 2)
        sum += (quint8(ip[i]) << 8) | quint8(ip[i + 1]);
    while (sum >> 16)
        sum = (sum & 0xffff) + (sum >> 16);
    const quint16 checksum = quint16(~sum);
    ip[10] = char(checksum >> 8);
    ip[11] = char(checksum & 0xff);
    f.append(ip);
    put16(f, sport);
    put16(f, dport);
    put16(f, quint16(8 + dns.size()));
    put16(f, 0);
    f.append(dns);
    return f;
}

// The victim's browsing over two months: the bad name through its two addresses and its cleaning, among
// ordinary traffic.
bool writeVictimCapture(const QString& path, QString* error)
{
    PcapngWriter writer;
    if (!writer.open(path, kDltEthernet, 65535, QStringLiteral("eth0"), error))
        return false;
    quint16 id = 0x4000;
    auto exchange = [&](qint64 t, const QString& qname, quint16 qtype, int rcode, const QList<Answer>& answers) {
        const QByteArray q
            = frame("10.0.0.23", "10.0.0.53", 51000 + id % 1000, 53, dnsMessage(id, false, 0, qname, qtype, {}));
        const QByteArray r = frame(
            "10.0.0.53", "10.0.0.23", 53, 51000 + id % 1000, dnsMessage(id, true, rcode, qname, qtype, answers));
        ++id;
        const auto* qd = reinterpret_cast<const std::uint8_t*>(q.constData());
        const auto* rd = reinterpret_cast<const std::uint8_t*>(r.constData());
        return writer.write(t * 1000000, qd, quint32(q.size()), quint32(q.size()))
            && writer.write(t * 1000000 + 23000, rd, quint32(r.size()), quint32(r.size()));
    };
    bool ok = true;
    const QString bad = QStringLiteral("www.bad.example");
    for (qint64 t = at("2018-01-05T08:12:00Z"); t <= at("2018-02-10T17:00:00Z"); t += 3 * 86400 + 3600)
        ok = ok && exchange(t, bad, 1, 0, {{bad, 1, QStringLiteral("198.51.100.23")}});
    for (qint64 t = at("2018-02-11T09:30:00Z"); t <= at("2018-02-27T18:00:00Z"); t += 2 * 86400 + 7200)
        ok = ok && exchange(t, bad, 1, 0, {{bad, 1, QStringLiteral("203.0.113.77")}});
    for (qint64 t = at("2018-03-01T10:00:00Z"); t <= at("2018-03-05T10:00:00Z"); t += 86400)
        ok = ok && exchange(t, bad, 1, 3, {});
    // The page's script came from a CDN name that followed the same moves.
    const QString cdn = QStringLiteral("static.bad.example");
    for (qint64 t = at("2018-01-06T09:00:00Z"); t <= at("2018-02-09T09:00:00Z"); t += 5 * 86400)
        ok = ok && exchange(t, cdn, 1, 0, {{cdn, 5, bad}, {bad, 1, QStringLiteral("198.51.100.23")}});
    // Ordinary names around it.
    for (qint64 t = at("2018-01-05T08:00:00Z"); t <= at("2018-03-05T08:00:00Z"); t += 4 * 86400) {
        ok = ok
            && exchange(t, QStringLiteral("www.example.com"), 1, 0,
                {{QStringLiteral("www.example.com"), 1, QStringLiteral("93.184.216.34")}});
        ok = ok
            && exchange(t + 60, QStringLiteral("news.example.org"), 1, 0,
                {{QStringLiteral("news.example.org"), 5, QStringLiteral("edge.example.net")},
                    {QStringLiteral("edge.example.net"), 1, QStringLiteral("192.0.2.80")}});
    }
    ok = ok && exchange(at("2018-02-12T12:00:00Z"), QStringLiteral("login.bad-hosting.example"), 1, 3, {});
    QString closeError;
    if (!writer.close(&closeError) || !ok) {
        if (error)
            *error = closeError.isEmpty() ? QStringLiteral("Cannot write %1.").arg(path) : closeError;
        return false;
    }
    return true;
}

QByteArray dnsdbAnswer()
{
    // DNSDB API v2 Streaming API Framing: begin, one COF object per line, succeeded.
    const auto obj = [](const char* rrname, const char* rrtype, QJsonArray rdata, const char* first, const char* last,
                         int count) {
        return QJsonDocument(
            QJsonObject{{QStringLiteral("obj"),
                QJsonObject{{QStringLiteral("count"), count}, {QStringLiteral("time_first"), double(at(first))},
                    {QStringLiteral("time_last"), double(at(last))},
                    {QStringLiteral("rrname"), QString::fromLatin1(rrname)},
                    {QStringLiteral("rrtype"), QString::fromLatin1(rrtype)},
                    {QStringLiteral("bailiwick"), QStringLiteral("bad.example.")}, {QStringLiteral("rdata"), rdata}}}})
            .toJson(QJsonDocument::Compact);
    };
    QByteArray body = "{\"cond\":\"begin\"}\n";
    body += obj("www.bad.example.", "A", QJsonArray{QStringLiteral("198.51.100.23")}, "2018-01-03T11:20:00Z",
                "2018-02-10T21:03:00Z", 312)
        + '\n';
    body += obj("www.bad.example.", "A", QJsonArray{QStringLiteral("203.0.113.77")}, "2018-02-11T06:40:00Z",
                "2018-02-28T23:10:00Z", 95)
        + '\n';
    body += obj("www.bad.example.", "NS", QJsonArray{QStringLiteral("ns1.bad-hosting.example.")},
                "2017-12-20T00:00:00Z", "2018-02-28T23:10:00Z", 40)
        + '\n';
    body += "{\"cond\":\"succeeded\"}\n";
    return body;
}

QByteArray virusTotalAnswer()
{
    const auto resolution = [](const char* ip, const char* date) {
        return QJsonObject{{QStringLiteral("type"), QStringLiteral("resolution")},
            {QStringLiteral("id"), QString::fromLatin1(ip) + QStringLiteral("www.bad.example")},
            {QStringLiteral("attributes"),
                QJsonObject{{QStringLiteral("date"), double(at(date))},
                    {QStringLiteral("host_name"), QStringLiteral("www.bad.example")},
                    {QStringLiteral("ip_address"), QString::fromLatin1(ip)},
                    {QStringLiteral("resolver"), QStringLiteral("VirusTotal")}}}};
    };
    const QJsonObject root{{QStringLiteral("data"),
                               QJsonArray{resolution("203.0.113.77", "2018-02-15T14:02:11Z"),
                                   resolution("198.51.100.23", "2018-01-20T09:45:00Z")}},
        {QStringLiteral("meta"), QJsonObject{{QStringLiteral("count"), 2}}},
        {QStringLiteral("links"),
            QJsonObject{{QStringLiteral("self"),
                QStringLiteral("https://www.virustotal.com/api/v3/domains/www.bad.example/resolutions")}}}};
    return QJsonDocument(root).toJson(QJsonDocument::Compact);
}

bool recordProviderAnswer(
    CaseFile& file, const QString& provider, const QString& url, const QByteArray& body, qint64 when, QString* error)
{
    ProviderQueryLog log(file);
    ProviderQueryRecord record;
    record.provider = provider;
    record.question = QStringLiteral("www.bad.example");
    record.parameters = QStringLiteral("{\"demo\":true,\"kind\":\"name\"}");
    record.startedAt = when;
    CaseError caseError;
    record.id = log.begin(record, &caseError);
    if (record.id == 0 || !log.addPage(ProviderAnswerPage{record.id, 1, url, 200, when, {}, body}, &caseError)) {
        if (error)
            *error = caseError.message;
        return false;
    }
    record.finishedAt = when + 1;
    record.httpStatus = 200;
    record.pages = 1;
    const auto result = ProviderCaseRecorder::reparse(file, record.id, &caseError);
    if (!result) {
        if (error)
            *error = caseError.message;
        return false;
    }
    record.recordCount = result->observations;
    return log.finish(record, &caseError);
}

} // namespace

bool createDemoCase(const QString& casePath, QString* error)
{
    const QFileInfo info(casePath);
    if (info.exists()) {
        if (error)
            *error = QStringLiteral("%1 already exists; the demo never overwrites a file.").arg(casePath);
        return false;
    }
    CaseError caseError;
    auto file = CaseFile::open(casePath, CaseFile::Mode::CreateIfMissing, &caseError);
    if (!file) {
        if (error)
            *error = caseError.message;
        return false;
    }
    const QString capture = info.absoluteDir().filePath(info.completeBaseName() + QStringLiteral("-victim.pcapng"));
    if (!writeVictimCapture(capture, error))
        return false;
    ObservationWriter writer(*file);
    FileImporter importer;
    const FileImportResult imported = importer.importIntoCase(capture, writer);
    if (!imported.succeeded()) {
        if (error)
            *error = imported.message;
        return false;
    }
    const qint64 now = at("2018-03-06T09:00:00Z");
    if (!recordProviderAnswer(*file, QStringLiteral("dnsdb"),
            QStringLiteral("https://api.dnsdb.info/dnsdb/v2/lookup/rrset/name/www.bad.example"), dnsdbAnswer(), now,
            error)
        || !recordProviderAnswer(*file, QStringLiteral("virustotal"),
            QStringLiteral("https://www.virustotal.com/api/v3/domains/www.bad.example/resolutions"), virusTotalAnswer(),
            now + 5, error))
        return false;
    NotesStore notes(*file);
    notes.addNote(QString(),
        QStringLiteral("Demo case: a reader reported www.bad.example serving a card skimmer. By "
                       "the time we looked it answered NXDOMAIN. The provider answers here are "
                       "recorded demo data, not live queries."),
        &caseError);
    notes.addNote(QStringLiteral("www.bad.example"),
        QStringLiteral("Moved from 198.51.100.23 to 203.0.113.77 on 2018-02-11; NXDOMAIN from 2018-03-01."),
        &caseError);
    notes.addTag(QStringLiteral("www.bad.example"), QStringLiteral("malicious"), &caseError);
    return true;
}

} // namespace pdnsw
