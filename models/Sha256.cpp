#include "models/Sha256.h"

#include <QFile>

#include <openssl/evp.h>

#include <new>

namespace pdnsw {

struct Sha256::Context
{
    struct Free
    {
        void operator()(EVP_MD_CTX* ctx) const { EVP_MD_CTX_free(ctx); }
    };
    std::unique_ptr<EVP_MD_CTX, Free> ctx{EVP_MD_CTX_new()};
};

Sha256::Sha256()
    : m_context(std::make_unique<Context>())
{
    // Only fails when out of memory: report it like any other allocation rather than record a wrong hash.
    if (!m_context->ctx || EVP_DigestInit_ex(m_context->ctx.get(), EVP_sha256(), nullptr) != 1)
        throw std::bad_alloc();
}

Sha256::~Sha256() = default;

void Sha256::addData(QByteArrayView data)
{
    if (!data.isEmpty())
        EVP_DigestUpdate(m_context->ctx.get(), data.data(), static_cast<size_t>(data.size()));
}

QString Sha256::hexResult()
{
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    EVP_DigestFinal_ex(m_context->ctx.get(), digest, &length);
    return QString::fromLatin1(
        QByteArray(reinterpret_cast<const char*>(digest), static_cast<qsizetype>(length)).toHex());
}

std::optional<QString> fileSha256(const QString& path, const std::atomic<bool>* cancel, QString* error, qint64* size)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = QStringLiteral("%1: cannot read the file to hash it (%2)").arg(path, file.errorString());
        return std::nullopt;
    }
    Sha256 hash;
    constexpr qint64 kChunk = 1 << 20;
    std::unique_ptr<char[]> buffer(new char[kChunk]);
    qint64 total = 0;
    for (;;) {
        if (cancel && cancel->load(std::memory_order_relaxed)) {
            if (error)
                *error = QStringLiteral("%1: hashing cancelled").arg(path);
            return std::nullopt;
        }
        const qint64 n = file.read(buffer.get(), kChunk);
        if (n < 0) {
            if (error)
                *error = QStringLiteral("%1: read error at byte %2 while hashing (%3)")
                             .arg(path)
                             .arg(total)
                             .arg(file.errorString());
            return std::nullopt;
        }
        if (n == 0)
            break;
        hash.addData(QByteArrayView(buffer.get(), n));
        total += n;
    }
    if (size)
        *size = total;
    return hash.hexResult();
}

} // namespace pdnsw
