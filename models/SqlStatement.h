#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

struct sqlite3;
struct sqlite3_stmt;

namespace pdnsw {

// A prepared SQLite statement with typed binds and reads; finalized on destruction. models/ only.
class SqlStatement
{
public:
    SqlStatement(sqlite3* db, const char* sql);
    ~SqlStatement();
    SqlStatement(const SqlStatement&) = delete;
    SqlStatement& operator=(const SqlStatement&) = delete;

    bool isValid() const { return m_stmt != nullptr; }
    QString prepareError() const { return m_prepareError; }

    void bind(int index, qint64 value);
    void bind(int index, int value) { bind(index, static_cast<qint64>(value)); }
    void bind(int index, double value);
    void bind(int index, const QString& value); // null QString binds NULL
    void bind(int index, const QByteArray& value); // as a BLOB; null binds NULL
    void bind(int index, const std::optional<qint64>& value);
    void bind(int index, const std::optional<int>& value);
    void bindText(int index, const char* utf8, int bytes);
    // The caller keeps utf8 alive until the statement is stepped and reset.
    void bindTextStatic(int index, const char* utf8, int bytes);
    void bindNull(int index);

    // Runs one step: true when a row is available. Check error() after a false.
    bool step();
    // Runs to completion; true on SQLITE_DONE.
    bool exec();
    void reset();
    int lastResult() const { return m_lastResult; }
    bool failed() const;
    QString error() const;

    bool isNull(int column) const;
    qint64 int64(int column) const;
    double real(int column) const;
    QString text(int column) const;
    QByteArray blob(int column) const;
    std::optional<qint64> optInt64(int column) const;

    sqlite3_stmt* handle() const { return m_stmt; }

private:
    sqlite3* m_db;
    sqlite3_stmt* m_stmt = nullptr;
    QString m_prepareError;
    int m_lastResult = 0;
};

// Runs SQL without results (several statements allowed); returns false and sets message on error.
bool execSql(sqlite3* db, const char* sql, QString* message = nullptr);
// A single integer/text from a query; nullopt on error or no row.
std::optional<qint64> queryInt(sqlite3* db, const char* sql);
std::optional<QString> queryText(sqlite3* db, const char* sql);

} // namespace pdnsw
