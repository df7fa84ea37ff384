#include "capture/dns/DnsMessage.h"

#include "capture/dns/DnsEdns.h"
#include "capture/dns/DnsNameReader.h"
#include "capture/dns/DnsRdata.h"
#include "models/RrType.h"

namespace pdnsw {
namespace {

constexpr std::size_t kHeaderSize = 12;
constexpr std::size_t kMaxMessageSize = 65535; // a TCP length prefix cannot say more
constexpr std::size_t kRecordFixedSize = 10; // type, class, ttl, rdlength
constexpr std::uint8_t kOpcodeUpdate = 5;
constexpr std::uint16_t kClassNone = 254, kClassAny = 255;

std::uint16_t read16(const std::uint8_t* p)
{
    return static_cast<std::uint16_t>(p[0] << 8 | p[1]);
}

std::uint32_t read32(const std::uint8_t* p)
{
    return std::uint32_t(p[0]) << 24 | std::uint32_t(p[1]) << 16 | std::uint32_t(p[2]) << 8 | p[3];
}

class MessageParser
{
public:
    MessageParser(const std::uint8_t* data, std::size_t size, DnsMessage& out)
        : m_data(data)
        , m_size(size)
        , m_out(out)
        , m_names(data, size, out.m_nameScratch, out.steps)
    {
    }

    void run();

private:
    void flag(DnsIssue issue, std::size_t offset)
    {
        if (m_out.issues == 0 || m_out.issues == static_cast<std::uint32_t>(DnsIssue::TrailingData))
            m_out.firstIssueOffset = static_cast<std::uint32_t>(offset);
        m_out.issues |= static_cast<std::uint32_t>(issue);
    }
    // Stops decoding: what came before stays in the message.
    bool stop(DnsIssue issue, std::size_t offset)
    {
        flag(issue, offset);
        m_out.incomplete = true;
        return false;
    }
    bool question();
    bool record(DnsSection section);
    void opt(DnsSection section, std::size_t ownerOffset, std::uint16_t rrclass, std::uint32_t ttl, std::size_t rdata,
        std::size_t rdlength);

