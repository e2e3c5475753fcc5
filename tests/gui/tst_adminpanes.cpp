// Admin: the settings panes, offscreen, with real widgets on a real store: typing and clicking as an
// admin would, and what a receptionist is refused.
#include "app/admin/accesspolicy.h"
#include "app/admin/adminservice.h"
#include "app/core/clock.h"
#include "app/core/secretstore.h"
#include "app/messaging/engine.h"
#include "integrations/simulator/simulatedline.h"
#include "models/database.h"
#include "models/repositories.h"
#include "ui/calendargrid.h"
#include "ui/calendarpane.h"
#include "ui/mainwindow.h"
#include "ui/settings/businesspane.h"
#include "ui/settings/contactspane.h"
#include "ui/settings/desksignin.h"
#include "ui/settings/integrationspane.h"
#include "ui/settings/settingspane.h"
#include "ui/settings/setupassistant.h"
#include "ui/settings/signindialog.h"
#include "ui/settings/templateeditor.h"
#include "ui/settings/tryagentpanel.h"
#include "ui/settings/userspane.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTabBar>
#include <QTabWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QTimeEdit>
#include <QToolButton>
#include <QTreeWidget>

using namespace FrontDesk;
using namespace Qt::StringLiterals;

namespace {
const QString kAdmin = u"staff:ada"_s;
const QString kReceptionist = u"staff:rita"_s;

// Types text as a keyboard does, letters outside ASCII (á, ñ, ¿) included: QTest::keyClicks takes
// ASCII only, so those go as key events carrying their text, as a Spanish keyboard layout sends them.
void typeText(QWidget *widget, const QString &text)
{
    for (const QChar c : text) {
        if (c.unicode() < 0x80)
            QTest::keyClick(widget, c.toLatin1());
        else
            QTest::sendKeyEvent(QTest::Click, widget, Qt::Key(c.toUpper().unicode()), QString(c), Qt::NoModifier);
    }
}
} // namespace

