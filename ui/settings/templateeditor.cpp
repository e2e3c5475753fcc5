#include "ui/settings/templateeditor.h"

#include "app/admin/adminservice.h"
#include "app/admin/templatecheck.h"
#include "app/messaging/engine.h"

#include <QComboBox>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTabBar>
#include <QTableWidget>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace FrontDesk {

namespace {

void setStatus(QLabel *label, const QString &text, bool error)
{
    label->setText(text);
    label->setStyleSheet(error ? u"color: #b3261e;"_s : u"color: #2e7d32;"_s);
}

} // namespace

QString TemplateEditor::templateTitle(const QString &key)
{
    static const QMap<QString, const char *> titles = {
        {u"missed_call"_s, QT_TR_NOOP("Missed call — new caller")},
        {u"missed_call_existing"_s, QT_TR_NOOP("Missed call — existing customer")},
        {u"missed_call_after_hours"_s, QT_TR_NOOP("Missed call — after hours")},
        {u"booked"_s, QT_TR_NOOP("Booking confirmed")},
        {u"out_of_area"_s, QT_TR_NOOP("Outside the service area")},
        {u"not_offered"_s, QT_TR_NOOP("Service not offered")},
        {u"emergency"_s, QT_TR_NOOP("Emergency")},
        {u"handoff"_s, QT_TR_NOOP("Handed to a person")},
        {u"opted_out"_s, QT_TR_NOOP("Opted out (STOP)")},
        {u"opted_in"_s, QT_TR_NOOP("Opted back in (START)")},
        {u"help"_s, QT_TR_NOOP("Help (HELP)")},
        {u"cancelled"_s, QT_TR_NOOP("Appointment cancelled")},
    };
    const char *t = titles.value(key);
    return t ? tr(t) : key;
}

