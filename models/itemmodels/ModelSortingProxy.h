#pragma once

#include "models/itemmodels/TableFilterProxy.h"

namespace pdnsw {

// A filter proxy that keeps its model's order and has the model sorted instead. Sorting 100 000s of rows through a
// proxy asks the model for two sort keys per comparison and stalls the GUI thread for a second; the model sorts
// its own rows with each key computed once, and a panel can do that on a worker thread: whoever listens to
// sortRequested sorts the rows, and with nobody listening the model sorts in place.
class ModelSortingProxy : public TableFilterProxy
{
    Q_OBJECT
public:
    using TableFilterProxy::TableFilterProxy;

    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;
    int requestedSortColumn() const { return m_sortColumn; }
    Qt::SortOrder requestedSortOrder() const { return m_sortOrder; }

signals:
    void sortRequested(int column, Qt::SortOrder order);

protected:
    virtual void sortModelInPlace(int column, Qt::SortOrder order) = 0;

private:
    int m_sortColumn = 0;
    Qt::SortOrder m_sortOrder = Qt::AscendingOrder;
};

} // namespace pdnsw
