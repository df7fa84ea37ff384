#include "models/export/MispExporter.h"

#include "models/export/CompactJsonObject.h"
#include "models/export/ExportText.h"
#include "models/export/StixId.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>

namespace pdnsw {

const char* const MispExporter::kPassiveDnsTemplate = "b77b7b1c-66ab-4a41-8da4-83810f6d2d6c";
const char* const MispExporter::kDomainIpTemplate = "43b3b146-77eb-4931-b4cc-b66c60f28734";

namespace {

QString uuid(const QString& seed)
{
    return workbenchUuid(QStringLiteral("misp|") + seed).toString(QUuid::WithoutBraces);
}

QString origin(const SourceInfo* source)
{
    if (!source)
        return {};
    if (source->path.startsWith(QLatin1String("https://")))
        return source->path; // a provider's base URL (never carries a key)
    if (!source->sha256.isEmpty())
        return QStringLiteral("urn:sha256:") + source->sha256; // the imported file, by content
    return QStringLiteral("urn:pdns-workbench:") + source->kind;
}

// first_seen and last_seen, never the last before the first (MISP refuses that).
void addSeen(CompactJsonObject& json, const std::optional<qint64>& first, const std::optional<qint64>& last)
{
    if (first)
        json.add("first_seen", mispTime(*first));
    if (last)
        json.add("last_seen", mispTime(std::max(*last, first.value_or(*last))));
}

} // namespace

void MispExporter::appendAttribute(QByteArray& out, const QString& seed, const Attribute& a) const
{
    // Keys in sorted order, as QJsonDocument writes them.
    CompactJsonObject json(out);
    json.add("category", a.category);
    if (!a.comment.isEmpty())
        json.add("comment", a.comment);
    json.addBool("disable_correlation", false);
    json.add("distribution", QStringLiteral("5"));
    addSeen(json, a.first, a.last);
    if (!a.relation.isEmpty())
        json.add("object_relation", a.relation);
    json.add("timestamp", m_timestamp);
    json.addBool("to_ids", false);
    json.add("type", a.type);
    json.add("uuid", uuid(seed + u'|' + a.relation + u'|' + a.value));
    json.add("value", a.value);
    json.close();
}

QByteArray MispExporter::attributeList(const QString& seed, const QList<Attribute>& attributes) const
{
    QByteArray list = "[";
    for (const Attribute& a : attributes) {
        if (list.size() > 1)
            list += ',';
        appendAttribute(list, seed, a);
    }
    list += ']';
    return list;
}

bool MispExporter::start()
{
    // info: at most 256 characters and no line breaks.
    QString info = QStringLiteral("PDNS Workbench case %1").arg(visibleText(m_context->caseTitle));
    if (info.size() > 256)
        info = info.left(253) + QStringLiteral("...");
    m_timestamp = QString::number(m_context->exportTime);
    QJsonObject event;
    event.insert(QStringLiteral("uuid"), uuid(QStringLiteral("event|") + m_context->caseId));
    event.insert(QStringLiteral("info"), info);
    event.insert(QStringLiteral("date"),
        QDateTime::fromSecsSinceEpoch(m_context->exportTime, Qt::UTC).date().toString(Qt::ISODate));
    event.insert(QStringLiteral("timestamp"), QString::number(m_context->exportTime));
    event.insert(QStringLiteral("published"), false);
    event.insert(QStringLiteral("distribution"), QStringLiteral("0"));
    event.insert(QStringLiteral("threat_level_id"), QStringLiteral("4"));
    event.insert(QStringLiteral("analysis"), QStringLiteral("0"));
    QByteArray head = QJsonDocument(event).toJson(QJsonDocument::Compact);
    head.chop(1); // the closing brace: the object list follows
    return write(QByteArrayLiteral("{\"Event\": ") + head + QByteArrayLiteral(",\n\"Object\": [\n"));
}

bool MispExporter::writeObject(const ObjectHead& head, const QByteArray& attributes)
{
    m_line.resize(0); // keeps the capacity (clear() would free it)
    if (!m_firstObject)
        m_line += ",\n";
    m_firstObject = false;
    // Keys in sorted order, as QJsonDocument writes them.
    CompactJsonObject json(m_line);
    json.addRaw("Attribute", attributes);
    if (!head.comment.isEmpty())
        json.add("comment", head.comment);
    json.add("description", head.description);
    json.add("distribution", QStringLiteral("5"));
    addSeen(json, head.first, head.last);
    json.add("meta-category", QStringLiteral("network"));
    json.add("name", head.name);
    json.add("sharing_group_id", QStringLiteral("0"));
    json.add("template_uuid", head.templateUuid);
    json.add("template_version", head.templateVersion);
    json.add("timestamp", m_timestamp);
    json.add("uuid", head.uuid);
    json.close();
    return write(m_line);
}

bool MispExporter::keepAttribute(const QString& seed, const Attribute& attribute)
{
    // Compact JSON escapes line breaks inside strings: one attribute per line.
    m_line.resize(0); // keeps the capacity (clear() would free it)
    appendAttribute(m_line, seed, attribute);
    return spool(m_attributes, m_line, QStringLiteral("MISP attributes"));
}

bool MispExporter::add(const SourcedObservation& record)
{
    if (!counted())
        return false;
    const Observation& o = record.observation;
    const SourceInfo* source = m_context->source(record.sourceId);
    const QString seed
        = QStringLiteral("%1|%2|%3|%4|%5")
              .arg(QString::number(record.sourceId), o.rrname, o.rrtype, o.rdata, sectionName(o.section));
    const QString network = QStringLiteral("Network activity");
    const QString other = QStringLiteral("Other");

    if (o.section == Section::Negative) {
        // passive-dns cannot say "no such name"; keep it as a dated comment: that is the cleaned site.
        Attribute a{{}, QStringLiteral("comment"), other,
            QStringLiteral("%1 answered %2 (%3) per %4").arg(o.rrname, o.rdata, o.rrtype, record.sourceLabel),
            QStringLiteral("negative answer"), o.firstSeen, o.lastSeen};
        return keepAttribute(seed, a);
    }
    QList<Attribute> attrs{
        {QStringLiteral("rrname"), QStringLiteral("text"), network, o.rrname},
        {QStringLiteral("rrtype"), QStringLiteral("text"), network, o.rrtype},
        {QStringLiteral("rdata"), QStringLiteral("text"), network, o.rdata},
    };
    if (o.firstSeen)
        attrs.append({QStringLiteral("time_first"), QStringLiteral("datetime"), other, mispTime(*o.firstSeen)});
    if (o.lastSeen)
        attrs.append({QStringLiteral("time_last"), QStringLiteral("datetime"), other, mispTime(*o.lastSeen)});
    if (o.count)
        attrs.append({QStringLiteral("count"), QStringLiteral("counter"), other, QString::number(*o.count)});
    attrs.append({QStringLiteral("sensor_id"), QStringLiteral("text"), other, record.sourceLabel});
    const QString originText = origin(source);
    if (!originText.isEmpty())
        attrs.append({QStringLiteral("origin"), QStringLiteral("text"), other, originText});
    const ObjectHead head{QStringLiteral("passive-dns"),
        QStringLiteral("Passive DNS records as expressed in draft-dulaunoy-dnsop-passive-dns-cof-07."),
        QString::fromLatin1(kPassiveDnsTemplate), QStringLiteral("5"),
        QStringLiteral("source: %1 (%2)").arg(record.sourceLabel, record.sourceKind),
        uuid(QStringLiteral("passive-dns|") + seed), o.firstSeen, o.lastSeen};
    if (!writeObject(head, attributeList(seed, attrs)))
        return false;

    if (o.rrtype == QLatin1String("A") || o.rrtype == QLatin1String("AAAA")) {
        const QByteArray key = o.rrname.toUtf8() + '\0' + o.rdata.toUtf8();
        auto it = m_domainIpIndex.constFind(key);
        if (it == m_domainIpIndex.constEnd()) {
            it = m_domainIpIndex.insert(key, m_domainIps.size());
            m_domainIps.append(DomainIp{key, {}, {}, {}});
        }
        DomainIp& d = m_domainIps[*it];
        if (o.firstSeen)
            d.first = std::min(d.first.value_or(*o.firstSeen), *o.firstSeen);
        if (o.lastSeen)
            d.last = std::max(d.last.value_or(*o.lastSeen), *o.lastSeen);
        if (!d.sources.contains(record.sourceId))
            d.sources.append(record.sourceId);
    }
    return true;
}

bool MispExporter::finish()
{
    const QString network = QStringLiteral("Network activity");
    const QString other = QStringLiteral("Other");
    for (const DomainIp& d : std::as_const(m_domainIps)) {
        const qsizetype nul = d.key.indexOf('\0');
        const QString domain = QString::fromUtf8(d.key.left(nul));
        const QString ip = QString::fromUtf8(d.key.mid(nul + 1));
        QStringList sources;
        for (const qint64 id : d.sources) {
            const SourceInfo* source = m_context->source(id);
            sources.append(source ? source->label : QStringLiteral("source %1").arg(id));
        }
        const QString seed = QStringLiteral("domain-ip|") + domain + u'|' + ip;
        QList<Attribute> attrs{
            {QStringLiteral("domain"), QStringLiteral("domain"), network, domain},
            {QStringLiteral("ip"), QStringLiteral("ip-dst"), network, ip},
        };
        if (d.first)
            attrs.append({QStringLiteral("first-seen"), QStringLiteral("datetime"), other, mispTime(*d.first)});
        if (d.last)
            attrs.append({QStringLiteral("last-seen"), QStringLiteral("datetime"), other, mispTime(*d.last)});
        attrs.append({QStringLiteral("text"), QStringLiteral("text"), other,
            QStringLiteral("seen by ") + sources.join(QStringLiteral(", "))});
        const ObjectHead head{QStringLiteral("domain-ip"),
            QStringLiteral("A domain/hostname and IP address seen as a tuple in a specific time frame."),
            QString::fromLatin1(kDomainIpTemplate), QStringLiteral("11"), {}, uuid(seed), d.first, d.last};
        if (!writeObject(head, attributeList(seed, attrs)))
            return false;
    }

    for (const Note& note : m_context->notes) {
        const Attribute a{{}, QStringLiteral("comment"), other, note.body,
            note.subject.isEmpty() ? QStringLiteral("analyst note")
                                   : QStringLiteral("analyst note on ") + note.subject};
        if (!keepAttribute(QStringLiteral("note|%1").arg(note.id), a))
            return false;
    }

    // Close the object list, then the attributes kept aside.
    if (!write(QByteArrayLiteral("\n],\n\"Attribute\": [\n")))
        return false;
    return writeSpooled(m_attributes, ",\n", {}, {}, QStringLiteral("MISP attributes"))
        && write(QByteArrayLiteral("\n]}}\n"));
}

} // namespace pdnsw
