#include "models/EncodedObservations.h"

#include "models/BulkKeyTable.h"

#include <algorithm>
#include <cstring>

namespace pdnsw {

void EncodedObservations::clear()
{
    m_arena.clear();
    m_rows.clear();
}

// Names, types and addresses are ASCII nearly always: those are written byte by byte without a temporary;
// anything else goes through Qt's converter (which also decides what an unpaired surrogate becomes).
void EncodedObservations::append(Row& row, Field field, const QString& value)
{
    const qsizetype n = value.size();
    const std::size_t start = m_arena.size();
    const char16_t* u = reinterpret_cast<const char16_t*>(value.constData());
    bool ascii = true;
    for (qsizetype i = 0; i < n; ++i) {
        if (u[i] >= 0x80) {
            ascii = false;
            break;
        }
    }
    if (ascii) {
        m_arena.resize(start + std::size_t(n));
        char* out = m_arena.data() + start;
        for (qsizetype i = 0; i < n; ++i)
            out[i] = static_cast<char>(u[i]);
    } else {
        const QByteArray utf8 = value.toUtf8();
        m_arena.append(utf8.constData(), std::size_t(utf8.size()));
    }
    row.text[field] = static_cast<std::uint32_t>(start);
    row.size[field] = static_cast<std::uint32_t>(m_arena.size() - start);
}

void EncodedObservations::add(const Observation& o)
{
    Row row;
    append(row, kName, o.rrname);
    append(row, kType, o.rrtype);
    append(row, kData, o.rdata);
    append(row, kClients, o.clients);
    append(row, kServers, o.servers);
    append(row, kAttrs, o.attrs);
    row.section = static_cast<std::uint8_t>(o.section);
    row.service = static_cast<std::uint8_t>(o.service);
    if (o.firstSeen) {
        row.firstSeen = *o.firstSeen;
        row.present |= kFirst;
    }
    if (o.lastSeen) {
        row.lastSeen = *o.lastSeen;
        row.present |= kLast;
    }
    if (o.count) {
        row.count = *o.count;
        row.present |= kCount;
    }
    if (o.rcode) {
        row.rcode = *o.rcode;
        row.present |= kRcode;
    }
    if (o.ttlMin) {
        row.ttlMin = *o.ttlMin;
        row.present |= kTtlMin;
    }
    if (o.ttlMax) {
        row.ttlMax = *o.ttlMax;
        row.present |= kTtlMax;
    }
    m_rows.push_back(row);
}

namespace {

int compareText(std::string_view a, std::string_view b)
{
    const std::size_t n = std::min(a.size(), b.size());
    if (const int c = n ? std::memcmp(a.data(), b.data(), n) : 0)
        return c;
    return a.size() < b.size() ? -1 : (a.size() > b.size() ? 1 : 0);
}

void mergeMin(qint64& into, std::uint8_t& present, std::uint8_t bit, const EncodedObservations::Row& next, qint64 v)
{
    if (!(next.present & bit))
        return;
    into = (present & bit) ? std::min(into, v) : v;
    present |= bit;
}

void mergeMax(qint64& into, std::uint8_t& present, std::uint8_t bit, const EncodedObservations::Row& next, qint64 v)
{
    if (!(next.present & bit))
        return;
    into = (present & bit) ? std::max(into, v) : v;
    present |= bit;
}

} // namespace

std::size_t EncodedObservations::sortAndMerge(bool countIsMax)
{
    if (m_rows.size() < 2)
        return 0;
    const char* base = m_arena.data();
    auto field = [base](const Row& r, int f) { return std::string_view(base + r.text[f], r.size[f]); };
    auto compareKey = [&](const Row& a, const Row& b) {
        if (int c = compareText(field(a, kName), field(b, kName)))
            return c;
        if (int c = compareText(field(a, kType), field(b, kType)))
            return c;
        if (int c = compareText(field(a, kData), field(b, kData)))
            return c;
        if (a.section != b.section)
            return int(a.section) - int(b.section);
        return int(a.service) - int(b.service);
    };
    // The first eight bytes of the name, big-endian, decide most comparisons without touching the arena (and
    // order like memcmp: a shorter name pads with zero bytes, which names never contain). Ties fall back to the
    // whole key, then to the arrival order, so among equal keys the later row comes later and its texts win, as
    // they would one by one.
    struct SortKey
    {
        std::uint64_t prefix;
        std::uint32_t index;
    };
    std::vector<SortKey> order(m_rows.size());
    for (std::uint32_t i = 0; i < order.size(); ++i) {
        const std::string_view name = field(m_rows[i], kName);
        std::uint64_t prefix = 0;
        for (std::size_t k = 0; k < 8; ++k)
            prefix = (prefix << 8) | (k < name.size() ? static_cast<unsigned char>(name[k]) : 0u);
        order[i] = SortKey{prefix, i};
    }
    std::sort(order.begin(), order.end(), [&](const SortKey& a, const SortKey& b) {
        if (a.prefix != b.prefix)
            return a.prefix < b.prefix;
        if (const int c = compareKey(m_rows[a.index], m_rows[b.index]))
            return c < 0;
        return a.index < b.index;
    });
    m_scratch.clear();
    m_scratch.reserve(m_rows.size());
    std::size_t merged = 0;
    for (const SortKey& key : order) {
        const Row& next = m_rows[key.index];
        if (m_scratch.empty() || compareKey(m_scratch.back(), next) != 0) {
            m_scratch.push_back(next);
            continue;
        }
        ++merged;
        mergeInto(m_scratch.back(), next, countIsMax);
    }
    m_rows.swap(m_scratch);
    return merged;
}

void EncodedObservations::mergeInto(Row& into, const Row& next, bool countIsMax)
{
    mergeMin(into.firstSeen, into.present, kFirst, next, next.firstSeen);
    mergeMax(into.lastSeen, into.present, kLast, next, next.lastSeen);
    if (next.present & kCount) {
        if (into.present & kCount)
            into.count = countIsMax ? std::max(into.count, next.count) : into.count + next.count;
        else
            into.count = next.count;
        into.present |= kCount;
    }
    if (next.present & kRcode) {
        into.rcode = next.rcode;
        into.present |= kRcode;
    }
    mergeMin(into.ttlMin, into.present, kTtlMin, next, next.ttlMin);
    mergeMax(into.ttlMax, into.present, kTtlMax, next, next.ttlMax);
    for (int f : {kClients, kServers, kAttrs}) {
        if (next.size[f] > 0) {
            into.text[f] = next.text[f];
            into.size[f] = next.size[f];
        }
    }
}

void EncodedObservations::computeHashes()
{
    m_hashes.resize(m_rows.size());
    for (std::size_t i = 0; i < m_rows.size(); ++i) {
        const Row& row = m_rows[i];
        m_hashes[i] = BulkKeyTable::hashKey(
            text(row, kName), text(row, kType), text(row, kData), BulkKeyTable::keyTag(row.section, row.service));
    }
}

} // namespace pdnsw
