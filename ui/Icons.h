#pragma once

#include <QIcon>
#include <QString>

namespace pdnsw {

// The workbench's own icon set (resources/icons/*.svg, compiled in), so toolbars and menus show the same icons
// with or without a system icon theme. `name` is the file's base name: "open", "import", "query", ...
QIcon icon(const QString& name);

} // namespace pdnsw
