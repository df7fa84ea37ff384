#pragma once

#include "ui/jobs/LiveCaptureJob.h"

#include "capture/packet/CaptureOptions.h"

#include <QPointer>
#include <QWidget>

#include <optional>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace pdnsw {

class JobManager;
class LiveCaptureJob;

// The live half of the Capture / Import dock: an interface (with its addresses), a BPF filter, the DNS ports
// and the mDNS / LLMNR boxes (file imports use them too), an optional pcapng evidence file, Start/Stop and the running
// figures (packets, DNS messages, records, errors, elapsed). The capture itself is a LiveCaptureJob in the window's job
// list.
class LiveCaptureBar : public QWidget
{
    Q_OBJECT
public:
    LiveCaptureBar(JobManager* jobs, QWidget* parent = nullptr);

    void setCase(const QString& path);
    // Lists the interfaces again (off the GUI thread); interfacesLoaded follows.
    void reloadInterfaces();
    bool start();
    void stop();
    bool isCapturing() const { return m_job != nullptr; }
    // What the packet path decodes, for live captures and for captures imported from files alike: the ports
    // field and the mDNS / LLMNR boxes. Nothing, with `error` set, when the ports do not parse.
    std::optional<CaptureOptions> captureOptions(QString* error) const;

    QComboBox* interfaceCombo() const { return m_interface; }
    QLineEdit* filterEdit() const { return m_filter; }
    QLineEdit* portsEdit() const { return m_ports; }
    QCheckBox* mdnsCheckBox() const { return m_mdns; }
    QCheckBox* llmnrCheckBox() const { return m_llmnr; }
    QCheckBox* saveCheckBox() const { return m_save; }
    QLineEdit* savePathEdit() const { return m_savePath; }
    QPushButton* startButton() const { return m_start; }
    QPushButton* stopButton() const { return m_stop; }
    QLabel* statusLabel() const { return m_status; }
    LiveCaptureJob* job() const { return m_job; }

signals:
    void interfacesLoaded();
    void captureFinished();

private:
    void updateButtons();
    void chooseSavePath();

    JobManager* m_jobs;
    QString m_casePath;
    QComboBox* m_interface;
    QPushButton* m_reload;
    QLineEdit* m_filter;
    QLineEdit* m_ports;
    QCheckBox* m_mdns;
    QCheckBox* m_llmnr;
    QCheckBox* m_save;
    QLineEdit* m_savePath;
    QPushButton* m_browse;
    QPushButton* m_start;
    QPushButton* m_stop;
    QLabel* m_status;
    QPointer<LiveCaptureJob> m_job;
};

} // namespace pdnsw
