#include "providers/HttpEngine.h"

#include "providers/HttpEngineWorker.h"

namespace pdnsw {

HttpEngine::HttpEngine(QObject* parent)
    : QObject(parent)
{
    qRegisterMetaType<pdnsw::ProviderPage>();
    qRegisterMetaType<pdnsw::ProviderJobResult>();
    qRegisterMetaType<QList<pdnsw::Observation>>();
    m_worker = new HttpEngineWorker;
    m_worker->moveToThread(&m_thread);
    m_thread.setObjectName(QStringLiteral("pdnsw-http"));
    connect(&m_thread, &QThread::started, m_worker, &HttpEngineWorker::run);
    connect(m_worker, &HttpEngineWorker::pageReceived, this, &HttpEngine::pageReceived, Qt::QueuedConnection);
    connect(m_worker, &HttpEngineWorker::jobProgress, this, &HttpEngine::jobProgress, Qt::QueuedConnection);
    connect(
        m_worker, &HttpEngineWorker::jobFinished, this,
        [this](const ProviderJobResult& result, const QList<Observation>& folded) {
            --m_active;
            emit jobFinished(result, folded);
        },
        Qt::QueuedConnection);
    m_thread.start();
}

HttpEngine::~HttpEngine()
{
    m_worker->stop();
    m_thread.quit();
    m_thread.wait();
    delete m_worker; // its thread has ended: no event of it can still run
    m_worker = nullptr;
}

quint64 HttpEngine::submit(const ProviderConfig& config, const ProviderQuestion& question)
{
    const quint64 id = m_nextId++;
    ++m_active;
    m_worker->enqueue(id, config, question);
    return id;
}

void HttpEngine::cancel(quint64 jobId)
{
    if (jobId != 0)
        m_worker->cancel(jobId);
}

void HttpEngine::cancelAll()
{
    m_worker->cancel(0);
}

} // namespace pdnsw
