#pragma once

#include "models/CaseReader.h"

#include <QColor>
#include <QHash>
#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QTableView;

namespace pdnsw {

class ObservationsModel;
class ObservationsFilterProxy;
class SourceColourProxy;

// The Details dock: every observation of the selected name (its CNAME chain followed) or, for an address,
// every name that pointed at it; one row per source and record, coloured like the timeline's bars.
class DetailsPanel : public QWidget
{
    Q_OBJECT
public:
    explicit DetailsPanel(QWidget* parent = nullptr);

    // `observations` already in the table's order when sortedColumn/sortedOrder are sortColumn()/sortOrder()
    // (sorted on a worker: an address can have 200 000 records); sorted here otherwise.
    void setObservations(const QString& subject, bool isAddress, QList<SourcedObservation> observations,
        int sortedColumn = -1, Qt::SortOrder sortedOrder = Qt::AscendingOrder);
    int sortColumn() const;
    Qt::SortOrder sortOrder() const;
    void setSourceColours(const QHash<qint64, QColor>& colours);
    void clear();
    void selectObservation(qint64 observationId);

    ObservationsModel* model() const { return m_model; }
    QTableView* view() const { return m_view; }
    QLabel* titleLabel() const { return m_title; }

signals:
    // The record under the table's current row (a click, the arrow keys).
    void observationSelected(const pdnsw::SourcedObservation& observation);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void fitColumnsToViewport();
    void sortOnWorker(int column, Qt::SortOrder order);
    qint64 currentObservationId() const;
    quint64 m_rowsGeneration = 0; // a sort finished on a worker is dropped when other rows came meanwhile
    QHash<int, int> m_preferredWidths; // column -> width from the font; shrunk only to fit a narrow dock

    ObservationsModel* m_model;
    SourceColourProxy* m_colours;
    ObservationsFilterProxy* m_proxy;
    QTableView* m_view;
    QLabel* m_title;
    QLineEdit* m_filter;
    QCheckBox* m_extraSections;
};

} // namespace pdnsw
