#include "capture/logs/JsonLine.h"

#include "capture/logs/LogFieldText.h"

#include <QJsonDocument>
#include <QJsonParseError>

namespace pdnsw {

std::optional<QJsonObject> parseJsonLine(QByteArrayView line, QString* problem)
{
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(line.toByteArray(), &error);
    if (error.error != QJsonParseError::NoError) {
        if (problem) {
            *problem = QStringLiteral("not valid JSON (%1 at byte %2); the line is skipped")
                           .arg(error.errorString())
                           .arg(error.offset + 1);
        }
        return std::nullopt;
    }
    if (!document.isObject()) {
        if (problem)
            *problem = QStringLiteral("a JSON array where one object per line was expected; the line is skipped");
        return std::nullopt;
    }
    return document.object();
}

QString jsonValueText(const QJsonValue& value)
{
    switch (value.type()) {
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Double:
        return QString::number(value.toDouble(), 'g', 17);
    case QJsonValue::String:
        return value.toString();
    case QJsonValue::Array:
        return QStringLiteral("[...]");
    case QJsonValue::Object:
        return QStringLiteral("{...}");
    case QJsonValue::Undefined:
        break;
    }
    return QStringLiteral("(missing)");
}

} // namespace pdnsw
