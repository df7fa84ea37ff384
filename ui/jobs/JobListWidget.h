#pragma once

#include <QHash>
#include <QWidget>

class QScrollArea;
class QVBoxLayout;

namespace pdnsw {

class BackgroundJob;
class JobManager;

// One row per job of the session: title, what it is doing, a progress bar, elapsed time and Cancel; a finished
// job keeps its row with the outcome until "Clear finished". Importing a folder of captures adds a row per file:
// past kRowsShown rows the list scrolls, so it never pushes the sources table out or the window past the screen.
class JobListWidget : public QWidget
{
    Q_OBJECT
public:
    static constexpr int kRowsShown = 5;

    explicit JobListWidget(JobManager* manager, QWidget* parent = nullptr);

    QWidget* rowOf(const BackgroundJob* job) const { return m_rows.value(job); }
    QScrollArea* scrollArea() const { return m_scroll; }

private:
    void addRow(BackgroundJob* job);
    void removeRow(BackgroundJob* job);
    void fitHeight(); // as tall as the first kRowsShown rows

    JobManager* m_manager;
    QScrollArea* m_scroll;
    QVBoxLayout* m_rowsLayout;
    QHash<const BackgroundJob*, QWidget*> m_rows;
    bool m_scrollToNewest = false; // a row was added: show it when the scroll range has grown
};

} // namespace pdnsw
