#include "ui/MainWindow.h"

#include "models/CaseFile.h"

#include <QFileInfo>
#include <QMessageBox>
#include <QStatusBar>

namespace pdnsw {

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent)
{
    setWindowIcon(QIcon(QStringLiteral(":/pdnsw/pdnsw.svg")));
    resize(1366, 768);
    updateTitle();
}

MainWindow::~MainWindow() = default;

bool MainWindow::openCase(const QString& path, bool createIfMissing)
{
    CaseError error;
    auto file = CaseFile::open(path, createIfMissing ? CaseFile::Mode::CreateIfMissing : CaseFile::Mode::OpenExisting,
                               &error);
    if (!file) {
        QMessageBox box(QMessageBox::Critical, tr("Cannot open case"), error.message, QMessageBox::Ok, this);
        box.setTextFormat(Qt::PlainText);
        box.exec();
        return false;
    }
    m_case = std::move(file);
    updateTitle();
    return true;
}

void MainWindow::updateTitle()
{
    if (m_case)
        setWindowTitle(tr("%1 - PDNS Workbench").arg(QFileInfo(m_case->path()).fileName()));
    else
        setWindowTitle(tr("PDNS Workbench"));
}

} // namespace pdnsw
