#pragma once

#include "capture/dns/DnsMessage.h"

#include <QString>

namespace pdnsw::test {

// One line per question and record, " | " between them: "Q www.example.com A | AN www.example.com A 192.0.2.1".
// The malformed cases compare what survived decoding through it.
QString summarizeForTest(const DnsMessage& message);

} // namespace pdnsw::test
