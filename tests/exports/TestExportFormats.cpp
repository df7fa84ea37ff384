// Every export format over the same in-memory records, parsed back (QJsonDocument, QXmlStreamReader, an
// RFC 4180 reader) and compared; STIX and MISP shape checks; escaping of hostile names.
#include "ExportTestData.h"
#include "models/export/CsvExporter.h"
#include "models/export/ExportText.h"
#include "models/export/Exporter.h"
#include "models/export/GraphExporters.h"
#include "models/export/MispExporter.h"
#include "models/export/StixId.h"

#include <QBuffer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QTest>
#include <QXmlStreamReader>

#include <functional>
#include <limits>

using namespace pdnsw;

Q_DECLARE_METATYPE(SourcedObservation)
using namespace pdnsw::testdata;

namespace {

QByteArray runExport(ExportFormat format, const QList<SourcedObservation>& records, const ExportContext& context)
{
    QByteArray data;
    QBuffer buffer(&data);
    buffer.open(QIODevice::WriteOnly);
    auto exporter = Exporter::create(format);
    bool ok = exporter->begin(&buffer, context);
    for (const SourcedObservation& r : records)
        ok = ok && exporter->add(r);
    ok = ok && exporter->finish();
    if (!ok)
        qWarning("export failed: %s", qPrintable(exporter->errorString()));
    return ok ? data : QByteArray();
}

// RFC 4180: fields separated by commas, records by CRLF, quoted fields may hold commas, quotes and line breaks.
QList<QStringList> parseCsv(const QString& text)
{
    QList<QStringList> rows;
    QStringList row;
    QString field;
    bool quoted = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (quoted) {
            if (c == u'"' && i + 1 < text.size() && text[i + 1] == u'"') {
                field += u'"';
                ++i;
            } else if (c == u'"') {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == u'"') {
            quoted = true;
        } else if (c == u',') {
            row.append(field);
            field.clear();
        } else if (c == u'\r' && i + 1 < text.size() && text[i + 1] == u'\n') {
            row.append(field);
            rows.append(row);
            row.clear();
            field.clear();
            ++i;
        } else {
            field += c;
        }
    }
    return rows;
}

QString unguard(const QString& cell)
{
    static const QRegularExpression guarded(QStringLiteral("^'[=+\\-@\\t\\r]"));
    return guarded.match(cell).hasMatch() ? cell.mid(1) : cell;
}

const QRegularExpression kUuidId(
    QStringLiteral("^([a-z0-9-]+)--[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"));
const QRegularExpression kStixTime(QStringLiteral("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z$"));
const QRegularExpression kUuid(QStringLiteral("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"));

} // namespace

class TestExportFormats : public QObject
{
    Q_OBJECT

private slots:
    void testStixDeterministicIds_data();
    void testStixDeterministicIds();
    void testJcs();
    void testJcsStrings_data();
    void testJcsStrings();
    void testStixBundleShape();
    void testMispShape();
    void testJsonRoundTrip();
    void testCofRoundTrip();
    void testJsonTextIsQtCanonical_data();
    void testJsonTextIsQtCanonical();
    void testCsvRoundTripAndGuard();
    void testCsvCell_data();
    void testCsvCell();
    void testGraphMl();
    void testGexf();
    void testDotEscaping();
    void testGraphMarksOnlyNxdomainGone();
    void testHtmlEscaping();
    void testEmptyExports_data();
    void testEmptyExports();
};

void TestExportFormats::testStixDeterministicIds_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("id");
    // The vectors of standards.md §1 (stix2 deterministic-id recipe).
    QTest::newRow("domain") << QStringLiteral("domain-name") << QStringLiteral("example.com")
                            << QStringLiteral("domain-name--bedb4899-d24b-5401-bc86-8f6b4cc18ec7");
    QTest::newRow("ipv4") << QStringLiteral("ipv4-addr") << QStringLiteral("198.51.100.7")
                          << QStringLiteral("ipv4-addr--12592121-be4c-5a93-a813-5a5af16e50db");
    QTest::newRow("ipv6") << QStringLiteral("ipv6-addr") << QStringLiteral("2001:db8::1")
                          << QStringLiteral("ipv6-addr--6469e3a9-b053-5e34-a025-9396ae051d26");
}

void TestExportFormats::testStixDeterministicIds()
{
    QFETCH(QString, type);
    QFETCH(QString, value);
    QFETCH(QString, id);
    QJsonObject props;
    props.insert(QStringLiteral("value"), value);
    QCOMPARE(stixScoId(type, props), id);
}