TemplateEditor::TemplateEditor(Engine &engine, AdminService &admin, const QString &actor, QWidget *parent)
    : QWidget(parent)
    , m_engine(engine)
    , m_admin(admin)
    , m_actor(actor)
{
    setObjectName(u"templateEditor"_s);
    m_list = new QListWidget(this);
    m_list->setObjectName(u"templateList"_s);
    m_list->setMinimumWidth(240);
    for (const QString &key : BusinessProfile::templateKeys()) {
        auto *item = new QListWidgetItem(templateTitle(key), m_list);
        item->setData(Qt::UserRole, key);
        item->setToolTip(key);
    }

    m_languageTabs = new QTabBar(this);
    m_languageTabs->setObjectName(u"templateLanguageTabs"_s);
    m_languageTabs->setExpanding(false);
    m_languageTabs->setTabData(m_languageTabs->addTab(tr("English")), u"en"_s);
    m_languageTabs->setTabData(m_languageTabs->addTab(u"Español"_s), u"es"_s);
    m_languageTabs->setTabToolTip(1, tr("The wording sent to callers who write in Spanish"));
    m_languageHint = new QLabel(this);
    m_languageHint->setObjectName(u"templateLanguageHint"_s);
    m_languageHint->setWordWrap(true);
    m_languageHint->setStyleSheet(u"color: #5f6368;"_s);

    m_edit = new QPlainTextEdit(this);
    m_edit->setObjectName(u"templateEdit"_s);
    m_edit->setMinimumHeight(90);
    m_edit->setPlaceholderText(tr("Empty: FrontDesk's default wording is used."));

    m_insertButton = new QToolButton(this);
    m_insertButton->setObjectName(u"insertPlaceholderButton"_s);
    m_insertButton->setText(tr("Insert placeholder"));
    m_insertButton->setPopupMode(QToolButton::InstantPopup);
    auto *menu = new QMenu(m_insertButton);
    menu->setObjectName(u"placeholderMenu"_s);
    for (const QString &name : TemplateChecker::placeholders()) {
        QAction *action = menu->addAction(u"{%1} — %2"_s.arg(name, TemplateChecker::placeholderDescription(name)));
        action->setObjectName(u"placeholder_"_s + name);
        action->setData(name);
        connect(action, &QAction::triggered, this, [this, name] { insertPlaceholder(name); });
    }
    m_insertButton->setMenu(menu);

    m_sample = new QComboBox(this);
    m_sample->setObjectName(u"previewSampleCombo"_s);
    m_sample->addItem(tr("Preview for a new caller"), int(TemplateChecker::Sample::NewCustomer));
    m_sample->addItem(tr("Preview for an existing customer (Dana)"), int(TemplateChecker::Sample::ExistingCustomer));

    m_preview = new QLabel(this);
    m_preview->setObjectName(u"templatePreview"_s);
    m_preview->setWordWrap(true);
    m_preview->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_preview->setMinimumHeight(60);
    m_preview->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_preview->setStyleSheet(u"QLabel { background: #e8f0fe; color: #1b1b1f; border-radius: 12px; padding: 10px; }"_s);

    m_segments = new QLabel(this);
    m_segments->setObjectName(u"segmentLabel"_s);
    m_warnings = new QLabel(this);
    m_warnings->setObjectName(u"templateWarningLabel"_s);
    m_warnings->setWordWrap(true);
    m_warnings->setStyleSheet(u"color: #b3261e;"_s);
    m_status = new QLabel(this);
    m_status->setObjectName(u"templateStatusLabel"_s);
    m_status->setWordWrap(true);

    m_saveButton = new QPushButton(tr("Save template"), this);
    m_saveButton->setObjectName(u"saveTemplateButton"_s);
    m_resetButton = new QPushButton(tr("Use default wording"), this);
    m_resetButton->setObjectName(u"resetTemplateButton"_s);
    m_discardButton = new QPushButton(tr("Discard changes"), this);
    m_discardButton->setObjectName(u"discardTemplateButton"_s);
    m_discardButton->setToolTip(tr("Back to the wording that is saved"));

    auto *toolbar = new QHBoxLayout;
    toolbar->addWidget(m_insertButton);
    toolbar->addStretch();
    toolbar->addWidget(m_sample);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_status, 1);
    buttons->addWidget(m_discardButton);
    buttons->addWidget(m_resetButton);
    buttons->addWidget(m_saveButton);

    auto *editorBox = new QGroupBox(tr("Wording"), this);
    auto *editorLayout = new QVBoxLayout(editorBox);
    editorLayout->addWidget(m_languageTabs);
    editorLayout->addWidget(m_languageHint);
    editorLayout->addLayout(toolbar);
    editorLayout->addWidget(m_edit, 1);
    editorLayout->addWidget(new QLabel(tr("What the caller receives:"), editorBox));
    editorLayout->addWidget(m_preview);
    editorLayout->addWidget(m_segments);
    editorLayout->addWidget(m_warnings);
    editorLayout->addLayout(buttons);

    // Keyword auto-replies.
    m_autoReplies = new QTableWidget(0, 2, this);
    m_autoReplies->setObjectName(u"autoReplyTable"_s);
    m_autoReplies->setHorizontalHeaderLabels({tr("Caller texts"), tr("Reply")});
    m_autoReplies->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_autoReplies->horizontalHeader()->setStretchLastSection(true);
    m_autoReplies->verticalHeader()->hide();
    m_autoReplies->setMinimumHeight(110);
    auto *addReply = new QPushButton(tr("Add"), this);
    addReply->setObjectName(u"addAutoReplyButton"_s);
    auto *removeReply = new QPushButton(tr("Remove"), this);
    removeReply->setObjectName(u"removeAutoReplyButton"_s);
    auto *saveReplies = new QPushButton(tr("Save auto-replies"), this);
    saveReplies->setObjectName(u"saveAutoRepliesButton"_s);
    m_autoReplyStatus = new QLabel(this);
    m_autoReplyStatus->setObjectName(u"autoReplyStatusLabel"_s);
    m_autoReplyStatus->setWordWrap(true);
    auto *replyButtons = new QHBoxLayout;
    replyButtons->addWidget(m_autoReplyStatus, 1);
    replyButtons->addWidget(addReply);
    replyButtons->addWidget(removeReply);
    replyButtons->addWidget(saveReplies);
    auto *repliesBox
        = new QGroupBox(tr("Keyword auto-replies — a caller who texts just the word gets the reply"), this);
    auto *repliesLayout = new QVBoxLayout(repliesBox);
    repliesLayout->addWidget(m_autoReplies);
    repliesLayout->addLayout(replyButtons);

    auto *right = new QVBoxLayout;
    right->addWidget(editorBox, 3);
    right->addWidget(repliesBox, 2);
    auto *layout = new QHBoxLayout(this);
    layout->addWidget(m_list);
    layout->addLayout(right, 1);

    connect(m_list, &QListWidget::currentRowChanged, this, [this] { showTemplate(); });
    connect(m_languageTabs, &QTabBar::currentChanged, this, [this](int index) {
        m_language = m_languageTabs->tabData(index).toString();
        showTemplate();
    });
    connect(m_edit, &QPlainTextEdit::textChanged, this, [this] {
        if (m_loading)
            return;
        m_drafts.insert(draftKey(m_currentKey), m_edit->toPlainText());
        m_status->clear();
        updatePreview();
    });
    connect(m_sample, &QComboBox::currentIndexChanged, this, [this] { updatePreview(); });
    connect(m_saveButton, &QPushButton::clicked, this, &TemplateEditor::saveTemplate);
    connect(m_resetButton, &QPushButton::clicked, this, &TemplateEditor::resetTemplate);
    connect(m_discardButton, &QPushButton::clicked, this, &TemplateEditor::discardChanges);
    connect(addReply, &QPushButton::clicked, this, &TemplateEditor::addAutoReply);
    connect(removeReply, &QPushButton::clicked, this, [this] {
        if (m_autoReplies->currentRow() >= 0)
            m_autoReplies->removeRow(m_autoReplies->currentRow());
    });
    connect(saveReplies, &QPushButton::clicked, this, &TemplateEditor::saveAutoReplies);

    reload();
    loadAutoReplies();
    m_list->setCurrentRow(0);
}

