#include "models/sandbox/OverrideResolver.h"

#include "models/UtcTime.h"

#include <QHash>

#include <arpa/inet.h>

#include <algorithm>

namespace pdnsw {

namespace {

constexpr int kMaxHops = 8;

using RecordList = QList<const SourcedObservation*>;

bool isAnswer(const Observation& o, const char* type)
{
    return o.section == Section::Answer && o.rrtype == QLatin1String(type);
}

bool isAddressRecord(const Observation& o)
{
    return isAnswer(o, "A") || isAnswer(o, "AAAA");
}

bool isPositive(const Observation& o)
{
    return isAddressRecord(o) || isAnswer(o, "CNAME");
}

bool isTimed(const Observation& o)
{
    return o.firstSeen || o.lastSeen;
}

// A record with one time only covers that instant.
qint64 lowTime(const Observation& o)
{
    return o.firstSeen ? *o.firstSeen : *o.lastSeen;
}

qint64 highTime(const Observation& o)
{
    return o.lastSeen ? *o.lastSeen : *o.firstSeen;
}

bool validAt(const Observation& o, qint64 t)
{
    return isTimed(o) && lowTime(o) <= t && t <= highTime(o);
}

// Sort key: IPv4 before IPv6, then numerically.
QByteArray addressSortKey(const QString& address)
{
    const QByteArray latin = address.toLatin1();
    unsigned char bytes[16] = {};
    if (inet_pton(AF_INET, latin.constData(), bytes) == 1)
        return QByteArray(1, '4') + QByteArray(reinterpret_cast<const char*>(bytes), 4);
    if (inet_pton(AF_INET6, latin.constData(), bytes) == 1)
        return QByteArray(1, '6') + QByteArray(reinterpret_cast<const char*>(bytes), 16);
    return QByteArray(1, '9') + latin;
}

QString sourceNames(const RecordList& records)
{
    QStringList labels;
    for (const SourcedObservation* r : records) {
        const QString label = r->sourceLabel.isEmpty() ? QStringLiteral("source %1").arg(r->sourceId) : r->sourceLabel;
        if (!labels.contains(label))
            labels.append(label);
    }
    return labels.join(QStringLiteral(", "));
}

class Resolver
{
public:
    Resolver(const QList<SourcedObservation>& records, const OverrideResolveOptions& options)
    {
        for (const SourcedObservation& r : records) {
            if (!options.sourceIds.isEmpty() && !options.sourceIds.contains(r.sourceId))
                continue;
            const Observation& o = r.observation;
            if (isPositive(o))
                m_positive[o.rrname].append(&r);
            else if (o.section == Section::Negative)
                m_negative[o.rrname].append(&r);
        }
    }

    const RecordList positive(const QString& owner) const { return m_positive.value(owner); }
    const RecordList negative(const QString& owner) const { return m_negative.value(owner); }

    // The latest moment the owner had a positive answer; nullopt when none is dated.
    std::optional<qint64> latestPositive(const QString& owner) const
    {
        std::optional<qint64> latest;
        for (const SourcedObservation* r : positive(owner)) {
            if (isTimed(r->observation))
                latest = std::max(latest.value_or(highTime(r->observation)), highTime(r->observation));
        }
        return latest;
    }

    // Follows one hop at time t (or, with no t, the undated records), appending addresses to the result.
    void resolve(const QString& owner, std::optional<qint64> t, QStringList chain, NameResolution& result)
    {
        // The chain so far is the path: a name already on it is a loop.
        if (chain.contains(owner)) {
            result.notes.append(QStringLiteral("CNAME loop at %1 cut").arg(owner));
            return;
        }
        chain.append(owner);
        if (chain.size() > kMaxHops + 1) {
            result.notes.append(QStringLiteral("CNAME chain longer than %1 hops cut at %2").arg(kMaxHops).arg(owner));
            return;
        }

        const RecordList records = positive(owner);
        RecordList chosen;
        std::optional<qint64> effective = t;
        if (t) {
            for (const SourcedObservation* r : records) {
                if (validAt(r->observation, *t))
                    chosen.append(r);
            }
            if (chosen.isEmpty()) {
                // The last answer before T: everything valid at the latest dated moment before T.
                std::optional<qint64> before;
                for (const SourcedObservation* r : records) {
                    const Observation& o = r->observation;
                    if (isTimed(o) && highTime(o) < *t)
                        before = std::max(before.value_or(highTime(o)), highTime(o));
                }
                if (before) {
                    for (const SourcedObservation* r : records) {
                        if (validAt(r->observation, *before))
                            chosen.append(r);
                    }
                    effective = before;
                    noteNegativeAt(owner, *t, *before, result);
                }
            } else {
                noteDisagreement(owner, *t, result);
            }
        }
        if (chosen.isEmpty()) {
            for (const SourcedObservation* r : records) {
                if (!isTimed(r->observation))
                    chosen.append(r);
            }
            if (!chosen.isEmpty() && t) {
                result.notes.append(QStringLiteral("%1: no dated answer at or before %2; used undated answers from %3")
                                        .arg(owner, formatUtcTime(*t), sourceNames(chosen)));
            }
        }
        if (chosen.isEmpty()) {
            if (chain.size() > 1)
                result.notes.append(
                    QStringLiteral("%1 (CNAME target) has no answer%2")
                        .arg(owner, t ? QStringLiteral(" at or before ") + formatUtcTime(*t) : QString()));
            return;
        }

        QStringList targets;
        for (const SourcedObservation* r : chosen) {
            const Observation& o = r->observation;
            if (isAddressRecord(o)) {
                addAddress(o.rdata, chain, r, result);
            } else if (!targets.contains(o.rdata)) {
                targets.append(o.rdata);
            }
        }
        for (const QString& target : targets)
            resolve(target, effective, chain, result);
    }

private:
    void addAddress(
        const QString& address, const QStringList& chain, const SourcedObservation* r, NameResolution& result)
    {
        auto it = std::find_if(result.addresses.begin(), result.addresses.end(),
            [&](const ResolvedAddress& a) { return a.address == address; });
        if (it == result.addresses.end()) {
            ResolvedAddress a;
            a.address = address;
            a.chain = chain;
            result.addresses.append(a);
            it = result.addresses.end() - 1;
        }
        const QString label = r->sourceLabel.isEmpty() ? QStringLiteral("source %1").arg(r->sourceId) : r->sourceLabel;
        if (!it->sourceLabels.contains(label))
            it->sourceLabels.append(label);
        if (!it->sourceIds.contains(r->sourceId))
            it->sourceIds.append(r->sourceId);
        const Observation& o = r->observation;
        if (isTimed(o)) {
            it->firstSeen = std::min(it->firstSeen.value_or(lowTime(o)), lowTime(o));
            it->lastSeen = std::max(it->lastSeen.value_or(highTime(o)), highTime(o));
        }
        if (chain.size() < it->chain.size())
            it->chain = chain;
    }

