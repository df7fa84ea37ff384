#pragma once

#include <QString>
#include <QStringList>
#include <QStringView>

#include <optional>

namespace pdnsw {

enum class ExportFormat
{
    Stix, // STIX 2.1 bundle (JSON)
    Misp, // MISP event (JSON)
    Csv, // RFC 4180, formula-injection guarded
    Json, // array of records with source labels
    Cof, // passive DNS Common Output Format, NDJSON
    GraphMl, // GraphML (yEd labels included)
    Gexf, // GEXF 1.2 for Gephi, dynamic
    Dot, // Graphviz
    Html, // report
    Pdf, // report (needs a QGuiApplication for fonts)
};

QString exportFormatName(ExportFormat format);
std::optional<ExportFormat> exportFormatFromName(QStringView name);
QStringList exportFormatNames();
QString exportFormatExtension(ExportFormat format); // "json", "csv", "graphml", ... without the dot
QString exportFormatMimeType(ExportFormat format);
bool exportFormatIsBinary(ExportFormat format); // pdf: never to a terminal
bool exportFormatNeedsGuiApplication(ExportFormat format); // the report draws text (fonts need QGuiApplication)

} // namespace pdnsw
