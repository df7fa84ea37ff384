#include "ui/HostsOverrideDialog.h"
#include "ui/Icons.h"

#include "models/CaseFile.h"
#include "models/UtcTime.h"
#include "models/itemmodels/CaseSession.h"
#include "models/itemmodels/CaseWorker.h"
#include "models/itemmodels/UntrustedText.h"
#include "models/sandbox/ManagedBlock.h"
#include "models/sandbox/OverrideFormat.h"
#include "models/sandbox/SandboxName.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFontDatabase>
#include <QFontMetricsF>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QSplitter>
#include <QTimeZone>
#include <QVBoxLayout>

namespace pdnsw {
namespace {

bool isAddressRecord(const Observation& o)
{
    return o.section == Section::Answer && (o.rrtype == QLatin1String("A") || o.rrtype == QLatin1String("AAAA"));
}

QListWidgetItem* addCheckable(QListWidget* list, const QString& value, const QString& shown, bool checked)
{
    auto* item = new QListWidgetItem(visibleText(shown, 300), list);
    item->setData(Qt::UserRole, value);
    item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable | Qt::ItemIsSelectable);
    item->setCheckState(checked ? Qt::Checked : Qt::Unchecked);
    item->setToolTip(toolTipText(value));
    return item;
}

QStringList checkedValues(const QListWidget* list)
{
    QStringList values;
    for (int i = 0; i < list->count(); ++i) {
        if (list->item(i)->checkState() == Qt::Checked)
            values << list->item(i)->data(Qt::UserRole).toString();
    }
    return values;
}

} // namespace

