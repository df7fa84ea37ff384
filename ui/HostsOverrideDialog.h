#pragma once

#include "models/CaseReader.h"
#include "models/sandbox/OverridePack.h"
#include "models/sandbox/OverrideResolver.h"

#include <QDialog>

#include <optional>
#include <utility>

class QCheckBox;
class QComboBox;
class QDateTimeEdit;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;

namespace pdnsw {

class CaseWorker;

// One-click sandbox override: pins a name (and the names the analyst adds, e.g. its CNAME chain, www and apex)
// to the address it had at time T, by default the last address before it went NXDOMAIN or else the latest.
// Shows the exact text the exports' generator produces in the chosen format, the names it refused and why,
// and offers Copy, Save as and Apply to a hosts file (a managed block, backup kept, written atomically).
class HostsOverrideDialog : public QDialog
{
    Q_OBJECT
public:
    HostsOverrideDialog(CaseWorker* worker, const QString& name, std::optional<qint64> at, QWidget* parent = nullptr);

    // For tests and callers: the state of the dialog.
    bool isLoaded() const { return m_loaded; }
    const OverridePack& pack() const { return m_pack; }
    QString text() const;
    QStringList checkedNames() const;
    QStringList checkedAddresses() const;
    void setFormat(OverrideFormat format);
    void addName(const QString& name);
    void setSubdomains(bool on);
    // Applies the current text to a hosts file; the message says what happened or what to do.
    bool applyTo(const QString& hostsPath, QString* message);
    // What "Apply" writes into for the chosen format: "a hosts file", "an unbound configuration file"...
    QString applyTarget() const;

signals:
    void loaded();

private:
    void load();
    void resolve();
    void regenerate();
    void copyText();
    void saveAs();
    void applyDialog();
    OverrideFormat currentFormat() const;
    std::pair<QString, QString> applyTargetAndFolder() const;

    CaseWorker* m_worker;
    QString m_name;
    std::optional<qint64> m_at;
    QList<SourcedObservation> m_records;
    NameResolution m_resolution;
    QString m_caseId;
    QString m_caseTitle;
    bool m_loaded = false;
    OverridePack m_pack;

    QLabel* m_title;
    QCheckBox* m_latest;
    QDateTimeEdit* m_time;
    QLabel* m_resolutionNotes;
    QListWidget* m_names;
    QLineEdit* m_newName;
    QListWidget* m_addresses;
    QComboBox* m_format;
    QCheckBox* m_subdomains;
    QPlainTextEdit* m_preview;
    QLabel* m_problems;
    QPushButton* m_copy;
    QPushButton* m_save;
    QPushButton* m_apply;
};

} // namespace pdnsw
