#pragma once

#include <QJsonObject>
#include <QList>
#include <QStringList>

namespace pdnsw::cli {

// Listings of a large case run to millions of rows: these print them as they are read, so memory holds one
// block of rows, not the whole listing.

// An aligned plain-text table on stdout. Rows are held in blocks and each full block is printed with column
// widths that only grow, so a listing that fits in one block is aligned exactly as a whole; in a longer one a
// wider cell met later moves the columns from its block on. Untrusted cells are made terminal-safe.
class TablePrinter
{
public:
    static constexpr qsizetype kBlockRows = 10000;

    explicit TablePrinter(QStringList headers);
    ~TablePrinter(); // prints what is still held
    TablePrinter(const TablePrinter&) = delete;
    TablePrinter& operator=(const TablePrinter&) = delete;

    void addRow(const QStringList& row);
    void finish();

private:
    void printBlock();
    void printRow(const QStringList& cells);

    QStringList m_headers;
    QList<qsizetype> m_widths;
    QList<QStringList> m_block;
    bool m_headerPrinted = false;
    bool m_finished = false;
};

// A JSON array of objects on stdout, element by element, in the same indented text as one QJsonDocument: of the
// array alone, or of `envelope` holding the array under `arrayKey` ({"query": ..., "records": [...]}).
class JsonArrayPrinter
{
public:
    JsonArrayPrinter();
    JsonArrayPrinter(const QJsonObject& envelope, const QString& arrayKey);
    ~JsonArrayPrinter(); // closes the array (and the envelope)
    JsonArrayPrinter(const JsonArrayPrinter&) = delete;
    JsonArrayPrinter& operator=(const JsonArrayPrinter&) = delete;

    void add(const QJsonObject& object);
    void finish();

private:
    void splitAtArray(const QByteArray& document, qsizetype openingBracket);

    QByteArray m_head; // up to the array's opening bracket
    QByteArray m_tail; // from just after it, as printed for an empty array
    QByteArray m_indent; // before each line of an element
    qsizetype m_count = 0;
    bool m_finished = false;
};

} // namespace pdnsw::cli
