#include "providers/JsonFields.h"

#include "models/UtcTime.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <cmath>

namespace pdnsw::JsonFields {

std::optional<qint64> integer(const QJsonValue& v)
{
    if (v.isDouble()) {
        const double d = v.toDouble();
        if (!std::isfinite(d) || d < -9.0e15 || d > 9.0e15)
            return std::nullopt;
        return static_cast<qint64>(d);
    }
    if (v.isString()) {
        bool ok = false;
        const qint64 n = v.toString().trimmed().toLongLong(&ok);
        if (ok)
            return n;
    }
    return std::nullopt;
}

QString text(const QJsonValue& v)
{
    if (v.isString())
        return v.toString();
    if (const auto n = v.isDouble() ? integer(v) : std::nullopt)
        return QString::number(*n);
    return {};
}

QStringList stringOrArray(const QJsonValue& v)
{
    QStringList result;
    if (v.isString()) {
        result.append(v.toString());
    } else if (v.isArray()) {
        const QJsonArray a = v.toArray();
        for (const QJsonValue& item : a) {
            if (item.isString())
                result.append(item.toString());
        }
    }
    return result;
}

std::optional<qint64> time(const QJsonValue& v)
{
    if (v.isDouble())
        return integer(v);
    if (v.isString()) {
        const QString s = v.toString().trimmed();
        if (s.isEmpty() || s.size() > 64)
            return std::nullopt;
        return parseUtcTime(s);
    }
    return std::nullopt;
}

QString compact(const QJsonObject& o)
{
    if (o.isEmpty())
        return {};
    // Qt escapes the C0 controls but writes DEL and the C1 controls as they are; attrs are shown as text, so
    // they get the JSON escape too (the same value when parsed back).
    const QString json = QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
    QString out;
    out.reserve(json.size());
    for (QChar c : json) {
        const char16_t u = c.unicode();
        if (u == 0x7f || (u >= 0x80 && u < 0xa0))
            out += QStringLiteral("\\u%1").arg(uint(u), 4, 16, QLatin1Char('0'));
        else
            out += c;
    }
    return out;
}

} // namespace pdnsw::JsonFields
