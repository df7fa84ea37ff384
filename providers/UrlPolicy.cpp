#include "providers/UrlPolicy.h"

#include <arpa/inet.h>

namespace pdnsw::UrlPolicy {

bool isLoopbackHost(const QString& host)
{
    QString h = host.toLower();
    if (h.startsWith(QLatin1Char('[')) && h.endsWith(QLatin1Char(']')))
        h = h.mid(1, h.size() - 2);
    if (h == QLatin1String("localhost"))
        return true;
    const QByteArray latin = h.toLatin1();
    in_addr v4{};
    if (inet_pton(AF_INET, latin.constData(), &v4) == 1)
        return (ntohl(v4.s_addr) >> 24) == 127;
    in6_addr v6{};
    if (inet_pton(AF_INET6, latin.constData(), &v6) == 1)
        return IN6_IS_ADDR_LOOPBACK(&v6);
    return false;
}

QString checkUrl(const QString& url)
{
    const QUrl u(url, QUrl::StrictMode);
    if (!u.isValid() || u.host().isEmpty())
        return QStringLiteral("'%1' is not a valid URL").arg(url.left(200));
    if (!u.userInfo().isEmpty())
        return QStringLiteral("'%1' carries credentials in the URL; use PDNSW_<ID>_KEY or the keychain")
            .arg(u.toString(QUrl::RemoveUserInfo));
    const QString scheme = u.scheme().toLower();
    if (scheme == QLatin1String("https"))
        return {};
    if (scheme == QLatin1String("http") && isLoopbackHost(u.host()))
        return {};
    if (scheme == QLatin1String("http"))
        return QStringLiteral("'%1' uses plain http; only https is allowed (http only to a loopback address)")
            .arg(url.left(200));
    return QStringLiteral("'%1' uses the scheme '%2'; only https is allowed").arg(url.left(200), scheme);
}

QString encodeSegment(const QString& segment)
{
    // toPercentEncoding keeps only ALPHA / DIGIT / "-" / "." / "_" / "~"; "." and ".." alone would be path
    // steps, so they are encoded too.
    QByteArray encoded = QUrl::toPercentEncoding(segment);
    if (encoded == "." || encoded == "..")
        encoded.replace('.', "%2E");
    return QString::fromLatin1(encoded);
}

QString build(const QString& baseUrl, const QStringList& segments, const QList<QPair<QString, QString>>& query)
{
    QString url = baseUrl;
    while (url.endsWith(QLatin1Char('/')))
        url.chop(1);
    for (const QString& s : segments)
        url += QLatin1Char('/') + encodeSegment(s);
    for (qsizetype i = 0; i < query.size(); ++i) {
        url += QLatin1Char(i == 0 ? '?' : '&');
        url += QString::fromLatin1(QUrl::toPercentEncoding(query.at(i).first)) + QLatin1Char('=')
            + QString::fromLatin1(QUrl::toPercentEncoding(query.at(i).second));
    }
    return url;
}

QByteArray protocolsFor(const QString& url)
{
    const QUrl u(url);
    if (u.scheme().compare(QLatin1String("http"), Qt::CaseInsensitive) == 0 && isLoopbackHost(u.host()))
        return QByteArrayLiteral("http");
    return QByteArrayLiteral("https");
}

QString checkFollowUp(const QString& fromUrl, const QString& toUrl)
{
    const QUrl from(fromUrl);
    const QUrl to = from.resolved(QUrl(toUrl));
    if (!to.isValid())
        return QStringLiteral("the server sent an invalid follow-up URL");
    const QString toScheme = to.scheme().toLower();
    if (toScheme != QLatin1String("https")
        && !(toScheme == QLatin1String("http") && from.scheme().compare(QLatin1String("http"), Qt::CaseInsensitive) == 0
            && isLoopbackHost(to.host())))
        return QStringLiteral("the server redirected to a %1 URL (%2); only https is followed")
            .arg(toScheme.isEmpty() ? QStringLiteral("relative") : toScheme, to.toString(QUrl::RemoveQuery).left(200));
    if (to.host().compare(from.host(), Qt::CaseInsensitive) != 0 || to.port(-1) != from.port(-1))
        return QStringLiteral("the server redirected to another host (%1); not followed, so the key stays with %2")
            .arg(to.host().left(100), from.host());
    return {};
}

} // namespace pdnsw::UrlPolicy
