#include "models/export/MispExporter.h"

#include "models/export/ExportText.h"
#include "models/export/StixId.h"

#include <QDateTime>
#include <QJsonDocument>

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

void setSeen(QJsonObject& object, const std::optional<qint64>& first, const std::optional<qint64>& last)
{
    if (first)
        object.insert(QStringLiteral("first_seen"), mispTime(*first));
    if (last)
        object.insert(QStringLiteral("last_seen"), mispTime(std::max(*last, first.value_or(*last))));
}

} // namespace

QJsonObject MispExporter::attribute(const QString& seed, const QString& relation, const QString& type,
    const QString& category, const QString& value) const
{
    QJsonObject a;
    a.insert(QStringLiteral("uuid"), uuid(seed + u'|' + relation + u'|' + value));
    if (!relation.isEmpty())
        a.insert(QStringLiteral("object_relation"), relation);
    a.insert(QStringLiteral("type"), type);
    a.insert(QStringLiteral("category"), category);
    a.insert(QStringLiteral("value"), value);
    a.insert(QStringLiteral("to_ids"), false);
    a.insert(QStringLiteral("disable_correlation"), false);
    a.insert(QStringLiteral("distribution"), QStringLiteral("5"));
    a.insert(QStringLiteral("timestamp"), QString::number(m_context->exportTime));
    return a;
}

bool MispExporter::start()
{
    // info: at most 256 characters and no line breaks.
    QString info = QStringLiteral("PDNS Workbench case %1").arg(visibleText(m_context->caseTitle));
    if (info.size() > 256)
        info = info.left(253) + QStringLiteral("...");
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

bool MispExporter::writeObject(const QJsonObject& object)
{
    const QByteArray separator = m_firstObject ? QByteArray() : QByteArrayLiteral(",\n");
    m_firstObject = false;
    return write(separator + QJsonDocument(object).toJson(QJsonDocument::Compact));
}

bool MispExporter::keepAttribute(const QJsonObject& attribute)
{
    // Compact JSON escapes line breaks inside strings: one attribute per line.
    return spool(
        m_attributes, QJsonDocument(attribute).toJson(QJsonDocument::Compact), QStringLiteral("MISP attributes"));
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
        QJsonObject a = attribute(seed, {}, QStringLiteral("comment"), other,
            QStringLiteral("%1 answered %2 (%3) per %4").arg(o.rrname, o.rdata, o.rrtype, record.sourceLabel));
        a.insert(QStringLiteral("comment"), QStringLiteral("negative answer"));
        setSeen(a, o.firstSeen, o.lastSeen);
        return keepAttribute(a);
    }

    QJsonArray attrs{
        attribute(seed, QStringLiteral("rrname"), QStringLiteral("text"), network, o.rrname),
        attribute(seed, QStringLiteral("rrtype"), QStringLiteral("text"), network, o.rrtype),
        attribute(seed, QStringLiteral("rdata"), QStringLiteral("text"), network, o.rdata),
    };
    if (o.firstSeen)
        attrs.append(
            attribute(seed, QStringLiteral("time_first"), QStringLiteral("datetime"), other, mispTime(*o.firstSeen)));
    if (o.lastSeen)
        attrs.append(
            attribute(seed, QStringLiteral("time_last"), QStringLiteral("datetime"), other, mispTime(*o.lastSeen)));
    if (o.count)
        attrs.append(
            attribute(seed, QStringLiteral("count"), QStringLiteral("counter"), other, QString::number(*o.count)));
    attrs.append(attribute(seed, QStringLiteral("sensor_id"), QStringLiteral("text"), other, record.sourceLabel));
    const QString originText = origin(source);
    if (!originText.isEmpty())
        attrs.append(attribute(seed, QStringLiteral("origin"), QStringLiteral("text"), other, originText));

    QJsonObject object;
    object.insert(QStringLiteral("uuid"), uuid(QStringLiteral("passive-dns|") + seed));
    object.insert(QStringLiteral("name"), QStringLiteral("passive-dns"));
    object.insert(QStringLiteral("meta-category"), QStringLiteral("network"));
    object.insert(QStringLiteral("description"),
        QStringLiteral("Passive DNS records as expressed in draft-dulaunoy-dnsop-passive-dns-cof-07."));
    object.insert(QStringLiteral("template_uuid"), QString::fromLatin1(kPassiveDnsTemplate));
    object.insert(QStringLiteral("template_version"), QStringLiteral("5"));
    object.insert(QStringLiteral("timestamp"), QString::number(m_context->exportTime));
    object.insert(QStringLiteral("distribution"), QStringLiteral("5"));
    object.insert(QStringLiteral("sharing_group_id"), QStringLiteral("0"));
    object.insert(
        QStringLiteral("comment"), QStringLiteral("source: %1 (%2)").arg(record.sourceLabel, record.sourceKind));
    setSeen(object, o.firstSeen, o.lastSeen);
    object.insert(QStringLiteral("Attribute"), attrs);
    if (!writeObject(object))
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
        QJsonArray attrs{
            attribute(seed, QStringLiteral("domain"), QStringLiteral("domain"), network, domain),
            attribute(seed, QStringLiteral("ip"), QStringLiteral("ip-dst"), network, ip),
        };
        if (d.first)
            attrs.append(
                attribute(seed, QStringLiteral("first-seen"), QStringLiteral("datetime"), other, mispTime(*d.first)));
        if (d.last)
            attrs.append(
                attribute(seed, QStringLiteral("last-seen"), QStringLiteral("datetime"), other, mispTime(*d.last)));
        attrs.append(attribute(seed, QStringLiteral("text"), QStringLiteral("text"), other,
            QStringLiteral("seen by ") + sources.join(QStringLiteral(", "))));
        QJsonObject object;
        object.insert(QStringLiteral("uuid"), uuid(seed));
        object.insert(QStringLiteral("name"), QStringLiteral("domain-ip"));
        object.insert(QStringLiteral("meta-category"), QStringLiteral("network"));
        object.insert(QStringLiteral("description"),
            QStringLiteral("A domain/hostname and IP address seen as a tuple in a specific time frame."));
        object.insert(QStringLiteral("template_uuid"), QString::fromLatin1(kDomainIpTemplate));
        object.insert(QStringLiteral("template_version"), QStringLiteral("11"));
        object.insert(QStringLiteral("timestamp"), QString::number(m_context->exportTime));
        object.insert(QStringLiteral("distribution"), QStringLiteral("5"));
        object.insert(QStringLiteral("sharing_group_id"), QStringLiteral("0"));
        setSeen(object, d.first, d.last);
        object.insert(QStringLiteral("Attribute"), attrs);
        if (!writeObject(object))
            return false;
    }

    for (const Note& note : m_context->notes) {
        QJsonObject a
            = attribute(QStringLiteral("note|%1").arg(note.id), {}, QStringLiteral("comment"), other, note.body);
        a.insert(QStringLiteral("comment"),
            note.subject.isEmpty() ? QStringLiteral("analyst note")
                                   : QStringLiteral("analyst note on ") + note.subject);
        if (!keepAttribute(a))
            return false;
    }

    // Close the object list, then the attributes kept aside.
    if (!write(QByteArrayLiteral("\n],\n\"Attribute\": [\n")))
        return false;
    return writeSpooled(m_attributes, ",\n", {}, {}, QStringLiteral("MISP attributes"))
        && write(QByteArrayLiteral("\n]}}\n"));
}

} // namespace pdnsw
