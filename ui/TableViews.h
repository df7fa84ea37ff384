#pragma once

class QTableView;
class QAbstractItemView;
class QString;

namespace pdnsw {

// The look every data table of the workbench shares: compact rows, alternating colours, whole-row selection,
// sortable headers, no grid, eliding in the middle so both ends of long names stay readable.
void configureTableView(QTableView* view);

// The selected rows of a view as tab-separated text (header line first), for Edit > Copy.
QString selectedRowsAsText(const QAbstractItemView* view);

} // namespace pdnsw
