#pragma once

#include "models/export/Exporter.h"

#include <QHash>
#include <QTemporaryFile>
#include <QVarLengthArray>

namespace pdnsw {

// A MISP event (JSON, {"Event": {...}}): one passive-dns object per positive observation (rrname, rrtype, rdata,
// time_first, time_last, count, sensor_id, origin; object first_seen/last_seen set), one domain-ip object per
// (name, address) over all sources, negative answers and analyst notes as comment attributes. Template uuids and
// versions as in misp-objects (passive-dns v5, domain-ip v11). Every uuid is deterministic.
//
// Streams: the passive-dns objects are written as the records come, and the comment attributes go to a temporary
// file until the object list is closed. Only the domain-ip tuples wait for the end (their times and sources grow
// with the records), so memory follows the distinct (name, address) pairs, not the records.
class MispExporter : public Exporter
{
public:
    static const char* const kPassiveDnsTemplate; // b77b7b1c-66ab-4a41-8da4-83810f6d2d6c
    static const char* const kDomainIpTemplate; // 43b3b146-77eb-4931-b4cc-b66c60f28734

    bool add(const SourcedObservation& record) override;
    bool finish() override;

protected:
    bool start() override;

private:
    // One per (name, address), small: a whole case can have millions.
    struct DomainIp
    {
        QByteArray key; // name, NUL, address (UTF-8); shares its bytes with m_domainIpIndex's key
        std::optional<qint64> first;
        std::optional<qint64> last;
        QVarLengthArray<qint64, 2> sources; // source ids, in the order first seen
    };

    struct Attribute
    {
        QString relation; // object_relation; empty for the event's own attributes
        QString type;
        QString category;
        QString value;
        QString comment;
        std::optional<qint64> first;
        std::optional<qint64> last;
    };

    // Written as text (CompactJsonObject), in the bytes QJsonDocument would give: a whole case can have millions.
    void appendAttribute(QByteArray& out, const QString& seed, const Attribute& attribute) const;
    QByteArray attributeList(const QString& seed, const QList<Attribute>& attributes) const;

    // What a passive-dns or domain-ip object says besides its attributes.
    struct ObjectHead
    {
        QString name;
        QString description;
        QString templateUuid;
        QString templateVersion;
        QString comment; // none when empty
        QString uuid;
        std::optional<qint64> first;
        std::optional<qint64> last;
    };

    bool writeObject(const ObjectHead& head, const QByteArray& attributes);
    bool keepAttribute(const QString& seed, const Attribute& attribute);

    QTemporaryFile m_attributes; // the event's own attributes, one JSON object per line, written in finish()
    QString m_timestamp; // the export time, as MISP writes timestamps
    QByteArray m_line; // reused for every object and spooled attribute
    bool m_firstObject = true;
    QList<DomainIp> m_domainIps;
    QHash<QByteArray, qsizetype> m_domainIpIndex;
};

} // namespace pdnsw
