#include "models/sandbox/OverrideFormat.h"

#include <array>

namespace pdnsw {

namespace {

struct FormatName
{
    OverrideFormat format;
    const char* name;
};

constexpr std::array kFormats{
    FormatName{OverrideFormat::Hosts, "hosts"},
    FormatName{OverrideFormat::Windows, "windows"},
    FormatName{OverrideFormat::Dnsmasq, "dnsmasq"},
    FormatName{OverrideFormat::Unbound, "unbound"},
    FormatName{OverrideFormat::Inetsim, "inetsim"},
};

} // namespace

QString overrideFormatName(OverrideFormat format)
{
    for (const FormatName& f : kFormats) {
        if (f.format == format)
            return QString::fromLatin1(f.name);
    }
    return {};
}

std::optional<OverrideFormat> overrideFormatFromName(QStringView name)
{
    for (const FormatName& f : kFormats) {
        if (name.compare(QLatin1String(f.name), Qt::CaseInsensitive) == 0)
            return f.format;
    }
    return std::nullopt;
}

QStringList overrideFormatNames()
{
    QStringList names;
    for (const FormatName& f : kFormats)
        names.append(QString::fromLatin1(f.name));
    return names;
}

QString overrideLineEnding(OverrideFormat format)
{
    return format == OverrideFormat::Windows ? QStringLiteral("\r\n") : QStringLiteral("\n");
}

} // namespace pdnsw
