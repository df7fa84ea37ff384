#include "ui/export/ExportDialog.h"

#include "models/CaseReader.h"
#include "models/DomainName.h"
#include "models/export/ExportFormat.h"
#include "models/itemmodels/UntrustedText.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QVBoxLayout>

namespace pdnsw {

namespace {

QString formatLabel(ExportFormat f)
{
    switch (f) {
    case ExportFormat::Stix:
        return QObject::tr("STIX 2.1 bundle (JSON)");
    case ExportFormat::Misp:
        return QObject::tr("MISP event (JSON)");
    case ExportFormat::Csv:
        return QObject::tr("CSV table");
    case ExportFormat::Json:
        return QObject::tr("JSON records");
    case ExportFormat::Cof:
        return QObject::tr("Passive DNS COF (NDJSON)");
    case ExportFormat::GraphMl:
        return QObject::tr("GraphML (yEd, Gephi)");
    case ExportFormat::Gexf:
        return QObject::tr("GEXF (Gephi, dynamic)");
    case ExportFormat::Dot:
        return QObject::tr("Graphviz DOT");
    case ExportFormat::Html:
        return QObject::tr("HTML report");
    case ExportFormat::Pdf:
        return QObject::tr("PDF report");
    }
    return {};
}

QDateTimeEdit* timeEdit(QWidget* parent)
{
    auto* edit = new QDateTimeEdit(QDateTime::currentDateTimeUtc(), parent);
    edit->setTimeSpec(Qt::UTC);
    edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm:ss 'UTC'"));
    edit->setCalendarPopup(true);
    edit->setEnabled(false);
    return edit;
}

} // namespace

ExportDialog::ExportDialog(
    const QString& casePath, const QList<SourceInfo>& sources, const QString& selectedName, QWidget* parent)
    : QDialog(parent)
    , m_casePath(casePath)
    , m_format(new QComboBox(this))
    , m_output(new QLineEdit(this))
    , m_names(new QLineEdit(this))
    , m_sinceOn(new QCheckBox(tr("Since"), this))
    , m_since(timeEdit(this))
    , m_untilOn(new QCheckBox(tr("Until"), this))
    , m_until(timeEdit(this))
    , m_sources(new QListWidget(this))
    , m_message(new QLabel(this))
{
    setObjectName(QStringLiteral("exportDialog"));
    setWindowTitle(tr("Export evidence"));
    for (const QString& name : exportFormatNames()) {
        const auto f = exportFormatFromName(name);
        m_format->addItem(formatLabel(*f), name);
    }
    const QString lastFormat = QSettings().value(QStringLiteral("export/format"), QStringLiteral("stix")).toString();
    if (const int at = m_format->findData(lastFormat); at >= 0)
        m_format->setCurrentIndex(at);

    const QString base = QFileInfo(casePath).completeBaseName();
    const QString dir
        = QSettings().value(QStringLiteral("export/directory"), QFileInfo(casePath).absolutePath()).toString();
    m_output->setText(QDir(dir).filePath(base));
    m_output->setObjectName(QStringLiteral("exportOutput"));
    auto* browse = new QPushButton(tr("Browse\u2026"), this);
    auto* outputRow = new QHBoxLayout;
    outputRow->addWidget(m_output, 1);
    outputRow->addWidget(browse);

    m_names->setPlaceholderText(tr("empty: the whole case; or names and addresses separated by spaces or commas"));
    m_names->setToolTip(tr("Each name brings the names its CNAME chain points to; an address or a CIDR brings the "
                           "records that pointed at it"));
    auto* useSelection = new QPushButton(tr("Selected"), this);
    useSelection->setEnabled(!selectedName.isEmpty());
    useSelection->setToolTip(selectedName.isEmpty() ? tr("Select a name or an address in the Names list first")
                                                    : toolTipText(nameWithUnicode(selectedName), 200));
    auto* namesRow = new QHBoxLayout;
    namesRow->addWidget(m_names, 1);
    namesRow->addWidget(useSelection);

    auto* timeRow = new QHBoxLayout;
    timeRow->addWidget(m_sinceOn);
    timeRow->addWidget(m_since);
    timeRow->addSpacing(12);
    timeRow->addWidget(m_untilOn);
    timeRow->addWidget(m_until);
    timeRow->addStretch(1);

    for (const SourceInfo& s : sources) {
        auto* item = new QListWidgetItem(
            visibleText(
                QStringLiteral("%1  (%2, %3 records)").arg(s.label, s.kind, countText(s.observationCount)), 300),
            m_sources);
        item->setData(Qt::UserRole, s.id);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
        item->setCheckState(Qt::Checked);
    }
    m_sources->setMaximumHeight(140);

    m_message->setTextFormat(Qt::PlainText);
    m_message->setWordWrap(true);

    auto* form = new QFormLayout;
    form->addRow(tr("Format"), m_format);
    form->addRow(tr("Output file"), outputRow);
    form->addRow(tr("Names"), namesRow);
    form->addRow(tr("Time"), timeRow);
    form->addRow(tr("Sources"), m_sources);
    auto* note = new QLabel(tr("A manifest (FILE.manifest.json) with the SHA-256 of every input and of the export is "
                               "written beside the file. Times are UTC."),
        this);
    note->setWordWrap(true);
    note->setForegroundRole(QPalette::PlaceholderText);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    QPushButton* exportButton = buttons->addButton(tr("Export"), QDialogButtonBox::AcceptRole);
    exportButton->setObjectName(QStringLiteral("exportButton"));
    exportButton->setDefault(true);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(note);
    layout->addWidget(m_message);
    layout->addWidget(buttons);
    resize(640, 440);

    connect(browse, &QPushButton::clicked, this, &ExportDialog::browse);
    connect(m_format, &QComboBox::currentIndexChanged, this, &ExportDialog::formatChanged);
    connect(useSelection, &QPushButton::clicked, this, [this, selectedName] { m_names->setText(selectedName); });
    connect(m_sinceOn, &QCheckBox::toggled, m_since, &QWidget::setEnabled);
    connect(m_untilOn, &QCheckBox::toggled, m_until, &QWidget::setEnabled);
    connect(buttons, &QDialogButtonBox::accepted, this, &ExportDialog::submit);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    formatChanged();
}

void ExportDialog::formatChanged()
{
    const auto format = exportFormatFromName(m_format->currentData().toString());
    if (!format)
        return;
    // Keep the chosen name, swap the extension for the format's ("stix.json" is one extension).
    QString path = m_output->text().trimmed();
    qsizetype longest = 0;
    for (const QString& name : exportFormatNames()) {
        const QString ext = u'.' + exportFormatExtension(*exportFormatFromName(name));
        if (path.endsWith(ext, Qt::CaseInsensitive))
            longest = std::max(longest, ext.size());
    }
    path.chop(longest);
    m_output->setText(path + u'.' + exportFormatExtension(*format));
}

void ExportDialog::browse()
{
    const auto format = exportFormatFromName(m_format->currentData().toString());
    const QString ext = format ? exportFormatExtension(*format) : QString();
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export to"), m_output->text(), tr("%1 (*.%2);;All files (*)").arg(m_format->currentText(), ext));
    if (!path.isEmpty())
        m_output->setText(path);
}

std::optional<CaseExportRequest> ExportDialog::request(QString* error) const
{
    CaseExportRequest r;
    r.casePath = m_casePath;
    const auto format = exportFormatFromName(m_format->currentData().toString());
    if (!format) {
        *error = tr("Choose a format.");
        return std::nullopt;
    }
    r.format = *format;
    r.outputPath = m_output->text().trimmed();
    if (r.outputPath.isEmpty()) {
        *error = tr("Choose the output file.");
        return std::nullopt;
    }
    r.outputPath = QFileInfo(r.outputPath).absoluteFilePath();
    if (r.outputPath == QFileInfo(m_casePath).absoluteFilePath()) {
        *error = tr("The output file is the case itself: choose another file.");
        return std::nullopt;
    }
    if (!QFileInfo(QFileInfo(r.outputPath).absolutePath()).isDir()) {
        *error = tr("The folder of %1 does not exist.").arg(r.outputPath);
        return std::nullopt;
    }
    static const QRegularExpression separators(QStringLiteral("[\\s,;]+"));
    for (const QString& token : m_names->text().split(separators, Qt::SkipEmptyParts))
        r.filter.names << exportSelectionKey(token);
    if (m_sinceOn->isChecked())
        r.filter.since = m_since->dateTime().toSecsSinceEpoch();
    if (m_untilOn->isChecked())
        r.filter.until = m_until->dateTime().toSecsSinceEpoch();
    if (r.filter.since && r.filter.until && *r.filter.since > *r.filter.until) {
        *error = tr("'Since' is after 'Until'.");
        return std::nullopt;
    }
    QList<qint64> ids;
    for (int i = 0; i < m_sources->count(); ++i) {
        if (m_sources->item(i)->checkState() == Qt::Checked)
            ids << m_sources->item(i)->data(Qt::UserRole).toLongLong();
    }
    if (m_sources->count() > 0 && ids.isEmpty()) {
        *error = tr("Tick at least one source.");
        return std::nullopt;
    }
    if (ids.size() < m_sources->count())
        r.filter.sourceIds = ids;
    return r;
}

void ExportDialog::submit()
{
    QString error;
    const auto r = request(&error);
    if (!r) {
        m_message->setText(error);
        return;
    }
    QSettings settings;
    settings.setValue(QStringLiteral("export/format"), m_format->currentData().toString());
    settings.setValue(QStringLiteral("export/directory"), QFileInfo(r->outputPath).absolutePath());
    emit exportRequested(*r);
    accept();
}

} // namespace pdnsw
