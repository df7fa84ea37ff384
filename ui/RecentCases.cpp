#include "ui/RecentCases.h"

#include <QFileInfo>
#include <QSettings>

namespace pdnsw {
namespace {

const QString kKey = QStringLiteral("recentCases");

void save(const QStringList& list)
{
    QSettings settings;
    settings.setValue(kKey, list);
}

} // namespace

QStringList RecentCases::load()
{
    QSettings settings;
    return settings.value(kKey).toStringList();
}

void RecentCases::add(const QString& path)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    QStringList list = load();
    list.removeAll(absolute);
    list.prepend(absolute);
    while (list.size() > kMaxEntries)
        list.removeLast();
    save(list);
}

void RecentCases::remove(const QString& path)
{
    QStringList list = load();
    list.removeAll(QFileInfo(path).absoluteFilePath());
    save(list);
}

void RecentCases::clear()
{
    save({});
}

} // namespace pdnsw
