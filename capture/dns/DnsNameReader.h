#pragma once

#include "capture/dns/DnsIssue.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace pdnsw {

// What one message's names leave behind for the next names of the same message: the offsets of labels and
// pointers read in place (sorted, the pointer-target check) and, for each, the text of the name suffix that
// starts there once that name decoded cleanly. A pointer to a known suffix then costs one copy instead of a
// walk; the result is the same either way (the differential fuzz check compares both).
struct DnsNameScratch
{
    struct Suffix
    {
        std::uint32_t textOffset = 0; // into arena
        std::uint16_t textLength = 0; // 0 for the root
        std::uint16_t wire = 0; // wire octets of the suffix, its root included
        std::uint8_t hops = 0; // pointer hops inside the suffix
        bool valid = false; // false until the name holding it decoded cleanly
    };

    std::vector<std::uint16_t> labelStarts;
    std::vector<Suffix> suffixes; // parallel to labelStarts
    std::string arena;
    bool cacheEnabled = true;

    void clear()
    {
        labelStarts.clear();
        suffixes.clear();
        arena.clear();
    }
};

// Reads compressed domain names out of one DNS message, iteratively and inside the message bounds only.
// The rules (reliability.md B.1): each compression pointer must point strictly before the start of the name
// part being read (this alone makes loops impossible) and land on a label or pointer read earlier in the
// message; at most 127 hops; label types 00 and 11 only; at most 255 wire octets after decompression.
class DnsNameReader
{
public:
    // `scratch` must start empty for each message, and names must be read in message order, which keeps its
    // label offsets sorted.
    DnsNameReader(const std::uint8_t* message, std::size_t size, DnsNameScratch& scratch, std::uint32_t& steps)
        : m_message(message)
        , m_size(size)
        , m_scratch(scratch)
        , m_steps(steps)
    {
    }

    struct Result
    {
        DnsIssue issue = DnsIssue::None;
        std::size_t end = 0; // offset just after the name's in-place part (valid when issue is None)
        std::size_t issueOffset = 0; // where the problem was met
        std::size_t wireLength = 0; // decompressed wire octets, root included
    };

    // Reads the name at `offset`; its in-place part must end by `limit` (the message end, or an RDATA end).
    // Replaces `text` with the presentation form on success; on failure `text` is unspecified.
    Result read(std::size_t offset, std::size_t limit, std::string& text);
    // The same, appending to `text`.
    Result append(std::size_t offset, std::size_t limit, std::string& text);

    static constexpr std::size_t kMaxPointerHops = 127;
    static constexpr std::size_t kMaxNameOctets = 255;

private:
    Result decode(std::size_t offset, std::size_t limit, char* buffer, std::size_t& textLength);
    // Index of `offset` among the recorded label starts, or -1.
    std::ptrdiff_t knownTarget(std::size_t offset) const;

    const std::uint8_t* m_message;
    std::size_t m_size;
    DnsNameScratch& m_scratch;
    std::uint32_t& m_steps;
};

} // namespace pdnsw
