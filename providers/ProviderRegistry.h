#pragma once

#include "providers/Provider.h"

#include <QString>

namespace pdnsw {

// The one instance of each provider class, by id. Providers are stateless apart from thread-safe caches, so
// the instances are shared by the engine thread, reparse and the CLI.
const Provider* providerById(const QString& id);

} // namespace pdnsw