void TestExportFormats::testJcs()
{
    QJsonObject o;
    o.insert(QStringLiteral("b"), 1);
    o.insert(QStringLiteral("a"), QStringLiteral("x\"\\\n\u0001é\u20ac"));
    o.insert(QStringLiteral("c"), QJsonArray{true, QJsonValue(), 2.5});
    QCOMPARE(jcsCanonical(o),
        QByteArray("{\"a\":\"x\\\"\\\\\\n\\u0001\xc3\xa9\xe2\x82\xac\",\"b\":1,\"c\":[true,null,2.5]}"));
    // Keys in UTF-16 order: "\u20ac" (0x20ac) sorts before "\U0001F600" (surrogate 0xd83d).
    QJsonObject k;
    k.insert(QStringLiteral("\U0001F600"), 1);
    k.insert(QStringLiteral("\u20ac"), 2);
    QCOMPARE(jcsCanonical(k), QByteArray("{\"\xe2\x82\xac\":2,\"\xf0\x9f\x98\x80\":1}"));
}

void TestExportFormats::testJcsStrings_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QByteArray>("json");
    const auto units = [](std::initializer_list<char16_t> u) {
        return QString(reinterpret_cast<const QChar*>(u.begin()), qsizetype(u.size()));
    };
    QTest::newRow("plain") << QStringLiteral("www.example.com") << QByteArray("\"www.example.com\"");
    QTest::newRow("empty") << QString() << QByteArray("\"\"");
    QTest::newRow("escapes between runs") << QStringLiteral("a\tb\x1f"
                                                            "c\\d\"")
                                          << QByteArray("\"a\\tb\\u001fc\\\\d\\\"\"");
    QTest::newRow("escape first and last") << QStringLiteral("\nx\r") << QByteArray("\"\\nx\\r\"");
    QTest::newRow("pair") << units({u'a', 0xd83d, 0xde00, u'b'})
                          << QByteArray("\"a\xf0\x9f\x98\x80"
                                        "b\"");
    QTest::newRow("lone high at the end") << units({u'a', 0xd83d}) << QByteArray("\"a\\ud83d\"");
    QTest::newRow("lone low first") << units({0xde00, u'b'}) << QByteArray("\"\\ude00b\"");
    QTest::newRow("high before a pair") << units({0xd83d, 0xd83d, 0xde00}) << QByteArray("\"\\ud83d\xf0\x9f\x98\x80\"");
    QTest::newRow("pair then a lone low")
        << units({0xd83d, 0xde00, 0xde00}) << QByteArray("\"\xf0\x9f\x98\x80\\ude00\"");
}

void TestExportFormats::testJcsStrings()
{
    QFETCH(QString, text);
    QFETCH(QByteArray, json);
    QCOMPARE(jcsCanonical(QJsonValue(text)), json);
}

