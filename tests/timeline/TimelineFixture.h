#pragma once

// A realistic incident timeline shared by the timeline and graph suites: www.bad.example pointed at
// 198.51.100.23, then at 203.0.113.77, then went NXDOMAIN. Three sources see it: the victim's capture
// (second granularity, counts), SecurityTrails (day granularity, no counts) and VirusTotal (a single date).

#include "models/CaseReader.h"
#include "models/UtcTime.h"

#include <QList>

namespace pdnsw::fixture {

inline qint64 utc(const char* text)
{
    return *parseUtcTime(QString::fromLatin1(text));
}

inline SourcedObservation make(qint64 id, qint64 sourceId, const QString& source, const QString& kind,
    const QString& granularity, const QString& timeKind, const QString& rrname, const QString& rrtype,
    const QString& rdata, std::optional<qint64> first, std::optional<qint64> last, std::optional<qint64> count,
    Section section = Section::Answer, int chainDepth = 0)
{
    SourcedObservation s;
    s.id = id;
    s.sourceId = sourceId;
    s.sourceLabel = source;
    s.sourceKind = kind;
    s.timeGranularity = granularity;
    s.timeKind = timeKind;
    s.chainDepth = chainDepth;
    s.observation.rrname = rrname;
    s.observation.rrtype = rrtype;
    s.observation.rdata = rdata;
    s.observation.section = section;
    s.observation.firstSeen = first;
    s.observation.lastSeen = last;
    s.observation.count = count;
    return s;
}

inline const QString kName = QStringLiteral("www.bad.example");

inline SourcedObservation capture(qint64 id, const QString& rrtype, const QString& rdata, const char* first,
    const char* last, qint64 count, Section section = Section::Answer)
{
    return make(id, 1, QStringLiteral("victim.pcapng"), QStringLiteral("pcap"), QStringLiteral("second"),
        QStringLiteral("sensor"), kName, rrtype, rdata, utc(first), utc(last), count, section);
}

inline QList<SourcedObservation> incident()
{
    return {
        capture(101, QStringLiteral("A"), QStringLiteral("198.51.100.23"), "2018-01-05T08:00:00Z",
            "2018-02-10T18:00:00Z", 412),
        capture(102, QStringLiteral("A"), QStringLiteral("203.0.113.77"), "2018-02-11T09:00:00Z",
            "2018-03-01T12:00:00Z", 95),
        capture(103, QStringLiteral("A"), QStringLiteral("NXDOMAIN"), "2018-03-02T00:00:00Z", "2018-03-20T00:00:00Z",
            17, Section::Negative),
        make(201, 2, QStringLiteral("SecurityTrails"), QStringLiteral("provider:securitytrails"), QStringLiteral("day"),
            QStringLiteral("lookup"), kName, QStringLiteral("A"), QStringLiteral("198.51.100.23"),
            utc("2018-01-01T00:00:00Z"), utc("2018-02-10T23:59:59Z"), std::nullopt),
        make(202, 2, QStringLiteral("SecurityTrails"), QStringLiteral("provider:securitytrails"), QStringLiteral("day"),
            QStringLiteral("lookup"), kName, QStringLiteral("A"), QStringLiteral("203.0.113.77"),
            utc("2018-02-11T00:00:00Z"), utc("2018-03-01T23:59:59Z"), std::nullopt),
        make(301, 3, QStringLiteral("VirusTotal"), QStringLiteral("provider:virustotal"), QStringLiteral("second"),
            QStringLiteral("lookup"), kName, QStringLiteral("A"), QStringLiteral("203.0.113.77"),
            utc("2018-02-20T14:31:07Z"), utc("2018-02-20T14:31:07Z"), std::nullopt),
    };
}

// The incident plus a CNAME chain and the infrastructure around it, for the graph.
inline QList<SourcedObservation> infrastructure()
{
    QList<SourcedObservation> list = incident();
    auto dnsdb = [](qint64 id, const QString& rrname, const QString& rrtype, const QString& rdata, const char* first,
                     const char* last) {
        return make(id, 4, QStringLiteral("DNSDB"), QStringLiteral("provider:dnsdb"), QStringLiteral("second"),
            QStringLiteral("sensor"), rrname, rrtype, rdata, utc(first), utc(last), 10);
    };
    list << dnsdb(401, QStringLiteral("bad.example"), QStringLiteral("NS"), QStringLiteral("ns1.parking.example"),
        "2017-06-01T00:00:00Z", "2018-06-01T00:00:00Z")
         << dnsdb(402, QStringLiteral("bad.example"), QStringLiteral("MX"), QStringLiteral("10 mx.mail.example"),
                "2017-06-01T00:00:00Z", "2018-06-01T00:00:00Z")
         << dnsdb(403, QStringLiteral("cdn.bad.example"), QStringLiteral("CNAME"), QStringLiteral("edge.cdn.example"),
                "2018-01-01T00:00:00Z", "2018-02-01T00:00:00Z")
         << dnsdb(404, QStringLiteral("edge.cdn.example"), QStringLiteral("A"), QStringLiteral("198.51.100.23"),
                "2018-01-01T00:00:00Z", "2018-02-15T00:00:00Z")
         << dnsdb(405, QStringLiteral("shop.other.example"), QStringLiteral("A"), QStringLiteral("203.0.113.77"),
                "2018-02-01T00:00:00Z", "2018-04-01T00:00:00Z")
         << dnsdb(406, QStringLiteral("77.113.0.203.in-addr.arpa"), QStringLiteral("PTR"),
                QStringLiteral("host77.hosting.example"), "2018-01-01T00:00:00Z", "2018-12-01T00:00:00Z")
         << dnsdb(407, QStringLiteral("www.bad.example"), QStringLiteral("AAAA"), QStringLiteral("2001:db8::23"),
                "2018-01-10T00:00:00Z", "2018-02-10T00:00:00Z");
    return list;
}

} // namespace pdnsw::fixture
