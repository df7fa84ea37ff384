#pragma once

#include <Qt>

namespace pdnsw {

// Roles shared by the case's item models, so proxies and views treat them alike.
enum ItemRole : int
{
    SortRole = Qt::UserRole + 1, // raw value for sorting: numbers as qint64, times as epoch seconds
    KeyRole, // the row's identity: name, observation id, source id, query id, note id
    SourceIdRole, // the source a row belongs to (views colour rows by it)
    FilterTextRole, // everything the filter box should match, lower-case
};

} // namespace pdnsw
