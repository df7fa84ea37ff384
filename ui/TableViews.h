#pragma once

class QTableView;
class QAbstractItemView;
class QString;

namespace pdnsw {

// The look every data table of the workbench shares: compact rows, alternating colours, whole-row selection,
// sortable headers, no grid, eliding in the middle so both ends of long names stay readable.
void configureTableView(QTableView* view);

// Sets a column to the wider of its title (with room for the sort arrow) and a typical value plus `decoration`
// pixels (an icon before the text), both measured with the view's fonts, so the width holds at any DPI and font.
// Call it once the view has its model.
void fitColumn(QTableView* view, int column, const QString& typical, int decoration = 0);

// The selected rows of a view as tab-separated text (header line first), for Edit > Copy.
QString selectedRowsAsText(const QAbstractItemView* view);

} // namespace pdnsw
