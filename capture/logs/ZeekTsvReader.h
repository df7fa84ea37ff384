#pragma once

#include "capture/logs/LogReader.h"

#include <QByteArray>
#include <QHash>
#include <QList>

namespace pdnsw {

// Zeek's ASCII dns.log. The header says everything: #separator (escaped, e.g. "\x09"), #set_separator,
// #empty_field, #unset_field, #path, #fields and #types. Columns are found by their #fields name, never by
// position; a new #separator line starts a new header block (rotated logs concatenated), and #close ends one.
// Values are unescaped (\xNN, \\) after splitting, so an escaped separator stays inside its field.
class ZeekTsvReader : public LogReader
{
public:
    LogFormat format() const override { return LogFormat::ZeekTsv; }
    LineOutcome readLine(QByteArrayView line, qint64 lineNumber, ObservationSink& sink) override;

    // Zeek's escaping undone: "\x09" -> tab, "\\" -> backslash; anything else stays as written.
    static QByteArray unescape(QByteArrayView field);

private:
    LineOutcome readHeader(QByteArrayView line, qint64 lineNumber, ObservationSink& sink);
    LineOutcome readData(QByteArrayView line, qint64 lineNumber, ObservationSink& sink);
    void resetBlock();
    int column(const char* name) const { return m_columns.value(QByteArray(name), -1); }

    QByteArray m_separator = QByteArray("\t");
    QByteArray m_setSeparator = QByteArray(",");
    QByteArray m_emptyField = QByteArray("(empty)");
    QByteArray m_unsetField = QByteArray("-");
    QByteArray m_path;
    QList<QByteArray> m_fields;
    QHash<QByteArray, int> m_columns;
    // Column indexes of the fields the mapping reads, found once per #fields line (-1 when absent).
    struct Columns
    {
        int ts = -1, query = -1, qtype = -1, qtypeName = -1, rcode = -1, rcodeName = -1, answers = -1, ttls = -1,
            client = -1, server = -1;
    } m_at;
    // Most lines repeat the same client and server: their canonical text is kept.
    QString m_lastClient, m_lastClientCanonical, m_lastServer, m_lastServerCanonical;
    bool m_haveFields = false;
    bool m_blockUnusable = false; // #fields lacks ts or query: reported once, then every line rejected briefly
    bool m_foreignReported = false;
    qint64 m_fieldsLine = 0;
};

} // namespace pdnsw
