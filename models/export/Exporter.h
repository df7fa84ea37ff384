#pragma once

#include "models/CaseReader.h"
#include "models/export/ExportContext.h"
#include "models/export/ExportFormat.h"

#include <QIODevice>
#include <QString>

#include <memory>

namespace pdnsw {

// One export format. begin() once, add() per observation (in any order), finish() once; each returns false on
// a write error (errorString() says why). Formats that must see every record first (STIX, MISP, graphs,
// report) collect in add() and write in finish(); the others stream.
class Exporter
{
public:
    virtual ~Exporter() = default;

    bool begin(QIODevice* out, const ExportContext& context);
    virtual bool add(const SourcedObservation& record) = 0;
    virtual bool finish() = 0;

    QString errorString() const { return m_error; }
    qint64 recordCount() const { return m_records; }

    // The exporter for a format.
    static std::unique_ptr<Exporter> create(ExportFormat format);

protected:
    virtual bool start() { return true; }
    bool write(const QByteArray& bytes);
    bool write(const QString& text) { return write(text.toUtf8()); }
    bool fail(const QString& message);
    void counted() { ++m_records; }

    QIODevice* m_out = nullptr;
    const ExportContext* m_context = nullptr;

private:
    QString m_error;
    qint64 m_records = 0;
};

} // namespace pdnsw
