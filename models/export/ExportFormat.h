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
// The graphs and the report need every record before they write anything, so they stop at this many records
// (measured on a 10 M-row case: about 1 KB a record); 0 for the formats that stream (csv, json, cof, stix, misp).
qint64 exportFormatRecordLimit(ExportFormat format);
bool exportFormatNeedsGuiApplication(ExportFormat format); // the report draws text (fonts need QGuiApplication)

} // namespace pdnsw