void TestExportFormats::testStixBundleShape()
{
    const QByteArray data = runExport(ExportFormat::Stix, sampleRecords(), sampleContext());
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(data, &error);
    QVERIFY2(doc.isObject(), qPrintable(error.errorString()));
    const QJsonObject bundle = doc.object();
    QCOMPARE(bundle.value(QStringLiteral("type")).toString(), QStringLiteral("bundle"));
    QVERIFY(kUuidId.match(bundle.value(QStringLiteral("id")).toString()).hasMatch());
    const QJsonArray objects = bundle.value(QStringLiteral("objects")).toArray();
    QVERIFY(!objects.isEmpty());

    QHash<QString, QJsonObject> byId;
    QHash<QString, int> typeCount;
    for (const QJsonValue& v : objects) {
        const QJsonObject o = v.toObject();
        const QString id = o.value(QStringLiteral("id")).toString();
        const auto m = kUuidId.match(id);
        QVERIFY2(m.hasMatch(), qPrintable(id));
        QCOMPARE(m.captured(1), o.value(QStringLiteral("type")).toString());
        QCOMPARE(o.value(QStringLiteral("spec_version")).toString(), QStringLiteral("2.1"));
        QVERIFY2(!byId.contains(id), qPrintable(QStringLiteral("duplicate id ") + id));
        byId.insert(id, o);
        ++typeCount[m.captured(1)];
    }
    // SCOs: the deterministic id over their value; SDO/SRO: created <= modified, proper timestamps.
    for (const QJsonObject& o : std::as_const(byId)) {
        const QString type = o.value(QStringLiteral("type")).toString();
        if (type == QLatin1String("domain-name") || type.startsWith(QLatin1String("ipv"))) {
            QJsonObject props;
            props.insert(QStringLiteral("value"), o.value(QStringLiteral("value")));
            QCOMPARE(o.value(QStringLiteral("id")).toString(), stixScoId(type, props));
            QVERIFY(!o.contains(QStringLiteral("created")));
            for (const QJsonValue& ref : o.value(QStringLiteral("resolves_to_refs")).toArray()) {
                QVERIFY(byId.contains(ref.toString()));
                QVERIFY(type == QLatin1String("domain-name"));
            }
            continue;
        }
        const QString created = o.value(QStringLiteral("created")).toString();
        const QString modified = o.value(QStringLiteral("modified")).toString();
        QVERIFY2(kStixTime.match(created).hasMatch(), qPrintable(created));
        QVERIFY(kStixTime.match(modified).hasMatch());
        QVERIFY(created <= modified);
        for (const QJsonValue& ref : o.value(QStringLiteral("object_refs")).toArray())
            QVERIFY2(byId.contains(ref.toString()), qPrintable(ref.toString()));
        if (type == QLatin1String("relationship")) {
            QCOMPARE(o.value(QStringLiteral("relationship_type")).toString(), QStringLiteral("resolves-to"));
            QVERIFY(byId.contains(o.value(QStringLiteral("source_ref")).toString()));
            QVERIFY(byId.contains(o.value(QStringLiteral("target_ref")).toString()));
            QVERIFY(o.value(QStringLiteral("source_ref")).toString().startsWith(QLatin1String("domain-name--")));
            if (o.contains(QStringLiteral("stop_time")))
                QVERIFY(
                    o.value(QStringLiteral("start_time")).toString() < o.value(QStringLiteral("stop_time")).toString());
        } else if (type == QLatin1String("observed-data")) {
            const QString first = o.value(QStringLiteral("first_observed")).toString();
            const QString last = o.value(QStringLiteral("last_observed")).toString();
            QVERIFY(kStixTime.match(first).hasMatch() && kStixTime.match(last).hasMatch());
            QVERIFY(first <= last);
            const qint64 n = o.value(QStringLiteral("number_observed")).toInteger();
            QVERIFY(n >= 1 && n <= 999999999);
            QVERIFY(!o.value(QStringLiteral("object_refs")).toArray().isEmpty());
            QVERIFY(!o.contains(QStringLiteral("objects")));
        } else if (type == QLatin1String("grouping")) {
            QCOMPARE(o.value(QStringLiteral("context")).toString(), QStringLiteral("suspicious-activity"));
            QCOMPARE(o.value(QStringLiteral("object_refs")).toArray().size(), objects.size() - 1);
        } else if (type == QLatin1String("note")) {
            QVERIFY(!o.value(QStringLiteral("content")).toString().isEmpty());
            QCOMPARE(o.value(QStringLiteral("object_refs")).toArray().size(), 1);
        }
    }
    // 9 positive dated + 1 negative = 9 observed-data (VirusTotal's undated one has none); resolves-to for
    // A/AAAA/CNAME: 6; notes 2; grouping 1.
    QCOMPARE(typeCount.value(QStringLiteral("observed-data")), 9);
    QCOMPARE(typeCount.value(QStringLiteral("relationship")), 6);
    QCOMPARE(typeCount.value(QStringLiteral("note")), 2);
    QCOMPARE(typeCount.value(QStringLiteral("grouping")), 1);
    QCOMPARE(typeCount.value(QStringLiteral("ipv6-addr")), 1);

    // www.bad.example resolves to its two addresses and the CNAME target; the note about it points at it.
    QJsonObject props;
    props.insert(QStringLiteral("value"), QStringLiteral("www.bad.example"));
    const QString wwwId = stixScoId(QStringLiteral("domain-name"), props);
    QCOMPARE(byId.value(wwwId).value(QStringLiteral("resolves_to_refs")).toArray().size(), 3);
    bool noteFound = false;
    for (const QJsonObject& o : std::as_const(byId)) {
        if (o.value(QStringLiteral("type")).toString() == QLatin1String("note")
            && o.value(QStringLiteral("object_refs")).toArray().first().toString() == wwwId)
            noteFound = true;
    }
    QVERIFY(noteFound);
    // Same input, same bundle: ids are deterministic.
    QCOMPARE(runExport(ExportFormat::Stix, sampleRecords(), sampleContext()), data);
}