void TemplateEditor::reload()
{
    m_drafts.clear();
    if (!m_currentKey.isEmpty())
        showTemplate();
}

void TemplateEditor::selectTemplate(const QString &key)
{
    for (int i = 0; i < m_list->count(); ++i)
        if (m_list->item(i)->data(Qt::UserRole).toString() == key)
            m_list->setCurrentRow(i);
}

void TemplateEditor::selectLanguage(const QString &language)
{
    for (int i = 0; i < m_languageTabs->count(); ++i)
        if (m_languageTabs->tabData(i).toString() == language)
            m_languageTabs->setCurrentIndex(i);
}

QString TemplateEditor::savedWording(const QString &key) const
{
    const auto profile = m_engine.profile();
    if (!profile)
        return {};
    const QMap<QString, QString> &wording = m_language == u"es"_s ? profile->templatesEs : profile->templates;
    return wording.value(key, BusinessProfile::defaultTemplate(key, m_language));
}

void TemplateEditor::showTemplate()
{
    const QListWidgetItem *item = m_list->currentItem();
    if (!item)
        return;
    m_currentKey = item->data(Qt::UserRole).toString();
    const auto profile = m_engine.profile();
    const QString text = m_drafts.contains(draftKey(m_currentKey)) ? m_drafts.value(draftKey(m_currentKey))
                                                                   : savedWording(m_currentKey);
    const bool servesSpanish = profile && profile->serves(u"es"_s);
    m_languageHint->setText(m_language == u"es"_s && !servesSpanish
            ? tr("Callers get this Spanish wording once the business serves Spanish (\"es\" in its languages, "
                 "Business settings).")
            : QString());
    m_languageHint->setVisible(!m_languageHint->text().isEmpty());
    m_loading = true;
    m_edit->setPlainText(text);
    m_loading = false;
    m_status->clear();
    m_resetArmed = false;
    m_resetButton->setText(tr("Use default wording"));
    updatePreview();
}

void TemplateEditor::updatePreview()
{
    const auto profile = m_engine.profile();
    if (!profile) {
        m_preview->setText(tr("Import a business profile first."));
        m_saveButton->setEnabled(false);
        return;
    }
    const auto sample = TemplateChecker::Sample(m_sample->currentData().toInt());
    const TemplateCheck check
        = TemplateChecker::check(*profile, m_currentKey, m_edit->toPlainText(), sample, m_language);
    m_preview->setText(check.preview);
    const bool gsm = check.count.encoding == SmsSegments::Encoding::Gsm7;
    QString segments
        = tr("%n segment(s) · %1 · %2 of %3 characters used in the last segment", nullptr, check.count.segments)
              .arg(gsm ? u"GSM-7"_s : u"UCS-2"_s)
              .arg(check.count.unitsPerSegment - check.count.remaining)
              .arg(check.count.unitsPerSegment);
    if (!gsm && !check.count.nonGsmCharacters.isEmpty()) {
        // What the letters outside GSM-7 cost: the whole text goes as UCS-2, 70 characters a segment.
        QStringList letters;
        for (const char32_t cp : check.count.nonGsmCharacters.toUcs4())
            letters << u"'"_s + QString::fromUcs4(&cp, 1) + u"'"_s;
        const auto count = [](int n) { return n == 1 ? tr("1 segment") : tr("%1 segments").arg(n); };
        const QString cost = check.gsmSegments == check.count.segments
            ? tr("still %1").arg(count(check.count.segments))
            : tr("%1 instead of %2").arg(count(check.count.segments), count(check.gsmSegments));
        segments += u"\n"_s + tr("UCS-2 because of %1 — %2").arg(letters.join(u", "_s), cost);
    }
    m_segments->setText(segments);
    m_warnings->setText(check.warnings.join(u'\n'));
    m_warnings->setVisible(!check.warnings.isEmpty());
    m_saveButton->setEnabled(check.acceptable());
    m_discardButton->setEnabled(m_drafts.contains(draftKey(m_currentKey)));
    // Mark templates with unsaved changes.
    for (int i = 0; i < m_list->count(); ++i) {
        QListWidgetItem *it = m_list->item(i);
        const QString key = it->data(Qt::UserRole).toString();
        QFont f = it->font();
        f.setItalic(m_drafts.contains(u"en/"_s + key) || m_drafts.contains(u"es/"_s + key));
        it->setFont(f);
    }
}

