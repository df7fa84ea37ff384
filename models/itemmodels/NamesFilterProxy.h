#pragma once

#include "models/itemmodels/ModelSortingProxy.h"

namespace pdnsw {

// The Names dock's filter: the text box, names and/or addresses, only names some source saw answer NXDOMAIN.
class NamesFilterProxy : public ModelSortingProxy
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

protected:
    void sortModelInPlace(int column, Qt::SortOrder order) override;
    bool acceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;
    bool matchesText(int sourceRow, const QModelIndex& sourceParent, const QString& text) const override;

private:
    // The filter text in UTF-8, as the packed names are: converted once per text, not once per row.
    mutable QString m_utf8Of;
    mutable QByteArray m_utf8;
    Kinds m_kinds = Kinds::All;
    bool m_nxdomainOnly = false;
};

} // namespace pdnsw
