#pragma once

#include "models/itemmodels/TableFilterProxy.h"

#include <QSet>

namespace pdnsw {

// The Details dock's filter: the text box, sources switched off, and the authority/additional sections.
class ObservationsFilterProxy : public TableFilterProxy
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
    bool acceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    QSet<qint64> m_hiddenSources;
    bool m_showExtraSections = true;
};

} // namespace pdnsw
