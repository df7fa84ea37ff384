#include "providers/Redactor.h"

#include <QRegularExpression>
#include <QUrl>

#include <algorithm>

namespace pdnsw {

void Redactor::addSecret(const QByteArray& secret)
{
    if (secret.size() < 4)
        return; // too short to blank without destroying ordinary text; such keys are refused elsewhere
    QList<QByteArray> forms{secret, QUrl::toPercentEncoding(QString::fromUtf8(secret)), secret.toBase64()};
    // The Basic-auth form of "user:pass" and of the password alone.
    const qsizetype colon = secret.indexOf(':');
    if (colon > 0)
        forms.append(secret.mid(colon + 1));
    for (const QByteArray& f : forms) {
        if (f.size() >= 4 && !m_secrets.contains(f))
            m_secrets.append(f);
    }
    std::sort(m_secrets.begin(), m_secrets.end(),
        [](const QByteArray& a, const QByteArray& b) { return a.size() > b.size(); });
}

QString Redactor::redact(const QString& text) const
{
    QString result = text;
    for (const QByteArray& s : m_secrets)
        result.replace(QString::fromUtf8(s), marker());
    return redactCarriers(result);
}

QByteArray Redactor::redact(const QByteArray& text) const
{
    QByteArray result = text;
    const QByteArray m = marker().toUtf8();
    for (const QByteArray& s : m_secrets)
        result.replace(s, m);
    return result;
}

QString Redactor::redactCarriers(const QString& text)
{
    static const QRegularExpression query(
        QStringLiteral(R"(([?&](?:api[_-]?key|apikey|key|token|access_token|client_secret)=)[^&#\s]*)"),
        QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression header(
        QStringLiteral(R"(((?:authorization|x-api-key|x-apikey|apikey|x-otx-api-key|argus-api-key)\s*:\s*)[^\r\n]*)"),
        QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression userinfo(
        QStringLiteral(R"((https?://)[^/@\s]+@)"), QRegularExpression::CaseInsensitiveOption);
    QString result = text;
    result.replace(query, QStringLiteral("\\1") + marker());
    result.replace(header, QStringLiteral("\\1") + marker());
    result.replace(userinfo, QStringLiteral("\\1") + marker() + QLatin1Char('@'));
    return result;
}

} // namespace pdnsw
