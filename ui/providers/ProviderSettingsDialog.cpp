#include "ui/providers/ProviderSettingsDialog.h"

#include "providers/KeyStore.h"
#include "providers/ProviderCatalog.h"
#include "providers/ProviderSettings.h"
#include "providers/UrlPolicy.h"
#include "ui/AsyncCall.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSpinBox>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace pdnsw {

namespace {

QSpinBox* spin(QWidget* parent, int min, int max, int value, const QString& special = {})
{
    auto* s = new QSpinBox(parent);
    s->setRange(min, max);
    s->setValue(value);
    if (!special.isEmpty())
        s->setSpecialValueText(special);
    s->setAccelerated(true);
    return s;
}

QString stringSetting(const QString& name)
{
    return ProviderSettings::value(name).toString().trimmed();
}

struct KeychainState
{
    QString problem; // the keychain could not be asked
    QHash<QString, bool> stored; // provider id -> a key is stored
};

struct SaveResult
{
    QStringList problems;
};

} // namespace

ProviderSettingsDialog::ProviderSettingsDialog(QWidget* parent)
    : QDialog(parent)
    , m_list(new QListWidget(this))
    , m_stack(new QStackedWidget(this))
    , m_keychain(new QLabel(this))
    , m_message(new QLabel(this))
{
    setObjectName(QStringLiteral("providerSettingsDialog"));
    setWindowTitle(tr("Provider settings"));
    for (QLabel* l : {m_keychain, m_message}) {
        l->setTextFormat(Qt::PlainText);
        l->setWordWrap(true);
    }
    m_keychain->setText(tr("Asking the system keychain which keys it holds\u2026"));

    m_list->addItem(tr("Network"));
    m_stack->addWidget(buildNetworkPage());
    for (const ProviderDescriptor& d : providerCatalog()) {
        m_list->addItem(d.name);
        m_stack->addWidget(buildProviderPage(d.id));
    }
    m_list->setFixedWidth(m_list->sizeHintForColumn(0) + 32);
    connect(m_list, &QListWidget::currentRowChanged, m_stack, &QStackedWidget::setCurrentIndex);
    m_list->setCurrentRow(1);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &ProviderSettingsDialog::save);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* body = new QHBoxLayout;
    body->addWidget(m_list);
    body->addWidget(m_stack, 1);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_keychain);
    layout->addLayout(body, 1);
    layout->addWidget(m_message);
    layout->addWidget(buttons);
    resize(760, 520);
    for (const auto& [name, value] : formValues())
        m_shown.insert(name, value);
    checkKeychain();
}

QWidget* ProviderSettingsDialog::buildNetworkPage()
{
    auto* page = new QWidget(this);
    auto* form = new QFormLayout(page);
    const NetworkSettings n = ProviderSettings::network();
    m_proxy = new QLineEdit(stringSetting(QStringLiteral("network/proxy")), page);
    m_proxy->setPlaceholderText(tr("empty: https_proxy / ALL_PROXY / NO_PROXY from the environment"));
    m_caBundle = new QLineEdit(stringSetting(QStringLiteral("network/caBundle")), page);
    m_caBundle->setPlaceholderText(tr("empty: the system's CA certificates (PDNSW_CA_BUNDLE overrides)"));
    m_connectTimeout = spin(page, 100, 600000, n.connectTimeoutMs);
    m_connectTimeout->setSuffix(tr(" ms"));
    m_totalTimeout = spin(page, 200, 3600000, n.totalTimeoutMs);
    m_totalTimeout->setSuffix(tr(" ms"));
    m_retries = spin(page, 0, 10, n.maxRetries);
    auto* intro = new QLabel(tr("Applies to every provider. Currently: %1").arg(n.activeProxyDescription()), page);
    intro->setTextFormat(Qt::PlainText);
    intro->setWordWrap(true);
    form->addRow(intro);
    form->addRow(tr("Proxy"), m_proxy);
    form->addRow(tr("CA bundle"), m_caBundle);
    form->addRow(tr("Connect timeout"), m_connectTimeout);
    form->addRow(tr("Total timeout"), m_totalTimeout);
    form->addRow(tr("Retries (429 / 503)"), m_retries);
    auto* file = new QLabel(
        tr("Saved in %1 (shared with pdnsw-cli). Keys never go there.").arg(ProviderSettings::filePath()), page);
    file->setTextFormat(Qt::PlainText);
    file->setWordWrap(true);
    file->setForegroundRole(QPalette::PlaceholderText);
    form->addRow(file);
    return page;
}

