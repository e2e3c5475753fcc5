// The voice receptionist's core without a store, an engine or a clock (issue 18): the profile's
// `voice` object, the spoken forms of digits and times (both ways), and the call dialogue around the
// one agent policy that texts use too.

#include "app/agent/agent.h"
#include "app/agent/messageparser.h"
#include "app/agent/spokenforms.h"
#include "app/voice/voicedialogue.h"
#include "models/businessprofile.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

Q_DECLARE_METATYPE(FrontDesk::VoiceEvent)

using namespace FrontDesk;
using namespace Qt::StringLiterals;

class TestVoiceDialogue : public QObject
{
    Q_OBJECT

private:
    std::optional<BusinessProfile> m_profile; // Bayou City Air (Houston), voice after_ring
    std::unique_ptr<MessageParser> m_parser;
    std::unique_ptr<Agent> m_agent;
    std::shared_ptr<const SpokenForms> m_spoken;

    QDateTime local(const QString &when) const
    {
        const QDateTime t = QDateTime::fromString(when, u"yyyy-MM-ddTHH:mm"_s);
        return QDateTime(t.date(), t.time(), m_profile->timeZone());
    }
    static QJsonObject profileJson()
    {
        QFile f(QStringLiteral(FRONTDESK_SHARED_DIR "/scenarios/profiles/hvac-houston.json"));
        if (!f.open(QIODevice::ReadOnly))
            return {};
        return QJsonDocument::fromJson(f.readAll()).object();
    }
    static QString said(const VoiceStep &step)
    {
        QStringList words;
        for (const auto &a : step.actions)
            if (a.kind == VoiceActionKind::Say)
                words << a.text;
        return words.join(u' ');
    }
    static QList<VoiceActionKind> kinds(const VoiceStep &step)
    {
        QList<VoiceActionKind> out;
        for (const auto &a : step.actions)
            out << a.kind;
        return out;
    }

    // A conversation on the phone: the dialogue, and for the caller's words the agent's turn on the
    // parsed speech, with the thread and lead carried from turn to turn as the engine stores them.
    struct Call
    {
        VoiceCallState state;
        Thread thread;
        Lead lead;
        QDateTime now;
        bool optedOut = false;
    };
    VoiceStep event(Call &call, const VoiceEvent &e) const
    {
        const VoiceDialogue dialogue(*m_profile);
        ParsedMessage parsed;
        if (e.kind == VoiceEventKind::Speech || e.kind == VoiceEventKind::Digits) {
            ParseContext context;
            context.awaiting = call.thread.awaiting;
            parsed = m_parser->parse(e.text, call.now, context);
        }
        VoiceContext context {call.optedOut, call.thread.outcome};
        VoiceStep step = dialogue.handle(call.state, e, parsed, context);
        if (step.askAgent) {
            AgentInput in;
            in.now = call.now;
            in.text = e.text;
            in.parsed = parsed;
            in.thread = call.thread;
            in.lead = call.lead;
            in.busy = [] { return QList<BusyInterval>(); };
            in.voice = true;
            const AgentDecision d = m_agent->respond(in);
            call.thread = d.thread;
            call.lead = d.lead;
            VoiceAgentTurn turn {
                d.replies, d.book, d.handoff ? d.thread.handoffReason : QString(), d.thread.outcome, call.now};
            if (d.book)
                call.thread.outcome = QString::fromLatin1(Outcome::Booked);
            step = dialogue.afterAgent(step.state, turn, VoiceContext {call.optedOut, call.thread.outcome});
        }
        call.state = step.state;
        call.now = call.now.addSecs(3);
        return step;
    }
    Call answered(VoiceStep *greeting = nullptr) const
    {
        Call call;
        call.thread.id = u"t1"_s;
        call.thread.awaiting = u"service"_s;
        call.lead.threadId = u"t1"_s;
        call.now = local(u"2026-06-08T10:00"_s);
        const VoiceStep step = VoiceDialogue(*m_profile).answer(call.state);
        call.state = step.state;
        if (greeting)
            *greeting = step;
        return call;
    }

private slots:
    void initTestCase()
    {
        ProfileError error;
        m_profile = BusinessProfile::fromJsonObject(profileJson(), &error);
        QVERIFY2(m_profile, qPrintable(error.toString()));
        m_parser = std::make_unique<MessageParser>(*m_profile);
        m_agent = std::make_unique<Agent>(*m_profile);
        m_spoken = SpokenForms::forLanguage(u"en"_s);
        QVERIFY(m_spoken);
    }

