#pragma once

#include "models/CaseError.h"
#include "models/CaseFile.h"
#include "models/NotesStore.h"
#include "models/Observation.h"
#include "models/ObservationWriter.h"
#include "models/ProviderQueryLog.h"
#include "models/SourceInfo.h"
#include "models/UtcTime.h"

#include <QList>
#include <QString>

namespace pdnsw::testing {

inline qint64 t(const char* iso)
{
    return parseUtcTime(QString::fromLatin1(iso)).value();
}

inline Observation obs(const char* name, const char* type, const QString& rdata, const char* first, const char* last,
    std::optional<qint64> count, Section section = Section::Answer)
{
    Observation o;
    o.rrname = QString::fromLatin1(name);
    o.rrtype = QString::fromLatin1(type);
    o.rdata = rdata;
    o.section = section;
    if (first)
        o.firstSeen = t(first);
    if (last)
        o.lastSeen = t(last);
    o.count = count;
    return o;
}

inline bool writeSource(
    CaseFile& file, SourceInfo info, const QList<Observation>& observations, QString* message = nullptr)
{
    ObservationWriter writer(file);
    CaseError error;
    if (writer.beginSource(info, &error) != ObservationWriter::Begin::Started) {
        if (message)
            *message = error.message;
        return false;
    }
    for (const Observation& o : observations)
        writer.addObservation(o);
    if (!writer.finish(true, QStringLiteral("{\"packets\":41002,\"dnsMessages\":812,\"errors\":0}"), &error)) {
        if (message)
            *message = error.message;
        return false;
    }
    return true;
}

inline SourceInfo source(const char* kind, const char* label, const char* granularity = "second", const char* sha = "")
{
    SourceInfo s;
    s.kind = QString::fromLatin1(kind);
    s.label = QString::fromLatin1(label);
    s.path = s.label;
    s.timeGranularity = QString::fromLatin1(granularity);
    s.sha256 = QString::fromLatin1(sha);
    s.size = s.sha256.isEmpty() ? -1 : 4096;
    s.importedAt = t("2024-01-01T00:00:00Z");
    return s;
}

// The investigation of DESIGN.md in miniature: www.bad.example pointed at 198.51.100.23, then at 203.0.113.77
// (through cdn.bad.example for a while), then went NXDOMAIN; seen by a capture and by two provider sources,
// one of them day-granular, plus one note, two tags and one provider query.
inline bool buildInvestigationCase(const QString& path, QString* message)
{
    CaseError error;
    auto file = CaseFile::open(path, CaseFile::Mode::CreateIfMissing, &error);
    if (!file) {
        *message = error.message;
        return false;
    }
    const QString sha = QStringLiteral("3f1c9a0e5b7d2c4f6a8e0b1d3c5f7a9e2b4d6f8a0c1e3b5d7f9a2c4e6b8d0f1a");
    if (!writeSource(*file, source("pcap", "dns_victim.pcapng", "second", sha.toLatin1().constData()),
            {obs("www.bad.example", "A", QStringLiteral("198.51.100.23"), "2018-01-05T08:00:00Z",
                 "2018-02-10T17:30:00Z", 212),
                obs("www.bad.example", "A", QStringLiteral("NXDOMAIN"), "2018-03-02T09:00:00Z", "2018-03-20T10:00:00Z",
                    14, Section::Negative),
                obs("mail.bad.example", "MX", QStringLiteral("10 mx.bad.example"), "2018-01-05T08:00:00Z",
                    "2018-01-05T08:00:00Z", 1),
                obs("bad.example", "NS", QStringLiteral("ns1.hoster.example"), "2018-01-05T08:00:00Z",
                    "2018-01-06T08:00:00Z", 3, Section::Authority)},
            message))
        return false;
    if (!writeSource(*file, source("provider:dnsdb", "DNSDB"),
            {obs("www.bad.example", "A", QStringLiteral("198.51.100.23"), "2018-01-07T00:00:00Z",
                 "2018-02-09T00:00:00Z", 40),
                obs("www.bad.example", "CNAME", QStringLiteral("cdn.bad.example"), "2018-02-11T00:00:00Z",
                    "2018-02-27T00:00:00Z", 9),
                obs("cdn.bad.example", "A", QStringLiteral("203.0.113.77"), "2018-02-11T00:00:00Z",
                    "2018-02-27T00:00:00Z", 9)},
            message))
        return false;
    if (!writeSource(*file, source("provider:virustotal", "VirusTotal", "day"),
            {obs("www.bad.example", "A", QStringLiteral("203.0.113.77"), "2018-02-11T00:00:00Z", "2018-02-11T00:00:00Z",
                std::nullopt)},
            message))
        return false;
    NotesStore notes(*file);
    if (notes.addNote(QStringLiteral("www.bad.example"),
            QStringLiteral("Pushed malicious JavaScript.\nReported by a reader."), &error)
            <= 0
        || !notes.addTag(QStringLiteral("www.bad.example"), QStringLiteral("malicious"), &error)
        || !notes.addTag(QStringLiteral("www.bad.example"), QStringLiteral("js-injection"), &error)) {
        *message = error.message;
        return false;
    }
    ProviderQueryLog log(*file);
    ProviderQueryRecord q;
    q.provider = QStringLiteral("dnsdb");
    q.question = QStringLiteral("www.bad.example");
    q.parameters = QStringLiteral("{\"limit\":100}");
    q.startedAt = t("2024-01-02T10:00:00Z");
    q.id = log.begin(q, &error);
    q.finishedAt = q.startedAt + 2;
    q.httpStatus = 200;
    q.pages = 1;
    q.recordCount = 3;
    if (q.id <= 0 || !log.finish(q, &error)) {
        *message = error.message;
        return false;
    }
    return true;
}

// Names, rdata, labels and notes that try every trick on a Qt view: markup, links, images, bidi overrides,
// control characters, a very long value.
inline QStringList hostileStrings()
{
    return {QStringLiteral("<b>bold</b>.example"), QStringLiteral("<img src=file:///etc/passwd>"),
        QStringLiteral("<a href=https://evil.example>click</a>"), QStringLiteral("&lt;escaped&gt;"),
        QStringLiteral("evil\u202Eelpmaxe.com"), QStringLiteral("a\nb.example"),
        QStringLiteral("<font color=green>CLEAN</font>"), QString(100000, u'x')};
}

inline bool buildHostileCase(const QString& path, QString* message)
{
    CaseError error;
    auto file = CaseFile::open(path, CaseFile::Mode::CreateIfMissing, &error);
    if (!file) {
        *message = error.message;
        return false;
    }
    QList<Observation> observations;
    for (const QString& s : hostileStrings()) {
        Observation o = obs("x", "TXT", s, "2020-01-01T00:00:00Z", "2020-01-02T00:00:00Z", 1);
        o.rrname = s.left(300).toLower();
        o.clients = s.left(300);
        observations.append(o);
        Observation pointer
            = obs("victim.example", "CNAME", s.left(300).toLower(), "2020-01-01T00:00:00Z", "2020-01-02T00:00:00Z", 2);
        observations.append(pointer);
    }
    SourceInfo src = source("pcap", "<b>sensor</b>\u202E.pcap");
    if (!writeSource(*file, src, observations, message))
        return false;
    NotesStore notes(*file);
    if (notes.addNote(QStringLiteral("<b>bold</b>.example"), QStringLiteral("<a href=https://x>y</a>"), &error) <= 0) {
        *message = error.message;
        return false;
    }
    return true;
}

} // namespace pdnsw::testing
