#pragma once

#include "models/Observation.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QString>

namespace pdnsw {

// What a name resolves to right now, asked of the system resolver (res_nquery, so the rcode is known and
// NXDOMAIN shows as such rather than as a generic failure). Answers become observations of a "lookup" source:
// first = last = the moment asked, TTL as the TTL range; NXDOMAIN and NODATA become negative observations.
struct NowAnswer
{
    QString name;
    QString rcode; // "NOERROR", "NXDOMAIN", "SERVFAIL", ... or empty when nothing answered
    QList<Observation> records; // A/AAAA/CNAME answers, or negatives
    QString error; // the resolver could not be asked or did not answer
    qint64 askedAt = 0;
};

class SystemResolver
{
public:
    // Blocking (the resolver's own timeouts apply): call from a worker thread, or use NowLookup.
    static NowAnswer lookup(const QString& name);
    // Maps one DNS response message (bounds-checked; hostile input is fine) to observations of `name`.
    // Returns the rcode mnemonic, or empty when the message is not a usable response.
    static QString parseResponse(
        const QByteArray& message, const QString& name, quint16 qtype, qint64 now, QList<Observation>* out);
};

// Runs SystemResolver::lookup on its own thread and reports back on the caller's thread.
class NowLookup : public QObject
{
    Q_OBJECT
public:
    explicit NowLookup(QObject* parent = nullptr);
    void start(const QString& name);

signals:
    void finished(const pdnsw::NowAnswer& answer);
};

} // namespace pdnsw

Q_DECLARE_METATYPE(pdnsw::NowAnswer)