    // ---- the profile's voice object

    void profileVoiceRead()
    {
        QCOMPARE(m_profile->voice.mode, VoiceMode::AfterRing);
        QCOMPARE(m_profile->voice.ringSec, 20);
        QCOMPARE(m_profile->voice.transferTo, u"+17135550199"_s);
        QVERIFY(m_profile->voice.greetingText().contains(u"{business}"_s));
        // Exported and read back: the same settings.
        ProfileError error;
        const auto again = BusinessProfile::fromJsonObject(m_profile->toJson(), &error);
        QVERIFY2(again, qPrintable(error.toString()));
        QCOMPARE(again->voice.toJson(), m_profile->voice.toJson());
        // A profile without it: off, and nothing exported.
        QJsonObject plain = profileJson();
        plain.remove(u"voice"_s);
        const auto off = BusinessProfile::fromJsonObject(plain, &error);
        QVERIFY(off);
        QCOMPARE(off->voice.mode, VoiceMode::Off);
        QVERIFY(!off->toJson().contains(u"voice"_s));
    }

    void profileVoiceErrors_data()
    {
        QTest::addColumn<QJsonValue>("voice");
        QTest::addColumn<QString>("field");
        QTest::newRow("not an object") << QJsonValue(u"always"_s) << u"voice"_s;
        QTest::newRow("unknown mode") << QJsonValue(QJsonObject {{u"mode"_s, u"sometimes"_s}}) << u"voice.mode"_s;
        QTest::newRow("mode a number") << QJsonValue(QJsonObject {{u"mode"_s, 1}}) << u"voice.mode"_s;
        QTest::newRow("ring text") << QJsonValue(QJsonObject {{u"ring_s"_s, u"20"_s}}) << u"voice.ring_s"_s;
        QTest::newRow("ring fraction") << QJsonValue(QJsonObject {{u"ring_s"_s, 2.5}}) << u"voice.ring_s"_s;
        QTest::newRow("ring too long") << QJsonValue(QJsonObject {{u"ring_s"_s, 600}}) << u"voice.ring_s"_s;
        QTest::newRow("transfer not a number")
            << QJsonValue(QJsonObject {{u"transfer_to"_s, u"the office"_s}}) << u"voice.transfer_to"_s;
        QTest::newRow("greeting a list") << QJsonValue(QJsonObject {{u"greeting"_s, QJsonArray {u"hi"_s}}})
                                         << u"voice.greeting"_s;
    }
    void profileVoiceErrors()
    {
        QFETCH(QJsonValue, voice);
        QFETCH(QString, field);
        QJsonObject o = profileJson();
        o.insert(u"voice"_s, voice);
        ProfileError error;
        QVERIFY(!BusinessProfile::fromJsonObject(o, &error));
        QCOMPARE(error.field, field);
        QVERIFY(!error.problem.isEmpty());
    }

    // ---- spoken forms: what recognition writes, as the parser reads it

    void rewrite_data()
    {
        QTest::addColumn<QString>("speech");
        QTest::addColumn<QString>("expected");
        QTest::newRow("zip one by one") << u"three oh three oh seven"_s << u"30307"_s;
        QTest::newRow("zip with zeros") << u"it's seven seven zero zero six."_s << u"it's 77006."_s;
        QTest::newRow("zip with tens") << u"seventy seven oh oh six"_s << u"77006"_s;
        QTest::newRow("zip double") << u"seven seven double oh six"_s << u"77006"_s;
        QTest::newRow("zip dashes") << u"seven-seven-zero-one-nine"_s << u"77019"_s;
        QTest::newRow("phone") << u"call me at seven one three five five five oh one two three"_s
                               << u"call me at 7135550123"_s;
        QTest::newRow("half past") << u"nine thirty"_s << u"9:30"_s;
        QTest::newRow("minutes") << u"tomorrow at eleven forty five"_s << u"tomorrow at 11:45"_s;
        QTest::newRow("oh five") << u"at nine oh five"_s << u"at 9:05"_s;
        QTest::newRow("p m") << u"two p m"_s << u"2 pm"_s;
        QTest::newRow("p.m.") << u"around four p.m. works"_s << u"around 4 pm works"_s;
        QTest::newRow("a m") << u"eight a m tomorrow"_s << u"8 am tomorrow"_s;
        QTest::newRow("day and time") << u"the fifth at two thirty"_s << u"the 5th at 2:30"_s;
        QTest::newRow("day in tens") << u"on the twenty third at nine"_s << u"on the 23rd at nine"_s;
        QTest::newRow("ordinal choice stays") << u"the second one at the top"_s << u"the second one at the top"_s;
        QTest::newRow("choice stays") << u"the first one"_s << u"the first one"_s;
        QTest::newRow("interjection stays") << u"oh, okay"_s << u"oh, okay"_s;
        QTest::newRow("two units stay") << u"two units, three floors"_s << u"two units, three floors"_s;
        QTest::newRow("year stays") << u"twenty twenty six"_s << u"twenty twenty six"_s;
    }
    void rewrite()
    {
        QFETCH(QString, speech);
        QFETCH(QString, expected);
        QCOMPARE(m_spoken->rewrite(speech), expected);
    }

