#pragma once

#include <QByteArrayView>
#include <QString>

#include <atomic>
#include <memory>
#include <optional>

namespace pdnsw {

// SHA-256 through OpenSSL's libcrypto, which uses the CPU's SHA extensions: about 2 GB/s here against 176 MB/s for
// QCryptographicHash's portable code. Every hash of a whole input or export file goes through it, so that hashing
// never costs more than reading the file.
class Sha256
{
public:
    Sha256();
    ~Sha256();
    Sha256(const Sha256&) = delete;
    Sha256& operator=(const Sha256&) = delete;

    void addData(QByteArrayView data);
    // Lower-case hex of the digest; the hash cannot take more data afterwards.
    QString hexResult();

private:
    struct Context;
    std::unique_ptr<Context> m_context;
};

// SHA-256 of a whole file as lower-case hex, read in large chunks. nullopt with a message naming the file when it
// cannot be read, or when `cancel` was set. `size`, when given, receives the number of bytes hashed.
std::optional<QString> fileSha256(
    const QString& path, const std::atomic<bool>* cancel, QString* error, qint64* size = nullptr);

} // namespace pdnsw