void TestExportFormats::testMispShape()
{
    const QByteArray data = runExport(ExportFormat::Misp, sampleRecords(), sampleContext());
    const QJsonDocument doc = QJsonDocument::fromJson(data);
    QVERIFY(doc.isObject());
    const QJsonObject event = doc.object().value(QStringLiteral("Event")).toObject();
    for (const char* key : {"uuid", "info", "date", "timestamp", "published", "distribution", "threat_level_id",
             "analysis", "Attribute", "Object"})
        QVERIFY2(event.contains(QLatin1String(key)), key);
    QVERIFY(kUuid.match(event.value(QStringLiteral("uuid")).toString()).hasMatch());
    const QString info = event.value(QStringLiteral("info")).toString();
    QVERIFY(info.size() <= 256 && !info.contains(u'\n'));

    int passiveDns = 0;
    int domainIp = 0;
    QSet<QString> uuids;
    for (const QJsonValue& v : event.value(QStringLiteral("Object")).toArray()) {
        const QJsonObject o = v.toObject();
        const QString name = o.value(QStringLiteral("name")).toString();
        QVERIFY(kUuid.match(o.value(QStringLiteral("uuid")).toString()).hasMatch());
        QVERIFY(!uuids.contains(o.value(QStringLiteral("uuid")).toString()));
        uuids.insert(o.value(QStringLiteral("uuid")).toString());
        if (o.contains(QStringLiteral("first_seen")) && o.contains(QStringLiteral("last_seen")))
            QVERIFY(
                o.value(QStringLiteral("first_seen")).toString() <= o.value(QStringLiteral("last_seen")).toString());
        QHash<QString, QStringList> attrs;
        for (const QJsonValue& a : o.value(QStringLiteral("Attribute")).toArray()) {
            const QJsonObject attr = a.toObject();
            for (const char* key : {"type", "category", "value", "to_ids", "object_relation", "uuid"})
                QVERIFY2(attr.contains(QLatin1String(key)), key);
            QVERIFY(kUuid.match(attr.value(QStringLiteral("uuid")).toString()).hasMatch());
            attrs[attr.value(QStringLiteral("object_relation")).toString()].append(
                attr.value(QStringLiteral("value")).toString());
        }
        if (name == QLatin1String("passive-dns")) {
            ++passiveDns;
            QCOMPARE(o.value(QStringLiteral("template_uuid")).toString(),
                QString::fromLatin1(MispExporter::kPassiveDnsTemplate));
            QCOMPARE(o.value(QStringLiteral("template_version")).toString(), QStringLiteral("5"));
            for (const char* required : {"rrname", "rrtype", "rdata", "sensor_id"})
                QCOMPARE(attrs.value(QLatin1String(required)).size(), 1);
            if (attrs.contains(QStringLiteral("time_first"))) {
                QVERIFY(attrs.value(QStringLiteral("time_first")).first()
                    <= attrs.value(QStringLiteral("time_last")).first());
                QVERIFY(attrs.value(QStringLiteral("time_first")).first().endsWith(QLatin1String(".000000+00:00")));
            }
        } else if (name == QLatin1String("domain-ip")) {
            ++domainIp;
            QCOMPARE(o.value(QStringLiteral("template_uuid")).toString(),
                QString::fromLatin1(MispExporter::kDomainIpTemplate));
            QCOMPARE(o.value(QStringLiteral("template_version")).toString(), QStringLiteral("11"));
            QCOMPARE(attrs.value(QStringLiteral("domain")).size(), 1);
            QCOMPARE(attrs.value(QStringLiteral("ip")).size(), 1);
        } else {
            QFAIL(qPrintable(QStringLiteral("unexpected object ") + name));
        }
    }
    QCOMPARE(passiveDns, 9); // all but the negative answer
    QCOMPARE(domainIp, 4); // cdn->.23, www->.77 (two sources merged), www->::77, hostile->192.0.2.66
    // The negative answer and the two notes ride along as comment attributes.
    const QJsonArray eventAttrs = event.value(QStringLiteral("Attribute")).toArray();
    QCOMPARE(eventAttrs.size(), 3);
    QVERIFY(QString::fromUtf8(data).contains(QStringLiteral("answered NXDOMAIN")));
}

void TestExportFormats::testJsonRoundTrip()
{
    const QList<SourcedObservation> records = sampleRecords();
    const QByteArray data = runExport(ExportFormat::Json, records, sampleContext());
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(data, &error);
    QVERIFY2(doc.isArray(), qPrintable(error.errorString()));
    const QJsonArray array = doc.array();
    QCOMPARE(array.size(), records.size());
    for (qsizetype i = 0; i < records.size(); ++i) {
        const QJsonObject o = array.at(i).toObject();
        const Observation& r = records.at(i).observation;
        QCOMPARE(o.value(QStringLiteral("rrname")).toString(), r.rrname);
        QCOMPARE(o.value(QStringLiteral("rrtype")).toString(), r.rrtype);
        QCOMPARE(o.value(QStringLiteral("rdata")).toString(), r.rdata);
        QCOMPARE(o.value(QStringLiteral("section")).toString(), sectionName(r.section));
        QCOMPARE(o.contains(QStringLiteral("time_first")), r.firstSeen.has_value());
        if (r.firstSeen)
            QCOMPARE(o.value(QStringLiteral("time_first")).toInteger(), *r.firstSeen);
        if (r.lastSeen)
            QCOMPARE(o.value(QStringLiteral("last_seen")).toString(), exportIsoTime(*r.lastSeen));
        QCOMPARE(o.contains(QStringLiteral("count")), r.count.has_value());
        const QJsonObject source = o.value(QStringLiteral("source")).toObject();
        QCOMPARE(source.value(QStringLiteral("label")).toString(), records.at(i).sourceLabel);
        QCOMPARE(source.value(QStringLiteral("id")).toInteger(), records.at(i).sourceId);
    }
    QCOMPARE(array.at(6).toObject().value(QStringLiteral("rrname_unicode")).toString(), QStringLiteral("bücher.de"));
    QCOMPARE(
        array.at(0).toObject().value(QStringLiteral("source")).toObject().value(QStringLiteral("sha256")).toString(),
        sampleContext().sources.first().sha256);
}

