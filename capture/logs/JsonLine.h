#pragma once

#include <QByteArrayView>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>

#include <optional>

namespace pdnsw {

// One NDJSON line as an object; nullopt with a message that says what is wrong and where in the line.
std::optional<QJsonObject> parseJsonLine(QByteArrayView line, QString* problem);

// A JSON value as short text for error messages ("null", "true", 12, "abc").
QString jsonValueText(const QJsonValue& value);

} // namespace pdnsw
