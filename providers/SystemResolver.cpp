#include "providers/SystemResolver.h"

#include "models/DomainName.h"
#include "models/RrType.h"

#include <QDateTime>
#include <QPointer>
#include <QThread>

#include <arpa/inet.h>
#include <arpa/nameser.h>
#include <netdb.h>
#include <netinet/in.h>
#include <resolv.h>

#include <cstring>

namespace pdnsw {

namespace {

quint16 read16(const unsigned char* p)
{
    return static_cast<quint16>((p[0] << 8) | p[1]);
}

quint32 read32(const unsigned char* p)
{
    return (quint32(p[0]) << 24) | (quint32(p[1]) << 16) | (quint32(p[2]) << 8) | quint32(p[3]);
}

// dn_expand writes the root as an empty string; the case writes it ".".
QString expandedName(const char* expanded)
{
    const QString name = normalizeDomainName(QString::fromLatin1(expanded));
    return name.isEmpty() ? QStringLiteral(".") : name;
}

} // namespace

QString SystemResolver::parseResponse(
    const QByteArray& message, const QString& name, quint16 qtype, qint64 now, QList<Observation>* out)
{
    const auto* begin = reinterpret_cast<const unsigned char*>(message.constData());
    const unsigned char* end = begin + message.size();
    if (message.size() < 12 || !(begin[2] & 0x80))
        return {}; // no header, or a query rather than a response
    const int rcode = begin[3] & 0x0f;
    const int qdcount = read16(begin + 4);
    const int ancount = read16(begin + 6);
    const unsigned char* p = begin + 12;
    for (int i = 0; i < qdcount; ++i) {
        const int skip = dn_skipname(p, end);
        if (skip < 0 || end - p < skip + 4)
            return {};
        p += skip + 4;
    }
    const QString owner = normalizeDomainName(name);
    const QString qtypeName = rrTypeName(qtype);
    auto negative = [&](const QString& what) {
        Observation o;
        o.rrname = owner;
        o.rrtype = qtypeName;
        o.rdata = what;
        o.section = Section::Negative;
        o.firstSeen = o.lastSeen = now;
        o.rcode = rcode;
        out->append(o);
    };
    if (rcode != 0) {
        negative(rcodeName(rcode));
        return rcodeName(rcode);
    }
    int added = 0;
    for (int i = 0; i < ancount && p < end; ++i) {
        char expanded[NS_MAXDNAME] = {};
        const int used = dn_expand(begin, end, p, expanded, sizeof expanded);
        if (used < 0 || end - p < used + 10)
            break;
        p += used;
        const quint16 type = read16(p);
        const quint32 ttl = read32(p + 4);
        const quint16 rdlength = read16(p + 8);
        p += 10;
        if (end - p < rdlength)
            break;
        const unsigned char* rdata = p;
        p += rdlength;
        Observation o;
        o.rrname = expandedName(expanded);
        o.rrtype = rrTypeName(type);
        o.firstSeen = o.lastSeen = now;
        o.ttlMin = o.ttlMax = ttl;
        o.rcode = rcode;
        char text[INET6_ADDRSTRLEN] = {};
        if (type == ns_t_a && rdlength == 4 && inet_ntop(AF_INET, rdata, text, sizeof text)) {
            o.rdata = QString::fromLatin1(text);
        } else if (type == ns_t_aaaa && rdlength == 16 && inet_ntop(AF_INET6, rdata, text, sizeof text)) {
            o.rdata = QString::fromLatin1(text);
        } else if (type == ns_t_cname) {
            char target[NS_MAXDNAME] = {};
            if (dn_expand(begin, rdata + rdlength, rdata, target, sizeof target) < 0)
                continue;
            o.rdata = expandedName(target);
        } else {
            continue;
        }
        out->append(o);
        ++added;
    }
    if (added == 0)
        negative(QStringLiteral("NODATA"));
    return rcodeName(rcode);
}

NowAnswer SystemResolver::lookup(const QString& name)
{
    NowAnswer answer;
    answer.name = normalizeDomainName(name);
    answer.askedAt = QDateTime::currentSecsSinceEpoch();
    struct __res_state state;
    std::memset(&state, 0, sizeof state);
    if (res_ninit(&state) != 0) {
        answer.error = QStringLiteral("cannot initialise the system resolver (check /etc/resolv.conf)");
        return answer;
    }
    const QByteArray ace = answer.name.toLatin1();
    QStringList rcodes;
    for (const quint16 type : {quint16(ns_t_a), quint16(ns_t_aaaa)}) {
        QByteArray buffer(65536, '\0');
        auto* data = reinterpret_cast<unsigned char*>(buffer.data());
        const int n = res_nquery(&state, ace.constData(), ns_c_in, type, data, static_cast<int>(buffer.size()));
        // On NXDOMAIN/NODATA res_nquery returns -1 but leaves the response in the buffer; its header says which.
        const int size = n > 0 ? std::min(n, static_cast<int>(buffer.size())) : static_cast<int>(buffer.size());
        QList<Observation> records;
        const QString rcode = parseResponse(buffer.left(size), answer.name, type, answer.askedAt, &records);
        if (rcode.isEmpty()) {
            if (answer.error.isEmpty())
                answer.error = state.res_h_errno == TRY_AGAIN
                    ? QStringLiteral("the system resolver did not answer (timeout or SERVFAIL)")
                    : QStringLiteral("the system resolver gave no usable answer (h_errno %1)").arg(state.res_h_errno);
            continue;
        }
        rcodes.append(rcode);
        for (const Observation& o : std::as_const(records)) {
            // Both queries report an NXDOMAIN; keep one.
            if (o.section == Section::Negative && o.rdata != QLatin1String("NODATA") && !answer.records.isEmpty()
                && answer.records.last().rdata == o.rdata)
                continue;
            if (!answer.records.contains(o))
                answer.records.append(o);
        }
    }
    res_nclose(&state);
    if (!rcodes.isEmpty()) {
        answer.rcode = rcodes.contains(QLatin1String("NXDOMAIN")) ? QStringLiteral("NXDOMAIN") : rcodes.first();
        answer.error.clear();
    }
    return answer;
}

NowLookup::NowLookup(QObject* parent)
    : QObject(parent)
{
    qRegisterMetaType<pdnsw::NowAnswer>();
}

void NowLookup::start(const QString& name)
{
    QPointer<NowLookup> self(this);
    QThread* thread = QThread::create([self, name] {
        const NowAnswer answer = SystemResolver::lookup(name);
        if (self)
            QMetaObject::invokeMethod(
                self,
                [self, answer] {
                    if (self)
                        emit self->finished(answer);
                },
                Qt::QueuedConnection);
    });
    connect(thread, &QThread::finished, thread, &QObject::deleteLater);
    thread->start();
}

} // namespace pdnsw
