#include "models/SqlStatement.h"

#include <sqlite3.h>

namespace pdnsw {

SqlStatement::SqlStatement(sqlite3* db, const char* sql)
    : m_db(db)
{
    const int rc = sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &m_stmt, nullptr);
    if (rc != SQLITE_OK) {
        m_prepareError = QString::fromUtf8(sqlite3_errmsg(db));
        m_lastResult = rc;
        sqlite3_finalize(m_stmt);
        m_stmt = nullptr;
    }
}

SqlStatement::~SqlStatement()
{
    sqlite3_finalize(m_stmt);
}

void SqlStatement::bind(int index, qint64 value)
{
    sqlite3_bind_int64(m_stmt, index, value);
}

void SqlStatement::bind(int index, double value)
{
    sqlite3_bind_double(m_stmt, index, value);
}

void SqlStatement::bind(int index, const QString& value)
{
    if (value.isNull()) {
        sqlite3_bind_null(m_stmt, index);
        return;
    }
    const QByteArray utf8 = value.toUtf8();
    sqlite3_bind_text(m_stmt, index, utf8.constData(), static_cast<int>(utf8.size()), SQLITE_TRANSIENT);
}

void SqlStatement::bind(int index, const QByteArray& value)
{
    if (value.isNull()) {
        sqlite3_bind_null(m_stmt, index);
        return;
    }
    sqlite3_bind_blob(m_stmt, index, value.constData(), static_cast<int>(value.size()), SQLITE_TRANSIENT);
}

void SqlStatement::bind(int index, const std::optional<qint64>& value)
{
    if (value)
        sqlite3_bind_int64(m_stmt, index, *value);
    else
        sqlite3_bind_null(m_stmt, index);
}

void SqlStatement::bind(int index, const std::optional<int>& value)
{
    if (value)
        sqlite3_bind_int64(m_stmt, index, *value);
    else
        sqlite3_bind_null(m_stmt, index);
}

void SqlStatement::bindText(int index, const char* utf8, int bytes)
{
    sqlite3_bind_text(m_stmt, index, utf8, bytes, SQLITE_TRANSIENT);
}

void SqlStatement::bindTextStatic(int index, const char* utf8, int bytes)
{
    sqlite3_bind_text(m_stmt, index, utf8, bytes, SQLITE_STATIC);
}

void SqlStatement::bindNull(int index)
{
    sqlite3_bind_null(m_stmt, index);
}

bool SqlStatement::step()
{
    if (!m_stmt)
        return false;
    m_lastResult = sqlite3_step(m_stmt);
    return m_lastResult == SQLITE_ROW;
}

bool SqlStatement::exec()
{
    if (!m_stmt)
        return false;
    do {
        m_lastResult = sqlite3_step(m_stmt);
    } while (m_lastResult == SQLITE_ROW);
    const bool ok = m_lastResult == SQLITE_DONE;
    sqlite3_reset(m_stmt);
    return ok;
}

void SqlStatement::reset()
{
    if (m_stmt) {
        sqlite3_reset(m_stmt);
        sqlite3_clear_bindings(m_stmt);
    }
}

bool SqlStatement::failed() const
{
    return !m_stmt || (m_lastResult != SQLITE_ROW && m_lastResult != SQLITE_DONE && m_lastResult != SQLITE_OK);
}

QString SqlStatement::error() const
{
    if (!m_stmt)
        return m_prepareError;
    return QString::fromUtf8(sqlite3_errmsg(m_db));
}

bool SqlStatement::isNull(int column) const
{
    return sqlite3_column_type(m_stmt, column) == SQLITE_NULL;
}

qint64 SqlStatement::int64(int column) const
{
    return sqlite3_column_int64(m_stmt, column);
}

double SqlStatement::real(int column) const
{
    return sqlite3_column_double(m_stmt, column);
}

QString SqlStatement::text(int column) const
{
    const auto* data = reinterpret_cast<const char*>(sqlite3_column_text(m_stmt, column));
    if (!data)
        return {};
    return QString::fromUtf8(data, sqlite3_column_bytes(m_stmt, column));
}

QByteArray SqlStatement::blob(int column) const
{
    const auto* data = static_cast<const char*>(sqlite3_column_blob(m_stmt, column));
    if (!data)
        return {};
    return QByteArray(data, sqlite3_column_bytes(m_stmt, column));
}

std::optional<qint64> SqlStatement::optInt64(int column) const
{
    if (isNull(column))
        return std::nullopt;
    return int64(column);
}

bool execSql(sqlite3* db, const char* sql, QString* message)
{
    char* error = nullptr;
    const int rc = sqlite3_exec(db, sql, nullptr, nullptr, &error);
    if (rc != SQLITE_OK) {
        if (message)
            *message = QString::fromUtf8(error ? error : sqlite3_errstr(rc));
        sqlite3_free(error);
        return false;
    }
    return true;
}

std::optional<qint64> queryInt(sqlite3* db, const char* sql)
{
    SqlStatement st(db, sql);
    if (!st.step())
        return std::nullopt;
    return st.int64(0);
}

std::optional<QString> queryText(sqlite3* db, const char* sql)
{
    SqlStatement st(db, sql);
    if (!st.step())
        return std::nullopt;
    return st.text(0);
}

} // namespace pdnsw
