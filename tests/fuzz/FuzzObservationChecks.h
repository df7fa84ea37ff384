#pragma once

// The promises every importer and provider parser makes about what it hands to the case, checked by the fuzz
// entry points (Qt and models; the seed driver itself stays free of both).

#include "models/DomainName.h"
#include "models/Observation.h"

#include <QString>

#include <cstdio>
#include <cstdlib>

namespace pdnsw::fuzz {

// Aborts with the entry point's name, the broken invariant and what broke it: both harnesses report a crash.
[[noreturn]] inline void fail(const char* entryPoint, const char* what, const QString& detail)
{
    std::fprintf(stderr, "%s invariant broken: %s: %s\n", entryPoint, what, qPrintable(detail));
    std::abort();
}

// No C0 control character or DEL: text a table, a terminal or an export can show as it is.
inline bool printable(const QString& text)
{
    for (QChar c : text) {
        if (c.unicode() < 0x20 || c.unicode() == 0x7f)
            return false;
    }
    return true;
}

// The first broken promise of an observation, or nullptr: key fields present and printable, the rrname in the
// case's form (lower case, no empty label, no root dot), times in order, no negative count, TTLs unsigned 32-bit
// and in order.
inline const char* brokenObservationPromise(const Observation& o)
{
    if (o.rrname.isEmpty() || o.rrtype.isEmpty() || o.rdata.isEmpty())
        return "empty key field";
    if (!printable(o.rrname) || !printable(o.rrtype) || !printable(o.rdata) || !printable(o.attrs))
        return "control character in a field";
    if (o.rrname != o.rrname.toLower() || hasEmptyLabel(o.rrname) || endsWithRootDot(o.rrname))
        return "rrname not normalised";
    if (o.firstSeen && o.lastSeen && *o.firstSeen > *o.lastSeen)
        return "first seen after last seen";
    if (o.count && *o.count < 0)
        return "negative count";
    if ((o.ttlMin && (*o.ttlMin < 0 || *o.ttlMin > 0xffffffffLL))
        || (o.ttlMax && (*o.ttlMax < 0 || *o.ttlMax > 0xffffffffLL)))
        return "ttl outside 0..2^32-1";
    if (o.ttlMin && o.ttlMax && *o.ttlMin > *o.ttlMax)
        return "ttl range";
    return nullptr;
}

} // namespace pdnsw::fuzz
