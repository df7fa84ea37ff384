#pragma once

#include <QWidget>

class QLabel;
class QLineEdit;
class QTableView;

namespace pdnsw {

class CaseWorker;
class QueryLogModel;
class TableFilterProxy;

// The Query log dock: the case's audit log of provider queries (ProviderQueryLog), newest first, with the raw
// answer pages of the selected query (URL with keys redacted, HTTP status, SHA-256 and size).
class QueryLogPanel : public QWidget
{
    Q_OBJECT
public:
    explicit QueryLogPanel(CaseWorker* worker, QWidget* parent = nullptr);

    void reload();
    void clear();
    QueryLogModel* model() const { return m_model; }
    QTableView* view() const { return m_view; }

signals:
    // Re-ask the selected question (double-click).
    void requeryRequested(const QString& question);

private:
    void showPages();

    CaseWorker* m_worker;
    QueryLogModel* m_model;
    TableFilterProxy* m_proxy;
    QTableView* m_view;
    QLineEdit* m_filter;
    QLabel* m_pages;
};

} // namespace pdnsw