// The JSON, COF and MISP records are written by hand (CompactJsonObject), not through QJsonDocument; each must be
// the very text QJsonDocument would write for it: keys sorted, Qt's escaping, integers whole. Parsing a record and
// writing it again with Qt must give the same bytes.
void TestExportFormats::testJsonTextIsQtCanonical_data()
{
    QTest::addColumn<SourcedObservation>("record");
    QString controls;
    for (char16_t u = 0; u < 0x20; ++u)
        controls += QChar(u);
    const auto with = [](SourcedObservation r, const std::function<void(SourcedObservation&)>& change) {
        change(r);
        return r;
    };
    const SourcedObservation base = sampleRecords().first();
    QTest::newRow("plain") << base;
    for (const SourcedObservation& r : sampleRecords())
        QTest::addRow("sample %s %s", qPrintable(r.observation.rrtype), qPrintable(r.observation.rrname.left(12))) << r;
    QTest::newRow("control characters") << with(base, [&](SourcedObservation& r) {
        r.observation.rdata = controls + QStringLiteral("\x7f end");
        r.sourceLabel = controls;
    });
    QTest::newRow("beyond ASCII") << with(base, [](SourcedObservation& r) {
        r.observation.rdata = QStringLiteral("caf\u00e9 \u2028 \u202e \U0001F600 \uFEFF");
        r.observation.rrname = QStringLiteral("xn--caf-dma.example");
    });
    QTest::newRow("quotes, backslash, slash") << with(
        base, [](SourcedObservation& r) { r.observation.rdata = QStringLiteral("\"v=spf1 \\ a/b\" </script>"); });
    QTest::newRow("every optional field") << with(base, [](SourcedObservation& r) {
        r.observation.rcode = 3;
        r.observation.ttlMin = 0;
        r.observation.ttlMax = 2147483647;
        r.observation.clients = QStringLiteral("192.0.2.1,2001:db8::1");
        r.observation.servers = QStringLiteral("198.51.100.53");
        r.observation.attrs
            = QStringLiteral("{\"bailiwick\":\"example\",\"asn\":[64500,\"x\\u0001\"],\"n\":{\"a\":1.5}}");
    });
    QTest::newRow("extreme numbers") << with(base, [](SourcedObservation& r) {
        r.observation.firstSeen = -62135596800; // 0001-01-01
        r.observation.lastSeen = 253402300800; // year 10000
        r.observation.count = std::numeric_limits<qint64>::max();
        r.sourceId = std::numeric_limits<qint64>::max() - 1;
    });
    QTest::newRow("nothing optional") << with(base, [](SourcedObservation& r) {
        r.observation.firstSeen.reset();
        r.observation.lastSeen.reset();
        r.observation.count.reset();
        r.sourceLabel.clear();
        r.observation.rdata.clear();
    });
}

void TestExportFormats::testJsonTextIsQtCanonical()
{
    QFETCH(SourcedObservation, record);
    const QList<QByteArray> jsonLines = runExport(ExportFormat::Json, {record}, sampleContext()).split('\n');
    QCOMPARE(jsonLines.size(), 4); // "[", the record, "]", ""
    const QByteArray json = jsonLines.at(1);
    QJsonParseError error;
    const QJsonDocument parsed = QJsonDocument::fromJson(json, &error);
    QVERIFY2(parsed.isObject(), qPrintable(error.errorString() + u' ' + QString::fromUtf8(json)));
    QCOMPARE(parsed.toJson(QJsonDocument::Compact), json);
    QCOMPARE(parsed.object().value(u"rdata").toString(), record.observation.rdata);
    QCOMPARE(parsed.object().value(u"source").toObject().value(u"label").toString(), record.sourceLabel);

    // MISP: every object and every attribute of the event is one compact line (the notes of the context are two
    // attributes).
    int mispChecked = 0;
    for (QByteArray line : runExport(ExportFormat::Misp, {record}, sampleContext()).split('\n')) {
        if (line.endsWith(','))
            line.chop(1);
        if (!line.startsWith("{\"Attribute\"") && !line.startsWith("{\"category\""))
            continue;
        const QJsonDocument object = QJsonDocument::fromJson(line, &error);
        QVERIFY2(object.isObject(), qPrintable(error.errorString() + u' ' + QString::fromUtf8(line)));
        QCOMPARE(object.toJson(QJsonDocument::Compact), line);
        ++mispChecked;
    }
    QVERIFY(mispChecked >= 3);

    // STIX: every object of the bundle is one compact line, but the grouping, whose object_refs are appended to
    // its text at the end.
    int stixChecked = 0;
    for (QByteArray line : runExport(ExportFormat::Stix, {record}, sampleContext()).split('\n')) {
        if (line.endsWith(','))
            line.chop(1);
        if (!line.startsWith("{\"") || line.contains("\"type\":\"grouping\""))
            continue;
        const QJsonDocument object = QJsonDocument::fromJson(line, &error);
        QVERIFY2(object.isObject(), qPrintable(error.errorString() + u' ' + QString::fromUtf8(line)));
        QCOMPARE(object.toJson(QJsonDocument::Compact), line);
        ++stixChecked;
    }
    // An SCO for the name, and an observed-data unless the record has no time at all.
    QVERIFY(stixChecked >= (record.observation.firstSeen || record.observation.lastSeen ? 2 : 1));

    const QByteArray cof = runExport(ExportFormat::Cof, {record}, sampleContext()).trimmed();
    if (record.observation.section == Section::Negative) {
        QVERIFY(cof.isEmpty());
        return;
    }
    const QJsonDocument cofParsed = QJsonDocument::fromJson(cof, &error);
    QVERIFY2(cofParsed.isObject(), qPrintable(error.errorString()));
    QCOMPARE(cofParsed.toJson(QJsonDocument::Compact), cof);
    QCOMPARE(cofParsed.object().value(u"rrname").toString(), record.observation.rrname);
}

