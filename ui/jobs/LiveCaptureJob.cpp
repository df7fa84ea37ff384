#include "ui/jobs/LiveCaptureJob.h"

#include "models/CaseFile.h"
#include "models/ObservationWriter.h"
#include "models/itemmodels/UntrustedText.h"

namespace pdnsw {

LiveCaptureJob::LiveCaptureJob(QString casePath, LiveCaptureSettings settings, QObject* parent)
    : BackgroundJob(tr("Capture on %1").arg(settings.interfaceName), parent)
    , m_casePath(std::move(casePath))
    , m_settings(std::move(settings))
{
}

void LiveCaptureJob::stop()
{
    m_stop = true;
}

LiveCaptureProgress LiveCaptureJob::lastProgress() const
{
    QMutexLocker lock(&m_progressMutex);
    return m_progress;
}

QString LiveCaptureJob::progressText(const LiveCaptureProgress& p)
{
    QString text = tr("%1 packets, %2 DNS messages, %3 records, %4 errors")
                       .arg(countText(p.packets), countText(p.dnsMessages), countText(p.records), countText(p.errors));
    if (p.dropped > 0)
        text += tr(", %1 dropped").arg(countText(p.dropped));
    if (p.saved > 0)
        text += tr(", %1 saved").arg(countText(p.saved));
    return text;
}

bool LiveCaptureJob::run(QString* message)
{
    CaseError caseError;
    CaseFile::Options options;
    options.runQuickCheck = false; // the window validated the case when it opened it
    auto file = CaseFile::open(m_casePath, CaseFile::Mode::OpenExisting, options, &caseError);
    if (!file) {
        *message = caseError.message;
        return false;
    }
    LiveCaptureSession session(m_settings);
    QString error;
    reportProgress(0, 0, tr("opening %1").arg(m_settings.interfaceName), true);
    if (!session.open(&error)) {
        *message = error;
        return false;
    }
    ObservationWriter writer(*file);
    const bool ok = session.runIntoCase(
        writer, m_stop,
        [this](const LiveCaptureProgress& p) {
            {
                QMutexLocker lock(&m_progressMutex);
                m_progress = p;
            }
            reportProgress(p.packets, 0, progressText(p));
        },
        &error);
    const LiveCaptureProgress last = lastProgress();
    reportProgress(last.packets, 0, progressText(last), true);
    if (!ok) {
        *message = error;
        return false;
    }
    *message = tr("stopped after %1 s: %2").arg(last.elapsedSeconds, 0, 'f', 1).arg(progressText(last));
    if (!m_settings.savePath.isEmpty())
        *message += tr("; evidence in %1").arg(m_settings.savePath);
    if (const QString skipped = skippedLocalLinkSummary(session.stats()); !skipped.isEmpty())
        *message += tr("; %1 (tick mDNS / LLMNR beside Ports to record them)").arg(skipped);
    return true;
}

} // namespace pdnsw
