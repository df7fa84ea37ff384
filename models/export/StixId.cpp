#include "models/export/StixId.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QLocale>

#include <algorithm>
#include <cmath>

namespace pdnsw {

namespace {

void appendString(QByteArray& out, const QString& s)
{
    out += '"';
    for (qsizetype i = 0; i < s.size(); ++i) {
        const char16_t u = s[i].unicode();
        switch (u) {
        case u'"':
            out += "\\\"";
            continue;
        case u'\\':
            out += "\\\\";
            continue;
        case u'\b':
            out += "\\b";
            continue;
        case u'\f':
            out += "\\f";
            continue;
        case u'\n':
            out += "\\n";
            continue;
        case u'\r':
            out += "\\r";
            continue;
        case u'\t':
            out += "\\t";
            continue;
        default:
            break;
        }
        const bool loneSurrogate = (s[i].isHighSurrogate() && !(i + 1 < s.size() && s[i + 1].isLowSurrogate()))
            || (s[i].isLowSurrogate() && !(i > 0 && s[i - 1].isHighSurrogate()));
        if (u < 0x20 || loneSurrogate) {
            out += "\\u" + QByteArray::number(u, 16).rightJustified(4, '0');
        } else if (s[i].isHighSurrogate()) {
            out += QString(s.mid(i, 2)).toUtf8();
            ++i;
        } else {
            out += QString(QChar(u)).toUtf8();
        }
    }
    out += '"';
}

void appendNumber(QByteArray& out, double d)
{
    if (!std::isfinite(d)) {
        out += "null";
        return;
    }
    if (d == std::floor(d) && std::fabs(d) < 9007199254740992.0) {
        out += QByteArray::number(static_cast<qint64>(d));
        return;
    }
    out += QByteArray::number(d, 'g', QLocale::FloatingPointShortest);
}

void appendValue(QByteArray& out, const QJsonValue& value)
{
    switch (value.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        out += "null";
        break;
    case QJsonValue::Bool:
        out += value.toBool() ? "true" : "false";
        break;
    case QJsonValue::Double:
        appendNumber(out, value.toDouble());
        break;
    case QJsonValue::String:
        appendString(out, value.toString());
        break;
    case QJsonValue::Array: {
        out += '[';
        const QJsonArray array = value.toArray();
        for (qsizetype i = 0; i < array.size(); ++i) {
            if (i)
                out += ',';
            appendValue(out, array.at(i));
        }
        out += ']';
        break;
    }
    case QJsonValue::Object: {
        const QJsonObject object = value.toObject();
        QStringList keys = object.keys();
        // UTF-16 code unit order, as RFC 8785 asks.
        std::sort(keys.begin(), keys.end(), [](const QString& a, const QString& b) {
            return std::lexicographical_compare(a.utf16(), a.utf16() + a.size(), b.utf16(), b.utf16() + b.size());
        });
        out += '{';
        for (qsizetype i = 0; i < keys.size(); ++i) {
            if (i)
                out += ',';
            appendString(out, keys.at(i));
            out += ':';
            appendValue(out, object.value(keys.at(i)));
        }
        out += '}';
        break;
    }
    }
}

} // namespace

QByteArray jcsCanonical(const QJsonValue& value)
{
    QByteArray out;
    appendValue(out, value);
    return out;
}

QUuid stixScoNamespace()
{
    return QUuid(QStringLiteral("00abedb4-aa42-466c-9c01-fed23315a9b7"));
}

QString stixScoId(const QString& type, const QJsonObject& idContributingProperties)
{
    const QUuid uuid = QUuid::createUuidV5(stixScoNamespace(), jcsCanonical(idContributingProperties));
    return type + QStringLiteral("--") + uuid.toString(QUuid::WithoutBraces);
}

QUuid workbenchUuid(const QString& seed)
{
    // The workbench namespace: UUIDv5 of its name in the RFC 4122 DNS namespace.
    static const QUuid ns = QUuid::createUuidV5(
        QUuid(QStringLiteral("6ba7b810-9dad-11d1-80b4-00c04fd430c8")), QByteArrayLiteral("pdns-workbench.invalid"));
    return QUuid::createUuidV5(ns, seed.toUtf8());
}

QString stixObjectId(const QString& type, const QString& seed)
{
    return type + QStringLiteral("--") + workbenchUuid(type + u'|' + seed).toString(QUuid::WithoutBraces);
}

} // namespace pdnsw
