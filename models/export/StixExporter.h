#pragma once

#include "models/export/Exporter.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QSet>

namespace pdnsw {

// A STIX 2.1 bundle of the evidence: domain-name / ipv4-addr / ipv6-addr SCOs with deterministic ids and
// resolves_to_refs; per observation a resolves-to relationship (start_time/stop_time) and an observed-data
// (first_observed/last_observed/number_observed, object_refs = the SCOs and the relationship), provenance in
// external_references (source label, kind, SHA-256); negative answers as observed-data with x_pdnsw_rcode;
// notes as note objects; a grouping for the case that refers to everything.
class StixExporter : public Exporter
{
public:
    bool add(const SourcedObservation& record) override;
    bool finish() override;

private:
    QString scoFor(const QString& value, bool* isAddress = nullptr);
    QJsonArray externalReferences(const SourcedObservation& record) const;

    QList<QJsonObject> m_scos;
    QHash<QString, qsizetype> m_scoIndex; // id -> index in m_scos
    QHash<QString, QStringList> m_resolvesTo; // domain id -> target ids
    QHash<QString, QString> m_idByValue;
    QList<QJsonObject> m_relationships;
    QList<QJsonObject> m_observed;
};

} // namespace pdnsw
