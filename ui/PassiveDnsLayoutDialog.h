#pragma once

#include "capture/logs/PassiveDnsLayout.h"

#include <QDialog>

#include <optional>

class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace pdnsw {

// Asks how a passivedns sensor wrote its text log when it ran with -f and/or -d: the field letters, the
// delimiter and, for the H timestamp, the sensor's UTC offset. Checks them as they are typed, shows the columns
// a line must then have (or what is wrong), and remembers the last accepted layout for next time.
class PassiveDnsLayoutDialog : public QDialog
{
    Q_OBJECT
public:
    explicit PassiveDnsLayoutDialog(QWidget* parent = nullptr);

    // The layout when the entries make one.
    const std::optional<PassiveDnsLayout>& layout() const { return m_layout; }
    void setEntries(const QString& fields, const QString& delimiter, const QString& utcOffset);
    QString statusText() const;
    bool canAccept() const;

    void accept() override;

private:
    void revalidate();

    QLineEdit* m_fields;
    QLineEdit* m_delimiter;
    QLineEdit* m_utcOffset;
    QLabel* m_status;
    QDialogButtonBox* m_buttons;
    std::optional<PassiveDnsLayout> m_layout;
};

} // namespace pdnsw
