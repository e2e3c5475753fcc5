#include "app/messaging/engine.h"
#include "integrations/simulator/simulatedline.h"
#include "integrations/simulator/simulatedsession.h"
#include "models/messagelistmodel.h"
#include "models/repositories.h"
#include "models/threadlistmodel.h"
#include "resources/bundledresources.h"
#include "ui/mainwindow.h"

#include <QIcon>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace FrontDesk;
using namespace Qt::StringLiterals;

// Demo mode end to end: the real window on the real engine, simulated line and demo driver, on a
// temporary store, in real time. Calls and texts must appear by themselves; a receptionist takes a
// conversation over, writes in it and hands it back, and the store says so.
class TestDemoSmoke : public QObject
{
    Q_OBJECT

private:
    static int rowWhere(const QAbstractItemModel *model, const std::function<bool(const QModelIndex &)> &test)
    {
        for (int row = 0; row < model->rowCount(); ++row)
            if (test(model->index(row, 0)))
                return row;
        return -1;
    }

    static void click(QListView *view, int row)
    {
        const QModelIndex index = view->model()->index(row, 0);
        view->scrollTo(index);
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(index).center());
    }

private slots:
    void initTestCase() { BundledResources::init(); }

    void bundledDemoDataLoads()
    {
        ProfileError error;
        const auto profile = BusinessProfile::fromJson(BundledResources::demoProfileJson(), &error);
        QVERIFY2(profile, qPrintable(error.toString()));
        QCOMPARE(profile->name, u"Brightline Heating & Cooling"_s);
        QCOMPARE(profile->timezoneId, u"America/Denver"_s);
        for (int day = 0; day < 7; ++day) {
            QVERIFY(profile->hours[day]);
            QCOMPARE(profile->hours[day]->open, QTime(7, 0));
            QCOMPARE(profile->hours[day]->close, QTime(21, 0));
        }
        for (const auto &key : {u"missed_call"_s, u"missed_call_existing"_s, u"missed_call_after_hours"_s})
            QVERIFY2(profile->templateText(key).contains(u"Reply STOP to opt out"_s), qPrintable(key));
        QString contactsError;
        const auto contacts = SimulatedSession::contactsFromJson(BundledResources::demoContactsJson(), &contactsError);
        QVERIFY2(contacts, qPrintable(contactsError));
        QCOMPARE(contacts->size(), 8);
        for (const auto &c : *contacts) {
            QVERIFY(c.phone.startsWith(u"+1"_s));
            QVERIFY(!c.name.isEmpty());
            QVERIFY2(profile->servesZip(c.zip), qPrintable(c.zip));
            QVERIFY(!c.history.isEmpty());
            QVERIFY2(profile->service(c.history.first().serviceId), qPrintable(c.history.first().serviceId));
        }
        QVERIFY(!QIcon(BundledResources::appIconPath()).isNull());
    }

    void demoRunsAndStaffTakesOver()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        SimulatedSession::Options options;
        options.storePath = dir.filePath(u"demo.sqlite"_s);
        options.freshStore = true;
        options.profileJson = BundledResources::demoProfileJson();
        options.contactsJson = BundledResources::demoContactsJson();
        options.driveDemo = true;
        QString error;
        auto session = SimulatedSession::open(options, &error);
        QVERIFY2(session, qPrintable(error));
        QVERIFY(session->hasProfile());
        QVERIFY(session->driver());
        QCOMPARE(ContactRepository(session->database()).count(), 8);

        MainWindow::Options windowOptions;
        windowOptions.modeText = u"Demo mode — simulated phone line"_s;
        windowOptions.actor = u"staff:test"_s;
        MainWindow window(session->engine(), windowOptions);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        session->start();

        auto *missedCalls = window.findChild<QListView *>(u"missedCallsView"_s);
        auto *threads = window.findChild<QListView *>(u"threadListView"_s);
        auto *messages = window.findChild<QListView *>(u"messageListView"_s);
        auto *composer = window.findChild<QPlainTextEdit *>(u"composerEdit"_s);
        auto *send = window.findChild<QPushButton *>(u"sendButton"_s);
        auto *takeOver = window.findChild<QPushButton *>(u"takeOverButton"_s);
        auto *handBack = window.findChild<QPushButton *>(u"handBackButton"_s);
        auto *mode = window.findChild<QLabel *>(u"modeLabel"_s);
        QVERIFY(missedCalls && threads && messages && composer && send && takeOver && handBack && mode);
        QCOMPARE(mode->text(), windowOptions.modeText);

        // Calls and conversations arrive by themselves; a conversation in which the caller answered
        // is the one the receptionist opens.
        QTRY_VERIFY_WITH_TIMEOUT(missedCalls->model()->rowCount() > 0, 15000);
        QTRY_VERIFY_WITH_TIMEOUT(threads->model()->rowCount() > 0, 15000);
        QTRY_VERIFY_WITH_TIMEOUT(messages->model()->rowCount() > 0, 15000); // the first conversation opens itself
        auto replied = [&](const QModelIndex &index) {
            return index.data(ThreadListModel::StatusRole).toString() == u"replied"_s
                && index.data(ThreadListModel::StateRole).toString() == u"ai"_s;
        };
        QTRY_VERIFY_WITH_TIMEOUT(rowWhere(threads->model(), replied) >= 0, 15000);
        QVERIFY(!missedCalls->model()->index(0, 0).data(Qt::DisplayRole).toString().isEmpty());

        const int row = rowWhere(threads->model(), replied);
        const QString threadId = threads->model()->index(row, 0).data(ThreadListModel::ThreadIdRole).toString();
        click(threads, row);
        QCOMPARE(window.currentThreadId(), threadId);
        QTRY_VERIFY(messages->model()->rowCount() >= 2); // our first text and the caller's answer
        QCOMPARE(messages->model()->index(0, 0).data(MessageListModel::AuthorRole).toString(), u"system"_s);
        const int customerRow = rowWhere(messages->model(), [](const QModelIndex &index) {
            return index.data(MessageListModel::AuthorRole).toString() == u"customer"_s;
        });
        QVERIFY(customerRow > 0);

        // Take over: the store says staff, and the buttons follow.
        QVERIFY(takeOver->isEnabled());
        QVERIFY(!handBack->isEnabled());
        const QDateTime takenAt = QDateTime::currentDateTimeUtc();
        QTest::mouseClick(takeOver, Qt::LeftButton);
        ThreadRepository store(session->database());
        QCOMPARE(store.byId(threadId)->state, u"staff"_s);
        QTRY_VERIFY(!takeOver->isEnabled());
        QVERIFY(handBack->isEnabled());

        // Write and send: stored as staff, shown in the conversation, the composer emptied.
        const QString text = u"Hi, this is Jamie at Brightline. I'll call you in five minutes."_s;
        QVERIFY(composer->isEnabled());
        QTest::keyClicks(composer, text);
        QVERIFY(send->isEnabled());
        QTest::mouseClick(send, Qt::LeftButton);
        const auto stored = store.messages(threadId);
        const auto staffMessage = std::find_if(stored.cbegin(), stored.cend(),
            [&](const Message &m) { return m.author == u"staff"_s && m.direction == u"out"_s && m.body == text; });
        QVERIFY(staffMessage != stored.cend());
        QCOMPARE(staffMessage->status, u"delivered"_s); // the simulated line delivers at once
        QVERIFY(composer->toPlainText().isEmpty());
        const QString staffMessageId = staffMessage->id;
        QTRY_VERIFY(rowWhere(messages->model(), [&](const QModelIndex &index) {
            return index.data(MessageListModel::MessageIdRole).toString() == staffMessageId;
        }) >= 0);

        // The simulated caller answers the receptionist; the agent stays silent meanwhile.
        QTRY_VERIFY_WITH_TIMEOUT(store.messages(threadId).constLast().author == u"customer"_s, 10000);
        for (const auto &m : store.messages(threadId)) {
            if (m.at > takenAt && m.direction == u"out"_s)
                QCOMPARE(m.author, u"staff"_s);
        }
        QCOMPARE(store.byId(threadId)->state, u"staff"_s);

        // Hand back, then take over again from the keyboard.
        QTest::mouseClick(handBack, Qt::LeftButton);
        QCOMPARE(store.byId(threadId)->state, u"ai"_s);
        QTRY_VERIFY(takeOver->isEnabled());
        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        QTest::keyClick(&window, Qt::Key_T, Qt::ControlModifier);
        QTRY_COMPARE(store.byId(threadId)->state, u"staff"_s); // a button's shortcut clicks it after a short flash

        // The audit log names the desk for each action.
        int byDesk = 0;
        for (const auto &entry : AuditRepository(session->database()).forSubject(threadId))
            if (entry.actor == windowOptions.actor)
                ++byDesk;
        QVERIFY(byDesk >= 3); // takeover, handback, takeover (a staff reply may add its own)

        QVERIFY(session->driver()->callsPlaced() >= 1);
        session->stop();
        QVERIFY(!session->driver()->isRunning());
        QVERIFY(!session->driver()->callScheduled()); // stopped: no call is still to come
    }

    void deskKeepsScrollAndRaisesHandoffs();
    void driverPlaysBoundedCallersThatHonourStop();
};