QWidget* ProviderSettingsDialog::buildProviderPage(const QString& id)
{
    const ProviderDescriptor* d = findProvider(id);
    const ProviderConfig c = ProviderSettings::load(id, ProviderSettings::KeyLookup::EnvironmentOnly);
    auto* page = new QWidget(this);
    auto* form = new QFormLayout(page);
    Page p;
    auto* title = new QLabel(d->name + QStringLiteral(": ") + d->note, page);
    title->setTextFormat(Qt::PlainText);
    title->setWordWrap(true);
    form->addRow(title);

    p.key = new QLineEdit(page);
    p.key->setObjectName(QStringLiteral("key_") + id);
    p.key->setEchoMode(QLineEdit::Password);
    p.key->setClearButtonEnabled(true);
    p.key->setEnabled(false); // until the keychain answered
    p.removeKey = new QPushButton(tr("Remove from keychain"), page);
    p.removeKey->setEnabled(false);
    p.keyState = new QLabel(page);
    p.keyState->setTextFormat(Qt::PlainText);
    p.keyState->setWordWrap(true);
    p.keyState->setForegroundRole(QPalette::PlaceholderText);
    if (c.keySource == ProviderConfig::KeySource::Environment)
        p.keyState->setText(
            tr("PDNSW_%1_KEY is set in the environment: it is used instead of the keychain.").arg(d->envId));
    else if (!d->keyRequired)
        p.keyState->setText(tr("This service works without a key; a key raises its limits."));
    auto* keyRow = new QHBoxLayout;
    keyRow->addWidget(p.key, 1);
    keyRow->addWidget(p.removeKey);
    form->addRow(id == QLatin1String("defenderti") ? tr("Client secret") : tr("API key"), keyRow);
    form->addRow(QString(), p.keyState);
    connect(p.removeKey, &QPushButton::clicked, this, [this, id] {
        Page& page = m_pages[id];
        page.removeRequested = true;
        page.key->clear();
        page.key->setPlaceholderText(tr("will be removed from the keychain on Save"));
    });

    p.baseUrl = new QLineEdit(stringSetting(id + QStringLiteral("/baseUrl")), page);
    p.baseUrl->setObjectName(QStringLiteral("baseUrl_") + id);
    p.baseUrl->setPlaceholderText(d->defaultBaseUrl);
    p.baseUrl->setToolTip(tr("A mirror or a local test server: https, or plain http to a loopback address only. "
                             "PDNSW_%1_URL overrides it.")
                              .arg(d->envId));
    form->addRow(tr("Base URL"), p.baseUrl);
    if (c.baseUrlSource == QLatin1String("environment")) {
        auto* env = new QLabel(tr("PDNSW_%1_URL is set: %2").arg(d->envId, c.baseUrl), page);
        env->setTextFormat(Qt::PlainText);
        env->setForegroundRole(QPalette::PlaceholderText);
        form->addRow(QString(), env);
    }
    p.rateRequests = spin(page, 1, 100000, c.rateRequests);
    p.rateRequests->setObjectName(QStringLiteral("rateRequests_") + id);
    p.rateInterval = spin(page, 1, 86400, c.rateIntervalSeconds);
    p.rateInterval->setSuffix(tr(" s"));
    auto* rate = new QHBoxLayout;
    rate->addWidget(p.rateRequests);
    rate->addWidget(new QLabel(tr("request(s) per"), page));
    rate->addWidget(p.rateInterval);
    rate->addStretch(1);
    form->addRow(tr("Rate limit"), rate);
    p.dailyBudget = spin(page, 0, 100000000, c.dailyBudget, tr("not published"));
    p.dailyBudget->setObjectName(QStringLiteral("dailyBudget_") + id);
    p.dailyBudget->setToolTip(tr("Requests per UTC day your key allows; the pivot preview warns before exceeding it"));
    form->addRow(tr("Daily budget"), p.dailyBudget);
    p.pageSize = spin(page, 0, 1000000, c.pageSize, tr("service default"));
    form->addRow(tr("Page size"), p.pageSize);
    if (id == QLatin1String("defenderti")) {
        p.clientId = new QLineEdit(stringSetting(id + QStringLiteral("/clientId")), page);
        p.tenant = new QLineEdit(stringSetting(id + QStringLiteral("/tenant")), page);
        p.tokenUrl = new QLineEdit(stringSetting(id + QStringLiteral("/tokenUrl")), page);
        p.tokenUrl->setPlaceholderText(QStringLiteral("https://login.microsoftonline.com/{tenant}/oauth2/v2.0/token"));
        form->addRow(tr("Client id"), p.clientId);
        form->addRow(tr("Tenant"), p.tenant);
        form->addRow(tr("Token URL"), p.tokenUrl);
    }
    m_pages.insert(id, p);
    return page;
}

