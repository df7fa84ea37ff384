#pragma once

#include "models/CaseReader.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

#include <vector>

namespace pdnsw {

// The names and addresses of a case for the window's list, packed. A case of 10 M records has 4 M of them; as
// NameEntry values (a UTF-16 QString and three optionals each) they took 880 MB. Here an entry is 48 bytes of
// fields and its name once, in UTF-8, in one shared buffer. Entries come out as NameEntry values.
class NameList
{
public:
    NameList() = default;
    static NameList fromList(const QList<NameEntry>& entries);

    void reserve(qsizetype entries, qsizetype nameBytes = 0);
    void append(const NameEntry& entry);
    qsizetype size() const { return qsizetype(m_rows.size()); }
    bool isEmpty() const { return m_rows.empty(); }
    NameEntry at(qsizetype i) const;
    NameEntry first() const { return at(0); }
    QList<NameEntry> toList() const;

    // Fields of one entry without building it (filters and searches over every row).
    QByteArrayView nameUtf8(qsizetype i) const;
    QString name(qsizetype i) const { return QString::fromUtf8(nameUtf8(i)); }
    bool isAddress(qsizetype i) const { return m_rows[std::size_t(i)].flags & IsAddress; }
    bool hasNegative(qsizetype i) const { return m_rows[std::size_t(i)].flags & HasNegative; }
    bool wentNxdomain(qsizetype i) const { return m_rows[std::size_t(i)].flags & WentNxdomain; }

    // Orders the entries by a NamesModel column, ties by name. In name order addresses come first, by number.
    void sort(int column, Qt::SortOrder order);

    class const_iterator
    {
    public:
        using value_type = NameEntry;
        using difference_type = qsizetype;
        const_iterator(const NameList* list, qsizetype i)
            : m_list(list)
            , m_i(i)
        {
        }
        NameEntry operator*() const { return m_list->at(m_i); }
        const_iterator& operator++()
        {
            ++m_i;
            return *this;
        }
        bool operator==(const const_iterator& other) const { return m_i == other.m_i; }
        bool operator!=(const const_iterator& other) const { return m_i != other.m_i; }

    private:
        const NameList* m_list;
        qsizetype m_i;
    };
    const_iterator begin() const { return {this, 0}; }
    const_iterator end() const { return {this, size()}; }

private:
    enum Flag : quint8
    {
        IsAddress = 1,
        HasNegative = 2,
        HasFirstSeen = 4,
        HasLastSeen = 8,
        HasCount = 16,
        WentNxdomain = 32,
    };
    struct Row
    {
        qint64 observations;
        qint64 firstSeen;
        qint64 lastSeen;
        qint64 count;
        quint64 nameOffset : 56;
        quint64 flags : 8;
        quint32 nameBytes;
        qint32 sources; // clamped: a case has far fewer sources
    };
    static_assert(sizeof(Row) == 48);

    void sortByName();

    std::vector<Row> m_rows;
    QByteArray m_names; // every name's UTF-8, one after the other
};

} // namespace pdnsw
