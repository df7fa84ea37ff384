#include "ui/capture/LiveCaptureBar.h"

#include "capture/packet/LiveCapture.h"
#include "models/itemmodels/UntrustedText.h"
#include "ui/AsyncCall.h"
#include "ui/Icons.h"
#include "ui/jobs/JobManager.h"
#include "ui/jobs/LiveCaptureJob.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>

namespace pdnsw {

namespace {

struct Interfaces
{
    QList<CaptureInterface> list;
    QString error;
};

} // namespace

LiveCaptureBar::LiveCaptureBar(JobManager* jobs, QWidget* parent)
    : QWidget(parent)
    , m_jobs(jobs)
    , m_interface(new QComboBox(this))
    , m_reload(new QPushButton(icon(QStringLiteral("refresh")), QString(), this))
    , m_filter(new QLineEdit(this))
    , m_ports(new QLineEdit(QStringLiteral("53"), this))
    , m_mdns(new QCheckBox(tr("mDNS"), this))
    , m_llmnr(new QCheckBox(tr("LLMNR"), this))
    , m_save(new QCheckBox(tr("Save pcapng"), this))
    , m_savePath(new QLineEdit(this))
    , m_browse(new QPushButton(tr("\u2026"), this))
    , m_start(new QPushButton(icon(QStringLiteral("capture")), tr("Start capture"), this))
    , m_stop(new QPushButton(icon(QStringLiteral("stop")), tr("Stop"), this))
    , m_status(new QLabel(this))
{
    m_interface->setObjectName(QStringLiteral("captureInterface"));
    m_interface->setMinimumContentsLength(14);
    m_interface->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_interface->setToolTip(tr("The interface to sniff (libpcap)"));
    m_reload->setToolTip(tr("List the interfaces again"));
    m_filter->setObjectName(QStringLiteral("captureFilter"));
    m_filter->setPlaceholderText(tr("BPF filter, e.g. udp port 53 or host 10.0.0.5"));
    m_filter->setText(QSettings().value(QStringLiteral("capture/filter")).toString());
    m_filter->setClearButtonEnabled(true);
    m_ports->setObjectName(QStringLiteral("capturePorts"));
    m_ports->setToolTip(tr("Ports the packet path decodes as DNS (UDP and TCP), comma-separated; captures "
                           "imported from files use them too"));
    m_ports->setMaximumWidth(90);
    m_mdns->setObjectName(QStringLiteral("captureMdns"));
    m_mdns->setToolTip(tr("Also decode multicast DNS (UDP 5353), kept apart from DNS and labelled mdns"));
    m_llmnr->setObjectName(QStringLiteral("captureLlmnr"));
    m_llmnr->setToolTip(tr("Also decode LLMNR (UDP and TCP 5355), kept apart from DNS and labelled llmnr"));
    m_savePath->setPlaceholderText(tr("evidence file (.pcapng)"));
    m_savePath->setEnabled(false);
    m_browse->setEnabled(false);
    m_browse->setToolTip(tr("Choose the evidence file"));
    m_status->setTextFormat(Qt::PlainText);
    m_status->setForegroundRole(QPalette::PlaceholderText);
    m_status->setWordWrap(true);
    m_status->setText(tr("Live capture: pick an interface and press Start."));
    m_stop->setEnabled(false);

    // Two short rows, so the dock stays usable when it is narrow.
    auto* what = new QHBoxLayout;
    what->setContentsMargins(0, 0, 0, 0);
    what->addWidget(new QLabel(tr("Interface"), this));
    what->addWidget(m_interface);
    what->addWidget(m_reload);
    what->addWidget(m_filter, 1);
    what->addWidget(new QLabel(tr("Ports"), this));
    what->addWidget(m_ports);
    what->addWidget(m_mdns);
    what->addWidget(m_llmnr);
    auto* how = new QHBoxLayout;
    how->setContentsMargins(0, 0, 0, 0);
    how->addWidget(m_save);
    how->addWidget(m_savePath, 1);
    how->addWidget(m_browse);
    how->addWidget(m_start);
    how->addWidget(m_stop);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addLayout(what);
    layout->addLayout(how);
    layout->addWidget(m_status);

    connect(m_reload, &QPushButton::clicked, this, &LiveCaptureBar::reloadInterfaces);
    connect(m_save, &QCheckBox::toggled, this, [this](bool on) {
        m_savePath->setEnabled(on);
        m_browse->setEnabled(on);
        if (on && m_savePath->text().isEmpty() && !m_casePath.isEmpty())
            m_savePath->setText(
                QFileInfo(m_casePath)
                    .absoluteDir()
                    .filePath(QStringLiteral("capture-%1.pcapng")
                                  .arg(QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd-HHmmss")))));
    });
    connect(m_browse, &QPushButton::clicked, this, &LiveCaptureBar::chooseSavePath);
    connect(m_start, &QPushButton::clicked, this, &LiveCaptureBar::start);
    connect(m_stop, &QPushButton::clicked, this, &LiveCaptureBar::stop);
    updateButtons();
    reloadInterfaces();
}

void LiveCaptureBar::setCase(const QString& path)
{
    if (path != m_casePath && m_job)
        m_job->cancel();
    m_casePath = path;
    updateButtons();
}

void LiveCaptureBar::reloadInterfaces()
{
    m_reload->setEnabled(false);
    runAsync<Interfaces>(
        this,
        [] {
            Interfaces result;
            result.list = listCaptureInterfaces(&result.error);
            return result;
        },
        [this](Interfaces result) {
            m_reload->setEnabled(true);
            const QString keep = m_interface->currentData().toString();
            const QString remembered = QSettings().value(QStringLiteral("capture/interface")).toString();
            m_interface->clear();
            for (const CaptureInterface& i : std::as_const(result.list)) {
                QString text = i.name;
                if (!i.addresses.isEmpty())
                    text += QStringLiteral("  (%1)").arg(i.addresses.first());
                m_interface->addItem(visibleText(text, 80), i.name);
                QStringList tip{i.name};
                if (!i.description.isEmpty())
                    tip << i.description;
                tip << i.addresses;
                tip << (i.up ? tr("up") : tr("down")) + (i.running ? tr(", running") : QString())
                        + (i.loopback ? tr(", loopback") : QString());
                m_interface->setItemData(m_interface->count() - 1, visibleText(tip.join(u'\n'), 1000), Qt::ToolTipRole);
            }
            const QString want = !keep.isEmpty() ? keep : remembered;
            if (const int at = m_interface->findData(want); at >= 0)
                m_interface->setCurrentIndex(at);
            if (result.list.isEmpty())
                m_status->setText(tr("No interface can be listed: %1").arg(visibleText(result.error, 400)));
            updateButtons();
            emit interfacesLoaded();
        });
}

void LiveCaptureBar::chooseSavePath()
{
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Evidence file"), m_savePath->text(), tr("pcapng captures (*.pcapng);;All files (*)"));
    if (!path.isEmpty())
        m_savePath->setText(path);
}

std::optional<CaptureOptions> LiveCaptureBar::captureOptions(QString* error) const
{
    QString why;
    const auto ports = CaptureOptions::parsePorts(m_ports->text(), &why);
    if (!ports) {
        if (error)
            *error = tr("Ports: %1").arg(why);
        return std::nullopt;
    }
    CaptureOptions options;
    options.dnsPorts = *ports;
    options.mdns = m_mdns->isChecked();
    options.llmnr = m_llmnr->isChecked();
    return options;
}

bool LiveCaptureBar::start()
{
    if (m_job || m_casePath.isEmpty())
        return false;
    LiveCaptureSettings settings;
    settings.interfaceName = m_interface->currentData().toString();
    if (settings.interfaceName.isEmpty()) {
        m_status->setText(tr("Pick an interface first (the list may need privileges to show all of them)."));
        return false;
    }
    settings.filter = m_filter->text().trimmed();
    QString error;
    const auto options = captureOptions(&error);
    if (!options) {
        m_status->setText(error);
        return false;
    }
    settings.options = *options;
    if (m_save->isChecked()) {
        settings.savePath = m_savePath->text().trimmed();
        if (settings.savePath.isEmpty()) {
            m_status->setText(tr("Choose where to save the evidence file, or untick Save pcapng."));
            return false;
        }
    }
    QSettings s;
    s.setValue(QStringLiteral("capture/interface"), settings.interfaceName);
    s.setValue(QStringLiteral("capture/filter"), settings.filter);

    auto* job = new LiveCaptureJob(m_casePath, settings);
    m_job = job;
    connect(job, &BackgroundJob::progressChanged, this,
        [this](qint64, qint64, const QString& detail) { m_status->setText(visibleText(detail, 400)); });
    connect(job, &BackgroundJob::finished, this, [this, job](BackgroundJob::State state, const QString& message) {
        m_status->setText(state == BackgroundJob::State::Failed
                ? tr("Capture failed: %1").arg(visibleText(message, 800))
                : visibleText(message, 800));
        if (m_job == job)
            m_job = nullptr;
        updateButtons();
        emit captureFinished();
    });
    m_jobs->add(job);
    m_status->setText(tr("Capturing on %1\u2026").arg(settings.interfaceName));
    updateButtons();
    return true;
}

void LiveCaptureBar::stop()
{
    if (m_job)
        m_job->stop();
}

void LiveCaptureBar::updateButtons()
{
    const bool capturing = m_job != nullptr;
    m_start->setEnabled(!capturing && !m_casePath.isEmpty() && m_interface->count() > 0);
    m_stop->setEnabled(capturing);
    for (QWidget* w :
        std::initializer_list<QWidget*>{m_interface, m_reload, m_filter, m_ports, m_mdns, m_llmnr, m_save})
        w->setEnabled(!capturing);
    m_savePath->setEnabled(!capturing && m_save->isChecked());
    m_browse->setEnabled(!capturing && m_save->isChecked());
}

} // namespace pdnsw
