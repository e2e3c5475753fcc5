#include "app/agent/datetimeparser.h"
#include "app/agent/fuzzymatch.h"
#include "app/agent/lexicon.h"
#include "app/agent/messageparser.h"
#include "models/businessprofile.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <ctime>
#include <memory>

using namespace FrontDesk;
using namespace Qt::StringLiterals;

namespace {

QString isoOf(const QDateTime &t)
{
    const int offset = t.offsetFromUtc();
    const int minutes = std::abs(offset) / 60;
    return t.toString(u"yyyy-MM-ddTHH:mm:ss"_s) + (offset < 0 ? u'-' : u'+')
        + u"%1:%2"_s.arg(minutes / 60, 2, 10, QChar(u'0')).arg(minutes % 60, 2, 10, QChar(u'0'));
}

// "start end" per window, the way the rows below spell them.
QStringList describe(const QList<TimeWindow> &when)
{
    QStringList out;
    for (const TimeWindow &w : when)
        out << isoOf(w.start) + u' ' + isoOf(w.end);
    return out;
}

} // namespace

class TestMessageParser : public QObject
{
    Q_OBJECT

private:
    std::optional<BusinessProfile> m_hvac;
    std::optional<BusinessProfile> m_dental;
    std::unique_ptr<MessageParser> m_hvacParser;
    std::unique_ptr<MessageParser> m_dentalParser;

    const BusinessProfile &profile(const QString &name) const { return name == u"dental"_s ? *m_dental : *m_hvac; }
    const MessageParser &parser(const QString &name) const
    {
        return name == u"dental"_s ? *m_dentalParser : *m_hvacParser;
    }
    QDateTime local(const QString &profileName, const QString &when) const
    {
        const QDateTime t = QDateTime::fromString(when, u"yyyy-MM-ddTHH:mm"_s);
        return QDateTime(t.date(), t.time(), profile(profileName).timeZone());
    }
    ParsedMessage parse(const QString &profileName, const QString &text, const QString &now = u"2026-03-02T14:05"_s,
                        const QString &awaiting = QString(), bool optedOut = false) const
    {
        ParseContext context;
        context.awaiting = awaiting;
        context.optedOut = optedOut;
        return parser(profileName).parse(text, local(profileName, now), context);
    }

private slots:
    void initTestCase()
    {
        ProfileError error;
        m_hvac = BusinessProfile::fromFile(QStringLiteral(FRONTDESK_SHARED_DIR "/scenarios/profiles/hvac-atlanta.json"), &error);
        QVERIFY2(m_hvac, qPrintable(error.toString()));
        m_dental = BusinessProfile::fromFile(QStringLiteral(FRONTDESK_SHARED_DIR "/scenarios/profiles/dental-chicago.json"), &error);
        QVERIFY2(m_dental, qPrintable(error.toString()));
        m_hvacParser = std::make_unique<MessageParser>(*m_hvac);
        m_dentalParser = std::make_unique<MessageParser>(*m_dental);
    }

    // ---- intents --------------------------------------------------------------------------------

    void intents_data()
    {
        QTest::addColumn<QString>("profile");
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("awaiting");
        QTest::addColumn<bool>("optedOut");
        QTest::addColumn<QString>("intent");

        const QString h = u"hvac"_s;
        const QString d = u"dental"_s;
        const QString none;
        // carrier opt-out words alone, any case, punctuation tolerant
        for (const QString &w : {u"STOP"_s, u"stop"_s, u"Stop."_s, u"STOPALL"_s, u"Unsubscribe"_s, u"CANCEL"_s, u"cancel!"_s,
                                 u"END"_s, u"quit"_s, u"REVOKE"_s, u"OPTOUT"_s, u"opt out"_s, u"stop please"_s})
            QTest::addRow("opt-out word %s", qPrintable(w)) << h << w << none << false << u"opt_out"_s;
        QTest::newRow("please stop texting me") << h << u"please stop texting me"_s << none << false << u"opt_out"_s;
        QTest::newRow("don't text me again") << h << u"Don't text me again"_s << none << false << u"opt_out"_s;
        QTest::newRow("remove me from your list") << h << u"remove me from your list"_s << none << false << u"opt_out"_s;
        QTest::newRow("unsubscribe me") << h << u"unsubscribe me"_s << none << false << u"opt_out"_s;
        QTest::newRow("stop, wrong number") << h << u"STOP, wrong number"_s << none << false << u"opt_out"_s;
        QTest::newRow("opt-out beats emergency") << h << u"stop texting me, I smell gas"_s << none << false << u"opt_out"_s;
        QTest::newRow("STOP STOP") << h << u"STOP STOP"_s << none << false << u"opt_out"_s;
        QTest::newRow("cancel please is about the appointment") << h << u"cancel please"_s << none << false << u"cancel"_s;
        QTest::newRow("stop by is not opt-out") << h << u"can you stop by tomorrow?"_s << none << false << u"book"_s;
        QTest::newRow("noise won't stop") << h << u"the furnace noise won't stop"_s << none << false << u"book"_s;
        // softer opt-outs: "please" in front, the word closing a sentence, "quit texting", "don't want these"
        for (const QString &w : {u"Please stop"_s, u"please stop."_s, u"pls stop"_s, u"ok stop"_s, u"no stop"_s,
                                 u"not interested, stop"_s, u"wrong number. STOP"_s, u"quit texting me"_s,
                                 u"I don't want these texts"_s, u"lose this number"_s, u"I never want to hear from you again"_s,
                                 u"who gave you my number? Stop"_s, u"stop bugging me"_s})
            QTest::addRow("opt-out %s", qPrintable(w)) << h << w << none << false << u"opt_out"_s;
        QTest::newRow("won't stop is no opt-out") << h << u"the fan won't stop"_s << none << false << u"other"_s;
        // complaints about the work done
        QTest::newRow("left a mess") << h << u"your tech left a mess and the AC still isn't cold"_s << none << false
                                     << u"complaint"_s;
        QTest::newRow("hours late") << h << u"Your technician was 3 hours late and didn't even fix the problem"_s << none << false
                                    << u"complaint"_s;
        QTest::newRow("waited all day") << h << u"I've been waiting all day for your tech"_s << none << false << u"complaint"_s;
        QTest::newRow("never fixed it") << h << u"you guys never fixed it and charged me anyway"_s << none << false
                                        << u"complaint"_s;
        // opt-in, help
        QTest::newRow("START") << h << u"START"_s << none << true << u"opt_in"_s;
        QTest::newRow("unstop") << h << u"unstop"_s << none << true << u"opt_in"_s;
        QTest::newRow("YES while opted out") << h << u"YES"_s << none << true << u"opt_in"_s;
        QTest::newRow("yes otherwise") << h << u"yes"_s << none << false << u"affirm"_s;
        QTest::newRow("HELP") << h << u"HELP"_s << none << false << u"help"_s;
        QTest::newRow("info") << h << u"Info?"_s << none << false << u"help"_s;
        // emergency, human, complaint, wrong number
        QTest::newRow("gas smell") << h << u"I smell gas in the basement near the furnace"_s << none << false << u"emergency"_s;
        QTest::newRow("co alarm") << h << u"our CO alarm is going off"_s << none << false << u"emergency"_s;
        QTest::newRow("can't breathe") << d << u"my face is swollen and I can't breathe"_s << none << false << u"emergency"_s;
        QTest::newRow("real person") << h << u"can I just talk to a real person please"_s << none << false << u"human"_s;
        QTest::newRow("manager") << h << u"I want to speak with a manager"_s << none << false << u"human"_s;
        QTest::newRow("call me") << h << u"can someone call me?"_s << none << false << u"human"_s;
        QTest::newRow("rather talk on the phone") << h << u"I'd rather talk on the phone"_s << none << false << u"human"_s;
        QTest::newRow("staff by name") << h << u"can I speak to Marcus?"_s << none << false << u"human"_s;
        QTest::newRow("someone I can talk to") << h << u"is there someone I can talk to"_s << none << false << u"human"_s;
        QTest::newRow("on a phone call is no request") << h << u"sorry I was on a phone call, my AC is out"_s << none << false
                                                       << u"book"_s;
        QTest::newRow("bot?") << h << u"is this a bot?"_s << none << false << u"human"_s;
        QTest::newRow("rude") << h << u"your technician was rude"_s << none << false << u"complaint"_s;
        QTest::newRow("never showed") << h << u"the tech never showed up yesterday, unacceptable"_s << none << false << u"complaint"_s;
        QTest::newRow("refund") << h << u"I want a refund"_s << none << false << u"complaint"_s;
        QTest::newRow("terrible service") << h << u"terrible service from your company"_s << none << false << u"complaint"_s;
        QTest::newRow("terrible pain is no complaint") << d << u"terrible pain in my tooth"_s << none << false << u"book"_s;
        QTest::newRow("wrong number") << h << u"wrong number"_s << none << false << u"wrong_number"_s;
        QTest::newRow("who is this") << h << u"who is this?"_s << none << false << u"wrong_number"_s;
        QTest::newRow("didn't call") << h << u"I didn't call you"_s << none << false << u"wrong_number"_s;
        // cancel, reschedule
        QTest::newRow("C") << h << u"C"_s << none << false << u"cancel"_s;
        QTest::newRow("cancel my appointment") << h << u"please cancel my appointment"_s << none << false << u"cancel"_s;
        QTest::newRow("can't make it") << h << u"I can't make it"_s << none << false << u"cancel"_s;
        QTest::newRow("R") << h << u"R"_s << none << false << u"reschedule"_s;
        QTest::newRow("reschedule") << h << u"I need to reschedule"_s << none << false << u"reschedule"_s;
        QTest::newRow("move my appointment") << h << u"can I move my appointment to friday?"_s << none << false << u"reschedule"_s;
        QTest::newRow("different time") << h << u"I need a different time"_s << none << false << u"reschedule"_s;
        QTest::newRow("different time while choosing") << h << u"do you have a different time?"_s << u"choice"_s << false
                                                       << u"deny"_s;
        // questions
        QTest::newRow("price + tune up") << h << u"how much do you charge to come out for a tune up?"_s << none << false
                                         << u"question"_s;
        QTest::newRow("hours") << h << u"what are your hours?"_s << none << false << u"question"_s;
        QTest::newRow("insurance") << d << u"do you take Delta Dental?"_s << none << false << u"question"_s;
        QTest::newRow("located") << d << u"where are you located"_s << none << false << u"question"_s;
        QTest::newRow("invisalign?") << d << u"hi do you do invisalign?"_s << none << false << u"question"_s;
        // affirm, deny
        for (const QString &w : {u"yes"_s, u"Yeah"_s, u"yep"_s, u"sure"_s, u"ok"_s, u"sounds good"_s, u"that works"_s,
                                 u"please do"_s, u"correct"_s, u"Yes please"_s, u"yes the furnace is making a banging noise again"_s})
            QTest::addRow("affirm %s", qPrintable(w)) << h << w << u"confirm"_s << false << u"affirm"_s;
        for (const QString &w : {u"no"_s, u"No."_s, u"nope"_s, u"not really"_s, u"none of those"_s, u"neither"_s,
                                 u"no thanks"_s, u"no, the furnace"_s})
            QTest::addRow("deny %s", qPrintable(w)) << h << w << u"confirm"_s << false << u"deny"_s;
        QTest::newRow("thumbs up") << h << u"\U0001F44D"_s << u"confirm"_s << false << u"affirm"_s;
        QTest::newRow("ok what about friday is a new time") << h << u"ok, what about friday?"_s << u"confirm"_s << false
                                                            << u"book"_s;
        QTest::newRow("denied danger") << h << u"I don't smell gas, it just won't turn on"_s << none << false << u"book"_s;
        QTest::newRow("no heat is not a deny") << h << u"no heat"_s << none << false << u"book"_s;
        QTest::newRow("no ac is not a deny") << h << u"no AC and it's 95 degrees"_s << none << false << u"book"_s;
        QTest::newRow("not urgent") << h << u"not urgent"_s << u"urgency"_s << false << u"deny"_s;
        // book
        QTest::newRow("service") << h << u"hi, my AC is blowing warm air"_s << none << false << u"book"_s;
        QTest::newRow("when") << h << u"tomorrow morning works best"_s << u"when"_s << false << u"book"_s;
        QTest::newRow("zip") << h << u"30307"_s << u"zip"_s << false << u"book"_s;
        QTest::newRow("schedule") << h << u"I'd like to schedule someone to come out"_s << none << false << u"book"_s;
        QTest::newRow("choice") << h << u"the first one"_s << u"choice"_s << false << u"book"_s;
        QTest::newRow("affirm + when is a booking") << d << u"yes please! any chance of a wednesday evening?"_s << none
                                                     << false << u"book"_s;
        QTest::newRow("not offered") << h << u"my water heater is leaking, can you come today?"_s << none << false << u"book"_s;
        QTest::newRow("other") << h << u"lol"_s << none << false << u"other"_s;
        // opt-out words in any Unicode form or spelled out (issue 19)
        QTest::newRow("fullwidth STOP") << h << u"\uFF33\uFF34\uFF2F\uFF30"_s << none << false << u"opt_out"_s;
        QTest::newRow("fullwidth stop please")
            << h << u"\uFF53\uFF54\uFF4F\uFF50 please"_s << none << false << u"opt_out"_s;
        QTest::newRow("S T O P") << h << u"S T O P"_s << none << false << u"opt_out"_s;
        QTest::newRow("s.t.o.p") << h << u"s.t.o.p"_s << none << false << u"opt_out"_s;
        QTest::newRow("S-T-O-P") << h << u"S-T-O-P"_s << none << false << u"opt_out"_s;
        QTest::newRow("zero-width joiner inside") << h << u"ST\u200DOP"_s << none << false << u"opt_out"_s;
        QTest::newRow("U N S U B S C R I B E") << h << u"U N S U B S C R I B E"_s << none << false << u"opt_out"_s;
        QTest::newRow("spelled letters that are no keyword") << h << u"A B C"_s << none << false << u"other"_s;
    }
    void intents()
    {
        QFETCH(QString, profile);
        QFETCH(QString, text);
        QFETCH(QString, awaiting);
        QFETCH(bool, optedOut);
        QFETCH(QString, intent);
        const ParsedMessage r = parse(profile, text, u"2026-03-02T14:05"_s, awaiting, optedOut);
        QCOMPARE(intentName(r.intent), intent);
        QCOMPARE(r.optOut, intent == u"opt_out"_s);
        QCOMPARE(r.optIn, intent == u"opt_in"_s);
    }

