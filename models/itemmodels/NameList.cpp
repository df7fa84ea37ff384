#include "models/itemmodels/NameList.h"

#include "models/itemmodels/NamesModel.h"
#include "models/itemmodels/RdataSortKey.h"

#include <QtEndian>

#include <algorithm>
#include <limits>
#include <numeric>
#include <string_view>

namespace pdnsw {

NameList NameList::fromList(const QList<NameEntry>& entries)
{
    NameList list;
    list.reserve(entries.size());
    for (const NameEntry& e : entries)
        list.append(e);
    return list;
}

void NameList::reserve(qsizetype entries, qsizetype nameBytes)
{
    m_rows.reserve(std::size_t(entries));
    if (nameBytes > 0)
        m_names.reserve(nameBytes);
}

void NameList::append(const NameEntry& e)
{
    const QByteArray utf8 = e.name.toUtf8();
    Row row{};
    row.observations = e.observations;
    row.firstSeen = e.firstSeen.value_or(0);
    row.lastSeen = e.lastSeen.value_or(0);
    row.count = e.count.value_or(0);
    row.nameOffset = quint64(m_names.size());
    row.nameBytes = quint32(utf8.size());
    row.sources = qint32(std::clamp<qint64>(e.sources, 0, std::numeric_limits<qint32>::max()));
    row.flags = (e.isAddress ? IsAddress : 0) | (e.hasNegative ? HasNegative : 0) | (e.wentNxdomain ? WentNxdomain : 0)
        | (e.firstSeen ? HasFirstSeen : 0) | (e.lastSeen ? HasLastSeen : 0) | (e.count ? HasCount : 0);
    m_names += utf8;
    m_rows.push_back(row);
}

QByteArrayView NameList::nameUtf8(qsizetype i) const
{
    const Row& row = m_rows[std::size_t(i)];
    return QByteArrayView(m_names.constData() + row.nameOffset, qsizetype(row.nameBytes));
}

NameEntry NameList::at(qsizetype i) const
{
    const Row& row = m_rows[std::size_t(i)];
    NameEntry e;
    e.name = QString::fromUtf8(nameUtf8(i));
    e.isAddress = row.flags & IsAddress;
    e.hasNegative = row.flags & HasNegative;
    e.wentNxdomain = row.flags & WentNxdomain;
    e.observations = row.observations;
    e.sources = row.sources;
    if (row.flags & HasFirstSeen)
        e.firstSeen = row.firstSeen;
    if (row.flags & HasLastSeen)
        e.lastSeen = row.lastSeen;
    if (row.flags & HasCount)
        e.count = row.count;
    return e;
}

QList<NameEntry> NameList::toList() const
{
    QList<NameEntry> entries;
    entries.reserve(size());
    for (qsizetype i = 0; i < size(); ++i)
        entries.append(at(i));
    return entries;
}

void NameList::sortByName()
{
    // Addresses first, in numeric order (IPv4, then IPv6), then names by text. Each address is parsed once into a
    // small key: parsing inside the comparison made a sort of 4 M entries four times slower.
    const auto addressesEnd
        = std::stable_partition(m_rows.begin(), m_rows.end(), [](const Row& r) { return r.flags & IsAddress; });
    const std::size_t addressCount = std::size_t(addressesEnd - m_rows.begin());
    struct V4
    {
        quint32 address; // host order, so integers compare as addresses do
        quint32 row;
    };
    struct V6
    {
        std::array<unsigned char, 16> bytes;
        quint32 row;
    };
    std::vector<V4> v4;
    std::vector<V6> v6;
    std::vector<quint32> other; // flagged as an address, but not one (kept, sorted with the names)
    const char* text = m_names.constData();
    for (std::size_t i = 0; i < addressCount; ++i) {
        const Row& r = m_rows[i];
        const std::optional<AddressSortKey> key = addressSortKey(QByteArrayView(text + r.nameOffset, r.nameBytes));
        if (key && key->family == 4)
            v4.push_back({qFromBigEndian<quint32>(key->bytes.data()), quint32(i)});
        else if (key)
            v6.push_back({key->bytes, quint32(i)});
        else
            other.push_back(quint32(i));
    }
    std::sort(v4.begin(), v4.end(), [](const V4& a, const V4& b) { return a.address < b.address; });
    std::sort(v6.begin(), v6.end(), [](const V6& a, const V6& b) { return a.bytes < b.bytes; });
    // from[k]: the row that goes to position k.
    std::vector<quint32> from;
    from.reserve(addressCount);
    for (const V4& a : v4)
        from.push_back(a.row);
    for (const V6& a : v6)
        from.push_back(a.row);
    from.insert(from.end(), other.begin(), other.end());
    std::vector<V4>().swap(v4);
    std::vector<V6>().swap(v6);
    // Moves the rows along the permutation's cycles in place, marking each position done.
    constexpr quint32 kDone = std::numeric_limits<quint32>::max();
    for (std::size_t start = 0; start < from.size(); ++start) {
        if (from[start] == kDone)
            continue;
        const Row first = m_rows[start];
        std::size_t k = start;
        for (;;) {
            const std::size_t source = from[k];
            from[k] = kDone;
            if (source == start) {
                m_rows[k] = first;
                break;
            }
            m_rows[k] = m_rows[source];
            k = source;
        }
    }
    // Names are stored lower-case, so byte order is the case-insensitive order (and UTF-16 order for every name
    // below U+E000: the case keeps A-labels and escapes, all ASCII).
    const auto nameOf = [text](const Row& r) { return std::string_view(text + r.nameOffset, r.nameBytes); };
    std::stable_sort(m_rows.begin() + qsizetype(addressCount - other.size()), m_rows.end(),
        [&](const Row& a, const Row& b) { return nameOf(a) < nameOf(b); });
}

void NameList::sort(int column, Qt::SortOrder order)
{
    constexpr qint64 kMissing = std::numeric_limits<qint64>::min();
    const auto key = [column, kMissing](const Row& r) -> qint64 {
        switch (column) {
        case NamesModel::Kind:
            return (r.flags & IsAddress) ? 1 : 0;
        case NamesModel::Records:
            return r.observations;
        case NamesModel::Sources:
            return r.sources;
        case NamesModel::Count:
            return (r.flags & HasCount) ? r.count : -1;
        case NamesModel::FirstSeen:
            return (r.flags & HasFirstSeen) ? r.firstSeen : kMissing;
        case NamesModel::LastSeen:
            return (r.flags & HasLastSeen) ? r.lastSeen : kMissing;
        case NamesModel::Status:
            return (r.flags & WentNxdomain) ? 2 : (r.flags & HasNegative) ? 1 : 0;
        default:
            return 0;
        }
    };
    // Ties by name: the name order first, then a stable sort by the column keeps it among equal keys.
    sortByName();
    if (column != NamesModel::Name)
        std::stable_sort(m_rows.begin(), m_rows.end(), [&](const Row& a, const Row& b) { return key(a) < key(b); });
    // Every entry has its own name, so no two are equal and the reversed order is the descending one.
    if (order == Qt::DescendingOrder)
        std::reverse(m_rows.begin(), m_rows.end());
}

} // namespace pdnsw
