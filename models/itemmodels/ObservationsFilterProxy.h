#pragma once

#include "models/itemmodels/ModelSortingProxy.h"

#include <QSet>

namespace pdnsw {

// The Details dock's filter: the text box, sources switched off, and the authority/additional sections. Its source
// is an ObservationsModel, which does the sorting (an address can have 200 000 records).
class ObservationsFilterProxy : public ModelSortingProxy
{
    Q_OBJECT
public:
    explicit ObservationsFilterProxy(QObject* parent = nullptr);

    void setHiddenSources(QSet<qint64> sourceIds);
    const QSet<qint64>& hiddenSources() const { return m_hiddenSources; }
    // Answers and negative answers are always shown; authority and additional records only when asked for.
    void setShowAuthorityAndAdditional(bool show);
    bool showAuthorityAndAdditional() const { return m_showExtraSections; }

protected:
    void sortModelInPlace(int column, Qt::SortOrder order) override;
    bool acceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    QSet<qint64> m_hiddenSources;
    bool m_showExtraSections = true;
};

} // namespace pdnsw
