#pragma once

#include "models/sandbox/OverrideFormat.h"

#include <QPair>
#include <QSet>
#include <QString>
#include <QStringList>

namespace pdnsw {

// (address, name): one pinning a file makes.
using AddressName = QPair<QString, QString>;

struct ParsedOverride
{
    QSet<AddressName> pairs;
    QSet<QString> subdomainNames; // names pinned with all their subdomains (dnsmasq address=, unbound redirect)
    QStringList problems; // "line 4: ..." for every line that is not a well-formed entry or comment
};

// Reads a sandbox override back the way its consumer would (hosts(5) fields and '#' comments, dnsmasq and
// unbound directives, INetSim dns_static) and strictly: every name and address must already be in canonical
// form, so anything a generator could have let through unescaped shows up as a problem. The generator runs
// this over its own output before handing it out.
ParsedOverride parseOverride(const QString& text, OverrideFormat format);

} // namespace pdnsw
