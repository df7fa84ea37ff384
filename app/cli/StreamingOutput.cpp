#include "cli/StreamingOutput.h"

#include "cli/CliSupport.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace pdnsw::cli {

TablePrinter::TablePrinter(QStringList headers)
    : m_headers(std::move(headers))
{
    for (const QString& h : std::as_const(m_headers))
        m_widths.append(h.size());
}

TablePrinter::~TablePrinter()
{
    finish();
}

void TablePrinter::addRow(const QStringList& row)
{
    QStringList safe;
    safe.reserve(row.size());
    for (qsizetype i = 0; i < row.size(); ++i) {
        safe.append(terminalSafe(row.at(i)));
        if (i < m_widths.size())
            m_widths[i] = std::max(m_widths[i], safe.last().size());
    }
    m_block.append(std::move(safe));
    if (m_block.size() >= kBlockRows)
        printBlock();
}

void TablePrinter::finish()
{
    if (m_finished)
        return;
    m_finished = true;
    printBlock();
    out().flush();
}

void TablePrinter::printBlock()
{
    if (!m_headerPrinted) {
        printRow(m_headers);
        m_headerPrinted = true;
    }
    for (const QStringList& row : std::as_const(m_block))
        printRow(row);
    m_block.clear();
}

void TablePrinter::printRow(const QStringList& cells)
{
    QString line;
    for (qsizetype i = 0; i < cells.size(); ++i) {
        if (i + 1 == cells.size())
            line += cells.at(i);
        else
            line += cells.at(i).leftJustified(m_widths.value(i)) + QStringLiteral("  ");
    }
    while (line.endsWith(u' '))
        line.chop(1);
    out() << line << '\n';
}

JsonArrayPrinter::JsonArrayPrinter()
{
    splitAtArray(QJsonDocument(QJsonArray()).toJson(QJsonDocument::Indented), 0);
}

JsonArrayPrinter::JsonArrayPrinter(const QJsonObject& envelope, const QString& arrayKey)
{
    QJsonObject whole = envelope;
    whole.insert(arrayKey, QJsonArray());
    const QByteArray document = QJsonDocument(whole).toJson(QJsonDocument::Indented);
    const QByteArray key = QJsonDocument(QJsonArray{arrayKey}).toJson(QJsonDocument::Compact).chopped(1).mid(1);
    splitAtArray(document, document.indexOf(key + ": [") + key.size() + 2);
}

// Qt prints an empty array as "[", a newline, the closing line's indent and "]". Elements go between, four spaces
// deeper than that closing line.
void JsonArrayPrinter::splitAtArray(const QByteArray& document, qsizetype openingBracket)
{
    m_head = document.left(openingBracket + 1);
    m_tail = document.mid(openingBracket + 1);
    const qsizetype closing = m_tail.indexOf(']');
    m_indent = QByteArray(closing - 1 + 4, ' ');
}

JsonArrayPrinter::~JsonArrayPrinter()
{
    finish();
}

void JsonArrayPrinter::add(const QJsonObject& object)
{
    const QByteArray text = QJsonDocument(object).toJson(QJsonDocument::Indented);
    QByteArray element;
    element.reserve(text.size() + text.count('\n') * m_indent.size() + 2);
    element += m_count == 0 ? "\n" : ",\n";
    qsizetype start = 0;
    while (start < text.size()) {
        qsizetype end = text.indexOf('\n', start);
        if (end < 0)
            end = text.size();
        element += m_indent;
        element += QByteArrayView(text).sliced(start, end - start);
        start = end + 1;
        if (start < text.size())
            element += '\n';
    }
    if (m_count == 0)
        out() << QString::fromUtf8(m_head);
    out() << QString::fromUtf8(element);
    ++m_count;
}

void JsonArrayPrinter::finish()
{
    if (m_finished)
        return;
    m_finished = true;
    if (m_count == 0)
        out() << QString::fromUtf8(m_head);
    out() << QString::fromUtf8(m_tail);
    out().flush();
}

} // namespace pdnsw::cli
