#pragma once

#include "models/CaseReader.h"
#include "models/itemmodels/NameList.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QTableView;

namespace pdnsw {

class NamesModel;
class NamesFilterProxy;

// The Names dock: every name and address of the case with counts, first/last seen and sources, a filter box,
// kind and "went NXDOMAIN" filters. Selecting a row drives the Details, Timeline, Graph and Notes docks.
class NamesPanel : public QWidget
{
    Q_OBJECT
public:
    explicit NamesPanel(QWidget* parent = nullptr);

    // Keeps the selection when the same name is still there. The entries come sorted by sortColumn() /
    // sortOrder() (NamesModel::sortEntries on the reader's thread).
    void setEntries(NameList entries);
    // The same, for entries sorted by (column, order) when they were asked for: sorted again when the view's
    // order changed meanwhile (a big case's list takes seconds to read).
    void setEntries(NameList entries, int sortedColumn, Qt::SortOrder sortedOrder);
    // The first entries of the list (in name order through the indexes), shown at once while the whole list is
    // read; the count says they are only the first ones.
    void showFirstEntries(NameList entries, int sortedColumn, Qt::SortOrder sortedOrder);
    // No entries, not even the first ones.
    bool isEmpty() const;
    // A query for the entries is on its way: an empty list says so rather than "0 entries" (a big case takes
    // seconds).
    void showQuerying();
    int sortColumn() const;
    Qt::SortOrder sortOrder() const;
    void clear();
    QString currentName() const;
    bool currentIsAddress() const;
    // Selects the name (from the graph, the provider panel); false when it is not in the list.
    bool selectName(const QString& name);
    void focusFilter();

    NamesModel* model() const { return m_model; }
    NamesFilterProxy* proxy() const { return m_proxy; }
    QTableView* view() const { return m_view; }
    QLineEdit* filterEdit() const { return m_filter; }

signals:
    void currentNameChanged(const QString& name, bool isAddress);
    void hostsOverrideRequested(const QString& name);
    void queryProvidersRequested(const QString& name);

private:
    void applyEntries(NameList entries, bool firstOnly);
    void replaceEntries(NameList entries);
    // Selects the name again after a reload, now or when its row has been inserted.
    void keepSelection(const QString& name);
    void updateCountLabel();
    void emitCurrent();
    void showContextMenu(const QPoint& pos);

    NamesModel* m_model;
    NamesFilterProxy* m_proxy;
    QTableView* m_view;
    QLineEdit* m_filter;
    QComboBox* m_kinds;
    QCheckBox* m_nxdomainOnly;
    QLabel* m_countLabel;
    QString m_lastEmitted;
    QString m_pendingSelection; // re-selected once the model has inserted every row
    bool m_firstEntriesOnly = false; // showFirstEntries: the whole list is still being read
    quint64 m_entriesGeneration = 0; // a background sort of older entries must not replace newer ones
};

} // namespace pdnsw
