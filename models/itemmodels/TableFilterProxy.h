#pragma once

#include <QSortFilterProxyModel>

namespace pdnsw {

// How the workbench's tables order two SortRole values: text without regard to case, numbers as numbers.
bool sortKeyLess(const QVariant& a, const QVariant& b);

// Sorting by the raw SortRole value and filtering by a case-insensitive substring of FilterTextRole: the
// behaviour every table of the workbench shares. Subclasses add their own criteria in acceptsRow().
class TableFilterProxy : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit TableFilterProxy(QObject* parent = nullptr);

    void setFilterText(const QString& text);
    const QString& filterText() const { return m_filterText; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const final;
    bool lessThan(const QModelIndex& left, const QModelIndex& right) const override;
    // Whether the row contains the (lower-case, non-empty) filter text; by default through FilterTextRole.
    virtual bool matchesText(int sourceRow, const QModelIndex& sourceParent, const QString& text) const;
    // Extra criteria of a subclass; the text filter has already passed.
    virtual bool acceptsRow(int sourceRow, const QModelIndex& sourceParent) const;
    void refilter();

private:
    QString m_filterText; // lower-case
};

} // namespace pdnsw
