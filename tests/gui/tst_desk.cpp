#include "app/agent/languagedetector.h"
#include "app/messaging/engine.h"
#include "integrations/simulator/simulatedline.h"
#include "integrations/simulator/simulatedsession.h"
#include "models/messagelistmodel.h"
#include "models/repositories.h"
#include "models/threadlistmodel.h"
#include "resources/bundledresources.h"
#include "ui/alertnotifier.h"
#include "ui/deskpane.h"
#include "ui/mainwindow.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QInputMethodEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>

using namespace FrontDesk;
using namespace Qt::StringLiterals;

// The receptionist's desk on the real engine and a simulated phone line, offscreen: the test clicks
// and types into the real window and checks what the store and the line say.
class TestDesk : public QObject
{
    Q_OBJECT

private:
    struct Desk
    {
        QTemporaryDir dir;
        std::unique_ptr<SimulatedSession> session;
        std::unique_ptr<MainWindow> window;
        QListView *threads = nullptr;
        QListView *messages = nullptr;
        QPlainTextEdit *composer = nullptr;
        QPushButton *send = nullptr;
        QPushButton *takeOver = nullptr;
        QPushButton *handBack = nullptr;
        QPushButton *acknowledge = nullptr;
        QLineEdit *search = nullptr;
        QComboBox *filter = nullptr;
        QLabel *alert = nullptr;
        QLabel *segments = nullptr;
        QLabel *state = nullptr;
    };

    static const QString kActor;

    static std::unique_ptr<SimulatedSession> openSession(const QString &path)
    {
        SimulatedSession::Options options;
        options.storePath = path;
        options.profileJson = BundledResources::demoProfileJson();
        QString error;
        auto session = SimulatedSession::open(options, &error);
        if (!session)
            qWarning() << error;
        return session;
    }

    // Builds the window on `desk.session` and finds its widgets.
    static bool openWindow(Desk &desk)
    {
        MainWindow::Options options;
        options.actor = kActor;
        options.staffNames = {{u"jamie"_s, u"Jamie Ortiz"_s}};
        desk.window = std::make_unique<MainWindow>(desk.session->engine(), options);
        desk.window->show();
        if (!QTest::qWaitForWindowExposed(desk.window.get()))
            return false;
        MainWindow &w = *desk.window;
        desk.threads = w.findChild<QListView *>(u"threadListView"_s);
        desk.messages = w.findChild<QListView *>(u"messageListView"_s);
        desk.composer = w.findChild<QPlainTextEdit *>(u"composerEdit"_s);
        desk.send = w.findChild<QPushButton *>(u"sendButton"_s);
        desk.takeOver = w.findChild<QPushButton *>(u"takeOverButton"_s);
        desk.handBack = w.findChild<QPushButton *>(u"handBackButton"_s);
        desk.acknowledge = w.findChild<QPushButton *>(u"acknowledgeButton"_s);
        desk.search = w.findChild<QLineEdit *>(u"threadSearchEdit"_s);
        desk.filter = w.findChild<QComboBox *>(u"threadFilterCombo"_s);
        desk.alert = w.findChild<QLabel *>(u"alertLabel"_s);
        desk.segments = w.findChild<QLabel *>(u"segmentCountLabel"_s);
        desk.state = w.findChild<QLabel *>(u"threadStateLabel"_s);
        return desk.threads && desk.messages && desk.composer && desk.send && desk.takeOver && desk.handBack
            && desk.acknowledge && desk.search && desk.filter && desk.alert && desk.segments && desk.state;
    }

    static bool openDesk(Desk &desk)
    {
        if (!desk.dir.isValid())
            return false;
        desk.session = openSession(desk.dir.filePath(u"desk.sqlite"_s));
        if (!desk.session)
            return false;
        desk.session->start();
        return openWindow(desk);
    }

    static int rowOf(const QAbstractItemModel *model, const QString &threadId)
    {
        for (int row = 0; row < model->rowCount(); ++row)
            if (model->index(row, 0).data(ThreadListModel::ThreadIdRole).toString() == threadId)
                return row;
        return -1;
    }

