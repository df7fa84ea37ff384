#include "capture/packet/LiveCapture.h"

#include "capture/packet/ObservationBatch.h"
#include "capture/packet/PcapngWriter.h"
#include "models/ObservationWriter.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>

#include <pcap/pcap.h>

#include <arpa/inet.h>
#include <mutex>
#include <netinet/in.h>
#include <poll.h>

namespace pdnsw {
namespace {

// pcap_compile is only thread-safe from libpcap 1.8 on, and other code may still use an older pattern: one
// lock for the whole process, as Wireshark does.
std::mutex& compileMutex()
{
    static std::mutex m;
    return m;
}

QString addressText(const sockaddr* sa)
{
    if (!sa)
        return {};
    char text[INET6_ADDRSTRLEN] = {};
    if (sa->sa_family == AF_INET)
        inet_ntop(AF_INET, &reinterpret_cast<const sockaddr_in*>(sa)->sin_addr, text, sizeof text);
    else if (sa->sa_family == AF_INET6)
        inet_ntop(AF_INET6, &reinterpret_cast<const sockaddr_in6*>(sa)->sin6_addr, text, sizeof text);
    return QString::fromLatin1(text);
}

} // namespace

QList<CaptureInterface> listCaptureInterfaces(QString* error)
{
    QList<CaptureInterface> out;
    char errbuf[PCAP_ERRBUF_SIZE] = {};
    pcap_if_t* all = nullptr;
    if (pcap_findalldevs(&all, errbuf) != 0) {
        if (error)
            *error = QStringLiteral("cannot list capture interfaces: %1").arg(QString::fromLocal8Bit(errbuf));
        return out;
    }
    for (pcap_if_t* d = all; d; d = d->next) {
        CaptureInterface i;
        i.name = QString::fromLocal8Bit(d->name);
        i.description = d->description ? QString::fromLocal8Bit(d->description) : QString();
        i.loopback = d->flags & PCAP_IF_LOOPBACK;
        i.up = d->flags & PCAP_IF_UP;
        i.running = d->flags & PCAP_IF_RUNNING;
        for (pcap_addr_t* a = d->addresses; a; a = a->next) {
            const QString text = addressText(a->addr);
            if (!text.isEmpty())
                i.addresses.append(text);
        }
        out.append(i);
    }
    pcap_freealldevs(all);
    return out;
}

QString LiveCaptureSession::privilegeHelp(const QString& interfaceName)
{
    QString binary = QCoreApplication::instance() ? QCoreApplication::applicationFilePath() : QString();
    if (binary.isEmpty())
        binary = QStringLiteral("<path to pdnsw or pdnsw-cli>");
    return QStringLiteral("capturing on %1 needs the CAP_NET_RAW and CAP_NET_ADMIN capabilities: run as root, or grant "
                          "them once with `sudo setcap cap_net_raw,cap_net_admin=eip %2`")
        .arg(interfaceName, binary);
}

LiveCaptureSession::LiveCaptureSession(LiveCaptureSettings settings)
    : m_settings(std::move(settings))
    , m_aggregator(std::make_unique<DnsAggregator>(m_settings.options.aggregator))
    , m_processor(std::make_unique<PacketProcessor>(m_settings.options, *m_aggregator))
{
}

LiveCaptureSession::~LiveCaptureSession()
{
    if (m_pcap)
        pcap_close(m_pcap);
}

bool LiveCaptureSession::open(QString* error)
{
    const auto fail = [&](const QString& message) {
        if (error)
            *error = message;
        if (m_pcap) {
            pcap_close(m_pcap);
            m_pcap = nullptr;
        }
        return false;
    };
    const QString& name = m_settings.interfaceName;
    if (name.isEmpty())
        return fail(QStringLiteral("no interface given: list them with `pdnsw-cli interfaces`"));
    char errbuf[PCAP_ERRBUF_SIZE] = {};
    m_pcap = pcap_create(name.toLocal8Bit().constData(), errbuf);
    if (!m_pcap)
        return fail(QStringLiteral("cannot open interface %1: %2").arg(name, QString::fromLocal8Bit(errbuf)));
    pcap_set_snaplen(m_pcap, std::clamp(m_settings.snaplen, 64, 262144));
    pcap_set_promisc(m_pcap, m_settings.promiscuous ? 1 : 0);
    pcap_set_timeout(m_pcap, 100);
    pcap_set_immediate_mode(m_pcap, 1); // answers show up at once, not when a kernel buffer block fills
    pcap_set_buffer_size(m_pcap, 8 << 20);
    const int rc = pcap_activate(m_pcap);
    if (rc < 0) {
        const QString detail = QString::fromLocal8Bit(pcap_geterr(m_pcap));
        switch (rc) {
        case PCAP_ERROR_PERM_DENIED:
        case PCAP_ERROR_PROMISC_PERM_DENIED:
            return fail(privilegeHelp(name) + QStringLiteral(" (libpcap: %1)").arg(detail));
        case PCAP_ERROR_NO_SUCH_DEVICE:
            return fail(
                QStringLiteral("there is no interface named %1: list them with `pdnsw-cli interfaces`").arg(name));
        case PCAP_ERROR_IFACE_NOT_UP:
            return fail(QStringLiteral("interface %1 is down: bring it up first (ip link set %1 up)").arg(name));
        default:
            return fail(QStringLiteral("cannot start capturing on %1: %2").arg(name, detail));
        }
    }
    m_linkType = pcap_datalink(m_pcap);
    if (!m_processor->setLinkType(m_linkType)) {
        const char* dltName = pcap_datalink_val_to_name(m_linkType);
        return fail(QStringLiteral("interface %1 has link type %2 (DLT %3), which the packet path does not decode")
                        .arg(name, QString::fromLatin1(dltName ? dltName : "unknown"))
                        .arg(m_linkType));
    }
    if (!m_settings.filter.isEmpty()) {
        bpf_program program{};
        std::lock_guard lock(compileMutex());
        if (pcap_compile(m_pcap, &program, m_settings.filter.toUtf8().constData(), 1, PCAP_NETMASK_UNKNOWN) != 0)
            return fail(QStringLiteral("invalid capture filter \"%1\": %2")
                            .arg(m_settings.filter, QString::fromLocal8Bit(pcap_geterr(m_pcap))));
        const int set = pcap_setfilter(m_pcap, &program);
        pcap_freecode(&program);
        if (set != 0)
            return fail(QStringLiteral("cannot apply capture filter \"%1\" on %2: %3")
                            .arg(m_settings.filter, name, QString::fromLocal8Bit(pcap_geterr(m_pcap))));
    }
    if (pcap_setnonblock(m_pcap, 1, errbuf) != 0)
        return fail(
            QStringLiteral("cannot capture on %1 without blocking: %2").arg(name, QString::fromLocal8Bit(errbuf)));
    if (!m_settings.savePath.isEmpty()) {
        m_evidence = std::make_unique<PcapngWriter>();
        QString saveError;
        if (!m_evidence->open(
                m_settings.savePath, m_linkType, static_cast<std::uint32_t>(pcap_snapshot(m_pcap)), name, &saveError))
            return fail(saveError);
    }
    return true;
}

void LiveCaptureSession::onPacket(unsigned char* user, const pcap_pkthdr* header, const unsigned char* data)
{
    auto* self = reinterpret_cast<LiveCaptureSession*>(user);
    ++self->m_number;
    const std::int64_t timeUsec = captureTimeUsec(header->ts.tv_sec, header->ts.tv_usec);
    if (self->m_evidence)
        self->m_evidence->write(timeUsec, data, header->caplen, header->len);
    self->m_processor->processPacket(timeUsec, data, header->caplen, self->m_number);
}

bool LiveCaptureSession::run(
    ObservationSink& sink, const std::atomic<bool>& stop, const ProgressCallback& progress, QString* error)
{
    if (!m_pcap) {
        if (error)
            *error = QStringLiteral("the capture on %1 is not open").arg(m_settings.interfaceName);
        return false;
    }
    const int fd = pcap_get_selectable_fd(m_pcap);
    QElapsedTimer clock;
    clock.start();
    qint64 lastFlush = 0;
    bool ok = true;
    const auto report = [&] {
        pcap_stat ps{};
        if (pcap_stats(m_pcap, &ps) == 0)
            m_dropped = std::int64_t(ps.ps_drop) + ps.ps_ifdrop;
        if (!progress)
            return;
        LiveCaptureProgress p;
        const PacketStats& s = m_processor->stats();
        p.packets = std::int64_t(s.packets);
        p.bytes = std::int64_t(s.bytes);
        p.dnsMessages = std::int64_t(s.dnsMessages);
        p.records = m_delivered;
        p.errors = std::int64_t(s.problems);
        p.dropped = m_dropped;
        p.saved = m_evidence ? std::int64_t(m_evidence->packets()) : 0;
        p.elapsedSeconds = clock.elapsed() / 1000.0;
        progress(p);
    };
    BatchDelivery delivery;
    const auto flush = [&] {
        // Live: everything goes over on each flush, so the analyst sees records within a flush interval.
        m_aggregator->releaseSome(m_aggregator->recordCount());
        ObservationBatch batch = ObservationBatch::take(*m_aggregator, *m_processor);
        if (!delivery.deliver(batch, sink, &m_delivered)) {
            if (error)
                *error = QStringLiteral("the case refused the observations; the capture on %1 stopped")
                             .arg(m_settings.interfaceName);
            ok = false;
        }
        if (ok && m_afterFlush && !m_afterFlush()) {
            if (error)
                *error = QStringLiteral("the case could not commit the capture on %1; it stopped")
                             .arg(m_settings.interfaceName);
            ok = false;
        }
        if (m_evidence)
            m_evidence->flush();
    };
    while (ok && !stop.load()) {
        if (m_settings.durationSeconds > 0 && clock.elapsed() >= qint64(m_settings.durationSeconds) * 1000)
            break;
        if (fd >= 0) {
            pollfd pfd{fd, POLLIN, 0};
            poll(&pfd, 1, 100);
        }
        const int n = pcap_dispatch(m_pcap, -1, &LiveCaptureSession::onPacket, reinterpret_cast<unsigned char*>(this));
        if (n == PCAP_ERROR) {
            if (error)
                *error = QStringLiteral("capture on %1 failed: %2")
                             .arg(m_settings.interfaceName, QString::fromLocal8Bit(pcap_geterr(m_pcap)));
            ok = false;
            break;
        }
        if (fd < 0 && n == 0)
            ::poll(nullptr, 0, 20); // no selectable descriptor: a short nap instead of spinning
        if (clock.elapsed() - lastFlush >= m_settings.flushIntervalMs) {
            lastFlush = clock.elapsed();
            flush();
            report();
        }
    }
    m_processor->finish();
    if (ok)
        flush();
    report();
    QString closeError;
    if (m_evidence && !m_evidence->close(&closeError) && ok) {
        if (error)
            *error = closeError;
        ok = false;
    }
    return ok;
}

QString LiveCaptureSession::statsJson() const
{
    const PacketStats& s = m_processor->stats();
    QJsonObject o;
    o.insert(QStringLiteral("interface"), m_settings.interfaceName);
    o.insert(QStringLiteral("packets"), qint64(s.packets));
    o.insert(QStringLiteral("bytes"), qint64(s.bytes));
    o.insert(QStringLiteral("dnsMessages"), qint64(s.dnsMessages));
    o.insert(QStringLiteral("mdnsSkipped"), qint64(s.mdnsSkipped));
    o.insert(QStringLiteral("llmnrSkipped"), qint64(s.llmnrSkipped));
    o.insert(QStringLiteral("queries"), qint64(s.queries));
    o.insert(QStringLiteral("responses"), qint64(s.responses));
    o.insert(QStringLiteral("observations"), qint64(m_delivered));
    o.insert(QStringLiteral("errors"), qint64(s.problems));
    o.insert(QStringLiteral("malformedDns"), qint64(s.malformedDns));
    o.insert(QStringLiteral("dropped"), qint64(m_dropped));
    if (m_evidence)
        o.insert(QStringLiteral("savedTo"), m_evidence->path());
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

bool LiveCaptureSession::runIntoCase(
    ObservationWriter& writer, const std::atomic<bool>& stop, const ProgressCallback& progress, QString* error)
{
    SourceInfo source;
    source.kind = QStringLiteral("live");
    source.label = QStringLiteral("live %1 %2")
                       .arg(m_settings.interfaceName, QDateTime::currentDateTimeUtc().toString(Qt::ISODate));
    source.path = m_settings.interfaceName;
    source.importedAt = QDateTime::currentSecsSinceEpoch();
    QJsonObject params = QJsonDocument::fromJson(m_settings.options.parametersJson().toUtf8()).object();
    params.insert(QStringLiteral("filter"), m_settings.filter);
    params.insert(QStringLiteral("snaplen"), m_settings.snaplen);
    params.insert(QStringLiteral("promiscuous"), m_settings.promiscuous);
    if (!m_settings.savePath.isEmpty())
        params.insert(QStringLiteral("savedTo"), QFileInfo(m_settings.savePath).absoluteFilePath());
    source.parameters = QString::fromUtf8(QJsonDocument(params).toJson(QJsonDocument::Compact));
    CaseError caseError;
    if (writer.beginSource(source, &caseError) == ObservationWriter::Begin::Failed) {
        if (error)
            *error = QStringLiteral("cannot start the live source in the case: %1").arg(caseError.message);
        return false;
    }
    // Commit at every flush, so readers (the GUI's models, the CLI) see the records while the capture runs.
    m_afterFlush = [&writer] { return writer.flush(); };
    // Into a case, records are the source's rows, not what the flushes handed over: a name answered again after a
    // flush is handed over again and merged into its row. The writer's figures are current after each flush.
    const ProgressCallback rows = [&writer, &progress](const LiveCaptureProgress& handedOver) {
        if (!progress)
            return;
        LiveCaptureProgress p = handedOver;
        p.records = writer.stats().inserted;
        progress(p);
    };
    const bool ok = run(writer, stop, rows, error);
    m_afterFlush = nullptr;
    if (!writer.finish(ok, statsJson(), &caseError) && ok) {
        if (error)
            *error = QStringLiteral("the case could not commit the capture: %1").arg(caseError.message);
        return false;
    }
    return ok;
}

} // namespace pdnsw
