#include "models/export/StixId.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QLocale>

#include <algorithm>
#include <cmath>

namespace pdnsw {

namespace {

void appendString(QByteArray& out, QStringView s)
{
    out += '"';
    // Characters that need no escape are written as UTF-8 in runs, not one conversion per character.
    qsizetype run = 0;
    const auto writeRun = [&](qsizetype end) {
        if (end > run)
            out += s.sliced(run, end - run).toUtf8();
    };
    for (qsizetype i = 0; i < s.size(); ++i) {
        const QChar c = s[i];
        if (c.isHighSurrogate() && i + 1 < s.size() && s[i + 1].isLowSurrogate()) {
            ++i; // a pair: UTF-8 as it is
            continue;
        }
        const char16_t u = c.unicode();
        const char* escape = nullptr;
        switch (u) {
        case u'"':
            escape = "\\\"";
            break;
        case u'\\':
            escape = "\\\\";
            break;
        case u'\b':
            escape = "\\b";
            break;
        case u'\f':
            escape = "\\f";
            break;
        case u'\n':
            escape = "\\n";
            break;
        case u'\r':
            escape = "\\r";
            break;
        case u'\t':
            escape = "\\t";
            break;
        default:
            break;
        }
        // A surrogate left here has no partner: written as \uXXXX.
        if (!escape && u >= 0x20 && !c.isSurrogate())
            continue;
        writeRun(i);
        if (escape)
            out += escape;
        else
            out += "\\u" + QByteArray::number(u, 16).rightJustified(4, '0');
        run = i + 1;
    }
    writeRun(s.size());
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

QUuid stixScoUuid(const QJsonObject& idContributingProperties)
{
    return QUuid::createUuidV5(stixScoNamespace(), jcsCanonical(idContributingProperties));
}

QString stixScoId(const QString& type, const QJsonObject& idContributingProperties)
{
    return type + QStringLiteral("--") + stixScoUuid(idContributingProperties).toString(QUuid::WithoutBraces);
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
