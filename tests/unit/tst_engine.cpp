// The engine's missed-call and text paths on a real SQLite store, a simulated clock and the
// simulated line.
#include "app/core/clock.h"
#include "app/messaging/engine.h"
#include "integrations/simulator/simulatedline.h"
#include "models/database.h"
#include "models/repositories.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace FrontDesk;
using namespace Qt::StringLiterals;

namespace {
const QString kCaller = u"+14045550199"_s;
const QString kDana = u"+14045550123"_s;
} // namespace

class TestEngine : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<SimulatedClock> m_clock;
    std::unique_ptr<SimulatedLine> m_line;
    std::unique_ptr<Engine> m_engine;
    int m_run = 0;

    QDateTime local(int day, int hour, int minute) const
    {
        return QDateTime(QDate(2026, 3, day), QTime(hour, minute), QTimeZone("America/New_York"));
    }

    void start(const QDateTime &now, bool withGateway = true)
    {
        m_engine.reset();
        m_line.reset();
        m_db.reset();
        QString error;
        m_db = Database::openSqlite(m_dir.filePath(u"engine-%1.sqlite"_s.arg(++m_run)), &error);
        QVERIFY2(m_db, qPrintable(error));
        ProfileError profileError;
        const auto profile = BusinessProfile::fromFile(QStringLiteral(FRONTDESK_SHARED_DIR "/scenarios/profiles/hvac-atlanta.json"), &profileError);
        QVERIFY(profile);
        QVERIFY(SettingsRepository(*m_db).saveProfile(*profile));
        Contact dana;
        dana.id = newId();
        dana.phone = kDana;
        dana.name = u"Dana Whitfield"_s;
        dana.zip = u"30307"_s;
        const auto id = ContactRepository(*m_db).upsert(dana);
        QVERIFY(id);
        ServiceRecord record;
        record.id = newId();
        record.contactId = *id;
        record.serviceId = u"furnace-repair"_s;
        record.date = QDate(2025, 11, 20);
        record.value = 420;
        QVERIFY(ContactRepository(*m_db).addServiceRecord(record));
        m_clock = std::make_unique<SimulatedClock>(now);
        m_engine = std::make_unique<Engine>(*m_db, *m_clock);
        QVERIFY(m_engine->profile());
        if (withGateway) {
            m_line = std::make_unique<SimulatedLine>(*m_clock);
            m_engine->setGateway(m_line.get());
        }
    }

    QList<Message> messagesOf(const QString &phone)
    {
        ThreadRepository threads(*m_db);
        const auto t = threads.latestFor(phone);
        return t ? threads.messages(t->id) : QList<Message>();
    }

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void firstTextGoesOutAtOnce()
    {
        start(local(2, 14, 5));
        QSignalSpy recorded(m_engine.get(), &Engine::callRecorded);
        m_line->placeMissedCall(kCaller);
        QCOMPARE(recorded.size(), 1);
        QCOMPARE(m_line->sent().size(), 1);
        QCOMPARE(m_line->sent().first().to, kCaller);
        QCOMPARE(m_line->sent().first().at, m_clock->now()); // no delay at all
        const auto messages = messagesOf(kCaller);
        QCOMPARE(messages.size(), 1);
        QCOMPARE(messages.first().author, u"system"_s);
        QCOMPARE(messages.first().direction, u"out"_s);
        QCOMPARE(messages.first().status, u"delivered"_s);
        QVERIFY(messages.first().body.contains(u"Peachtree"_s));
        QVERIFY(messages.first().body.contains(u"STOP"_s));
        QVERIFY(!messages.first().body.contains(u"closed"_s));
        QCOMPARE(OutboxRepository(*m_db).pendingCount(), 0);
    }

    void repeatCallsGetOneText()
    {
        start(local(2, 10, 0));
        m_line->placeMissedCall(kCaller);
        m_clock->advance(40 * 1000);
        m_line->placeMissedCall(kCaller);
        m_clock->advance(50 * 1000);
        m_line->placeMissedCall(kCaller);
        QCOMPARE(m_line->sent().size(), 1);
        const auto calls = CallRepository(*m_db).recent(10);
        QCOMPARE(calls.size(), 3);
        QCOMPARE(std::count_if(calls.cbegin(), calls.cend(), [](const Call &c) { return c.deduplicated; }), 2);
        // Outside the dedupe window a new call is texted again.
        m_clock->advance(30 * 60 * 1000);
        m_line->placeMissedCall(kCaller);
        QCOMPARE(m_line->sent().size(), 2);
    }

    void repeatedProviderEventsAreIdempotent()
    {
        start(local(2, 10, 0));
        emit m_line->missedCall(u"CA-same"_s, kCaller, m_clock->now());
        emit m_line->missedCall(u"CA-same"_s, kCaller, m_clock->now());
        QCOMPARE(CallRepository(*m_db).recent(10).size(), 1);
        emit m_line->inboundSms(u"SM-same"_s, kCaller, u"my ac is broken"_s, m_clock->now());
        emit m_line->inboundSms(u"SM-same"_s, kCaller, u"my ac is broken"_s, m_clock->now());
        const auto messages = messagesOf(kCaller);
        QCOMPARE(std::count_if(messages.cbegin(), messages.cend(), [](const Message &m) { return m.direction == u"in"_s; }), 1);
        QCOMPARE(m_line->sent().size(), 2); // the first text and one answer
    }

    void existingCustomerIsGreetedByName()
    {
        start(local(2, 14, 5));
        m_line->placeMissedCall(kDana);
        QCOMPARE(m_line->sent().size(), 1);
        const QString text = m_line->sent().first().body;
        QVERIFY2(text.contains(u"Hi Dana"_s), qPrintable(text));
        QVERIFY2(text.contains(u"Furnace repair"_s), qPrintable(text));
        const auto thread = ThreadRepository(*m_db).latestFor(kDana);
        QVERIFY(thread);
        QVERIFY(!thread->contactId.isEmpty());
        const auto lead = LeadRepository(*m_db).byThread(thread->id);
        QVERIFY(lead);
        QVERIFY(lead->existingCustomer);
        QCOMPARE(lead->zip, u"30307"_s);
    }

    void afterHoursTemplate()
    {
        start(local(2, 21, 40));
        m_line->placeMissedCall(kCaller);
        QVERIFY(m_line->sent().first().body.contains(u"closed"_s));
        const auto calls = CallRepository(*m_db).recent(1);
        QVERIFY(calls.first().afterHours);
    }

    void everyMessageHasItsAuthor()
    {
        start(local(2, 14, 5));
        m_line->placeMissedCall(kCaller);
        m_clock->advance(60 * 1000);
        m_line->sendFromCaller(kCaller, u"my AC is blowing warm air"_s);
        const auto thread = ThreadRepository(*m_db).latestFor(kCaller);
        QVERIFY(m_engine->sendStaffMessage(thread->id, u"Hi, this is Kim - I'll call you in 5 minutes."_s, u"staff:kim"_s));
        const auto messages = messagesOf(kCaller);
        QCOMPARE(messages.size(), 4);
        QCOMPARE(messages.at(0).author, u"system"_s);
        QCOMPARE(messages.at(1).author, u"customer"_s);
        QCOMPARE(messages.at(1).direction, u"in"_s);
        QCOMPARE(messages.at(2).author, u"ai"_s);
        QCOMPARE(messages.at(3).author, u"staff"_s);
        // A staff reply takes the thread over, and that is in the audit log.
        QCOMPARE(ThreadRepository(*m_db).byId(thread->id)->state, u"staff"_s);
        const auto audit = AuditRepository(*m_db).forSubject(thread->id);
        QVERIFY(std::any_of(audit.cbegin(), audit.cend(), [](const AuditEntry &e) { return e.action == u"takeover"_s && e.actor == u"staff:kim"_s; }));
    }

    void takeoverSilencesQueuedAgentText()
    {
        start(local(2, 14, 5), false); // no line: texts stay in the outbox
        m_engine->handleMissedCall(u"CA1"_s, kCaller, m_clock->now());
        m_engine->handleInboundSms(u"SM1"_s, kCaller, u"my furnace is out"_s, m_clock->now());
        OutboxRepository outbox(*m_db);
        QCOMPARE(outbox.pendingCount(), 2);
        const auto thread = ThreadRepository(*m_db).latestFor(kCaller);
        QVERIFY(m_engine->takeOver(thread->id, u"staff:kim"_s));
        QCOMPARE(outbox.pendingCount(), 0);
        // Later texts from the caller get no agent answer while staff has the thread.
        m_clock->advance(30 * 1000);
        m_engine->handleInboundSms(u"SM2"_s, kCaller, u"hello?"_s, m_clock->now());
        QCOMPARE(outbox.pendingCount(), 0);
        QVERIFY(ThreadRepository(*m_db).byId(thread->id)->needsAttention);
        // Handing back lets the agent answer again: first the "hello?" nobody answered, at once
        // (the thread picks up where it stands), then what comes next.
        QVERIFY(m_engine->handBack(thread->id, u"staff:kim"_s));
        QCOMPARE(outbox.pendingCount(), 1);
        QCOMPARE(ThreadRepository(*m_db).byId(thread->id)->state, u"ai"_s);
        m_engine->handleInboundSms(u"SM3"_s, kCaller, u"30307"_s, m_clock->now());
        QCOMPARE(outbox.pendingCount(), 2);
    }

    void stopIsAbsolute()
    {
        start(local(2, 11, 0));
        m_line->placeMissedCall(kCaller);
        m_clock->advance(60 * 1000);
        m_line->sendFromCaller(kCaller, u"STOP"_s);
        QCOMPARE(m_line->sent().size(), 2);
        QVERIFY(m_line->sent().last().body.contains(u"unsubscribed"_s));
        QVERIFY(OptOutRepository(*m_db).isOptedOut(kCaller));
        m_line->sendFromCaller(kCaller, u"stop"_s); // no second confirmation
        m_clock->advance(86400 * 1000LL);
        m_line->placeMissedCall(kCaller); // no text after a later call
        m_line->sendFromCaller(kCaller, u"my AC is broken"_s); // nor an agent answer
        QCOMPARE(m_line->sent().size(), 2);
        const auto thread = ThreadRepository(*m_db).latestFor(kCaller);
        QVERIFY(!m_engine->sendStaffMessage(thread->id, u"Are you sure?"_s, u"staff:kim"_s)); // nor staff
        QVERIFY(m_engine->lastError().contains(u"opted out"_s));
        QCOMPARE(m_line->sent().size(), 2);
        m_line->sendFromCaller(kCaller, u"START"_s);
        QCOMPARE(m_line->sent().size(), 3);
        QVERIFY(!OptOutRepository(*m_db).isOptedOut(kCaller));
    }

    void outboxSendsExactlyOnceAfterRestart()
    {
        start(local(2, 14, 5), false);
        m_engine->handleMissedCall(u"CA1"_s, kCaller, m_clock->now());
        QCOMPARE(OutboxRepository(*m_db).pendingCount(), 1);
        // "Restart": a new engine on the same store, now with a line.
        m_engine = std::make_unique<Engine>(*m_db, *m_clock);
        m_line = std::make_unique<SimulatedLine>(*m_clock);
        m_engine->setGateway(m_line.get());
        m_engine->recoverOutbox();
        m_engine->dispatchOutbox();
        m_engine->dispatchOutbox();
        QCOMPARE(m_line->sent().size(), 1);
        QCOMPARE(OutboxRepository(*m_db).pendingCount(), 0);
    }

    void transientFailuresRetryPermanentOnesStop()
    {
        start(local(2, 14, 5));
        m_line->failNextSends(1, u"500"_s, false);
        m_line->placeMissedCall(kCaller);
        QCOMPARE(m_line->sent().size(), 0);
        QCOMPARE(OutboxRepository(*m_db).pendingCount(), 1);
        m_engine->dispatchOutbox(); // not due yet: backoff
        QCOMPARE(m_line->sent().size(), 0);
        m_clock->advance(60 * 1000);
        m_engine->dispatchOutbox();
        QCOMPARE(m_line->sent().size(), 1);

        const QString other = u"+14045550111"_s;
        m_line->failNextSends(1, u"21610"_s, true);
        m_line->placeMissedCall(other);
        QCOMPARE(OutboxRepository(*m_db).pendingCount(), 0);
        const auto messages = messagesOf(other);
        QCOMPARE(messages.first().status, u"failed"_s);
        QVERIFY(messages.first().error.contains(u"21610"_s));
        QVERIFY(OptOutRepository(*m_db).isOptedOut(other)); // the carrier's unsubscribe counts
    }

    // The fraud guard counts in memory; a restart in the middle of its windows restores them from the
    // store, so that a number is not texted twice in its window nor a pumping burst let through.
    void fraudGuardWindowsOutliveARestart()
    {
        start(local(2, 14, 5));
        EngineSettings settings;
        settings.fraud.enabled = true;
        settings.fraud.perNumberWindowSec = 3600;
        settings.fraud.globalPerMinute = 3;
        settings.fraud.breakerPauseSec = 15 * 60;
        m_engine->setSettings(settings);
        auto restart = [&] { // a new engine on the same store and line
            m_engine = std::make_unique<Engine>(*m_db, *m_clock);
            m_engine->setSettings(settings);
            m_engine->setGateway(m_line.get());
        };
        auto lastError = [&](const QString &phone) {
            const auto messages = messagesOf(phone);
            return messages.isEmpty() ? QString() : messages.last().error;
        };

        const QString first = u"+14045551004"_s;
        m_line->placeMissedCall(first);
        QCOMPARE(m_line->sent().size(), 1);
        m_clock->advance(20 * 60 * 1000); // past the repeat-call window, inside the number's hour
        restart();
        m_line->placeMissedCall(first);
        QCOMPARE(m_line->sent().size(), 1);
        QVERIFY2(lastError(first).contains(u"already had 1 text-back"_s), qPrintable(lastError(first)));

        // A burst over the rate opens the breaker; after a restart text-backs are still paused.
        m_clock->advance(2 * 60 * 1000);
        for (int i = 0; i < 4; ++i)
            m_line->placeMissedCall(u"+1404%1%2"_s.arg(200 + i).arg(1000 + i));
        QCOMPARE(m_line->sent().size(), 4); // the fourth request of the minute opens the breaker
        restart();
        m_clock->advance(5 * 60 * 1000);
        const QString later = u"+17705551234"_s;
        m_line->placeMissedCall(later);
        QCOMPARE(m_line->sent().size(), 4);
        QVERIFY2(lastError(later).contains(u"paused"_s), qPrintable(lastError(later)));
        // The pause ends on time, restart or not.
        m_clock->advance(15 * 60 * 1000);
        restart();
        m_line->placeMissedCall(u"+17705554321"_s);
        QCOMPARE(m_line->sent().size(), 5);
    }

    void bookingThroughTheEngine()
    {
        start(local(2, 14, 5));
        m_line->placeMissedCall(kDana);
        const QStringList replies = {u"yes the furnace is banging again"_s, u"tomorrow afternoon"_s, u"the first one"_s};
        for (const auto &reply : replies) {
            m_clock->advance(60 * 1000);
            m_line->sendFromCaller(kDana, reply);
        }
        const auto thread = ThreadRepository(*m_db).latestFor(kDana);
        QCOMPARE(thread->outcome, u"booked"_s);
        const auto appointment = AppointmentRepository(*m_db).activeForThread(thread->id);
        QVERIFY(appointment);
        QCOMPARE(appointment->serviceId, u"furnace-repair"_s);
        QCOMPARE(appointment->value, 400.0);
        QVERIFY(m_line->sent().last().body.contains(u"You're all set"_s));
        // "C" cancels.
        m_clock->advance(60 * 1000);
        m_line->sendFromCaller(kDana, u"C"_s);
        QVERIFY(!AppointmentRepository(*m_db).activeForThread(thread->id));
        QVERIFY(m_line->sent().last().body.contains(u"cancelled"_s));
    }
};

QTEST_GUILESS_MAIN(TestEngine)
#include "tst_engine.moc"
