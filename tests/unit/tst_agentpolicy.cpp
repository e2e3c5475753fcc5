// The dialogue policy on its own: Agent::respond() on a parsed message and a conversation state,
// with no store, no engine and no clock (issue 16: preferences carried, questions answered from the
// profile, manners).

#include "app/agent/agent.h"
#include "app/agent/messageparser.h"
#include "models/businessprofile.h"

#include <QJsonArray>
#include <QTest>

using namespace FrontDesk;
using namespace Qt::StringLiterals;

class TestAgentPolicy : public QObject
{
    Q_OBJECT

private:
    std::optional<BusinessProfile> m_profile; // HVAC, America/New_York; Mon–Fri 8–17, Sat 9–13
    std::unique_ptr<MessageParser> m_parser;
    std::unique_ptr<Agent> m_agent;
    QList<BusyInterval> m_busy;

    QDateTime local(const QString &when) const
    {
        const QDateTime t = QDateTime::fromString(when, u"yyyy-MM-ddTHH:mm"_s);
        return QDateTime(t.date(), t.time(), m_profile->timeZone());
    }
    // One turn: the text parsed as the engine would, then the policy's decision.
    AgentDecision turn(const QString &text, Thread thread, Lead lead, const QString &now = u"2026-03-02T14:05"_s,
        std::optional<Appointment> appointment = std::nullopt) const
    {
        AgentInput in;
        in.now = local(now);
        in.text = text;
        ParseContext context;
        context.awaiting = thread.awaiting;
        in.parsed = m_parser->parse(text, in.now, context);
        in.thread = thread;
        in.lead = lead;
        in.appointment = appointment;
        in.busy = [this] { return m_busy; };
        return m_agent->respond(in);
    }
    static Thread open(const QString &awaiting)
    {
        Thread t;
        t.id = u"t1"_s;
        t.outcome = QString::fromLatin1(Outcome::Open);
        t.awaiting = awaiting;
        return t;
    }
    static Lead qualified()
    {
        Lead l;
        l.threadId = u"t1"_s;
        l.service = u"furnace-repair"_s;
        l.zip = u"30307"_s;
        l.name = u"Dana Whitfield"_s;
        return l;
    }
    QList<Slot> offers(const AgentDecision &d) const
    {
        QList<Slot> out;
        for (const auto &v : d.thread.agentState.value(u"offers"_s).toArray()) {
            const QJsonObject o = v.toObject();
            Slot s;
            s.technicianId = o.value(u"technician"_s).toString();
            s.start
                = QDateTime::fromString(o.value(u"start"_s).toString(), Qt::ISODate).toTimeZone(m_profile->timeZone());
            out << s;
        }
        return out;
    }

private slots:
    void initTestCase()
    {
        ProfileError error;
        m_profile = BusinessProfile::fromFile(
            QStringLiteral(FRONTDESK_SHARED_DIR "/scenarios/profiles/hvac-atlanta.json"), &error);
        QVERIFY2(m_profile, qPrintable(error.toString()));
        m_parser = std::make_unique<MessageParser>(*m_profile);
        m_agent = std::make_unique<Agent>(*m_profile);
    }
    void init() { m_busy.clear(); }

    // An agent made from a shared snapshot keeps it alive, and so do its copies: the engine publishing
    // a new profile meanwhile (the last other holder letting go) frees nothing they read. Issue 15.
    void anAgentKeepsItsProfileSnapshot()
    {
        auto snapshot = std::make_shared<const BusinessProfile>(*m_profile);
        std::optional<Agent> copy;
        {
            const Agent agent(snapshot);
            copy.emplace(agent.inLanguage(u"en"_s));
        }
        const std::weak_ptr<const BusinessProfile> watch = snapshot;
        snapshot.reset();
        QVERIFY(!watch.expired());

        AgentInput in;
        in.now = local(u"2026-03-02T14:05"_s);
        in.text = u"my furnace stopped working, 30307"_s;
        in.parsed = m_parser->parse(in.text, in.now, {});
        in.thread = open(u"service"_s);
        in.lead = Lead();
        in.busy = [this] { return m_busy; };
        const AgentDecision kept = copy->respond(in);
        const AgentDecision fresh = m_agent->respond(in);
        QVERIFY(!kept.replies.isEmpty());
        QCOMPARE(kept.replies, fresh.replies);
        QCOMPARE(kept.lead.service, u"furnace-repair"_s);
        copy.reset();
        QVERIFY(watch.expired());
    }

    void anotherLanguageGoesToAPerson()
    {
        const AgentDecision d = turn(u"hola, necesito un técnico, no funciona el aire"_s, open(u"service"_s), Lead());
        QVERIFY(d.handoff);
        QCOMPARE(d.thread.handoffReason, u"not_understood"_s);
        QCOMPARE(d.thread.outcome, QString::fromLatin1(Outcome::HandedOff));
    }

    void unreadableTwiceGoesToAPerson()
    {
        const AgentDecision first = turn(u"qwpoe zmxn"_s, open(u"service"_s), Lead());
        QVERIFY(!first.handoff);
        const AgentDecision second = turn(u"lkjh asdf"_s, first.thread, first.lead);
        QVERIFY(second.handoff);
        QCOMPARE(second.thread.handoffReason, u"not_understood"_s);
    }

    void steppingBackClosesPolitely()
    {
        const AgentDecision d = turn(u"ok, I'll think about it"_s, open(u"zip"_s), qualified());
        QCOMPARE(d.replies.size(), 1);
        QVERIFY(!d.handoff);
        QCOMPARE(d.thread.state, QString::fromLatin1(ThreadState::Closed));
        QVERIFY(d.thread.awaiting.isEmpty());
        QVERIFY(!d.book);
    }

