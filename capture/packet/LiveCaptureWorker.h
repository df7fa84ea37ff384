#pragma once

#include "capture/packet/LiveCapture.h"

#include <QMetaType>
#include <QObject>
#include <QString>

#include <atomic>

class QThread;

namespace pdnsw {

// A live capture the GUI can drive: start() opens the interface and a case connection of its own on a thread of
// its own and captures into a new "live" source until stop(), the duration, or an error. Everything it has to
// say arrives as signals (queued to the receiver's thread): started once the interface is open, progress about
// every flush interval (packets, DNS messages, records, errors, drops), then exactly one of finished or failed.
// Records reach the case at every flush, committed, so other connections see them while the capture runs.
class LiveCaptureWorker : public QObject
{
    Q_OBJECT
public:
    LiveCaptureWorker(QString casePath, LiveCaptureSettings settings, QObject* parent = nullptr);
    // Stops the capture and waits for its thread: a worker never outlives its owner.
    ~LiveCaptureWorker() override;

    void start();
    // Asks the capture to stop; what was captured is committed, then finished() follows.
    void stop();
    bool isRunning() const;
    // Waits up to `ms` for the thread to end (tests, shutdown). True when it has ended.
    bool wait(int ms);

    const LiveCaptureSettings& settings() const { return m_settings; }

signals:
    void started(const QString& interfaceName, int linkType);
    void progress(const pdnsw::LiveCaptureProgress& progress);
    // The source is complete; `statsJson` is what the case stores with it.
    void finished(qint64 sourceId, const QString& statsJson);
    // Nothing was captured (could not open the interface or the case), or the capture stopped on an error; the
    // message says what to do (privilege, interface name, filter syntax, disk).
    void failed(const QString& message);

private:
    void run();

    QString m_casePath;
    LiveCaptureSettings m_settings;
    QThread* m_thread = nullptr;
    std::atomic<bool> m_stop{false};
};

} // namespace pdnsw

Q_DECLARE_METATYPE(pdnsw::LiveCaptureProgress)