void ProviderSettingsDialog::checkKeychain()
{
    QStringList ids;
    for (const ProviderDescriptor& d : providerCatalog())
        ids << d.id;
    runAsync<KeychainState>(
        this,
        [ids] {
            KeychainState state;
            for (const QString& id : ids) {
                KeyStore::ReadResult r = KeyStore::read(id);
                state.stored.insert(id, !r.key.isEmpty());
                r.key.fill('\0'); // only whether one exists matters here
                if (!r.problem.isEmpty()) {
                    state.problem = r.problem;
                    break; // no keychain: asking the others would only wait again
                }
            }
            return state;
        },
        [this](KeychainState state) {
            m_keychainAvailable = state.problem.isEmpty();
            if (m_keychainAvailable) {
                m_keychain->setText(tr("Keys are stored in the system keychain (service \"%1\") and shown masked; "
                                       "leave a field empty to keep the stored key.")
                                        .arg(KeyStore::serviceName()));
            } else {
                m_keychain->setText(tr("No keychain is available (%1). Keys cannot be stored from here: give them "
                                       "in the environment before starting the workbench, as PDNSW_<ID>_KEY "
                                       "(for example PDNSW_DNSDB_KEY, PDNSW_VIRUSTOTAL_KEY).")
                                        .arg(state.problem));
                m_keychain->setForegroundRole(QPalette::WindowText);
                QFont bold = m_keychain->font();
                bold.setBold(true);
                m_keychain->setFont(bold);
            }
            for (auto it = m_pages.begin(); it != m_pages.end(); ++it) {
                Page& p = it.value();
                const bool stored = state.stored.value(it.key());
                p.key->setEnabled(m_keychainAvailable);
                p.removeKey->setEnabled(m_keychainAvailable && stored);
                p.key->setPlaceholderText(!m_keychainAvailable
                        ? tr("no keychain: use PDNSW_%1_KEY").arg(findProvider(it.key())->envId)
                        : stored ? tr("a key is stored in the keychain (type to replace)")
                                 : tr("no key stored"));
            }
            emit keychainChecked();
        });
}

QList<QPair<QString, QVariant>> ProviderSettingsDialog::formValues() const
{
    QList<QPair<QString, QVariant>> values{
        {QStringLiteral("network/proxy"), m_proxy->text().trimmed()},
        {QStringLiteral("network/caBundle"), m_caBundle->text().trimmed()},
        {QStringLiteral("network/connectTimeoutMs"), m_connectTimeout->value()},
        {QStringLiteral("network/totalTimeoutMs"), m_totalTimeout->value()},
        {QStringLiteral("network/maxRetries"), m_retries->value()},
    };
    for (auto it = m_pages.constBegin(); it != m_pages.constEnd(); ++it) {
        const QString group = it.key() + QLatin1Char('/');
        const Page& p = it.value();
        values.append({group + QStringLiteral("baseUrl"), p.baseUrl->text().trimmed()});
        values.append({group + QStringLiteral("rateRequests"), p.rateRequests->value()});
        values.append({group + QStringLiteral("rateIntervalSeconds"), p.rateInterval->value()});
        values.append({group + QStringLiteral("dailyBudget"), p.dailyBudget->value()});
        values.append({group + QStringLiteral("pageSize"), p.pageSize->value()});
        if (p.clientId) {
            values.append({group + QStringLiteral("clientId"), p.clientId->text().trimmed()});
            values.append({group + QStringLiteral("tenant"), p.tenant->text().trimmed()});
            values.append({group + QStringLiteral("tokenUrl"), p.tokenUrl->text().trimmed()});
        }
    }
    return values;
}