    void parsedSpeech()
    {
        const QDateTime now = local(u"2026-06-08T10:00"_s); // a Monday
        auto parse = [&](const QString &text, const QString &awaiting = {}) {
            return m_parser->parse(text, now, ParseContext {awaiting, false});
        };
        QCOMPARE(parse(u"seven seven zero zero six"_s, u"zip"_s).zip, u"77006"_s);
        QCOMPARE(parse(u"yeah it's seventy seven oh one nine"_s, u"zip"_s).zip, u"77019"_s);
        const auto nine = parse(u"tomorrow at nine thirty"_s, u"when"_s);
        QVERIFY(!nine.when.isEmpty());
        QCOMPARE(nine.when.first().start, local(u"2026-06-09T09:30"_s));
        const auto two = parse(u"wednesday two p m"_s, u"when"_s);
        QVERIFY(!two.when.isEmpty());
        QCOMPARE(two.when.first().start, local(u"2026-06-10T14:00"_s));
        const auto fifteenth = parse(u"the fifteenth at two thirty"_s, u"when"_s);
        QVERIFY(!fifteenth.when.isEmpty());
        QCOMPARE(fifteenth.when.first().start, local(u"2026-06-15T14:30"_s));
        const auto fifth = parse(u"the fifth at two thirty"_s, u"when"_s); // the 5th of the next month
        QVERIFY(!fifth.when.isEmpty());
        QCOMPARE(fifth.when.first().start, local(u"2026-07-05T14:30"_s));
        QCOMPARE(parse(u"the second one"_s, u"choice"_s).choice, std::optional<int>(2));
    }

    // ---- spoken forms: what the agent says

    void sayTimes()
    {
        QCOMPARE(m_spoken->time(QTime(9, 0)), u"nine"_s);
        QCOMPARE(m_spoken->time(QTime(11, 30)), u"eleven thirty"_s);
        QCOMPARE(m_spoken->time(QTime(9, 5)), u"nine oh five"_s);
        QCOMPARE(m_spoken->time(QTime(14, 0)), u"two p m"_s);
        QCOMPARE(m_spoken->time(QTime(15, 45)), u"three forty five p m"_s);
        QCOMPARE(m_spoken->time(QTime(12, 0)), u"noon"_s);
        const QDate monday(2026, 6, 8);
        QCOMPARE(m_spoken->day(monday, monday), u"today"_s);
        QCOMPARE(m_spoken->day(monday.addDays(1), monday), u"tomorrow"_s);
        QCOMPARE(m_spoken->day(monday.addDays(2), monday), u"Wednesday"_s);
        QCOMPARE(m_spoken->day(QDate(2026, 6, 16), monday), u"Tuesday the sixteenth"_s);
        QCOMPARE(m_spoken->day(QDate(2026, 6, 23), monday), u"Tuesday the twenty third"_s);
    }

    void forSpeech()
    {
        QCOMPARE(m_spoken->forSpeech(u"You're booked: AC repair at 2:30 PM with Jen. Reply C to cancel."_s),
            u"You're booked: AC repair at two thirty p m with Jen."_s);
        QCOMPARE(m_spoken->forSpeech(u"Thanks! See https://example.com/book for more. What's your ZIP code?"_s),
            u"Thanks! What's your ZIP code?"_s);
        QCOMPARE(m_spoken->forSpeech(u"Hi, this is Bayou City Air. Reply STOP to opt out."_s),
            u"Hi, this is Bayou City Air."_s);
    }