    void thanksAfterBookingGetsNoLecture()
    {
        Thread t = open(QString());
        t.outcome = QString::fromLatin1(Outcome::Booked);
        const AgentDecision d = turn(u"thank you so much!"_s, t, qualified());
        QVERIFY(d.replies.size() <= 1);
        QCOMPARE(d.thread.outcome, QString::fromLatin1(Outcome::Booked));
    }

    void freeWordRescheduleAfterBooking()
    {
        Thread t = open(QString());
        t.outcome = QString::fromLatin1(Outcome::Booked);
        Appointment a;
        a.id = u"a1"_s;
        a.serviceId = u"furnace-repair"_s;
        a.technicianId = u"marcus"_s;
        a.start = local(u"2026-03-03T09:00"_s);
        a.end = local(u"2026-03-03T11:00"_s);
        const AgentDecision d
            = turn(u"something came up, can we move it to Thursday?"_s, t, qualified(), u"2026-03-02T14:05"_s, a);
        const QList<Slot> offered = offers(d);
        QVERIFY(!offered.isEmpty());
        for (const Slot &s : offered)
            QCOMPARE(s.start.date(), QDate(2026, 3, 5));
        QCOMPARE(d.thread.awaiting, u"choice"_s);
    }

    void hoursAnsweredFromTheProfileThenBackToTheFlow()
    {
        const AgentDecision d = turn(u"are you open saturday?"_s, open(u"service"_s), Lead());
        const QString all = d.replies.join(u'\n');
        QVERIFY2(all.contains(u"Saturday we're open 9:00 AM to 1:00 PM"_s), qPrintable(all));
        QCOMPARE(d.thread.awaiting, u"service"_s);
    }

    void areaQuestionAnswered()
    {
        const AgentDecision d = turn(u"do you come out to 30307?"_s, open(u"service"_s), Lead());
        QVERIFY2(d.replies.join(u'\n').contains(u"we serve 30307"_s), qPrintable(d.replies.join(u'\n')));
        QCOMPARE(d.lead.zip, u"30307"_s);
    }

    void notOfferedSubjectIsDeclined()
    {
        const AgentDecision d = turn(u"do you install water heaters?"_s, open(u"service"_s), Lead());
        QCOMPARE(d.thread.outcome, QString::fromLatin1(Outcome::Declined));
        QVERIFY(!d.replies.join(u' ').contains(u"We can help"_s));
    }

    void afterADayIsNeverThatDay()
    {
        const AgentDecision d = turn(u"any time after wednesday"_s, open(u"when"_s), qualified());
        const QList<Slot> offered = offers(d);
        QVERIFY(!offered.isEmpty());
        for (const Slot &s : offered)
            QVERIFY2(s.start.date() >= QDate(2026, 3, 5), qPrintable(s.start.toString(Qt::ISODate)));
    }

    void nextWeekIsNextWeek()
    {
        const AgentDecision d = turn(u"sometime next week"_s, open(u"when"_s), qualified());
        const QList<Slot> offered = offers(d);
        QVERIFY(!offered.isEmpty());
        for (const Slot &s : offered)
            QVERIFY(s.start.date() >= QDate(2026, 3, 9) && s.start.date() <= QDate(2026, 3, 15));
    }

    void aTimeInsideThePartOfTheDayIsTheFirstOffer()
    {
        const AgentDecision d = turn(u"thursday morning, ideally around 10"_s, open(u"when"_s), qualified());
        const QList<Slot> offered = offers(d);
        QVERIFY(!offered.isEmpty());
        QCOMPARE(offered.first().start, local(u"2026-03-05T10:00"_s));
    }

    void exclusionsHoldForLaterTurns()
    {
        // "not tomorrow" first, a part of the day next: the offer honours both
        const AgentDecision first = turn(u"not tomorrow"_s, open(u"when"_s), qualified());
        for (const Slot &s : offers(first))
            QVERIFY(s.start.date() != QDate(2026, 3, 3));
        Thread t = first.thread;
        t.awaiting = u"when"_s;
        t.agentState.remove(u"offers"_s);
        const AgentDecision second = turn(u"mornings are best"_s, t, first.lead);
        const QList<Slot> offered = offers(second);
        QVERIFY(!offered.isEmpty());
        for (const Slot &s : offered) {
            QVERIFY2(s.start.date() != QDate(2026, 3, 3), qPrintable(s.start.toString(Qt::ISODate)));
            QVERIFY(s.start.time() < QTime(12, 0));
        }
    }

    void theTechnicianAskedForIsOffered()
    {
        const AgentDecision d = turn(u"can Elena do it? any day next week"_s, open(u"when"_s), qualified());
        const QList<Slot> offered = offers(d);
        QVERIFY(!offered.isEmpty());
        for (const Slot &s : offered)
            QCOMPARE(s.technicianId, u"elena"_s);
    }

    void nothingFitsSaysSoAndOffersTheNearest()
    {
        // both technicians taken all Thursday
        for (const QString &tech : {u"marcus"_s, u"elena"_s})
            m_busy.append({tech, local(u"2026-03-05T00:00"_s), local(u"2026-03-06T00:00"_s)});
        const AgentDecision d = turn(u"thursday"_s, open(u"when"_s), qualified());
        QVERIFY2(d.replies.join(u'\n').contains(u"Sorry"_s), qPrintable(d.replies.join(u'\n')));
        const QList<Slot> offered = offers(d);
        QVERIFY(!offered.isEmpty());
        for (const Slot &s : offered)
            QVERIFY(s.start.date() != QDate(2026, 3, 5));
    }
};

QTEST_GUILESS_MAIN(TestAgentPolicy)
#include "tst_agentpolicy.moc"