class TestAdminPanes : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<SimulatedClock> m_clock;
    std::unique_ptr<Engine> m_engine;
    std::unique_ptr<AccessPolicy> m_policy;
    std::unique_ptr<MemorySecretStore> m_secrets;
    std::unique_ptr<AdminService> m_admin;
    int m_run = 0;

    template <typename T> T *find(QWidget *root, const QString &name)
    {
        T *w = root->findChild<T *>(name);
        if (!w)
            qWarning() << "no widget" << name;
        return w;
    }

    QString treeValue(QTreeWidget *tree, const QString &key)
    {
        for (int i = 0; i < tree->topLevelItemCount(); ++i)
            if (tree->topLevelItem(i)->data(0, Qt::UserRole).toString() == key)
                return tree->topLevelItem(i)->text(1);
        return {};
    }

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void init()
    {
        m_admin.reset();
        m_engine.reset();
        m_db.reset();
        QString error;
        m_db = Database::openSqlite(m_dir.filePath(u"panes-%1.sqlite"_s.arg(++m_run)), &error);
        QVERIFY2(m_db, qPrintable(error));
        ProfileError profileError;
        const auto profile = BusinessProfile::fromFile(
            QStringLiteral(FRONTDESK_SHARED_DIR "/scenarios/profiles/hvac-atlanta.json"), &profileError);
        QVERIFY(profile);
        QVERIFY(SettingsRepository(*m_db).saveProfile(*profile));
        m_clock = std::make_unique<SimulatedClock>(
            QDateTime(QDate(2026, 3, 2), QTime(14, 5), QTimeZone("America/New_York")));
        m_engine = std::make_unique<Engine>(*m_db, *m_clock);
        m_policy = std::make_unique<AccessPolicy>(*m_db);
        m_engine->setAccessPolicy(m_policy.get());
        m_secrets = std::make_unique<MemorySecretStore>(u"no keychain in tests"_s);
        m_admin = std::make_unique<AdminService>(*m_engine, m_secrets.get());
        QVERIFY(m_admin->createFirstAdmin(u"ada"_s, u"Ada"_s, u"admin-password"_s).ok);
        QVERIFY(m_admin->addUser(kAdmin, u"rita"_s, u"Rita"_s, Role::Receptionist, u"reception-pw"_s).ok);
    }

    void cleanup()
    {
        m_admin.reset();
        m_engine.reset();
        m_db.reset();
    }

    void templateEditorPlaceholderPreviewSegmentsAndOptOut()
    {
        TemplateEditor editor(*m_engine, *m_admin, kAdmin);
        editor.resize(1100, 700);
        editor.show();
        QVERIFY(QTest::qWaitForWindowExposed(&editor));
        editor.selectTemplate(u"missed_call_existing"_s);
        auto *edit = find<QPlainTextEdit>(&editor, u"templateEdit"_s);
        auto *preview = find<QLabel>(&editor, u"templatePreview"_s);
        auto *segments = find<QLabel>(&editor, u"segmentLabel"_s);
        auto *warning = find<QLabel>(&editor, u"templateWarningLabel"_s);
        auto *sample = find<QComboBox>(&editor, u"previewSampleCombo"_s);
        auto *save = find<QPushButton>(&editor, u"saveTemplateButton"_s);
        QVERIFY(edit && preview && segments && warning && sample && save);

        edit->selectAll();
        QTest::keyClick(edit, Qt::Key_Delete);
        edit->setFocus();
        QTest::keyClicks(edit, u"Hi "_s);
        // The placeholder comes from the menu.
        auto *insert = find<QToolButton>(&editor, u"insertPlaceholderButton"_s);
        QAction *firstName = insert->menu()->findChild<QAction *>(u"placeholder_first_name"_s);
        QVERIFY(firstName);
        firstName->trigger();
        QTest::keyClicks(edit, u", it's "_s);
        insert->menu()->findChild<QAction *>(u"placeholder_business"_s)->trigger();
        QTest::keyClicks(edit, u"."_s);
        QCOMPARE(edit->toPlainText(), u"Hi {first_name}, it's {business}."_s);
        sample->setCurrentIndex(1); // existing customer
        QCOMPARE(preview->text(), u"Hi Dana, it's Peachtree Heating & Air."_s);
        QVERIFY(segments->text().contains(u"1 segment"_s));
        QVERIFY(segments->text().contains(u"GSM-7"_s));
        QVERIFY(warning->isVisible());
        QVERIFY(warning->text().contains(u"opt out"_s));

        QTest::keyClicks(edit, u" Reply STOP to opt out. "_s);
        edit->insertPlainText(u"✨"_s); // not typable through QTest
        QVERIFY(!warning->text().contains(u"how to opt out"_s));
        QVERIFY(!warning->text().contains(u"how to opt out"_s));
        QVERIFY(segments->text().contains(u"UCS-2"_s));
        QTest::keyClicks(edit, QString(30, u'x')); // about 95 UCS-2 units: two segments of 67
        QVERIFY2(segments->text().startsWith(u"2 segment"_s), qPrintable(segments->text()));

        // An unknown placeholder cannot be saved.
        QTest::keyClicks(edit, u" {tech}"_s);
        QVERIFY(!save->isEnabled());
        QTest::keyClick(edit, Qt::Key_End);
        for (int i = 0; i < 7; ++i)
            QTest::keyClick(edit, Qt::Key_Backspace);
        QVERIFY(save->isEnabled());

        QTest::mouseClick(save, Qt::LeftButton);
        QCOMPARE(m_engine->profile()->templateText(u"missed_call_existing"_s), edit->toPlainText().trimmed());
        QVERIFY(find<QLabel>(&editor, u"templateStatusLabel"_s)->text().contains(u"Saved"_s));
    }

    // Unsaved wording can be discarded; {first_name} in a new caller's text is flagged.
    void templateDiscardAndNewCallerName()
    {
        TemplateEditor editor(*m_engine, *m_admin, kAdmin);
        editor.show();
        editor.selectTemplate(u"missed_call"_s);
        auto *edit = find<QPlainTextEdit>(&editor, u"templateEdit"_s);
        auto *discard = find<QPushButton>(&editor, u"discardTemplateButton"_s);
        auto *warnings = find<QLabel>(&editor, u"templateWarningLabel"_s);
        const QString saved = edit->toPlainText();
        QVERIFY(!discard->isEnabled());
        edit->selectAll();
        QTest::keyClicks(edit, u"Hi {first_name}! {business} missed your call. Reply STOP to opt out."_s);
        QVERIFY(discard->isEnabled());
        QVERIFY2(warnings->isVisible() && warnings->text().contains(u"{first_name}"_s), qPrintable(warnings->text()));
        QTest::mouseClick(discard, Qt::LeftButton);
        QCOMPARE(edit->toPlainText(), saved);
        QVERIFY(!discard->isEnabled());
    }

    // The Spanish tab: typed wording, its preview, what an accented letter costs (UCS-2), saved into
    // templates_es (audited, exported with the profile) without touching the English wording, and
    // "Use default wording" back to FrontDesk's Spanish default after asking.
    void templateEditorSpanishTab()
    {
        TemplateEditor editor(*m_engine, *m_admin, kAdmin);
        editor.resize(1100, 700);
        editor.show();
        QVERIFY(QTest::qWaitForWindowExposed(&editor));
        editor.selectTemplate(u"out_of_area"_s);
        auto *tabs = find<QTabBar>(&editor, u"templateLanguageTabs"_s);
        auto *hint = find<QLabel>(&editor, u"templateLanguageHint"_s);
        auto *edit = find<QPlainTextEdit>(&editor, u"templateEdit"_s);
        auto *preview = find<QLabel>(&editor, u"templatePreview"_s);
        auto *segments = find<QLabel>(&editor, u"segmentLabel"_s);
        auto *save = find<QPushButton>(&editor, u"saveTemplateButton"_s);
        auto *reset = find<QPushButton>(&editor, u"resetTemplateButton"_s);
        QVERIFY(tabs && hint && edit && preview && segments && save && reset);
        const QString english = edit->toPlainText();
        QCOMPARE(english, m_engine->profile()->templateText(u"out_of_area"_s));
        QVERIFY(!hint->isVisible());

        QTest::mouseClick(tabs, Qt::LeftButton, {}, tabs->tabRect(1).center());
        QCOMPARE(editor.currentLanguage(), u"es"_s);
        QCOMPARE(edit->toPlainText(), BusinessProfile::defaultTemplate(u"out_of_area"_s, u"es"_s));
        // This business does not serve Spanish yet: the tab says when the wording is used.
        QVERIFY(!m_engine->profile()->serves(u"es"_s));
        QVERIFY(hint->isVisible());
        QVERIFY(hint->text().contains(u"\"es\""_s));

        edit->selectAll();
        QTest::keyClick(edit, Qt::Key_Delete);
        edit->setFocus();
        typeText(edit, u"Lo sentimos, todavía no damos servicio en "_s);
        find<QToolButton>(&editor, u"insertPlaceholderButton"_s)
            ->menu()
            ->findChild<QAction *>(u"placeholder_zip"_s)
            ->trigger();
        typeText(edit, u". Para otra zona, llámenos al {phone}, con gusto le ayudamos."_s);
        const QString typed
            = u"Lo sentimos, todavía no damos servicio en {zip}. Para otra zona, llámenos al {phone}, con gusto le ayudamos."_s;
        QCOMPARE(edit->toPlainText(), typed);
        const auto profile = m_engine->profile();
        const QString zip = profile->serviceAreaZips.isEmpty() ? u"30307"_s : profile->serviceAreaZips.first();
        const QString expected = u"Lo sentimos, todavía no damos servicio en %1. Para otra zona, llámenos al %2, con "
                                 u"gusto le ayudamos."_s.arg(zip, profile->phone);
        QCOMPARE(preview->text(), expected);
        QVERIFY(expected.size() > 70 && expected.size() <= 134); // two UCS-2 segments, one in GSM-7
        // 'í' and 'á' are not in GSM-7: the whole text is UCS-2, and the counter says what it costs.
        QVERIFY2(segments->text().startsWith(u"2 segment"_s) && segments->text().contains(u"UCS-2"_s),
            qPrintable(segments->text()));
        QVERIFY2(segments->text().contains(u"UCS-2 because of 'í', 'á' — 2 segments instead of 1"_s),
            qPrintable(segments->text()));
        // Back on the English tab the English wording is untouched, and the Spanish draft is kept.
        QTest::mouseClick(tabs, Qt::LeftButton, {}, tabs->tabRect(0).center());
        QCOMPARE(edit->toPlainText(), english);
        QVERIFY(segments->text().contains(u"GSM-7"_s));
        editor.selectLanguage(u"es"_s);
        QCOMPARE(edit->toPlainText(), typed);

        QVERIFY(save->isEnabled());
        QTest::mouseClick(save, Qt::LeftButton);
        QVERIFY(find<QLabel>(&editor, u"templateStatusLabel"_s)->text().contains(u"Saved"_s));
        QCOMPARE(m_engine->profile()->templatesEs.value(u"out_of_area"_s), typed);
        QCOMPARE(m_engine->profile()->templateText(u"out_of_area"_s), english);
        const auto stored = SettingsRepository(*m_db).loadProfile();
        QVERIFY(stored);
        QCOMPARE(stored->templatesEs.value(u"out_of_area"_s), typed);
        QCOMPARE(stored->toJson().value(u"templates_es"_s).toObject().value(u"out_of_area"_s).toString(), typed);
        QString error;
        bool audited = false;
        for (const AuditEntry &entry : m_admin->auditLog(kAdmin, 50, &error))
            audited = audited
                || (entry.action == u"template_changed"_s && entry.subject == u"out_of_area"_s
                    && entry.details == u"es"_s);
        QVERIFY2(audited, qPrintable(error));

        // "Use default wording" asks first, then goes back to FrontDesk's Spanish default.
        QTest::mouseClick(reset, Qt::LeftButton);
        QCOMPARE(m_engine->profile()->templatesEs.value(u"out_of_area"_s), typed);
        QTest::mouseClick(reset, Qt::LeftButton);
        QVERIFY(!m_engine->profile()->templatesEs.contains(u"out_of_area"_s));
        QCOMPARE(edit->toPlainText(), BusinessProfile::defaultTemplate(u"out_of_area"_s, u"es"_s));
        QCOMPARE(m_engine->profile()->templateText(u"out_of_area"_s), english);

        // The same rules as the English wording: placeholders FrontDesk knows, an admin's role, and
        // only the languages FrontDesk writes in.
        QVERIFY(!m_admin->setTemplate(kAdmin, u"handoff"_s, u"Hola, {tecnico} le escribe."_s, u"es"_s).ok);
        QVERIFY(!m_admin->setTemplate(kReceptionist, u"handoff"_s, u"Hola."_s, u"es"_s).ok);
        QVERIFY(!m_admin->setTemplate(kAdmin, u"handoff"_s, u"Bonjour."_s, u"fr"_s).ok);
        QVERIFY(!m_engine->profile()->templatesEs.contains(u"handoff"_s));
    }

    void receptionistIsRefusedInTheEditorToo()
    {
        TemplateEditor editor(*m_engine, *m_admin, kReceptionist);
        editor.show();
        editor.selectTemplate(u"handoff"_s);
        const QString before = m_engine->profile()->templateText(u"handoff"_s);
        auto *edit = find<QPlainTextEdit>(&editor, u"templateEdit"_s);
        QTest::keyClicks(edit, u" Changed."_s);
        QTest::mouseClick(find<QPushButton>(&editor, u"saveTemplateButton"_s), Qt::LeftButton);
        QVERIFY(find<QLabel>(&editor, u"templateStatusLabel"_s)->text().contains(u"receptionist"_s));
        QCOMPARE(m_engine->profile()->templateText(u"handoff"_s), before);
    }

    void autoRepliesFromTheEditor()
    {
        TemplateEditor editor(*m_engine, *m_admin, kAdmin);
        editor.show();
        auto *table = find<QTableWidget>(&editor, u"autoReplyTable"_s);
        QTest::mouseClick(find<QPushButton>(&editor, u"addAutoReplyButton"_s), Qt::LeftButton);
        QCOMPARE(table->rowCount(), 1);
        table->item(0, 0)->setText(u"STOP"_s);
        table->item(0, 1)->setText(u"no"_s);
        QTest::mouseClick(find<QPushButton>(&editor, u"saveAutoRepliesButton"_s), Qt::LeftButton);
        QVERIFY(find<QLabel>(&editor, u"autoReplyStatusLabel"_s)->text().contains(u"reserved"_s));
        QVERIFY(m_engine->autoReplies().isEmpty());
        table->item(0, 0)->setText(u"hours"_s);
        table->item(0, 1)->setText(u"Mon-Fri 8-5."_s);
        QTest::mouseClick(find<QPushButton>(&editor, u"saveAutoRepliesButton"_s), Qt::LeftButton);
        QCOMPARE(m_engine->autoReplies().match(u"HOURS"_s), u"Mon-Fri 8-5."_s);
    }

    void tryTheAgent()
    {
        const int threadsBefore = int(ThreadRepository(*m_db).all().size());
        TryAgentPanel panel(*m_engine);
        panel.resize(1100, 700);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        auto *transcript = find<QTextBrowser>(&panel, u"tryAgentTranscript"_s);
        auto *input = find<QLineEdit>(&panel, u"tryAgentInput"_s);
        auto *understood = find<QTreeWidget>(&panel, u"tryAgentUnderstood"_s);
        QVERIFY(transcript->toPlainText().contains(u"Peachtree"_s)); // the first text after the missed call
        QTest::keyClicks(input, u"my furnace is making a banging noise"_s);
        QTest::mouseClick(find<QPushButton>(&panel, u"tryAgentSendButton"_s), Qt::LeftButton);
        QVERIFY(input->text().isEmpty());
        QVERIFY(transcript->toPlainText().contains(u"my furnace is making a banging noise"_s));
        QVERIFY(transcript->toPlainText().contains(u"ZIP"_s)); // the agent asks for the ZIP next
        // In plain words: the service's name, what the agent asks for next.
        QCOMPARE(treeValue(understood, u"service"_s), u"Furnace repair"_s);
        QCOMPARE(treeValue(understood, u"awaiting"_s), u"the ZIP code"_s);
        QVERIFY(treeValue(understood, u"lead.in_area"_s).isEmpty()); // no ZIP code yet: nothing to say
        QCOMPARE(treeValue(understood, u"outcome"_s), u"still going"_s);
        QTest::keyClicks(input, u"30307"_s);
        QTest::keyClick(input, Qt::Key_Return);
        QCOMPARE(treeValue(understood, u"zip"_s), u"30307"_s);
        QCOMPARE(treeValue(understood, u"lead.in_area"_s), u"yes"_s);
        // Nothing reached the business's own store.
        QCOMPARE(int(ThreadRepository(*m_db).all().size()), threadsBefore);
        QCOMPARE(ThreadRepository(*m_db).messageCount(), 0);

        // An existing customer is greeted by name; starting over clears the transcript.
        find<QComboBox>(&panel, u"tryAgentCallerCombo"_s)->setCurrentIndex(1);
        QVERIFY(!transcript->toPlainText().contains(u"banging"_s));
        QVERIFY(transcript->toPlainText().contains(u"Dana"_s));
    }

    // Settings › Templates › "Use default wording", then a Try the agent conversation, three rounds,
    // with the desk showing a caller whose card names their service: each reset publishes a new
    // profile, and nothing on screen keeps the one it replaced (issue 20, item 1: exit 139). Clean
    // under ASan.
    void defaultWordingThenTryTheAgentWithTheDeskOpen()
    {
        const QString phone = u"+14045550177"_s;
        m_engine->handleMissedCall(u"CA-card"_s, phone, m_clock->now());
        m_clock->advance(60 * 1000);
        m_engine->handleInboundSms(u"SM-card-1"_s, phone, u"my furnace is making a banging noise"_s, m_clock->now());
        const auto thread = ThreadRepository(*m_db).latestFor(phone);
        QVERIFY(thread);

        MainWindow::Options options;
        options.actor = kAdmin;
        MainWindow window(*m_engine, options);
        auto *settings = new SettingsPane(*m_engine, *m_admin, kAdmin, {}, &window);
        window.addPane(settings, u"Settings"_s);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.selectThread(thread->id);
        auto *lead = find<QLabel>(&window, u"callerLeadLabel"_s);
        QTRY_VERIFY2(lead->text().contains(u"Furnace"_s, Qt::CaseInsensitive), qPrintable(lead->text()));

        auto *list = find<QListWidget>(settings, u"templateList"_s);
        auto *edit = find<QPlainTextEdit>(settings, u"templateEdit"_s);
        auto *reset = find<QPushButton>(settings, u"resetTemplateButton"_s);
        auto *input = find<QLineEdit>(settings, u"tryAgentInput"_s);
        auto *send = find<QPushButton>(settings, u"tryAgentSendButton"_s);
        auto *transcript = find<QTextBrowser>(settings, u"tryAgentTranscript"_s);
        QVERIFY(list && edit && reset && input && send && transcript);
        for (int round = 0; round < 3; ++round) {
            QVERIFY(window.selectPane(u"settingsPane"_s));
            QVERIFY(settings->showPage(u"templates"_s));
            settings->templateEditor()->selectTemplate(u"missed_call"_s);
            edit->setPlainText(u"Round %1 from {business}. Reply STOP to opt out."_s.arg(round));
            QTest::mouseClick(find<QPushButton>(settings, u"saveTemplateButton"_s), Qt::LeftButton);
            // "Use default wording" asks once more before it overwrites the saved wording.
            QTest::mouseClick(reset, Qt::LeftButton);
            QCOMPARE(m_engine->profile()->templates.value(u"missed_call"_s),
                u"Round %1 from {business}. Reply STOP to opt out."_s.arg(round));
            QTest::mouseClick(reset, Qt::LeftButton);
            QCOMPARE(edit->toPlainText(), BusinessProfile::defaultTemplate(u"missed_call"_s));

            QVERIFY(settings->showPage(u"try-agent"_s));
            QTest::keyClicks(input, u"my AC stopped working"_s);
            QTest::mouseClick(send, Qt::LeftButton);
            QTest::keyClicks(input, u"30307"_s);
            QTest::keyClick(input, Qt::Key_Return);
            QVERIFY(transcript->toPlainText().contains(u"30307"_s));

            // Back on the desk, the caller texts again: the card is drawn with the current profile.
            QVERIFY(window.selectPane(u"deskPane"_s));
            m_clock->advance(60 * 1000);
            m_engine->handleInboundSms(
                u"SM-card-r%1"_s.arg(round), phone, u"is the technician bringing parts?"_s, m_clock->now());
            QTRY_VERIFY2(lead->text().contains(u"Furnace"_s, Qt::CaseInsensitive), qPrintable(lead->text()));
        }
    }

    // A first run, as an owner: the assistant starts from a trade's defaults, lists every problem at
    // once in plain words, saves, and the window is live at once (title, Reports tab, calendar
    // columns, status bar) — then a first test call on the practice line.
    void firstRunAssistant()
    {
        QString error;
        auto db = Database::openSqlite(m_dir.filePath(u"first-run.sqlite"_s), &error);
        QVERIFY2(db, qPrintable(error));
        SimulatedClock clock(QDateTime(QDate(2026, 3, 2), QTime(9, 0), QTimeZone("America/New_York")));
        Engine engine(*db, clock);
        QVERIFY(!engine.profile());
        AccessPolicy policy(*db);
        engine.setAccessPolicy(&policy);
        MemorySecretStore secrets(u"no keychain in tests"_s);
        AdminService admin(engine, &secrets);
        QVERIFY(admin.createFirstAdmin(u"owner"_s, u"Olivia Owner"_s, u"owner-password"_s).ok);
        const QString actor = u"staff:owner"_s;
        MainWindow::Options options;
        options.actor = actor;
        options.modeText = u"No business set up yet"_s;
        options.modeTextOnceSetUp = u"Practice line"_s;
        MainWindow window(engine, options);
        window.addPane(new SettingsPane(engine, admin, actor, {}, &window), u"Settings"_s);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto *tabs = window.tabs();
        QVERIFY(!window.findChild<QWidget *>(u"reportsPane"_s)); // nothing to report on yet

        SetupAssistant assistant(engine, admin, actor, &window);
        int testCalls = 0;
        assistant.setTestCall([&testCalls] { ++testCalls; });
        assistant.show();
        assistant.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&assistant));
        auto *next = find<QPushButton>(&assistant, u"setupNextButton"_s);
        auto *back = find<QPushButton>(&assistant, u"setupBackButton"_s);
        auto *finish = find<QPushButton>(&assistant, u"setupFinishButton"_s);
        auto *trade = find<QComboBox>(&assistant, u"setupTradeCombo"_s);
        trade->setCurrentIndex(trade->findData(u"plumbing"_s));
        QTest::keyClicks(find<QLineEdit>(&assistant, u"setupPhoneEdit"_s), u"(404) 555-0100"_s);
        auto *zone = find<QComboBox>(&assistant, u"setupTimeZoneCombo"_s);
        zone->setCurrentIndex(zone->findText(u"America/New_York"_s));
        QTest::mouseClick(next, Qt::LeftButton);
        // The trade's hours, as real times: Monday 7 to 6, Sunday closed.
        QCOMPARE(find<QTimeEdit>(&assistant, u"setupOpenTime0"_s)->time(), QTime(7, 0));
        QCOMPARE(find<QTimeEdit>(&assistant, u"setupCloseTime0"_s)->time(), QTime(18, 0));
        QVERIFY(!find<QCheckBox>(&assistant, u"setupOpenCheck6"_s)->isChecked());
        QTest::mouseClick(next, Qt::LeftButton);
        auto *services = find<QTableWidget>(&assistant, u"setupServicesTable"_s);
        QVERIFY(services->rowCount() >= 3);
        QCOMPARE(services->item(0, 0)->text(), u"Leak repair"_s);
        QTest::mouseClick(next, Qt::LeftButton);
        auto *technicians = find<QTableWidget>(&assistant, u"setupTechniciansTable"_s);
        technicians->setCurrentCell(0, 0);
        QTest::mouseClick(find<QPushButton>(&assistant, u"setupRemoveTechnicianButton"_s), Qt::LeftButton);
        QCOMPARE(technicians->rowCount(), 0);
        QTest::mouseClick(next, Qt::LeftButton); // to the phone line: practise
        QTest::mouseClick(next, Qt::LeftButton); // to the calendar: FrontDesk's own
        QTest::mouseClick(next, Qt::LeftButton); // to "Check and save"
        QVERIFY(finish->isVisible());

        // Two problems, both listed at once, in plain words; nothing stored.
        QTest::mouseClick(finish, Qt::LeftButton);
        QVERIFY(assistant.isVisible());
        auto *errors = find<QLabel>(&assistant, u"setupErrorsLabel"_s);
        QVERIFY(errors->isVisible());
        QVERIFY2(errors->text().contains(u"Give the business a name"_s), qPrintable(errors->text()));
        QVERIFY2(errors->text().contains(u"Add at least one technician"_s), qPrintable(errors->text()));
        QVERIFY(!errors->text().contains(u"must be a non-empty list"_s));
        QVERIFY(!engine.profile());

        // Fix both, finish.
        while (assistant.currentPage()->objectName() != u"setupTechniciansPage"_s)
            QTest::mouseClick(back, Qt::LeftButton);
        QTest::mouseClick(find<QPushButton>(&assistant, u"setupAddTechnicianButton"_s), Qt::LeftButton);
        auto *editor = technicians->viewport()->findChild<QLineEdit *>();
        QVERIFY(editor && editor->isVisible()); // the new row opens for typing
        QTest::keyClicks(editor, u"Marco Diaz"_s);
        QTest::keyClick(editor, Qt::Key_Return);
        QTRY_COMPARE(technicians->item(0, 0)->text(), u"Marco Diaz"_s); // the delegate commits it queued
        while (assistant.currentPage()->objectName() != u"setupBusinessPage"_s)
            QTest::mouseClick(back, Qt::LeftButton);
        QTest::keyClicks(find<QLineEdit>(&assistant, u"setupNameEdit"_s), u"Drip Stop Plumbing"_s);
        while (!finish->isVisible())
            QTest::mouseClick(next, Qt::LeftButton);
        QTest::mouseClick(finish, Qt::LeftButton);
        QVERIFY2(!assistant.isVisible(), qPrintable(errors->text()));

        const auto profile = engine.profile();
        QVERIFY(profile);
        QCOMPARE(profile->name, u"Drip Stop Plumbing"_s);
        QCOMPARE(profile->phone, u"+14045550100"_s);
        QCOMPARE(profile->technicians.size(), 1);
        QCOMPARE(profile->technicians.first().id, u"marco-diaz"_s);
        QVERIFY(profile->service(u"leak-repair"_s));
        QCOMPARE(profile->hours[0]->open, QTime(7, 0));
        QCOMPARE(testCalls, 1);
        // The window follows without a restart.
        QVERIFY(window.windowTitle().contains(u"Drip Stop Plumbing"_s));
        QVERIFY(window.findChild<QWidget *>(u"reportsPane"_s));
        QCOMPARE(window.findChild<QLabel *>(u"modeLabel"_s)->text(), u"Practice line"_s);
        QVERIFY(window.selectPane(u"calendarPane"_s));
        auto *grid = window.findChild<CalendarGrid *>(u"calendarGrid"_s);
        QCOMPARE(grid->columns().size(), 1);
        QCOMPARE(grid->columns().first().title, u"Marco Diaz"_s);
        QCOMPARE(tabs->currentWidget()->objectName(), u"calendarPane"_s);
    }

    void businessPaneValidatesAsYouType()
    {
        BusinessPane pane(*m_engine, *m_admin, kAdmin);
        pane.resize(1000, 800);
        pane.show();
        auto *save = find<QPushButton>(&pane, u"saveBusinessButton"_s);
        auto *status = find<QLabel>(&pane, u"businessStatusLabel"_s);
        auto *zips = find<QLineEdit>(&pane, u"zipCodesEdit"_s);
        QVERIFY(save->isEnabled());
        QTest::keyClicks(zips, u", 3030X"_s);
        QVERIFY(!save->isEnabled());
        QVERIFY2(status->text().contains(u"3030X"_s), qPrintable(status->text()));
        QTest::keyClick(zips, Qt::Key_Backspace);
        QTest::keyClicks(zips, u"8"_s);
        QVERIFY2(save->isEnabled(), qPrintable(status->text()));

        auto *close = find<QLineEdit>(&pane, u"closeEdit0"_s);
        close->selectAll();
        QTest::keyClicks(close, u"07:00"_s);
        QVERIFY(!save->isEnabled());
        QVERIFY(status->text().contains(u"Monday"_s));
        close->selectAll();
        QTest::keyClicks(close, u"18:00"_s);
        QVERIFY(save->isEnabled());

        auto *offers = find<QSpinBox>(&pane, u"offersSpin"_s);
        offers->setValue(11);
        QVERIFY(!save->isEnabled());
        QVERIFY(status->text().contains(u"between 1 and 10"_s));
        offers->setValue(2);

        // A technician who does a service that does not exist: refused with the field.
        auto *techs = find<QTableWidget>(&pane, u"techniciansTable"_s);
        const QString services = techs->item(0, 2)->text();
        techs->item(0, 2)->setText(services + u", roofing"_s);
        QVERIFY(!save->isEnabled());
        QVERIFY2(status->text().contains(u"roofing"_s), qPrintable(status->text()));
        techs->item(0, 2)->setText(services);
        QVERIFY(save->isEnabled());

        // The business phone as people write it, stored as E.164.
        auto *phone = find<QLineEdit>(&pane, u"businessPhoneEdit"_s);
        phone->selectAll();
        QTest::keyClicks(phone, u"(404) 555-0100"_s);
        QVERIFY2(save->isEnabled(), qPrintable(status->text()));

        // Nothing was stored while invalid; a valid save stores everything at once.
        QCOMPARE(SettingsRepository(*m_db).loadProfile()->booking.offers, 3);
        QTest::mouseClick(save, Qt::LeftButton);
        const auto stored = SettingsRepository(*m_db).loadProfile();
        QCOMPARE(stored->booking.offers, 2);
        QVERIFY(stored->serviceAreaZips.contains(u"30308"_s));
        QCOMPARE(stored->hours[0]->close, QTime(18, 0));
        QCOMPARE(stored->phone, u"+14045550100"_s);
        QCOMPARE(m_engine->profile()->booking.offers, 2);
    }

    void businessPaneExportAndImport()
    {
        BusinessPane pane(*m_engine, *m_admin, kAdmin);
        const QString path = m_dir.filePath(u"exported.json"_s);
        QVERIFY(pane.exportFile(path));
        ProfileError error;
        const auto exported = BusinessProfile::fromFile(path, &error);
        QVERIFY2(exported, qPrintable(error.toString()));
        QCOMPARE(exported->toJson(), m_engine->profile()->toJson());
        QFile bad(m_dir.filePath(u"bad.json"_s));
        QVERIFY(bad.open(QIODevice::WriteOnly));
        bad.write(R"({"name": "X", "timezone": "Nowhere/None"})");
        bad.close();
        QVERIFY(!pane.importFile(bad.fileName()));
        QVERIFY(find<QLabel>(&pane, u"businessStatusLabel"_s)->text().contains(u"timezone"_s));
        QVERIFY(pane.importFile(path));
    }

    // Settings > Integrations: the text-back fraud guard, typed and saved, is what the engine applies;
    // a bad country code is said inline and nothing changes.
    void integrationsPaneSetsTheFraudGuard()
    {
        IntegrationsPane pane(*m_admin, kAdmin, {}, {});
        pane.show();
        auto *enabled = find<QCheckBox>(&pane, u"fraudGuardCheck"_s);
        QVERIFY(!enabled->isChecked());
        enabled->setChecked(true);
        QTest::keyClicks(find<QLineEdit>(&pane, u"fraudCountriesEdit"_s), u"US,Canada"_s);
        find<QSpinBox>(&pane, u"fraudPerMinuteSpin"_s)->setValue(10);
        QTest::mouseClick(find<QPushButton>(&pane, u"saveFraudGuardButton"_s), Qt::LeftButton);
        QVERIFY(find<QLabel>(&pane, u"fraudStatusLabel"_s)->text().contains(u"Canada"_s));
        QVERIFY(!m_admin->fraudGuard().enabled);
        find<QLineEdit>(&pane, u"fraudCountriesEdit"_s)->clear();
        QTest::keyClicks(find<QLineEdit>(&pane, u"fraudCountriesEdit"_s), u"US,CA"_s);
        QTest::mouseClick(find<QPushButton>(&pane, u"saveFraudGuardButton"_s), Qt::LeftButton);
        QCOMPARE(find<QLabel>(&pane, u"fraudStatusLabel"_s)->text(), u"Saved."_s);
        const FraudGuardSettings applied = m_admin->fraudGuard();
        QVERIFY(applied.enabled);
        QCOMPARE(applied.allowedCountries, (QStringList {u"US"_s, u"CA"_s}));
        QCOMPARE(applied.globalPerMinute, 10);
    }

    void integrationsPaneTestsAndStoresSecretsOnly()
    {
        QList<QByteArray> tokensSeen;
        TwilioConnectionChecker twilio
            = [&tokensSeen](const TwilioAccountSettings &a, const QByteArray &token, const ConnectionCheckDone &done) {
                  tokensSeen << token;
                  done(token == "right-token"
                          ? ConnectionCheckResult {true, u"Connected to %1."_s.arg(a.accountSid)}
                          : ConnectionCheckResult {false, u"The account SID or auth token is wrong (401)."_s});
              };
        CalDavConnectionChecker calDav
            = [](const CalDavAccount &, const QByteArray &, const ConnectionCheckDone &done) {
                  done({false, u"The calendar server refused the user name or password (401)."_s});
              };
        IntegrationsPane pane(*m_admin, kAdmin, twilio, calDav);
        pane.show();
        QVERIFY(find<QLabel>(&pane, u"secretStoreLabel"_s)->text().contains(u"this session only"_s));
        auto *test = find<QPushButton>(&pane, u"testTwilioButton"_s);
        QVERIFY(!test->isEnabled());
        QTest::keyClicks(find<QLineEdit>(&pane, u"twilioSidEdit"_s), u"AC0123456789abcdef0123456789abcdef"_s);
        QTest::keyClicks(find<QLineEdit>(&pane, u"twilioNumberEdit"_s), u"+1404555010"_s);
        QTest::keyClicks(find<QLineEdit>(&pane, u"twilioNumberEdit"_s), u"0"_s);
        QTest::keyClicks(find<QLineEdit>(&pane, u"twilioTokenEdit"_s), u"wrong-token"_s);
        QVERIFY(test->isEnabled());
        QTest::mouseClick(test, Qt::LeftButton);
        QVERIFY(find<QLabel>(&pane, u"twilioStatusLabel"_s)->text().contains(u"401"_s));
        find<QLineEdit>(&pane, u"twilioTokenEdit"_s)->clear();
        QTest::keyClicks(find<QLineEdit>(&pane, u"twilioTokenEdit"_s), u"right-token"_s);
        QTest::mouseClick(test, Qt::LeftButton);
        QVERIFY(find<QLabel>(&pane, u"twilioStatusLabel"_s)->text().startsWith(u"Connected"_s));
        QTest::mouseClick(find<QPushButton>(&pane, u"saveTwilioButton"_s), Qt::LeftButton);
        QString error;
        QCOMPARE(m_secrets->read(QString::fromLatin1(AdminService::TwilioTokenSecret), &error),
            std::optional<QByteArray>("right-token"));
        QVERIFY(find<QLineEdit>(&pane, u"twilioTokenEdit"_s)->text().isEmpty());
        // A test after saving uses the stored token.
        QTest::mouseClick(test, Qt::LeftButton);
        QCOMPARE(tokensSeen.last(), QByteArray("right-token"));
        for (const auto &key :
            {AdminService::TwilioSidKey, AdminService::TwilioNumberKey, AdminService::TwilioBaseUrlKey})
            QVERIFY(!SettingsRepository(*m_db)
                         .value(QString::fromLatin1(key))
                         .value_or(QString())
                         .contains(u"right-token"_s));

        QTest::keyClicks(find<QLineEdit>(&pane, u"calDavUrlEdit"_s), u"https://cal.example.com/dav/"_s);
        QTest::keyClicks(find<QLineEdit>(&pane, u"calDavUserEdit"_s), u"peachtree"_s);
        QTest::mouseClick(find<QPushButton>(&pane, u"testCalDavButton"_s), Qt::LeftButton);
        QVERIFY(find<QLabel>(&pane, u"calDavStatusLabel"_s)->text().contains(u"refused"_s));
    }

    // One calendar per technician: picked from what Test connection found, or typed; saved in the
    // settings the shared calendar reads (caldav.calendar.<technician>).
    void calendarOfEachTechnician()
    {
        CalDavConnectionChecker calDav = [](const CalDavAccount &, const QByteArray &, const ConnectionCheckDone &done) {
            ConnectionCheckResult r {true, u"Connected: 2 calendars."_s, {}};
            r.calendars = {{u"Jobs A"_s, u"https://cal.example.com/dav/a/"_s},
                {u"Jobs B"_s, u"https://cal.example.com/dav/b/"_s}};
            done(r);
        };
        IntegrationsPane pane(*m_admin, kAdmin, {}, calDav);
        pane.show();
        const auto technicians = m_admin->technicians();
        QVERIFY(technicians.size() >= 2);
        const QString first = technicians.at(0).first;
        const QString second = technicians.at(1).first;
        auto *firstCombo = find<QComboBox>(&pane, u"calDavCalendarCombo_"_s + first);
        auto *secondCombo = find<QComboBox>(&pane, u"calDavCalendarCombo_"_s + second);
        find<QLineEdit>(&pane, u"calDavUrlEdit"_s)->clear();
        find<QLineEdit>(&pane, u"calDavUserEdit"_s)->clear();
        QTest::keyClicks(find<QLineEdit>(&pane, u"calDavUrlEdit"_s), u"https://cal.example.com/dav/"_s);
        QTest::keyClicks(find<QLineEdit>(&pane, u"calDavUserEdit"_s), u"peachtree"_s);
        QTest::keyClicks(find<QLineEdit>(&pane, u"calDavPasswordEdit"_s), u"cal-secret"_s);
        QTest::mouseClick(find<QPushButton>(&pane, u"testCalDavButton"_s), Qt::LeftButton);
        QCOMPARE(firstCombo->count(), 2);
        QCOMPARE(firstCombo->itemText(1), u"Jobs B"_s);
        firstCombo->setCurrentIndex(1);
        emit firstCombo->activated(1);
        QCOMPARE(firstCombo->currentText(), u"https://cal.example.com/dav/b/"_s);
        secondCombo->setEditText(u"ftp://elsewhere/"_s); // refused as you type
        QVERIFY(!find<QPushButton>(&pane, u"saveCalDavButton"_s)->isEnabled());
        secondCombo->setEditText(u"/dav/a/"_s); // a path on the server
        QVERIFY(find<QPushButton>(&pane, u"saveCalDavButton"_s)->isEnabled());
        QTest::mouseClick(find<QPushButton>(&pane, u"saveCalDavButton"_s), Qt::LeftButton);
        SettingsRepository settings(*m_db);
        const QString prefix = QString::fromLatin1(AdminService::CalDavCalendarKeyPrefix);
        QCOMPARE(settings.value(prefix + first).value_or(QString()), u"https://cal.example.com/dav/b/"_s);
        QCOMPARE(settings.value(prefix + second).value_or(QString()), u"/dav/a/"_s);
        QCOMPARE(m_admin->calDav().calendars.value(first), u"https://cal.example.com/dav/b/"_s);
        QVERIFY(!settings.value(prefix + first).value_or(QString()).contains(u"cal-secret"_s));
    }

    void contactImportDialog()
    {
        ContactImportDialog dialog(*m_admin, kAdmin, u"US"_s);
        dialog.loadBytes("\xEF\xBB\xBFName,Mobile,Zip\r\n\"Whitfield, Dana\",(404) 555-0123,30307\r\n"
                         "Bad Number,555,30307\r\nDana again,+1 404 555 0123,\r\n",
            false);
        auto *preview = find<QTableWidget>(&dialog, u"importPreviewTable"_s);
        auto *problems = find<QListWidget>(&dialog, u"importProblemsList"_s);
        QCOMPARE(find<QComboBox>(&dialog, u"column_phone"_s)->currentData().toInt(), 1);
        QCOMPARE(preview->rowCount(), 1);
        QCOMPARE(preview->item(0, 0)->text(), u"+14045550123"_s);
        QCOMPARE(preview->item(0, 1)->text(), u"Whitfield, Dana"_s);
        QCOMPARE(problems->count(), 1);
        QVERIFY(problems->item(0)->text().startsWith(u"Line 3:"_s));
        QVERIFY(find<QLabel>(&dialog, u"importSummaryLabel"_s)->text().contains(u"1 duplicate"_s));
        // Mapping the phone to another column changes the plan at once.
        auto *phone = find<QComboBox>(&dialog, u"column_phone"_s);
        phone->setCurrentIndex(phone->findData(2));
        emit phone->activated(phone->currentIndex());
        QCOMPARE(preview->rowCount(), 0);
        phone->setCurrentIndex(phone->findData(1));
        emit phone->activated(phone->currentIndex());
        QTest::mouseClick(find<QPushButton>(&dialog, u"confirmImportButton"_s), Qt::LeftButton);
        QCOMPARE(ContactRepository(*m_db).count(), 1);
        QCOMPARE(ContactRepository(*m_db).findByPhone(u"+14045550123"_s)->zip, u"30307"_s);
    }

    // Contacts by hand: add one with the number as people write it, see its e-mail and ZIP, change
    // it, and delete it (a second click confirms).
    void contactsAddEditDelete()
    {
        ContactsPane pane(*m_engine, *m_admin, kAdmin);
        pane.show();
        auto *list = find<QListWidget>(&pane, u"contactList"_s);
        auto *status = find<QLabel>(&pane, u"contactsStatusLabel"_s);
        const int before = list->count();
        QTest::mouseClick(find<QPushButton>(&pane, u"newContactButton"_s), Qt::LeftButton);
        QTest::keyClicks(find<QLineEdit>(&pane, u"contactNameEdit"_s), u"Rosa Alvarez"_s);
        QTest::keyClicks(find<QLineEdit>(&pane, u"contactPhoneEdit"_s), u"(404) 555-0123"_s);
        QTest::keyClicks(find<QLineEdit>(&pane, u"contactEmailEdit"_s), u"rosa@example.com"_s);
        QTest::keyClicks(find<QLineEdit>(&pane, u"contactZipEdit"_s), u"3030"_s);
        QTest::mouseClick(find<QPushButton>(&pane, u"saveContactButton"_s), Qt::LeftButton);
        QVERIFY2(status->text().contains(u"five digits"_s), qPrintable(status->text())); // said inline
        QCOMPARE(list->count(), before);
        QTest::keyClicks(find<QLineEdit>(&pane, u"contactZipEdit"_s), u"7"_s);
        QTest::mouseClick(find<QPushButton>(&pane, u"saveContactButton"_s), Qt::LeftButton);
        QCOMPARE(list->count(), before + 1);
        const auto stored = ContactRepository(*m_db).findByPhone(u"+14045550123"_s);
        QVERIFY(stored);
        QCOMPARE(stored->email, u"rosa@example.com"_s);
        QCOMPARE(stored->zip, u"30307"_s);
        // The list shows the e-mail and the ZIP code; the selected contact is in the form.
        QVERIFY(list->currentItem());
        QVERIFY2(list->currentItem()->text().contains(u"30307"_s) && list->currentItem()->text().contains(u"rosa@"_s),
            qPrintable(list->currentItem()->text()));

        auto *name = find<QLineEdit>(&pane, u"contactNameEdit"_s);
        name->selectAll();
        QTest::keyClicks(name, u"Rosa Alvarez-Diaz"_s);
        QTest::mouseClick(find<QPushButton>(&pane, u"saveContactButton"_s), Qt::LeftButton);
        QCOMPARE(ContactRepository(*m_db).findByPhone(u"+14045550123"_s)->name, u"Rosa Alvarez-Diaz"_s);
        QCOMPARE(list->count(), before + 1);

        auto *remove = find<QPushButton>(&pane, u"deleteContactButton"_s);
        QTest::mouseClick(remove, Qt::LeftButton);
        QVERIFY(ContactRepository(*m_db).findByPhone(u"+14045550123"_s)); // one click only arms it
        QTest::mouseClick(remove, Qt::LeftButton);
        QVERIFY(!ContactRepository(*m_db).findByPhone(u"+14045550123"_s));
        QCOMPARE(list->count(), before);
    }

    void serviceHistoryIsEditable()
    {
        Contact dana;
        dana.phone = u"+14045550123"_s;
        dana.name = u"Dana Whitfield"_s;
        const auto id = ContactRepository(*m_db).upsert(dana);
        QVERIFY(id);
        ContactsPane pane(*m_engine, *m_admin, kAdmin);
        pane.show();
        auto *list = find<QListWidget>(&pane, u"contactList"_s);
        QCOMPARE(list->count(), 1);
        list->setCurrentRow(0);
        auto *history = find<QTableWidget>(&pane, u"serviceHistoryTable"_s);
        auto *service = find<QComboBox>(&pane, u"historyServiceCombo"_s);
        auto *status = find<QLabel>(&pane, u"contactsStatusLabel"_s);
        service->setCurrentIndex(service->findData(u"furnace-repair"_s));
        QTest::keyClicks(find<QLineEdit>(&pane, u"historyDateEdit"_s), u"2025-13-01"_s);
        QTest::mouseClick(find<QPushButton>(&pane, u"addHistoryButton"_s), Qt::LeftButton);
        QVERIFY(status->text().contains(u"YYYY-MM-DD"_s));
        QCOMPARE(history->rowCount(), 0);
        find<QLineEdit>(&pane, u"historyDateEdit"_s)->clear();
        QTest::keyClicks(find<QLineEdit>(&pane, u"historyDateEdit"_s), u"2025-11-20"_s);
        QTest::keyClicks(find<QLineEdit>(&pane, u"historyValueEdit"_s), u"420"_s);
        QTest::mouseClick(find<QPushButton>(&pane, u"addHistoryButton"_s), Qt::LeftButton);
        QCOMPARE(history->rowCount(), 1);
        QCOMPARE(history->item(0, 1)->text(), u"Furnace repair"_s);
        const auto stored = ContactRepository(*m_db).history(*id);
        QCOMPARE(stored.size(), 1);
        QCOMPARE(stored.first().serviceId, u"furnace-repair"_s);
        QCOMPARE(stored.first().value, 420.0);
        history->setCurrentCell(0, 0);
        QTest::mouseClick(find<QPushButton>(&pane, u"removeHistoryButton"_s), Qt::LeftButton);
        QCOMPARE(history->rowCount(), 0);
        QVERIFY(ContactRepository(*m_db).history(*id).isEmpty());

        // A receptionist cannot edit it through the engine side.
        ServiceRecord r;
        r.contactId = *id;
        r.serviceId = u"ac-repair"_s;
        r.date = QDate(2025, 6, 1);
        QVERIFY(!m_admin->addServiceRecord(kReceptionist, r).ok);
    }

    void startupSignIn()
    {
        // Users exist: unattended runs are refused rather than opened to anyone.
        const DeskSignIn refused = DeskSignIn::atStartup(*m_admin, false, true);
        QCOMPARE(refused.outcome, DeskSignIn::Outcome::Refused);
        QVERIFY(refused.error.contains(u"sign-in is needed"_s));
        // The demo signs its demo admin in by itself.
        AdminService fresh(*m_engine, m_secrets.get());
        UserRepository users(*m_db);
        for (const UserAccount &u : users.all())
            QVERIFY(users.remove(u.username));
        const DeskSignIn single = DeskSignIn::atStartup(fresh, false, true);
        QCOMPARE(single.outcome, DeskSignIn::Outcome::SingleDesk);
        QCOMPARE(single.role, Role::Admin);
        const DeskSignIn demo = DeskSignIn::atStartup(fresh, true, true);
        QCOMPARE(demo.outcome, DeskSignIn::Outcome::SignedIn);
        QCOMPARE(demo.role, Role::Admin);
        QCOMPARE(demo.actor, u"staff:demo"_s);
        QVERIFY(demo.statusText().contains(u"admin"_s));
    }

    void usersAndAuditLog()
    {
        UsersPane users(*m_admin, kAdmin);
        users.show();
        auto *table = find<QTableWidget>(&users, u"usersTable"_s);
        QCOMPARE(table->rowCount(), 2);
        QTest::keyClicks(find<QLineEdit>(&users, u"newUsernameEdit"_s), u"max"_s);
        QTest::keyClicks(find<QLineEdit>(&users, u"newDisplayNameEdit"_s), u"Max"_s);
        auto *role = find<QComboBox>(&users, u"roleCombo"_s);
        role->setCurrentIndex(role->findData(int(Role::Manager)));
        QTest::keyClicks(find<QLineEdit>(&users, u"newPasswordEdit"_s), u"short"_s);
        QTest::mouseClick(find<QPushButton>(&users, u"addUserButton"_s), Qt::LeftButton);
        QVERIFY(find<QLabel>(&users, u"usersStatusLabel"_s)->text().contains(u"8"_s));
        QCOMPARE(table->rowCount(), 2);
        QTest::keyClicks(find<QLineEdit>(&users, u"newPasswordEdit"_s), u"-but-longer"_s);
        QTest::mouseClick(find<QPushButton>(&users, u"addUserButton"_s), Qt::LeftButton);
        QCOMPARE(table->rowCount(), 3);
        QCOMPARE(UserRepository(*m_db).find(u"max"_s)->role, u"manager"_s);
        // The last admin cannot be demoted from the pane either.
        table->setCurrentCell(0, 0);
        QCOMPARE(table->item(0, 0)->text(), u"ada"_s);
        role->setCurrentIndex(role->findData(int(Role::Receptionist)));
        QTest::mouseClick(find<QPushButton>(&users, u"setRoleButton"_s), Qt::LeftButton);
        QVERIFY(find<QLabel>(&users, u"usersStatusLabel"_s)->text().contains(u"last admin"_s));

        AuditLogView audit(*m_admin, kAdmin);
        auto *log = find<QTableWidget>(&audit, u"auditTable"_s);
        QVERIFY(log->rowCount() >= 3);
        QTest::keyClicks(find<QLineEdit>(&audit, u"auditFilterEdit"_s), u"user_added"_s);
        QCOMPARE(log->rowCount(), 3); // ada, rita, max
        // In plain words: the person's name, what they did, the local time (no codes, no UTC).
        QCOMPARE(log->item(0, 2)->text(), u"Added a user"_s);
        for (int row = 0; row < log->rowCount(); ++row) {
            QVERIFY2(!log->item(row, 1)->text().startsWith(u"staff:"_s), qPrintable(log->item(row, 1)->text()));
            QVERIFY(!log->item(row, 0)->text().contains(u"UTC"_s));
        }
        QVERIFY(log->findItems(u"Ada"_s, Qt::MatchExactly).size() >= 2); // ada added rita and max
        QCOMPARE(log->horizontalHeaderItem(0)->text(), u"When"_s);
        AuditLogView refused(*m_admin, kReceptionist);
        QCOMPARE(find<QTableWidget>(&refused, u"auditTable"_s)->rowCount(), 0);
        QVERIFY(find<QLabel>(&refused, u"auditStatusLabel"_s)->text().contains(u"receptionist"_s));
    }

    void signInDialog()
    {
        SignInDialog dialog(*m_admin);
        QVERIFY(!dialog.isFirstRun());
        QTest::keyClicks(find<QLineEdit>(&dialog, u"signInUsernameEdit"_s), u"rita"_s);
        QTest::keyClicks(find<QLineEdit>(&dialog, u"signInPasswordEdit"_s), u"not-her-password"_s);
        QVERIFY(!dialog.attempt());
        QCOMPARE(find<QLabel>(&dialog, u"signInErrorLabel"_s)->text(), u"Wrong user name or password."_s);
        QTest::keyClicks(find<QLineEdit>(&dialog, u"signInPasswordEdit"_s), u"reception-pw"_s);
        QVERIFY(dialog.attempt());
        QCOMPARE(dialog.user()->role, u"receptionist"_s);
    }

    // The first-admin dialog: Tab goes down the form (your name, user name, password, password again).
    void firstAdminDialogTabOrder()
    {
        QString error;
        auto db = Database::openSqlite(m_dir.filePath(u"first-admin.sqlite"_s), &error);
        QVERIFY2(db, qPrintable(error));
        SimulatedClock clock(QDateTime(QDate(2026, 3, 2), QTime(9, 0), QTimeZone("America/New_York")));
        Engine engine(*db, clock);
        MemorySecretStore secrets(u"no keychain in tests"_s);
        AdminService admin(engine, &secrets);
        SignInDialog dialog(admin);
        QVERIFY(dialog.isFirstRun());
        dialog.show();
        QVERIFY(QTest::qWaitForWindowActive(&dialog));
        auto *name = find<QLineEdit>(&dialog, u"signInDisplayNameEdit"_s);
        name->setFocus();
        QTest::keyClicks(name, u"Ada Lovelace"_s);
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        QCOMPARE(QApplication::focusWidget(), find<QLineEdit>(&dialog, u"signInUsernameEdit"_s));
        QTest::keyClicks(QApplication::focusWidget(), u"ada"_s);
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        QCOMPARE(QApplication::focusWidget(), find<QLineEdit>(&dialog, u"signInPasswordEdit"_s));
        QTest::keyClicks(QApplication::focusWidget(), u"admin-password"_s);
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        QCOMPARE(QApplication::focusWidget(), find<QLineEdit>(&dialog, u"signInConfirmEdit"_s));
        QTest::keyClicks(QApplication::focusWidget(), u"admin-password"_s);
        QVERIFY(dialog.attempt());
        QCOMPARE(dialog.user()->displayName, u"Ada Lovelace"_s);
    }

    // Role gating in the window: a receptionist sees the desk and the calendar (booking by hand); a
    // manager also the reports; an admin also the settings (gui_main adds the tab when
    // roleAllows(role, Settings)).
    void windowShowsWhatTheRoleAllows()
    {
        QCOMPARE(roleAllows(Role::Receptionist, Permission::Reports), false);
        MainWindow::Options receptionist;
        receptionist.actor = kReceptionist;
        receptionist.showReports = roleAllows(Role::Receptionist, Permission::Reports);
        MainWindow desk(*m_engine, receptionist);
        QCOMPARE(desk.findChild<QTabWidget *>(u"mainTabs"_s)->count(), 2);
        QVERIFY(desk.selectPane(u"calendarPane"_s));
        QVERIFY(!desk.selectPane(u"reportsPane"_s));
        QVERIFY(!desk.findChild<SettingsPane *>());

        MainWindow::Options admin;
        admin.actor = kAdmin;
        admin.showReports = roleAllows(Role::Admin, Permission::Reports);
        MainWindow window(*m_engine, admin);
        window.addPane(new SettingsPane(*m_engine, *m_admin, kAdmin, {}, &window), u"Settings"_s);
        auto *tabs = window.findChild<QTabWidget *>(u"mainTabs"_s);
        QCOMPARE(tabs->count(), 4);
        QVERIFY(window.selectPane(u"settingsPane"_s));
        QCOMPARE(tabs->currentWidget()->objectName(), u"settingsPane"_s);
        QVERIFY(window.selectPane(u"reportsPane"_s));
        // On the Reports tab, Alt+C still goes to the Calendar tab (no button there takes the C).
        window.show();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        QTest::keyClick(&window, Qt::Key_C, Qt::AltModifier);
        QCOMPARE(tabs->currentWidget()->objectName(), u"calendarPane"_s);
        QTest::keyClick(&window, Qt::Key_R, Qt::AltModifier);
        QCOMPARE(tabs->currentWidget()->objectName(), u"reportsPane"_s);
    }

    void settingsPanePages()
    {
        SettingsPane pane(*m_engine, *m_admin, kAdmin, {});
        for (const QString &page : SettingsPane::pageNames())
            QVERIFY(pane.showPage(page));
        QVERIFY(!pane.showPage(u"nothing"_s));
        // Saving a template restarts "Try the agent" with the new wording.
        pane.showPage(u"templates"_s);
        auto *edit = find<QPlainTextEdit>(&pane, u"templateEdit"_s);
        pane.templateEditor()->selectTemplate(u"missed_call"_s);
        edit->setPlainText(u"Howdy from {business}! Reply STOP to opt out."_s);
        QTest::mouseClick(find<QPushButton>(&pane, u"saveTemplateButton"_s), Qt::LeftButton);
        QVERIFY(find<QTextBrowser>(&pane, u"tryAgentTranscript"_s)->toPlainText().contains(u"Howdy from Peachtree"_s));
    }
};

QTEST_MAIN(TestAdminPanes)
#include "tst_adminpanes.moc"
