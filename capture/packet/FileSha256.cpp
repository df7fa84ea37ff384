#include "capture/packet/FileSha256.h"

#include <QFile>

#include <memory>

#if defined(PDNSW_HAVE_LIBCRYPTO)
#include <openssl/evp.h>
#else
#include <QCryptographicHash>
#endif

namespace pdnsw {
namespace {

#if defined(PDNSW_HAVE_LIBCRYPTO)
class Hasher
{
public:
    Hasher()
        : m_ctx(EVP_MD_CTX_new())
    {
        EVP_DigestInit_ex(m_ctx.get(), EVP_sha256(), nullptr);
    }
    void add(const char* data, qint64 size) { EVP_DigestUpdate(m_ctx.get(), data, static_cast<size_t>(size)); }
    QByteArray result()
    {
        unsigned char digest[EVP_MAX_MD_SIZE];
        unsigned int length = 0;
        EVP_DigestFinal_ex(m_ctx.get(), digest, &length);
        return QByteArray(reinterpret_cast<const char*>(digest), static_cast<qsizetype>(length));
    }

private:
    struct Free
    {
        void operator()(EVP_MD_CTX* ctx) const { EVP_MD_CTX_free(ctx); }
    };
    std::unique_ptr<EVP_MD_CTX, Free> m_ctx;
};
#else
class Hasher
{
public:
    void add(const char* data, qint64 size) { m_hash.addData(QByteArrayView(data, static_cast<qsizetype>(size))); }
    QByteArray result() { return m_hash.result(); }

private:
    QCryptographicHash m_hash{QCryptographicHash::Sha256};
};
#endif

} // namespace

std::optional<QString> fileSha256(const QString& path, const std::atomic<bool>* cancel, QString* error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = QStringLiteral("%1: cannot read the file to hash it (%2)").arg(path, file.errorString());
        return std::nullopt;
    }
    Hasher hasher;
    constexpr qint64 kChunk = 1 << 20;
    std::unique_ptr<char[]> buffer(new char[kChunk]);
    for (;;) {
        if (cancel && cancel->load(std::memory_order_relaxed)) {
            if (error)
                *error = QStringLiteral("%1: hashing cancelled").arg(path);
            return std::nullopt;
        }
        const qint64 n = file.read(buffer.get(), kChunk);
        if (n < 0) {
            if (error)
                *error = QStringLiteral("%1: read error while hashing (%2)").arg(path, file.errorString());
            return std::nullopt;
        }
        if (n == 0)
            break;
        hasher.add(buffer.get(), n);
    }
    return QString::fromLatin1(hasher.result().toHex());
}

} // namespace pdnsw
