// The voice receptionist on a Twilio-compatible line (issue 18), end to end through real HTTP on
// loopback: the session (store, engine, gateway, webhook server) against the provider emulator, with
// signed webhooks. The full TwiML sequence of a booking, a transfer, a hang-up then the text-back, an
// opted-out caller, a retried gather, a forged one.
#include "app/core/clock.h"
#include "app/reports/voicecallcounts.h"
#include "app/voice/calltakeover.h"
#include "integrations/twilio/twiliocallcontrol.h"
#include "integrations/twilio/twiliosession.h"
#include "models/database.h"
#include "models/messagelistmodel.h"
#include "models/repositories.h"
#include "models/voicereplyrepository.h"
#include "tests/support/emulatedline.h"
#include "tests/support/twilioemulator.h"

#include <QFile>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace FrontDesk;
using namespace Qt::StringLiterals;

namespace {

using namespace FrontDesk::TestSupport;
using namespace FrontDesk::TestSupport::EmulatedAccount;
const QString kTransfer = u"+13105550199"_s; // the profile's voice.transfer_to
const QString kCaller = u"+13105550112"_s;
const QString kDeskPhone = u"+13105550177"_s; // Settings > Phone line: the desk's phone (Take call)
const QString kActor = u"staff:desk"_s;
const QTimeZone kLosAngeles("America/Los_Angeles");

} // namespace

