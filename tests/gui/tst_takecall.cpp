// Take call on the desk (issue 18), offscreen: the real window on the engine of a Twilio-compatible line
// against the provider emulator. A call the agent answers is live on the desk; the receptionist clicks
// Take call (or presses Ctrl+Shift+C) and the emulator sees the live call put through to the desk's phone.
#include "app/core/clock.h"
#include "app/voice/calltakeover.h"
#include "integrations/simulator/demodriver.h"
#include "integrations/simulator/simulatedsession.h"
#include "integrations/simulator/simulatedvoiceline.h"
#include "integrations/twilio/twiliocallcontrol.h"
#include "integrations/twilio/twiliosession.h"
#include "models/messagelistmodel.h"
#include "models/missedcallmodel.h"
#include "models/repositories.h"
#include "resources/bundledresources.h"
#include "tests/support/emulatedline.h"
#include "tests/support/twilioemulator.h"
#include "ui/deskpane.h"
#include "ui/mainwindow.h"

#include <QFile>
#include <QLabel>
#include <QListView>
#include <QLoggingCategory>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace FrontDesk;
using namespace Qt::StringLiterals;

namespace {

using namespace FrontDesk::TestSupport;
using namespace FrontDesk::TestSupport::EmulatedAccount;
const QString kTransfer = u"+13105550199"_s; // the profile's voice.transfer_to: the default desk phone
const QString kCaller = u"+13105550112"_s;
const QString kActor = u"staff:desk"_s;

} // namespace

