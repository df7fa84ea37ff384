#pragma once

#include "models/export/Exporter.h"

namespace pdnsw {

// RFC 4180 CSV (CRLF, quoted where needed). A cell starting with = + - @ (or a tab / CR) gets a leading
// apostrophe, so a spreadsheet shows the text instead of running it as a formula (CSV injection).
class CsvExporter : public Exporter
{
public:
    bool add(const SourcedObservation& record) override;
    bool finish() override { return true; }

    static QStringList columns();
    static QString cell(const QString& value); // guarded and quoted
    static void appendCell(QString& line, QStringView value);

protected:
    bool start() override;

private:
    QString m_line;
};

} // namespace pdnsw
