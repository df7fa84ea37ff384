#pragma once

#include "capture/packet/LiveCapture.h"
#include "ui/jobs/BackgroundJob.h"

#include <QMutex>

#include <atomic>

namespace pdnsw {

// Sniffs DNS on one interface into the case (a "live" source) until stopped: the same packet path as file
// imports, records committed every second, an optional pcapng evidence file. Stop ends it normally (the source
// is complete); Cancel also stops it and keeps what was recorded. A missing privilege fails with the engine's
// own message, which says how to grant it.
class LiveCaptureJob : public BackgroundJob
{
    Q_OBJECT
public:
    LiveCaptureJob(QString casePath, LiveCaptureSettings settings, QObject* parent = nullptr);

    void stop();
    const LiveCaptureSettings& settings() const { return m_settings; }
    // The latest figures (any thread).
    LiveCaptureProgress lastProgress() const;
    static QString progressText(const LiveCaptureProgress& p);

protected:
    bool run(QString* message) override;
    void onCancelRequested() override { m_stop = true; }

private:
    QString m_casePath;
    LiveCaptureSettings m_settings;
    std::atomic<bool> m_stop{false};
    mutable QMutex m_progressMutex;
    LiveCaptureProgress m_progress;
};

} // namespace pdnsw
