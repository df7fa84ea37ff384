#pragma once

#include <QString>

namespace pdnsw {

// Builds the demo case of the README: www.bad.example pointed at 198.51.100.23, then at 203.0.113.77, then
// answered NXDOMAIN (the site was cleaned). A victim's capture (written as a real pcapng beside the case and
// imported through the capture engine) and two providers' answers (DNSDB SAF and VirusTotal v3 JSON, stored in
// the query log and mapped by the real provider parsers, marked as demo data) tell the story.
// Refuses to overwrite an existing file.
bool createDemoCase(const QString& casePath, QString* error);

} // namespace pdnsw
