#include "models/itemmodels/NameList.h"

#include "models/itemmodels/NamesModel.h"

#include <algorithm>
#include <limits>
#include <numeric>

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
    row.flags = (e.isAddress ? IsAddress : 0) | (e.hasNegative ? HasNegative : 0) | (e.firstSeen ? HasFirstSeen : 0)
        | (e.lastSeen ? HasLastSeen : 0) | (e.count ? HasCount : 0);
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
            return (r.flags & HasNegative) ? 1 : 0;
        default:
            return 0;
        }
    };
    const char* text = m_names.constData();
    const auto nameOf = [text](const Row& r) { return std::string_view(text + r.nameOffset, r.nameBytes); };
    // Names are stored lower-case, so byte order is the case-insensitive order (and UTF-16 order for every name
    // below U+E000: the case keeps A-labels and escapes, all ASCII).
    const auto less = [&](const Row& a, const Row& b) {
        if (column != NamesModel::Name) {
            const qint64 ka = key(a), kb = key(b);
            if (ka != kb)
                return ka < kb;
        }
        return nameOf(a) < nameOf(b);
    };
    if (order == Qt::AscendingOrder)
        std::stable_sort(m_rows.begin(), m_rows.end(), less);
    else
        std::stable_sort(m_rows.begin(), m_rows.end(), [&](const Row& a, const Row& b) { return less(b, a); });
}

} // namespace pdnsw
