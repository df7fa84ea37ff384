#include "cli/StreamingOutput.h"

#include "cli/CliSupport.h"

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

JsonArrayPrinter::~JsonArrayPrinter()
{
    finish();
}

void JsonArrayPrinter::add(const QJsonObject& object)
{
    // QJsonDocument indents an array's elements by four spaces more than the document's own lines.
    const QByteArray text = QJsonDocument(object).toJson(QJsonDocument::Indented);
    QByteArray element;
    element.reserve(text.size() + text.count('\n') * 4);
    qsizetype start = 0;
    while (start < text.size()) {
        qsizetype end = text.indexOf('\n', start);
        if (end < 0)
            end = text.size();
        element += "    ";
        element += QByteArrayView(text).sliced(start, end - start);
        start = end + 1;
        if (start < text.size())
            element += '\n';
    }
    out() << (m_count == 0 ? "[\n" : ",\n") << QString::fromUtf8(element);
    ++m_count;
}

void JsonArrayPrinter::finish()
{
    if (m_finished)
        return;
    m_finished = true;
    out() << (m_count == 0 ? "[\n]\n" : "\n]\n");
    out().flush();
}

} // namespace pdnsw::cli