void TestDemoSmoke::deskKeepsScrollAndRaisesHandoffs()
{
    // No driver: this test plays the callers itself on the session's simulated line.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    SimulatedSession::Options options;
    options.storePath = dir.filePath(u"desk.sqlite"_s);
    options.profileJson = BundledResources::demoProfileJson();
    QString error;
    auto session = SimulatedSession::open(options, &error);
    QVERIFY2(session, qPrintable(error));
    QVERIFY(!session->driver());
    MainWindow window(session->engine(), MainWindow::Options());
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    session->start();
    auto *threads = window.findChild<QListView *>(u"threadListView"_s);
    auto *alert = window.findChild<QLabel *>(u"alertLabel"_s);
    auto *state = window.findChild<QLabel *>(u"threadStateLabel"_s);
    QVERIFY(threads && alert && state);

    for (int i = 0; i < 30; ++i)
        session->line().placeMissedCall(u"+1720555%1"_s.arg(200 + i, 4, 10, QChar(u'0')));
    QTRY_COMPARE(threads->model()->rowCount(), 30);
    QVERIFY(!window.currentThreadId().isEmpty()); // the desk opened the newest conversation by itself
    const QString opened = window.currentThreadId();

    // Scrolled down, the reader keeps their place while new conversations arrive on top.
    threads->scrollTo(threads->model()->index(20, 0), QAbstractItemView::PositionAtTop);
    const QModelIndex top = threads->indexAt(QPoint(1, 1));
    QVERIFY(top.isValid());
    QVERIFY(top.row() > 0);
    const QString topThread = top.data(ThreadListModel::ThreadIdRole).toString();
    session->line().placeMissedCall(u"+17205550301"_s);
    session->line().placeMissedCall(u"+17205550302"_s);
    QTRY_COMPARE(threads->model()->rowCount(), 32);
    QTRY_COMPARE(threads->indexAt(QPoint(1, 1)).data(ThreadListModel::ThreadIdRole).toString(), topThread);
    QCOMPARE(window.currentThreadId(), opened); // and the open conversation stays open

    // A caller asks for a person: an alert with a link, and the conversation says it waits for one.
    const QString caller = u"+17205550210"_s;
    session->line().sendFromCaller(caller, u"can I talk to a real person please?"_s);
    QTRY_VERIFY(alert->isVisible());
    QVERIFY(alert->text().contains(u"needs a person"_s));
    const auto handedOff = ThreadRepository(session->database()).latestFor(caller);
    QVERIFY(handedOff);
    QCOMPARE(handedOff->outcome, u"handed_off"_s);
    emit alert->linkActivated(u"thread"_s);
    QCOMPARE(window.currentThreadId(), handedOff->id);
    QVERIFY(alert->isVisible()); // opening is not acknowledging: the mark stays until someone does
    // A scroll the desk asks for wins over keeping the reader's place.
    QTRY_VERIFY(threads->viewport()->rect().intersects(threads->visualRect(threads->currentIndex())));
    QVERIFY(threads->currentIndex().data(ThreadListModel::NeedsAttentionRole).toBool());
    QVERIFY2(state->text().contains(u"Waiting for a person"_s), qPrintable(state->text()));
    auto *acknowledge = window.findChild<QPushButton *>(u"acknowledgeButton"_s);
    QVERIFY(acknowledge && acknowledge->isVisible());
    QTest::mouseClick(acknowledge, Qt::LeftButton);
    QTRY_VERIFY(!alert->isVisible());
    QVERIFY(!ThreadRepository(session->database()).byId(handedOff->id)->needsAttention);
    session->stop();
}

