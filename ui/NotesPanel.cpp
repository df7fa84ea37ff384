#include "ui/NotesPanel.h"
#include "ui/Icons.h"

#include "models/CaseFile.h"
#include "models/NotesStore.h"
#include "models/itemmodels/CaseSession.h"
#include "models/itemmodels/CaseWorker.h"
#include "models/itemmodels/ItemRoles.h"
#include "models/itemmodels/NotesModel.h"
#include "models/itemmodels/TableFilterProxy.h"
#include "models/itemmodels/UntrustedText.h"
#include "ui/TableViews.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace pdnsw {
namespace {

using NotesAndTags = QPair<QList<Note>, QList<QPair<QString, QString>>>;

// Tags as the analyst types them: comma or space separated, trimmed, lower-case, no duplicates.
QStringList parseTags(const QString& text)
{
    QStringList tags;
    for (const QString& part : text.split(QRegularExpression(QStringLiteral("[,\\s]+")), Qt::SkipEmptyParts)) {
        const QString tag = part.trimmed().toLower().left(64);
        if (!tag.isEmpty() && !tags.contains(tag))
            tags << tag;
    }
    return tags;
}

} // namespace

NotesPanel::NotesPanel(CaseWorker* worker, QWidget* parent)
    : QWidget(parent)
    , m_worker(worker)
    , m_model(new NotesModel(this))
    , m_proxy(new TableFilterProxy(this))
    , m_title(new QLabel(this))
    , m_allNotes(new QCheckBox(tr("All notes of the case"), this))
    , m_view(new QTableView(this))
    , m_editor(new QPlainTextEdit(this))
    , m_tags(new QLineEdit(this))
    , m_new(new QPushButton(icon(QStringLiteral("note")), tr("New"), this))
    , m_save(new QPushButton(icon(QStringLiteral("check")), tr("Save note"), this))
    , m_delete(new QPushButton(icon(QStringLiteral("cancel")), tr("Delete"), this))
{
    m_proxy->setSourceModel(m_model);
    m_view->setModel(m_proxy);
    configureTableView(m_view);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->sortByColumn(NotesModel::Updated, Qt::DescendingOrder);
    fitColumn(m_view, NotesModel::Subject, QStringLiteral("www.bad-site.example"));
    fitColumn(m_view, NotesModel::Text, QStringLiteral("Moved from 198.51.100.23 to 203.0.113.77"));
    fitColumn(m_view, NotesModel::Tags, QStringLiteral("malicious, phishing"));
    fitColumn(m_view, NotesModel::Updated, QStringLiteral("2018-01-05 08:00:00"));
    fitColumn(m_view, NotesModel::Created, QStringLiteral("2018-01-05 08:00:00"));
    m_view->installEventFilter(this);
    m_view->setToolTip(tr("Delete removes the selected note"));

    m_title->setTextFormat(Qt::PlainText);
    m_title->setObjectName(QStringLiteral("notesTitle"));
    m_editor->setPlaceholderText(tr("Write a note about the selected name; Ctrl+Enter saves"));
    m_editor->installEventFilter(this);
    m_tags->setPlaceholderText(tr("Tags, comma separated (Enter applies)"));
    m_tags->setClearButtonEnabled(true);

    auto* editorPane = new QWidget(this);
    auto* editorLayout = new QVBoxLayout(editorPane);
    editorLayout->setContentsMargins(0, 0, 0, 0);
    editorLayout->addWidget(m_editor, 1);
    editorLayout->addWidget(m_tags);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_new);
    buttons->addWidget(m_save);
    buttons->addStretch(1);
    buttons->addWidget(m_delete);
    editorLayout->addLayout(buttons);

    auto* splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(m_view);
    splitter->addWidget(editorPane);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);

    auto* top = new QHBoxLayout;
    top->addWidget(m_title, 1);
    top->addWidget(m_allNotes);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->setSpacing(4);
    layout->addLayout(top);
    layout->addWidget(splitter, 1);

    connect(m_new, &QPushButton::clicked, this, &NotesPanel::newNote);
    connect(m_save, &QPushButton::clicked, this, &NotesPanel::saveNote);
    connect(m_delete, &QPushButton::clicked, this, &NotesPanel::deleteSelectedNote);
    connect(m_tags, &QLineEdit::returnPressed, this, &NotesPanel::applyTags);
    connect(m_allNotes, &QCheckBox::toggled, this, [this] {
        updateTitle();
        reload();
    });
    // A mouse press makes the row current before it selects it: a clicked note is shown when it is selected.
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &NotesPanel::showSelectedNote);
    connect(m_editor, &QPlainTextEdit::textChanged, this, &NotesPanel::updateButtons);
    setSubject({});
}

void NotesPanel::setSubject(const QString& subject)
{
    m_subject = subject;
    updateTitle();
    newNote();
    reload();
}

// The title says what the list shows and what a new note will be about: with "All notes of the case" they differ.
void NotesPanel::updateTitle()
{
    const QString about = m_subject.isEmpty() ? tr("the whole case") : visibleText(nameWithUnicode(m_subject), 200);
    m_title->setText(m_allNotes->isChecked() ? tr("All notes of the case; a new note is about %1").arg(about)
                                             : tr("Notes on %1").arg(about));
}

