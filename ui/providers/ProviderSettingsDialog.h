#pragma once

#include <QDialog>
#include <QHash>

class QCheckBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QSpinBox;
class QStackedWidget;

namespace pdnsw {

// Provider settings: API keys (masked; written to the OS keychain through KeyStore, never to a file), base URLs,
// proxy, CA bundle, timeouts and per-provider limits (the providers.ini shared with pdnsw-cli). Says plainly when
// there is no keychain and the environment (PDNSW_<ID>_KEY) is the way to give keys. The keychain is only
// touched on short-lived threads, so the dialog never freezes while it answers.
class ProviderSettingsDialog : public QDialog
{
    Q_OBJECT
public:
    explicit ProviderSettingsDialog(QWidget* parent = nullptr);

    // For tests and the panel: the widgets of one provider's page ("network" for the transport page).
    QLineEdit* keyEdit(const QString& providerId) const;
    QLineEdit* baseUrlEdit(const QString& providerId) const;
    QSpinBox* rateRequestsSpin(const QString& providerId) const;
    QSpinBox* dailyBudgetSpin(const QString& providerId) const;
    QLineEdit* proxyEdit() const { return m_proxy; }
    QLabel* keychainLabel() const { return m_keychain; }
    QLabel* messageLabel() const { return m_message; }
    bool keychainAvailable() const { return m_keychainAvailable; }

    // Writes the settings and the keys typed; settingsChanged then accepted, or the problem shown.
    void save();

signals:
    void settingsChanged();
    // The keychain has been asked which keys it holds (tests wait for it).
    void keychainChecked();

private:
    struct Page
    {
        QLineEdit* key = nullptr;
        QPushButton* removeKey = nullptr;
        bool removeRequested = false;
        QLineEdit* baseUrl = nullptr;
        QSpinBox* rateRequests = nullptr;
        QSpinBox* rateInterval = nullptr;
        QSpinBox* dailyBudget = nullptr;
        QSpinBox* pageSize = nullptr;
        QLineEdit* clientId = nullptr;
        QLineEdit* tenant = nullptr;
        QLineEdit* tokenUrl = nullptr;
        QLabel* keyState = nullptr;
    };

    QWidget* buildNetworkPage();
    QWidget* buildProviderPage(const QString& id);
    void checkKeychain();
    bool writeSettings(QString* error);
    // Every setting the form shows, by its QSettings name.
    QList<QPair<QString, QVariant>> formValues() const;

    QListWidget* m_list;
    QStackedWidget* m_stack;
    QLabel* m_keychain;
    QLabel* m_message;
    QLineEdit* m_proxy = nullptr;
    QLineEdit* m_caBundle = nullptr;
    QSpinBox* m_connectTimeout = nullptr;
    QSpinBox* m_totalTimeout = nullptr;
    QSpinBox* m_retries = nullptr;
    QHash<QString, Page> m_pages;
    // What the form showed when it opened: only fields the analyst changed are written, so defaults and values
    // that come from the environment (PDNSW_<ID>_URL...) are not pinned into the settings file.
    QHash<QString, QVariant> m_shown;
    bool m_keychainAvailable = false;
    bool m_saving = false;
};

} // namespace pdnsw