void TestExportFormats::testCofRoundTrip()
{
    const QList<SourcedObservation> records = sampleRecords();
    const QByteArray data = runExport(ExportFormat::Cof, records, sampleContext());
    const QList<QByteArray> lines = data.split('\n');
    QCOMPARE(lines.last(), QByteArray());
    QCOMPARE(lines.size() - 1, records.size() - 1); // the NXDOMAIN is left out
    int i = 0;
    for (const SourcedObservation& r : records) {
        if (r.observation.section == Section::Negative)
            continue;
        const QJsonObject o = QJsonDocument::fromJson(lines.at(i++)).object();
        QCOMPARE(o.value(QStringLiteral("rrname")).toString(), r.observation.rrname);
        QCOMPARE(o.value(QStringLiteral("rdata")).toString(), r.observation.rdata);
        QCOMPARE(o.value(QStringLiteral("sensor_id")).toString(), r.sourceLabel);
        if (r.observation.firstSeen)
            QCOMPARE(o.value(QStringLiteral("time_first")).toInteger(), *r.observation.firstSeen);
        else
            QVERIFY(!o.contains(QStringLiteral("time_first")));
    }
}

void TestExportFormats::testCsvRoundTripAndGuard()
{
    const QList<SourcedObservation> records = sampleRecords();
    const QByteArray data = runExport(ExportFormat::Csv, records, sampleContext());
    const QList<QStringList> rows = parseCsv(QString::fromUtf8(data));
    QCOMPARE(rows.size(), records.size() + 1);
    QCOMPARE(rows.first(), CsvExporter::columns());
    const qsizetype rdata = CsvExporter::columns().indexOf(QStringLiteral("rdata"));
    const qsizetype rrname = CsvExporter::columns().indexOf(QStringLiteral("rrname"));
    const qsizetype source = CsvExporter::columns().indexOf(QStringLiteral("source"));
    for (qsizetype i = 0; i < records.size(); ++i) {
        const QStringList& row = rows.at(i + 1);
        QCOMPARE(row.size(), CsvExporter::columns().size());
        QCOMPARE(unguard(row.at(rrname)), records.at(i).observation.rrname);
        QCOMPARE(unguard(row.at(rdata)), records.at(i).observation.rdata);
        QCOMPARE(row.at(source), records.at(i).sourceLabel);
        // No cell a spreadsheet would evaluate.
        for (const QString& cell : row)
            QVERIFY2(cell.isEmpty() || !QStringLiteral("=+-@").contains(cell.front()), qPrintable(cell));
    }
    QCOMPARE(rows.at(7).at(rdata), QStringLiteral("'=cmd|' /C calc'!A0"));
    QVERIFY(data.endsWith("\r\n"));
}

void TestExportFormats::testCsvCell_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("cell");
    QTest::newRow("plain") << QStringLiteral("a.example") << QStringLiteral("a.example");
    QTest::newRow("formula") << QStringLiteral("=1+1") << QStringLiteral("'=1+1");
    QTest::newRow("plus") << QStringLiteral("+1") << QStringLiteral("'+1");
    QTest::newRow("minus") << QStringLiteral("-2+3") << QStringLiteral("'-2+3");
    QTest::newRow("at") << QStringLiteral("@SUM(A1)") << QStringLiteral("'@SUM(A1)");
    QTest::newRow("tab") << QStringLiteral("\t=1") << QStringLiteral("'\t=1");
    QTest::newRow("comma") << QStringLiteral("a,b") << QStringLiteral("\"a,b\"");
    QTest::newRow("quote") << QStringLiteral("say \"hi\"") << QStringLiteral("\"say \"\"hi\"\"\"");
    QTest::newRow("formula with comma") << QStringLiteral("=HYPERLINK(\"x\",1)")
                                        << QStringLiteral("\"'=HYPERLINK(\"\"x\"\",1)\"");
    QTest::newRow("newline") << QStringLiteral("a\nb") << QStringLiteral("\"a\nb\"");
    QTest::newRow("empty") << QString() << QString();
}

