#include "capture/packet/PcapngWriter.h"

#include <QFile>

#include <cerrno>
#include <cstring>
#include <vector>

namespace pdnsw {
namespace {

constexpr std::uint32_t kSectionHeader = 0x0A0D0D0A, kInterfaceDescription = 1, kEnhancedPacket = 6;
constexpr std::uint32_t kByteOrderMagic = 0x1A2B3C4D;
constexpr std::uint16_t kOptEnd = 0, kOptIfName = 2, kOptIfTsResol = 9, kOptShbUserAppl = 4;

void put16(std::vector<std::uint8_t>& b, std::uint16_t v)
{
    const auto* p = reinterpret_cast<const std::uint8_t*>(&v); // host order: the byte-order magic says which
    b.insert(b.end(), p, p + 2);
}

void put32(std::vector<std::uint8_t>& b, std::uint32_t v)
{
    const auto* p = reinterpret_cast<const std::uint8_t*>(&v);
    b.insert(b.end(), p, p + 4);
}

void pad4(std::vector<std::uint8_t>& b)
{
    while (b.size() % 4)
        b.push_back(0);
}

void option(std::vector<std::uint8_t>& b, std::uint16_t code, const void* data, std::uint16_t length)
{
    put16(b, code);
    put16(b, length);
    const auto* p = static_cast<const std::uint8_t*>(data);
    b.insert(b.end(), p, p + length);
    pad4(b);
}

// Wraps a block body with its type and the total length repeated at both ends.
std::vector<std::uint8_t> block(std::uint32_t type, const std::vector<std::uint8_t>& body)
{
    std::vector<std::uint8_t> b;
    const std::uint32_t total = static_cast<std::uint32_t>(12 + body.size());
    put32(b, type);
    put32(b, total);
    b.insert(b.end(), body.begin(), body.end());
    put32(b, total);
    return b;
}

} // namespace

PcapngWriter::~PcapngWriter()
{
    close();
}

bool PcapngWriter::open(
    const QString& path, int linkType, std::uint32_t snaplen, const QString& interfaceName, QString* error)
{
    close();
    m_path = path;
    m_packets = 0;
    m_failed = false;
    m_file = std::fopen(QFile::encodeName(path).constData(), "wb");
    if (!m_file) {
        if (error)
            *error = QStringLiteral("%1: cannot create the evidence file (%2)")
                         .arg(path, QString::fromLocal8Bit(std::strerror(errno)));
        return false;
    }
    std::vector<std::uint8_t> shb;
    put32(shb, kByteOrderMagic);
    put16(shb, 1); // major version
    put16(shb, 0); // minor version
    put32(shb, 0xFFFFFFFF); // section length unknown (64-bit -1)
    put32(shb, 0xFFFFFFFF);
    const QByteArray app = QByteArrayLiteral("PDNS Workbench " PDNSW_VERSION);
    option(shb, kOptShbUserAppl, app.constData(), static_cast<std::uint16_t>(app.size()));
    option(shb, kOptEnd, nullptr, 0);

    std::vector<std::uint8_t> idb;
    put16(idb, static_cast<std::uint16_t>(linkType));
    put16(idb, 0);
    put32(idb, snaplen);
    const QByteArray name = interfaceName.toUtf8().left(200);
    if (!name.isEmpty())
        option(idb, kOptIfName, name.constData(), static_cast<std::uint16_t>(name.size()));
    const std::uint8_t microseconds = 6;
    option(idb, kOptIfTsResol, &microseconds, 1);
    option(idb, kOptEnd, nullptr, 0);

    for (const auto& b : {block(kSectionHeader, shb), block(kInterfaceDescription, idb)}) {
        if (std::fwrite(b.data(), 1, b.size(), m_file) != b.size()) {
            if (error)
                *error = QStringLiteral("%1: cannot write the evidence file (%2)")
                             .arg(path, QString::fromLocal8Bit(std::strerror(errno)));
            close();
            return false;
        }
    }
    return true;
}

bool PcapngWriter::write(std::int64_t timeUsec, const std::uint8_t* data, std::uint32_t caplen, std::uint32_t len)
{
    if (!m_file || m_failed)
        return false;
    const std::uint64_t ts = static_cast<std::uint64_t>(timeUsec);
    std::uint8_t head[28];
    const std::uint32_t padded = (caplen + 3) & ~3u;
    const std::uint32_t total = 32 + padded;
    const std::uint32_t fields[7] = {kEnhancedPacket, total, 0, static_cast<std::uint32_t>(ts >> 32),
        static_cast<std::uint32_t>(ts & 0xFFFFFFFF), caplen, len};
    std::memcpy(head, fields, sizeof head);
    static const std::uint8_t zeros[4] = {};
    const bool ok = std::fwrite(head, 1, sizeof head, m_file) == sizeof head
        && std::fwrite(data, 1, caplen, m_file) == caplen
        && std::fwrite(zeros, 1, padded - caplen, m_file) == padded - caplen && std::fwrite(&total, 1, 4, m_file) == 4;
    if (!ok)
        m_failed = true;
    else
        ++m_packets;
    return ok;
}

bool PcapngWriter::flush()
{
    return m_file && std::fflush(m_file) == 0;
}

bool PcapngWriter::close(QString* error)
{
    if (!m_file)
        return true;
    const bool ok = std::fclose(m_file) == 0 && !m_failed;
    m_file = nullptr;
    if (!ok && error)
        *error = QStringLiteral("%1: writing the evidence file failed (disk full?)").arg(m_path);
    return ok;
}

} // namespace pdnsw
