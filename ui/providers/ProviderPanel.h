#pragma once

#include "providers/SystemResolver.h"

#include <QHash>
#include <QWidget>

#include <optional>

class QCheckBox;
class QDateTimeEdit;
class QGridLayout;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTableView;

namespace pdnsw {

class ProviderJobsModel;
class ProviderRecordsFilterProxy;
class ProviderRecordsModel;
class ProviderRunner;
class TableFilterProxy;
struct ProviderRunRequest;

// The Providers dock: a question (name, address or CIDR; Unicode names work), which services to ask with their
// state (configured, missing key, rate-limited, quota spent, budget used today), a time fence, a limit, the
// pivot depth with its cost preview, and the answers per provider as they stream in. A "now" line shows what a
// name resolves to at this moment. Enter runs the query, F5 (window) asks again.
class ProviderPanel : public QWidget
{
    Q_OBJECT
public:
    explicit ProviderPanel(QWidget* parent = nullptr);
    ~ProviderPanel() override;

    void setCase(const QString& path);
    // Puts the text in the query box and runs it (Names menu, graph pivot).
    void query(const QString& text);
    // Runs the query box again, asking the services even when the case has their answer.
    void requery();
    void cancel();
    bool isRunning() const;
    void openSettings();

    // The last "now" answer for a name, if one was asked this session.
    std::optional<NowAnswer> nowAnswer(const QString& name) const;

    ProviderRunner* runner() const { return m_runner; }
    ProviderJobsModel* jobsModel() const { return m_jobs; }
    ProviderRecordsModel* recordsModel() const { return m_records; }
    QLineEdit* queryEdit() const { return m_query; }
    QCheckBox* providerCheckBox(const QString& id) const { return m_checks.value(id); }
    QCheckBox* refreshCheckBox() const { return m_refresh; }
    QCheckBox* resolveNowCheckBox() const { return m_resolveNow; }
    QSpinBox* depthSpin() const { return m_depth; }
    QSpinBox* limitSpin() const { return m_limit; }
    QLabel* nowLabel() const { return m_now; }
    QLabel* costLabel() const { return m_cost; }
    QLabel* statusLabel() const { return m_status; }
    QPushButton* runButton() const { return m_run; }
    QTableView* jobsView() const { return m_jobsView; }
    QTableView* recordsView() const { return m_recordsView; }

signals:
    // A run ended: the case has new answers (the window reloads its panels).
    void runFinished(const QString& question, bool cancelled);
    // The system resolver answered for a name (the timeline shows it in its "now" column).
    void nowAnswered(const pdnsw::NowAnswer& answer);
    void nowRecorded();
    void errorOccurred(const QString& title, const QString& message);

private:
    void showLevelProgress();
    void buildProviderBoxes();
    void updateProviderBoxes();
    void run(bool refresh);
    std::optional<ProviderRunRequest> request(bool refresh, QString* error) const;
    QStringList checkedProviders() const;
    void schedulePreview();
    void updateRunning();
    void askConfirmation(int level, int questions, const QString& cost);
    void showNow(const NowAnswer& answer);

    ProviderRunner* m_runner;
    NowLookup* m_nowLookup;
    ProviderJobsModel* m_jobs;
    TableFilterProxy* m_jobsProxy;
    ProviderRecordsModel* m_records;
    ProviderRecordsFilterProxy* m_recordsProxy;

    QLineEdit* m_query;
    QPushButton* m_run;
    QPushButton* m_stop;
    QPushButton* m_settings;
    QGridLayout* m_providerGrid;
    QHash<QString, QCheckBox*> m_checks;
    QHash<QString, QString> m_runtimeState; // provider id -> "rate-limited", "quota spent" (this session)
    QCheckBox* m_sinceOn;
    QDateTimeEdit* m_since;
    QCheckBox* m_untilOn;
    QDateTimeEdit* m_until;
    QSpinBox* m_limit;
    QSpinBox* m_depth;
    QSpinBox* m_confirmAbove;
    QCheckBox* m_refresh;
    QCheckBox* m_resolveNow;
    QLabel* m_cost;
    QLabel* m_now;
    QLabel* m_status;
    QLineEdit* m_recordsFilter;
    QTableView* m_jobsView;
    QTableView* m_recordsView;
    class QTimer* m_previewTimer;
    QString m_runningQuestion;
    // The running level's progress line: what it asks, then how far it is and the latest rate-limit wait.
    int m_level = 0;
    QString m_levelText;
    QString m_waitText;
    QHash<QString, NowAnswer> m_nowAnswers;
    bool m_statusSeen = false;
};

} // namespace pdnsw
