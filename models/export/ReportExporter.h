#pragma once

#include "models/export/Exporter.h"

#include <QImage>

namespace pdnsw {

// The evidence report, as HTML or PDF (QTextDocument + QPdfWriter, no browser): case summary, the timeline
// picture, a per-name timeline table, the sandbox override produced, the sources with SHA-256 and size, the
// provider query log and the notes. Every string from the case is HTML-escaped with control and bidi characters
// made visible. The PDF (and the HTML's picture) need a QGuiApplication for fonts; without one the PDF fails
// with a clear error and the HTML leaves the picture out.
class ReportExporter : public Exporter
{
public:
    enum class Output
    {
        Html,
        Pdf
    };

    explicit ReportExporter(Output output)
        : m_output(output)
    {
    }

    bool add(const SourcedObservation& record) override
    {
        if (!counted())
            return false;
        m_records.append(record);
        return true;
    }
    bool finish() override;

    static constexpr int kMaxTableRows = 5000;

    // The report as HTML; imageSource is the <img src> of the picture (a data: URL or a document resource name).
    QString html(const QString& imageSource, const QString& pictureNote) const;

private:
    Output m_output;
    QList<SourcedObservation> m_records;
};

} // namespace pdnsw
