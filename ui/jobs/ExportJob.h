#pragma once

#include "models/export/CaseExport.h"
#include "ui/jobs/BackgroundJob.h"

namespace pdnsw {

// One evidence export (models/export exportCase) off the GUI thread: streams the case's observations through the
// format, writes the file atomically with its manifest beside it, reports the records written and stops on Cancel
// (the output file is then not created).
class ExportJob : public BackgroundJob
{
    Q_OBJECT
public:
    explicit ExportJob(CaseExportRequest request, QObject* parent = nullptr);

    const CaseExportRequest& request() const { return m_request; }
    // Known after the job finished (GUI thread).
    const CaseExportResult& result() const { return m_result; }

protected:
    bool run(QString* message) override;

private:
    CaseExportRequest m_request;
    CaseExportResult m_result;
};

} // namespace pdnsw