HostsOverrideDialog::HostsOverrideDialog(
    CaseWorker* worker, const QString& name, std::optional<qint64> at, QWidget* parent)
    : QDialog(parent)
    , m_worker(worker)
    , m_name(name)
    , m_at(at)
    , m_title(new QLabel(this))
    , m_latest(new QCheckBox(tr("Default: the last address before it went NXDOMAIN, or the latest"), this))
    , m_time(new QDateTimeEdit(this))
    , m_resolutionNotes(new QLabel(this))
    , m_names(new QListWidget(this))
    , m_newName(new QLineEdit(this))
    , m_addresses(new QListWidget(this))
    , m_format(new QComboBox(this))
    , m_subdomains(new QCheckBox(tr("Also every subdomain (dnsmasq, unbound)"), this))
    , m_preview(new QPlainTextEdit(this))
    , m_problems(new QLabel(this))
    , m_copy(new QPushButton(icon(QStringLiteral("copy")), tr("Copy"), this))
    , m_save(new QPushButton(icon(QStringLiteral("export")), tr("Save as\u2026"), this))
    , m_apply(new QPushButton(tr("Apply to a hosts file\u2026"), this))
{
    setObjectName(QStringLiteral("hostsOverrideDialog"));
    setWindowTitle(tr("Hosts override: %1").arg(visibleText(name, 80)));
    for (QLabel* l : {m_title, m_resolutionNotes, m_problems}) {
        l->setTextFormat(Qt::PlainText);
        l->setWordWrap(true);
    }
    m_title->setText(tr("Pin %1 to the address it had").arg(visibleText(nameWithUnicode(name), 200)));
    QFont big = m_title->font();
    big.setBold(true);
    big.setPointSizeF(big.pointSizeF() * 1.15);
    m_title->setFont(big);
    m_resolutionNotes->setForegroundRole(QPalette::PlaceholderText);
    m_time->setTimeSpec(Qt::UTC); // Qt 6.4 has no setTimeZone on QDateTimeEdit
    m_time->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm:ss 'UTC'"));
    m_time->setCalendarPopup(true);
    m_latest->setChecked(!at);
    m_time->setEnabled(bool(at));
    if (at)
        m_time->setDateTime(QDateTime::fromSecsSinceEpoch(*at, QTimeZone::utc()));
    m_newName->setPlaceholderText(tr("Add a name (www, apex, CNAME target) and press Enter"));
    m_newName->setClearButtonEnabled(true);
    for (const QString& f : overrideFormatNames())
        m_format->addItem(f, f);
    m_format->setItemText(m_format->findData(overrideFormatName(OverrideFormat::Hosts)), tr("Linux / macOS hosts"));
    m_format->setItemText(m_format->findData(overrideFormatName(OverrideFormat::Windows)), tr("Windows hosts"));
    m_format->setItemText(m_format->findData(overrideFormatName(OverrideFormat::Inetsim)), tr("INetSim"));
    m_preview->setReadOnly(true);
    m_preview->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_preview->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    // Tab stops every 8 characters, as in a terminal: at Qt's default 80 px a 15-character address ran into its
    // name ("203.0.113.5evil.example").
    m_preview->setTabStopDistance(QFontMetricsF(m_preview->font()).horizontalAdvance(QLatin1Char(' ')) * 8);
    m_preview->setObjectName(QStringLiteral("overridePreview"));

    auto* timeRow = new QHBoxLayout;
    timeRow->addWidget(new QLabel(tr("As of:"), this));
    timeRow->addWidget(m_time);
    timeRow->addWidget(m_latest, 1);

    auto* namesBox = new QGroupBox(tr("Names"), this);
    auto* namesLayout = new QVBoxLayout(namesBox);
    namesLayout->addWidget(m_names, 1);
    namesLayout->addWidget(m_newName);
    auto* addressBox = new QGroupBox(tr("Addresses"), this);
    auto* addressLayout = new QVBoxLayout(addressBox);
    addressLayout->addWidget(m_addresses, 1);
    auto* choice = new QHBoxLayout;
    choice->addWidget(namesBox, 3);
    choice->addWidget(addressBox, 2);

    auto* formatRow = new QHBoxLayout;
    formatRow->addWidget(new QLabel(tr("Format:"), this));
    formatRow->addWidget(m_format);
    formatRow->addWidget(m_subdomains);
    formatRow->addStretch(1);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_copy, QDialogButtonBox::ActionRole);
    buttons->addButton(m_save, QDialogButtonBox::ActionRole);
    buttons->addButton(m_apply, QDialogButtonBox::ActionRole);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addLayout(timeRow);
    layout->addWidget(m_resolutionNotes);
    layout->addLayout(choice, 2);
    layout->addLayout(formatRow);
    layout->addWidget(m_preview, 3);
    layout->addWidget(m_problems);
    layout->addWidget(buttons);
    resize(820, 680);

    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_latest, &QCheckBox::toggled, this, [this](bool latest) {
        m_time->setEnabled(!latest);
        resolve();
    });
    connect(m_time, &QDateTimeEdit::dateTimeChanged, this, [this] {
        if (!m_latest->isChecked())
            resolve();
    });
    connect(m_newName, &QLineEdit::returnPressed, this, [this] {
        addName(m_newName->text());
        m_newName->clear();
    });
    connect(m_names, &QListWidget::itemChanged, this, &HostsOverrideDialog::regenerate);
    connect(m_addresses, &QListWidget::itemChanged, this, &HostsOverrideDialog::regenerate);
    connect(m_format, &QComboBox::currentIndexChanged, this, &HostsOverrideDialog::regenerate);
    connect(m_subdomains, &QCheckBox::toggled, this, &HostsOverrideDialog::regenerate);
    connect(m_copy, &QPushButton::clicked, this, &HostsOverrideDialog::copyText);
    connect(m_save, &QPushButton::clicked, this, &HostsOverrideDialog::saveAs);
    connect(m_apply, &QPushButton::clicked, this, &HostsOverrideDialog::applyDialog);
    load();
}

void HostsOverrideDialog::load()
{
    struct Loaded
    {
        QList<SourcedObservation> records;
        QString caseId;
        QString caseTitle;
    };
    m_preview->setPlainText(tr("Loading the records of %1\u2026").arg(visibleText(m_name, 200)));
    const QString name = m_name;
    m_worker->run<Loaded>(
        this,
        [name](CaseSession& s) {
            return Loaded{s.reader().timeline(name), s.reader().file().caseId(), s.reader().file().title()};
        },
        [this](Loaded loaded) {
            m_records = std::move(loaded.records);
            m_caseId = loaded.caseId;
            m_caseTitle = loaded.caseTitle;
            m_loaded = true;
            resolve();
            emit this->loaded();
        });
}

