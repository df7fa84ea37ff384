#pragma once

#include <QColor>
#include <QHash>
#include <QIdentityProxyModel>

namespace pdnsw {

// Adds each row's source colour (the timeline's legend colours) as a swatch in the first column, so a row in
// the Details or Sources table and its bar on the timeline are visibly the same source.
class SourceColourProxy : public QIdentityProxyModel
{
    Q_OBJECT
public:
    explicit SourceColourProxy(QObject* parent = nullptr);

    void setColours(QHash<qint64, QColor> colours);
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;

private:
    QHash<qint64, QColor> m_colours;
};

} // namespace pdnsw