class TestVoiceWebhooks : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    int m_run = 0;
    std::unique_ptr<SimulatedClock> m_clock;
    std::unique_ptr<TwilioEmulator> m_emu;
    std::unique_ptr<TwilioSession> m_session;

    // A new store and account; the engine on the voice-enabled plumbing profile (after_ring, 15 s).
    void fresh()
    {
        m_session.reset();
        m_emu.reset();
        m_clock = std::make_unique<SimulatedClock>(QDateTime(QDate(2026, 3, 2), QTime(14, 0), kLosAngeles));
        m_emu = startEmulator(*m_clock);
        QVERIFY(m_emu);
        const QByteArray profile = fixtureProfile(u"voice-plumbing-la.json"_s);
        QVERIFY(!profile.isEmpty());
        QString error;
        m_session = startEmulatedLine(*m_emu,
            emulatedLineOptions(*m_emu, *m_clock, m_dir.filePath(u"voice-%1.sqlite"_s.arg(++m_run)), profile), &error);
        QVERIFY2(m_session, qPrintable(error));
    }

    Database &db() { return m_session->database(); }

    // The caller's call rings the office, nobody answers, the agent picks up: its greeting.
    QString answeredCall()
    {
        const QString callSid = m_emu->placeCall(kCaller, u"no-answer"_s);
        [&] { QTRY_COMPARE(m_emu->webhooks(u"/twilio/dial-status"_s).value(0).status, 200); }();
        return callSid;
    }
    // What the caller says (or presses) at a step of the call; the TwiML it got back.
    QByteArray gather(const QString &callSid, int step, const QString &speech, const QString &digits = {})
    {
        TwilioParams params {{u"AccountSid"_s, kSid}, {u"CallSid"_s, callSid}, {u"From"_s, kCaller}, {u"To"_s, kNumber},
            {u"CallStatus"_s, u"in-progress"_s}};
        if (!speech.isEmpty())
            params.append({u"SpeechResult"_s, speech});
        if (!digits.isEmpty())
            params.append({u"Digits"_s, digits});
        const qsizetype before = m_emu->webhooks(u"/twilio/gather"_s).size();
        m_emu->deliverWebhook(u"/twilio/gather?step=%1"_s.arg(step), params);
        bool answered = false;
        [&] {
            QTRY_VERIFY(m_emu->webhooks(u"/twilio/gather"_s).size() > before
                && m_emu->webhooks(u"/twilio/gather"_s).at(before).status != 0);
            answered = true;
        }();
        if (!answered)
            return {};
        const auto hook = m_emu->webhooks(u"/twilio/gather"_s).at(before);
        return hook.status == 200 ? hook.response : QByteArray::number(hook.status);
    }
    void hangUp(const QString &callSid)
    {
        const qsizetype before = m_emu->webhooks(u"/twilio/call-status"_s).size();
        m_emu->deliverWebhook(u"/twilio/call-status"_s,
            {{u"AccountSid"_s, kSid}, {u"CallSid"_s, callSid}, {u"From"_s, kCaller},
                {u"CallStatus"_s, u"completed"_s}});
        QTRY_VERIFY(m_emu->webhooks(u"/twilio/call-status"_s).size() > before
            && m_emu->webhooks(u"/twilio/call-status"_s).at(before).status == 200);
    }
    QList<Message> messages(const QString &channel, const QString &direction)
    {
        QList<Message> out;
        ThreadRepository threads(db());
        if (const auto t = threads.latestFor(kCaller)) {
            for (const auto &m : threads.messages(t->id))
                if (m.channel == channel && m.direction == direction)
                    out << m;
        }
        return out;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QLoggingCategory::setFilterRules(u"frontdesk.*.info=false\nqt.*=false"_s);
    }
    void cleanup()
    {
        m_session.reset();
        m_emu.reset();
    }

    void bookingSequence()
    {
        fresh();
        const QString callSid = answeredCall();
        // The staff line rings ring_s first, then the agent answers and listens for speech.
        QCOMPARE(m_emu->lastDial().timeoutSec, 15);
        QCOMPARE(m_emu->lastDial().number, kOffice);
        const QByteArray greeting = m_emu->webhooks(u"/twilio/dial-status"_s).value(0).response;
        QVERIFY2(greeting.contains("<Gather input=\"speech dtmf\""), greeting);
        QVERIFY2(greeting.contains("action=\"https://frontdesk.test/twilio/gather?step=1\""), greeting);
        QVERIFY2(greeting.contains("hints=\"Drain cleaning, clogged drain"), greeting);
        QVERIFY2(greeting.contains("<Say>You&apos;ve reached Westside Rooter &amp; Plumbing."), greeting);
        QCOMPARE(m_emu->outboundTo(kCaller).size(), 0); // no text-back: the agent took the call

        QByteArray twiml = gather(callSid, 1, u"yeah my kitchen sink is clogged"_s);
        QVERIFY2(twiml.contains("ZIP") && twiml.contains("step=2"), twiml);
        twiml = gather(callSid, 2, u"nine oh zero two four"_s);
        QVERIFY2(twiml.contains("name") && twiml.contains("step=3"), twiml);
        twiml = gather(callSid, 3, u"Maria Lopez"_s);
        twiml = gather(callSid, 4, u"tomorrow morning"_s);
        QVERIFY2(twiml.contains("Which works?") && !twiml.contains("Reply"), twiml);
        twiml = gather(callSid, 5, u"the first one"_s);
        QVERIFY2(
            twiml.contains("You&apos;re booked: Drain cleaning, tomorrow at") && twiml.contains("<Hangup/>"), twiml);
        QVERIFY(!twiml.contains("<Gather"));
        // One booking, confirmed by SMS.
        QTRY_COMPARE(m_emu->outboundTo(kCaller).size(), 1);
        QVERIFY(m_emu->outboundTo(kCaller).first().body.startsWith(u"Booked! Drain cleaning"_s));
        QCOMPARE(AppointmentRepository(db()).all().size(), 1);
        QCOMPARE(messages(u"voice"_s, u"in"_s).size(), 5);
        // The desk's conversation shows each turn's channel: spoken on the call, then the SMS confirmation.
        MessageListModel model(db());
        model.setThreadId(ThreadRepository(db()).latestFor(kCaller)->id);
        QCOMPARE(model.rowCount(), 12);
        QCOMPARE(model.index(0).data(MessageListModel::ChannelRole).toString(), u"voice"_s);
        QCOMPARE(model.index(0).data(MessageListModel::StatusRole).toString(), u"spoken"_s);
        QCOMPARE(model.index(11).data(MessageListModel::ChannelRole).toString(), u"sms"_s);
        const auto call = CallRepository(db()).bySid(callSid);
        QVERIFY(call);
        QCOMPARE(call->status, u"agent_booked"_s);
        // Reports: one call answered by the agent, booked by voice.
        QString error;
        const auto counts = VoiceCallCounts::count(db(), m_clock->now().addDays(-1), m_clock->now().addDays(1), &error);
        QVERIFY2(counts, qPrintable(error));
        QCOMPARE(counts->answeredByAgent, 1);
        QCOMPARE(counts->bookedByVoice, 1);
        QCOMPARE(counts->transferred, 0);
    }

    void transferSequence()
    {
        fresh();
        const QString callSid = answeredCall();
        const QByteArray twiml = gather(callSid, 1, u"can I talk to a real person please"_s);
        QVERIFY2(twiml.contains("<Dial><Number>+13105550199</Number></Dial>"), twiml);
        QVERIFY(!twiml.contains("<Gather"));
        const auto thread = ThreadRepository(db()).latestFor(kCaller);
        QVERIFY(thread);
        QCOMPARE(thread->outcome, u"handed_off"_s);
        QCOMPARE(thread->handoffReason, u"human_requested"_s);
        QCOMPARE(CallRepository(db()).bySid(callSid)->status, u"transferred"_s);
        // Pressing 0 on another call does the same.
        const QString second = m_emu->placeCall(u"+13105550113"_s, u"no-answer"_s);
        QTRY_COMPARE(m_emu->webhooks(u"/twilio/dial-status"_s).value(1).status, 200);
        TwilioParams keys {
            {u"AccountSid"_s, kSid}, {u"CallSid"_s, second}, {u"From"_s, u"+13105550113"_s}, {u"Digits"_s, u"0"_s}};
        m_emu->deliverWebhook(u"/twilio/gather?step=1"_s, keys);
        QTRY_COMPARE(m_emu->webhooks(u"/twilio/gather"_s).value(1).status, 200);
        const QByteArray dial = "<Dial><Number>" + kTransfer.toUtf8();
        QVERIFY(m_emu->webhooks(u"/twilio/gather"_s).value(1).response.contains(dial));
        QString error;
        const auto counts = VoiceCallCounts::count(db(), m_clock->now().addDays(-1), m_clock->now().addDays(1), &error);
        QVERIFY2(counts, qPrintable(error));
        QCOMPARE(counts->answeredByAgent, 2);
        QCOMPARE(counts->transferred, 2);
        QCOMPARE(counts->bookedByVoice, 0);
    }

    // Take call: the desk puts the live call through to its phone with the call-update API; the agent
    // says nothing more on it, the conversation is staff's, and the hang-up brings no text-back.
    void takeCallPutsTheCallThroughToTheDesk()
    {
        fresh();
        const QString callSid = answeredCall();
        QCOMPARE(m_emu->call(callSid)->status, u"in-progress"_s);
        QVERIFY(gather(callSid, 1, u"my water heater is leaking"_s).contains("<Gather"));
        const auto thread = ThreadRepository(db()).latestFor(kCaller);
        QVERIFY(thread);
        CallTakeover takeover(m_session->engine());
        takeover.setCallControl(&m_session->callControl());
        QCOMPARE(takeover.deskPhone(), kTransfer); // unset: the profile's transfer number
        QString error;
        QVERIFY(!takeover.saveDeskPhone(kActor, u"555"_s, &error));
        QVERIFY2(error.startsWith(u"Desk phone"_s), qPrintable(error));
        QVERIFY2(takeover.saveDeskPhone(kActor, u"(310) 555-0177"_s, &error), qPrintable(error));
        QCOMPARE(takeover.deskPhone(), kDeskPhone);
        QVERIFY(takeover.liveCall(thread->id));

        QSignalSpy taken(&takeover, &CallTakeover::callTaken);
        QSignalSpy failed(&takeover, &CallTakeover::takeCallFailed);
        QVERIFY2(takeover.takeCall(kActor, thread->id, &error), qPrintable(error));
        QVERIFY(takeover.isPending(thread->id));
        QTRY_COMPARE(taken.size(), 1);
        QCOMPARE(failed.size(), 0);
        QCOMPARE(taken.at(0).at(0).toString(), thread->id);
        QVERIFY(!takeover.isPending(thread->id));

        const auto updates = m_emu->requests(u"Calls.update"_s);
        QCOMPARE(updates.size(), 1);
        QVERIFY(updates.first().authorized);
        QCOMPARE(updates.first().status, 200);
        const auto redirects = m_emu->redirects();
        QCOMPARE(redirects.size(), 1);
        QCOMPARE(redirects.first().callSid, callSid);
        QCOMPARE(redirects.first().dialNumber, kDeskPhone);

        const auto after = ThreadRepository(db()).byId(thread->id);
        QCOMPARE(after->state, u"staff"_s);
        QCOMPARE(CallRepository(db()).bySid(callSid)->status, u"transferred"_s);
        QVERIFY(!takeover.liveCall(thread->id));
        bool audited = false;
        for (const auto &e : AuditRepository(db()).forSubject(thread->id))
            audited = audited || (e.action == u"call_taken"_s && e.actor == kActor && e.details.contains(kDeskPhone));
        QVERIFY(audited);

        // A gather still in flight for the call gets no agent turn: the caller goes to the desk.
        const qsizetype spoken = messages(u"voice"_s, u"out"_s).size();
        const QByteArray late = gather(callSid, 2, u"tomorrow morning works"_s);
        QVERIFY2(!late.contains("<Say") && !late.contains("<Gather"), late);
        const QByteArray toDesk = "<Dial><Number>" + kDeskPhone.toUtf8() + "</Number></Dial>";
        QVERIFY2(late.contains(toDesk), late);
        QCOMPARE(messages(u"voice"_s, u"out"_s).size(), spoken);
        // Taking it again asks nothing more of the line.
        QVERIFY(!takeover.takeCall(kActor, thread->id, &error));
        QCOMPARE(error, u"The call has ended"_s);

        // The desk's conversation ends: no text-back, still counted as transferred.
        m_emu->hangUpCall(callSid);
        QTRY_VERIFY(!m_emu->webhooks(u"/twilio/call-status"_s).isEmpty()
            && m_emu->webhooks(u"/twilio/call-status"_s).first().status == 200);
        QCOMPARE(messages(u"sms"_s, u"out"_s).size(), 0);
        QCOMPARE(CallRepository(db()).bySid(callSid)->status, u"transferred"_s);
        const auto counts = VoiceCallCounts::count(db(), m_clock->now().addDays(-1), m_clock->now().addDays(1), &error);
        QVERIFY2(counts, qPrintable(error));
        QCOMPARE(counts->transferred, 1);
    }

    // The call-update API's refusals, as the desk reads them: a call over or unknown is "ended"; bad
    // credentials say so.
    void takeCallRefusals()
    {
        fresh();
        const QString callSid = answeredCall();
        const QString thread = ThreadRepository(db()).latestFor(kCaller)->id;
        CallTakeover takeover(m_session->engine());
        takeover.setCallControl(&m_session->callControl());
        QSignalSpy failed(&takeover, &CallTakeover::takeCallFailed);
        // The caller hung up and the status callback hasn't come: the provider says the call is over.
        m_emu->hangUpCall(callSid, false);
        QString error;
        QVERIFY2(takeover.takeCall(kActor, thread, &error), qPrintable(error));
        QTRY_COMPARE(failed.size(), 1);
        QCOMPARE(failed.at(0).at(1).toString(), u"The call has ended"_s);
        QCOMPARE(m_emu->requests(u"Calls.update"_s).value(0).status, 400);
        QCOMPARE(ThreadRepository(db()).byId(thread)->state, u"ai"_s);

        TwilioCallControl &control = m_session->callControl();
        QSignalSpy refused(&control, &CallControl::redirectFailed);
        control.redirectCall(u"CA00000000000000000000000000000000"_s, kDeskPhone);
        QTRY_COMPARE(refused.size(), 1);
        QCOMPARE(refused.at(0).at(1).toString(), u"The call has ended"_s);
        QVERIFY(refused.at(0).at(2).toBool());
        QCOMPARE(m_emu->requests(u"Calls.update"_s).value(1).status, 404);

        TwilioSettings wrong;
        wrong.accountSid = kSid;
        wrong.authToken = "not-the-token";
        wrong.apiBaseUrl = QUrl(m_emu->baseUrl());
        QNetworkAccessManager network;
        TwilioCallControl badCredentials(wrong, network);
        QSignalSpy unauthorized(&badCredentials, &CallControl::redirectFailed);
        const QString live = m_emu->placeCall(u"+13105550113"_s, u"no-answer"_s);
        QTRY_COMPARE(m_emu->webhooks(u"/twilio/dial-status"_s).value(1).status, 200);
        badCredentials.redirectCall(live, kDeskPhone);
        QTRY_COMPARE(unauthorized.size(), 1);
        QVERIFY(unauthorized.at(0).at(1).toString().contains(u"credentials"_s));
        QVERIFY(!unauthorized.at(0).at(2).toBool());
        QVERIFY(m_emu->redirects().isEmpty());
        QCOMPARE(m_emu->call(live)->status, u"in-progress"_s);
    }

    void hangUpThenTextBack()
    {
        fresh();
        const QString callSid = answeredCall();
        gather(callSid, 1, u"my water heater pilot light keeps going out"_s);
        hangUp(callSid);
        QTRY_COMPARE(m_emu->outboundTo(kCaller).size(), 1);
        const QString text = m_emu->outboundTo(kCaller).first().body;
        QVERIFY2(text.contains(u"cut off"_s) && text.contains(u"STOP"_s), qPrintable(text));
        // The conversation goes on by SMS, where the call left it.
        m_emu->sendSms(kCaller, u"90025"_s);
        QTRY_COMPARE(m_emu->outboundTo(kCaller).size(), 2);
        QCOMPARE(LeadRepository(db()).byThread(ThreadRepository(db()).latestFor(kCaller)->id)->zip, u"90025"_s);
        // A second status callback for the same call changes nothing.
        hangUp(callSid);
        QCOMPARE(messages(u"sms"_s, u"out"_s).size(), 2);
    }

    void optedOutCallerGetsNoText()
    {
        fresh();
        QVERIFY(OptOutRepository(db()).optOut(kCaller, u"test"_s, m_clock->now().addDays(-1)));
        const QString callSid = answeredCall();
        gather(callSid, 1, u"my toilet keeps running"_s);
        hangUp(callSid);
        // The hang-up is stored with the call in the transaction the webhook answered after: no text.
        QCOMPARE(messages(u"sms"_s, u"out"_s).size(), 0);
        QCOMPARE(OutboxRepository(db()).pendingCount(), 0);
    }

    void retriedGatherGetsTheSameReply()
    {
        fresh();
        const QString callSid = answeredCall();
        const QByteArray first = gather(callSid, 1, u"my kitchen sink is clogged"_s);
        QVERIFY(first.contains("<Gather"));
        const auto hook = m_emu->webhooks(u"/twilio/gather"_s).first();
        m_emu->redeliver(hook);
        QTRY_COMPARE(m_emu->webhooks(u"/twilio/gather"_s).size(), 2);
        QTRY_VERIFY(m_emu->webhooks(u"/twilio/gather"_s).at(1).status != 0);
        QCOMPARE(m_emu->webhooks(u"/twilio/gather"_s).at(1).status, 200);
        QCOMPARE(m_emu->webhooks(u"/twilio/gather"_s).at(1).response, first);
        // Nothing doubled: one heard turn, one spoken reply to it, the step counted once.
        QCOMPARE(messages(u"voice"_s, u"in"_s).size(), 1);
        QCOMPARE(messages(u"voice"_s, u"out"_s).size(), 2); // the greeting and the reply
        QCOMPARE(VoiceReplyRepository(db()).find(callSid, 1).value_or(QByteArray()), first);
        // The retried dial-status gets the same greeting.
        m_emu->redeliver(m_emu->webhooks(u"/twilio/dial-status"_s).first());
        QTRY_COMPARE(m_emu->webhooks(u"/twilio/dial-status"_s).size(), 2);
        QTRY_COMPARE(m_emu->webhooks(u"/twilio/dial-status"_s).at(1).status, 200);
        QCOMPARE(m_emu->webhooks(u"/twilio/dial-status"_s).at(1).response,
            m_emu->webhooks(u"/twilio/dial-status"_s).at(0).response);
        QCOMPARE(messages(u"voice"_s, u"out"_s).size(), 2);
    }

    void silenceThenVoicemail()
    {
        fresh();
        const QString callSid = answeredCall();
        QByteArray twiml = gather(callSid, 1, {});
        QVERIFY2(twiml.contains("didn&apos;t catch that") && twiml.contains("<Gather"), twiml);
        twiml = gather(callSid, 2, {});
        QVERIFY2(twiml.contains("put you through") && twiml.contains("<Gather"), twiml);
        twiml = gather(callSid, 3, {});
        QVERIFY2(twiml.contains("<Record maxLength=\"120\" playBeep=\"true\" "
                                "action=\"https://frontdesk.test/twilio/voicemail\""),
            twiml);
        m_emu->deliverWebhook(u"/twilio/voicemail"_s,
            {{u"AccountSid"_s, kSid}, {u"CallSid"_s, callSid}, {u"From"_s, kCaller},
                {u"RecordingUrl"_s, u"https://api.twilio.test/Recordings/RE1"_s}});
        QTRY_COMPARE(m_emu->webhooks(u"/twilio/voicemail"_s).value(0).status, 200);
        QVERIFY(m_emu->webhooks(u"/twilio/voicemail"_s).value(0).response.contains("<Hangup/>"));
        // Kept with the call and shown in the conversation; the caller's message needs no text-back.
        QCOMPARE(CallRepository(db()).bySid(callSid)->status, u"voicemail"_s);
        const auto heard = messages(u"voice"_s, u"in"_s);
        QCOMPARE(heard.size(), 1);
        QVERIFY(heard.first().body.contains(u"Recordings/RE1"_s));
        hangUp(callSid);
        QCOMPARE(messages(u"sms"_s, u"out"_s).size(), 0);
    }

    void forgedGatherIsRefused()
    {
        fresh();
        const QString callSid = answeredCall();
        m_emu->deliverWebhook(u"/twilio/gather?step=1"_s,
            {{u"AccountSid"_s, kSid}, {u"CallSid"_s, callSid}, {u"From"_s, kCaller},
                {u"SpeechResult"_s, u"operator"_s}},
            "not-the-token");
        QTRY_COMPARE(m_emu->webhooks(u"/twilio/gather"_s).value(0).status, 403);
        QCOMPARE(messages(u"voice"_s, u"in"_s).size(), 0);
        QCOMPARE(ThreadRepository(db()).latestFor(kCaller)->outcome, u"no_reply"_s);
    }
};

QTEST_GUILESS_MAIN(TestVoiceWebhooks)
#include "tst_voicewebhooks.moc"
