#pragma once

#include <QString>

#include <atomic>
#include <optional>

namespace pdnsw {

// SHA-256 of a whole file as lower-case hex, read in large chunks. Uses OpenSSL's libcrypto when the build
// links it (SHA extensions make it ~10x faster than QCryptographicHash on a 200 MB capture), QtCore otherwise.
// nullopt with a message naming the file when it cannot be read, or when `cancel` was set.
std::optional<QString> fileSha256(const QString& path, const std::atomic<bool>* cancel, QString* error);

} // namespace pdnsw
