#pragma once

#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QStringList>

#include <optional>

namespace pdnsw::JsonFields {

// Services send numbers as strings and strings as numbers (CIRCL's COF sample does both); these accept either.
std::optional<qint64> integer(const QJsonValue& v);
// A string, or a number printed as an integer; empty for anything else.
QString text(const QJsonValue& v);
// A string or an array of strings (COF rdata); non-strings are skipped.
QStringList stringOrArray(const QJsonValue& v);
// Epoch seconds from a number, a numeric string or an ISO 8601 string (no zone = UTC).
std::optional<qint64> time(const QJsonValue& v);
// Compact JSON of an object (the Observation::attrs form); empty when the object is empty.
QString compact(const QJsonObject& o);

} // namespace pdnsw::JsonFields
