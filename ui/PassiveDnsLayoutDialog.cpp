#include "ui/PassiveDnsLayoutDialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QVBoxLayout>

namespace pdnsw {

namespace {

const QString kFieldsKey = QStringLiteral("import/passivednsFields");
const QString kDelimiterKey = QStringLiteral("import/passivednsDelimiter");
const QString kUtcOffsetKey = QStringLiteral("import/passivednsUtcOffset");

} // namespace

PassiveDnsLayoutDialog::PassiveDnsLayoutDialog(QWidget* parent)
    : QDialog(parent)
    , m_fields(new QLineEdit(this))
    , m_delimiter(new QLineEdit(this))
    , m_utcOffset(new QLineEdit(this))
    , m_status(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Import passivedns log with its own fields"));
    auto* intro = new QLabel(tr("A passivedns sensor run with -f (which fields) or -d (the delimiter) writes lines "
                                "this workbench cannot recognise alone. Give the sensor's settings; the files "
                                "chosen next are read with them."),
        this);
    intro->setTextFormat(Qt::PlainText);
    intro->setWordWrap(true);

    m_fields->setObjectName(QStringLiteral("passivednsFields"));
    m_fields->setToolTip(tr("passivedns -f letters, in any order: H (local date and time) or S (seconds) and M "
                            "(microseconds), h hostname, c client, w client MAC, s server, W server MAC, p "
                            "protocol, C class, Q query, L query length, T type, A answer, l answer length, t TTL, "
                            "n count"));
    m_delimiter->setObjectName(QStringLiteral("passivednsDelimiter"));
    m_delimiter->setToolTip(tr("passivedns -d text between fields; type \\t for a tab"));
    m_utcOffset->setObjectName(QStringLiteral("passivednsUtcOffset"));
    m_utcOffset->setPlaceholderText(tr("needed with H, for example +01:00"));
    m_utcOffset->setToolTip(tr("The H timestamp (and the \"timestamp\" key of JSON logs) is the sensor's local time "
                               "without a zone: the sensor's UTC offset turns it into UTC"));
    m_status->setObjectName(QStringLiteral("passivednsLayoutStatus"));
    m_status->setTextFormat(Qt::PlainText);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    QSettings settings;
    m_fields->setText(settings.value(kFieldsKey, QString::fromLatin1(PassiveDnsLayout::kDefaultLetters)).toString());
    m_delimiter->setText(
        settings.value(kDelimiterKey, QString::fromLatin1(PassiveDnsLayout::kDefaultDelimiter)).toString());
    m_utcOffset->setText(settings.value(kUtcOffsetKey).toString());

    auto* form = new QFormLayout;
    form->addRow(tr("&Fields (-f):"), m_fields);
    form->addRow(tr("&Delimiter (-d):"), m_delimiter);
    form->addRow(tr("Sensor's &UTC offset:"), m_utcOffset);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_status);
    layout->addWidget(m_buttons);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Choose files\u2026"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    for (QLineEdit* edit : {m_fields, m_delimiter, m_utcOffset})
        connect(edit, &QLineEdit::textChanged, this, &PassiveDnsLayoutDialog::revalidate);
    revalidate();
    resize(560, sizeHint().height());
}

void PassiveDnsLayoutDialog::setEntries(const QString& fields, const QString& delimiter, const QString& utcOffset)
{
    m_fields->setText(fields);
    m_delimiter->setText(delimiter);
    m_utcOffset->setText(utcOffset);
}

QString PassiveDnsLayoutDialog::statusText() const
{
    return m_status->text();
}

bool PassiveDnsLayoutDialog::canAccept() const
{
    return m_buttons->button(QDialogButtonBox::Ok)->isEnabled();
}

void PassiveDnsLayoutDialog::revalidate()
{
    QString error;
    m_layout = PassiveDnsLayout::parse(m_fields->text(), m_delimiter->text(), m_utcOffset->text(), &error);
    m_status->setText(m_layout ? tr("Each line: %1").arg(m_layout->describe()) : error);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(m_layout.has_value());
}

void PassiveDnsLayoutDialog::accept()
{
    if (!m_layout)
        return;
    QSettings settings;
    settings.setValue(kFieldsKey, m_fields->text());
    settings.setValue(kDelimiterKey, m_delimiter->text());
    settings.setValue(kUtcOffsetKey, m_utcOffset->text());
    QDialog::accept();
}

} // namespace pdnsw