    // ---- the call dialogue

    void greetingThenListen()
    {
        VoiceStep greeting;
        const Call call = answered(&greeting);
        QCOMPARE(kinds(greeting), (QList<VoiceActionKind> {VoiceActionKind::Say, VoiceActionKind::Gather}));
        QVERIFY(said(greeting).startsWith(u"Thanks for calling Bayou City Air."_s));
        QCOMPARE(call.state.phase, VoicePhase::Talking);
        const QStringList hints = VoiceDialogue(*m_profile).speechHints();
        QVERIFY(hints.contains(u"AC repair"_s));
        QVERIFY(hints.contains(u"furnace"_s));
    }

    void booksByVoiceAndConfirmsBySms()
    {
        Call call = answered();
        VoiceStep step = event(call, {VoiceEventKind::Speech, u"hi, my AC is blowing warm air"_s});
        QCOMPARE(call.lead.service, u"ac-repair"_s);
        QCOMPARE(step.actions.last().kind, VoiceActionKind::Gather);
        step = event(call, {VoiceEventKind::Speech, u"seven seven zero zero six"_s});
        QCOMPARE(call.lead.zip, u"77006"_s);
        step = event(call, {VoiceEventKind::Speech, u"Rob Turner"_s});
        step = event(call, {VoiceEventKind::Speech, u"tomorrow afternoon"_s});
        QCOMPARE(call.thread.awaiting, u"choice"_s);
        // Offers said for the ear: days and spoken times, a question, no "Reply 1, 2 or 3".
        const QString offer = said(step);
        QVERIFY2(offer.contains(u"tomorrow at"_s) && offer.endsWith(u"Which works?"_s), qPrintable(offer));
        QVERIFY2(!offer.contains(u"Reply"_s) && !offer.contains(u":"_s) && !offer.contains(u"1)"_s), qPrintable(offer));
        step = event(call, {VoiceEventKind::Speech, u"the first one"_s});
        QVERIFY(call.state.booked);
        QCOMPARE(call.state.phase, VoicePhase::Ended);
        QCOMPARE(kinds(step),
            (QList<VoiceActionKind> {
                VoiceActionKind::Say, VoiceActionKind::SendConfirmation, VoiceActionKind::HangUp}));
        QVERIFY2(said(step).contains(u"You're booked: AC repair, tomorrow at"_s), qPrintable(said(step)));
        // Hanging up after the booking: no text-back on top of the confirmation.
        step = event(call, {VoiceEventKind::HangUp, {}});
        QVERIFY(step.actions.isEmpty());
    }

    void askingForAPersonTransfers_data()
    {
        QTest::addColumn<VoiceEvent>("ask");
        QTest::newRow("a real person") << VoiceEvent {VoiceEventKind::Speech, u"can I talk to a real person please"_s};
        QTest::newRow("operator") << VoiceEvent {VoiceEventKind::Speech, u"operator"_s};
        QTest::newRow("pressed 0") << VoiceEvent {VoiceEventKind::Digits, u"0"_s};
    }
    void askingForAPersonTransfers()
    {
        QFETCH(VoiceEvent, ask);
        Call call = answered();
        const VoiceStep step = event(call, ask);
        QCOMPARE(call.state.phase, VoicePhase::Transferred);
        QCOMPARE(step.actions.last().kind, VoiceActionKind::Transfer);
        QCOMPARE(step.actions.last().text, u"+17135550199"_s);
        QVERIFY2(!said(step).contains(u"text you"_s), qPrintable(said(step)));
        if (ask.kind == VoiceEventKind::Digits)
            QCOMPARE(step.handoffReason, u"human_requested"_s);
        else
            QCOMPARE(call.thread.handoffReason, u"human_requested"_s);
    }

    void emergencySafetyWordsThenTransfer()
    {
        Call call = answered();
        const VoiceStep step = event(call, {VoiceEventKind::Speech, u"I smell gas in the kitchen"_s});
        QCOMPARE(call.thread.handoffReason, u"emergency"_s);
        QCOMPARE(kinds(step), (QList<VoiceActionKind> {VoiceActionKind::Say, VoiceActionKind::Transfer}));
        QVERIFY2(said(step).contains(u"911"_s), qPrintable(said(step)));
    }

