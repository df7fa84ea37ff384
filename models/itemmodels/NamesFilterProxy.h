#pragma once

#include "models/itemmodels/TableFilterProxy.h"

namespace pdnsw {

// The Names dock's filter: the text box, names and/or addresses, only names some source saw answer NXDOMAIN.
class NamesFilterProxy : public TableFilterProxy
{
    Q_OBJECT
public:
    enum class Kinds
    {
        All,
        NamesOnly,
        AddressesOnly
    };

    explicit NamesFilterProxy(QObject* parent = nullptr);

    void setKinds(Kinds kinds);
    Kinds kinds() const { return m_kinds; }
    void setNxdomainOnly(bool nxdomainOnly);
    bool nxdomainOnly() const { return m_nxdomainOnly; }

    // Sorting 100 000s of names through the proxy's comparisons would stall the GUI thread for a second, so the
    // proxy keeps the model's order and the names model is sorted instead: by whoever listens to sortRequested
    // (the Names panel sorts on a worker thread), or here in place when nobody does.
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;
    int requestedSortColumn() const { return m_sortColumn; }
    Qt::SortOrder requestedSortOrder() const { return m_sortOrder; }

signals:
    void sortRequested(int column, Qt::SortOrder order);

protected:
    bool acceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;
    bool matchesText(int sourceRow, const QModelIndex& sourceParent, const QString& text) const override;

private:
    // The filter text in UTF-8, as the packed names are: converted once per text, not once per row.
    mutable QString m_utf8Of;
    mutable QByteArray m_utf8;
    Kinds m_kinds = Kinds::All;
    bool m_nxdomainOnly = false;
    int m_sortColumn = 0;
    Qt::SortOrder m_sortOrder = Qt::AscendingOrder;
};

} // namespace pdnsw
