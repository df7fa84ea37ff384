#include "models/export/ExportText.h"

#include "models/UtcTime.h"

#include <QDateTime>

namespace pdnsw {

namespace {

QDateTime utc(qint64 seconds)
{
    return QDateTime::fromSecsSinceEpoch(seconds, Qt::UTC);
}

bool isInvisible(char16_t u)
{
    return (u >= 0x200b && u <= 0x200f) || (u >= 0x202a && u <= 0x202e) || (u >= 0x2060 && u <= 0x2069) || u == 0xfeff
        || u == 0x061c || u == 0x00ad || u == 0xfffe || u == 0xffff || u == 0x2028 || u == 0x2029;
}

} // namespace

QString exportIsoTime(qint64 secondsSinceEpoch)
{
    if (isPlainUtcTime(secondsSinceEpoch))
        return formatUtcTime(secondsSinceEpoch);
    return utc(secondsSinceEpoch).toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss")) + u'Z';
}

QString stixTime(qint64 secondsSinceEpoch)
{
    if (isPlainUtcTime(secondsSinceEpoch))
        return formatUtcTime(secondsSinceEpoch).chopped(1) + QStringLiteral(".000Z");
    return utc(secondsSinceEpoch).toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss")) + QStringLiteral(".000Z");
}

QString mispTime(qint64 secondsSinceEpoch)
{
    if (isPlainUtcTime(secondsSinceEpoch))
        return formatUtcTime(secondsSinceEpoch).chopped(1) + QStringLiteral(".000000+00:00");
    return utc(secondsSinceEpoch).toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss")) + QStringLiteral(".000000+00:00");
}

QString visibleText(QStringView text)
{
    QString result;
    result.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        const char16_t u = c.unicode();
        if (u < 0x20 || u == 0x7f || (u >= 0x80 && u < 0xa0)) {
            result += QStringLiteral("\\x") + QString::number(u, 16).rightJustified(2, u'0');
        } else if (isInvisible(u)) {
            result += QStringLiteral("\\u") + QString::number(u, 16).rightJustified(4, u'0');
        } else if (c.isHighSurrogate() && i + 1 < text.size() && text[i + 1].isLowSurrogate()) {
            result += c;
            result += text[++i];
        } else if (c.isSurrogate()) {
            result += QStringLiteral("\\u") + QString::number(u, 16).rightJustified(4, u'0');
        } else {
            result += c;
        }
    }
    return result;
}

QString htmlText(QStringView text)
{
    return visibleText(text).toHtmlEscaped();
}

bool isXmlSafe(QStringView text)
{
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char16_t u = text[i].unicode();
        if (u < 0x20 && u != 0x09 && u != 0x0a && u != 0x0d)
            return false;
        if (u == 0xfffe || u == 0xffff)
            return false;
        if (text[i].isHighSurrogate()) {
            if (i + 1 >= text.size() || !text[i + 1].isLowSurrogate())
                return false;
            ++i;
        } else if (text[i].isLowSurrogate()) {
            return false;
        }
    }
    return true;
}

} // namespace pdnsw
