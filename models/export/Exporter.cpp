#include "models/export/Exporter.h"

#include "models/export/CsvExporter.h"
#include "models/export/GraphExporters.h"
#include "models/export/JsonExporter.h"
#include "models/export/MispExporter.h"
#include "models/export/ReportExporter.h"
#include "models/export/StixExporter.h"

#include <QDir>

namespace pdnsw {

namespace {

// Large STIX/MISP exports spool gigabytes there: say where, and how to move it.
QString tempAdvice()
{
    return QStringLiteral("; free space in %1, or set TMPDIR to a disk with room, and export again")
        .arg(QDir::tempPath());
}

} // namespace

bool Exporter::begin(QIODevice* out, const ExportContext& context)
{
    m_out = out;
    m_context = &context;
    m_error.clear();
    m_records = 0;
    return start();
}

bool Exporter::write(const QByteArray& bytes)
{
    if (!m_error.isEmpty())
        return false;
    if (m_out->write(bytes) != bytes.size())
        return fail(QStringLiteral("write failed: %1").arg(m_out->errorString()));
    return true;
}

bool Exporter::fail(const QString& message)
{
    if (m_error.isEmpty())
        m_error = message;
    return false;
}

bool Exporter::spool(QTemporaryFile& file, const QByteArray& line, const QString& what)
{
    if (!file.isOpen() && !file.open())
        return fail(QStringLiteral("cannot create a temporary file for the %1: %2%3")
                        .arg(what, file.errorString(), tempAdvice()));
    // Written as it is, then the newline: no copy of every spooled line (millions in a whole-case export).
    if (file.write(line) != line.size() || !file.putChar('\n'))
        return fail(QStringLiteral("cannot write the temporary file for the %1: %2%3")
                        .arg(what, file.errorString(), tempAdvice()));
    return true;
}

bool Exporter::writeSpooled(QTemporaryFile& file, const QByteArray& separator, const QByteArray& before,
    const QByteArray& after, const QString& what)
{
    if (!file.isOpen())
        return true; // nothing was spooled
    if (!file.flush() || !file.seek(0))
        return fail(QStringLiteral("cannot read back the temporary file for the %1: %2%3")
                        .arg(what, file.errorString(), tempAdvice()));
    bool first = true;
    while (!file.atEnd()) {
        QByteArray line = file.readLine();
        if (line.endsWith('\n'))
            line.chop(1);
        if (line.isEmpty())
            continue;
        if (!write((first ? QByteArray() : separator) + before + line + after))
            return false;
        first = false;
    }
    return true;
}

bool Exporter::counted()
{
    ++m_records;
    if (m_recordLimit <= 0 || m_records <= m_recordLimit)
        return true;
    return fail(QStringLiteral("this format holds every record in memory and stops at %1 records; export a "
                               "selection (names, a time range or sources), or use csv, json, cof, stix or misp, "
                               "which stream any number of records")
                    .arg(m_recordLimit));
}

std::unique_ptr<Exporter> Exporter::create(ExportFormat format)
{
    std::unique_ptr<Exporter> exporter = createUnlimited(format);
    if (exporter)
        exporter->setRecordLimit(exportFormatRecordLimit(format));
    return exporter;
}

std::unique_ptr<Exporter> Exporter::createUnlimited(ExportFormat format)
{
    switch (format) {
    case ExportFormat::Stix:
        return std::make_unique<StixExporter>();
    case ExportFormat::Misp:
        return std::make_unique<MispExporter>();
    case ExportFormat::Csv:
        return std::make_unique<CsvExporter>();
    case ExportFormat::Json:
        return std::make_unique<JsonExporter>();
    case ExportFormat::Cof:
        return std::make_unique<CofExporter>();
    case ExportFormat::GraphMl:
        return std::make_unique<GraphMlExporter>();
    case ExportFormat::Gexf:
        return std::make_unique<GexfExporter>();
    case ExportFormat::Dot:
        return std::make_unique<DotExporter>();
    case ExportFormat::Html:
        return std::make_unique<ReportExporter>(ReportExporter::Output::Html);
    case ExportFormat::Pdf:
        return std::make_unique<ReportExporter>(ReportExporter::Output::Pdf);
    }
    return nullptr;
}

} // namespace pdnsw