void HostsOverrideDialog::resolve()
{
    if (!m_loaded)
        return;
    OverrideResolveOptions options;
    if (!m_latest->isChecked())
        options.at = m_time->dateTime().toSecsSinceEpoch();
    m_resolution = resolveForSandbox(m_name, m_records, options);
    if (m_latest->isChecked() && m_resolution.time) {
        const QSignalBlocker block(m_time);
        m_time->setDateTime(QDateTime::fromSecsSinceEpoch(*m_resolution.time, QTimeZone::utc()));
    }
    QStringList notes = m_resolution.notes;
    if (!m_resolution.error.isEmpty())
        notes << m_resolution.error;
    m_resolutionNotes->setText(visibleText(notes.join(QStringLiteral("; ")), 600));

    // Names: the asked one and every hop of the chain that led to an address, all checked; names the analyst
    // added stay as they were.
    QStringList keepAdded;
    for (int i = 0; i < m_names->count(); ++i) {
        if (m_names->item(i)->data(Qt::UserRole + 1).toBool())
            keepAdded << m_names->item(i)->data(Qt::UserRole).toString();
    }
    QStringList chainNames{m_name};
    for (const ResolvedAddress& a : std::as_const(m_resolution.addresses)) {
        for (const QString& hop : a.chain) {
            if (!chainNames.contains(hop))
                chainNames << hop;
        }
    }
    // Every address the name (or its chain) ever had is offered; the ones valid at T come pre-checked.
    QSet<QString> chosen;
    for (const ResolvedAddress& a : std::as_const(m_resolution.addresses))
        chosen.insert(a.address);
    QStringList allAddresses;
    for (const SourcedObservation& so : std::as_const(m_records)) {
        if (isAddressRecord(so.observation) && !allAddresses.contains(so.observation.rdata))
            allAddresses << so.observation.rdata;
    }
    {
        const QSignalBlocker blockNames(m_names);
        const QSignalBlocker blockAddresses(m_addresses);
        m_names->clear();
        for (const QString& n : std::as_const(chainNames))
            addCheckable(m_names, n, nameWithUnicode(n), true);
        for (const QString& n : std::as_const(keepAdded)) {
            QListWidgetItem* item = addCheckable(m_names, n, nameWithUnicode(n), true);
            item->setData(Qt::UserRole + 1, true);
        }
        m_addresses->clear();
        for (const QString& address : std::as_const(allAddresses)) {
            QString shown = address;
            for (const ResolvedAddress& a : std::as_const(m_resolution.addresses)) {
                if (a.address != address)
                    continue;
                // Say how it was chosen, as the note above the lists does: the records used all ended before T
                // when the name had no answer at T.
                const QString sources = a.sourceLabels.join(QStringLiteral(", "));
                if (!a.firstSeen && !a.lastSeen)
                    shown += tr("   (undated, per %1)").arg(sources);
                else if (m_resolution.time && a.lastSeen && *a.lastSeen < *m_resolution.time)
                    shown += tr("   (last before T, per %1)").arg(sources);
                else
                    shown += tr("   (at T, per %1)").arg(sources);
            }
            addCheckable(m_addresses, address, shown, chosen.contains(address));
        }
    }
    regenerate();
}

void HostsOverrideDialog::addName(const QString& input)
{
    const QString name = input.trimmed();
    if (name.isEmpty())
        return;
    // Shown even when it will be refused: the refusal and its reason appear below the text.
    const QSignalBlocker block(m_names);
    QListWidgetItem* item = addCheckable(m_names, name, name, true);
    item->setData(Qt::UserRole + 1, true);
    regenerate();
}

OverrideFormat HostsOverrideDialog::currentFormat() const
{
    return overrideFormatFromName(m_format->currentData().toString()).value_or(OverrideFormat::Hosts);
}

QString HostsOverrideDialog::applyTarget() const
{
    return applyTargetAndFolder().first;
}

// What the chosen format's text goes into, and the folder where Debian keeps such files.
std::pair<QString, QString> HostsOverrideDialog::applyTargetAndFolder() const
{
    switch (currentFormat()) {
    case OverrideFormat::Hosts:
        return {tr("a hosts file"), QStringLiteral("/etc")};
    case OverrideFormat::Windows:
        return {tr("a Windows hosts file"), QStringLiteral("/etc")};
    case OverrideFormat::Dnsmasq:
        return {tr("a dnsmasq configuration file"), QStringLiteral("/etc/dnsmasq.d")};
    case OverrideFormat::Unbound:
        return {tr("an unbound configuration file"), QStringLiteral("/etc/unbound")};
    case OverrideFormat::Inetsim:
        return {tr("inetsim.conf"), QStringLiteral("/etc/inetsim")};
    }
    return {tr("a file"), QStringLiteral("/etc")};
}

void HostsOverrideDialog::setFormat(OverrideFormat format)
{
    const int index = m_format->findData(overrideFormatName(format));
    if (index >= 0)
        m_format->setCurrentIndex(index);
}

void HostsOverrideDialog::setSubdomains(bool on)
{
    m_subdomains->setChecked(on);
}

QStringList HostsOverrideDialog::checkedNames() const
{
    return checkedValues(m_names);
}

QStringList HostsOverrideDialog::checkedAddresses() const
{
    return checkedValues(m_addresses);
}

QString HostsOverrideDialog::text() const
{
    return m_pack.ok() ? m_pack.text : QString();
}

