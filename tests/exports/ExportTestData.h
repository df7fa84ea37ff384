#pragma once

// Small builders for the exports suites: records and sources as CaseReader returns them.
#include "models/CaseReader.h"
#include "models/UtcTime.h"

namespace pdnsw::testdata {

inline qint64 t(const char* iso)
{
    return *parseUtcTime(QString::fromLatin1(iso));
}

inline SourcedObservation record(qint64 sourceId, const QString& label, const QString& rrname, const QString& rrtype,
    const QString& rdata, std::optional<qint64> first, std::optional<qint64> last,
    std::optional<qint64> count = std::nullopt, Section section = Section::Answer)
{
    SourcedObservation r;
    r.id = 0;
    r.sourceId = sourceId;
    r.sourceLabel = label;
    r.sourceKind = QStringLiteral("pcap");
    r.timeGranularity = QStringLiteral("second");
    r.timeKind = QStringLiteral("sensor");
    r.observation.rrname = rrname;
    r.observation.rrtype = rrtype;
    r.observation.rdata = rdata;
    r.observation.section = section;
    r.observation.firstSeen = first;
    r.observation.lastSeen = last;
    r.observation.count = count;
    return r;
}

inline SourcedObservation negative(
    qint64 sourceId, const QString& label, const QString& rrname, const QString& rcode, qint64 first, qint64 last)
{
    return record(sourceId, label, rrname, QStringLiteral("A"), rcode, first, last, 1, Section::Negative);
}

} // namespace pdnsw::testdata

#include "models/export/ExportContext.h"

namespace pdnsw::testdata {

// A hostile name as a capture could carry it: quotes, backslash, markup, a line break, bidi override.
inline QString hostileName()
{
    return QStringLiteral("x\"y\\z<img src=x onerror=alert(1)>\n\u202e.evil.example");
}

// The cleaned-site story plus awkward content, from two file sources and one provider.
inline QList<SourcedObservation> sampleRecords()
{
    const QString www = QStringLiteral("www.bad.example");
    const QString cdn = QStringLiteral("cdn.bad.example");
    QList<SourcedObservation> records{
        record(1, QStringLiteral("dns_victim.pcapng"), www, QStringLiteral("CNAME"), cdn, t("2018-01-05"),
            t("2018-02-10"), 40),
        record(1, QStringLiteral("dns_victim.pcapng"), cdn, QStringLiteral("A"), QStringLiteral("198.51.100.23"),
            t("2018-01-05"), t("2018-02-10"), 40),
        record(2, QStringLiteral("DNSDB"), www, QStringLiteral("A"), QStringLiteral("203.0.113.77"), t("2018-02-11"),
            t("2018-03-20"), 12),
        record(2, QStringLiteral("DNSDB"), www, QStringLiteral("AAAA"), QStringLiteral("2001:db8::77"), t("2018-02-11"),
            t("2018-02-11"), 1),
        record(3, QStringLiteral("VirusTotal"), www, QStringLiteral("A"), QStringLiteral("203.0.113.77"), std::nullopt,
            std::nullopt),
        negative(
            1, QStringLiteral("dns_victim.pcapng"), www, QStringLiteral("NXDOMAIN"), t("2018-04-01"), t("2018-04-30")),
        record(1, QStringLiteral("dns_victim.pcapng"), QStringLiteral("xn--bcher-kva.de"), QStringLiteral("TXT"),
            QStringLiteral("=cmd|' /C calc'!A0"), t("2018-01-07"), t("2018-01-07"), 1),
        record(1, QStringLiteral("dns_victim.pcapng"), QStringLiteral("xn--bcher-kva.de"), QStringLiteral("MX"),
            QStringLiteral("10 mail.bad.example"), t("2018-01-07"), t("2018-01-08"), 2),
        record(1, QStringLiteral("dns_victim.pcapng"), hostileName(), QStringLiteral("A"), QStringLiteral("192.0.2.66"),
            t("2018-01-09"), t("2018-01-10"), 3),
        record(1, QStringLiteral("dns_victim.pcapng"), QStringLiteral("csv.example"), QStringLiteral("TXT"),
            QStringLiteral("a,b \"quoted\"\r\nsecond line"), t("2018-01-09"), t("2018-01-09"), 1),
    };
    for (qsizetype i = 0; i < records.size(); ++i)
        records[i].id = i + 1;
    records[2].sourceKind = QStringLiteral("provider:dnsdb");
    records[3].sourceKind = QStringLiteral("provider:dnsdb");
    records[4].sourceKind = QStringLiteral("provider:virustotal");
    records[4].timeGranularity = QStringLiteral("none");
    return records;
}

inline ExportContext sampleContext()
{
    ExportContext c;
    c.caseId = QStringLiteral("0b9d7a52-5c1e-4b7e-9a57-2f0e6a0c4711");
    c.caseTitle = QStringLiteral("incident-4711 <script>");
    c.exportTime = t("2024-05-01T12:00:00Z");
    c.toolVersion = QStringLiteral("0.1.0");
    SourceInfo capture;
    capture.id = 1;
    capture.kind = QStringLiteral("pcap");
    capture.label = QStringLiteral("dns_victim.pcapng");
    capture.sha256 = QStringLiteral("3f1c9a9e1e5b0d6cf0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f607");
    capture.size = 41002;
    capture.importedAt = t("2024-04-30T08:00:00Z");
    capture.state = QStringLiteral("complete");
    SourceInfo dnsdb;
    dnsdb.id = 2;
    dnsdb.kind = QStringLiteral("provider:dnsdb");
    dnsdb.label = QStringLiteral("DNSDB");
    dnsdb.path = QStringLiteral("https://api.dnsdb.info");
    dnsdb.importedAt = t("2024-04-30T09:00:00Z");
    dnsdb.state = QStringLiteral("complete");
    SourceInfo vt = dnsdb;
    vt.id = 3;
    vt.kind = QStringLiteral("provider:virustotal");
    vt.label = QStringLiteral("VirusTotal");
    vt.path = QStringLiteral("https://www.virustotal.com");
    c.sources = {capture, dnsdb, vt};
    c.notes = {
        Note{1, QStringLiteral("www.bad.example"), QStringLiteral("Reader report: JS injected\n<b>not bold</b>"),
            t("2024-04-30T10:00:00Z"), t("2024-04-30T11:00:00Z")},
        Note{2, QString(), QStringLiteral("Case opened after a reader's report."), t("2024-04-30T07:00:00Z"),
            t("2024-04-30T07:00:00Z")},
    };
    ProviderQueryRecord q;
    q.id = 1;
    q.provider = QStringLiteral("dnsdb");
    q.question = QStringLiteral("www.bad.example");
    q.parameters = QStringLiteral("{\"rrtype\":\"ANY\",\"api_key\":\"must-not-appear\"}");
    q.startedAt = t("2024-04-30T09:00:00Z");
    q.finishedAt = t("2024-04-30T09:00:02Z");
    q.httpStatus = 200;
    q.pages = 1;
    q.recordCount = 2;
    c.queries = {q};
    c.counts.observations = 10;
    c.counts.names = 5;
    c.counts.sources = 3;
    return c;
}

} // namespace pdnsw::testdata
