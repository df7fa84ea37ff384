#include "capture/packet/LiveCaptureWorker.h"

#include "models/CaseFile.h"
#include "models/ObservationWriter.h"

#include <QThread>

namespace pdnsw {

LiveCaptureWorker::LiveCaptureWorker(QString casePath, LiveCaptureSettings settings, QObject* parent)
    : QObject(parent)
    , m_casePath(std::move(casePath))
    , m_settings(std::move(settings))
{
    qRegisterMetaType<pdnsw::LiveCaptureProgress>();
}

LiveCaptureWorker::~LiveCaptureWorker()
{
    if (m_thread) {
        m_stop.store(true);
        m_thread->wait();
        delete m_thread;
    }
}

void LiveCaptureWorker::start()
{
    if (m_thread)
        return;
    m_stop.store(false);
    m_thread = QThread::create([this] { run(); });
    m_thread->setObjectName(QStringLiteral("pdnsw-capture"));
    m_thread->start();
}

void LiveCaptureWorker::stop()
{
    m_stop.store(true);
}

bool LiveCaptureWorker::isRunning() const
{
    return m_thread && m_thread->isRunning();
}

bool LiveCaptureWorker::wait(int ms)
{
    return !m_thread || m_thread->wait(QDeadlineTimer(ms));
}

void LiveCaptureWorker::run()
{
    // On the capture thread: the case connection and the pcap handle are made and used here only.
    CaseError caseError;
    auto caseFile = CaseFile::open(m_casePath, CaseFile::Mode::CreateIfMissing, &caseError);
    if (!caseFile) {
        emit failed(QStringLiteral("cannot open the case %1 for the capture: %2").arg(m_casePath, caseError.message));
        return;
    }
    LiveCaptureSession session(m_settings);
    QString error;
    if (!session.open(&error)) {
        emit failed(error);
        return;
    }
    emit started(m_settings.interfaceName, session.linkType());
    // Small batches: the writer commits after every flush anyway (see LiveCaptureSession::runIntoCase).
    ObservationWriter writer(*caseFile, 2000);
    const bool ok = session.runIntoCase(
        writer, m_stop, [this](const LiveCaptureProgress& p) { emit progress(p); }, &error);
    if (ok)
        emit finished(writer.sourceId(), session.statsJson());
    else
        emit failed(error);
}

} // namespace pdnsw
