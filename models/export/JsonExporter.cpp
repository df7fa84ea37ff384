#include "models/export/JsonExporter.h"

#include "models/export/RecordJson.h"

namespace pdnsw {

bool JsonExporter::start()
{
    return write(QByteArrayLiteral("["));
}

bool JsonExporter::add(const SourcedObservation& record)
{
    m_line.resize(0); // keeps the capacity (clear() would free it)
    m_line += recordCount() == 0 ? "\n" : ",\n";
    appendRecordJson(m_line, record, *m_context);
    counted();
    return write(m_line);
}

bool JsonExporter::finish()
{
    return write(QByteArrayLiteral("\n]\n"));
}

bool CofExporter::add(const SourcedObservation& record)
{
    m_line.resize(0); // keeps the capacity (clear() would free it)
    if (!appendRecordCof(m_line, record, *m_context)) {
        ++m_skipped;
        return true;
    }
    m_line += '\n';
    counted();
    return write(m_line);
}

} // namespace pdnsw
