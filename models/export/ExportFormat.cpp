#include "models/export/ExportFormat.h"

#include <array>

namespace pdnsw {

namespace {

struct FormatInfo
{
    ExportFormat format;
    const char* name;
    const char* extension;
    const char* mime;
};

constexpr std::array kFormats{
    FormatInfo{ExportFormat::Stix, "stix", "stix.json", "application/stix+json;version=2.1"},
    FormatInfo{ExportFormat::Misp, "misp", "misp.json", "application/json"},
    FormatInfo{ExportFormat::Csv, "csv", "csv", "text/csv"},
    FormatInfo{ExportFormat::Json, "json", "json", "application/json"},
    FormatInfo{ExportFormat::Cof, "cof", "ndjson", "application/x-ndjson"},
    FormatInfo{ExportFormat::GraphMl, "graphml", "graphml", "application/graphml+xml"},
    FormatInfo{ExportFormat::Gexf, "gexf", "gexf", "application/gexf+xml"},
    FormatInfo{ExportFormat::Dot, "dot", "dot", "text/vnd.graphviz"},
    FormatInfo{ExportFormat::Html, "html", "html", "text/html"},
    FormatInfo{ExportFormat::Pdf, "pdf", "pdf", "application/pdf"},
};

const FormatInfo& info(ExportFormat format)
{
    for (const FormatInfo& f : kFormats) {
        if (f.format == format)
            return f;
    }
    return kFormats.front();
}

} // namespace

QString exportFormatName(ExportFormat format)
{
    return QString::fromLatin1(info(format).name);
}

std::optional<ExportFormat> exportFormatFromName(QStringView name)
{
    for (const FormatInfo& f : kFormats) {
        if (name.compare(QLatin1String(f.name), Qt::CaseInsensitive) == 0)
            return f.format;
    }
    return std::nullopt;
}

QStringList exportFormatNames()
{
    QStringList names;
    for (const FormatInfo& f : kFormats)
        names.append(QString::fromLatin1(f.name));
    return names;
}

QString exportFormatExtension(ExportFormat format)
{
    return QString::fromLatin1(info(format).extension);
}

QString exportFormatMimeType(ExportFormat format)
{
    return QString::fromLatin1(info(format).mime);
}

bool exportFormatIsBinary(ExportFormat format)
{
    return format == ExportFormat::Pdf;
}

bool exportFormatNeedsGuiApplication(ExportFormat format)
{
    return format == ExportFormat::Html || format == ExportFormat::Pdf;
}

qint64 exportFormatRecordLimit(ExportFormat format)
{
    switch (format) {
    case ExportFormat::Csv:
    case ExportFormat::Json:
    case ExportFormat::Cof:
    case ExportFormat::Stix:
    case ExportFormat::Misp:
        return 0;
    case ExportFormat::GraphMl:
    case ExportFormat::Gexf:
    case ExportFormat::Dot:
    case ExportFormat::Html:
    case ExportFormat::Pdf:
        return 1'000'000;
    }
    return 0;
}

} // namespace pdnsw
