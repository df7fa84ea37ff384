#pragma once

#include "models/CaseReader.h"
#include "models/export/ExportContext.h"
#include "models/export/ExportFormat.h"

#include <QIODevice>
#include <QString>
#include <QTemporaryFile>

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

    // Formats that hold every record until finish() refuse the record past this limit (0: none), with a message
    // saying what to export instead: memory would run out long before such a file were of use to anyone.
    // create() sets exportFormatRecordLimit().
    void setRecordLimit(qint64 limit) { m_recordLimit = limit; }
    qint64 recordLimit() const { return m_recordLimit; }

    // The exporter for a format, with its record limit.
    static std::unique_ptr<Exporter> create(ExportFormat format);

protected:
    virtual bool start() { return true; }
    bool write(const QByteArray& bytes);
    bool write(const QString& text) { return write(text.toUtf8()); }
    bool fail(const QString& message);
    // Counts a record; false (and failed) past the record limit.
    bool counted();
    // Streaming formats that must write something after all the records (STIX's grouping, MISP's attributes)
    // spool it to a temporary file, one line each, and write it back as the items of a JSON list: each line as
    // before + line + after, separated by `separator`. `what` names the spool in messages.
    bool spool(QTemporaryFile& file, const QByteArray& line, const QString& what);
    bool writeSpooled(QTemporaryFile& file, const QByteArray& separator, const QByteArray& before,
        const QByteArray& after, const QString& what);

    QIODevice* m_out = nullptr;
    const ExportContext* m_context = nullptr;

private:
    static std::unique_ptr<Exporter> createUnlimited(ExportFormat format);

    QString m_error;
    qint64 m_records = 0;
    qint64 m_recordLimit = 0;
};

} // namespace pdnsw
