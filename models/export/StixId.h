#pragma once

#include <QJsonValue>
#include <QString>
#include <QUuid>

namespace pdnsw {

// RFC 8785 JSON Canonicalization Scheme for the values STIX id-contributing properties use: objects with keys
// sorted by UTF-16 code units, arrays, strings with minimal escaping, integers, booleans, null.
QByteArray jcsCanonical(const QJsonValue& value);

// The STIX 2.1 namespace for deterministic SCO ids: 00abedb4-aa42-466c-9c01-fed23315a9b7.
QUuid stixScoNamespace();

// "domain-name--<UUIDv5 over the canonical JSON of the id-contributing properties>", e.g.
// stixScoId("domain-name", {"value": "example.com"}) = "domain-name--bedb4899-d24b-5401-bc86-8f6b4cc18ec7".
QString stixScoId(const QString& type, const QJsonObject& idContributingProperties);
// The UUID part of it, for callers that keep many ids and make their text only when writing them.
QUuid stixScoUuid(const QJsonObject& idContributingProperties);

// Deterministic ids for what PDNS Workbench generates (relationships, observed-data, notes, groupings, MISP
// uuids): UUIDv5 in the workbench's own namespace over a seed that names the thing. Re-exporting the same case
// gives the same ids, so platforms merge instead of duplicating.
QUuid workbenchUuid(const QString& seed);
QString stixObjectId(const QString& type, const QString& seed);

} // namespace pdnsw
