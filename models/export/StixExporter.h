#pragma once

#include "models/export/Exporter.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QTemporaryFile>
#include <QUuid>

namespace pdnsw {

// A STIX 2.1 bundle of the evidence: domain-name / ipv4-addr / ipv6-addr SCOs with deterministic ids and
// resolves_to_refs; per observation a resolves-to relationship (start_time/stop_time) and an observed-data
// (first_observed/last_observed/number_observed, object_refs = the SCOs and the relationship), provenance in
// external_references (source label, kind, SHA-256); negative answers as observed-data with x_pdnsw_rcode;
// notes as note objects; a grouping for the case that refers to everything.
//
// Streams: each record's objects are written as it comes, one object per line, and their ids go to a temporary
// file for the grouping. Only the SCOs wait for the end (their resolves_to_refs grow with the records), so
// memory follows the distinct names and addresses, not the records: a whole 10 M-row case exports. An SCO is
// kept small for that (millions in a large case): its id as a UUID, made into text when written, and its value
// also its key.
class StixExporter : public Exporter
{
public:
    bool add(const SourcedObservation& record) override;
    bool finish() override;

protected:
    bool start() override;

private:
    enum class ScoType : quint8
    {
        DomainName,
        Ipv4Addr,
        Ipv6Addr
    };
    struct Sco
    {
        QString value;
        QUuid uuid; // of the id: "<type>--<uuid>"
        ScoType type = ScoType::DomainName;
        QList<qsizetype> targets; // resolves_to_refs, as indexes into m_scos
    };

    static QString typeName(ScoType type);
    static QString scoId(const Sco& sco);
    qsizetype scoFor(const QString& value, bool* isAddress = nullptr);
    // The compact JSON of a record's external_references: one per source.
    const QByteArray& externalReferences(const SourcedObservation& record);
    bool writeObject(const QString& id, const QByteArray& json);
    bool writeObject(const QJsonObject& object);

    QList<Sco> m_scos; // in first-seen order
    QHash<QString, qsizetype> m_scoByValue; // index in m_scos; the value's form gives its type
    QTemporaryFile m_ids; // ids of the objects written so far, one per line, for the grouping
    QHash<qint64, QByteArray> m_references; // source id -> external_references
    QByteArray m_line; // the object being written
    QByteArray m_refs; // a JSON array of ids being built
    bool m_first = true;
};

} // namespace pdnsw
