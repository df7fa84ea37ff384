#include "capture/logs/ZeekDnsRecord.h"

#include "capture/logs/LogFieldText.h"
#include "models/DomainName.h"
#include "models/RrType.h"

namespace pdnsw {
namespace {

// How Zeek's answers vector is read back into records.
//
// Zeek logs only the rdata text of each answer-section record, in wire order, without its owner name or type:
// a lookup of www.example.com that went through a CNAME logs answers = [cdn.example.net, 192.0.2.7]. Resolvers
// write a chain in order (RFC 1034 4.3.2 adds each CNAME, then restarts at its target), so the type of each
// answer is inferred and the chain is rebuilt from that order:
//  - an address literal is an A or AAAA record (by family) of the current owner;
//  - "TXT <len> <text>" / "SPF <len> <text>" are TXT / SPF records;
//  - Zeek's summaries of DNSSEC and exotic records ("RRSIG A example.com", "<unknown type=65>", "NSEC3", ...)
//    are not rdata and are skipped;
//  - a bare name is a record of the query type when Zeek prints that type's rdata as a bare name (CNAME, NS,
//    MX, PTR, SOA, SRV: exchange / target / mname only). For every other query type (A, AAAA, TXT, HTTPS...) a
//    bare name can only be a CNAME: it becomes owner CNAME target, and the target is the owner of what follows.
//    For PTR queries a name under in-addr.arpa / ip6.arpa is an RFC 2317 CNAME, not a PTR target.
// Owners therefore follow the chain instead of all hanging off the query name: the timeline of the query name
// shows the CNAME, the timeline of the target shows the address, and the case's chain following joins them,
// exactly as a packet capture of the same response would. A negative answer (NXDOMAIN, NODATA after a chain,
// SERVFAIL...) belongs to the end of the chain, where the resolver stopped.

enum class AnswerKind
{
    Address,
    Text,
    Name,
    Summary
};

bool isBareNameType(QStringView type)
{
    return type == u"CNAME" || type == u"NS" || type == u"MX" || type == u"PTR" || type == u"SOA" || type == u"SRV";
}

bool isSummary(QStringView answer)
{
    static const char16_t* const kPrefixes[]
        = {u"<unknown type=", u"RRSIG ", u"DNSKEY ", u"NSEC ", u"DS ", u"SSHFP: ", u"LOC: ", u"LOC:  "};
    for (const char16_t* prefix : kPrefixes) {
        if (answer.startsWith(QStringView(prefix)))
            return true;
    }
    return answer == u"NSEC3" || answer == u"NSEC3PARAM" || answer == u"BIND9 signing signal";
}

bool hasWhitespace(QStringView text)
{
    for (QChar c : text) {
        if (c.isSpace())
            return true;
    }
    return false;
}

// A <character-string> the way the DNS decoder writes it, so a TXT record from Zeek and the same record from a
// capture compare equal: '"' and '\' escaped, octets outside 0x20..0x7e as \DDD.
QString quoteCharacterString(QByteArrayView bytes)
{
    QString out = QStringLiteral("\"");
    for (char c : bytes) {
        const auto octet = static_cast<unsigned char>(c);
        if (octet < 0x20 || octet > 0x7e) {
            out += QStringLiteral("\\%1").arg(octet, 3, 10, QLatin1Char('0'));
            continue;
        }
        if (c == '"' || c == '\\')
            out += u'\\';
        out += QLatin1Char(c);
    }
    out += u'"';
    return out;
}

// "TXT 5 hello TXT 11 hello world" -> "\"hello\" \"hello world\"". The lengths are bytes of the raw strings;
// when they do not fit the text (escaping in between, a cut line) the text is kept as Zeek wrote it.
std::optional<QString> zeekStringsToPresentation(QStringView answer, QByteArrayView keyword)
{
    const QByteArray bytes = answer.toUtf8();
    QStringList strings;
    qsizetype pos = 0;
    while (true) {
        if (!viewMid(bytes, pos).startsWith(keyword) || pos + keyword.size() >= bytes.size()
            || bytes[pos + keyword.size()] != ' ')
            return std::nullopt;
        pos += keyword.size() + 1;
        qsizetype digitsEnd = pos;
        while (digitsEnd < bytes.size() && bytes[digitsEnd] >= '0' && bytes[digitsEnd] <= '9' && digitsEnd - pos < 6)
            ++digitsEnd;
        if (digitsEnd == pos || digitsEnd >= bytes.size() || bytes[digitsEnd] != ' ')
            return std::nullopt;
        const qsizetype length = viewMid(bytes, pos, digitsEnd - pos).toInt();
        pos = digitsEnd + 1;
        if (pos + length > bytes.size())
            return std::nullopt;
        strings.append(quoteCharacterString(viewMid(bytes, pos, length)));
        pos += length;
        if (pos == bytes.size())
            break;
        if (bytes[pos] != ' ')
            return std::nullopt;
        ++pos;
    }
    return strings.join(u' ');
}

} // namespace

QString zeekQtypeToRrType(const std::optional<quint16>& qtype, QStringView qtypeName)
{
    if (qtype)
        return rrTypeName(*qtype);
    const QStringView name = qtypeName.trimmed();
    if (name == u"*")
        return QStringLiteral("ANY");
    if (name.startsWith(u"query-")) {
        bool ok = false;
        const uint number = name.mid(6).toUInt(&ok);
        return ok && number <= 65535 ? rrTypeName(static_cast<quint16>(number)) : QString();
    }
    return canonicalRrType(name);
}

LineOutcome emitZeekRecord(const ZeekDnsRecord& record, qint64 lineNumber, ObservationSink& sink)
{
    if (!record.query)
        return LineOutcome::Skipped; // Zeek saw a reply without its question: nothing to name
    QString problem;
    // Zeek writes the root's name as an empty string (priming queries for ". NS").
    const auto name = record.query->isEmpty() ? std::optional<QString>(QStringLiteral("."))
                                              : logDomainName(*record.query, &problem);
    if (!name) {
        reportLineError(sink, lineNumber, QStringLiteral("query: %1; the line is skipped").arg(problem));
        return LineOutcome::Rejected;
    }
    const QString qtype = zeekQtypeToRrType(record.qtype, record.qtypeName);
    std::optional<int> rcode = record.rcode;
    if (!rcode && !record.rcodeName.isEmpty())
        rcode = rcodeNumber(record.rcodeName);

    if (!rcode && record.answers.isEmpty()) {
        // A question without a logged reply.
        if (qtype.isEmpty())
            return LineOutcome::Skipped;
        return sink.addUnansweredQuery(*name, qtype, record.ts) ? LineOutcome::Imported : LineOutcome::Stopped;
    }

    Observation base;
    base.firstSeen = record.ts;
    base.lastSeen = record.ts;
    base.count = 1;
    base.rcode = rcode;
    base.clients = record.client;
    base.servers = record.server;

    int emitted = 0;
    int errors = 0;
    bool stopped = false;
    auto add = [&](const QString& owner, const QString& rrtype, const QString& rdata, Section section,
                   std::optional<qint64> ttl) {
        Observation observation = base;
        observation.rrname = owner;
        observation.rrtype = rrtype;
        observation.rdata = rdata;
        observation.section = section;
        // Zeek writes TTLs as intervals; one beyond the 32-bit DNS range is a broken field, not a TTL.
        observation.ttlMin = dnsTtl(ttl);
        observation.ttlMax = observation.ttlMin;
        ++emitted;
        if (!sink.addObservation(observation))
            stopped = true;
    };

    const bool untyped = qtype.isEmpty() || qtype == u"ANY";
    QString owner = *name;
    bool sawQueryType = false;
    bool sawUnusable = false;
    for (qsizetype i = 0; i < record.answers.size() && !stopped; ++i) {
        const QString answer = record.answers[i].trimmed();
        const std::optional<qint64> ttl = i < record.ttls.size() ? record.ttls[i] : std::nullopt;
        if (answer.isEmpty()) {
            sawUnusable = true;
            continue;
        }
        QString rrtype;
        QString rdata;
        if (const auto address = canonicalAddress(answer)) {
            rrtype = address->contains(u':') ? QStringLiteral("AAAA") : QStringLiteral("A");
            rdata = *address;
        } else if (answer.startsWith(u"TXT ") || answer.startsWith(u"SPF ")) {
            const bool spf = answer.startsWith(u"SPF ");
            rrtype = spf ? QStringLiteral("SPF") : QStringLiteral("TXT");
            const auto text = zeekStringsToPresentation(answer, spf ? QByteArrayView("SPF") : QByteArrayView("TXT"));
            rdata = text ? *text : escapeLogText(answer);
        } else if (isSummary(answer) || hasWhitespace(answer)) {
            sawUnusable = true;
            continue;
        } else {
            const bool reverseChain = qtype == u"PTR"
                && (answer.endsWith(u".in-addr.arpa", Qt::CaseInsensitive)
                    || answer.endsWith(u".in-addr.arpa.", Qt::CaseInsensitive)
                    || answer.endsWith(u".ip6.arpa", Qt::CaseInsensitive)
                    || answer.endsWith(u".ip6.arpa.", Qt::CaseInsensitive));
            if (untyped) {
                sawUnusable = true; // an ANY answer: the name could be of any type
                continue;
            }
            const auto target = logDomainName(answer, &problem);
            if (!target) {
                reportLineError(
                    sink, lineNumber, QStringLiteral("answer %1: %2; that answer is skipped").arg(i + 1).arg(problem));
                ++errors;
                sawUnusable = true;
                continue;
            }
            if (!isBareNameType(qtype) || reverseChain) {
                add(owner, QStringLiteral("CNAME"), *target, Section::Answer, ttl);
                owner = *target;
                continue;
            }
            rrtype = qtype;
            rdata = *target;
        }
        if (rrtype == qtype)
            sawQueryType = true;
        add(owner, rrtype, rdata, Section::Answer, ttl);
    }
    if (stopped)
        return LineOutcome::Stopped;

    if (!qtype.isEmpty() && rcode) {
        if (*rcode != 0) {
            add(owner, qtype, rcodeName(*rcode), Section::Negative, std::nullopt);
        } else if (!sawQueryType && !sawUnusable && !untyped) {
            // The server answered NOERROR without a record of the asked type (possibly after a chain).
            add(owner, qtype, QStringLiteral("NODATA"), Section::Negative, std::nullopt);
        }
        if (stopped)
            return LineOutcome::Stopped;
    }
    if (emitted > 0)
        return LineOutcome::Imported;
    return errors > 0 ? LineOutcome::Rejected : LineOutcome::Skipped;
}

} // namespace pdnsw