    // ---- services and not-offered words ---------------------------------------------------------

    void services_data()
    {
        QTest::addColumn<QString>("profile");
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("service");
        QTest::addColumn<QString>("notOffered");
        const QString h = u"hvac"_s;
        const QString d = u"dental"_s;
        QTest::newRow("ac") << h << u"my AC is blowing warm air"_s << u"ac-repair"_s << QString();
        QTest::newRow("a/c") << h << u"my a/c quit"_s << u"ac-repair"_s << QString();
        QTest::newRow("air condtioner typo") << h << u"my air condtioner is broken"_s << u"ac-repair"_s << QString();
        QTest::newRow("name: AC repair") << h << u"AC repair"_s << u"ac-repair"_s << QString();
        QTest::newRow("furnance typo") << h << u"the furnance won't start"_s << u"furnace-repair"_s << QString();
        QTest::newRow("no heat") << h << u"we have no heat at all and it's freezing"_s << u"furnace-repair"_s << QString();
        QTest::newRow("heater") << h << u"the heater is off"_s << u"furnace-repair"_s << QString();
        QTest::newRow("heat pump beats heat") << h << u"my heat pump isn't heating"_s << u"heat-pump-repair"_s << QString();
        QTest::newRow("heat pump beats no heat") << h << u"no heat from my heat pump"_s << u"heat-pump-repair"_s << QString();
        QTest::newRow("tuneup") << h << u"need a tuneup"_s << u"maintenance"_s << QString();
        QTest::newRow("tune up") << h << u"how much do you charge to come out for a tune up?"_s << u"maintenance"_s << QString();
        QTest::newRow("tune-up") << h << u"time for a tune-up"_s << u"maintenance"_s << QString();
        QTest::newRow("a tune up") << h << u"a tune up"_s << u"maintenance"_s << QString();
        QTest::newRow("check up") << h << u"can you do a check up on my system"_s << u"maintenance"_s << QString();
        QTest::newRow("install") << h << u"do you guys install ductless mini splits?"_s << u"install-estimate"_s << QString();
        QTest::newRow("water heater is not offered") << h << u"my water heater is leaking, can you come today?"_s << QString()
                                                     << u"water heater"_s;
        QTest::newRow("drian typo") << h << u"kitchen drian is clogged"_s << QString() << u"drain"_s;
        QTest::newRow("plumber") << h << u"need a plumber"_s << QString() << u"plumber"_s;
        QTest::newRow("both") << h << u"the water heater and the furnace are both out"_s << u"furnace-repair"_s
                              << u"water heater"_s;
        QTest::newRow("heat inside heater/wheat") << h << u"I bought wheat"_s << QString() << QString();
        QTest::newRow("ac inside back") << h << u"please call me back"_s << QString() << QString();
        QTest::newRow("hear is not heat") << h << u"can you hear me"_s << QString() << QString();
        QTest::newRow("room is not roof") << h << u"the room is cold"_s << QString() << QString();
        QTest::newRow("spoke is not smoke") << h << u"I spoke to Elena last week"_s << QString() << QString();
        QTest::newRow("cleaning") << d << u"time for my cleaning"_s << u"cleaning"_s << QString();
        QTest::newRow("clean") << d << u"I need my teeth clean"_s << u"cleaning"_s << QString();
        QTest::newRow("cracked tooth") << d << u"cracked tooth"_s << u"emergency-visit"_s << QString();
        QTest::newRow("hurts") << d << u"I cracked a tooth last night and it really hurts, can you see me today?"_s
                               << u"emergency-visit"_s << QString();
        QTest::newRow("paid is not pain") << d << u"I paid my bill"_s << QString() << QString();
        QTest::newRow("paint is not pain") << d << u"I need to paint"_s << QString() << QString();
        QTest::newRow("cracked my tooth") << d << u"cracked my tooth on a popcorn kernel"_s << u"emergency-visit"_s << QString();
        QTest::newRow("lost my filling") << d << u"lost my filling"_s << u"emergency-visit"_s << QString();
        QTest::newRow("cleaned") << d << u"I want my teeth cleaned"_s << u"cleaning"_s << QString();
        QTest::newRow("a/c is one word") << h << u"I'd like a quote for a new AC"_s << u"install-estimate"_s << QString();
        QTest::newRow("installed") << h << u"can you get a new thermostat installed"_s << u"install-estimate"_s << QString();
        QTest::newRow("new patient") << d << u"I've never been to your office"_s << u"new-patient"_s << QString();
        QTest::newRow("invisalign") << d << u"hi do you do invisalign?"_s << QString() << u"invisalign"_s;
        QTest::newRow("wisdom teeth") << d << u"I need my wisdom teeth out"_s << QString() << u"wisdom teeth"_s;
    }
    void services()
    {
        QFETCH(QString, profile);
        QFETCH(QString, text);
        QFETCH(QString, service);
        QFETCH(QString, notOffered);
        const ParsedMessage r = parse(profile, text);
        QCOMPARE(r.service, service);
        QCOMPARE(r.notOfferedKeyword, notOffered);
    }

    void faq_data()
    {
        QTest::addColumn<QString>("profile");
        QTest::addColumn<QString>("text");
        QTest::addColumn<QList<int>>("faq");
        QTest::newRow("price") << u"hvac"_s << u"how much do you charge to come out for a tune up?"_s << QList<int>{0};
        QTest::newRow("hours") << u"hvac"_s << u"are you open saturday?"_s << QList<int>{1};
        QTest::newRow("financing") << u"hvac"_s << u"do you have a payment plan for new systems"_s << QList<int>{2};
        QTest::newRow("two questions") << u"hvac"_s << u"are you licensed and what do you charge?"_s << QList<int>{0, 3};
        QTest::newRow("next open is a time") << u"hvac"_s << u"whenever you're next open"_s << QList<int>{};
        QTest::newRow("not a question") << u"hvac"_s << u"the vent cover fell open when the tech left it loose"_s << QList<int>{};
        QTest::newRow("insurance") << u"dental"_s << u"do you take aetna?"_s << QList<int>{0};
        QTest::newRow("parking") << u"dental"_s << u"is there parking"_s << QList<int>{2};
    }
    void faq()
    {
        QFETCH(QString, profile);
        QFETCH(QString, text);
        QFETCH(QList<int>, faq);
        QCOMPARE(parse(profile, text).faq, faq);
    }

    void nameIsNoQuestion()
    {
        // "Owen Price" answers "Can I get your name?"; it asks nothing about prices
        const ParsedMessage r = parse(u"hvac"_s, u"Owen Price"_s, u"2026-03-02T14:05"_s, u"name"_s);
        QCOMPARE(r.name, u"Owen Price"_s);
        QVERIFY(r.faq.isEmpty());
    }

    // ---- while slots are on offer: a lone number, "later" / "earlier" --------------------------------

