#include "models/itemmodels/UntrustedText.h"

#include "models/DomainName.h"

#include <QDateTime>
#include <QLocale>
#include <QTimeZone>

namespace pdnsw {
namespace {

bool isControl(char16_t u)
{
    return u < 0x20 || u == 0x7f || (u >= 0x80 && u < 0xa0);
}

// Characters that change how surrounding text is ordered or shown without being visible themselves.
bool isInvisibleFormat(char16_t u)
{
    return (u >= 0x200b && u <= 0x200f) || (u >= 0x202a && u <= 0x202e) || (u >= 0x2060 && u <= 0x2069) || u == 0xfeff
        || u == 0x061c || u == 0x00ad || (u >= 0xfff9 && u <= 0xfffb) || u == 0x2028 || u == 0x2029;
}

} // namespace

QString visibleText(QStringView text, qsizetype maxLength)
{
    // A cut saves nothing when the marker is about as long as what it replaces: 42 characters at most 40 stay whole.
    const QString marker = QStringLiteral("\u2026 (%1 characters)").arg(text.size());
    const qsizetype limit = text.size() <= maxLength + marker.size() ? maxLength + marker.size() : maxLength;
    QString result;
    result.reserve(std::min(text.size(), limit) + 8);
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (result.size() >= limit) {
            result += marker;
            break;
        }
        const QChar c = text.at(i);
        const char16_t u = c.unicode();
        const bool pairedSurrogate = (c.isHighSurrogate() && i + 1 < text.size() && text.at(i + 1).isLowSurrogate())
            || (c.isLowSurrogate() && i > 0 && text.at(i - 1).isHighSurrogate());
        if (isControl(u))
            result += QStringLiteral("\\x%1").arg(int(u), 2, 16, QLatin1Char('0'));
        else if (isInvisibleFormat(u) || (c.isSurrogate() && !pairedSurrogate))
            result += QStringLiteral("\\u%1").arg(int(u), 4, 16, QLatin1Char('0'));
        else
            result += c;
    }
    return result;
}

QString htmlFragment(QStringView text, qsizetype maxLength)
{
    return visibleText(text, maxLength).toHtmlEscaped();
}

QString toolTipText(QStringView text, qsizetype maxLength)
{
    QString body;
    const auto lines = text.split(u'\n');
    qsizetype budget = maxLength;
    for (qsizetype i = 0; i < lines.size() && budget > 0; ++i) {
        const QString line = visibleText(lines.at(i), budget);
        budget -= line.size();
        if (i > 0)
            body += QStringLiteral("<br>");
        body += line.toHtmlEscaped();
    }
    return QStringLiteral("<qt>") + body + QStringLiteral("</qt>");
}

QString nameWithUnicode(QStringView aLabelName)
{
    const QString unicode = domainNameForDisplay(aLabelName);
    if (unicode.compare(aLabelName, Qt::CaseInsensitive) == 0)
        return aLabelName.toString();
    return QStringLiteral("%1 (%2)").arg(aLabelName, unicode);
}

QString tableTime(const std::optional<qint64>& seconds, QStringView granularity)
{
    if (!seconds)
        return {};
    const QDateTime t = QDateTime::fromSecsSinceEpoch(*seconds, QTimeZone::utc());
    if (granularity == u"day")
        return t.toString(QStringLiteral("yyyy-MM-dd"));
    return t.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

QString countText(const std::optional<qint64>& count)
{
    // Grouped with commas like "41,002" whatever the user's locale, so tables and reports read the same.
    static const QLocale grouping(QLocale::English, QLocale::UnitedStates);
    return count ? grouping.toString(*count) : QString();
}

QString byteSizeText(qint64 bytes)
{
    if (bytes < 0)
        return {};
    return QLocale::c().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

} // namespace pdnsw
