#include "capture/dns/DnsNameReader.h"

#include "capture/dns/DnsPresentation.h"

#include <algorithm>
#include <climits>
#include <cstdint>
#include <cstring>

namespace pdnsw {
namespace {

// Longest presentation text: 255 wire octets hold at most 253 label octets, each at most 4 chars (\DDD),
// plus the dots between labels.
constexpr std::size_t kTextBufferSize = 1100;
constexpr std::size_t kHeaderSize = 12;
// Only offsets below 0x4000 can be pointer targets; recording later ones would be wasted work.
constexpr std::size_t kPointerRange = 0x4000;
// In-place entries one name can record: at most 127 labels in 255 octets, plus its root or pointer.
constexpr std::size_t kMaxEntries = 130;

} // namespace

std::ptrdiff_t DnsNameReader::knownTarget(std::size_t offset) const
{
    const auto& starts = m_scratch.labelStarts;
    const auto it = std::lower_bound(starts.begin(), starts.end(), static_cast<std::uint16_t>(offset));
    if (it == starts.end() || *it != offset)
        return -1;
    return it - starts.begin();
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
    std::size_t hops = 0;
    std::size_t wire = 1; // the root label
    bool firstLabel = true;

    // In-place label starts recorded by this name: where their suffix text begins and the label octets
    // before them, to fill the suffix cache once the whole name is known to be good.
    const std::size_t firstEntry = m_scratch.labelStarts.size();
    std::uint16_t entryTextStart[kMaxEntries];
    std::uint16_t entryWireBefore[kMaxEntries];
    std::size_t entries = 0;
    const auto record = [&](std::size_t at) {
        if (at >= kPointerRange || entries == kMaxEntries)
            return;
        m_scratch.labelStarts.push_back(static_cast<std::uint16_t>(at));
        m_scratch.suffixes.emplace_back();
        entryTextStart[entries] = static_cast<std::uint16_t>((out - buffer) + (firstLabel ? 0 : 1));
        entryWireBefore[entries] = static_cast<std::uint16_t>(wire - 1);
        ++entries;
    };

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
                record(pos);
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
            const std::ptrdiff_t known = knownTarget(target);
            if (known < 0)
                return fail(DnsIssue::PointerIntoLabel, pos);
            const DnsNameScratch::Suffix& suffix = m_scratch.suffixes[static_cast<std::size_t>(known)];
            if (m_scratch.cacheEnabled && suffix.valid && wire - 1 + suffix.wire <= kMaxNameOctets
                && hops + suffix.hops <= kMaxPointerHops) {
                if (suffix.textLength) {
                    if (!firstLabel)
                        *out++ = '.';
                    firstLabel = false;
                    std::memcpy(out, m_scratch.arena.data() + suffix.textOffset, suffix.textLength);
                    out += suffix.textLength;
                }
                wire = wire - 1 + suffix.wire;
                hops += suffix.hops;
                break;
            }
            pos = target;
            partStart = target;
            bound = m_size;
            continue;
        }
        if (kind != 0)
            return fail(DnsIssue::BadLabelType, pos);
        if (inPlace)
            record(pos);
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
    // The name is good: every suffix it read in place can now stand in for a walk.
    const std::size_t labelsText = static_cast<std::size_t>(out - buffer);
    if (entries && m_scratch.cacheEnabled && m_scratch.arena.size() + labelsText <= UINT32_MAX) {
        const std::size_t base = m_scratch.arena.size();
        m_scratch.arena.append(buffer, labelsText);
        for (std::size_t k = 0; k < entries; ++k) {
            DnsNameScratch::Suffix& suffix = m_scratch.suffixes[firstEntry + k];
            const std::size_t start = std::min<std::size_t>(entryTextStart[k], labelsText);
            suffix.textOffset = static_cast<std::uint32_t>(base + start);
            suffix.textLength = static_cast<std::uint16_t>(labelsText - start);
            suffix.wire = static_cast<std::uint16_t>(wire - entryWireBefore[k]);
            suffix.hops = static_cast<std::uint8_t>(hops);
            suffix.valid = true;
        }
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