class TestTakeCall : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    int m_run = 0;
    std::unique_ptr<SimulatedClock> m_clock;
    std::unique_ptr<TwilioEmulator> m_emu;
    std::unique_ptr<TwilioSession> m_session;
    std::unique_ptr<MainWindow> m_window;
    QPushButton *m_takeCall = nullptr;

    void open(bool withCallControl)
    {
        m_window.reset();
        m_session.reset();
        m_emu.reset();
        m_clock = std::make_unique<SimulatedClock>(
            QDateTime(QDate(2026, 3, 2), QTime(14, 0), QTimeZone("America/Los_Angeles")));
        m_emu = startEmulator(*m_clock);
        QVERIFY(m_emu);
        const QByteArray profile = fixtureProfile(u"voice-plumbing-la.json"_s);
        QVERIFY(!profile.isEmpty());
        QString error;
        m_session = startEmulatedLine(*m_emu,
            emulatedLineOptions(*m_emu, *m_clock, m_dir.filePath(u"takecall-%1.sqlite"_s.arg(++m_run)), profile),
            &error);
        QVERIFY2(m_session, qPrintable(error));

        MainWindow::Options options;
        options.actor = kActor;
        if (withCallControl)
            options.callControl = &m_session->callControl();
        m_window = std::make_unique<MainWindow>(m_session->engine(), options);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        m_takeCall = m_window->findChild<QPushButton *>(u"takeCallButton"_s);
        QVERIFY(m_takeCall);
    }

    // The caller rings, nobody at the office answers, the agent picks up and hears the first words.
    QString liveCall()
    {
        const QString callSid = m_emu->placeCall(kCaller, u"no-answer"_s);
        [&] { QTRY_COMPARE(m_emu->webhooks(u"/twilio/dial-status"_s).value(0).status, 200); }();
        m_emu->deliverWebhook(u"/twilio/gather?step=1"_s,
            {{u"AccountSid"_s, kSid}, {u"CallSid"_s, callSid}, {u"From"_s, kCaller},
                {u"SpeechResult"_s, u"my water heater is leaking"_s}});
        [&] { QTRY_COMPARE(m_emu->webhooks(u"/twilio/gather"_s).value(0).status, 200); }();
        return callSid;
    }

    QString threadId() { return ThreadRepository(m_session->database()).latestFor(kCaller)->id; }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QLoggingCategory::setFilterRules(u"frontdesk.*.info=false\nqt.*=false"_s);
    }
    void cleanup()
    {
        m_window.reset();
        m_session.reset();
        m_emu.reset();
    }

    void clickTakeCall()
    {
        open(true);
        QVERIFY(!m_takeCall->isEnabled()); // no conversation open
        const QString callSid = liveCall();
        const QString thread = threadId();
        m_window->selectThread(thread);
        QTRY_VERIFY(m_takeCall->isEnabled());
        QVERIFY(m_takeCall->isVisible());
        QVERIFY(!m_takeCall->accessibleName().isEmpty());
        QCOMPARE(m_takeCall->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));

        QTest::mouseClick(m_takeCall, Qt::LeftButton);
        QTRY_COMPARE(m_emu->redirects().size(), 1);
        QCOMPARE(m_emu->redirects().first().callSid, callSid);
        QCOMPARE(m_emu->redirects().first().dialNumber, kTransfer);
        QTRY_COMPARE(ThreadRepository(m_session->database()).byId(thread)->state, u"staff"_s);
        QTRY_VERIFY(!m_takeCall->isEnabled()); // the agent is off the call: nothing to take
        auto *notice = m_window->findChild<QLabel *>(u"deskNoticeLabel"_s);
        QVERIFY(notice);
        QTRY_VERIFY2(notice->text().contains(u"desk phone"_s), qPrintable(notice->text()));
        QCOMPARE(CallRepository(m_session->database()).bySid(callSid)->status, u"transferred"_s);
    }

    // A live call on the desk: the missed-calls row says the assistant is on it (with its mark), the
    // conversation shows the spoken turns on the voice channel; when the call ends the row is a normal one.
    void liveCallOnTheDesk()
    {
        open(true);
        const QString callSid = liveCall();
        auto *calls = m_window->findChild<QListView *>(u"missedCallsView"_s);
        QVERIFY(calls);
        QAbstractItemModel *model = calls->model();
        QTRY_COMPARE(model->rowCount(), 1);
        QTRY_VERIFY(model->index(0, 0).data(MissedCallModel::LiveCallRole).toBool());
        QCOMPARE(model->index(0, 0).data(MissedCallModel::StatusRole).toString(), u"on_call"_s);
        m_window->selectThread(threadId());
        auto *state = m_window->findChild<QLabel *>(u"threadStateLabel"_s);
        QTRY_VERIFY2(state->text().contains(u"On a call with the assistant"_s), qPrintable(state->text()));
        auto *messages = m_window->findChild<QListView *>(u"messageListView"_s);
        QTRY_VERIFY(messages->model()->rowCount() >= 3); // greeting, the caller's words, the agent's answer
        for (int i = 0; i < messages->model()->rowCount(); ++i)
            QCOMPARE(messages->model()->index(i, 0).data(MessageListModel::ChannelRole).toString(), u"voice"_s);

        m_emu->hangUpCall(callSid);
        QTRY_VERIFY(!model->index(0, 0).data(MissedCallModel::LiveCallRole).toBool());
        QVERIFY(model->index(0, 0).data(MissedCallModel::StatusRole).toString() != u"on_call"_s);
        QTRY_VERIFY(!m_takeCall->isEnabled());
        QTRY_VERIFY(!state->text().contains(u"On a call with the assistant"_s));
    }

    // The keyboard: Ctrl+Shift+C on the open conversation of a live call.
    void shortcutTakesTheCall()
    {
        open(true);
        liveCall();
        m_window->selectThread(threadId());
        QTRY_VERIFY(m_takeCall->isEnabled());
        m_window->activateWindow();
        QTest::keyClick(m_window.get(), Qt::Key_C, Qt::ControlModifier | Qt::ShiftModifier);
        QTRY_COMPARE(m_emu->redirects().size(), 1);
    }

    // The call ended before the click reached the provider: the desk says so, the agent's thread stays.
    void endedCallIsSaid()
    {
        open(true);
        const QString callSid = liveCall();
        const QString thread = threadId();
        m_window->selectThread(thread);
        QTRY_VERIFY(m_takeCall->isEnabled());
        m_emu->hangUpCall(callSid, false); // the status callback is still on its way
        QTest::mouseClick(m_takeCall, Qt::LeftButton);
        auto *error = m_window->findChild<QLabel *>(u"composerErrorLabel"_s);
        QVERIFY(error);
        QTRY_VERIFY2(error->isVisible() && error->text().contains(u"The call has ended"_s), qPrintable(error->text()));
        QVERIFY(m_emu->redirects().isEmpty());
        QCOMPARE(ThreadRepository(m_session->database()).byId(thread)->state, u"ai"_s);
        // The status callback arrives: the call is over, Take call goes away.
        m_emu->hangUpCall(callSid);
        QTRY_VERIFY(!m_takeCall->isEnabled());
    }

    // Demo mode: the driver's voice call shows live on the desk, then over; and Take call works on it.
    void demoVoiceCall_data()
    {
        QTest::addColumn<bool>("take");
        QTest::newRow("the caller hangs up") << false;
        QTest::newRow("taken at the desk") << true;
    }
    void demoVoiceCall()
    {
        QFETCH(bool, take);
        QTemporaryDir dir;
        SimulatedSession::Options options;
        options.storePath = dir.filePath(u"demo.sqlite"_s);
        options.freshStore = true;
        options.profileJson = BundledResources::demoProfileJson();
        options.contactsJson = BundledResources::demoContactsJson();
        options.driveDemo = true;
        options.driver.firstCallMs = 10;
        options.driver.maxCalls = 1;
        options.driver.voiceEvery = 1;
        options.driver.minReplyMs = take ? 3000 : 300; // a slow caller leaves time to take the call
        options.driver.maxReplyMs = take ? 3000 : 500;
        QString error;
        auto session = SimulatedSession::open(options, &error);
        QVERIFY2(session, qPrintable(error));
        MainWindow::Options windowOptions;
        windowOptions.actor = kActor;
        windowOptions.callControl = &session->voiceLine();
        MainWindow window(session->engine(), windowOptions);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QSignalSpy ended(&session->voiceLine(), &SimulatedVoiceLine::callEnded);
        QSignalSpy putThrough(&session->voiceLine(), &SimulatedVoiceLine::callPutThrough);
        session->start();
        QTRY_COMPARE(session->driver()->voiceCallsPlaced(), 1);
        auto *calls = window.findChild<QListView *>(u"missedCallsView"_s);
        QTRY_COMPARE(calls->model()->rowCount(), 1);
        const QModelIndex row = calls->model()->index(0, 0);
        QTRY_VERIFY(row.data(MissedCallModel::LiveCallRole).toBool());
        QCOMPARE(row.data(MissedCallModel::StatusRole).toString(), u"on_call"_s);
        auto *takeCall = window.findChild<QPushButton *>(u"takeCallButton"_s);
        if (take) {
            window.selectThread(row.data(MissedCallModel::ThreadIdRole).toString());
            QTRY_VERIFY(takeCall->isEnabled());
            QTest::mouseClick(takeCall, Qt::LeftButton);
            QTRY_COMPARE(putThrough.size(), 1);
            QCOMPARE(putThrough.at(0).at(2).toString(), u"+13035550199"_s); // the demo's transfer number
        }
        // The call ends: a normal row again.
        QTRY_VERIFY_WITH_TIMEOUT(ended.size() == 1, 20000);
        QTRY_VERIFY(!calls->model()->index(0, 0).data(MissedCallModel::LiveCallRole).toBool());
        QVERIFY(calls->model()->index(0, 0).data(MissedCallModel::StatusRole).toString() != u"on_call"_s);
        QVERIFY(!takeCall->isEnabled());
        const auto thread = ThreadRepository(session->database())
                                .byId(calls->model()->index(0, 0).data(MissedCallModel::ThreadIdRole).toString());
        QVERIFY(thread);
        int spoken = 0;
        for (const auto &m : ThreadRepository(session->database()).messages(thread->id))
            spoken += m.channel == u"voice"_s ? 1 : 0;
        QVERIFY2(spoken >= (take ? 1 : 4), qPrintable(QString::number(spoken))); // the greeting and the caller's words
        QCOMPARE(thread->state, take ? u"staff"_s : u"ai"_s);
        session->stop();
    }

    // A line that can't put calls through (no call control): the button stays off.
    void lineWithoutCallControl()
    {
        open(false);
        liveCall();
        m_window->selectThread(threadId());
        QTRY_VERIFY(m_window->findChild<QLabel *>(u"threadStateLabel"_s)->text().size() > 0);
        QVERIFY(!m_takeCall->isEnabled());
    }
};

QTEST_MAIN(TestTakeCall)
#include "tst_takecall.moc"
