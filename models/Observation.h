#pragma once

#include <QString>
#include <QtGlobal>

#include <optional>

namespace pdnsw {

// Where a record sat in the DNS answer it came from. Negative answers (NXDOMAIN, NODATA, SERVFAIL, REFUSED)
// are observations of the question, with the rcode mnemonic as rdata: that is what "the site was cleaned"
// looks like on a timeline.
enum class Section : quint8
{
    Answer = 0,
    Authority = 1,
    Additional = 2,
    Negative = 3,
};

// The protocol a captured record travelled by. Multicast DNS and LLMNR answers are kept apart from unicast DNS
// ones with the same name, type and data: a name that resolves on the local link is not a name the DNS served.
enum class Service : quint8
{
    Dns = 0, // unicast DNS, and every source that is not a capture
    Mdns = 1,
    Llmnr = 2,
};

QString sectionName(Section section);
std::optional<Section> sectionFromName(QStringView name);

// One (rrname, rrtype, rdata) seen by one source between firstSeen and lastSeen, count times.
// Times are UTC seconds since the epoch; a source that lacks one leaves it empty, never invents it.
struct Observation
{
    QString rrname; // lower-case A-label, no trailing dot
    QString rrtype; // mnemonic ("A", "CNAME", "TYPE65280" for unknown types)
    QString rdata; // canonical text; for Section::Negative the rcode mnemonic ("NXDOMAIN", "NODATA", ...)
    Section section = Section::Answer;
    Service service = Service::Dns;
    std::optional<qint64> firstSeen;
    std::optional<qint64> lastSeen;
    std::optional<qint64> count; // empty where the source has none (VirusTotal, OTX)
    std::optional<int> rcode; // DNS rcode of the message it came from (captures, logs)
    std::optional<qint64> ttlMin;
    std::optional<qint64> ttlMax;
    QString clients; // capture detail: bounded, comma-separated client addresses
    QString servers; // capture detail: bounded, comma-separated server addresses
    QString attrs; // compact JSON object of source-specific detail (bailiwick, asn, co-occurrence...)

    bool operator==(const Observation&) const = default;
};

} // namespace pdnsw
