#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

namespace pdnsw {

// Removes secrets from anything that may be shown, logged or stored: error messages, URLs, headers and bodies
// of error answers. It knows the configured keys (and their percent-encoded and Basic-auth forms) and also
// blanks the usual credential carriers (apikey= parameters, Authorization / X-API-Key style headers).
class Redactor
{
public:
    void addSecret(const QByteArray& secret);
    QString redact(const QString& text) const;
    QByteArray redact(const QByteArray& text) const;
    bool isEmpty() const { return m_secrets.isEmpty(); }

    static QString marker() { return QStringLiteral("[redacted]"); }
    // The generic pass only (no known secrets): query parameters and credential headers.
    static QString redactCarriers(const QString& text);

private:
    QList<QByteArray> m_secrets; // longest first, so a key containing another is blanked whole
};

} // namespace pdnsw
