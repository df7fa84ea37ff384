#pragma once

#include "models/export/Exporter.h"

namespace pdnsw {

// A JSON array of records (RecordJson), one object per line, streamed.
class JsonExporter : public Exporter
{
public:
    bool add(const SourcedObservation& record) override;
    bool finish() override;

protected:
    bool start() override;

private:
    QByteArray m_line; // reused for every record
};

// Passive DNS Common Output Format: one JSON object per line (NDJSON). Negative answers are left out.
class CofExporter : public Exporter
{
public:
    bool add(const SourcedObservation& record) override;
    bool finish() override { return true; }
    qint64 skippedNegative() const { return m_skipped; }

private:
    qint64 m_skipped = 0;
    QByteArray m_line; // reused for every record
};

} // namespace pdnsw
