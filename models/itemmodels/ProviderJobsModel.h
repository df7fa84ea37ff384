#pragma once

#include <QAbstractTableModel>
#include <QList>
#include <QString>

#include <optional>

namespace pdnsw {

// One provider asked one question during a provider run: what the panel shows per service as answers stream in.
struct ProviderJobRow
{
    enum class Status
    {
        Running,
        Ok, // a complete answer (or the user's limit reached)
        Cached, // answered from the case's audit log, no request made
        Skipped, // not configured, or the service cannot answer this kind of question
        Failed, // quota, authentication, transport or parse failure
        Cancelled,
    };

    int id = 0; // the row's number within the run
    int level = 0; // pivot depth: 0 for the question typed
    QString provider; // provider id
    QString providerName;
    QString question;
    Status status = Status::Running;
    QString state; // the engine's own word: "ok", "limited", "quota-exhausted", "cached", ...
    int pages = 0;
    qint64 records = 0;
    std::optional<int> httpStatus;
    QString note; // the service's message, the reason it was skipped, the cache age (attacker-influenced text)
    qint64 queryId = 0; // the audit log row, when one was written or reused
};

// The rows of the current provider run, in the order they were asked.
class ProviderJobsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        Provider,
        Question,
        Level,
        State,
        Pages,
        Records,
        Http,
        Note,
        ColumnCount
    };
    Q_ENUM(Column)

    explicit ProviderJobsModel(QObject* parent = nullptr);

    void clear();
    // Adds the row, or updates the row with the same id.
    void upsert(const ProviderJobRow& row);
    // Marks every running row cancelled (the run was stopped).
    void cancelRunning();
    const QList<ProviderJobRow>& rows() const { return m_rows; }
    const ProviderJobRow* rowById(int id) const;
    static QString statusName(ProviderJobRow::Status status);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVariant displayData(const ProviderJobRow& r, int column) const;
    QList<ProviderJobRow> m_rows;
};

} // namespace pdnsw
