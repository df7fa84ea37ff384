#include "dns/DnsTestSummary.h"

#include "models/RrType.h"

#include <QStringList>

namespace pdnsw::test {

QString summarizeForTest(const DnsMessage& message)
{
    QStringList parts;
    for (const DnsQuestion& q : message.questions())
        parts << QStringLiteral("Q %1 %2").arg(QString::fromStdString(q.name), rrTypeName(q.qtype));
    for (const DnsRecord& r : message.records()) {
        const char* section = r.section == DnsSection::Answer ? "AN" : r.section == DnsSection::Authority ? "NS" : "AR";
        parts << QStringLiteral("%1 %2 %3 %4")
                     .arg(QLatin1String(section), QString::fromStdString(r.name), rrTypeName(r.type),
                         QString::fromStdString(r.rdata));
    }
    return parts.join(QLatin1String(" | "));
}

} // namespace pdnsw::test