void NotesPanel::clear()
{
    m_model->clear();
    m_tags->clear();
    newNote();
}

void NotesPanel::reload()
{
    if (!m_worker->isOpen()) {
        clear();
        return;
    }
    const QString subject = m_allNotes->isChecked() ? QString() : m_subject;
    const bool all = m_allNotes->isChecked() || m_subject.isEmpty();
    m_worker->run<NotesAndTags>(
        this,
        [subject, all](CaseSession& s) {
            NotesStore store(s.readFile());
            return NotesAndTags{all ? store.allNotes() : store.notes(subject), store.allTags()};
        },
        [this](NotesAndTags loaded) {
            const qint64 keep = m_editingId;
            m_model->setNotes(loaded.first, loaded.second);
            m_tags->setText(m_model->tagsOf(m_subject).join(QStringLiteral(", ")));
            if (keep) {
                const int row = m_model->rowOfNote(keep);
                if (row >= 0)
                    m_view->setCurrentIndex(m_proxy->mapFromSource(m_model->index(row, 0)));
            }
            updateButtons();
        },
        QStringLiteral("notes"));
}

void NotesPanel::newNote()
{
    m_editingId = 0;
    m_view->clearSelection();
    m_editor->clear();
    updateButtons();
}

void NotesPanel::saveNote()
{
    const QString body = m_editor->toPlainText();
    if (body.trimmed().isEmpty() || !m_worker->isOpen())
        return;
    const qint64 id = m_editingId;
    const QString subject = m_subject;
    m_worker->run<QPair<qint64, QString>>(
        this,
        [id, subject, body](CaseSession& s) -> QPair<qint64, QString> {
            CaseError error;
            CaseFile* file = s.writeFile(&error);
            if (!file)
                return {0, error.message};
            NotesStore store(*file);
            if (id > 0)
                return {store.updateNote(id, body, &error) ? id : 0, error.message};
            const qint64 added = store.addNote(subject, body, &error);
            return {added, error.message};
        },
        [this](QPair<qint64, QString> result) {
            if (result.first <= 0) {
                emit errorOccurred(tr("The note could not be saved: %1").arg(result.second));
                return;
            }
            m_editingId = result.first;
            reload();
            emit notesChanged();
        });
}

void NotesPanel::deleteSelectedNote()
{
    const qint64 id = selectedNoteId();
    if (id <= 0 || !m_worker->isOpen())
        return;
    m_worker->run<QString>(
        this,
        [id](CaseSession& s) {
            CaseError error;
            CaseFile* file = s.writeFile(&error);
            if (file)
                NotesStore(*file).deleteNote(id, &error);
            return error.message;
        },
        [this](QString error) {
            if (!error.isEmpty())
                emit errorOccurred(tr("The note could not be deleted: %1").arg(error));
            newNote();
            reload();
            emit notesChanged();
        });
}

void NotesPanel::applyTags()
{
    if (!m_worker->isOpen())
        return;
    const QStringList wanted = parseTags(m_tags->text());
    const QStringList current = m_model->tagsOf(m_subject);
    const QString subject = m_subject;
    m_worker->run<QString>(
        this,
        [subject, wanted, current](CaseSession& s) {
            CaseError error;
            CaseFile* file = s.writeFile(&error);
            if (!file)
                return error.message;
            NotesStore store(*file);
            for (const QString& tag : current) {
                if (!wanted.contains(tag) && !store.removeTag(subject, tag, &error))
                    return error.message;
            }
            for (const QString& tag : wanted) {
                if (!current.contains(tag) && !store.addTag(subject, tag, &error))
                    return error.message;
            }
            return QString();
        },
        [this](QString error) {
            if (!error.isEmpty())
                emit errorOccurred(tr("The tags could not be saved: %1").arg(error));
            reload();
            emit notesChanged();
        });
}

qint64 NotesPanel::selectedNoteId() const
{
    const QModelIndex current = m_view->currentIndex();
    if (!current.isValid() || !m_view->selectionModel()->isRowSelected(current.row(), {}))
        return 0;
    return current.data(KeyRole).toLongLong();
}

void NotesPanel::showSelectedNote()
{
    const qint64 id = selectedNoteId();
    const int row = m_model->rowOfNote(id);
    if (const Note* note = m_model->note(row)) {
        m_editingId = note->id;
        m_editor->setPlainText(note->body);
    }
    updateButtons();
}

void NotesPanel::updateButtons()
{
    const bool open = m_worker->isOpen();
    m_save->setEnabled(open && !m_editor->toPlainText().trimmed().isEmpty());
    m_save->setText(m_editingId ? tr("Update note") : tr("Save note"));
    m_delete->setEnabled(open && selectedNoteId() > 0);
    m_tags->setEnabled(open);
    m_editor->setEnabled(open);
}

bool NotesPanel::eventFilter(QObject* watched, QEvent* event)
{
    if (event->type() == QEvent::KeyPress) {
        auto* key = static_cast<QKeyEvent*>(event);
        if (watched == m_view && key->key() == Qt::Key_Delete) {
            deleteSelectedNote();
            return true;
        }
        if (watched == m_editor && (key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter)
            && key->modifiers().testFlag(Qt::ControlModifier)) {
            saveNote();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace pdnsw
