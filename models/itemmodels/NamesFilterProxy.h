#pragma once

#include "models/itemmodels/TableFilterProxy.h"

namespace pdnsw {

// The Names dock's filter: the text box, names and/or addresses, only names with a negative answer.
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
    void setNegativeOnly(bool negativeOnly);
    bool negativeOnly() const { return m_negativeOnly; }

protected:
    bool acceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    Kinds m_kinds = Kinds::All;
    bool m_negativeOnly = false;
};

} // namespace pdnsw
