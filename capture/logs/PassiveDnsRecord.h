#pragma once

#include "capture/logs/LogReader.h"

#include <QString>

#include <optional>

namespace pdnsw {

// One gamelinux passivedns log entry (text or JSON). passivedns prints a record when it is first seen and
// again at most once per print interval (24 h by default) with the last-seen time of the packet, the highest
// TTL seen and how often it was seen since the previous print. Error replies (NXDOMAIN and friends, when
// enabled with -X) print the question's type, the rcode mnemonic as answer, TTL 0 and count 1.
struct PassiveDnsRecord
{
    qint64 time = 0;
    QString client;
    QString server;
    QString rrClass;
    QString query;
    QString type;
    QString answer;
    std::optional<qint64> ttl;
    std::optional<qint64> count; // empty in the 8-field logs of passivedns before 1.0
};

// Maps a record to one observation; bad fields are reported for the line and make it Rejected.
LineOutcome emitPassiveDnsRecord(const PassiveDnsRecord& record, qint64 lineNumber, ObservationSink& sink);

// The rcode of an error answer as passivedns writes it ("NXDOMAIN", "NOTIMPL", "UNKNOWN-ERROR-12"), if it is one.
std::optional<int> passiveDnsErrorRcode(QStringView answer);

} // namespace pdnsw