void TemplateEditor::insertPlaceholder(const QString &name)
{
    m_edit->insertPlainText(u"{"_s + name + u"}"_s);
    m_edit->setFocus();
}

void TemplateEditor::saveTemplate()
{
    const AdminResult r = m_admin.setTemplate(m_actor, m_currentKey, m_edit->toPlainText(), m_language);
    if (!r.ok) {
        setStatus(m_status, r.error, true);
        return;
    }
    m_drafts.remove(draftKey(m_currentKey));
    setStatus(m_status, tr("Saved. The agent uses this wording from now on."), false);
    updatePreview();
    emit templatesSaved();
}

void TemplateEditor::discardChanges()
{
    m_drafts.remove(draftKey(m_currentKey));
    showTemplate();
    setStatus(m_status, tr("Changes discarded: this is the saved wording."), false);
}

void TemplateEditor::resetTemplate()
{
    if (!m_resetArmed) { // it overwrites the saved wording: ask once more, inline
        m_resetArmed = true;
        m_resetButton->setText(tr("Click again to replace it"));
        setStatus(m_status,
            m_language == u"es"_s ? tr("This replaces the saved Spanish wording with FrontDesk's Spanish default.")
                                  : tr("This replaces the saved wording with FrontDesk's default."),
            true);
        return;
    }
    m_resetArmed = false;
    m_resetButton->setText(tr("Use default wording"));
    const AdminResult r = m_admin.setTemplate(m_actor, m_currentKey, QString(), m_language);
    if (!r.ok) {
        setStatus(m_status, r.error, true);
        return;
    }
    m_drafts.remove(draftKey(m_currentKey));
    showTemplate();
    setStatus(m_status, tr("Back to FrontDesk's default wording."), false);
    emit templatesSaved();
}

void TemplateEditor::loadAutoReplies()
{
    m_autoReplies->setRowCount(0);
    for (const AutoReply &r : m_engine.autoReplies().replies()) {
        const int row = m_autoReplies->rowCount();
        m_autoReplies->insertRow(row);
        m_autoReplies->setItem(row, 0, new QTableWidgetItem(r.keyword));
        m_autoReplies->setItem(row, 1, new QTableWidgetItem(r.reply));
    }
}

void TemplateEditor::addAutoReply()
{
    const int row = m_autoReplies->rowCount();
    m_autoReplies->insertRow(row);
    m_autoReplies->setItem(row, 0, new QTableWidgetItem());
    m_autoReplies->setItem(row, 1, new QTableWidgetItem());
    m_autoReplies->setCurrentCell(row, 0);
    m_autoReplies->editItem(m_autoReplies->item(row, 0));
}

void TemplateEditor::saveAutoReplies()
{
    QList<AutoReply> replies;
    for (int row = 0; row < m_autoReplies->rowCount(); ++row) {
        const QTableWidgetItem *k = m_autoReplies->item(row, 0);
        const QTableWidgetItem *v = m_autoReplies->item(row, 1);
        replies << AutoReply {k ? k->text().trimmed() : QString(), v ? v->text().trimmed() : QString()};
    }
    const AdminResult r = m_admin.setAutoReplies(m_actor, replies);
    if (!r.ok) {
        setStatus(m_autoReplyStatus, r.error, true);
        return;
    }
    setStatus(m_autoReplyStatus, tr("Saved: %n auto-reply(ies).", nullptr, int(replies.size())), false);
    emit templatesSaved();
}

} // namespace FrontDesk
