#pragma once

#include <QMap>
#include <QWidget>

class QComboBox;
class QLabel;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QTabBar;
class QTableWidget;
class QToolButton;

namespace FrontDesk {

class AdminService;
class Engine;

// The template editor: every template of FORMAT.md with its wording, placeholders inserted from a
// menu, a live preview filled from a sample new or existing customer, the SMS segment count and
// encoding, and warnings (no opt-out wording in a first text, unknown placeholders). Each template
// has an English and a Spanish wording (templates / templates_es), one tab each; the Spanish one
// says what its accented letters cost in segments. Below it, the
// keyword auto-replies. Saving goes through AdminService, which checks the signed-in user's role.
class TemplateEditor final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TemplateEditor)
public:
    TemplateEditor(Engine &engine, AdminService &admin, const QString &actor, QWidget *parent = nullptr);

    void selectTemplate(const QString &key);
    QString currentKey() const { return m_currentKey; }
    void selectLanguage(const QString &language); // "en" or "es"
    QString currentLanguage() const { return m_language; }
    static QString templateTitle(const QString &key);

signals:
    void templatesSaved();

private:
    void reload();
    void showTemplate();
    void updatePreview();
    void insertPlaceholder(const QString &name);
    void saveTemplate();
    void resetTemplate();
    void discardChanges();
    void loadAutoReplies();
    void addAutoReply();
    void saveAutoReplies();
    QString draftKey(const QString &key) const { return m_language + u'/' + key; }
    QString savedWording(const QString &key) const;

    Engine &m_engine;
    AdminService &m_admin;
    QString m_actor;
    QString m_currentKey;
    QString m_language = QStringLiteral("en"); // the wording being edited: "en" or "es"
    QMap<QString, QString> m_drafts; // unsaved wording by "language/template key"
    bool m_loading = false;

    QListWidget *m_list = nullptr;
    QTabBar *m_languageTabs = nullptr;
    QLabel *m_languageHint = nullptr;
    QPlainTextEdit *m_edit = nullptr;
    QToolButton *m_insertButton = nullptr;
    QComboBox *m_sample = nullptr;
    QLabel *m_preview = nullptr;
    QLabel *m_segments = nullptr;
    QLabel *m_warnings = nullptr;
    QLabel *m_status = nullptr;
    QPushButton *m_saveButton = nullptr;
    QPushButton *m_resetButton = nullptr;
    QPushButton *m_discardButton = nullptr;
    bool m_resetArmed = false; // "Use default wording" asks once more, inline, before it overwrites
    QTableWidget *m_autoReplies = nullptr;
    QLabel *m_autoReplyStatus = nullptr;
};

} // namespace FrontDesk
