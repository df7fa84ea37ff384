#pragma once

#include "models/CaseError.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace pdnsw {

class CaseFile;

// One question asked of one online provider: the audit log of the case.
struct ProviderQueryRecord
{
    qint64 id = 0;
    QString provider; // provider id: "dnsdb", "circl", "virustotal", ...
    QString question; // the name, address or CIDR asked
    QString parameters; // JSON object: rrtype, time fence, limit, depth, base URL (never a key)
    qint64 startedAt = 0;
    std::optional<qint64> finishedAt;
    std::optional<int> httpStatus; // of the last page
    int pages = 0;
    qint64 recordCount = 0;
    QString error; // empty when it succeeded
    qint64 sourceId = 0; // the source its observations went to
};

// One raw answer page, kept so re-parsing never spends quota again.
struct ProviderAnswerPage
{
    qint64 queryId = 0;
    int page = 0;
    QString url; // with any key redacted
    int httpStatus = 0;
    qint64 receivedAt = 0;
    QString sha256; // hex, of the uncompressed body
    QByteArray body; // uncompressed (stored compressed)
};

// Provider audit log in the case file (tables provider_queries and provider_answers).
class ProviderQueryLog
{
public:
    explicit ProviderQueryLog(CaseFile& file);

    qint64 begin(const ProviderQueryRecord& record, CaseError* error);
    bool addPage(const ProviderAnswerPage& page, CaseError* error); // computes sha256 when empty
    bool finish(const ProviderQueryRecord& record, CaseError* error); // by record.id
    // A query that will get no result (its run stopped, its case was closed): finished now with this reason,
    // its pages counted from what was stored. Does nothing to a query already finished.
    bool abandon(qint64 queryId, qint64 finishedAt, const QString& reason, CaseError* error);

    QList<ProviderQueryRecord> queries(const QString& provider = {}, int limit = 0) const;
    std::optional<ProviderQueryRecord> query(qint64 id) const;
    // The newest finished query without error for exactly this provider, question and parameters.
    std::optional<ProviderQueryRecord> latestSuccessful(
        const QString& provider, const QString& question, const QString& parameters) const;
    QList<ProviderAnswerPage> pages(qint64 queryId) const;

private:
    CaseFile& m_file;
};

} // namespace pdnsw
