#pragma once

#include <QString>
#include <QStringList>
#include <QStringView>

#include <optional>

namespace pdnsw {

// The files a sandbox reads to pin names to addresses.
enum class OverrideFormat
{
    Hosts, // Linux/macOS /etc/hosts: LF, one name per line
    Windows, // %SystemRoot%\System32\drivers\etc\hosts: CRLF, at most 8 names per line
    Dnsmasq, // host-record= for exact names; address=/name/ip when subdomains are asked for
    Unbound, // server: local-data / local-data-ptr (local-zone redirect for subdomains)
    Inetsim, // inetsim.conf dns_static lines (IPv4 only)
};

QString overrideFormatName(OverrideFormat format);
std::optional<OverrideFormat> overrideFormatFromName(QStringView name);
QStringList overrideFormatNames();
// "\r\n" for Windows, "\n" otherwise.
QString overrideLineEnding(OverrideFormat format);

} // namespace pdnsw
