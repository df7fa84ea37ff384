#include "models/export/CsvExporter.h"

#include "models/DomainName.h"
#include "models/RrType.h"
#include "models/export/ExportText.h"

namespace pdnsw {

QStringList CsvExporter::columns()
{
    return {QStringLiteral("rrname"), QStringLiteral("rrname_unicode"), QStringLiteral("rrtype"),
        QStringLiteral("rdata"), QStringLiteral("section"), QStringLiteral("first_seen"), QStringLiteral("last_seen"),
        QStringLiteral("count"), QStringLiteral("rcode"), QStringLiteral("ttl_min"), QStringLiteral("ttl_max"),
        QStringLiteral("source_id"), QStringLiteral("source"), QStringLiteral("source_kind"),
        QStringLiteral("time_granularity")};
}

void CsvExporter::appendCell(QString& line, QStringView value)
{
    bool guard = false;
    if (!value.isEmpty()) {
        const QChar first = value.front();
        guard = first == u'=' || first == u'+' || first == u'-' || first == u'@' || first == u'\t' || first == u'\r';
    }
    bool quote = false;
    for (const QChar c : value) {
        if (c == u',' || c == u'"' || c == u'\n' || c == u'\r') {
            quote = true;
            break;
        }
    }
    if (!quote) {
        if (guard)
            line += u'\'';
        line += value;
        return;
    }
    line += u'"';
    if (guard)
        line += u'\'';
    for (const QChar c : value) {
        if (c == u'"')
            line += u'"';
        line += c;
    }
    line += u'"';
}

QString CsvExporter::cell(const QString& value)
{
    QString line;
    appendCell(line, value);
    return line;
}

bool CsvExporter::start()
{
    return write(columns().join(u',') + QStringLiteral("\r\n"));
}

bool CsvExporter::add(const SourcedObservation& record)
{
    const Observation& o = record.observation;
    const QString unicode = domainNameForDisplay(o.rrname);
    // One line buffer for the whole export: a whole-case export writes millions of lines.
    QString& line = m_line;
    line.resize(0); // keeps the capacity (clear() would free it)
    const auto add = [&line](QStringView value, bool last = false) {
        appendCell(line, value);
        line += last ? QStringView(u"\r\n") : QStringView(u",");
    };
    const auto number = [&](const std::optional<qint64>& v) { add(v ? QString::number(*v) : QString()); };
    add(o.rrname);
    add(unicode == o.rrname ? QString() : unicode);
    add(o.rrtype);
    add(o.rdata);
    add(sectionName(o.section));
    add(o.firstSeen ? exportIsoTime(*o.firstSeen) : QString());
    add(o.lastSeen ? exportIsoTime(*o.lastSeen) : QString());
    number(o.count);
    add(o.rcode ? rcodeName(*o.rcode) : QString());
    number(o.ttlMin);
    number(o.ttlMax);
    add(QString::number(record.sourceId));
    add(record.sourceLabel);
    add(record.sourceKind);
    add(record.timeGranularity, true);
    counted();
    return write(line);
}

} // namespace pdnsw
