#include "models/ReadProgressVfs.h"

#include <sqlite3.h>

#include <mutex>

namespace pdnsw {

ReadProgress::ReadProgress(qint64 fileSize, qint64 pageSize)
    : m_pageSize(qMax<qint64>(pageSize, 512))
    , m_pageCount(qMax<qint64>(fileSize, 0) / m_pageSize)
    , m_seen(std::size_t((m_pageCount + 63) / 64))
{
}

void ReadProgress::noteRead(qint64 offset, qint64 bytes)
{
    // SQLite reads the main file a page at a time, apart from the header's first bytes.
    if (bytes <= 0 || offset < 0)
        return;
    const qint64 first = offset / m_pageSize;
    const qint64 end = qMin(m_pageCount, (offset + bytes + m_pageSize - 1) / m_pageSize);
    qint64 added = 0;
    for (qint64 page = first; page < end; ++page) {
        quint64& word = m_seen[std::size_t(page / 64)];
        const quint64 bit = quint64(1) << (page % 64);
        if (!(word & bit)) {
            word |= bit;
            ++added;
        }
    }
    if (added)
        m_pagesRead.fetch_add(added, std::memory_order_relaxed);
}

namespace {

thread_local ReadProgress* t_nextOpen = nullptr;
sqlite3_vfs* g_base = nullptr;

// The file SQLite sees: ours first, the default VFS's right behind it in the same allocation.
struct CountedFile
{
    sqlite3_file base;
    ReadProgress* progress;
    sqlite3_file* real;
};

sqlite3_file* real(sqlite3_file* f)
{
    return reinterpret_cast<CountedFile*>(f)->real;
}

int fileClose(sqlite3_file* f)
{
    return real(f)->pMethods->xClose(real(f));
}

int fileRead(sqlite3_file* f, void* buffer, int bytes, sqlite3_int64 offset)
{
    const int rc = real(f)->pMethods->xRead(real(f), buffer, bytes, offset);
    if (ReadProgress* p = reinterpret_cast<CountedFile*>(f)->progress; p && rc == SQLITE_OK)
        p->noteRead(offset, bytes);
    return rc;
}

int fileWrite(sqlite3_file* f, const void* buffer, int bytes, sqlite3_int64 offset)
{
    return real(f)->pMethods->xWrite(real(f), buffer, bytes, offset);
}

int fileTruncate(sqlite3_file* f, sqlite3_int64 size)
{
    return real(f)->pMethods->xTruncate(real(f), size);
}

int fileSync(sqlite3_file* f, int flags)
{
    return real(f)->pMethods->xSync(real(f), flags);
}

int fileSize(sqlite3_file* f, sqlite3_int64* size)
{
    return real(f)->pMethods->xFileSize(real(f), size);
}

int fileLock(sqlite3_file* f, int level)
{
    return real(f)->pMethods->xLock(real(f), level);
}

int fileUnlock(sqlite3_file* f, int level)
{
    return real(f)->pMethods->xUnlock(real(f), level);
}

int fileCheckReservedLock(sqlite3_file* f, int* out)
{
    return real(f)->pMethods->xCheckReservedLock(real(f), out);
}

int fileControl(sqlite3_file* f, int op, void* arg)
{
    return real(f)->pMethods->xFileControl(real(f), op, arg);
}

int fileSectorSize(sqlite3_file* f)
{
    return real(f)->pMethods->xSectorSize(real(f));
}

int fileDeviceCharacteristics(sqlite3_file* f)
{
    return real(f)->pMethods->xDeviceCharacteristics(real(f));
}

int fileShmMap(sqlite3_file* f, int region, int size, int extend, void volatile** out)
{
    return real(f)->pMethods->xShmMap(real(f), region, size, extend, out);
}

int fileShmLock(sqlite3_file* f, int offset, int n, int flags)
{
    return real(f)->pMethods->xShmLock(real(f), offset, n, flags);
}

void fileShmBarrier(sqlite3_file* f)
{
    real(f)->pMethods->xShmBarrier(real(f));
}

int fileShmUnmap(sqlite3_file* f, int deleteFlag)
{
    return real(f)->pMethods->xShmUnmap(real(f), deleteFlag);
}

int fileFetch(sqlite3_file* f, sqlite3_int64 offset, int bytes, void** out)
{
    const int rc = real(f)->pMethods->xFetch(real(f), offset, bytes, out);
    if (ReadProgress* p = reinterpret_cast<CountedFile*>(f)->progress; p && rc == SQLITE_OK && *out)
        p->noteRead(offset, bytes);
    return rc;
}

int fileUnfetch(sqlite3_file* f, sqlite3_int64 offset, void* page)
{
    return real(f)->pMethods->xUnfetch(real(f), offset, page);
}

// Version 3 methods, which the default (unix) VFS's files have; the open refuses a base whose files do not.
const sqlite3_io_methods kMethods = {3, fileClose, fileRead, fileWrite, fileTruncate, fileSync, fileSize, fileLock,
    fileUnlock, fileCheckReservedLock, fileControl, fileSectorSize, fileDeviceCharacteristics, fileShmMap, fileShmLock,
    fileShmBarrier, fileShmUnmap, fileFetch, fileUnfetch};

int vfsOpen(sqlite3_vfs*, sqlite3_filename name, sqlite3_file* file, int flags, int* outFlags)
{
    auto* counted = reinterpret_cast<CountedFile*>(file);
    counted->base.pMethods = nullptr; // SQLite does not close a file whose open failed
    counted->real = reinterpret_cast<sqlite3_file*>(counted + 1);
    counted->progress = (flags & SQLITE_OPEN_MAIN_DB) ? t_nextOpen : nullptr;
    const int rc = g_base->xOpen(g_base, name, counted->real, flags, outFlags);
    if (rc != SQLITE_OK)
        return rc;
    if (!counted->real->pMethods || counted->real->pMethods->iVersion < 3) {
        if (counted->real->pMethods)
            counted->real->pMethods->xClose(counted->real);
        return SQLITE_CANTOPEN;
    }
    counted->base.pMethods = &kMethods;
    return SQLITE_OK;
}

int vfsDelete(sqlite3_vfs*, const char* name, int syncDir)
{
    return g_base->xDelete(g_base, name, syncDir);
}

int vfsAccess(sqlite3_vfs*, const char* name, int flags, int* out)
{
    return g_base->xAccess(g_base, name, flags, out);
}

int vfsFullPathname(sqlite3_vfs*, const char* name, int size, char* out)
{
    return g_base->xFullPathname(g_base, name, size, out);
}

void* vfsDlOpen(sqlite3_vfs*, const char* name)
{
    return g_base->xDlOpen(g_base, name);
}

void vfsDlError(sqlite3_vfs*, int size, char* out)
{
    g_base->xDlError(g_base, size, out);
}

void (*vfsDlSym(sqlite3_vfs*, void* handle, const char* symbol))(void)
{
    return g_base->xDlSym(g_base, handle, symbol);
}

void vfsDlClose(sqlite3_vfs*, void* handle)
{
    g_base->xDlClose(g_base, handle);
}

int vfsRandomness(sqlite3_vfs*, int size, char* out)
{
    return g_base->xRandomness(g_base, size, out);
}

int vfsSleep(sqlite3_vfs*, int microseconds)
{
    return g_base->xSleep(g_base, microseconds);
}

int vfsCurrentTime(sqlite3_vfs*, double* out)
{
    return g_base->xCurrentTime(g_base, out);
}

int vfsGetLastError(sqlite3_vfs*, int size, char* out)
{
    return g_base->xGetLastError ? g_base->xGetLastError(g_base, size, out) : 0;
}

int vfsCurrentTimeInt64(sqlite3_vfs*, sqlite3_int64* out)
{
    return g_base->xCurrentTimeInt64(g_base, out);
}

sqlite3_vfs g_vfs{};

} // namespace

const char* readProgressVfsName()
{
    static std::once_flag once;
    std::call_once(once, [] {
        g_base = sqlite3_vfs_find(nullptr);
        g_vfs.iVersion = 2;
        g_vfs.szOsFile = int(sizeof(CountedFile)) + g_base->szOsFile;
        g_vfs.mxPathname = g_base->mxPathname;
        g_vfs.zName = "pdnsw-read-progress";
        g_vfs.xOpen = vfsOpen;
        g_vfs.xDelete = vfsDelete;
        g_vfs.xAccess = vfsAccess;
        g_vfs.xFullPathname = vfsFullPathname;
        g_vfs.xDlOpen = vfsDlOpen;
        g_vfs.xDlError = vfsDlError;
        g_vfs.xDlSym = vfsDlSym;
        g_vfs.xDlClose = vfsDlClose;
        g_vfs.xRandomness = vfsRandomness;
        g_vfs.xSleep = vfsSleep;
        g_vfs.xCurrentTime = vfsCurrentTime;
        g_vfs.xGetLastError = vfsGetLastError;
        g_vfs.xCurrentTimeInt64 = vfsCurrentTimeInt64;
        sqlite3_vfs_register(&g_vfs, 0);
    });
    return g_vfs.zName;
}

CountReadsOfNextOpen::CountReadsOfNextOpen(ReadProgress* progress)
{
    t_nextOpen = progress;
}

CountReadsOfNextOpen::~CountReadsOfNextOpen()
{
    t_nextOpen = nullptr;
}

} // namespace pdnsw