    void numberAndShift_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("number"); // 0: none
        QTest::addColumn<int>("shift");
        QTest::newRow("11 works") << u"11 works"_s << 11 << 0;
        QTest::newRow("the 9") << u"the 9"_s << 9 << 0;
        QTest::newRow("yes 9 works") << u"yes 9 works"_s << 9 << 0;
        QTest::newRow("9am is a time") << u"9am works"_s << 0 << 0;
        QTest::newRow("10:30 is a time") << u"10:30"_s << 0 << 0;
        QTest::newRow("anything later?") << u"anything later?"_s << 0 << 1;
        QTest::newRow("later in the day") << u"do you have anything later in the day?"_s << 0 << 1;
        QTest::newRow("can you do earlier") << u"can you do earlier?"_s << 0 << -1;
        QTest::newRow("the later one picks") << u"the later one"_s << 0 << 0;
    }
    void numberAndShift()
    {
        QFETCH(QString, text);
        QFETCH(int, number);
        QFETCH(int, shift);
        const ParsedMessage r = parse(u"hvac"_s, text, u"2026-03-02T14:05"_s, u"choice"_s);
        QCOMPARE(r.number.value_or(0), number);
        QCOMPARE(r.shift, shift);
        QCOMPARE(parse(u"hvac"_s, text).number.value_or(0), 0); // only while times are on offer
    }

    // ---- our own fixture businesses (tests/fixtures/profiles) -------------------------------------

    void fixtureProfiles_data()
    {
        QTest::addColumn<QString>("profileFile");
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("intent");
        QTest::addColumn<QString>("service");
        QTest::newRow("burst pipe told the other way") << u"plumbing-la"_s << u"I think a pipe burst in the wall"_s
                                                       << u"emergency"_s << u"leak-repair"_s;
        QTest::newRow("the pipe has burst") << u"plumbing-la"_s << u"the pipe has burst!"_s << u"emergency"_s << u"leak-repair"_s;
        QTest::newRow("pipes burst") << u"plumbing-la"_s << u"our pipes burst last night"_s << u"emergency"_s << u"leak-repair"_s;
        QTest::newRow("clogd") << u"plumbing-la"_s << u"kitchen sink clogd"_s << u"book"_s << u"drain-cleaning"_s;
        QTest::newRow("modal will is no will") << u"law-nyc"_s << u"will you be open tomorrow?"_s << u"book"_s << QString();
        QTest::newRow("I will be") << u"law-nyc"_s << u"I will be free monday"_s << u"book"_s << QString();
        QTest::newRow("a will") << u"law-nyc"_s << u"I need a will"_s << u"book"_s << u"estate-consult"_s;
        QTest::newRow("father's will") << u"law-nyc"_s << u"help with my father's will"_s << u"book"_s << u"estate-consult"_s;
        QTest::newRow("first named of two") << u"vet-denver"_s << u"she needs her shots and I'd like to get her spayed too"_s
                                            << u"book"_s << u"wellness-exam"_s;
        QTest::newRow("need a plumber is a request") << u"plumbing-la"_s << u"I need a plumber"_s << u"book"_s << QString();
        QTest::newRow("how soon") << u"roofing-phoenix"_s << u"how soon can someone come out?"_s << u"book"_s << QString();
    }
    void fixtureProfiles()
    {
        QFETCH(QString, profileFile);
        QFETCH(QString, text);
        QFETCH(QString, intent);
        QFETCH(QString, service);
        ProfileError error;
        const auto profile = BusinessProfile::fromFile(
            QStringLiteral(FRONTDESK_SOURCE_DIR "/tests/fixtures/profiles/") + profileFile + u".json"_s, &error);
        QVERIFY2(profile, qPrintable(error.toString()));
        const MessageParser fixtureParser(*profile);
        const ParsedMessage r = fixtureParser.parse(text, QDateTime(QDate(2026, 3, 3), QTime(10, 0), profile->timeZone()));
        QCOMPARE(intentName(r.intent), intent);
        QCOMPARE(r.service, service);
    }

    // ---- urgency ----------------------------------------------------------------------------------

    void urgency_data()
    {
        QTest::addColumn<QString>("profile");
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("awaiting");
        QTest::addColumn<QString>("urgency");
        QTest::addColumn<QString>("keyword");
        const QString h = u"hvac"_s;
        QTest::newRow("gas") << h << u"I smell gas"_s << QString() << u"emergency"_s << u"smell gas"_s;
        QTest::newRow("co detector") << h << u"co detector beeping"_s << QString() << u"emergency"_s << u"co detector"_s;
        QTest::newRow("no heat") << h << u"no heat upstairs"_s << QString() << u"urgent"_s << u"no heat"_s;
        QTest::newRow("isn't working") << h << u"the AC isn't working"_s << QString() << u"urgent"_s << u"not working"_s;
        QTest::newRow("doesn't work") << h << u"my ac doesn't work"_s << QString() << u"urgent"_s << u"not working"_s;
        QTest::newRow("stoped working") << h << u"furnace stoped working"_s << QString() << u"urgent"_s << u"stopped working"_s;
        QTest::newRow("newborn") << h << u"we have a newborn and no AC"_s << QString() << u"urgent"_s << u"no ac"_s;
        QTest::newRow("asap") << h << u"need a tune-up asap"_s << QString() << u"urgent"_s << u"asap"_s;
        QTest::newRow("urgent") << h << u"this is urgent"_s << QString() << u"urgent"_s << u"urgent"_s;
        QTest::newRow("emergency word") << h << u"it's an emergency"_s << QString() << u"urgent"_s << u"emergency"_s;
        QTest::newRow("dental pain") << u"dental"_s << u"my tooth hurts"_s << QString() << u"urgent"_s << u"hurts"_s;
        QTest::newRow("normal") << h << u"need a tune-up"_s << QString() << u"normal"_s << QString();
        QTest::newRow("no smoke") << h << u"no smoke or anything, just no heat"_s << QString() << u"urgent"_s << u"no heat"_s;
        QTest::newRow("not leaking") << h << u"it's not leaking anymore"_s << QString() << u"normal"_s << QString();
        QTest::newRow("not urgent") << h << u"not urgent"_s << u"urgency"_s << u"normal"_s << QString();
        QTest::newRow("no rush") << h << u"no rush"_s << u"urgency"_s << u"normal"_s << QString();
        QTest::newRow("whenever") << h << u"whenever"_s << u"urgency"_s << u"normal"_s << QString();
        QTest::newRow("not an emergency but not working") << h << u"not an emergency, it's just not working well"_s
                                                          << u"urgency"_s << u"normal"_s << QString();
        QTest::newRow("yes to is it urgent") << h << u"yes"_s << u"urgency"_s << u"urgent"_s << QString();
        QTest::newRow("no to is it urgent") << h << u"no"_s << u"urgency"_s << u"normal"_s << QString();
    }
    void urgency()
    {
        QFETCH(QString, profile);
        QFETCH(QString, text);
        QFETCH(QString, awaiting);
        QFETCH(QString, urgency);
        QFETCH(QString, keyword);
        const ParsedMessage r = parse(profile, text, u"2026-03-02T14:05"_s, awaiting);
        QCOMPARE(urgencyName(r.urgency), urgency);
        QCOMPARE(r.urgencyKeyword, keyword);
        if (!awaiting.isEmpty())
            QVERIFY(r.urgencyStated);
    }

    // ---- ZIP codes ----------------------------------------------------------------------------------

    void zip_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("zip");
        QTest::newRow("bare") << u"30307"_s << u"30307"_s;
        QTest::newRow("in a sentence") << u"my zip is 30306, thanks"_s << u"30306"_s;
        QTest::newRow("zip+4") << u"30307-1234"_s << u"30307"_s;
        QTest::newRow("after a colon") << u"zip:30309"_s << u"30309"_s;
        QTest::newRow("address") << u"it's 123 Main St, Atlanta 30309."_s << u"30309"_s;
        QTest::newRow("phone number") << u"call me at 404-555-0123"_s << QString();
        QTest::newRow("10-digit phone") << u"4045550123"_s << QString();
        QTest::newRow("price") << u"$12345"_s << QString();
        QTest::newRow("six digits") << u"order 123456"_s << QString();
        QTest::newRow("time") << u"10:30"_s << QString();
        // a 5-digit house number is not the ZIP; the ZIP after it is
        QTest::newRow("house number, then zip") << u"12345 Ventura Blvd, 30309"_s << u"30309"_s;
        QTest::newRow("house number only") << u"I'm at 11900 W Peachtree St"_s << QString();
        QTest::newRow("by the way") << u"my zip is 30306 by the way"_s << u"30306"_s;
    }
    void zip()
    {
        QFETCH(QString, text);
        QFETCH(QString, zip);
        QCOMPARE(parse(u"hvac"_s, text, u"2026-03-02T14:05"_s, u"zip"_s).zip, zip);
    }

    // ---- names --------------------------------------------------------------------------------------

    void names_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("awaiting");
        QTest::addColumn<QString>("name");
        QTest::newRow("this is") << u"this is Rob"_s << QString() << u"Rob"_s;
        QTest::newRow("my name is") << u"my name is Jordan Blake"_s << QString() << u"Jordan Blake"_s;
        QTest::newRow("I'm") << u"I'm Sam Ortiz"_s << QString() << u"Sam Ortiz"_s;
        QTest::newRow("I'm … and") << u"Hi, I'm Sam Ortiz and my AC is out"_s << QString() << u"Sam Ortiz"_s;
        QTest::newRow("it's") << u"it's Dana"_s << QString() << u"Dana"_s;
        QTest::newRow("name's") << u"name's Chris"_s << QString() << u"Chris"_s;
        QTest::newRow("sign-off dash") << u"Thursday works for me - Priya"_s << QString() << u"Priya"_s;
        QTest::newRow("sign-off thanks") << u"thanks, Priya Natarajan"_s << QString() << u"Priya Natarajan"_s;
        QTest::newRow("X here") << u"Kim here, my furnace is out"_s << QString() << u"Kim"_s;
        QTest::newRow("this is X at company") << u"hi this is Kim at Peachtree"_s << QString() << u"Kim"_s;
        QTest::newRow("I'm looking") << u"I'm looking for someone to fix my AC"_s << QString() << QString();
        QTest::newRow("I'm free") << u"I'm free tomorrow"_s << QString() << QString();
        QTest::newRow("this is urgent") << u"this is urgent"_s << QString() << QString();
        QTest::newRow("it's leaking") << u"it's leaking"_s << QString() << QString();
        QTest::newRow("I'm Not Sure") << u"I'm Not Sure"_s << QString() << QString();
        QTest::newRow("bare name") << u"Jordan Blake"_s << u"name"_s << u"Jordan Blake"_s;
        QTest::newRow("lower case") << u"priya natarajan"_s << u"name"_s << u"Priya Natarajan"_s;
        QTest::newRow("upper case") << u"TOM BECKER"_s << u"name"_s << u"Tom Becker"_s;
        QTest::newRow("apostrophe") << u"sean o'brien"_s << u"name"_s << u"Sean O'Brien"_s;
        QTest::newRow("hyphen") << u"mary-jane smith"_s << u"name"_s << u"Mary-Jane Smith"_s;
        QTest::newRow("it's, awaiting") << u"it's sam"_s << u"name"_s << u"Sam"_s;
        QTest::newRow("X Y here, awaiting") << u"Jordan Blake here"_s << u"name"_s << u"Jordan Blake"_s;
        QTest::newRow("name then zip") << u"Jordan Blake, 30307"_s << u"name"_s << u"Jordan Blake"_s;
        QTest::newRow("bare name unasked") << u"Jordan Blake"_s << QString() << QString();
        QTest::newRow("yes is no name") << u"yes"_s << u"name"_s << QString();
        QTest::newRow("tomorrow is no name") << u"tomorrow"_s << u"name"_s << QString();
        QTest::newRow("service is no name") << u"furnace"_s << u"name"_s << QString();
        QTest::newRow("not sure") << u"not sure"_s << u"name"_s << QString();
        QTest::newRow("sounds good") << u"sounds good"_s << u"name"_s << QString();
        QTest::newRow("long reply") << u"I would rather not say my name"_s << u"name"_s << QString();
        // lower case after "this is" / "it's" when the name closes the clause; a title is not the name
        QTest::newRow("this is, lower case") << u"this is jamal wright, my ac is out"_s << QString() << u"Jamal Wright"_s;
        QTest::newRow("this is, lower case alone") << u"this is mike"_s << QString() << u"Mike"_s;
        QTest::newRow("its, lower case") << u"hey its sarah, the furnace is out"_s << QString() << u"Sarah"_s;
        QTest::newRow("this is ridiculous") << u"this is ridiculous"_s << QString() << QString();
        QTest::newRow("this is crazy, …") << u"this is crazy, nobody called me back"_s << QString() << QString();
        QTest::newRow("its noisy") << u"its noisy, can you come"_s << QString() << QString();
        QTest::newRow("it's freezing") << u"it's freezing in here"_s << QString() << QString();
        QTest::newRow("X here after hi") << u"hi, Tom here. need a tune up"_s << QString() << u"Tom"_s;
        QTest::newRow("title") << u"my name is Dr. Alan Wu"_s << QString() << u"Alan Wu"_s;
        QTest::newRow("lower-case initial, awaiting") << u"jordan b."_s << u"name"_s << u"Jordan B"_s;
        QTest::newRow("signature") << u"need a tune up, not urgent. Kai Moss"_s << QString() << u"Kai Moss"_s;
        QTest::newRow("X Y here mid-message") << u"no heat, 30307. Jo Park here"_s << QString() << u"Jo Park"_s;
        QTest::newRow("capitalised times are no signature") << u"Can you come. Thursday Morning"_s << QString() << QString();
        QTest::newRow("shouting is no signature") << u"AC IS OUT. HELP ASAP"_s << QString() << QString();
    }
    void names()
    {
        QFETCH(QString, text);
        QFETCH(QString, awaiting);
        QFETCH(QString, name);
        QCOMPARE(parse(u"hvac"_s, text, u"2026-03-02T14:05"_s, awaiting).name, name);
    }

    // ---- choosing an offer ------------------------------------------------------------------------

    void choice_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("awaiting");
        QTest::addColumn<int>("choice"); // 0: none
        QTest::addColumn<bool>("earliest");
        QTest::addColumn<bool>("latest");
        const QString c = u"choice"_s;
        QTest::newRow("the first one") << u"the first one"_s << c << 1 << false << false;
        QTest::newRow("1") << u"1"_s << c << 1 << false << false;
        QTest::newRow("#2") << u"#2"_s << c << 2 << false << false;
        QTest::newRow("option 3") << u"option 3"_s << c << 3 << false << false;
        QTest::newRow("second") << u"second"_s << c << 2 << false << false;
        QTest::newRow("2 please") << u"2 please"_s << c << 2 << false << false;
        QTest::newRow("the 2nd") << u"the 2nd"_s << c << 2 << false << false;
        QTest::newRow("3rd option") << u"3rd option"_s << c << 3 << false << false;
        QTest::newRow("the last one") << u"the last one"_s << c << 0 << false << true;
        QTest::newRow("the earliest") << u"the earliest"_s << c << 0 << true << false;
        QTest::newRow("soonest") << u"soonest"_s << c << 0 << true << false;
        QTest::newRow("first available") << u"first available"_s << c << 0 << true << false;
        QTest::newRow("either") << u"either is fine"_s << c << 0 << true << false;
        QTest::newRow("at 3 is a time") << u"at 3"_s << c << 0 << false << false;
        QTest::newRow("2pm is a time") << u"the 2pm one"_s << c << 0 << false << false;
        QTest::newRow("10:30 is a time") << u"10:30 works"_s << c << 0 << false << false;
        QTest::newRow("whole message digit") << u"3"_s << QString() << 3 << false << false;
        QTest::newRow("the first one unasked") << u"the first one"_s << QString() << 1 << false << false;
        QTest::newRow("first thing is a time") << u"first thing tomorrow"_s << QString() << 0 << false << false;
        QTest::newRow("first visit is a service") << u"it's my first visit"_s << QString() << 0 << false << false;
        QTest::newRow("digit in a sentence") << u"I have 2 units"_s << QString() << 0 << false << false;
        QTest::newRow("option two") << u"option two"_s << c << 2 << false << false;
        QTest::newRow("Two") << u"Two"_s << c << 2 << false << false;
        QTest::newRow("lets go with three") << u"lets go with three"_s << c << 3 << false << false;
        QTest::newRow("that one is no choice number") << u"that one sounds good"_s << c << 0 << false << false;
    }
    void choice()
    {
        QFETCH(QString, text);
        QFETCH(QString, awaiting);
        QFETCH(int, choice);
        QFETCH(bool, earliest);
        QFETCH(bool, latest);
        const ParsedMessage r = parse(u"hvac"_s, text, u"2026-03-02T14:05"_s, awaiting);
        QCOMPARE(r.choice.value_or(0), choice);
        QCOMPARE(r.earliest, earliest);
        QCOMPARE(r.latest, latest);
    }

    // ---- dates and times --------------------------------------------------------------------------

    void when_data()
    {
        QTest::addColumn<QString>("profile");
        QTest::addColumn<QString>("now"); // local
        QTest::addColumn<QString>("awaiting");
        QTest::addColumn<QString>("text");
        QTest::addColumn<QStringList>("windows"); // "start end"
        QTest::addColumn<QString>("flags"); // of the first window: "exact", "earliest" or ""
        QTest::addColumn<QString>("words"); // the first window's text

        // HVAC, Monday 2026-03-02 14:05 EST (-05:00); DST starts Sunday 2026-03-08.
        const QString h = u"hvac"_s;
        const QString mon = u"2026-03-02T14:05"_s;
        const auto row = [&](const char *name, const QString &text, const QStringList &windows, const QString &flags = QString(),
                             const QString &words = QString(), const QString &now = u"2026-03-02T14:05"_s,
                             const QString &profile = u"hvac"_s, const QString &awaiting = QString()) {
            QTest::newRow(name) << profile << now << awaiting << text << windows << flags << (words.isEmpty() ? text : words);
        };
        row("tomorrow at 3", u"tomorrow at 3"_s, {u"2026-03-03T15:00:00-05:00 2026-03-03T15:00:00-05:00"_s}, u"exact"_s);
        row("ruled out: can't do tomorrow", u"I can't do tomorrow, how about thursday"_s,
            {u"2026-03-05T00:00:00-05:00 2026-03-06T00:00:00-05:00"_s}, QString(), u"thursday"_s);
        row("ruled out: tomorrow is no good", u"tomorrow is no good, friday?"_s,
            {u"2026-03-06T00:00:00-05:00 2026-03-07T00:00:00-05:00"_s}, QString(), u"friday"_s);
        row("ruled out: any day but", u"any day but friday"_s, {});
        row("not before 2", u"thursday works but not before 2"_s, {u"2026-03-05T14:00:00-05:00 2026-03-06T00:00:00-05:00"_s},
            QString(), u"thursday not before 2"_s);
        row("work until 4, after that", u"I work until 4, anytime after that"_s,
            {u"2026-03-02T16:00:00-05:00 2026-03-03T00:00:00-05:00"_s}, QString(), u"until 4"_s);
        row("how soon can someone come", u"how soon can someone come out?"_s,
            {u"2026-03-02T14:05:00-05:00 2026-03-16T14:05:00-04:00"_s}, u"earliest"_s, u"how soon"_s);
        row("when can you come", u"when can you guys come out?"_s,
            {u"2026-03-02T14:05:00-05:00 2026-03-16T14:05:00-04:00"_s}, u"earliest"_s, u"when can you guys come"_s);
        row("the wednesday one points at an offer", u"the wednesday one"_s,
            {u"2026-03-04T00:00:00-05:00 2026-03-05T00:00:00-05:00"_s}, QString(), u"wednesday"_s, mon, h, u"choice"_s);
        row("tmrw afternoon", u"tmrw afternoon"_s, {u"2026-03-03T12:00:00-05:00 2026-03-03T17:00:00-05:00"_s});
        row("tomorrow morning (FORMAT.md)", u"tomorrow morning works best"_s,
            {u"2026-03-03T08:00:00-05:00 2026-03-03T12:00:00-05:00"_s}, QString(), u"tomorrow morning"_s);
        row("this friday morning", u"this friday morning"_s, {u"2026-03-06T08:00:00-05:00 2026-03-06T12:00:00-05:00"_s});
        row("next Tuesday: that whole day", u"next Tuesday"_s, {u"2026-03-10T00:00:00-04:00 2026-03-11T00:00:00-04:00"_s});
        row("monday said on a monday, hours ahead", u"monday"_s, {u"2026-03-02T00:00:00-05:00 2026-03-03T00:00:00-05:00"_s});
        row("monday said on a monday after closing", u"monday"_s, {u"2026-03-09T00:00:00-04:00 2026-03-10T00:00:00-04:00"_s},
            QString(), QString(), u"2026-03-02T18:30"_s);
        row("friday", u"friday"_s, {u"2026-03-06T00:00:00-05:00 2026-03-07T00:00:00-05:00"_s});
        row("this friday", u"this friday"_s, {u"2026-03-06T00:00:00-05:00 2026-03-07T00:00:00-05:00"_s});
        row("next friday", u"next friday"_s, {u"2026-03-13T00:00:00-04:00 2026-03-14T00:00:00-04:00"_s});
        row("Monday next week", u"Monday next week"_s, {u"2026-03-09T00:00:00-04:00 2026-03-10T00:00:00-04:00"_s});
        row("first thing tomorrow", u"first thing tomorrow"_s, {u"2026-03-03T08:00:00-05:00 2026-03-03T10:00:00-05:00"_s},
            u"earliest"_s);
        row("first thing tomorrow, after hours", u"first thing tomorrow"_s,
            {u"2026-03-03T08:00:00-05:00 2026-03-03T10:00:00-05:00"_s}, u"earliest"_s, QString(), u"2026-03-02T21:40"_s);
        row("first thing saturday opens at 9", u"first thing saturday"_s,
            {u"2026-03-07T09:00:00-05:00 2026-03-07T11:00:00-05:00"_s}, u"earliest"_s);
        row("after 5", u"after 5"_s, {u"2026-03-02T17:00:00-05:00 2026-03-03T00:00:00-05:00"_s});
        row("before noon (past today: tomorrow)", u"before noon"_s, {u"2026-03-03T00:00:00-05:00 2026-03-03T12:00:00-05:00"_s});
        row("noon", u"noon"_s, {u"2026-03-03T12:00:00-05:00 2026-03-03T12:00:00-05:00"_s}, u"exact"_s);
        row("3:30pm", u"3:30pm"_s, {u"2026-03-02T15:30:00-05:00 2026-03-02T15:30:00-05:00"_s}, u"exact"_s);
        row("15:30", u"15:30"_s, {u"2026-03-02T15:30:00-05:00 2026-03-02T15:30:00-05:00"_s}, u"exact"_s);
        row("at 3pm", u"at 3pm"_s, {u"2026-03-02T15:00:00-05:00 2026-03-02T15:00:00-05:00"_s}, u"exact"_s);
        row("at 3 (business hours: pm)", u"at 3"_s, {u"2026-03-02T15:00:00-05:00 2026-03-02T15:00:00-05:00"_s}, u"exact"_s);
        row("at 9 (business hours: am, past: tomorrow)", u"at 9"_s, {u"2026-03-03T09:00:00-05:00 2026-03-03T09:00:00-05:00"_s},
            u"exact"_s);
        row("at 7:45 at the dentist (opens 07:30)", u"at 7:45"_s, {u"2026-03-03T07:45:00-06:00 2026-03-03T07:45:00-06:00"_s},
            u"exact"_s, QString(), mon, u"dental"_s);
        row("3/14", u"3/14"_s, {u"2026-03-14T00:00:00-04:00 2026-03-15T00:00:00-04:00"_s});
        row("March 14th", u"March 14th"_s, {u"2026-03-14T00:00:00-04:00 2026-03-15T00:00:00-04:00"_s});
        row("the 14th", u"the 14th"_s, {u"2026-03-14T00:00:00-04:00 2026-03-15T00:00:00-04:00"_s});
        row("14th of March", u"14th of March"_s, {u"2026-03-14T00:00:00-04:00 2026-03-15T00:00:00-04:00"_s});
        row("the 1st (passed: next month)", u"the 1st"_s, {u"2026-04-01T00:00:00-04:00 2026-04-02T00:00:00-04:00"_s});
        row("the 3rd", u"the 3rd"_s, {u"2026-03-03T00:00:00-05:00 2026-03-04T00:00:00-05:00"_s});
        row("Friday the 13th", u"Friday the 13th"_s, {u"2026-03-13T00:00:00-04:00 2026-03-14T00:00:00-04:00"_s});
        row("March 3 at 2pm", u"March 3 at 2pm"_s, {u"2026-03-03T14:00:00-05:00 2026-03-03T14:00:00-05:00"_s}, u"exact"_s);
        row("3/20 at 10:30am", u"3/20 at 10:30am"_s, {u"2026-03-20T10:30:00-04:00 2026-03-20T10:30:00-04:00"_s}, u"exact"_s);
        row("asap", u"asap"_s, {u"2026-03-02T14:05:00-05:00 2026-03-16T14:05:00-04:00"_s}, u"earliest"_s);
        row("as soon as possible", u"as soon as possible"_s, {u"2026-03-02T14:05:00-05:00 2026-03-16T14:05:00-04:00"_s},
            u"earliest"_s);
        row("today", u"today"_s, {u"2026-03-02T00:00:00-05:00 2026-03-03T00:00:00-05:00"_s});
        row("tonight", u"tonight"_s, {u"2026-03-02T17:00:00-05:00 2026-03-02T23:00:00-05:00"_s});
        row("this evening", u"this evening"_s, {u"2026-03-02T17:00:00-05:00 2026-03-02T21:00:00-05:00"_s});
        row("later today", u"later today"_s, {u"2026-03-02T14:05:00-05:00 2026-03-03T00:00:00-05:00"_s});
        row("day after tomorrow", u"day after tomorrow"_s, {u"2026-03-04T00:00:00-05:00 2026-03-05T00:00:00-05:00"_s});
        row("this weekend", u"this weekend"_s, {u"2026-03-07T00:00:00-05:00 2026-03-09T00:00:00-04:00"_s});
        row("next week", u"next week"_s, {u"2026-03-09T00:00:00-04:00 2026-03-16T00:00:00-04:00"_s});
        row("this week", u"this week"_s, {u"2026-03-02T14:05:00-05:00 2026-03-09T00:00:00-04:00"_s});
        row("in 2 days", u"in 2 days"_s, {u"2026-03-04T00:00:00-05:00 2026-03-05T00:00:00-05:00"_s});
        row("in an hour", u"in an hour"_s, {u"2026-03-02T15:05:00-05:00 2026-03-02T15:05:00-05:00"_s}, u"exact"_s);
        row("whenever you're next open (open now)", u"whenever you're next open"_s,
            {u"2026-03-02T14:05:00-05:00 2026-03-02T17:00:00-05:00"_s}, u"earliest"_s);
        row("whenever you're next open (closed now)", u"whenever you're next open"_s,
            {u"2026-03-03T08:00:00-05:00 2026-03-03T17:00:00-05:00"_s}, u"earliest"_s, QString(), u"2026-03-02T21:40"_s);
        row("morning (past: tomorrow)", u"morning"_s, {u"2026-03-03T08:00:00-05:00 2026-03-03T12:00:00-05:00"_s});
        row("afternoon (still on)", u"afternoon"_s, {u"2026-03-02T12:00:00-05:00 2026-03-02T17:00:00-05:00"_s});
        row("evening", u"evening"_s, {u"2026-03-02T17:00:00-05:00 2026-03-02T21:00:00-05:00"_s});
        row("half past 3 in the afternoon", u"half past 3 in the afternoon"_s,
            {u"2026-03-02T15:30:00-05:00 2026-03-02T15:30:00-05:00"_s}, u"exact"_s);
        row("quarter to 10", u"quarter to 10"_s, {u"2026-03-03T09:45:00-05:00 2026-03-03T09:45:00-05:00"_s}, u"exact"_s);
        row("10 in the morning", u"10 in the morning"_s, {u"2026-03-03T10:00:00-05:00 2026-03-03T10:00:00-05:00"_s}, u"exact"_s);
        row("5 pm", u"5 pm"_s, {u"2026-03-02T17:00:00-05:00 2026-03-02T17:00:00-05:00"_s}, u"exact"_s);
        row("12:30 (past: tomorrow)", u"12:30"_s, {u"2026-03-03T12:30:00-05:00 2026-03-03T12:30:00-05:00"_s}, u"exact"_s);
        row("evening 6:30", u"evening 6:30"_s, {u"2026-03-02T18:30:00-05:00 2026-03-02T18:30:00-05:00"_s}, u"exact"_s);
        row("afternoon 12:30", u"afternoon 12:30"_s, {u"2026-03-03T12:30:00-05:00 2026-03-03T12:30:00-05:00"_s}, u"exact"_s);
        row("1 o'clock", u"1 o'clock"_s, {u"2026-03-03T13:00:00-05:00 2026-03-03T13:00:00-05:00"_s}, u"exact"_s);
        row("Wednesday at 4", u"Wednesday at 4"_s, {u"2026-03-04T16:00:00-05:00 2026-03-04T16:00:00-05:00"_s}, u"exact"_s);
        row("between 2 and 4 on friday", u"between 2 and 4 on friday"_s,
            {u"2026-03-06T14:00:00-05:00 2026-03-06T16:00:00-05:00"_s});
        row("10am-2pm", u"10am-2pm"_s, {u"2026-03-03T10:00:00-05:00 2026-03-03T14:00:00-05:00"_s});
        row("tomorrow at 3 or 4", u"tomorrow at 3 or 4"_s,
            {u"2026-03-03T15:00:00-05:00 2026-03-03T15:00:00-05:00"_s, u"2026-03-03T16:00:00-05:00 2026-03-03T16:00:00-05:00"_s},
            u"exact"_s, u"tomorrow at 3"_s);
        row("tomorrow morning at 10", u"tomorrow morning at 10"_s, {u"2026-03-03T10:00:00-05:00 2026-03-03T10:00:00-05:00"_s},
            u"exact"_s);
        row("date and time apart", u"Monday next week. Is anything available at one in the afternoon?"_s,
            {u"2026-03-09T13:00:00-04:00 2026-03-09T13:00:00-04:00"_s}, u"exact"_s,
            u"Monday next week at one in the afternoon"_s);
        row("wednesday evening", u"yes please! any chance of a wednesday evening?"_s,
            {u"2026-03-04T17:00:00-05:00 2026-03-04T21:00:00-05:00"_s}, QString(), u"wednesday evening"_s);
        row("thursday morning", u"thursday morning"_s, {u"2026-03-05T08:00:00-05:00 2026-03-05T12:00:00-05:00"_s});
        row("awaiting when: a bare 10", u"10"_s, {u"2026-03-03T10:00:00-05:00 2026-03-03T10:00:00-05:00"_s}, u"exact"_s,
            QString(), mon, h, u"when"_s);
        row("earliest while choosing is a choice", u"the earliest"_s, {}, QString(), QString(), mon, h, u"choice"_s);
        row("last night names no time", u"I cracked a tooth last night and it really hurts, can you see me today?"_s,
            {u"2026-03-02T00:00:00-06:00 2026-03-03T00:00:00-06:00"_s}, QString(), u"today"_s, u"2026-03-02T08:20"_s,
            u"dental"_s);
        row("at 3pm keeps its words", u"can you come at 3pm?"_s, {u"2026-03-02T15:00:00-05:00 2026-03-02T15:00:00-05:00"_s},
            u"exact"_s, u"at 3pm"_s);
        row("tomorrow 9-11", u"tomorrow 9-11"_s, {u"2026-03-03T09:00:00-05:00 2026-03-03T11:00:00-05:00"_s});
        row("9-11 when asked when", u"9-11"_s, {u"2026-03-03T09:00:00-05:00 2026-03-03T11:00:00-05:00"_s}, QString(), QString(),
            mon, h, u"when"_s);
        row("2-3 units is no time", u"I have 2-3 units"_s, {});
        row("we'd is not wednesday", u"if you come by, we'd be home"_s, {});
        row("sat is a verb", u"I sat down and the AC died"_s, {});
        row("sat morning", u"sat morning"_s, {u"2026-03-07T08:00:00-05:00 2026-03-07T12:00:00-05:00"_s});
        row("typo wensday", u"wensday afternoon"_s, {u"2026-03-04T12:00:00-05:00 2026-03-04T17:00:00-05:00"_s});
        row("typo tommorow", u"tommorow at 10am"_s, {u"2026-03-03T10:00:00-05:00 2026-03-03T10:00:00-05:00"_s}, u"exact"_s);
        row("the morning of the 14th", u"the morning of the 14th"_s, {u"2026-03-14T08:00:00-04:00 2026-03-14T12:00:00-04:00"_s},
            QString(), u"morning of the 14th"_s);
        row("after 3 on thursday", u"after 3 on thursday"_s, {u"2026-03-05T15:00:00-05:00 2026-03-06T00:00:00-05:00"_s});
        row("early next week", u"early next week"_s, {u"2026-03-09T00:00:00-04:00 2026-03-12T00:00:00-04:00"_s});
        row("the week after next", u"the week after next"_s, {u"2026-03-16T00:00:00-04:00 2026-03-23T00:00:00-04:00"_s});
        row("that's all for today", u"thanks, that's all for today"_s, {});
        row("make it for today", u"Sure, make it for today."_s, {u"2026-03-02T00:00:00-05:00 2026-03-03T00:00:00-05:00"_s},
            QString(), u"today"_s);
        row("since this morning", u"it hasn't worked since this morning"_s, {});
        row("good morning", u"Good morning, my AC is out"_s, {});
        row("two days ago", u"it broke 2 days ago"_s, {});
        row("address is no time", u"we're at 1 East 161 Street"_s, {});
        row("that one", u"that one sounds good"_s, {});
        row("prices are no time", u"is it $89 for 2 units?"_s, {});
        row("not today", u"not today, maybe tomorrow"_s, {u"2026-03-03T00:00:00-05:00 2026-03-04T00:00:00-05:00"_s}, QString(),
            u"tomorrow"_s);
    }
    void when()
    {
        QFETCH(QString, profile);
        QFETCH(QString, now);
        QFETCH(QString, awaiting);
        QFETCH(QString, text);
        QFETCH(QStringList, windows);
        QFETCH(QString, flags);
        QFETCH(QString, words);
        const ParsedMessage r = parse(profile, text, now, awaiting);
        QCOMPARE(describe(r.when), windows);
        if (r.when.isEmpty())
            return;
        QCOMPARE(r.when.first().exactTime, flags == u"exact"_s);
        QCOMPARE(r.when.first().earliest, flags == u"earliest"_s);
        QCOMPARE(r.when.first().text, words);
        for (const TimeWindow &w : r.when) {
            QCOMPARE(w.start.timeZone(), this->profile(profile).timeZone());
            QVERIFY(w.start <= w.end);
        }
    }

    // Daylight saving time in America/New_York: 2026-03-08 02:00 → 03:00, 2026-11-01 02:00 → 01:00.
    void daylightSaving_data()
    {
        QTest::addColumn<QString>("now");
        QTest::addColumn<QString>("text");
        QTest::addColumn<QStringList>("windows");
        QTest::newRow("sunday at 3am, after the jump") << u"2026-03-06T10:00"_s << u"sunday at 3am"_s
                                                       << QStringList{u"2026-03-08T03:00:00-04:00 2026-03-08T03:00:00-04:00"_s};
        QTest::newRow("1:30am, before the jump") << u"2026-03-06T10:00"_s << u"sunday at 1:30am"_s
                                                 << QStringList{u"2026-03-08T01:30:00-05:00 2026-03-08T01:30:00-05:00"_s};
        QTest::newRow("2:30am does not exist: 3:30") << u"2026-03-06T10:00"_s << u"sunday at 2:30am"_s
                                                     << QStringList{u"2026-03-08T03:30:00-04:00 2026-03-08T03:30:00-04:00"_s};
        QTest::newRow("tomorrow morning across the jump") << u"2026-03-07T10:00"_s << u"tomorrow morning"_s
                                                          << QStringList{u"2026-03-08T08:00:00-04:00 2026-03-08T12:00:00-04:00"_s};
        QTest::newRow("the 23-hour day") << u"2026-03-07T10:00"_s << u"sunday"_s
                                         << QStringList{u"2026-03-08T00:00:00-05:00 2026-03-09T00:00:00-04:00"_s};
        QTest::newRow("asap across the jump") << u"2026-03-07T10:00"_s << u"asap"_s
                                              << QStringList{u"2026-03-07T10:00:00-05:00 2026-03-21T10:00:00-04:00"_s};
        QTest::newRow("in an hour across the jump") << u"2026-03-08T01:30"_s << u"in an hour"_s
                                                    << QStringList{u"2026-03-08T03:30:00-04:00 2026-03-08T03:30:00-04:00"_s};
        QTest::newRow("the 25-hour day") << u"2026-10-31T10:00"_s << u"tomorrow"_s
                                         << QStringList{u"2026-11-01T00:00:00-04:00 2026-11-02T00:00:00-05:00"_s};
        QTest::newRow("after the fall back") << u"2026-10-31T10:00"_s << u"monday at 9am"_s
                                             << QStringList{u"2026-11-02T09:00:00-05:00 2026-11-02T09:00:00-05:00"_s};
    }
    void daylightSaving()
    {
        QFETCH(QString, now);
        QFETCH(QString, text);
        QFETCH(QStringList, windows);
        QCOMPARE(describe(parse(u"hvac"_s, text, now).when), windows);
    }

    // `now` may come in any zone: it is read in the business's.
    void nowInAnyZone()
    {
        const QDateTime utc(QDate(2026, 3, 3), QTime(2, 40), QTimeZone::utc()); // 21:40 in Atlanta on the 2nd
        ParsedMessage r = m_hvacParser->parse(u"tomorrow morning"_s, utc);
        QCOMPARE(describe(r.when), QStringList{u"2026-03-03T08:00:00-05:00 2026-03-03T12:00:00-05:00"_s});
        r = m_dentalParser->parse(u"today"_s, utc); // 20:40 in Chicago on the 2nd
        QCOMPARE(describe(r.when), QStringList{u"2026-03-02T00:00:00-06:00 2026-03-03T00:00:00-06:00"_s});
    }

    // ---- the `parse` JSON (FORMAT.md) ---------------------------------------------------------------

    void toJsonMatchesFormat()
    {
        const ParsedMessage r = parse(u"hvac"_s, u"my AC needs a repair, I'm in 30307, tomorrow morning please"_s);
        const QJsonObject o = r.toJson();
        QCOMPARE(o.value(u"intent"_s).toString(), u"book"_s);
        QCOMPARE(o.value(u"service"_s).toString(), u"ac-repair"_s);
        QCOMPARE(o.value(u"zip"_s).toString(), u"30307"_s);
        QCOMPARE(o.value(u"urgency"_s).toString(), u"normal"_s);
        QVERIFY(o.value(u"name"_s).isNull());
        QCOMPARE(o.value(u"opt_out"_s), QJsonValue(false));
        const QJsonArray when = o.value(u"when"_s).toArray();
        QCOMPARE(when.size(), 1);
        const QJsonObject w = when.at(0).toObject();
        QCOMPARE(w.value(u"start"_s).toString(), u"2026-03-03T08:00:00-05:00"_s);
        QCOMPARE(w.value(u"end"_s).toString(), u"2026-03-03T12:00:00-05:00"_s);
        QCOMPARE(w.value(u"text"_s).toString(), u"tomorrow morning"_s);
        for (const QString &key : {u"intent"_s, u"service"_s, u"zip"_s, u"urgency"_s, u"when"_s, u"name"_s, u"opt_out"_s})
            QVERIFY2(o.contains(key), qPrintable(key));

        const QJsonObject empty = parse(u"hvac"_s, u"STOP"_s).toJson();
        QCOMPARE(empty.value(u"intent"_s).toString(), u"opt_out"_s);
        QVERIFY(empty.value(u"service"_s).isNull());
        QVERIFY(empty.value(u"zip"_s).isNull());
        QCOMPARE(empty.value(u"opt_out"_s), QJsonValue(true));
        QCOMPARE(empty.value(u"when"_s).toArray().size(), 0);

        const QJsonObject extra = parse(u"hvac"_s, u"how much for a tune up?"_s).toJson();
        QCOMPARE(extra.value(u"faq"_s).toArray(), QJsonArray{0});
        QCOMPARE(extra.value(u"intent"_s).toString(), u"question"_s);
    }

    void intentAndUrgencyNames()
    {
        QCOMPARE(intentName(Intent::OptOut), u"opt_out"_s);
        QCOMPARE(intentName(Intent::WrongNumber), u"wrong_number"_s);
        QCOMPARE(intentName(Intent::OptIn), u"opt_in"_s);
        QCOMPARE(intentName(Intent::Other), u"other"_s);
        QCOMPARE(urgencyName(Urgency::Emergency), u"emergency"_s);
        QCOMPARE(urgencyName(Urgency::Normal), u"normal"_s);
    }

    // ---- the caller wording of the shared scenarios ---------------------------------------------

    // Every persona answer in the public scenarios fills the slot it answers.
    void publicScenarioPersonas()
    {
        const QDir dir(QStringLiteral(FRONTDESK_SHARED_DIR "/scenarios/public"));
        const QStringList files = dir.entryList({u"*.json"_s}, QDir::Files);
        QVERIFY(!files.isEmpty());
        int checked = 0;
        for (const QString &fileName : files) {
            QFile f(dir.filePath(fileName));
            QVERIFY(f.open(QIODevice::ReadOnly));
            const QJsonObject scenario = QJsonDocument::fromJson(f.readAll()).object();
            const QString profileName = scenario.value(u"profile"_s).toString().contains(u"dental"_s) ? u"dental"_s : u"hvac"_s;
            const QString now = scenario.value(u"now"_s).toString();
            for (const QJsonValue &step : scenario.value(u"steps"_s).toArray()) {
                const QJsonObject persona = step.toObject().value(u"persona"_s).toObject();
                for (auto it = persona.begin(); it != persona.end(); ++it) {
                    const QString slot = it.key();
                    const QString text = it.value().toString();
                    const ParsedMessage r = parse(profileName, text, now, slot);
                    const QString what = fileName + u": "_s + slot + u" = "_s + text;
                    if (slot == u"service"_s)
                        QVERIFY2(!r.service.isEmpty(), qPrintable(what));
                    else if (slot == u"zip"_s)
                        QVERIFY2(r.zip == text, qPrintable(what));
                    else if (slot == u"when"_s)
                        QVERIFY2(!r.when.isEmpty(), qPrintable(what));
                    else if (slot == u"choice"_s)
                        QVERIFY2(r.choice || r.earliest || r.latest, qPrintable(what));
                    else if (slot == u"confirm"_s)
                        QVERIFY2(r.intent == Intent::Affirm, qPrintable(what));
                    else if (slot == u"name"_s)
                        QVERIFY2(r.name == text, qPrintable(what));
                    else if (slot == u"urgency"_s)
                        QVERIFY2(r.urgencyStated, qPrintable(what));
                    ++checked;
                }
            }
        }
        QVERIFY(checked > 20);
    }

    // ---- typo tolerance -----------------------------------------------------------------------------

    void fuzzyMatch_data()
    {
        QTest::addColumn<QString>("word");
        QTest::addColumn<QString>("keyword");
        QTest::addColumn<bool>("matches");
        QTest::newRow("exact") << u"furnace"_s << u"furnace"_s << true;
        QTest::newRow("insertion") << u"furnance"_s << u"furnace"_s << true;
        QTest::newRow("transposition") << u"drian"_s << u"drain"_s << true;
        QTest::newRow("two edits, long word") << u"condtioner"_s << u"conditioner"_s << true;
        QTest::newRow("two edits, short word") << u"furnnce"_s << u"furnace"_s << true;
        QTest::newRow("too far") << u"frnnce"_s << u"furnace"_s << false;
        QTest::newRow("short keyword exact only") << u"acc"_s << u"ac"_s << false;
        QTest::newRow("common word") << u"hear"_s << u"heat"_s << false;
        QTest::newRow("substitution in a short word") << u"paun"_s << u"pain"_s << false;
        QTest::newRow("first letter differs") << u"wheat"_s << u"heat"_s << false;
        QTest::newRow("plural") << u"furnaces"_s << u"furnace"_s << true;
    }
    void fuzzyMatch()
    {
        QFETCH(QString, word);
        QFETCH(QString, keyword);
        QFETCH(bool, matches);
        QCOMPARE(FuzzyMatch::matches(word, keyword), matches);
    }

    void editDistance()
    {
        QCOMPARE(FuzzyMatch::distance(u"drian", u"drain", 2), 1);
        QCOMPARE(FuzzyMatch::distance(u"furnance", u"furnace", 2), 1);
        QCOMPARE(FuzzyMatch::distance(u"kitten", u"sitting", 5), 3);
        QCOMPARE(FuzzyMatch::distance(u"kitten", u"sitting", 1), 2); // capped at max + 1
        QCOMPARE(FuzzyMatch::distance(u"", u"abc", 5), 3);
    }

    // ---- determinism and cost -----------------------------------------------------------------------

    void deterministic()
    {
        const QString text = u"hi this is Rob, no heat since this morning, 30307, tomorrow at 3 or asap"_s;
        const QJsonObject a = parse(u"hvac"_s, text).toJson();
        const QJsonObject b = parse(u"hvac"_s, text).toJson();
        QCOMPARE(a, b);
        // The clock is what `now` says, never the machine's.
        const ParsedMessage later = parse(u"hvac"_s, u"tomorrow"_s, u"2027-06-01T09:00"_s);
        QCOMPARE(describe(later.when), QStringList{u"2027-06-02T00:00:00-04:00 2027-06-03T00:00:00-04:00"_s});
    }

    void parseCost()
    {
        const QStringList messages = {
            u"hi, my AC is blowing warm air"_s,
            u"how much do you charge to come out for a tune up?"_s,
            u"we have no heat at all and it's freezing, can someone come first thing tomorrow? zip 30306"_s,
            u"my water heater is leaking, can you come today?"_s,
            u"Monday next week. Is anything available at one in the afternoon?"_s,
            u"the first one"_s,
            u"my name is Jordan Blake"_s,
            u"STOP"_s,
        };
        const QDateTime now = local(u"hvac"_s, u"2026-03-02T14:05"_s);
        QList<Intent> expected;
        for (const QString &m : messages)
            expected << m_hvacParser->parse(m, now).intent;
        int rounds = 0;
        QElapsedTimer timer;
        timer.start();
        const std::clock_t cpuStart = std::clock(); // processor time: the same on a busy build machine
        while (rounds < 300) {
            for (qsizetype k = 0; k < messages.size(); ++k)
                QCOMPARE(m_hvacParser->parse(messages.at(k), now).intent, expected.at(k));
            ++rounds;
        }
        const double parses = double(rounds) * double(messages.size());
        const double cpuMicros = 1e6 * double(std::clock() - cpuStart) / CLOCKS_PER_SEC / parses;
        const double wallMicros = timer.nsecsElapsed() / 1000.0 / parses;
        qInfo("parse cost: %.1f us CPU (%.1f us wall) per message", cpuMicros, wallMicros);
        // A figure only: a unit test times nothing. bench_sgd_dates and bench_agent print the parse cost
        // on real data and gate it.
    }

    // ---- issue 16: the forms people text, from the lexicon over the resolver -------------------

    void moreForms_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("start"); // the first window's start
        QTest::addColumn<QString>("end"); // and end ("" when not checked)
        // HVAC (America/New_York), Monday 2026-03-02 14:05 EST; DST starts Sunday 2026-03-08.
        QTest::newRow("half three") << u"half three"_s << u"2026-03-02T15:30:00-05:00"_s
                                    << u"2026-03-02T15:30:00-05:00"_s;
        QTest::newRow("quarter past 4") << u"quarter past 4"_s << u"2026-03-02T16:15:00-05:00"_s << QString();
        QTest::newRow("twenty to five") << u"twenty to five"_s << u"2026-03-02T16:40:00-05:00"_s << QString();
        QTest::newRow("20 minutes to 2pm tomorrow")
            << u"20 minutes to 2pm tomorrow"_s << u"2026-03-03T13:40:00-05:00"_s << QString();
        QTest::newRow("15h30") << u"15h30"_s << u"2026-03-02T15:30:00-05:00"_s << QString();
        QTest::newRow("330 pm") << u"330 pm"_s << u"2026-03-02T15:30:00-05:00"_s << QString();
        QTest::newRow("at 1030 tomorrow") << u"tomorrow at 1030"_s << u"2026-03-03T10:30:00-05:00"_s << QString();
        QTest::newRow("8ish") << u"tomorrow 8ish"_s << u"2026-03-03T08:00:00-05:00"_s << QString();
        QTest::newRow("9 or 10") << u"tomorrow 9 or 10"_s << u"2026-03-03T09:00:00-05:00"_s << QString();
        QTest::newRow("in 2 hours") << u"in 2 hours"_s << u"2026-03-02T16:05:00-05:00"_s << QString();
        QTest::newRow("3 weeks from now")
            << u"3 weeks from now"_s << u"2026-03-23T00:00:00-04:00"_s << u"2026-03-24T00:00:00-04:00"_s;
        QTest::newRow("a week hence") << u"a week hence"_s << u"2026-03-09T00:00:00-04:00"_s << QString();
        QTest::newRow("a fortnight hence") << u"a fortnight hence"_s << u"2026-03-16T00:00:00-04:00"_s << QString();
        QTest::newRow("the 20th of next month")
            << u"the 20th of next month"_s << u"2026-04-20T00:00:00-04:00"_s << QString();
        QTest::newRow("20 of next month") << u"20 of next month"_s << u"2026-04-20T00:00:00-04:00"_s << QString();
        QTest::newRow("last monday of march")
            << u"last Monday of March"_s << u"2026-03-30T00:00:00-04:00"_s << QString();
        QTest::newRow("2 fridays from now") << u"2 Fridays from now"_s << u"2026-03-13T00:00:00-04:00"_s << QString();
        QTest::newRow("between 2 and 4") << u"between 2 and 4"_s << u"2026-03-02T14:00:00-05:00"_s
                                         << u"2026-03-02T16:00:00-05:00"_s;
        QTest::newRow("after 3") << u"after 3"_s << u"2026-03-02T15:00:00-05:00"_s << u"2026-03-03T00:00:00-05:00"_s;
        QTest::newRow("after friday") << u"sometime after friday"_s << u"2026-03-07T00:00:00-05:00"_s << QString();
        QTest::newRow("after the 15th") << u"any day after the 15th"_s << u"2026-03-16T00:00:00-04:00"_s << QString();
        QTest::newRow("before friday") << u"before friday"_s << u"2026-03-02T14:05:00-05:00"_s
                                       << u"2026-03-06T00:00:00-05:00"_s;
        QTest::newRow("later than but before") << u"later than 9:30 but before 11:00 on thursday"_s
                                               << u"2026-03-05T09:30:00-05:00"_s << u"2026-03-05T11:00:00-05:00"_s;
        QTest::newRow("christmas eve") << u"christmas eve"_s << u"2026-12-24T00:00:00-05:00"_s << QString();
        QTest::newRow("day after thanksgiving")
            << u"the day after Thanksgiving"_s << u"2026-11-27T00:00:00-05:00"_s << QString();
        QTest::newRow("memorial day") << u"Memorial Day"_s << u"2026-05-25T00:00:00-04:00"_s << QString();
        QTest::newRow("good friday is no past") << u"good friday"_s << u"2026-04-03T00:00:00-04:00"_s << QString();
        QTest::newRow("9am pacific") << u"tomorrow 9am pacific"_s << u"2026-03-03T12:00:00-05:00"_s << QString();
        QTest::newRow("4pm cet") << u"tomorrow 4pm CET"_s << u"2026-03-03T10:00:00-05:00"_s << QString();
        QTest::newRow("next 3 hours") << u"in the next 3 hours"_s << u"2026-03-02T14:05:00-05:00"_s
                                      << u"2026-03-02T17:05:00-05:00"_s;
        // months and their parts: early 1-10, mid 11-20, late/end 21-last; weeks of a month 1-7, 8-14 …
        QTest::newRow("in april") << u"sometime in april"_s << u"2026-04-01T00:00:00-04:00"_s
                                  << u"2026-05-01T00:00:00-04:00"_s;
        QTest::newRow("in february: next year's")
            << u"in february"_s << u"2027-02-01T00:00:00-05:00"_s << u"2027-03-01T00:00:00-05:00"_s;
        QTest::newRow("early april") << u"early april"_s << u"2026-04-01T00:00:00-04:00"_s
                                     << u"2026-04-11T00:00:00-04:00"_s;
        QTest::newRow("early march, from now")
            << u"early march"_s << u"2026-03-02T14:05:00-05:00"_s << u"2026-03-11T00:00:00-04:00"_s;
        QTest::newRow("mid-march") << u"mid-march"_s << u"2026-03-11T00:00:00-04:00"_s
                                   << u"2026-03-21T00:00:00-04:00"_s;
        QTest::newRow("the middle of may")
            << u"the middle of May"_s << u"2026-05-11T00:00:00-04:00"_s << u"2026-05-21T00:00:00-04:00"_s;
        QTest::newRow("late march") << u"late march"_s << u"2026-03-21T00:00:00-04:00"_s
                                    << u"2026-04-01T00:00:00-04:00"_s;
        QTest::newRow("by the end of the month")
            << u"by the end of the month"_s << u"2026-03-02T14:05:00-05:00"_s << u"2026-04-01T00:00:00-04:00"_s;
        QTest::newRow("next month") << u"next month"_s << u"2026-04-01T00:00:00-04:00"_s
                                    << u"2026-05-01T00:00:00-04:00"_s;
        QTest::newRow("this month") << u"this month"_s << u"2026-03-02T14:05:00-05:00"_s
                                    << u"2026-04-01T00:00:00-04:00"_s;
        QTest::newRow("first week of april")
            << u"the first week of april"_s << u"2026-04-01T00:00:00-04:00"_s << u"2026-04-08T00:00:00-04:00"_s;
        QTest::newRow("last week of march")
            << u"the last week of march"_s << u"2026-03-25T00:00:00-04:00"_s << u"2026-04-01T00:00:00-04:00"_s;
        QTest::newRow("last day of the month")
            << u"the last day of the month"_s << u"2026-03-31T00:00:00-04:00"_s << u"2026-04-01T00:00:00-04:00"_s;
        QTest::newRow("june 2026") << u"june 2026"_s << u"2026-06-01T00:00:00-04:00"_s
                                   << u"2026-07-01T00:00:00-04:00"_s;
        // months as a unit; weeks counted from another day
        QTest::newRow("in a month") << u"in a month"_s << u"2026-04-02T00:00:00-04:00"_s
                                    << u"2026-04-03T00:00:00-04:00"_s;
        QTest::newRow("in 2 months") << u"in 2 months"_s << u"2026-05-02T00:00:00-04:00"_s << QString();
        QTest::newRow("within the next month")
            << u"within the next month"_s << u"2026-03-02T14:05:00-05:00"_s << u"2026-04-03T00:00:00-04:00"_s;
        QTest::newRow("a week from tomorrow")
            << u"a week from tomorrow"_s << u"2026-03-10T00:00:00-04:00"_s << u"2026-03-11T00:00:00-04:00"_s;
        QTest::newRow("2 weeks from friday")
            << u"2 weeks from friday"_s << u"2026-03-20T00:00:00-04:00"_s << u"2026-03-21T00:00:00-04:00"_s;
        // a span of days
        QTest::newRow("tue-thu") << u"tue-thu"_s << u"2026-03-03T00:00:00-05:00"_s << u"2026-03-06T00:00:00-05:00"_s;
        QTest::newRow("fri to mon wraps")
            << u"fri to mon"_s << u"2026-03-06T00:00:00-05:00"_s << u"2026-03-10T00:00:00-04:00"_s;
        QTest::newRow("march 10 through march 12")
            << u"march 10 through march 12"_s << u"2026-03-10T00:00:00-04:00"_s << u"2026-03-13T00:00:00-04:00"_s;
        // more holidays, as lexicon rows
        QTest::newRow("tax day") << u"tax day"_s << u"2026-04-15T00:00:00-04:00"_s << QString();
        QTest::newRow("april fools") << u"april fool's day"_s << u"2026-04-01T00:00:00-04:00"_s << QString();
        QTest::newRow("cinco de mayo") << u"cinco de mayo"_s << u"2026-05-05T00:00:00-04:00"_s << QString();
        QTest::newRow("election day") << u"election day"_s << u"2026-11-03T00:00:00-05:00"_s << QString();
        QTest::newRow("ascension day") << u"ascension day"_s << u"2026-05-14T00:00:00-04:00"_s << QString();
        // days of one month, a span between two days, day-first numeric dates
        QTest::newRow("march 10-12") << u"march 10-12"_s << u"2026-03-10T00:00:00-04:00"_s
                                     << u"2026-03-13T00:00:00-04:00"_s;
        QTest::newRow("april 10th to the 14th")
            << u"april 10th to the 14th"_s << u"2026-04-10T00:00:00-04:00"_s << u"2026-04-15T00:00:00-04:00"_s;
        QTest::newRow("march 3 - 5pm is a time") << u"march 3 - 5pm"_s << u"2026-03-03T17:00:00-05:00"_s << QString();
        QTest::newRow("between the 10th and the 12th")
            << u"between the 10th and the 12th"_s << u"2026-03-10T00:00:00-04:00"_s << u"2026-03-13T00:00:00-04:00"_s;
        QTest::newRow("18-20 march") << u"18-20 march"_s << u"2026-03-18T00:00:00-04:00"_s
                                     << u"2026-03-21T00:00:00-04:00"_s;
        QTest::newRow("the 6th to the 8th of april")
            << u"the 6th to the 8th of april"_s << u"2026-04-06T00:00:00-04:00"_s << u"2026-04-09T00:00:00-04:00"_s;
        QTest::newRow("15/3 day first") << u"15/3"_s << u"2026-03-15T00:00:00-04:00"_s << QString();
        QTest::newRow("19/03/2026 day first") << u"19/03/2026"_s << u"2026-03-19T00:00:00-04:00"_s << QString();
        // a dot between hour and minutes where it can only be a time
        QTest::newRow("at 3.30") << u"at 3.30"_s << u"2026-03-02T15:30:00-05:00"_s << QString();
        QTest::newRow("9.30 to 11") << u"tomorrow 9.30 to 11"_s << u"2026-03-03T09:30:00-05:00"_s
                                    << u"2026-03-03T11:00:00-05:00"_s;
        QTest::newRow("3.45 tomorrow") << u"3.45 tomorrow"_s << u"2026-03-03T15:45:00-05:00"_s << QString();
        // British: a week after a day
        QTest::newRow("tomorrow week") << u"tomorrow week"_s << u"2026-03-10T00:00:00-04:00"_s << QString();
        QTest::newRow("a week on friday") << u"a week on friday"_s << u"2026-03-13T00:00:00-04:00"_s << QString();
        // a time said with its bound
        QTest::newRow("from 3 onwards") << u"from 3 onwards"_s << u"2026-03-02T15:00:00-05:00"_s
                                        << u"2026-03-03T00:00:00-05:00"_s;
        QTest::newRow("any time from 3") << u"any time from 3"_s << u"2026-03-02T15:00:00-05:00"_s
                                         << u"2026-03-03T00:00:00-05:00"_s;
        QTest::newRow("10am or later") << u"tomorrow 10am or later"_s << u"2026-03-03T10:00:00-05:00"_s
                                       << u"2026-03-04T00:00:00-05:00"_s;
        QTest::newRow("starting at 2") << u"starting at 2 tomorrow"_s << u"2026-03-03T14:00:00-05:00"_s
                                       << u"2026-03-04T00:00:00-05:00"_s;
        QTest::newRow("4pm at the latest")
            << u"tomorrow 4pm at the latest"_s << u"2026-03-03T00:00:00-05:00"_s << u"2026-03-03T16:00:00-05:00"_s;
        QTest::newRow("from 3 to 5 stays a range")
            << u"any time from 3 to 5"_s << u"2026-03-02T15:00:00-05:00"_s << u"2026-03-02T17:00:00-05:00"_s;
        QTest::newRow("within 2 days") << u"within 2 days"_s << u"2026-03-02T14:05:00-05:00"_s
                                       << u"2026-03-05T00:00:00-05:00"_s;
        QTest::newRow("day after next") << u"the day after next"_s << u"2026-03-04T00:00:00-05:00"_s
                                        << u"2026-03-05T00:00:00-05:00"_s;
        QTest::newRow("by end of day") << u"by end of day"_s << u"2026-03-02T14:05:00-05:00"_s
                                       << u"2026-03-03T00:00:00-05:00"_s;
        QTest::newRow("eod friday") << u"eod friday"_s << u"2026-03-06T00:00:00-05:00"_s << QString();
        QTest::newRow("first weekend of april")
            << u"the first weekend of april"_s << u"2026-04-04T00:00:00-04:00"_s << u"2026-04-06T00:00:00-04:00"_s;
        QTest::newRow("last weekend of march")
            << u"the last weekend of march"_s << u"2026-03-28T00:00:00-04:00"_s << u"2026-03-30T00:00:00-04:00"_s;
        // more ways to say a clock time
        QTest::newRow("10 sharp") << u"tomorrow 10 sharp"_s << u"2026-03-03T10:00:00-05:00"_s << QString();
        QTest::newRow("1300 hours tomorrow") << u"1300 hours tomorrow"_s << u"2026-03-03T13:00:00-05:00"_s << QString();
        QTest::newRow("0900 hrs") << u"0900 hrs on friday"_s << u"2026-03-06T09:00:00-05:00"_s << QString();
        QTest::newRow("roughly 4") << u"roughly 4"_s << u"2026-03-02T16:00:00-05:00"_s << QString();
        QTest::newRow("10 30am") << u"tomorrow 10 30am"_s << u"2026-03-03T10:30:00-05:00"_s << QString();
        QTest::newRow("wed from 9 til noon")
            << u"wed from 9 til noon"_s << u"2026-03-04T09:00:00-05:00"_s << u"2026-03-04T12:00:00-05:00"_s;
        QTest::newRow("the week of the 16th")
            << u"the week of the 16th"_s << u"2026-03-16T00:00:00-04:00"_s << u"2026-03-23T00:00:00-04:00"_s;
        QTest::newRow("week of april 8") << u"week of april 8"_s << u"2026-04-06T00:00:00-04:00"_s
                                         << u"2026-04-13T00:00:00-04:00"_s;
        QTest::newRow("next april") << u"next april"_s << u"2026-04-01T00:00:00-04:00"_s
                                    << u"2026-05-01T00:00:00-04:00"_s;
        QTest::newRow("next march, said in march") << u"next march"_s << u"2027-03-01T00:00:00-05:00"_s << QString();
        QTest::newRow("the rest of the month")
            << u"the rest of the month"_s << u"2026-03-02T14:05:00-05:00"_s << u"2026-04-01T00:00:00-04:00"_s;
        QTest::newRow("later in the month")
            << u"later in the month"_s << u"2026-03-02T14:05:00-05:00"_s << u"2026-04-01T00:00:00-04:00"_s;
        QTest::newRow("midweek") << u"midweek"_s << u"2026-03-03T00:00:00-05:00"_s << u"2026-03-06T00:00:00-05:00"_s;
        QTest::newRow("the middle of next week")
            << u"the middle of next week"_s << u"2026-03-10T00:00:00-04:00"_s << u"2026-03-13T00:00:00-04:00"_s;
        QTest::newRow("by the end of next week") << u"by the end of next week"_s << u"2026-03-02T14:05:00-05:00"_s
                                                 << u"2026-03-15T00:00:00-04:00"_s; // late next week ends Saturday
        QTest::newRow("in the coming days")
            << u"in the coming days"_s << u"2026-03-02T14:05:00-05:00"_s << u"2026-03-06T00:00:00-05:00"_s;
        // fractions of an amount
        QTest::newRow("in 1.5 hours") << u"in 1.5 hours"_s << u"2026-03-02T15:35:00-05:00"_s << QString();
        QTest::newRow("in an hour and a half")
            << u"in an hour and a half"_s << u"2026-03-02T15:35:00-05:00"_s << QString();
        QTest::newRow("in 2 and a half hours")
            << u"in 2 and a half hours"_s << u"2026-03-02T16:35:00-05:00"_s << QString();
    }

    void noTimeNamed()
    {
        // "may" and "march" are words too: a month names a time with "in", a year or a part of it;
        // a price or a decimal is no time
        for (const QString &text :
            {u"I may come by later"_s, u"march"_s, u"the march was loud"_s, u"it costs 3.50"_s, u"about 2.5 hours"_s,
                u"we have 1200 hours of footage"_s, u"3 sharp turns"_s, u"at the end of the day it's your call"_s})
            QVERIFY2(parse(u"hvac"_s, text).when.isEmpty(), qPrintable(text));
    }
    void moreForms()
    {
        QFETCH(QString, text);
        QFETCH(QString, start);
        QFETCH(QString, end);
        const ParsedMessage r = parse(u"hvac"_s, text);
        QVERIFY2(!r.when.isEmpty(), qPrintable(text));
        QCOMPARE(isoOf(r.when.first().start), start);
        if (!end.isEmpty())
            QCOMPARE(isoOf(r.when.first().end), end);
    }

    void exclusions_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QStringList>("when");
        QTest::addColumn<QStringList>("excluded");
        QTest::newRow("not tomorrow") << u"not tomorrow"_s << QStringList()
                                      << QStringList {u"2026-03-03T00:00:00-05:00 2026-03-04T00:00:00-05:00"_s};
        QTest::newRow("any day but friday") << u"any day but Friday"_s << QStringList()
                                            << QStringList {u"2026-03-06T00:00:00-05:00 2026-03-07T00:00:00-05:00"_s};
        QTest::newRow("no mornings") << u"thursday, no mornings"_s
                                     << QStringList {u"2026-03-05T00:00:00-05:00 2026-03-06T00:00:00-05:00"_s}
                                     << QStringList {u"2026-03-03T08:00:00-05:00 2026-03-03T12:00:00-05:00"_s};
        QTest::newRow("can't do tomorrow, thursday")
            << u"I can't do tomorrow, how about thursday"_s
            << QStringList {u"2026-03-05T00:00:00-05:00 2026-03-06T00:00:00-05:00"_s}
            << QStringList {u"2026-03-03T00:00:00-05:00 2026-03-04T00:00:00-05:00"_s};
    }
    void exclusionLists()
    {
        // a list goes on ruling out; a plural rules out every such day ahead
        const ParsedMessage list = parse(u"hvac"_s, u"not mon or tues"_s);
        QVERIFY(list.when.isEmpty());
        QCOMPARE(list.excluded.size(), 2);
        QCOMPARE(list.excluded.at(1).start.date(), QDate(2026, 3, 3));
        const ParsedMessage fridays = parse(u"hvac"_s, u"any time, no fridays"_s);
        QCOMPARE(fridays.excluded.size(), 5);
        for (const TimeWindow &w : fridays.excluded)
            QCOMPARE(w.start.date().dayOfWeek(), 5);
        QCOMPARE(describe(parse(u"hvac"_s, u"tmrw b4 10"_s).when),
            QStringList {u"2026-03-03T00:00:00-05:00 2026-03-03T10:00:00-05:00"_s});
    }

    void exclusions()
    {
        QFETCH(QString, text);
        QFETCH(QStringList, when);
        QFETCH(QStringList, excluded);
        const ParsedMessage r = parse(u"hvac"_s, text);
        QCOMPARE(describe(r.when), when);
        QCOMPARE(describe(r.excluded), excluded);
    }

    void cues_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("cue"); // the ParsedMessage::toJson() "cues" entry that must be set
        QTest::newRow("think about it") << u"ok... I'll think about it"_s << u"closing"_s;
        QTest::newRow("no thanks") << u"no thanks, we found someone else"_s << u"closing"_s;
        QTest::newRow("never mind") << u"never mind my roommate just got home lol"_s << u"closing"_s;
        QTest::newRow("thanks only") << u"thank you so much!! 🙏"_s << u"pleasantry"_s;
        QTest::newRow("great see you then") << u"great, see you then"_s << u"pleasantry"_s;
        QTest::newRow("hours") << u"r u open sunday?"_s << u"asks_hours"_s;
        QTest::newRow("hours, what time") << u"what time do you close today?"_s << u"asks_hours"_s;
        QTest::newRow("area") << u"do you come out to 30318?"_s << u"asks_area"_s;
        QTest::newRow("services") << u"what kind of work do you guys do?"_s << u"asks_services"_s;
        QTest::newRow("not urgent") << u"no rush at all"_s << u"not_urgent"_s;
        QTest::newRow("wrong number stated") << u"you have the wrong number"_s << u"wrong_number"_s;
        QTest::newRow("any time") << u"whatever works for you"_s << u"any_time"_s;
        QTest::newRow("something else") << u"no it's a different problem"_s << u"something_else"_s;
    }
    void cues()
    {
        QFETCH(QString, text);
        QFETCH(QString, cue);
        const QJsonObject o = parse(u"hvac"_s, text).toJson();
        QVERIFY2(
            o.value(u"cues"_s).toArray().contains(cue), QJsonDocument(o).toJson(QJsonDocument::Compact).constData());
    }

    void closingNeedsNothingElse()
    {
        // stepping back, unless the text goes on to ask for something
        QVERIFY(!parse(u"hvac"_s, u"never mind, tomorrow at 3 works better"_s).closing);
        QVERIFY(!parse(u"hvac"_s, u"no thanks, but the furnace is out"_s).closing);
        QCOMPARE(parse(u"hvac"_s, u"no thanks"_s).intent, Intent::Deny);
    }

    void reschedulingInFreeWords()
    {
        QCOMPARE(parse(u"hvac"_s, u"something came up, can we move it to Thursday?"_s).intent, Intent::Reschedule);
        QCOMPARE(parse(u"hvac"_s, u"can we do friday instead"_s).intent, Intent::Reschedule);
        QCOMPARE(parse(u"hvac"_s, u"hey sorry something came up i need to cancel"_s).intent, Intent::Cancel);
    }

    void notOfferedSubjectWins()
    {
        // HVAC lists "plumbing", "water heater" and "electrical panel" as not offered; "heat" and "install" are service
        // words.
        const ParsedMessage a = parse(u"hvac"_s, u"do you install water heaters?"_s);
        QVERIFY(a.service.isEmpty());
        QCOMPARE(a.notOfferedKeyword, u"water heater"_s);
        const ParsedMessage b = parse(u"hvac"_s, u"can you replace an electrical panel"_s);
        QVERIFY(b.service.isEmpty());
        QCOMPARE(b.notOfferedKeyword, u"electrical panel"_s);
        // in another clause the service stands
        const ParsedMessage c = parse(u"hvac"_s, u"the furnace is out. also, do you do plumbing?"_s);
        QCOMPARE(c.service, u"furnace-repair"_s);
    }

    void otherLanguage()
    {
        QCOMPARE(parse(u"hvac"_s, u"hola, necesito un técnico para el aire acondicionado"_s).language, u"es"_s);
        QCOMPARE(
            parse(u"hvac"_s, u"Bonjour, mon chauffage ne marche plus, pouvez-vous venir demain?"_s).language, u"fr"_s);
        QCOMPARE(parse(u"hvac"_s, u"no heat, can you come tomorrow? gracias"_s).language, u"en"_s);
        QCOMPARE(parse(u"hvac"_s, u"hola"_s).language, u"en"_s);
    }

    void techniciansNamed()
    {
        QCOMPARE(parse(u"hvac"_s, u"can Elena come look at the furnace?"_s).technicians, QStringList {u"elena"_s});
        QVERIFY(parse(u"hvac"_s, u"the furnace is out"_s).technicians.isEmpty());
    }

    void lexiconIsData()
    {
        const auto en = Lexicon::forLanguage(u"en"_s);
        QVERIFY(en);
        QCOMPARE(en->language(), u"en"_s);
        QCOMPARE(en->value(Lexicon::Table::Weekday, u"friday"_s), 5);
        QCOMPARE(en->value(Lexicon::Table::Month, u"march"_s), 3);
        QVERIFY(en->isTradeWord(u"plumber"_s));
        QVERIFY(!Lexicon::forLanguage(u"xx"_s));
        // a new phrasing is new data: a lexicon built from JSON text alone reads it
        QString error;
        const auto custom = Lexicon::fromJson(
            R"({"language": "en", "weekdays": {"freitag": 5}, "cues": {"closing": ["bis später"]},
                "holidays": [{"name": "Founders Day", "words": ["founders day"], "rule": "fixed", "month": 4, "day": 2}]})"_ba,
            &error);
        QVERIFY2(custom, qPrintable(error));
        QCOMPARE(custom->value(Lexicon::Table::Weekday, u"freitag"_s), 5);
        const QList<CueHit> hits = custom->findCues(Tokenizer::tokenize(u"ok bis später!"_s));
        QCOMPARE(hits.size(), 1);
        QCOMPARE(hits.first().cue, Cue::Closing);
        const DateTimeParser dates(*m_hvac, custom);
        const QList<TimeWindow> w = dates.parse(u"founders day"_s, local(u"hvac"_s, u"2026-03-02T14:05"_s));
        QCOMPARE(describe(w), QStringList {u"2026-04-02T00:00:00-04:00 2026-04-03T00:00:00-04:00"_s});
        QVERIFY(!Lexicon::fromJson("{}", &error));
        QVERIFY(!error.isEmpty());
    }

    // The date parser on its own, for the other readers of TimeWindow.
    void dateTimeParserAlone()
    {
        const DateTimeParser dates(*m_hvac);
        const QList<TimeWindow> w = dates.parse(u"next week"_s, local(u"hvac"_s, u"2026-03-02T14:05"_s));
        QCOMPARE(describe(w), QStringList{u"2026-03-09T00:00:00-04:00 2026-03-16T00:00:00-04:00"_s});
        const QDateTime gap = DateTimeParser::localMoment(QDate(2026, 3, 8), 2 * 60 + 30, m_hvac->timeZone());
        QCOMPARE(isoOf(gap), u"2026-03-08T03:30:00-04:00"_s);
        const QDateTime midnight = DateTimeParser::localMoment(QDate(2026, 3, 7), 24 * 60, m_hvac->timeZone());
        QCOMPARE(isoOf(midnight), u"2026-03-08T00:00:00-05:00"_s);
    }
};

QTEST_GUILESS_MAIN(TestMessageParser)
#include "tst_messageparser.moc"
