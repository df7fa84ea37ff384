#include "capture/logs/ZeekTsvReader.h"

#include "capture/logs/LogFieldText.h"
#include "capture/logs/ZeekDnsRecord.h"
#include "models/DomainName.h"

namespace pdnsw {
namespace {

QList<QByteArrayView> splitBy(QByteArrayView text, QByteArrayView separator)
{
    QList<QByteArrayView> parts;
    if (separator.isEmpty()) {
        parts.append(text);
        return parts;
    }
    qsizetype start = 0;
    while (true) {
        const qsizetype at = text.indexOf(separator, start);
        if (at < 0) {
            parts.append(viewMid(text, start));
            return parts;
        }
        parts.append(viewMid(text, start, at - start));
        start = at + separator.size();
    }
}

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

} // namespace

QByteArray ZeekTsvReader::unescape(QByteArrayView field)
{
    if (!field.contains('\\'))
        return field.toByteArray();
    QByteArray out;
    out.reserve(field.size());
    for (qsizetype i = 0; i < field.size(); ++i) {
        const char c = field[i];
        if (c == '\\' && i + 3 < field.size() && field[i + 1] == 'x' && hexValue(field[i + 2]) >= 0
            && hexValue(field[i + 3]) >= 0) {
            out.append(static_cast<char>(hexValue(field[i + 2]) * 16 + hexValue(field[i + 3])));
            i += 3;
        } else if (c == '\\' && i + 1 < field.size() && field[i + 1] == '\\') {
            out.append('\\');
            i += 1;
        } else {
            out.append(c);
        }
    }
    return out;
}

void ZeekTsvReader::resetBlock()
{
    m_separator = QByteArray("\t");
    m_setSeparator = QByteArray(",");
    m_emptyField = QByteArray("(empty)");
    m_unsetField = QByteArray("-");
    m_path.clear();
    m_fields.clear();
    m_columns.clear();
    m_haveFields = false;
    m_blockUnusable = false;
    m_foreignReported = false;
}

LineOutcome ZeekTsvReader::readLine(QByteArrayView line, qint64 lineNumber, ObservationSink& sink)
{
    if (line.startsWith('#'))
        return readHeader(line, lineNumber, sink);
    if (line.trimmed().isEmpty())
        return LineOutcome::Skipped;
    return readData(line, lineNumber, sink);
}

LineOutcome ZeekTsvReader::readHeader(QByteArrayView line, qint64 lineNumber, ObservationSink& sink)
{
    if (line.startsWith(QByteArrayView("#separator"))) {
        // Always "#separator" + one space + the escaped separator: the separator itself is not known yet.
        resetBlock();
        const QByteArray separator = unescape(viewMid(line, 10).trimmed());
        if (separator.isEmpty()) {
            reportLineError(
                sink, lineNumber, QStringLiteral("#separator names no separator; a tab is assumed for this block"));
            return LineOutcome::Rejected;
        }
        m_separator = separator;
        return LineOutcome::Skipped;
    }
    const QList<QByteArrayView> parts = splitBy(line, m_separator);
    const QByteArrayView key = parts.first();
    auto value = [&] { return parts.size() > 1 ? unescape(parts[1]) : QByteArray(); };
    if (key == QByteArrayView("#set_separator")) {
        m_setSeparator = value();
    } else if (key == QByteArrayView("#empty_field")) {
        m_emptyField = value();
    } else if (key == QByteArrayView("#unset_field")) {
        m_unsetField = value();
    } else if (key == QByteArrayView("#path")) {
        m_path = value();
    } else if (key == QByteArrayView("#fields")) {
        m_fields.clear();
        m_columns.clear();
        for (qsizetype i = 1; i < parts.size(); ++i) {
            m_fields.append(unescape(parts[i]));
            m_columns.insert(m_fields.last(), static_cast<int>(i - 1));
        }
        m_haveFields = true;
        m_fieldsLine = lineNumber;
        m_at = Columns{column("ts"), column("query"), column("qtype"), column("qtype_name"), column("rcode"),
            column("rcode_name"), column("answers"), column("TTLs"), column("id.orig_h"), column("id.resp_h")};
        m_blockUnusable = column("ts") < 0 || column("query") < 0;
        if (m_blockUnusable) {
            reportLineError(sink, lineNumber,
                QStringLiteral("the #fields header has no '%1' column, so this is no dns.log; the lines "
                               "up to the next header are skipped")
                    .arg(column("ts") < 0 ? QStringLiteral("ts") : QStringLiteral("query")));
            return LineOutcome::Rejected;
        }
    } else if (key == QByteArrayView("#close")) {
        // The block ends; a following block starts with its own #separator. Keep the header in case a
        // concatenation dropped the next one.
    }
    // #types, #open and unknown comment lines carry nothing the mapping needs.
    return LineOutcome::Skipped;
}

LineOutcome ZeekTsvReader::readData(QByteArrayView line, qint64 lineNumber, ObservationSink& sink)
{
    if (!m_haveFields) {
        reportLineError(sink, lineNumber,
            QStringLiteral("a data line before any #fields header: Zeek's column order is unknown, so "
                           "the line is skipped (restore the header lines of the dns.log)"));
        return LineOutcome::Rejected;
    }
    if (m_blockUnusable) {
        reportLineError(sink, lineNumber,
            QStringLiteral("skipped: the #fields header on line %1 is not a dns.log header").arg(m_fieldsLine));
        return LineOutcome::Rejected;
    }
    if (!m_path.isEmpty() && m_path != "dns") {
        if (!m_foreignReported) {
            m_foreignReported = true;
            reportLineError(sink, lineNumber,
                QStringLiteral("this block's #path is %1, not dns; its lines are skipped")
                    .arg(quoteForMessage(QByteArrayView(m_path))));
        }
        return LineOutcome::Skipped;
    }

    const QList<QByteArrayView> values = splitBy(line, m_separator);
    if (values.size() != m_fields.size()) {
        reportLineError(sink, lineNumber,
            QStringLiteral("%1 fields where the #fields header on line %2 names %3; the line is skipped")
                .arg(values.size())
                .arg(m_fieldsLine)
                .arg(m_fields.size()));
        return LineOutcome::Rejected;
    }
    auto raw = [&](int at) -> std::optional<QByteArrayView> {
        if (at < 0 || values[at] == QByteArrayView(m_unsetField))
            return std::nullopt;
        return values[at];
    };
    auto text = [&](int at) -> std::optional<QString> {
        const auto value = raw(at);
        if (!value)
            return std::nullopt;
        if (*value == QByteArrayView(m_emptyField))
            return QString();
        return textFromLogBytes(unescape(*value));
    };
    auto list = [&](int at) -> QList<QByteArray> {
        QList<QByteArray> items;
        const auto value = raw(at);
        if (!value || *value == QByteArrayView(m_emptyField) || value->isEmpty())
            return items;
        for (QByteArrayView item : splitBy(*value, m_setSeparator))
            items.append(item == QByteArrayView(m_unsetField) ? QByteArray() : unescape(item));
        return items;
    };

    ZeekDnsRecord record;
    const auto ts = text(m_at.ts);
    const auto time = ts ? parseLogTime(*ts) : std::nullopt;
    if (!time) {
        reportLineError(sink, lineNumber,
            QStringLiteral("ts %1 is not a time (Zeek writes epoch seconds like 1591367999.305988); the "
                           "line is skipped")
                .arg(ts ? quoteForMessage(*ts) : QStringLiteral("is unset and")));
        return LineOutcome::Rejected;
    }
    record.ts = *time;
    record.query = text(m_at.query);
    if (const auto qtype = text(m_at.qtype)) {
        bool ok = false;
        const uint number = qtype->toUInt(&ok);
        if (ok && number <= 65535)
            record.qtype = static_cast<quint16>(number);
    }
    record.qtypeName = text(m_at.qtypeName).value_or(QString());
    if (const auto rcode = text(m_at.rcode)) {
        bool ok = false;
        const uint number = rcode->toUInt(&ok);
        if (ok && number <= 4095)
            record.rcode = static_cast<int>(number);
    }
    record.rcodeName = text(m_at.rcodeName).value_or(QString());
    for (const QByteArray& answer : list(m_at.answers))
        record.answers.append(textFromLogBytes(answer));
    for (const QByteArray& ttl : list(m_at.ttls))
        record.ttls.append(parseLogSeconds(QString::fromLatin1(ttl)));
    struct Peer
    {
        const char* name;
        int at;
        QString* target;
        QString* lastText;
        QString* lastCanonical;
    };
    for (const Peer& peer : {Peer{"id.orig_h", m_at.client, &record.client, &m_lastClient, &m_lastClientCanonical},
             Peer{"id.resp_h", m_at.server, &record.server, &m_lastServer, &m_lastServerCanonical}}) {
        const auto address = text(peer.at);
        if (!address || address->isEmpty())
            continue;
        if (*address != *peer.lastText) {
            const auto canonical = canonicalAddress(*address);
            if (!canonical) {
                reportLineError(sink, lineNumber,
                    QStringLiteral("%1 %2 is not an IP address; the line is skipped")
                        .arg(QLatin1String(peer.name), quoteForMessage(*address)));
                return LineOutcome::Rejected;
            }
            *peer.lastText = *address;
            *peer.lastCanonical = *canonical;
        }
        *peer.target = *peer.lastCanonical;
    }
    return emitZeekRecord(record, lineNumber, sink);
}

} // namespace pdnsw
