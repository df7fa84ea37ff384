#pragma once

#include <QMainWindow>

#include <memory>

namespace pdnsw {

class CaseFile;

// The workbench window over one case file.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // Opens (or creates) the case; shows a clear error and returns false when it cannot.
    bool openCase(const QString& path, bool createIfMissing);

private:
    void updateTitle();
    std::unique_ptr<CaseFile> m_case;
};

} // namespace pdnsw
