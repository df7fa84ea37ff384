#pragma once

#include <QStringList>

namespace pdnsw {

// The most recently opened case files, newest first, kept in QSettings (paths only, never case content).
class RecentCases
{
public:
    static constexpr int kMaxEntries = 10;

    static QStringList load();
    static void add(const QString& path);
    static void remove(const QString& path);
    static void clear();
};

} // namespace pdnsw
