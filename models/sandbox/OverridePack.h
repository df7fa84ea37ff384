#pragma once

#include "models/sandbox/OverrideFormat.h"
#include "models/sandbox/OverrideParser.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace pdnsw {

// One pin asked for: name -> address. Both are validated by the generator; comment goes on a comment line.
struct OverrideEntry
{
    QString name;
    QString address;
    QString comment; // e.g. "via cdn.bad.example, seen 2018-01-05..2018-02-10 by capture.pcap"
};

struct OverrideHeader
{
    QString caseId;
    QString caseTitle;
    QString asOf; // "2018-02-01T00:00:00Z" or a description of the default choice
    QStringList sources; // labels; empty = every source of the case
    qint64 generatedAt = 0;
};

struct OverrideRejection
{
    QString name;
    QString address;
    QString reason;
};

// A generated override file: header comment (case, T, sources, generation time, SHA-256 of the body) and body.
struct OverridePack
{
    OverrideFormat format = OverrideFormat::Hosts;
    QString text; // header + body, in the format's line endings; empty when error is set
    QString body; // the part after the header, which bodySha256 covers (UTF-8 bytes)
    QString bodySha256; // hex
    QList<AddressName> pairs; // what the file pins, in file order
    QStringList subdomainNames;
    QList<OverrideRejection> rejected; // entries refused, with the reason
    QStringList warnings; // entries the format cannot express (IPv6 in INetSim, subdomains in hosts)
    QString error; // the re-parse check failed: nothing is handed out

    bool ok() const { return error.isEmpty(); }
};

// Builds the override. Every name passes sandboxHostName and every address sandboxAddress before it is written;
// refused entries land in rejected. The finished text is parsed back with parseOverride and must yield exactly
// the intended (address, name) set with no problem, else error is set and text is empty. With subdomains,
// dnsmasq uses address=/name/ip and unbound a redirect zone; hosts files and INetSim cannot, and say so in
// warnings.
OverridePack generateOverride(
    const QList<OverrideEntry>& entries, const OverrideHeader& header, OverrideFormat format, bool subdomains = false);

} // namespace pdnsw