    static void click(QListView *view, int row)
    {
        const QModelIndex index = view->model()->index(row, 0);
        view->scrollTo(index);
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(index).center());
    }

    static QStringList threadIdsShown(const QListView *view)
    {
        QStringList ids;
        for (int row = 0; row < view->model()->rowCount(); ++row)
            ids << view->model()->index(row, 0).data(ThreadListModel::ThreadIdRole).toString();
        ids.sort();
        return ids;
    }

    static QList<Message> outbound(Database &db, const QString &threadId, const QString &author)
    {
        QList<Message> found;
        for (const auto &m : ThreadRepository(db).messages(threadId))
            if (m.direction == u"out"_s && m.author == author)
                found << m;
        return found;
    }

    static int auditCount(Database &db, const QString &threadId, const QString &action)
    {
        int n = 0;
        for (const auto &e : AuditRepository(db).forSubject(threadId))
            if (e.action == action && e.actor == kActor)
                ++n;
        return n;
    }

    // A caller who missed us and answered the first text: the agent is talking with them.
    static QString startConversation(Desk &desk, const QString &phone)
    {
        desk.session->line().placeMissedCall(phone);
        desk.session->line().sendFromCaller(phone, u"my furnace stopped working"_s);
        const auto thread = ThreadRepository(desk.session->database()).latestFor(phone);
        return thread ? thread->id : QString();
    }

    // Answers the agent's questions as a caller would until the conversation is booked; the booked
    // appointment, or nothing after a dozen texts.
    static std::optional<Appointment> bookConversation(Desk &desk, const QString &phone)
    {
        Database &db = desk.session->database();
        for (int turn = 0; turn < 12; ++turn) {
            const auto thread = ThreadRepository(db).latestFor(phone);
            if (!thread)
                return std::nullopt;
            if (thread->outcome == u"booked"_s)
                return AppointmentRepository(db).activeForThread(thread->id);
            static const QHash<QString, QString> answers {{u"service"_s, u"my furnace stopped working"_s},
                {u"zip"_s, u"80205"_s}, {u"when"_s, u"tomorrow afternoon"_s}, {u"choice"_s, u"1"_s},
                {u"confirm"_s, u"yes"_s}, {u"name"_s, u"Pat Morgan"_s}, {u"urgency"_s, u"not urgent"_s}};
            const QString answer = answers.value(thread->awaiting);
            if (answer.isEmpty())
                return std::nullopt;
            desk.session->line().sendFromCaller(phone, answer);
        }
        return std::nullopt;
    }

    static QList<Message> messagesAfter(Database &db, const QString &threadId, qsizetype count)
    {
        return ThreadRepository(db).messages(threadId).mid(count);
    }