    void silenceTwiceOffersTransferThenVoicemail()
    {
        Call call = answered();
        VoiceStep step = event(call, {VoiceEventKind::Silence, {}});
        QCOMPARE(call.state.phase, VoicePhase::Talking);
        QVERIFY(said(step).contains(u"How can I help"_s)); // the question again
        step = event(call, {VoiceEventKind::Silence, {}});
        QCOMPARE(call.state.phase, VoicePhase::OfferingTransfer);
        QVERIFY(said(step).contains(u"put you through"_s));
        step = event(call, {VoiceEventKind::Silence, {}});
        QCOMPARE(call.state.phase, VoicePhase::Voicemail);
        QCOMPARE(step.actions.last().kind, VoiceActionKind::RecordVoicemail);
        step = event(call, {VoiceEventKind::Recorded, u"https://rec.example/RE1"_s});
        QCOMPARE(step.actions.last().kind, VoiceActionKind::HangUp);
        QCOMPARE(call.state.phase, VoicePhase::Ended);
    }

    void notUnderstoodTwiceOffersTransfer()
    {
        Call call = answered();
        event(call, {VoiceEventKind::Speech, u"blorp zzz"_s});
        QCOMPARE(call.state.phase, VoicePhase::Talking);
        event(call, {VoiceEventKind::Speech, u"glarb fnord"_s});
        QCOMPARE(call.state.phase, VoicePhase::OfferingTransfer);
        // "no": a message instead
        VoiceStep step = event(call, {VoiceEventKind::Speech, u"no"_s});
        QCOMPARE(call.state.phase, VoicePhase::Voicemail);
        QCOMPARE(step.actions.last().kind, VoiceActionKind::RecordVoicemail);
    }

    void offeredTransferAccepted()
    {
        Call call = answered();
        event(call, {VoiceEventKind::Silence, {}});
        event(call, {VoiceEventKind::Silence, {}});
        const VoiceStep step = event(call, {VoiceEventKind::Speech, u"yes please"_s});
        QCOMPARE(call.state.phase, VoicePhase::Transferred);
        QCOMPARE(step.handoffReason, u"human_requested"_s);
    }

    void hangUpStartsTheTextBack()
    {
        Call call = answered();
        event(call, {VoiceEventKind::Speech, u"my heater is making a weird noise"_s});
        const VoiceStep step = event(call, {VoiceEventKind::HangUp, {}});
        QCOMPARE(kinds(step), (QList<VoiceActionKind> {VoiceActionKind::StartTextBack}));
        const QString text = step.actions.first().text;
        QVERIFY2(text.contains(u"Bayou City Air"_s) && text.contains(u"STOP"_s), qPrintable(text));
        QVERIFY2(text.contains(u"ZIP"_s), qPrintable(text)); // where the call left off
        QCOMPARE(call.state.phase, VoicePhase::Ended);
    }

    void optedOutCallerGetsNoText()
    {
        Call call = answered();
        call.optedOut = true;
        event(call, {VoiceEventKind::Speech, u"my AC stopped cooling"_s});
        const VoiceStep step = event(call, {VoiceEventKind::HangUp, {}});
        QVERIFY(step.actions.isEmpty());
    }

    void noTransferNumberMeansVoicemail()
    {
        BusinessProfile profile = *m_profile;
        profile.voice.transferTo.clear();
        const VoiceDialogue dialogue(profile);
        ParsedMessage parsed;
        const VoiceStep step
            = dialogue.handle(VoiceCallState(), {VoiceEventKind::Digits, u"0"_s}, parsed, VoiceContext());
        QCOMPARE(step.state.phase, VoicePhase::Voicemail);
        QCOMPARE(step.actions.last().kind, VoiceActionKind::RecordVoicemail);
    }

    void stateRoundTrip()
    {
        VoiceCallState s;
        s.phase = VoicePhase::OfferingTransfer;
        s.step = 4;
        s.silences = 1;
        s.lastPrompt = u"What's the ZIP code?"_s;
        s.recording = u"https://rec.example/RE1"_s;
        QCOMPARE(VoiceCallState::fromJson(s.toJson()), s);
    }
};

QTEST_GUILESS_MAIN(TestVoiceDialogue)
#include "tst_voicedialogue.moc"
