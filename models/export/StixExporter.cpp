#include "models/export/StixExporter.h"

#include "models/DomainName.h"
#include "models/export/CompactJsonObject.h"
#include "models/export/ExportText.h"
#include "models/export/StixId.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>

namespace pdnsw {

namespace {

constexpr qint64 kMaxNumberObserved = 999999999;

bool resolvesTo(const Observation& o)
{
    return o.section != Section::Negative
        && (o.rrtype == QLatin1String("A") || o.rrtype == QLatin1String("AAAA") || o.rrtype == QLatin1String("CNAME")
            || o.rrtype == QLatin1String("DNAME"));
}

QString recordSeed(const SourcedObservation& r)
{
    const Observation& o = r.observation;
    return QStringLiteral("%1|%2|%3|%4|%5").arg(r.sourceId).arg(o.rrname, o.rrtype, o.rdata, sectionName(o.section));
}

QJsonObject common(const QString& type, const QString& id, qint64 created, qint64 modified)
{
    QJsonObject o;
    o.insert(QStringLiteral("type"), type);
    o.insert(QStringLiteral("spec_version"), QStringLiteral("2.1"));
    o.insert(QStringLiteral("id"), id);
    o.insert(QStringLiteral("created"), stixTime(created));
    o.insert(QStringLiteral("modified"), stixTime(std::max(created, modified)));
    return o;
}

} // namespace

QString StixExporter::typeName(ScoType type)
{
    switch (type) {
    case ScoType::DomainName:
        return QStringLiteral("domain-name");
    case ScoType::Ipv4Addr:
        return QStringLiteral("ipv4-addr");
    case ScoType::Ipv6Addr:
        return QStringLiteral("ipv6-addr");
    }
    return {};
}

QString StixExporter::scoId(const Sco& sco)
{
    return typeName(sco.type) + QStringLiteral("--") + sco.uuid.toString(QUuid::WithoutBraces);
}

qsizetype StixExporter::scoFor(const QString& value, bool* isAddress)
{
    const auto address = canonicalAddress(value);
    if (isAddress)
        *isAddress = address.has_value();
    // An address's canonical text is never a name's (a name that parses as an address is one): the text alone
    // is the key.
    const QString text = address.value_or(value);
    if (const auto it = m_scoByValue.constFind(text); it != m_scoByValue.constEnd())
        return *it;
    QJsonObject props;
    props.insert(QStringLiteral("value"), text);
    const ScoType type = !address ? ScoType::DomainName : text.contains(u':') ? ScoType::Ipv6Addr : ScoType::Ipv4Addr;
    m_scos.append(Sco{text, stixScoUuid(props), type, {}});
    m_scoByValue.insert(text, m_scos.size() - 1);
    return m_scos.size() - 1;
}

bool StixExporter::start()
{
    const QString bundleId
        = stixObjectId(QStringLiteral("bundle"), m_context->caseId + u'|' + QString::number(m_context->exportTime));
    return write(QStringLiteral("{\n\"type\": \"bundle\",\n\"id\": \"%1\",\n\"objects\": [\n").arg(bundleId));
}

bool StixExporter::writeObject(const QString& id, const QByteArray& json)
{
    if (!spool(m_ids, id.toUtf8(), QStringLiteral("STIX grouping")))
        return false;
    if (!m_first && !write(QByteArrayLiteral(",\n")))
        return false;
    m_first = false;
    return write(json);
}

bool StixExporter::writeObject(const QJsonObject& object)
{
    return writeObject(
        object.value(QStringLiteral("id")).toString(), QJsonDocument(object).toJson(QJsonDocument::Compact));
}

const QByteArray& StixExporter::externalReferences(const SourcedObservation& record)
{
    // The same for every record of a source: written once through Qt, then reused as text.
    if (const auto it = m_references.constFind(record.sourceId); it != m_references.constEnd())
        return *it;
    QJsonObject ref;
    ref.insert(QStringLiteral("source_name"), QStringLiteral("pdns-workbench"));
    ref.insert(QStringLiteral("external_id"), QStringLiteral("source-%1").arg(record.sourceId));
    ref.insert(QStringLiteral("description"),
        QStringLiteral("%1 (%2, time %3/%4)")
            .arg(record.sourceLabel, record.sourceKind, record.timeKind, record.timeGranularity));
    if (const SourceInfo* s = m_context->source(record.sourceId); s && !s->sha256.isEmpty()) {
        QJsonObject hashes;
        hashes.insert(QStringLiteral("SHA-256"), s->sha256);
        ref.insert(QStringLiteral("hashes"), hashes);
    }
    return *m_references.insert(record.sourceId, QJsonDocument(QJsonArray{ref}).toJson(QJsonDocument::Compact));
}

bool StixExporter::add(const SourcedObservation& record)
{
    if (!counted())
        return false;
    const Observation& o = record.observation;
    const qsizetype domain = scoFor(o.rrname);
    const QString domainId = scoId(m_scos[domain]);
    const QString created = stixTime(m_context->exportTime);
    const QString seed = recordSeed(record);
    const QByteArray& references = externalReferences(record);

    // Keys in sorted order, as QJsonDocument writes them.
    m_refs.resize(0);
    m_refs += '[';
    CompactJsonObject::appendString(m_refs, domainId);
    if (resolvesTo(o)) {
        bool isAddress = false;
        const qsizetype target = scoFor(o.rdata, &isAddress);
        const QString targetId = scoId(m_scos[target]);
        if (!m_scos[domain].targets.contains(target))
            m_scos[domain].targets.append(target);
        const QString id = stixObjectId(QStringLiteral("relationship"), seed);
        m_line.resize(0); // keeps the capacity (clear() would free it)
        CompactJsonObject rel(m_line);
        rel.add("created", created);
        rel.add("description", QStringLiteral("%1 %2 %3 per %4").arg(o.rrname, o.rrtype, o.rdata, record.sourceLabel));
        rel.addRaw("external_references", references);
        rel.add("id", id);
        rel.add("modified", created);
        rel.add("relationship_type", u"resolves-to");
        rel.add("source_ref", domainId);
        rel.add("spec_version", u"2.1");
        // stop_time must be later than start_time: a single sighting keeps only start_time.
        if (o.firstSeen)
            rel.add("start_time", stixTime(*o.firstSeen));
        if (o.lastSeen && (!o.firstSeen || *o.lastSeen > *o.firstSeen))
            rel.add("stop_time", stixTime(*o.lastSeen));
        rel.add("target_ref", targetId);
        rel.add("type", u"relationship");
        rel.close();
        m_refs += ',';
        CompactJsonObject::appendString(m_refs, targetId);
        m_refs += ',';
        CompactJsonObject::appendString(m_refs, id);
        if (!writeObject(id, m_line))
            return false;
    }
    m_refs += ']';

    // observed-data needs both times; undated records (VirusTotal, OTX) stay as relationships only.
    if (!o.firstSeen && !o.lastSeen)
        return true;
    const qint64 first = o.firstSeen.value_or(*o.lastSeen);
    const qint64 last = std::max(first, o.lastSeen.value_or(first));
    const QString id = stixObjectId(QStringLiteral("observed-data"), seed);
    m_line.resize(0); // keeps the capacity (clear() would free it)
    CompactJsonObject od(m_line);
    od.add("created", created);
    od.addRaw("external_references", references);
    od.add("first_observed", stixTime(first));
    od.add("id", id);
    od.add("last_observed", stixTime(last));
    od.add("modified", created);
    od.add("number_observed", std::clamp<qint64>(o.count.value_or(1), 1, kMaxNumberObserved));
    od.addRaw("object_refs", m_refs);
    od.add("spec_version", u"2.1");
    od.add("type", u"observed-data");
    if (!o.count)
        od.addBool("x_pdnsw_count_known", false);
    if (o.section == Section::Negative)
        od.add("x_pdnsw_rcode", o.rdata);
    od.add("x_pdnsw_rdata", o.rdata);
    od.add("x_pdnsw_rrtype", o.rrtype);
    od.add("x_pdnsw_source", record.sourceLabel);
    od.close();
    return writeObject(id, m_line);
}

bool StixExporter::finish()
{
    const qint64 now = m_context->exportTime;
    for (const Sco& sco : std::as_const(m_scos)) {
        m_line.resize(0); // keeps the capacity (clear() would free it)
        CompactJsonObject o(m_line);
        const QString id = scoId(sco);
        o.add("id", id);
        if (!sco.targets.isEmpty()) {
            QStringList targets;
            for (const qsizetype t : sco.targets)
                targets.append(scoId(m_scos[t]));
            targets.sort();
            m_refs.resize(0);
            m_refs += '[';
            for (const QString& t : std::as_const(targets)) {
                if (m_refs.size() > 1)
                    m_refs += ',';
                CompactJsonObject::appendString(m_refs, t);
            }
            m_refs += ']';
            o.addRaw("resolves_to_refs", m_refs);
        }
        o.add("spec_version", u"2.1");
        o.add("type", typeName(sco.type));
        o.add("value", sco.value);
        o.close();
        if (!writeObject(id, m_line))
            return false;
    }

    const QString groupingId = stixObjectId(QStringLiteral("grouping"), m_context->caseId);
    for (const Note& note : m_context->notes) {
        QString target;
        if (!note.subject.isEmpty()) {
            const auto address = canonicalAddress(note.subject);
            const qsizetype sco = m_scoByValue.value(address.value_or(normalizeDomainName(note.subject)), -1);
            if (sco >= 0)
                target = scoId(m_scos[sco]);
        }
        if (target.isEmpty())
            target = groupingId; // a case note, or about something outside this export
        const qint64 created = note.createdAt > 0 ? note.createdAt : now;
        QJsonObject n = common(QStringLiteral("note"),
            stixObjectId(QStringLiteral("note"), m_context->caseId + u'|' + QString::number(note.id)), created,
            std::max(created, note.updatedAt));
        if (!note.subject.isEmpty())
            n.insert(QStringLiteral("abstract"), note.subject);
        n.insert(QStringLiteral("content"), note.body);
        n.insert(QStringLiteral("object_refs"), QJsonArray{target});
        if (!writeObject(n))
            return false;
    }

    // The grouping refers to everything written before it; its object_refs are written from the ids file, so
    // that they never have to be held.
    if (!m_first) {
        QJsonObject grouping = common(QStringLiteral("grouping"), groupingId, now, now);
        grouping.insert(QStringLiteral("name"), QStringLiteral("PDNS Workbench case %1").arg(m_context->caseTitle));
        grouping.insert(QStringLiteral("description"),
            QStringLiteral("Passive DNS evidence exported by PDNS Workbench %1 from case %2")
                .arg(m_context->toolVersion, m_context->caseId));
        grouping.insert(QStringLiteral("context"), QStringLiteral("suspicious-activity"));
        QByteArray head = QJsonDocument(grouping).toJson(QJsonDocument::Compact);
        head.chop(1); // the closing brace: object_refs follow
        if (!write(QByteArrayLiteral(",\n") + head + QByteArrayLiteral(",\"object_refs\":[")))
            return false;
        // Ids are ASCII ("type--uuid") made here: safe to write as JSON strings as they are.
        if (!writeSpooled(m_ids, ",", "\"", "\"", QStringLiteral("STIX grouping")) || !write(QByteArrayLiteral("]}")))
            return false;
    }
    return write(QByteArrayLiteral("\n]\n}\n"));
}

} // namespace pdnsw
