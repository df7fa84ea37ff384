#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>

namespace pdnsw {

// A fast non-cryptographic 64-bit hash for in-memory tables (the packet path's records, pending queries and
// addresses; the bulk writer's keys), eight bytes per step. Table sizes are powers of two, so the result is well mixed
// in its low bits. The keys are attacker-controlled, but the tables probe linearly with a load of at most one half and
// compare whole keys, so a collision costs time, never a wrong match.
inline std::uint64_t fastHash(const void* data, std::size_t size, std::uint64_t seed = 0x9E3779B97F4A7C15ull)
{
    constexpr std::uint64_t kMul = 0xFF51AFD7ED558CCDull;
    const auto* p = static_cast<const unsigned char*>(data);
    std::uint64_t h = seed ^ (size * kMul);
    while (size >= 8) {
        std::uint64_t w;
        std::memcpy(&w, p, 8);
        h = (h ^ w) * kMul;
        h ^= h >> 29;
        p += 8;
        size -= 8;
    }
    if (size > 0) {
        std::uint64_t w = 0;
        std::memcpy(&w, p, size);
        h = (h ^ w ^ (std::uint64_t(size) << 59)) * kMul;
    }
    h ^= h >> 32;
    h *= 0xC4CEB9FE1A85EC53ull;
    h ^= h >> 29;
    return h;
}

} // namespace pdnsw