void TestExportFormats::testCsvCell()
{
    QFETCH(QString, value);
    QFETCH(QString, cell);
    QCOMPARE(CsvExporter::cell(value), cell);
}

void TestExportFormats::testGraphMl()
{
    const QByteArray data = runExport(ExportFormat::GraphMl, sampleRecords(), sampleContext());
    QXmlStreamReader xml(data);
    QSet<QString> keys;
    QHash<QString, QString> labelById;
    QStringList edgeTypes;
    QString currentNode;
    QString currentKey;
    bool inEdge = false;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement()) {
            const auto name = xml.name();
            if (name == QLatin1String("key"))
                keys.insert(xml.attributes().value(QStringLiteral("id")).toString());
            else if (name == QLatin1String("node"))
                currentNode = xml.attributes().value(QStringLiteral("id")).toString();
            else if (name == QLatin1String("edge"))
                inEdge = true;
            else if (name == QLatin1String("data")) {
                currentKey = xml.attributes().value(QStringLiteral("key")).toString();
                QVERIFY2(keys.contains(currentKey), qPrintable(currentKey));
                if (currentKey == QLatin1String("d0"))
                    labelById.insert(currentNode, xml.readElementText());
                else if (inEdge && currentKey == QLatin1String("d10"))
                    edgeTypes.append(xml.readElementText());
            }
        } else if (xml.isEndElement() && xml.name() == QLatin1String("edge")) {
            inEdge = false;
        }
    }
    QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
    const QSet<QString> labels(labelById.cbegin(), labelById.cend());
    for (const char* expected : {"www.bad.example", "cdn.bad.example", "198.51.100.23", "203.0.113.77", "2001:db8::77",
             "xn--bcher-kva.de", "mail.bad.example", "192.0.2.66", "csv.example"})
        QVERIFY2(labels.contains(QLatin1String(expected)), expected);
    QVERIFY(labels.contains(visibleText(hostileName())));
    QCOMPARE(labels.size(), 10);
    edgeTypes.sort();
    QCOMPARE(edgeTypes,
        (QStringList{QStringLiteral("A"), QStringLiteral("A"), QStringLiteral("A"), QStringLiteral("AAAA"),
            QStringLiteral("CNAME"), QStringLiteral("MX")}));
}

void TestExportFormats::testGexf()
{
    const QByteArray data = runExport(ExportFormat::Gexf, sampleRecords(), sampleContext());
    QXmlStreamReader xml(data);
    int nodes = 0;
    int edges = 0;
    QString mode;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        const QXmlStreamAttributes a = xml.attributes();
        if (xml.name() == QLatin1String("graph"))
            mode = a.value(QStringLiteral("mode")).toString();
        if (xml.name() == QLatin1String("node") || xml.name() == QLatin1String("edge")) {
            (xml.name() == QLatin1String("node") ? nodes : edges)++;
            QVERIFY(!a.value(QStringLiteral("id")).isEmpty());
            if (a.hasAttribute(QStringLiteral("start")))
                QVERIFY(a.value(QStringLiteral("start")) <= a.value(QStringLiteral("end")));
        }
    }
    QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
    QCOMPARE(mode, QStringLiteral("dynamic"));
    QCOMPARE(nodes, 10);
    QCOMPARE(edges, 6);
    QVERIFY(data.contains("xmlns=\"http://www.gexf.net/1.2draft\""));
}

void TestExportFormats::testDotEscaping()
{
    const QByteArray data = runExport(ExportFormat::Dot, sampleRecords(), sampleContext());
    const QString text = QString::fromUtf8(data);
    QVERIFY(text.startsWith(QLatin1String("// PDNS Workbench")));
    // Each statement is on one line: the hostile name's line break and quotes are escaped, bidi made visible.
    for (const QString& line : text.split(u'\n', Qt::SkipEmptyParts)) {
        const QString t = line.trimmed();
        QVERIFY2(t.startsWith(QLatin1String("//")) || t.endsWith(u';') || t.endsWith(u'{') || t == QLatin1String("}"),
            qPrintable(line));
        // Quotes balance once escaped quotes are removed.
        QString unescaped = t;
        unescaped.remove(QStringLiteral("\\\\")).remove(QStringLiteral("\\\""));
        QCOMPARE(unescaped.count(u'"') % 2, 0);
    }
    QVERIFY(!text.contains(u'\u202e'));
    QVERIFY(text.contains(QStringLiteral("x\\\"y\\\\z<img src=x onerror=alert(1)>\\\\x0a\\\\u202e.evil.example")));
    QCOMPARE(DotExporter::quoted(QStringLiteral("a\"b\\c")), QStringLiteral("\"a\\\"b\\\\c\""));
}

