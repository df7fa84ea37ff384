#include "capture/dns/DnsNameReader.h"

#include "capture/dns/DnsPresentation.h"

#include <algorithm>

namespace pdnsw {
namespace {

// Longest presentation text: 255 wire octets hold at most 253 label octets, each at most 4 chars (\DDD),
// plus the dots between labels.
constexpr std::size_t kTextBufferSize = 1100;
constexpr std::size_t kHeaderSize = 12;
// Only offsets below 0x4000 can be pointer targets; recording later ones would be wasted work.
constexpr std::size_t kPointerRange = 0x4000;

} // namespace

bool DnsNameReader::isKnownTarget(std::size_t offset) const
{
    return std::binary_search(m_labelStarts.begin(), m_labelStarts.end(), static_cast<std::uint16_t>(offset));
}

DnsNameReader::Result DnsNameReader::decode(
    std::size_t offset, std::size_t limit, char* buffer, std::size_t& textLength)
{
    Result result;
    char* out = buffer;
    std::size_t pos = offset;
    std::size_t partStart = offset; // pointers must land strictly before this
    std::size_t bound = std::min(limit, m_size);
    bool inPlace = true;
    int hops = 0;
    std::size_t wire = 1; // the root label
    bool firstLabel = true;

    const auto fail = [&](DnsIssue issue, std::size_t at) {
        result.issue = issue;
        result.issueOffset = at;
        return result;
    };

    for (;;) {
        ++m_steps;
        if (pos >= bound)
            return fail(DnsIssue::MissingTerminator, pos);
        const std::uint8_t length = m_message[pos];
        const std::uint8_t kind = length & 0xc0;
        if (kind == 0xc0) {
            if (pos + 1 >= bound)
                return fail(DnsIssue::LabelPastEnd, pos); // the pointer's second octet is missing
            const std::size_t target = static_cast<std::size_t>(length & 0x3f) << 8 | m_message[pos + 1];
            if (inPlace) {
                if (pos < kPointerRange)
                    m_labelStarts.push_back(static_cast<std::uint16_t>(pos));
                result.end = pos + 2;
                inPlace = false;
            }
            if (target >= m_size)
                return fail(DnsIssue::PointerOutOfRange, pos);
            if (target < kHeaderSize)
                return fail(DnsIssue::PointerIntoHeader, pos);
            if (target > pos)
                return fail(DnsIssue::ForwardPointer, pos);
            if (target >= partStart)
                return fail(DnsIssue::PointerLoop, pos);
            if (++hops > kMaxPointerHops)
                return fail(DnsIssue::TooManyPointers, pos);
            if (!isKnownTarget(target))
                return fail(DnsIssue::PointerIntoLabel, pos);
            pos = target;
            partStart = target;
            bound = m_size;
            continue;
        }
        if (kind != 0)
            return fail(DnsIssue::BadLabelType, pos);
        if (inPlace && pos < kPointerRange)
            m_labelStarts.push_back(static_cast<std::uint16_t>(pos));
        if (length == 0) {
            if (inPlace)
                result.end = pos + 1;
            break;
        }
        if (pos + 1 + length > bound)
            return fail(DnsIssue::LabelPastEnd, pos);
        wire += 1u + length;
        if (wire > kMaxNameOctets)
            return fail(DnsIssue::NameTooLong, pos);
        if (!firstLabel)
            *out++ = '.';
        firstLabel = false;
        out = dnstext::writeLabel(out, m_message + pos + 1, length);
        pos += 1u + length;
    }
    if (firstLabel)
        *out++ = '.';
    result.wireLength = wire;
    textLength = static_cast<std::size_t>(out - buffer);
    return result;
}

DnsNameReader::Result DnsNameReader::read(std::size_t offset, std::size_t limit, std::string& text)
{
    char buffer[kTextBufferSize];
    std::size_t length = 0;
    const Result result = decode(offset, limit, buffer, length);
    if (result.issue == DnsIssue::None)
        text.assign(buffer, length);
    return result;
}

DnsNameReader::Result DnsNameReader::append(std::size_t offset, std::size_t limit, std::string& text)
{
    char buffer[kTextBufferSize];
    std::size_t length = 0;
    const Result result = decode(offset, limit, buffer, length);
    if (result.issue == DnsIssue::None)
        text.append(buffer, length);
    return result;
}

} // namespace pdnsw