    const std::uint8_t* m_data;
    std::size_t m_size;
    DnsMessage& m_out;
    DnsNameReader m_names;
    std::size_t m_pos = kHeaderSize;
    std::string m_scratchName; // owner of an OPT record, checked for the root
};

bool MessageParser::question()
{
    if (m_pos == m_size)
        return stop(DnsIssue::CountsExceedData, m_pos);
    if (m_out.m_questionCount == m_out.m_questions.size())
        m_out.m_questions.emplace_back();
    DnsQuestion& q = m_out.m_questions[m_out.m_questionCount];
    const auto name = m_names.read(m_pos, m_size, q.name);
    if (name.issue != DnsIssue::None)
        return stop(name.issue, name.issueOffset);
    if (m_size - name.end < 4)
        return stop(DnsIssue::RecordTruncated, name.end);
    q.qtype = read16(m_data + name.end);
    q.qclass = read16(m_data + name.end + 2);
    m_pos = name.end + 4;
    ++m_out.m_questionCount;
    return true;
}

void MessageParser::opt(DnsSection section, std::size_t ownerOffset, std::uint16_t rrclass, std::uint32_t ttl,
    std::size_t rdata, std::size_t rdlength)
{
    // RFC 6891: one OPT, in the additional section, owned by the root. Anything else is flagged and ignored.
    if (section != DnsSection::Additional || m_out.hasEdns || m_scratchName != ".") {
        flag(DnsIssue::BadOpt, ownerOffset);
        return;
    }
    m_out.hasEdns = true;
    const DnsIssue issue = parseEdns(m_data, rdata, rdlength, rrclass, ttl, m_out.edns);
    if (issue != DnsIssue::None)
        flag(issue, rdata);
}

bool MessageParser::record(DnsSection section)
{
    if (m_pos == m_size)
        return stop(DnsIssue::CountsExceedData, m_pos);
    const std::size_t ownerOffset = m_pos;
    if (m_out.m_recordCount == m_out.m_records.size())
        m_out.m_records.emplace_back();
    DnsRecord& r = m_out.m_records[m_out.m_recordCount];
    const auto owner = m_names.read(m_pos, m_size, r.name);
    if (owner.issue != DnsIssue::None)
        return stop(owner.issue, owner.issueOffset);
    if (m_size - owner.end < kRecordFixedSize)
        return stop(DnsIssue::RecordTruncated, owner.end);
    const std::uint8_t* fixed = m_data + owner.end;
    const std::uint16_t type = read16(fixed);
    const std::uint16_t rrclass = read16(fixed + 2);
    const std::uint32_t ttl = read32(fixed + 4);
    const std::size_t rdlength = read16(fixed + 8);
    const std::size_t rdata = owner.end + kRecordFixedSize;
    if (rdlength > m_size - rdata)
        return stop(DnsIssue::RdataOverrun, owner.end + 8);
    m_pos = rdata + rdlength;

    if (type == RrTypes::OPT) {
        m_scratchName.swap(r.name);
        opt(section, ownerOffset, rrclass, ttl, rdata, rdlength);
        return true;
    }
    r.section = section;
    r.type = type;
    r.rrclass = rrclass;
    r.ttl = ttl;
    r.rdataOffset = static_cast<std::uint16_t>(rdata);
    r.rdataLength = static_cast<std::uint16_t>(rdlength);
    r.rdata.clear();
    // Empty RDATA is how UPDATE prerequisites and deletions (class ANY / NONE) say "any value" (RFC 2136).
    if (rdlength == 0 && (m_out.flags.opcode == kOpcodeUpdate || rrclass == kClassNone || rrclass == kClassAny)) {
        appendGenericRdata(r.rdata, m_data + rdata, 0);
        ++m_out.m_recordCount;
        return true;
    }
    const RdataTextResult text = appendRdataText(m_names, m_data, rdata, rdlength, type, r.rdata);
    if (text.issue != DnsIssue::None) {
        // The record is framed correctly (RDLENGTH held), so the next one can still be read.
        flag(text.issue, text.issueOffset);
        flag(DnsIssue::RdataMalformed, text.issueOffset);
        ++m_out.droppedRecords;
        return true;
    }
    ++m_out.m_recordCount;
    return true;
}

void MessageParser::run()
{
    const std::uint8_t* h = m_data;
    m_out.id = read16(h);
    const std::uint8_t b2 = h[2], b3 = h[3];
    m_out.flags.qr = (b2 & 0x80) != 0;
    m_out.flags.opcode = static_cast<std::uint8_t>((b2 >> 3) & 0x0f);
    m_out.flags.aa = (b2 & 0x04) != 0;
    m_out.flags.tc = (b2 & 0x02) != 0;
    m_out.flags.rd = (b2 & 0x01) != 0;
    m_out.flags.ra = (b3 & 0x80) != 0;
    m_out.flags.z = (b3 & 0x40) != 0;
    m_out.flags.ad = (b3 & 0x20) != 0;
    m_out.flags.cd = (b3 & 0x10) != 0;
    m_out.rcode = b3 & 0x0f;
    m_out.qdcount = read16(h + 4);
    m_out.ancount = read16(h + 6);
    m_out.nscount = read16(h + 8);
    m_out.arcount = read16(h + 10);

    // Counts are only loop bounds, never sizes to reserve: a 40-byte message may claim 65535 of each.
    bool ok = true;
    for (unsigned i = 0; ok && i < m_out.qdcount; ++i)
        ok = question();
    const std::uint16_t counts[3] = {m_out.ancount, m_out.nscount, m_out.arcount};
    for (int s = 0; ok && s < 3; ++s) {
        for (unsigned i = 0; ok && i < counts[s]; ++i)
            ok = record(static_cast<DnsSection>(s));
    }
    if (ok && m_pos < m_size)
        flag(DnsIssue::TrailingData, m_pos);
    if (m_out.hasEdns)
        m_out.rcode |= m_out.edns.extendedRcode << 4;
}

} // namespace

std::string_view dnsSectionName(DnsSection section)
{
    switch (section) {
    case DnsSection::Answer:
        return "answer";
    case DnsSection::Authority:
        return "authority";
    case DnsSection::Additional:
        return "additional";
    }
    return "answer";
}

std::size_t DnsMessage::sectionCount(DnsSection section) const
{
    std::size_t n = 0;
    for (const DnsRecord& r : records())
        n += r.section == section ? 1 : 0;
    return n;
}

void DnsMessage::clear()
{
    id = 0;
    flags = DnsFlags{};
    rcode = 0;
    qdcount = ancount = nscount = arcount = 0;
    hasEdns = false;
    edns.udpSize = 0;
    edns.extendedRcode = 0;
    edns.version = 0;
    edns.dnssecOk = false;
    edns.flags = 0;
    edns.m_optionCount = 0;
    issues = 0;
    firstIssueOffset = 0;
    droppedRecords = 0;
    steps = 0;
    incomplete = false;
    m_questionCount = 0;
    m_recordCount = 0;
    m_nameScratch.clear();
}

void DnsMessage::copyRecordsFrom(const DnsMessage& other)
{
    clear();
    id = other.id;
    flags = other.flags;
    rcode = other.rcode;
    qdcount = other.qdcount;
    ancount = other.ancount;
    nscount = other.nscount;
    arcount = other.arcount;
    hasEdns = other.hasEdns;
    issues = other.issues;
    incomplete = other.incomplete;
    // Element-wise assignment keeps the strings' capacity from earlier messages: no allocation once warm.
    if (m_questions.size() < other.m_questionCount)
        m_questions.resize(other.m_questionCount);
    for (std::size_t i = 0; i < other.m_questionCount; ++i)
        m_questions[i] = other.m_questions[i];
    m_questionCount = other.m_questionCount;
    if (m_records.size() < other.m_recordCount)
        m_records.resize(other.m_recordCount);
    for (std::size_t i = 0; i < other.m_recordCount; ++i)
        m_records[i] = other.m_records[i];
    m_recordCount = other.m_recordCount;
}

bool parseDnsMessage(const std::uint8_t* data, std::size_t size, DnsMessage& out)
{
    out.clear();
    bool oversized = false;
    if (size > kMaxMessageSize) {
        size = kMaxMessageSize;
        oversized = true;
    }
    if (data == nullptr || size < kHeaderSize) {
        out.issues = static_cast<std::uint32_t>(DnsIssue::TruncatedHeader);
        out.incomplete = true;
        return false;
    }
    MessageParser(data, size, out).run();
    if (oversized && !out.incomplete)
        out.issues |= static_cast<std::uint32_t>(DnsIssue::TrailingData);
    return !out.isMalformed();
}

std::string rcodeMnemonic(int rcode)
{
    return rcodeName(rcode).toStdString();
}

std::string opcodeMnemonic(int opcode)
{
    switch (opcode) {
    case 0:
        return "QUERY";
    case 1:
        return "IQUERY";
    case 2:
        return "STATUS";
    case 4:
        return "NOTIFY";
    case 5:
        return "UPDATE";
    case 6:
        return "DSO";
    default:
        return "OPCODE" + std::to_string(opcode);
    }
}

} // namespace pdnsw
