#pragma once

#include "models/SourceInfo.h"
#include "models/export/CaseExport.h"

#include <QDialog>

#include <optional>

class QCheckBox;
class QComboBox;
class QDateTimeEdit;
class QLabel;
class QLineEdit;
class QListWidget;

namespace pdnsw {

// File > Export...: every evidence format (STIX 2.1, MISP, CSV, JSON, COF, GraphML, GEXF, DOT, HTML and PDF
// reports), filtered by names (with their CNAME chains), a time fence and sources, to a file with its manifest
// beside it. The export itself runs as a background job (ExportJob) with progress and Cancel.
class ExportDialog : public QDialog
{
    Q_OBJECT
public:
    ExportDialog(const QString& casePath, const QList<SourceInfo>& sources, const QString& selectedName,
        QWidget* parent = nullptr);

    // The export the fields describe, or nullopt with the reason.
    std::optional<CaseExportRequest> request(QString* error) const;

    QComboBox* formatCombo() const { return m_format; }
    QLineEdit* outputEdit() const { return m_output; }
    QLineEdit* namesEdit() const { return m_names; }
    QCheckBox* sinceCheckBox() const { return m_sinceOn; }
    QDateTimeEdit* sinceEdit() const { return m_since; }
    QCheckBox* untilCheckBox() const { return m_untilOn; }
    QDateTimeEdit* untilEdit() const { return m_until; }
    QListWidget* sourcesList() const { return m_sources; }
    QLabel* messageLabel() const { return m_message; }

signals:
    // The analyst pressed Export and the fields are valid: the window starts the job.
    void exportRequested(const pdnsw::CaseExportRequest& request);

private:
    void browse();
    void formatChanged();
    void submit();

    QString m_casePath;
    QComboBox* m_format;
    QLineEdit* m_output;
    QLineEdit* m_names;
    QCheckBox* m_sinceOn;
    QDateTimeEdit* m_since;
    QCheckBox* m_untilOn;
    QDateTimeEdit* m_until;
    QListWidget* m_sources;
    QLabel* m_message;
};

} // namespace pdnsw
