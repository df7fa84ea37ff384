#include "models/export/JsonExporter.h"

#include "models/export/RecordJson.h"

#include <QJsonDocument>

namespace pdnsw {

bool JsonExporter::start()
{
    return write(QByteArrayLiteral("["));
}

bool JsonExporter::add(const SourcedObservation& record)
{
    const QByteArray json = QJsonDocument(recordToJson(record, *m_context)).toJson(QJsonDocument::Compact);
    const bool first = recordCount() == 0;
    counted();
    return write((first ? QByteArrayLiteral("\n") : QByteArrayLiteral(",\n")) + json);
}

bool JsonExporter::finish()
{
    return write(QByteArrayLiteral("\n]\n"));
}

bool CofExporter::add(const SourcedObservation& record)
{
    const QJsonObject cof = recordToCof(record, *m_context);
    if (cof.isEmpty()) {
        ++m_skipped;
        return true;
    }
    counted();
    return write(QJsonDocument(cof).toJson(QJsonDocument::Compact) + '\n');
}

} // namespace pdnsw