    void noteNegativeAt(const QString& owner, qint64 t, qint64 before, NameResolution& result)
    {
        RecordList negativeAtT;
        for (const SourcedObservation* r : negative(owner)) {
            if (validAt(r->observation, t))
                negativeAtT.append(r);
        }
        if (!negativeAtT.isEmpty()) {
            result.notes.append(QStringLiteral("%1 was %2 at %3 per %4; used the last answer before it (valid at %5)")
                                    .arg(owner, negativeAtT.first()->observation.rdata, formatUtcTime(t),
                                        sourceNames(negativeAtT), formatUtcTime(before)));
        } else {
            result.notes.append(QStringLiteral("%1 had no answer valid at %2; used the last answer before it (valid "
                                               "at %3)")
                                    .arg(owner, formatUtcTime(t), formatUtcTime(before)));
        }
    }

    void noteDisagreement(const QString& owner, qint64 t, NameResolution& result)
    {
        RecordList negativeAtT;
        for (const SourcedObservation* r : negative(owner)) {
            if (validAt(r->observation, t))
                negativeAtT.append(r);
        }
        if (!negativeAtT.isEmpty())
            result.notes.append(
                QStringLiteral("%1: %2 also reported %3 at %4; the addresses were kept")
                    .arg(owner, sourceNames(negativeAtT), negativeAtT.first()->observation.rdata, formatUtcTime(t)));
    }

    QHash<QString, RecordList> m_positive;
    QHash<QString, RecordList> m_negative;
};

} // namespace

NameResolution resolveForSandbox(
    const QString& name, const QList<SourcedObservation>& records, const OverrideResolveOptions& options)
{
    NameResolution result;
    result.name = name;
    Resolver resolver(records, options);

    std::optional<qint64> t = options.at;
    if (!t) {
        t = resolver.latestPositive(name);
        if (t) {
            std::optional<qint64> negativeFrom;
            QString negativeRcode;
            for (const SourcedObservation* r : resolver.negative(name)) {
                const Observation& o = r->observation;
                if (isTimed(o) && lowTime(o) >= *t && (!negativeFrom || lowTime(o) < *negativeFrom)) {
                    negativeFrom = lowTime(o);
                    negativeRcode = o.rdata;
                }
            }
            if (negativeFrom)
                result.notes.append(QStringLiteral("%1 answered %2 from %3; pinned to its last address before that "
                                                   "(valid at %4)")
                                        .arg(name, negativeRcode, formatUtcTime(*negativeFrom), formatUtcTime(*t)));
        }
    }
    result.time = t;

    resolver.resolve(name, t, {}, result);

    std::sort(result.addresses.begin(), result.addresses.end(), [](const ResolvedAddress& a, const ResolvedAddress& b) {
        return addressSortKey(a.address) < addressSortKey(b.address);
    });
    if (result.addresses.isEmpty()) {
        if (resolver.positive(name).isEmpty()) {
            result.error = resolver.negative(name).isEmpty()
                ? QStringLiteral("%1 has no A, AAAA or CNAME answer in the case%2")
                      .arg(name, options.sourceIds.isEmpty() ? QString() : QStringLiteral(" from the chosen sources"))
                : QStringLiteral("%1 only ever answered %2 in the case; give an address with --address NAME=IP")
                      .arg(name, resolver.negative(name).first()->observation.rdata);
        } else if (t && options.at) {
            result.error = QStringLiteral("%1 had no address at or before %2").arg(name, formatUtcTime(*t));
        } else {
            result.error = QStringLiteral("%1: the CNAME chain ends without an address").arg(name);
        }
    }
    return result;
}

} // namespace pdnsw