// In the graph exports, red is for a name that went away (NXDOMAIN), which wins over other negative answers;
// a NODATA for one type (google.com's LOC) is named but not coloured.
void TestExportFormats::testGraphMarksOnlyNxdomainGone()
{
    const auto negative = [](const char* name, const char* type, const char* rcode, const char* day) {
        return record(1, QStringLiteral("victim.pcapng"), QString::fromLatin1(name), QString::fromLatin1(type),
            QString::fromLatin1(rcode), t(day), t(day), 1, Section::Negative);
    };
    const QList<SourcedObservation> records{negative("google.com", "LOC", "NODATA", "2018-01-01"),
        negative("www.bad.example", "AAAA", "NODATA", "2018-01-01"),
        negative("www.bad.example", "A", "NXDOMAIN", "2018-03-01")};
    EvidenceGraph graph;
    for (const SourcedObservation& r : records)
        graph.add(r);
    QHash<QString, QString> negativeOf;
    for (const EvidenceGraph::Node& n : graph.nodes())
        negativeOf.insert(n.value, n.negative);
    QCOMPARE(negativeOf.value(QStringLiteral("google.com")), QStringLiteral("NODATA"));
    QCOMPARE(negativeOf.value(QStringLiteral("www.bad.example")), QStringLiteral("NXDOMAIN")); // though later
    const QString dot = QString::fromUtf8(runExport(ExportFormat::Dot, records, sampleContext()));
    for (const QString& line : dot.split(u'\n')) {
        if (line.contains(QStringLiteral("label=\"google.com")))
            QVERIFY2(!line.contains(QStringLiteral("#F4A6A6")), qPrintable(line));
        if (line.contains(QStringLiteral("label=\"www.bad.example")))
            QVERIFY2(line.contains(QStringLiteral("#F4A6A6")), qPrintable(line));
    }
    QVERIFY(dot.contains(QStringLiteral("label=\"google.com\\nNODATA")));
    QVERIFY(dot.contains(QStringLiteral("label=\"www.bad.example\\nNXDOMAIN")));
}

void TestExportFormats::testHtmlEscaping()
{
    const QString html = QString::fromUtf8(runExport(ExportFormat::Html, sampleRecords(), sampleContext()));
    QVERIFY(!html.isEmpty());
    QVERIFY(!html.contains(QStringLiteral("<img src=x")));
    QVERIFY(!html.contains(QStringLiteral("<script>")));
    QVERIFY(!html.contains(QStringLiteral("<b>not bold</b>")));
    QVERIFY(!html.contains(u'\u202e'));
    QVERIFY(html.contains(QStringLiteral("&lt;img src=x onerror=alert(1)&gt;")));
    QVERIFY(html.contains(QStringLiteral("incident-4711 &lt;script&gt;")));
    QVERIFY(html.contains(QStringLiteral("&lt;b&gt;not bold&lt;/b&gt;")));
    // Sources with hash and size, the query log without the key, the notes.
    QVERIFY(html.contains(sampleContext().sources.first().sha256));
    QVERIFY(html.contains(QStringLiteral("41,002 bytes")));
    QVERIFY(!html.contains(QStringLiteral("must-not-appear")));
    QVERIFY(html.contains(QStringLiteral("[redacted]")));
    QVERIFY(html.contains(QStringLiteral("Case opened after a reader")));
    QVERIFY(html.contains(QStringLiteral("NXDOMAIN")));
    // Without a QGuiApplication the picture is left out, and the report says so.
    QVERIFY(html.contains(QStringLiteral("Timeline picture left out")));
}

void TestExportFormats::testEmptyExports_data()
{
    QTest::addColumn<int>("format");
    for (const QString& name : exportFormatNames()) {
        if (name != QLatin1String("pdf"))
            QTest::newRow(qPrintable(name)) << static_cast<int>(*exportFormatFromName(name));
    }
}

// A filter that matches nothing still gives a well-formed file.
void TestExportFormats::testEmptyExports()
{
    QFETCH(int, format);
    const auto f = static_cast<ExportFormat>(format);
    ExportContext context = sampleContext();
    context.notes.clear();
    const QByteArray data = runExport(f, {}, context);
    switch (f) {
    case ExportFormat::Stix:
    case ExportFormat::Misp:
        QVERIFY(QJsonDocument::fromJson(data).isObject());
        break;
    case ExportFormat::Json:
        QCOMPARE(QJsonDocument::fromJson(data).array().size(), 0);
        break;
    case ExportFormat::GraphMl:
    case ExportFormat::Gexf: {
        QXmlStreamReader xml(data);
        while (!xml.atEnd())
            xml.readNext();
        QVERIFY(!xml.hasError());
        break;
    }
    case ExportFormat::Csv:
        QCOMPARE(parseCsv(QString::fromUtf8(data)).size(), 1);
        break;
    case ExportFormat::Cof:
        QVERIFY(data.isEmpty());
        break;
    default:
        QVERIFY(!data.isEmpty());
    }
}

QTEST_GUILESS_MAIN(TestExportFormats)
#include "TestExportFormats.moc"