private slots:
    void initTestCase() { BundledResources::init(); }

    // What /health says, the desk's status bar says: hidden while all is well, "Degraded: …" with the
    // reason once a text has failed for good (issue 19).
    void statusBarShowsTheEngineHealth()
    {
        Desk desk;
        QVERIFY(openDesk(desk));
        auto *health = desk.window->findChild<QLabel *>(u"healthLabel"_s);
        QVERIFY(health);
        QVERIFY(health->isHidden());
        QCOMPARE(desk.window->healthText(), QString());
        desk.session->line().failNextSends(1, u"21610"_s, true);
        desk.session->line().placeMissedCall(u"+17205550142"_s);
        QTRY_VERIFY(!health->isHidden());
        QVERIFY2(desk.window->healthText().startsWith(u"Degraded"_s), qPrintable(desk.window->healthText()));
        QVERIFY2(health->toolTip().contains(u"failed for good"_s), qPrintable(health->toolTip()));
    }

    void takeOverSilencesTheAgent()
    {
        Desk desk;
        QVERIFY(openDesk(desk));
        Database &db = desk.session->database();
        const QString phone = u"+17205550101"_s;
        const QString threadId = startConversation(desk, phone);
        QVERIFY(!threadId.isEmpty());
        QVERIFY(!outbound(db, threadId, u"ai"_s).isEmpty()); // the agent answered the caller
        QTRY_VERIFY(rowOf(desk.threads->model(), threadId) >= 0);
        click(desk.threads, rowOf(desk.threads->model(), threadId));
        QCOMPARE(desk.window->currentThreadId(), threadId);
        QTRY_VERIFY(desk.takeOver->isEnabled());
        QVERIFY(!desk.handBack->isEnabled());

        // The agent is about to answer: its reply is queued (the line refused it for now, it will be
        // retried) when the receptionist clicks Take over.
        desk.session->line().failNextSends(1, u"30001"_s, false);
        const int sentBefore = int(desk.session->line().sent().size());
        desk.session->line().sendFromCaller(phone, u"tomorrow morning works"_s);
        const QList<Message> agentTexts = outbound(db, threadId, u"ai"_s);
        QVERIFY(agentTexts.size() >= 2);
        const Message queued = agentTexts.constLast();
        QVERIFY2(queued.status == u"queued"_s || queued.status == u"failed"_s || queued.status == u"sending"_s
                || queued.status == u"pending"_s,
            qPrintable(queued.status));
        QCOMPARE(int(desk.session->line().sent().size()), sentBefore);

        QTest::mouseClick(desk.takeOver, Qt::LeftButton);
        QCOMPARE(ThreadRepository(db).byId(threadId)->state, u"staff"_s);
        QCOMPARE(ThreadRepository(db).messageById(queued.id)->status, u"cancelled"_s);
        QTRY_VERIFY(!desk.takeOver->isEnabled());
        QVERIFY(desk.handBack->isEnabled());
        QVERIFY2(desk.state->text().contains(u"Jamie Ortiz is handling"_s), qPrintable(desk.state->text()));
        QCOMPARE(auditCount(db, threadId, u"takeover"_s), 1);
        // The card says who holds the thread, from the audit log every desk reads.
        auto *handling = desk.window->findChild<QLabel *>(u"callerHandlingLabel"_s);
        QVERIFY(handling);
        // By the person's name, not the login.
        QTRY_VERIFY2(handling->text().contains(u"taken over by Jamie Ortiz"_s), qPrintable(handling->text()));

        // The queued reply never leaves, and the caller's next text gets no agent answer.
        desk.session->engine().dispatchOutbox();
        const int agentCount = int(outbound(db, threadId, u"ai"_s).size());
        desk.session->line().sendFromCaller(phone, u"hello? are you there?"_s);
        desk.session->engine().dispatchOutbox(); // the line takes what it is given at once
        QCOMPARE(int(outbound(db, threadId, u"ai"_s).size()), agentCount);
        for (const auto &sent : desk.session->line().sent())
            QVERIFY2(sent.body != queued.body || sent.to != phone, qPrintable(sent.body));
        QCOMPARE(int(desk.session->line().sent().size()), sentBefore);
        // The customer wrote while staff holds the thread: it needs a person now.
        QVERIFY(ThreadRepository(db).byId(threadId)->needsAttention);
        QTRY_VERIFY(desk.acknowledge->isVisible());
    }

    void conversationLanguageIsSwitchable()
    {
        Desk desk;
        QVERIFY(openDesk(desk));
        Database &db = desk.session->database();
        const QString phone = u"+17205550177"_s;
        const QString threadId = startConversation(desk, phone);
        QVERIFY(!threadId.isEmpty());
        QTRY_VERIFY(rowOf(desk.threads->model(), threadId) >= 0);
        click(desk.threads, rowOf(desk.threads->model(), threadId));
        QCOMPARE(desk.window->currentThreadId(), threadId);
        auto *language = desk.window->findChild<QComboBox *>(u"threadLanguageCombo"_s);
        QVERIFY(language);
        QTRY_VERIFY(language->isEnabled());
        QCOMPARE(language->currentData().toString(), u"en"_s); // the caller wrote English

        // The receptionist switches the conversation to Spanish, by keyboard.
        language->setFocus();
        QTest::keyClick(language, Qt::Key_Down);
        QCOMPARE(language->currentData().toString(), u"es"_s);
        QCOMPARE(ThreadRepository(db).byId(threadId)->language, u"es"_s);
        QCOMPARE(auditCount(db, threadId, u"language"_s), 1);
        auto *tag = desk.window->findChild<QLabel *>(u"callerLanguageLabel"_s);
        QVERIFY(tag);
        QTRY_VERIFY2(tag->text().contains(u"Spanish"_s), qPrintable(tag->text()));

        // The agent's next reply, to a text whose words don't tell the language, is in Spanish.
        const qsizetype before = ThreadRepository(db).messages(threadId).size();
        desk.session->line().sendFromCaller(phone, u"80205"_s);
        QList<Message> replies;
        for (const Message &m : messagesAfter(db, threadId, before))
            if (m.direction == u"out"_s && m.author == u"ai"_s)
                replies << m;
        QVERIFY(!replies.isEmpty());
        QCOMPARE(LanguageDetector::builtIn().detect(replies.constLast().body).language, u"es"_s);
        QCOMPARE(ThreadRepository(db).byId(threadId)->language, u"es"_s);
        QTRY_COMPARE(language->currentData().toString(), u"es"_s);
    }

    void staffReplyGoesOutThroughTheLine()
    {
        Desk desk;
        QVERIFY(openDesk(desk));
        Database &db = desk.session->database();
        const QString phone = u"+17205550102"_s;
        const QString threadId = startConversation(desk, phone);
        QTRY_VERIFY(rowOf(desk.threads->model(), threadId) >= 0);
        click(desk.threads, rowOf(desk.threads->model(), threadId));
        QTRY_COMPARE(desk.window->currentThreadId(), threadId);

        // The caller's card: who, what the agent collected so far, no appointment yet.
        auto *name = desk.window->findChild<QLabel *>(u"callerNameLabel"_s);
        auto *lead = desk.window->findChild<QLabel *>(u"callerLeadLabel"_s);
        auto *appointment = desk.window->findChild<QLabel *>(u"callerAppointmentLabel"_s);
        QVERIFY(name && lead && appointment);
        QCOMPARE(name->text(), u"Unknown caller"_s);
        QVERIFY2(lead->text().contains(u"Furnace repair"_s), qPrintable(lead->text()));
        QCOMPARE(appointment->text(), u"None booked."_s);

        // The segment count follows the typing: plain text costs GSM-7 characters, an emoji switches
        // to Unicode.
        const QString text = u"Hi, this is Jamie at Brightline. A technician can come at 9 tomorrow."_s;
        QVERIFY(!desk.send->isEnabled());
        QTest::keyClicks(desk.composer, text);
        QVERIFY(desk.send->isEnabled());
        QVERIFY2(desk.segments->text().contains(u"%1 left"_s.arg(160 - text.size())), qPrintable(desk.segments->text()));
        QVERIFY(desk.segments->text().contains(u"1 text message"_s));

        // Enter sends: stored as staff, out through the line, the thread taken over by the reply.
        QTest::keyClick(desk.composer, Qt::Key_Return);
        const QList<Message> staff = outbound(db, threadId, u"staff"_s);
        QCOMPARE(staff.size(), 1);
        QCOMPARE(staff.first().body, text);
        QCOMPARE(staff.first().status, u"delivered"_s);
        const auto &sent = desk.session->line().sent();
        QVERIFY(!sent.isEmpty());
        QCOMPARE(sent.constLast().body, text);
        QCOMPARE(sent.constLast().to, phone);
        QVERIFY(desk.composer->toPlainText().isEmpty());
        QCOMPARE(ThreadRepository(db).byId(threadId)->state, u"staff"_s);
        QTRY_VERIFY(!desk.takeOver->isEnabled());
        QTRY_COMPARE(desk.messages->model()->index(desk.messages->model()->rowCount() - 1, 0)
                         .data(MessageListModel::AuthorRole)
                         .toString(),
            u"staff"_s);

        // A longer text with an emoji: Unicode, two messages.
        QTest::keyClicks(desk.composer, QString(60, u'a') + u' ');
        QInputMethodEvent emoji; // as an input method or the emoji picker delivers it
        emoji.setCommitString(u"🙂"_s);
        QApplication::sendEvent(desk.composer, &emoji);
        QTest::keyClicks(desk.composer, u' ' + QString(20, u'b'));
        QVERIFY2(desk.segments->text().contains(u"2 text messages"_s), qPrintable(desk.segments->text()));
        QVERIFY(desk.segments->text().contains(u"Unicode"_s));
    }

    void handBackResumesTheAgent()
    {
        Desk desk;
        QVERIFY(openDesk(desk));
        Database &db = desk.session->database();
        const QString phone = u"+17205550103"_s;
        const QString threadId = startConversation(desk, phone);
        QTRY_VERIFY(rowOf(desk.threads->model(), threadId) >= 0);
        click(desk.threads, rowOf(desk.threads->model(), threadId));
        QTRY_VERIFY(desk.takeOver->isEnabled());

        // From the keyboard: Ctrl+T takes over, Ctrl+Shift+T hands back.
        desk.window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(desk.window.get()));
        QTest::keyClick(desk.window.get(), Qt::Key_T, Qt::ControlModifier);
        QTRY_COMPARE(ThreadRepository(db).byId(threadId)->state, u"staff"_s);
        const int agentWhileStaff = int(outbound(db, threadId, u"ai"_s).size());
        desk.session->line().sendFromCaller(phone, u"is anyone there"_s);
        QCOMPARE(int(outbound(db, threadId, u"ai"_s).size()), agentWhileStaff);

        QTRY_VERIFY(desk.handBack->isEnabled());
        QTest::keyClick(desk.window.get(), Qt::Key_T, Qt::ControlModifier | Qt::ShiftModifier);
        QTRY_COMPARE(ThreadRepository(db).byId(threadId)->state, u"ai"_s);
        QTRY_VERIFY(desk.takeOver->isEnabled());
        QCOMPARE(auditCount(db, threadId, u"takeover"_s), 1);
        QCOMPARE(auditCount(db, threadId, u"handback"_s), 1);
        // "is anyone there" was left unanswered: the agent answers it on the hand-back.
        QCOMPARE(int(outbound(db, threadId, u"ai"_s).size()), agentWhileStaff + 1);

        // The agent answers again, and its answer goes out.
        const int sentBefore = int(desk.session->line().sent().size());
        desk.session->line().sendFromCaller(phone, u"80206"_s);
        QCOMPARE(int(outbound(db, threadId, u"ai"_s).size()), agentWhileStaff + 2);
        QVERIFY(int(desk.session->line().sent().size()) > sentBefore);
        QCOMPARE(desk.session->line().sent().constLast().to, phone);
    }

    // A booked customer who asks for a person is handed to a person, and the desk is alerted; the
    // appointment stands, and a hand-back finds the conversation booked.
    void bookedCustomerAskingForAPersonGetsOne()
    {
        Desk desk;
        QVERIFY(openDesk(desk));
        Database &db = desk.session->database();
        const QString phone = u"+17205550111"_s;
        desk.session->line().placeMissedCall(phone);
        const auto appointment = bookConversation(desk, phone);
        QVERIFY(appointment);
        const QString threadId = appointment->threadId;
        QTRY_VERIFY(rowOf(desk.threads->model(), threadId) >= 0);
        click(desk.threads, rowOf(desk.threads->model(), threadId));
        QTRY_COMPARE(desk.window->currentThreadId(), threadId);

        QSignalSpy alerts(&desk.session->engine(), &Engine::alertRaised);
        desk.session->line().sendFromCaller(phone, u"can I talk to a real person please?"_s);
        QCOMPARE(alerts.size(), 1);
        QCOMPARE(alerts.constFirst().at(1).toString(), u"human_requested"_s);
        const auto handed = ThreadRepository(db).byId(threadId);
        QCOMPARE(handed->state, u"staff"_s);
        QCOMPARE(handed->outcome, u"handed_off"_s);
        QVERIFY(handed->needsAttention);
        QVERIFY(AppointmentRepository(db).activeForThread(threadId)); // the booking stands
        // The caller heard that a person will answer; the desk shows the alert on the conversation.
        QVERIFY(outbound(db, threadId, u"ai"_s).constLast().body.size() > 0);
        QTRY_VERIFY(desk.acknowledge->isVisible());
        QTRY_VERIFY(desk.alert->isVisible());
        // Nobody has picked it up yet: the card says so rather than "Staff".
        auto *handling = desk.window->findChild<QLabel *>(u"callerHandlingLabel"_s);
        QTRY_VERIFY2(handling->text().contains(u"waiting for a person"_s), qPrintable(handling->text()));
        QTRY_VERIFY(desk.handBack->isEnabled());

        // Staff gives it back: the agent holds a booked conversation again, not an open one.
        QTest::mouseClick(desk.handBack, Qt::LeftButton);
        const auto back = ThreadRepository(db).byId(threadId);
        QCOMPARE(back->state, u"ai"_s);
        QCOMPARE(back->outcome, u"booked"_s);
    }

    // Staff offered a time, the caller said "ok, thanks!", staff handed back: the agent picks up
    // from the caller's last words at once, so the thread is never left with nobody answering.
    void handBackPicksUpWhereTheConversationStands()
    {
        Desk desk;
        QVERIFY(openDesk(desk));
        Database &db = desk.session->database();
        const QString phone = u"+17205550112"_s;
        const QString threadId = startConversation(desk, phone);
        QTRY_VERIFY(rowOf(desk.threads->model(), threadId) >= 0);
        click(desk.threads, rowOf(desk.threads->model(), threadId));
        QTRY_VERIFY(desk.takeOver->isEnabled());
        QTest::mouseClick(desk.takeOver, Qt::LeftButton);
        QTRY_VERIFY(desk.composer->isEnabled());
        QTest::keyClicks(desk.composer, u"We could come tomorrow at 3 PM, would that work?"_s);
        QTest::mouseClick(desk.send, Qt::LeftButton);
        QTRY_COMPARE(outbound(db, threadId, u"staff"_s).size(), qsizetype(1));
        desk.session->line().sendFromCaller(phone, u"ok, thanks!"_s);
        const qsizetype before = ThreadRepository(db).messages(threadId).size();

        QTRY_VERIFY(desk.handBack->isEnabled());
        QTest::mouseClick(desk.handBack, Qt::LeftButton);
        const auto thread = ThreadRepository(db).byId(threadId);
        const QList<Message> after = messagesAfter(db, threadId, before);
        if (thread->state == u"ai"_s) {
            // The agent answered the caller's last text and waits for their answer.
            QCOMPARE(after.size(), qsizetype(1));
            QCOMPARE(after.constFirst().author, u"ai"_s);
            QVERIFY(!thread->awaiting.isEmpty() || thread->outcome == u"booked"_s);
        } else {
            // Or it stays with staff, marked for a person.
            QCOMPARE(thread->state, u"staff"_s);
            QVERIFY(thread->needsAttention);
        }
        QTRY_VERIFY(desk.session->line().sent().constLast().to == phone);
    }

    // A caller with an upcoming appointment calls again: the text asks whether it is about that
    // appointment; the call joins that conversation (one row for the caller); R reschedules, and
    // nothing is booked twice.
    void callerWithAnUpcomingAppointmentIsAskedAboutIt()
    {
        Desk desk;
        QVERIFY(openDesk(desk));
        EngineSettings settings;
        settings.dedupeWindowSec = 0; // the second call comes minutes after the first conversation
        desk.session->engine().setSettings(settings);
        Database &db = desk.session->database();
        const QString phone = u"+17205550113"_s;
        desk.session->line().placeMissedCall(phone);
        const auto appointment = bookConversation(desk, phone);
        QVERIFY(appointment);
        const QString threadId = appointment->threadId;
        const qsizetype before = ThreadRepository(db).messages(threadId).size();

        desk.session->line().placeMissedCall(phone);
        QCOMPARE(ThreadRepository(db).latestFor(phone)->id, threadId);
        const QList<Message> asked = messagesAfter(db, threadId, before);
        QCOMPARE(asked.size(), qsizetype(1));
        QVERIFY2(asked.constFirst().body.contains(u"Is this about your Furnace"_s, Qt::CaseInsensitive),
            qPrintable(asked.constFirst().body));
        QVERIFY(asked.constFirst().body.contains(u"Pat"_s));
        // One row for the caller in the conversations list.
        desk.search->clear();
        QTest::keyClicks(desk.search, phone.right(4));
        QTRY_COMPARE(desk.threads->model()->rowCount(), 1);
        QTest::keyClick(desk.search, Qt::Key_Escape);

        desk.session->line().sendFromCaller(phone, u"R"_s);
        const auto rescheduling = ThreadRepository(db).byId(threadId);
        QCOMPARE(rescheduling->awaiting, u"when"_s);
        int standing = 0;
        for (const Appointment &a : AppointmentRepository(db).all())
            if (a.phone == phone && a.status == u"booked"_s)
                ++standing;
        QCOMPARE(standing, 1);
    }

    // "It's about something else": a second job beside the standing appointment.
    void anotherJobBesideTheAppointment()
    {
        Desk desk;
        QVERIFY(openDesk(desk));
        EngineSettings settings;
        settings.dedupeWindowSec = 0;
        desk.session->engine().setSettings(settings);
        Database &db = desk.session->database();
        const QString phone = u"+17205550114"_s;
        desk.session->line().placeMissedCall(phone);
        const auto appointment = bookConversation(desk, phone);
        QVERIFY(appointment);
        desk.session->line().placeMissedCall(phone);
        desk.session->line().sendFromCaller(phone, u"no, something else"_s);
        const auto thread = ThreadRepository(db).byId(appointment->threadId);
        QCOMPARE(thread->outcome, u"open"_s);
        QCOMPARE(thread->awaiting, u"service"_s);
        QVERIFY(AppointmentRepository(db).activeForThread(thread->id)); // the first job stands
    }

    void filtersAndSearchFindTheRightThreads()
    {
        Desk desk;
        QVERIFY(desk.dir.isValid());
        desk.session = openSession(desk.dir.filePath(u"desk.sqlite"_s));
        QVERIFY(desk.session);
        Database &db = desk.session->database();
        // Four conversations, one of each kind, seeded in the store.
        const QDateTime t0 = QDateTime::currentDateTimeUtc().addSecs(-3600);
        Contact dana;
        dana.phone = u"+13035550111"_s;
        dana.name = u"Dana Whitfield"_s;
        const QString danaId = *ContactRepository(db).upsert(dana);
        auto thread = [&](const QString &phone, const QString &contactId, const QString &state, const QString &outcome,
                          bool attention, const QString &text, int minutes) {
            Thread t;
            t.id = newId();
            t.phone = phone;
            t.contactId = contactId;
            t.state = state;
            t.outcome = outcome;
            t.needsAttention = attention;
            t.handoffReason = attention ? u"human_requested"_s : QString();
            t.createdAt = t.updatedAt = t0.addSecs(minutes * 60);
            if (!ThreadRepository(db).insert(t))
                qFatal("cannot insert a thread");
            Message m;
            m.id = newId();
            m.threadId = t.id;
            m.direction = u"in"_s;
            m.author = u"customer"_s;
            m.body = text;
            m.at = t.createdAt;
            m.status = u"received"_s;
            if (!ThreadRepository(db).addMessage(m))
                qFatal("cannot add a message");
            return t.id;
        };
        const QString booked = thread(u"+13035550111"_s, danaId, u"ai"_s, u"booked"_s, false,
            u"Thursday afternoon is perfect for the tune-up"_s, 1);
        const QString agent
            = thread(u"+17205550177"_s, QString(), u"ai"_s, u"open"_s, false, u"my furnace is banging again"_s, 2);
        const QString staff = thread(
            u"+17205550188"_s, QString(), u"staff"_s, u"open"_s, false, u"the water heater is leaking"_s, 3);
        const QString attention = thread(u"+17205550199"_s, QString(), u"staff"_s, u"handed_off"_s, true,
            u"can I talk to a real person please"_s, 4);
        Lead lead;
        lead.threadId = agent;
        lead.name = u"Morgan Ruiz"_s;
        QVERIFY(LeadRepository(db).save(lead));
        QVERIFY(openWindow(desk));
        QAbstractItemModelTester tester(desk.threads->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(desk.threads->model()->rowCount(), 4);

        auto searchFor = [&](const QString &text) {
            desk.search->clear();
            QTest::keyClicks(desk.search, text);
            QTest::keyClick(desk.search, Qt::Key_Return);
        };
        searchFor(u"whitfield"_s); // the contact's name, any case
        QCOMPARE(threadIdsShown(desk.threads), QStringList {booked});
        searchFor(u"morgan"_s); // the name the caller gave the agent
        QCOMPARE(threadIdsShown(desk.threads), QStringList {agent});
        searchFor(u"(720) 555-0188"_s); // the number as people write it
        QCOMPARE(threadIdsShown(desk.threads), QStringList {staff});
        searchFor(u"furn"_s); // a word of a message, by its beginning
        QCOMPARE(threadIdsShown(desk.threads), QStringList {agent});
        searchFor(u"water heater"_s);
        QCOMPARE(threadIdsShown(desk.threads), QStringList {staff});
        searchFor(u"nobody says this"_s);
        QCOMPARE(desk.threads->model()->rowCount(), 0);
        desk.search->setFocus();
        QTRY_VERIFY(desk.search->hasFocus());
        QTest::keyClick(desk.search, Qt::Key_Escape); // empties the search
        QVERIFY(desk.search->text().isEmpty());
        QTRY_COMPARE(desk.threads->model()->rowCount(), 4);

        // The filter, from the keyboard: All, Needs attention, Agent, Staff, Booked.
        desk.filter->setFocus();
        QCOMPARE(desk.filter->currentData().toInt(), int(ThreadFilter::All));
        QTest::keyClick(desk.filter, Qt::Key_Down);
        QCOMPARE(threadIdsShown(desk.threads), QStringList {attention});
        QTest::keyClick(desk.filter, Qt::Key_Down);
        QCOMPARE(threadIdsShown(desk.threads), QStringList {agent});
        QTest::keyClick(desk.filter, Qt::Key_Down);
        QStringList staffHeld {staff, attention};
        staffHeld.sort();
        QCOMPARE(threadIdsShown(desk.threads), staffHeld);
        QTest::keyClick(desk.filter, Qt::Key_Down);
        QCOMPARE(threadIdsShown(desk.threads), QStringList {booked});
        QVERIFY(desk.filter->currentText().contains(u"(1)"_s)); // the filter says how many it holds

        // Filter and search together.
        QTest::keyClick(desk.filter, Qt::Key_Up); // staff
        searchFor(u"real person"_s);
        QCOMPARE(threadIdsShown(desk.threads), QStringList {attention});
        desk.search->setFocus();
        QTRY_VERIFY(desk.search->hasFocus());
        QTest::keyClick(desk.search, Qt::Key_Escape);
        QTRY_COMPARE(threadIdsShown(desk.threads), staffHeld);

        // A live change takes a conversation out of the list it no longer belongs to; it stays open,
        // and the list does not open its neighbour instead.
        click(desk.threads, rowOf(desk.threads->model(), attention));
        QCOMPARE(desk.window->currentThreadId(), attention);
        QTest::mouseClick(desk.handBack, Qt::LeftButton);
        QTRY_COMPARE(threadIdsShown(desk.threads), QStringList {staff});
        QCOMPARE(desk.window->currentThreadId(), attention);
        QVERIFY(!desk.threads->selectionModel()->isSelected(desk.threads->model()->index(0, 0)));
        QTRY_VERIFY(desk.takeOver->isEnabled());
    }

    void emergencyRaisesAnAlertUntilAcknowledged()
    {
        Desk desk;
        QVERIFY(openDesk(desk));
        Database &db = desk.session->database();
        AlertNotifier *notifier = desk.window->desk()->notifier();
        notifier->setSoundEnabled(false);
        QSignalSpy notified(notifier, &AlertNotifier::notified);
        QVERIFY(!desk.alert->isVisible());

        // Another conversation is open when the emergency arrives.
        const QString other = startConversation(desk, u"+17205550104"_s);
        QTRY_VERIFY(rowOf(desk.threads->model(), other) >= 0);
        click(desk.threads, rowOf(desk.threads->model(), other));
        const QString phone = u"+17205550105"_s;
        desk.session->line().placeMissedCall(phone);
        desk.session->line().sendFromCaller(phone, u"the CO alarm is going off and it smells like gas"_s);
        const auto thread = ThreadRepository(db).latestFor(phone);
        QVERIFY(thread);

        // A desktop notification and a banner; the agent handed it off to staff, with the reason,
        // and it sits at the top of the list.
        QTRY_COMPARE(notified.size(), 1);
        QCOMPARE(notified.first().at(2).toBool(), true); // urgent
        QVERIFY(notified.first().at(1).toString().contains(u"Urgent"_s));
        QCOMPARE(thread->state, u"staff"_s);
        QCOMPARE(thread->handoffReason, u"emergency"_s);
        QTRY_VERIFY(desk.alert->isVisible());
        QVERIFY2(desk.alert->text().contains(u"Urgent"_s), qPrintable(desk.alert->text()));
        QTRY_COMPARE(desk.threads->model()->index(0, 0).data(ThreadListModel::ThreadIdRole).toString(), thread->id);
        QVERIFY(desk.threads->model()->index(0, 0).data(ThreadListModel::NeedsAttentionRole).toBool());
        QCOMPARE(desk.window->currentThreadId(), other); // the open conversation stays open

        // Opening it is not acknowledging it: the mark stays, on this desk and on a restarted one.
        emit desk.alert->linkActivated(u"thread"_s);
        QCOMPARE(desk.window->currentThreadId(), thread->id);
        QTRY_VERIFY(desk.acknowledge->isVisible());
        QVERIFY(desk.alert->isVisible());
        QVERIFY(desk.state->text().contains(u"Waiting for a person"_s));
        desk.window.reset();
        QVERIFY(openWindow(desk));
        QTRY_VERIFY(desk.alert->isVisible());
        QVERIFY2(desk.alert->text().contains(u"1 conversation needs a person"_s), qPrintable(desk.alert->text()));
        emit desk.alert->linkActivated(u"filter"_s);
        QCOMPARE(desk.filter->currentData().toInt(), int(ThreadFilter::NeedsAttention));
        QCOMPARE(threadIdsShown(desk.threads), QStringList {thread->id});

        // Ctrl+K acknowledges it for every desk: recorded, the mark and the banner go.
        desk.window->selectThread(thread->id);
        QTRY_VERIFY(desk.acknowledge->isEnabled());
        desk.window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(desk.window.get()));
        QTest::keyClick(desk.window.get(), Qt::Key_K, Qt::ControlModifier);
        QTRY_VERIFY(!ThreadRepository(db).byId(thread->id)->needsAttention);
        QCOMPARE(auditCount(db, thread->id, u"acknowledged"_s), 1);
        QTRY_VERIFY(!desk.alert->isVisible());
        QTRY_COMPARE(desk.threads->model()->rowCount(), 0); // nothing needs a person any more
        QVERIFY(!desk.acknowledge->isVisible());
    }

    void followsTheDarkPalette()
    {
        // The system's dark palette: the desk's own colours must still read on it.
        const QPalette light = QApplication::palette();
        QPalette dark;
        dark.setColor(QPalette::Window, QColor(0x20, 0x21, 0x24));
        dark.setColor(QPalette::WindowText, QColor(0xe8, 0xea, 0xed));
        dark.setColor(QPalette::Base, QColor(0x29, 0x2a, 0x2d));
        dark.setColor(QPalette::AlternateBase, QColor(0x30, 0x31, 0x34));
        dark.setColor(QPalette::Text, QColor(0xe8, 0xea, 0xed));
        dark.setColor(QPalette::Button, QColor(0x30, 0x31, 0x34));
        dark.setColor(QPalette::ButtonText, QColor(0xe8, 0xea, 0xed));
        dark.setColor(QPalette::PlaceholderText, QColor(0x9a, 0xa0, 0xa6));
        dark.setColor(QPalette::Highlight, QColor(0x8a, 0xb4, 0xf8));
        dark.setColor(QPalette::HighlightedText, QColor(0x20, 0x21, 0x24));
        QApplication::setPalette(dark);
        auto restore = qScopeGuard([&] { QApplication::setPalette(light); });

        Desk desk;
        QVERIFY(openDesk(desk));
        Contact casey;
        casey.phone = u"+17205550107"_s;
        casey.name = u"Casey Ruiz"_s;
        QVERIFY(ContactRepository(desk.session->database()).upsert(casey));
        const QString threadId = startConversation(desk, casey.phone);
        QTRY_VERIFY(rowOf(desk.threads->model(), threadId) >= 0);
        desk.window->selectThread(threadId);
        QTRY_COMPARE(desk.window->currentThreadId(), threadId);
        auto contrast = [](const QColor &a, const QColor &b) {
            auto luminance = [](const QColor &c) {
                auto channel = [](double v) { return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); };
                return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF());
            };
            const double la = luminance(a), lb = luminance(b);
            return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
        };
        // Text on the window, on the card, and the muted words: at least 4.5:1 (WCAG AA).
        for (const char *name : {"threadTitleLabel", "threadStateLabel", "callerNameLabel", "callerHandlingLabel",
                 "segmentCountLabel"}) {
            auto *label = desk.window->findChild<QLabel *>(QString::fromLatin1(name));
            QVERIFY2(label, name);
            const QColor fg = label->palette().color(label->foregroundRole());
            QWidget *surface = label->parentWidget();
            while (surface && !surface->autoFillBackground() && surface->parentWidget())
                surface = surface->parentWidget();
            const QColor bg = surface->palette().color(surface->backgroundRole());
            QVERIFY2(contrast(fg, bg) >= 4.5, qPrintable(u"%1: %2 on %3"_s.arg(QString::fromLatin1(name), fg.name(), bg.name())));
        }
        const QString muted = dark.color(QPalette::PlaceholderText).name();
        auto *title = desk.window->findChild<QLabel *>(u"threadTitleLabel"_s);
        QVERIFY2(title->text().contains(muted), qPrintable(title->text())); // the number in the palette's muted colour
        if (const QString dir = qEnvironmentVariable("FRONTDESK_TEST_SCREENSHOT_DIR"); !dir.isEmpty())
            desk.window->grab().save(dir + u"/desk-dark.png"_s);
    }

    void keyboardReachesEveryPart()
    {
        Desk desk;
        QVERIFY(openDesk(desk));
        const QString threadId = startConversation(desk, u"+17205550106"_s);
        QTRY_VERIFY(rowOf(desk.threads->model(), threadId) >= 0);
        desk.window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(desk.window.get()));
        QWidget *w = desk.window.get();
        QTest::keyClick(w, Qt::Key_F, Qt::ControlModifier);
        QTRY_COMPARE(QApplication::focusWidget(), desk.search);
        QTest::keyClick(w, Qt::Key_L, Qt::ControlModifier);
        QTRY_COMPARE(QApplication::focusWidget(), desk.composer);
        QTest::keyClick(w, Qt::Key_2, Qt::ControlModifier);
        QTRY_COMPARE(QApplication::focusWidget(), desk.threads);
        QTest::keyClick(w, Qt::Key_3, Qt::ControlModifier);
        QTRY_COMPARE(QApplication::focusWidget(), desk.messages);
        // The missed calls, and opening one's conversation with the arrow keys.
        const QString other = startConversation(desk, u"+17205550108"_s);
        auto *calls = w->findChild<QListView *>(u"missedCallsView"_s);
        QTRY_COMPARE(calls->model()->rowCount(), 2);
        QTest::keyClick(w, Qt::Key_1, Qt::ControlModifier);
        QTRY_COMPARE(QApplication::focusWidget(), calls);
        calls->setCurrentIndex(calls->model()->index(0, 0)); // the newest: the second caller
        QTRY_COMPARE(desk.window->currentThreadId(), other);
        QTest::keyClick(calls, Qt::Key_Down);
        QTRY_COMPARE(desk.window->currentThreadId(), threadId);
        QTest::keyClick(w, Qt::Key_W, Qt::AltModifier);
        QTRY_COMPARE(QApplication::focusWidget(), desk.filter);
        // Every control a receptionist uses has a name a screen reader can say.
        for (QWidget *control : std::initializer_list<QWidget *> {desk.threads, desk.messages, desk.composer, desk.send,
                 desk.takeOver, desk.handBack, desk.acknowledge, desk.search, desk.filter})
            QVERIFY2(!control->accessibleName().isEmpty(), qPrintable(control->objectName()));
    }
};

const QString TestDesk::kActor = u"staff:jamie"_s;

QTEST_MAIN(TestDesk)
#include "tst_desk.moc"