void HostsOverrideDialog::regenerate()
{
    if (!m_loaded)
        return;
    const OverrideFormat format = currentFormat();
    QList<OverrideEntry> entries;
    const QStringList addresses = checkedAddresses();
    for (const QString& name : checkedNames()) {
        for (const QString& address : addresses) {
            OverrideEntry e;
            e.name = name;
            e.address = address;
            for (const ResolvedAddress& a : std::as_const(m_resolution.addresses)) {
                if (a.address == address)
                    e.comment = tr("seen %1 .. %2 by %3")
                                    .arg(formatUtcTime(a.firstSeen), formatUtcTime(a.lastSeen),
                                        a.sourceLabels.join(QStringLiteral(", ")));
            }
            entries << e;
        }
    }
    OverrideHeader header;
    header.caseId = m_caseId;
    header.caseTitle = m_caseTitle;
    header.asOf = m_latest->isChecked()
        ? tr("default (%1)").arg(m_resolution.time ? formatUtcTime(*m_resolution.time) : tr("latest"))
        : formatUtcTime(m_time->dateTime().toSecsSinceEpoch());
    QStringList labels;
    for (const ResolvedAddress& a : std::as_const(m_resolution.addresses)) {
        for (const QString& l : a.sourceLabels) {
            if (!labels.contains(l))
                labels << l;
        }
    }
    header.sources = labels;
    header.generatedAt = QDateTime::currentSecsSinceEpoch();
    m_pack = generateOverride(entries, header, format, m_subdomains->isChecked());

    QStringList problems;
    for (const OverrideRejection& r : std::as_const(m_pack.rejected))
        problems << tr("refused %1 %2: %3").arg(visibleText(r.name, 120), visibleText(r.address, 60), r.reason);
    for (const QString& w : std::as_const(m_pack.warnings))
        problems << w;
    if (entries.isEmpty())
        problems << tr("Check at least one name and one address.");
    if (!m_pack.ok()) {
        problems << tr("Nothing generated: %1").arg(m_pack.error);
        m_preview->setPlainText(QString());
    } else {
        // The exact text, with CRLF shown as line breaks (the saved and copied text keeps them).
        m_preview->setPlainText(QString(m_pack.text).replace(QStringLiteral("\r\n"), QStringLiteral("\n")));
    }
    m_problems->setText(visibleText(problems.join(u'\n'), 4000).replace(QStringLiteral("\\x0a"), QStringLiteral("\n")));
    m_problems->setVisible(!problems.isEmpty());
    const bool usable = m_pack.ok() && !m_pack.pairs.isEmpty();
    m_copy->setEnabled(usable);
    m_save->setEnabled(usable);
    m_apply->setEnabled(usable);
    m_apply->setText(tr("Apply to %1\u2026").arg(applyTarget()));
}

void HostsOverrideDialog::copyText()
{
    if (!text().isEmpty())
        QApplication::clipboard()->setText(text());
}

void HostsOverrideDialog::saveAs()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Save override as"), QString());
    if (path.isEmpty())
        return;
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(text().toUtf8()) < 0 || !file.commit()) {
        QMessageBox::warning(this, tr("Save as"),
            tr("%1 could not be written: %2. Choose a folder you may write to.").arg(path, file.errorString()));
    }
}

bool HostsOverrideDialog::applyTo(const QString& hostsPath, QString* message)
{
    if (text().isEmpty()) {
        *message = tr("There is nothing to apply.");
        return false;
    }
    const OverrideFormat format = currentFormat();
    const ManagedBlock::FileResult result
        = ManagedBlock::applyToFile(hostsPath, text(), overrideLineEnding(format).toLatin1());
    if (!result.ok) {
        *message = result.error;
        return false;
    }
    *message = result.changed ? tr("%1 updated; the previous file is kept as %2.").arg(hostsPath, result.backupPath)
                              : tr("%1 already holds this override; nothing changed.").arg(hostsPath);
    return true;
}

void HostsOverrideDialog::applyDialog()
{
    auto [target, folder] = applyTargetAndFolder();
    if (!QDir(folder).exists())
        folder = QStringLiteral("/etc");
    const QString title = tr("Apply to %1").arg(target);
    const QString path = QFileDialog::getOpenFileName(this, title, folder);
    if (path.isEmpty())
        return;
    QString message;
    const bool ok = applyTo(path, &message);
    QMessageBox box(ok ? QMessageBox::Information : QMessageBox::Warning, title, message, QMessageBox::Ok, this);
    box.setTextFormat(Qt::PlainText);
    box.exec();
}

} // namespace pdnsw
