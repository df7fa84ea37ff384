#include "ui/Icons.h"

#include <QFile>
#include <QHash>

// The resources live in a static library: referencing its initializer keeps them linked in.
static void initWorkbenchResources()
{
    Q_INIT_RESOURCE(resources);
}

namespace pdnsw {

QIcon icon(const QString& name)
{
    static const bool loaded = [] {
        initWorkbenchResources();
        return true;
    }();
    Q_UNUSED(loaded);
    static QHash<QString, QIcon> cache;
    if (const auto it = cache.constFind(name); it != cache.constEnd())
        return *it;
    const QString path = QStringLiteral(":/pdnsw/icons/%1.svg").arg(name);
    const QIcon result = QFile::exists(path) ? QIcon(path) : QIcon();
    cache.insert(name, result);
    return result;
}

} // namespace pdnsw
