#pragma once

#include <QString>

#include <cstdint>
#include <cstdio>

namespace pdnsw {

// Writes raw packets to a pcapng file as evidence of a live capture: a section header, one interface
// description (link type, snap length, interface name, microsecond timestamps) and one enhanced packet block
// per packet. libpcap 1.10 only dumps classic pcap, and the blocks are simple enough to write directly.
class PcapngWriter
{
public:
    PcapngWriter() = default;
    ~PcapngWriter();
    PcapngWriter(const PcapngWriter&) = delete;
    PcapngWriter& operator=(const PcapngWriter&) = delete;

    bool open(const QString& path, int linkType, std::uint32_t snaplen, const QString& interfaceName, QString* error);
    bool write(std::int64_t timeUsec, const std::uint8_t* data, std::uint32_t caplen, std::uint32_t len);
    bool flush();
    bool close(QString* error = nullptr);
    bool isOpen() const { return m_file != nullptr; }
    std::uint64_t packets() const { return m_packets; }
    const QString& path() const { return m_path; }

private:
    std::FILE* m_file = nullptr;
    QString m_path;
    std::uint64_t m_packets = 0;
    bool m_failed = false;
};

} // namespace pdnsw
