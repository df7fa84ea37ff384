#pragma once

#include "models/SourceInfo.h"

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <QStringView>

#include <optional>

namespace pdnsw {

// The DNS log formats the importer reads. Each has a reader class (LogReader.h) and a source description.
enum class LogFormat
{
    ZeekTsv, // Zeek/Bro dns.log, ASCII writer: #separator / #fields header, tab-separated
    ZeekJson, // Zeek dns.log with LogAscii::use_json (one object per line)
    PassiveDns, // gamelinux passivedns "||" text log
    PassiveDnsJson, // gamelinux passivedns JSON log (-j / -J)
    Cof, // passive DNS Common Output Format NDJSON (CIRCL, DNSDB, dnsdbq -j), also DNSDB SAF lines
};

// "zeek", "zeek-json", "passivedns", "passivedns-json", "cof".
QString logFormatName(LogFormat format);
// Accepts the names above in any case; nullopt for anything else.
std::optional<LogFormat> logFormatFromName(QStringView name);
// Every accepted name, for --help texts and error messages.
QStringList logFormatNames();

// Guesses the format from the first bytes of a file (a few KiB are plenty; a cut-off last line is tolerated).
// nullopt when no line looks like any of the formats: the caller asks the analyst to name it.
std::optional<LogFormat> detectLogFormat(const QByteArray& head);

// The source description shared by every file of this format: kind ("zeek", "passivedns", "cof"), the format
// in parameters, time granularity "second" and time kind "sensor" (all three log what a sensor saw, to the
// second or finer). Label, path, SHA-256 and size are the caller's.
SourceInfo logSourceDefaults(LogFormat format);

} // namespace pdnsw
