#pragma once

#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTableView;

namespace pdnsw {

class CaseWorker;
class NotesModel;
class TableFilterProxy;

// The Notes dock: the analyst's free-text notes and tags on the selected name (or on the whole case), saved in
// the case file through NotesStore on the reader worker's thread. Delete removes the selected note.
class NotesPanel : public QWidget
{
    Q_OBJECT
public:
    explicit NotesPanel(CaseWorker* worker, QWidget* parent = nullptr);

    // The name the notes are about ("" = the whole case).
    void setSubject(const QString& subject);
    const QString& subject() const { return m_subject; }
    void reload();
    void clear();

    // Actions, also for tests: add or update the note in the editor, delete the selected note, set the tags.
    void saveNote();
    void deleteSelectedNote();
    void newNote();
    void applyTags();

    NotesModel* model() const { return m_model; }
    QTableView* view() const { return m_view; }
    QPlainTextEdit* editor() const { return m_editor; }
    QLineEdit* tagsEdit() const { return m_tags; }

signals:
    void notesChanged();
    void errorOccurred(const QString& message);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void showSelectedNote();
    void updateTitle();
    void updateButtons();
    qint64 selectedNoteId() const;

    CaseWorker* m_worker;
    NotesModel* m_model;
    TableFilterProxy* m_proxy;
    QString m_subject;
    qint64 m_editingId = 0;
    QLabel* m_title;
    QCheckBox* m_allNotes;
    QTableView* m_view;
    QPlainTextEdit* m_editor;
    QLineEdit* m_tags;
    QPushButton* m_new;
    QPushButton* m_save;
    QPushButton* m_delete;
};

} // namespace pdnsw
