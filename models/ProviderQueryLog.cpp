#include "models/ProviderQueryLog.h"

#include "models/CaseFile.h"
#include "models/SqlStatement.h"

#include <QCryptographicHash>

#include <sqlite3.h>

namespace pdnsw {

namespace {

constexpr const char* kQueryColumns
    = "id, provider, question, parameters, started_at, finished_at, http_status, pages, "
      "record_count, error, source_id";

ProviderQueryRecord readQuery(const SqlStatement& st)
{
    ProviderQueryRecord r;
    r.id = st.int64(0);
    r.provider = st.text(1);
    r.question = st.text(2);
    r.parameters = st.text(3);
    r.startedAt = st.int64(4);
    r.finishedAt = st.optInt64(5);
    if (!st.isNull(6))
        r.httpStatus = static_cast<int>(st.int64(6));
    r.pages = static_cast<int>(st.int64(7));
    r.recordCount = st.int64(8);
    r.error = st.text(9);
    r.sourceId = st.isNull(10) ? 0 : st.int64(10);
    return r;
}

QByteArray selectQueries(const char* rest)
{
    return QByteArray("SELECT ") + kQueryColumns + " FROM provider_queries " + rest;
}

} // namespace

ProviderQueryLog::ProviderQueryLog(CaseFile& file)
    : m_file(file)
{
}

qint64 ProviderQueryLog::begin(const ProviderQueryRecord& record, CaseError* error)
{
    SqlStatement st(m_file.handle(),
        "INSERT INTO provider_queries(provider, question, parameters, started_at, source_id) "
        "VALUES (?1, ?2, ?3, ?4, ?5)");
    st.bind(1, record.provider);
    st.bind(2, record.question);
    st.bind(3, record.parameters);
    st.bind(4, record.startedAt);
    if (record.sourceId > 0)
        st.bind(5, record.sourceId);
    else
        st.bindNull(5);
    if (!st.exec()) {
        if (error)
            error->set(
                CaseError::Kind::Sql, QStringLiteral("Cannot log the %1 query: %2").arg(record.provider, st.error()));
        return 0;
    }
    return sqlite3_last_insert_rowid(m_file.handle());
}

bool ProviderQueryLog::addPage(const ProviderAnswerPage& page, CaseError* error)
{
    const QString sha = page.sha256.isEmpty()
        ? QString::fromLatin1(QCryptographicHash::hash(page.body, QCryptographicHash::Sha256).toHex())
        : page.sha256;
    SqlStatement st(m_file.handle(),
        "INSERT INTO provider_answers(query_id, page, url, http_status, received_at, sha256, "
        "size, body) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    st.bind(1, page.queryId);
    st.bind(2, page.page);
    st.bind(3, page.url);
    st.bind(4, page.httpStatus);
    st.bind(5, page.receivedAt);
    st.bind(6, sha);
    st.bind(7, qint64(page.body.size()));
    st.bind(8, qCompress(page.body, 6));
    if (!st.exec()) {
        if (error)
            error->set(CaseError::Kind::Sql, QStringLiteral("Cannot store an answer page: %1").arg(st.error()));
        return false;
    }
    return true;
}

bool ProviderQueryLog::finish(const ProviderQueryRecord& record, CaseError* error)
{
    SqlStatement st(m_file.handle(),
        "UPDATE provider_queries SET finished_at = ?2, http_status = ?3, pages = ?4, "
        "record_count = ?5, error = ?6, source_id = coalesce(?7, source_id), started_at = ?8 WHERE id = ?1");
    st.bind(1, record.id);
    st.bind(2, record.finishedAt);
    st.bind(3, record.httpStatus);
    st.bind(4, record.pages);
    st.bind(5, record.recordCount);
    if (record.error.isEmpty())
        st.bindNull(6);
    else
        st.bind(6, record.error);
    if (record.sourceId > 0)
        st.bind(7, record.sourceId);
    else
        st.bindNull(7);
    st.bind(8, record.startedAt);
    if (!st.exec()) {
        if (error)
            error->set(CaseError::Kind::Sql, QStringLiteral("Cannot finish the query log entry: %1").arg(st.error()));
        return false;
    }
    return true;
}

bool ProviderQueryLog::abandon(qint64 queryId, qint64 finishedAt, const QString& reason, CaseError* error)
{
    SqlStatement st(m_file.handle(),
        "UPDATE provider_queries SET finished_at = ?2, error = ?3, "
        "pages = (SELECT count(*) FROM provider_answers WHERE query_id = ?1) "
        "WHERE id = ?1 AND finished_at IS NULL");
    st.bind(1, queryId);
    st.bind(2, finishedAt);
    st.bind(3, reason);
    if (!st.exec()) {
        if (error)
            error->set(CaseError::Kind::Sql, QStringLiteral("Cannot close the query log entry: %1").arg(st.error()));
        return false;
    }
    return true;
}

QList<ProviderQueryRecord> ProviderQueryLog::queries(const QString& provider, int limit) const
{
    QList<ProviderQueryRecord> list;
    SqlStatement st(
        m_file.handle(), selectQueries("WHERE (?1 = '' OR provider = ?1) ORDER BY id DESC LIMIT ?2").constData());
    st.bind(1, provider.isNull() ? QString(QLatin1String("")) : provider);
    st.bind(2, limit > 0 ? qint64(limit) : qint64(-1));
    while (st.step())
        list.append(readQuery(st));
    return list;
}

std::optional<ProviderQueryRecord> ProviderQueryLog::query(qint64 id) const
{
    SqlStatement st(m_file.handle(), selectQueries("WHERE id = ?1").constData());
    st.bind(1, id);
    if (!st.step())
        return std::nullopt;
    return readQuery(st);
}

std::optional<ProviderQueryRecord> ProviderQueryLog::latestSuccessful(
    const QString& provider, const QString& question, const QString& parameters) const
{
    SqlStatement st(m_file.handle(),
        selectQueries("WHERE provider = ?1 AND question = ?2 AND coalesce(parameters, '') = ?3 "
                      "AND finished_at IS NOT NULL AND error IS NULL ORDER BY id DESC LIMIT 1")
            .constData());
    st.bind(1, provider);
    st.bind(2, question);
    st.bind(3, parameters.isNull() ? QString(QLatin1String("")) : parameters);
    if (!st.step())
        return std::nullopt;
    return readQuery(st);
}

QList<ProviderAnswerPage> ProviderQueryLog::pages(qint64 queryId) const
{
    QList<ProviderAnswerPage> list;
    SqlStatement st(m_file.handle(),
        "SELECT query_id, page, url, http_status, received_at, sha256, body FROM "
        "provider_answers WHERE query_id = ?1 ORDER BY page, id");
    st.bind(1, queryId);
    while (st.step()) {
        ProviderAnswerPage p;
        p.queryId = st.int64(0);
        p.page = static_cast<int>(st.int64(1));
        p.url = st.text(2);
        p.httpStatus = static_cast<int>(st.int64(3));
        p.receivedAt = st.int64(4);
        p.sha256 = st.text(5);
        p.body = qUncompress(st.blob(6));
        list.append(p);
    }
    return list;
}

} // namespace pdnsw
