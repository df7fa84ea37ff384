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

QString CsvExporter::cell(const QString& value)
{
    QString v = value;
    if (!v.isEmpty()) {
        const QChar first = v.front();
        if (first == u'=' || first == u'+' || first == u'-' || first == u'@' || first == u'\t' || first == u'\r')
            v.prepend(u'\'');
    }
    if (v.contains(u',') || v.contains(u'"') || v.contains(u'\n') || v.contains(u'\r')) {
        v.replace(QStringLiteral("\""), QStringLiteral("\"\""));
        v = u'"' + v + u'"';
    }
    return v;
}

bool CsvExporter::start()
{
    return write(columns().join(u',') + QStringLiteral("\r\n"));
}

bool CsvExporter::add(const SourcedObservation& record)
{
    const Observation& o = record.observation;
    const QString unicode = domainNameForDisplay(o.rrname);
    auto number = [](const std::optional<qint64>& v) { return v ? QString::number(*v) : QString(); };
    const QStringList cells{
        o.rrname,
        unicode == o.rrname ? QString() : unicode,
        o.rrtype,
        o.rdata,
        sectionName(o.section),
        o.firstSeen ? exportIsoTime(*o.firstSeen) : QString(),
        o.lastSeen ? exportIsoTime(*o.lastSeen) : QString(),
        number(o.count),
        o.rcode ? rcodeName(*o.rcode) : QString(),
        number(o.ttlMin),
        number(o.ttlMax),
        QString::number(record.sourceId),
        record.sourceLabel,
        record.sourceKind,
        record.timeGranularity,
    };
    QStringList quoted;
    for (const QString& c : cells)
        quoted.append(cell(c));
    counted();
    return write(quoted.join(u',') + QStringLiteral("\r\n"));
}

} // namespace pdnsw