void TestDemoSmoke::driverPlaysBoundedCallersThatHonourStop()
{
    // The demo's callers at high speed against the real engine: the driver stops at its bound,
    // every caller got the first text at once, conversations end (booked, declined, handed off,
    // opted out), and a number that sent STOP never texts again.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    SimulatedSession::Options options;
    options.storePath = dir.filePath(u"fast.sqlite"_s);
    options.profileJson = BundledResources::demoProfileJson();
    options.contactsJson = BundledResources::demoContactsJson();
    options.driveDemo = true;
    options.driver.maxCalls = 60;
    options.driver.firstCallMs = 0;
    options.driver.minGapMs = 15;
    options.driver.maxGapMs = 40;
    options.driver.minReplyMs = 2;
    options.driver.maxReplyMs = 10;
    QString error;
    auto session = SimulatedSession::open(options, &error);
    QVERIFY2(session, qPrintable(error));
    DemoDriver *driver = session->driver();
    QSignalSpy placed(driver, &DemoDriver::callPlaced);
    QSignalSpy done(driver, &DemoDriver::allCallsPlaced);
    session->start();
    QTRY_COMPARE_WITH_TIMEOUT(done.size(), 1, 20000);
    // Until the callers have said everything: no reply waiting for its moment, no text on the line
    // unanswered, none in the outbox. Each of these would start the others again.
    const auto quiet = [&] {
        return driver->repliesScheduled() == 0 && session->line().answersInFlight() == 0
            && OutboxRepository(session->database()).pendingCount() == 0;
    };
    QTRY_VERIFY_WITH_TIMEOUT(quiet(), 30000);
    QCOMPARE(driver->callsPlaced(), 60);
    QCOMPARE(placed.size(), 60);
    QVERIFY(!driver->callScheduled()); // the bound holds: no call is still to come

    Database &db = session->database();
    QCOMPARE(CallRepository(db).recent(1000).size(), 60);
    ThreadRepository threads(db);
    const QStringList optedOut = OptOutRepository(db).all();
    int booked = 0;
    int customerTexts = 0;
    for (const auto &t : threads.all()) {
        const auto messages = threads.messages(t.id);
        QVERIFY(!messages.isEmpty());
        QVERIFY2(messages.first().direction == u"out"_s || optedOut.contains(t.phone), qPrintable(t.phone));
        booked += t.outcome == u"booked"_s ? 1 : 0;
        bool stopped = false;
        int afterStop = 0;
        for (const auto &m : messages) {
            if (m.direction == u"in"_s) {
                ++customerTexts;
                QVERIFY2(!stopped, qPrintable(t.phone + u" texted after STOP: "_s + m.body));
                stopped = stopped || m.body == u"STOP"_s;
            } else if (stopped && m.status != u"cancelled"_s) {
                ++afterStop;
            }
        }
        QVERIFY2(afterStop <= 1, qPrintable(t.phone)); // the one confirmation
        if (stopped)
            QVERIFY(optedOut.contains(t.phone));
    }
    QVERIFY(booked >= 5);
    QVERIFY(customerTexts >= 60);

    // Stopped means silent.
    session->stop();
    QVERIFY(!driver->isRunning());
    const int sent = driver->textsSent();
    // Staff texts a caller the driver played (one who has not opted out) ...
    const QString played = [&] {
        for (const auto &args : std::as_const(placed)) {
            const QString phone = args.at(0).toString();
            if (!optedOut.contains(phone) && threads.latestFor(phone))
                return phone;
        }
        return QString();
    }();
    QVERIFY(!played.isEmpty());
    QSignalSpy delivered(&session->line(), &SimulatedLine::textDelivered);
    QVERIFY(session->engine().sendStaffMessage(threads.latestFor(played)->id, u"Are you still there?"_s, u"staff"_s));
    session->engine().dispatchOutbox();
    QTRY_VERIFY(!delivered.isEmpty()); // delivered: a driver still running would schedule its reply now
    QCOMPARE(delivered.last().at(0).toString(), played);
    QCOMPARE(driver->repliesScheduled(), 0);
    QCOMPARE(driver->textsSent(), sent); // ... who no longer answers
}

QTEST_MAIN(TestDemoSmoke)
#include "tst_demosmoke.moc"
