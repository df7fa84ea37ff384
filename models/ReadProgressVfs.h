#pragma once

#include <QtGlobal>

#include <atomic>
#include <vector>

namespace pdnsw {

// How much of a database file a connection has read: the distinct pages, counted as SQLite reads them, readable
// from any thread. quick_check of a big case reads every page, for minutes from a cold disk, in one step that
// reports nothing; this is how the opener can tell the analyst how far it is.
class ReadProgress
{
public:
    ReadProgress(qint64 fileSize, qint64 pageSize);

    qint64 pagesRead() const { return m_pagesRead.load(std::memory_order_relaxed); }
    qint64 pageCount() const { return m_pageCount; }

    // On the reading thread: a read of `bytes` at `offset` of the main database file.
    void noteRead(qint64 offset, qint64 bytes);

private:
    qint64 m_pageSize;
    qint64 m_pageCount;
    std::vector<quint64> m_seen; // one bit per page; only the reading thread touches it
    std::atomic<qint64> m_pagesRead{0};
};

// A VFS over SQLite's default one that only adds the counting above. A connection opened through it on a thread
// inside a CountReadsOfNextOpen scope reports the reads of its main database file to that scope's ReadProgress,
// on whichever thread it reads later. Every other file it opens is passed through untouched.
const char* readProgressVfsName();

class CountReadsOfNextOpen
{
public:
    explicit CountReadsOfNextOpen(ReadProgress* progress);
    ~CountReadsOfNextOpen();
    CountReadsOfNextOpen(const CountReadsOfNextOpen&) = delete;
    CountReadsOfNextOpen& operator=(const CountReadsOfNextOpen&) = delete;
};

} // namespace pdnsw