bool ProviderSettingsDialog::writeSettings(QString* error)
{
    for (auto it = m_pages.constBegin(); it != m_pages.constEnd(); ++it) {
        const QString url = it.value().baseUrl->text().trimmed();
        if (!url.isEmpty()) {
            if (const QString problem = UrlPolicy::checkUrl(url); !problem.isEmpty()) {
                *error = tr("%1: %2").arg(findProvider(it.key())->name, problem);
                return false;
            }
        }
    }
    for (const auto& [name, value] : formValues()) {
        const auto shown = m_shown.constFind(name);
        if (shown != m_shown.constEnd() && shown.value() == value)
            continue;
        if (!ProviderSettings::setValue(name, value, error))
            return false;
        m_shown.insert(name, value);
    }
    return true;
}

void ProviderSettingsDialog::save()
{
    if (m_saving)
        return;
    QString error;
    if (!writeSettings(&error)) {
        m_message->setText(error);
        return;
    }
    // Keys typed (or removals asked for) go to the keychain off the GUI thread.
    QHash<QString, QByteArray> writes;
    QStringList removals;
    for (auto it = m_pages.begin(); it != m_pages.end(); ++it) {
        const QByteArray key = it->key->text().trimmed().toUtf8();
        if (!key.isEmpty())
            writes.insert(it.key(), key);
        else if (it->removeRequested)
            removals << it.key();
        it->key->clear();
    }
    if (writes.isEmpty() && removals.isEmpty()) {
        emit settingsChanged();
        accept();
        return;
    }
    m_saving = true;
    m_message->setText(tr("Writing the keys to the keychain\u2026"));
    runAsync<SaveResult>(
        this,
        [writes, removals]() mutable {
            SaveResult result;
            for (auto it = writes.begin(); it != writes.end(); ++it) {
                if (const QString problem = KeyStore::write(it.key(), it.value()); !problem.isEmpty())
                    result.problems << QStringLiteral("%1: %2").arg(findProvider(it.key())->name, problem);
                it.value().fill('\0');
            }
            for (const QString& id : removals) {
                if (const QString problem = KeyStore::remove(id); !problem.isEmpty())
                    result.problems << QStringLiteral("%1: %2").arg(findProvider(id)->name, problem);
            }
            return result;
        },
        [this](SaveResult result) {
            m_saving = false;
            emit settingsChanged();
            if (!result.problems.isEmpty()) {
                m_message->setText(tr("The other settings were saved, but the keychain refused: %1. Give the keys as "
                                      "PDNSW_<ID>_KEY instead.")
                                       .arg(result.problems.join(QStringLiteral("; "))));
                return;
            }
            accept();
        });
}

QLineEdit* ProviderSettingsDialog::keyEdit(const QString& providerId) const
{
    return m_pages.value(providerId).key;
}

QLineEdit* ProviderSettingsDialog::baseUrlEdit(const QString& providerId) const
{
    return m_pages.value(providerId).baseUrl;
}

QSpinBox* ProviderSettingsDialog::rateRequestsSpin(const QString& providerId) const
{
    return m_pages.value(providerId).rateRequests;
}

QSpinBox* ProviderSettingsDialog::dailyBudgetSpin(const QString& providerId) const
{
    return m_pages.value(providerId).dailyBudget;
}

} // namespace pdnsw
