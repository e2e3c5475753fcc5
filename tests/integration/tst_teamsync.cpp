// Team mode against a real PostgreSQL server started by the test (tests/support/postgresfixture):
// an engine and desks on the shared store, desks offline and back, the server killed in the middle
// of a sync, two desks booking one slot, an outbox replayed. After each: the stores agree, nothing
// is lost, nothing is doubled.
#include "app/admin/adminservice.h"
#include "app/core/clock.h"
#include "app/messaging/engine.h"
#include "app/sync/changelog.h"
#include "app/sync/syncclient.h"
#include "app/sync/syncsharedstorewriter.h"
#include "integrations/simulator/simulatedline.h"
#include "integrations/twilio/twiliosession.h"
#include "models/database.h"
#include "models/repositories.h"
#include "tests/support/postgresfixture.h"
#include "tests/support/storecomparison.h"
#include "tests/support/twilioemulator.h"

#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace FrontDesk;
using namespace FrontDesk::Test;
using namespace Qt::StringLiterals;

namespace {

const QString kCaller = u"+14045550199"_s;
const QString kOther = u"+14045550142"_s;

QDateTime local(int day, int hour, int minute)
{
    return QDateTime(QDate(2026, 3, day), QTime(hour, minute), QTimeZone("America/New_York"));
}

} // namespace

class TestTeamSync : public QObject
{
    Q_OBJECT

    PostgresFixture m_pg;
    QTemporaryDir m_dir;
    int m_run = 0;
    QString m_database;
    std::unique_ptr<SimulatedClock> m_clock;

    // The shared store as the engine's host opens it (it migrates), with a business profile.
    std::unique_ptr<Database> openServer()
    {
        QString error;
        auto db = Database::openPostgres(m_pg.target(m_database), true, &error);
        if (!db)
            qWarning().noquote() << error;
        return db;
    }

    struct Desk
    {
        std::unique_ptr<Database> db;
        std::unique_ptr<SyncClient> sync;
    };

    Desk openDesk(const QString &name, int batchSize = 2000, int pushBatchSize = 200)
    {
        Desk desk;
        QString error;
        desk.db = Database::openSqlite(m_dir.filePath(u"%1-%2.sqlite"_s.arg(m_database, name)), &error);
        if (!desk.db)
            qWarning().noquote() << error;
        SyncSettings settings;
        settings.server = m_pg.target(m_database);
        settings.deskName = name;
        settings.batchSize = batchSize;
        settings.pushBatchSize = pushBatchSize;
        settings.retryMs = 100;
        settings.pollMs = 60000; // only a notification wakes a running desk quickly
        desk.sync = std::make_unique<SyncClient>(*desk.db, *m_clock, settings);
        return desk;
    }

    static QString threadOf(Database &db, const QString &phone)
    {
        const auto thread = ThreadRepository(db).latestFor(phone);
        return thread ? thread->id : QString();
    }

    static Appointment slot(const QString &threadId, const QDateTime &start, const QString &technician = u"tech-1"_s)
    {
        Appointment a;
        a.id = newId();
        a.threadId = threadId;
        a.phone = kCaller;
        a.serviceId = u"ac-repair"_s;
        a.technicianId = technician;
        a.start = start.toUTC();
        a.end = start.toUTC().addSecs(3600);
        a.source = u"staff"_s;
        a.createdAt = start.toUTC().addDays(-1);
        return a;
    }

private slots:
    void initTestCase()
    {
        QString why;
        if (!PostgresFixture::available(&why))
            QSKIP(qPrintable(why));
        QVERIFY(m_dir.isValid());
        QString error;
        QVERIFY2(m_pg.start(&error), qPrintable(error));
    }

    void init()
    {
        m_database = u"store%1"_s.arg(++m_run);
        QString error;
        QVERIFY2(m_pg.isRunning() || m_pg.start(&error), qPrintable(error));
        QVERIFY2(m_pg.createDatabase(m_database, &error), qPrintable(error));
        m_clock = std::make_unique<SimulatedClock>(local(2, 14, 5));
        auto server = openServer();
        QVERIFY(server);
        ProfileError profileError;
        const auto profile = BusinessProfile::fromFile(
            QStringLiteral(FRONTDESK_SHARED_DIR "/scenarios/profiles/hvac-atlanta.json"), &profileError);
        QVERIFY(profile);
        QVERIFY2(
            SettingsRepository(*server).saveProfile(*profile), qPrintable(SettingsRepository(*server).lastError()));
    }

    void schemaOnPostgres()
    {
        auto server = openServer();
        QVERIFY(server);
        QVERIFY(server->isPostgres());
        QCOMPARE(server->schemaVersion(), Database::latestSchemaVersion());
        // Opening it again (a second engine, a restart) migrates nothing and keeps the identity.
        QSqlQuery query(server->connection());
        QVERIFY(query.exec(u"SELECT value FROM schema_meta WHERE key = 'server_id'"_s) && query.next());
        const QString id = query.value(0).toString();
        // Every table the desks copy is logged by the server (the list and the migrations agree).
        for (const auto &[table, key] : Replica::syncedTables()) {
            QSqlQuery triggers(server->connection());
            QVERIFY(triggers.exec(u"SELECT COUNT(*) FROM pg_trigger WHERE tgrelid = '%1'::regclass "
                                  "AND tgname IN ('sync_log_%1', 'sync_lock_%1')"_s.arg(table)));
            QVERIFY(triggers.next());
            QVERIFY2(triggers.value(0).toInt() == 2, qPrintable(table));
        }
        auto again = openServer();
        QVERIFY(again);
        QSqlQuery second(again->connection());
        QVERIFY(second.exec(u"SELECT value FROM schema_meta WHERE key = 'server_id'"_s) && second.next());
        QCOMPARE(second.value(0).toString(), id);
    }

    // The shared calendar's worker opens its own connection to the team's server on its own thread:
    // the same store, the same user, without the password written anywhere else.
    void anotherConnectionOnAWorkerThread()
    {
        auto server = openServer();
        QVERIFY(server);
        QSqlQuery mark(server->connection());
        QVERIFY(mark.exec(u"SELECT value FROM schema_meta WHERE key = 'server_id'"_s) && mark.next());
        const QString id = mark.value(0).toString();
        const Database::Opener opener = server->anotherConnection();
        QString seen;
        QString error;
        bool postgres = false;
        std::unique_ptr<QThread> worker(QThread::create([&] {
            auto other = opener(&error);
            if (!other)
                return;
            postgres = other->isPostgres();
            QSqlQuery query(other->connection());
            if (query.exec(u"SELECT value FROM schema_meta WHERE key = 'server_id'"_s) && query.next())
                seen = query.value(0).toString();
        }));
        worker->start();
        QVERIFY(worker->wait(30000));
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(postgres);
        QCOMPARE(seen, id);
    }

    void databaseRefusesDoubleBooking()
    {
        auto server = openServer();
        QVERIFY(server);
        AppointmentRepository appointments(*server);
        const Appointment first = slot(QString(), local(3, 9, 0));
        QVERIFY2(appointments.book(first, 0), qPrintable(appointments.lastError()));
        // Around every application check: a plain insert of an overlapping booked appointment.
        Appointment overlapping = slot(QString(), local(3, 9, 30));
        QVERIFY(!appointments.insert(overlapping));
        QVERIFY2(appointments.lastError().contains(u"appointments_no_double_booking"_s),
            qPrintable(appointments.lastError()));
        // Another technician, a cancelled one, or the hour after: allowed.
        Appointment otherTech = slot(QString(), local(3, 9, 30), u"tech-2"_s);
        QVERIFY2(appointments.insert(otherTech), qPrintable(appointments.lastError()));
        Appointment after = slot(QString(), local(3, 10, 0));
        QVERIFY2(appointments.insert(after), qPrintable(appointments.lastError()));
        Appointment cancelled = slot(QString(), local(3, 9, 15));
        cancelled.status = u"cancelled"_s;
        QVERIFY2(appointments.insert(cancelled), qPrintable(appointments.lastError()));
        // Reviving the cancelled one into the taken hour is refused too.
        cancelled.status = u"booked"_s;
        QVERIFY(!appointments.update(cancelled));
        // The booking path reports the refusal as a conflict, inside an enclosing transaction that
        // stays usable.
        Transaction tx(*server);
        QVERIFY(tx.ok());
        bool conflict = false;
        QVERIFY(!appointments.book(slot(QString(), local(3, 9, 45)), 0, &conflict));
        QVERIFY(conflict);
        QVERIFY(appointments.book(slot(QString(), local(3, 11, 0)), 0, &conflict));
        QVERIFY(tx.commit());
        QCOMPARE(countOf(*server, u"SELECT COUNT(*) FROM appointments WHERE status = 'booked'"_s), 4);
    }

    void twoDesksAndAnEngine()
    {
        auto server = openServer();
        QVERIFY(server);
        SimulatedLine line(*m_clock);
        Engine engine(*server, *m_clock);
        QVERIFY(engine.profile());
        engine.setGateway(&line);
        line.placeMissedCall(kCaller);
        m_clock->advance(60 * 1000);
        line.sendFromCaller(kCaller, u"my AC stopped working"_s);
        QVERIFY(line.sent().size() >= 2);

        Desk front = openDesk(u"front"_s);
        Desk back = openDesk(u"back"_s);
        QSignalSpy progress(front.sync.get(), &SyncClient::fullSyncProgress);
        QVERIFY2(front.sync->syncOnce(), qPrintable(front.sync->lastError()));
        QVERIFY2(back.sync->syncOnce(), qPrintable(back.sync->lastError()));
        QCOMPARE(front.sync->state(), SyncClient::State::Online);
        QVERIFY(!progress.isEmpty());
        QCOMPARE(progress.last().at(0).toLongLong(), progress.last().at(1).toLongLong());
        QCOMPARE(differences(*server, *front.db), QString());
        QCOMPARE(differences(*server, *back.db), QString());
        const QString thread = threadOf(*front.db, kCaller);
        QVERIFY(!thread.isEmpty());

        // The front desk takes the conversation over and texts; the engine's line sends the text.
        QVERIFY(!front.sync->submit(Intention::takeOver(thread)).isEmpty());
        QVERIFY(
            !front.sync->submit(Intention::staffMessage(thread, u"Hi, this is Kim from the front desk"_s)).isEmpty());
        QCOMPARE(front.sync->waitingCount(), 2);
        QVERIFY2(front.sync->syncOnce(), qPrintable(front.sync->lastError()));
        QCOMPARE(front.sync->waitingCount(), 0);
        engine.dispatchOutbox();
        QCOMPARE(line.sent().last().body, u"Hi, this is Kim from the front desk"_s);
        QCOMPARE(ThreadRepository(*front.db).byId(thread)->state, u"staff"_s);

        // The back desk sees it, and its own takeover comes back as a conflict, not a silent win.
        QVERIFY(back.sync->syncOnce());
        QCOMPARE(ThreadRepository(*back.db).byId(thread)->state, u"staff"_s);
        const QString takeover = back.sync->submit(Intention::takeOver(thread));
        const QString text = back.sync->submit(Intention::staffMessage(thread, u"Hello from the back office"_s));
        QVERIFY(back.sync->syncOnce());
        QCOMPARE(back.sync->replica().intent(takeover)->state, u"conflict"_s);
        QVERIFY(back.sync->replica().intent(takeover)->error.contains(u"front"_s));
        QCOMPARE(back.sync->replica().intent(text)->state, u"conflict"_s);
        QCOMPARE(back.sync->conflictCount(), 2);
        // A person decides: the takeover is dropped, the text goes out anyway.
        QVERIFY(back.sync->resolve(takeover, SyncClient::Resolution::Discard));
        QVERIFY(back.sync->resolve(text, SyncClient::Resolution::Force));
        QVERIFY(back.sync->syncOnce());
        QCOMPARE(back.sync->replica().intent(takeover)->state, u"discarded"_s);
        QCOMPARE(back.sync->replica().intent(text)->state, u"applied"_s);
        QCOMPARE(back.sync->conflictCount(), 0);

        // The caller answers; the engine records it; both desks pull.
        line.sendFromCaller(kCaller, u"thanks!"_s);
        QVERIFY(front.sync->syncOnce());
        QVERIFY(back.sync->syncOnce());
        QCOMPARE(differences(*server, *front.db), QString());
        QCOMPARE(differences(*server, *back.db), QString());
        QCOMPARE(countOf(*server, u"SELECT COUNT(*) FROM messages WHERE author = 'staff'"_s), 2);
        QCOMPARE(countOf(*front.db, u"SELECT COUNT(*) FROM messages WHERE author = 'staff'"_s), 2);
        // The replica's reports see the conversation as staff-handled.
        QCOMPARE(countOf(*front.db, u"SELECT staff FROM report_conversations"_s), 1);
    }

    // frontdesk-engine's composition on the shared store, on an emulated phone line: it answers a
    // missed call, and a desk's staff text goes out at once (the outbox timer is a minute away: the
    // NOTIFY of the desk's write wakes the engine).
    void engineOnTheSharedStore()
    {
        const QString number = u"+13105550100"_s;
        TwilioEmulator emu(*m_clock);
        QVERIFY(emu.start());
        emu.setAccount(u"AC0123456789abcdef0123456789abcdef"_s, "token-team", number);
        TwilioSession::Options o;
        o.server = m_pg.target(m_database);
        o.twilio.accountSid = u"AC0123456789abcdef0123456789abcdef"_s;
        o.twilio.authToken = "token-team";
        o.twilio.number = number;
        o.twilio.apiBaseUrl = QUrl(emu.baseUrl());
        o.twilio.publicUrl = u"https://frontdesk.example.com"_s;
        o.twilio.forwardTo = u"+13105550111"_s;
        o.twilio.pollIntervalMs = 0;
        o.twilio.requestTimeoutMs = 3000;
        o.listen = true;
        o.outboxIntervalMs = 60000;
        o.clock = m_clock.get();
        QString error;
        auto session = TwilioSession::open(o, &error);
        QVERIFY2(session, qPrintable(error));
        QVERIFY2(session->start(&error), qPrintable(error));
        QVERIFY(session->database().isPostgres());
        emu.setWebhookTarget(o.twilio.publicUrl, u"http://127.0.0.1:%1"_s.arg(session->port()));
        emu.placeCall(kCaller);
        QTRY_COMPARE_WITH_TIMEOUT(emu.outboundTo(kCaller).size(), 1, 5000);

        Desk desk = openDesk(u"front"_s);
        QVERIFY2(desk.sync->syncOnce(), qPrintable(desk.sync->lastError()));
        const QString thread = threadOf(*desk.db, kCaller);
        QVERIFY(!thread.isEmpty());
        desk.sync->submit(Intention::staffMessage(thread, u"Kim here, calling you right back"_s));
        QVERIFY(desk.sync->syncOnce());
        QTRY_COMPARE_WITH_TIMEOUT(emu.outboundTo(kCaller).size(), 2, 3000);
        QCOMPARE(emu.outboundTo(kCaller).last().body, u"Kim here, calling you right back"_s);
        QTRY_VERIFY_WITH_TIMEOUT(desk.sync->syncOnce()
                && countOf(
                       *desk.db, u"SELECT COUNT(*) FROM messages WHERE author = 'staff' AND provider_sid IS NOT NULL"_s)
                    == 1,
            5000);
        QCOMPARE(differences(session->database(), *desk.db), QString());
        session->shutDown(1000);
    }

    // The engine's whole path on PostgreSQL: a known customer, the agent qualifying and booking,
    // a repeated webhook, a cancellation, STOP; the desk's replica (and its reports) follow.
    void agentBooksOnTheSharedStore()
    {
        auto server = openServer();
        QVERIFY(server);
        const QString dana = u"+14045550123"_s;
        Contact contact;
        contact.id = newId();
        contact.phone = dana;
        contact.name = u"Dana Whitfield"_s;
        contact.zip = u"30307"_s;
        const auto contactId = ContactRepository(*server).upsert(contact);
        QVERIFY2(contactId, qPrintable(ContactRepository(*server).lastError()));
        QCOMPARE(ContactRepository(*server).upsert(contact), contactId); // ON CONFLICT … RETURNING
        ServiceRecord record;
        record.id = newId();
        record.contactId = *contactId;
        record.serviceId = u"furnace-repair"_s;
        record.date = QDate(2025, 11, 20);
        record.value = 420;
        QVERIFY(ContactRepository(*server).addServiceRecord(record));

        SimulatedLine line(*m_clock);
        Engine engine(*server, *m_clock);
        engine.setGateway(&line);
        engine.handleMissedCall(u"CA-dana"_s, dana, m_clock->now());
        engine.handleMissedCall(u"CA-dana"_s, dana, m_clock->now()); // the provider retried the webhook
        QCOMPARE(countOf(*server, u"SELECT COUNT(*) FROM calls"_s), 1);
        for (const QString &reply :
            {u"yes the furnace is banging again"_s, u"tomorrow afternoon"_s, u"the first one"_s}) {
            m_clock->advance(60 * 1000);
            line.sendFromCaller(dana, reply);
        }
        const auto thread = ThreadRepository(*server).latestFor(dana);
        QVERIFY(thread);
        QCOMPARE(thread->outcome, u"booked"_s);
        const auto appointment = AppointmentRepository(*server).activeForThread(thread->id);
        QVERIFY(appointment);
        QCOMPARE(appointment->serviceId, u"furnace-repair"_s);
        QVERIFY(line.sent().last().body.contains(u"You're all set"_s));

        Desk desk = openDesk(u"front"_s);
        QVERIFY(desk.sync->syncOnce());
        QCOMPARE(differences(*server, *desk.db), QString());
        QCOMPARE(countOf(*desk.db, u"SELECT booked FROM report_conversations"_s), 1);

        m_clock->advance(60 * 1000);
        line.sendFromCaller(dana, u"C"_s);
        QVERIFY(!AppointmentRepository(*server).activeForThread(thread->id));
        m_clock->advance(60 * 1000);
        line.sendFromCaller(dana, u"STOP"_s);
        QVERIFY(OptOutRepository(*server).isOptedOut(dana));
        QVERIFY(desk.sync->syncOnce());
        QCOMPARE(differences(*server, *desk.db), QString());
        QCOMPARE(countOf(*desk.db, u"SELECT booked FROM report_conversations"_s), 0);
        QVERIFY(OptOutRepository(*desk.db).isOptedOut(dana));
        // A staff text to an opted-out number is refused for good, not retried.
        const QString refused = desk.sync->submit(Intention::staffMessage(thread->id, u"Are you sure?"_s));
        QVERIFY(desk.sync->syncOnce());
        QCOMPARE(desk.sync->replica().intent(refused)->state, u"failed"_s);
        QVERIFY(desk.sync->replica().intent(refused)->error.contains(u"opted out"_s));
    }

    void notificationWakesADesk()
    {
        auto server = openServer();
        QVERIFY(server);
        Desk desk = openDesk(u"front"_s);
        desk.sync->start();
        QTRY_COMPARE_WITH_TIMEOUT(desk.sync->state(), SyncClient::State::Online, 10000);
        Engine engine(*server, *m_clock);
        engine.handleMissedCall(u"CA-notify"_s, kCaller, m_clock->now());
        // The poll is a minute away: only LISTEN/NOTIFY brings it this fast.
        QTRY_VERIFY_WITH_TIMEOUT(!threadOf(*desk.db, kCaller).isEmpty(), 3000);
        QTRY_COMPARE_WITH_TIMEOUT(differences(*server, *desk.db), QString(), 3000);
        desk.sync->stop();
        QCOMPARE(desk.sync->state(), SyncClient::State::Offline);
    }

    // A running desk notices a lost server by itself, says so, and comes back by itself.
    void runningDeskReconnectsByItself()
    {
        Desk desk = openDesk(u"front"_s);
        SyncSettings settings = desk.sync->settings();
        settings.pollMs = 500;
        desk.sync = std::make_unique<SyncClient>(*desk.db, *m_clock, settings);
        QSignalSpy states(desk.sync.get(), &SyncClient::stateChanged);
        desk.sync->start();
        QTRY_COMPARE_WITH_TIMEOUT(desk.sync->state(), SyncClient::State::Online, 10000);
        QVERIFY(m_pg.kill());
        QTRY_COMPARE_WITH_TIMEOUT(desk.sync->state(), SyncClient::State::Offline, 5000);
        desk.sync->submit(Intention::setting(u"desk.greeting"_s, u"back soon"_s));
        QCOMPARE(desk.sync->stateText(), u"offline (1 waiting)"_s);
        QString error;
        QVERIFY2(m_pg.start(&error), qPrintable(error));
        QTRY_COMPARE_WITH_TIMEOUT(desk.sync->state(), SyncClient::State::Online, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(desk.sync->waitingCount(), 0, 5000);
        QTRY_COMPARE_WITH_TIMEOUT(
            SettingsRepository(*desk.db).value(u"desk.greeting"_s).value_or(QString()), u"back soon"_s, 5000);
        desk.sync->stop();
    }

    void deskOfflineAndBack()
    {
        Desk desk = openDesk(u"front"_s);
        QString thread;
        {
            auto server = openServer();
            Engine engine(*server, *m_clock);
            engine.handleMissedCall(u"CA1"_s, kCaller, m_clock->now());
            QVERIFY(desk.sync->syncOnce());
            thread = threadOf(*desk.db, kCaller);
            QVERIFY(!thread.isEmpty());
        }
        QVERIFY(m_pg.stop());

        // Offline: everything stays readable, the intentions queue up and say so.
        QVERIFY(!desk.sync->syncOnce());
        QCOMPARE(desk.sync->state(), SyncClient::State::Offline);
        QCOMPARE(desk.sync->lastFailure(), OpenFailure::Unreachable);
        QVERIFY(ThreadRepository(*desk.db).byId(thread));
        desk.sync->submit(Intention::takeOver(thread));
        desk.sync->submit(Intention::staffMessage(thread, u"Sorry we missed you, calling back in 5"_s));
        const QString booking = desk.sync->submit(Intention::book(slot(thread, local(4, 9, 0))));
        QVERIFY(!desk.sync->syncOnce());
        QCOMPARE(desk.sync->waitingCount(), 3);
        QCOMPARE(desk.sync->stateText(), u"offline (3 waiting)"_s);

        QString error;
        QVERIFY2(m_pg.start(&error), qPrintable(error));
        auto server = openServer();
        Engine engine(*server, *m_clock);
        engine.handleInboundSms(u"SM-while-away"_s, kCaller, u"hello? anyone?"_s, m_clock->now());
        QVERIFY2(desk.sync->syncOnce(), qPrintable(desk.sync->lastError()));
        QCOMPARE(desk.sync->waitingCount(), 0);
        QCOMPARE(desk.sync->replica().intent(booking)->state, u"applied"_s);
        QCOMPARE(differences(*server, *desk.db), QString());
        QCOMPARE(countOf(*server, u"SELECT COUNT(*) FROM messages WHERE author = 'staff'"_s), 1);
        QCOMPARE(countOf(*server, u"SELECT COUNT(*) FROM appointments"_s), 1);
        QCOMPARE(countOf(*desk.db, u"SELECT COUNT(*) FROM messages WHERE body = 'hello? anyone?'"_s), 1);
    }

    void serverKilledInTheMiddle()
    {
        Desk desk = openDesk(u"front"_s, 100, 1); // one intention per server transaction
        {
            auto server = openServer();
            QVERIFY(desk.sync->syncOnce());
            // A day of changes: 1,500 contacts.
            ContactRepository contacts(*server);
            Transaction tx(*server);
            for (int i = 0; i < 1500; ++i) {
                Contact c;
                c.id = newId();
                c.phone = u"+1404555%1"_s.arg(i, 4, 10, QLatin1Char('0'));
                c.name = u"Customer %1"_s.arg(i);
                QVERIFY(contacts.upsert(c));
            }
            QVERIFY(tx.commit());
        }
        // The server dies after the third batch of the pull.
        int batches = 0;
        auto killer = connect(desk.sync.get(), &SyncClient::changesPulled, this, [&] {
            if (++batches == 3)
                m_pg.kill();
        });
        QVERIFY(!desk.sync->syncOnce());
        disconnect(killer);
        QCOMPARE(desk.sync->state(), SyncClient::State::Offline);
        const qint64 cursorAfterCrash = desk.sync->replica().cursor();
        QVERIFY(cursorAfterCrash > 0);
        const int partial = countOf(*desk.db, u"SELECT COUNT(*) FROM contacts"_s);
        QVERIFY2(partial == 300, qPrintable(QString::number(partial))); // three whole batches, no half one

        QString error;
        QVERIFY2(m_pg.start(&error), qPrintable(error));
        // Kill it again in the middle of a push: two of four intentions go through first.
        auto server = openServer();
        Engine engine(*server, *m_clock);
        engine.handleMissedCall(u"CA1"_s, kCaller, m_clock->now());
        QVERIFY(desk.sync->syncOnce());
        const QString thread = threadOf(*desk.db, kCaller);
        server.reset();
        QStringList ids;
        for (int i = 0; i < 4; ++i)
            ids << desk.sync->submit(Intention::staffMessage(thread, u"update %1"_s.arg(i)));
        int applied = 0;
        killer = connect(desk.sync.get(), &SyncClient::intentsChanged, this, [&] {
            if (++applied == 2)
                m_pg.kill();
        });
        QVERIFY(!desk.sync->syncOnce());
        disconnect(killer);
        QVERIFY(desk.sync->waitingCount() >= 2);
        QVERIFY2(m_pg.start(&error), qPrintable(error));
        QVERIFY2(desk.sync->syncOnce(), qPrintable(desk.sync->lastError()));
        QCOMPARE(desk.sync->waitingCount(), 0);
        server = openServer();
        QCOMPARE(differences(*server, *desk.db), QString());
        for (int i = 0; i < 4; ++i)
            QCOMPARE(countOf(*server, u"SELECT COUNT(*) FROM messages WHERE body = 'update %1'"_s.arg(i)), 1);
        QCOMPARE(countOf(*desk.db, u"SELECT COUNT(*) FROM contacts"_s), 1500);
    }

    // The first full copy is all or nothing: the server dies in the middle, the replica stays as
    // it was, and the next try copies everything. A desk pointed at another server copies that one.
    void firstCopyInterruptedThenAnotherServer()
    {
        {
            auto server = openServer();
            ContactRepository contacts(*server);
            Transaction tx(*server);
            for (int i = 0; i < 1200; ++i) {
                Contact c;
                c.id = newId();
                c.phone = u"+1770555%1"_s.arg(i, 4, 10, QLatin1Char('0'));
                c.name = u"Customer %1"_s.arg(i);
                QVERIFY(contacts.upsert(c));
            }
            QVERIFY(tx.commit());
        }
        Desk desk = openDesk(u"front"_s, 100);
        auto killer = connect(desk.sync.get(), &SyncClient::fullSyncProgress, this, [&](qint64 done, qint64 total) {
            if (done >= 300 && done < total && m_pg.isRunning())
                m_pg.kill();
        });
        QVERIFY(!desk.sync->syncOnce());
        disconnect(killer);
        QCOMPARE(desk.sync->replica().serverId(), QString());
        QCOMPARE(countOf(*desk.db, u"SELECT COUNT(*) FROM contacts"_s), 0);
        QCOMPARE(countOf(*desk.db, u"SELECT COUNT(*) FROM settings"_s), 0);
        QString error;
        QVERIFY2(m_pg.start(&error), qPrintable(error));
        QVERIFY2(desk.sync->syncOnce(), qPrintable(desk.sync->lastError()));
        auto server = openServer();
        QCOMPARE(differences(*server, *desk.db), QString());
        QCOMPARE(countOf(*desk.db, u"SELECT COUNT(*) FROM contacts"_s), 1200);

        // The same desk, now pointed at another business's server.
        const QString otherStore = m_database + u"b"_s;
        QVERIFY2(m_pg.createDatabase(otherStore, &error), qPrintable(error));
        auto other = Database::openPostgres(m_pg.target(otherStore), true, &error);
        QVERIFY2(other, qPrintable(error));
        Engine engine(*other, *m_clock);
        engine.handleMissedCall(u"CA-other"_s, kOther, m_clock->now());
        SyncSettings settings = desk.sync->settings();
        settings.server = m_pg.target(otherStore);
        desk.sync = std::make_unique<SyncClient>(*desk.db, *m_clock, settings);
        QVERIFY2(desk.sync->syncOnce(), qPrintable(desk.sync->lastError()));
        QCOMPARE(differences(*other, *desk.db), QString());
        QCOMPARE(countOf(*desk.db, u"SELECT COUNT(*) FROM contacts"_s), 0);
    }

    // The server keeps a month of changes: a desk within it catches up change by change, a desk
    // behind it is copied anew, and both end equal to the server.
    void prunedChangeLog()
    {
        auto server = openServer();
        Desk current = openDesk(u"current"_s);
        Desk behind = openDesk(u"behind"_s);
        QVERIFY(current.sync->syncOnce());
        QVERIFY(behind.sync->syncOnce());
        Engine engine(*server, *m_clock);
        engine.handleMissedCall(u"CA1"_s, kCaller, m_clock->now());
        QVERIFY(current.sync->syncOnce()); // the current desk has everything
        engine.handleMissedCall(u"CA2"_s, kOther, m_clock->now());
        // Nothing the clock calls old yet: nothing goes.
        qint64 removed = -1;
        QString error;
        QVERIFY2(ChangeLog::prune(*server, QDateTime::currentDateTimeUtc().addDays(-30), &removed, &error),
            qPrintable(error));
        QCOMPARE(removed, 0);
        const int logged = countOf(*server, u"SELECT COUNT(*) FROM sync_changes"_s);
        // Everything logged so far is older than the cut-off now.
        const qint64 cursorOfCurrent = current.sync->replica().cursor();
        QVERIFY2(ChangeLog::prune(*server, QDateTime::currentDateTimeUtc().addSecs(60), &removed, &error),
            qPrintable(error));
        QCOMPARE(removed, qint64(logged));
        QVERIFY(ChangeLog::prunedThrough(*server, &error) > cursorOfCurrent);
        QSignalSpy copied(behind.sync.get(), &SyncClient::fullCopyFinished);
        QVERIFY(behind.sync->syncOnce());
        QCOMPARE(copied.size(), 1);
        QVERIFY(current.sync->syncOnce()); // also behind the cut: the second call is gone from the log
        QCOMPARE(differences(*server, *current.db), QString());
        QCOMPARE(differences(*server, *behind.db), QString());
        // Past the cut, changes flow one by one again.
        engine.handleInboundSms(u"SM1"_s, kCaller, u"hello"_s, m_clock->now());
        QSignalSpy copiedAgain(behind.sync.get(), &SyncClient::fullCopyFinished);
        QVERIFY(behind.sync->syncOnce());
        QCOMPARE(copiedAgain.size(), 0);
        QCOMPARE(differences(*server, *behind.db), QString());
    }

    // The desk's own disk fails in the middle of a pull (a write refused at the n-th row): the
    // batch rolls back whole, the cursor stays before it, and the next round converges.
    void replicaWriteFailsInTheMiddle_data()
    {
        QTest::addColumn<int>("failAt");
        QTest::newRow("first row") << 0;
        QTest::newRow("inside the first batch") << 42;
        QTest::newRow("second batch") << 150;
        QTest::newRow("last row") << 299;
    }

    void replicaWriteFailsInTheMiddle()
    {
        QFETCH(int, failAt);
        Desk desk = openDesk(u"front"_s, 100);
        QVERIFY(desk.sync->syncOnce());
        {
            auto server = openServer();
            ContactRepository contacts(*server);
            for (int i = 0; i < 300; ++i) {
                Contact c;
                c.id = newId();
                c.phone = u"+1404777%1"_s.arg(i, 4, 10, QLatin1Char('0'));
                c.name = u"Customer %1"_s.arg(i);
                QVERIFY(contacts.upsert(c));
            }
        }
        QSqlQuery fault(desk.db->connection());
        QVERIFY2(fault.exec(u"CREATE TRIGGER fail_once BEFORE INSERT ON contacts WHEN NEW.name = 'Customer %1' "
                            "BEGIN SELECT RAISE(ABORT, 'disk full'); END"_s.arg(failAt)),
            qPrintable(fault.lastError().text()));
        const qint64 before = desk.sync->replica().cursor();
        QVERIFY(!desk.sync->syncOnce());
        QVERIFY2(desk.sync->lastError().contains(u"disk full"_s), qPrintable(desk.sync->lastError()));
        const int kept = countOf(*desk.db, u"SELECT COUNT(*) FROM contacts"_s);
        QCOMPARE(kept, failAt / 100 * 100); // whole batches only
        QCOMPARE(desk.sync->replica().cursor() - before, qint64(kept));
        QVERIFY(fault.exec(u"DROP TRIGGER fail_once"_s));
        QVERIFY2(desk.sync->syncOnce(), qPrintable(desk.sync->lastError()));
        auto server = openServer();
        QCOMPARE(differences(*server, *desk.db), QString());
    }

    void twoDesksBookTheSameSlot()
    {
        Desk front = openDesk(u"front"_s);
        Desk back = openDesk(u"back"_s);
        QString thread;
        {
            auto server = openServer();
            Engine engine(*server, *m_clock);
            engine.handleMissedCall(u"CA1"_s, kCaller, m_clock->now());
            engine.handleMissedCall(u"CA2"_s, kOther, m_clock->now());
        }
        QVERIFY(front.sync->syncOnce());
        QVERIFY(back.sync->syncOnce());
        thread = threadOf(*front.db, kCaller);
        // Both desks offer the same hour of the same technician, each to its caller, offline.
        const QString mine = front.sync->submit(Intention::book(slot(thread, local(5, 10, 0))));
        const QString theirs = back.sync->submit(Intention::book(slot(threadOf(*back.db, kOther), local(5, 10, 30))));
        // In the same push: a text after the refused booking still goes through (one savepoint each).
        const QString note
            = back.sync->submit(Intention::staffMessage(threadOf(*back.db, kOther), u"Checking times"_s));
        QVERIFY(front.sync->syncOnce());
        QVERIFY(back.sync->syncOnce());
        QCOMPARE(back.sync->replica().intent(note)->state, u"applied"_s);
        QCOMPARE(front.sync->replica().intent(mine)->state, u"applied"_s);
        const Intention refused = *back.sync->replica().intent(theirs);
        QCOMPARE(refused.state, u"conflict"_s);
        QVERIFY2(refused.error.contains(u"slot was taken"_s), qPrintable(refused.error));
        auto server = openServer();
        QCOMPARE(countOf(*server, u"SELECT COUNT(*) FROM appointments WHERE status = 'booked'"_s), 1);
        // Retrying changes nothing while the slot is taken; once the first is cancelled it goes through.
        QVERIFY(back.sync->resolve(theirs, SyncClient::Resolution::Retry));
        QVERIFY(back.sync->syncOnce());
        QCOMPARE(back.sync->replica().intent(theirs)->state, u"conflict"_s);
        const Appointment booked = AppointmentRepository(*front.db).all().constFirst();
        front.sync->submit(Intention::cancel(booked.id));
        QVERIFY(front.sync->syncOnce());
        QVERIFY(back.sync->resolve(theirs, SyncClient::Resolution::Retry));
        QVERIFY(back.sync->syncOnce());
        QCOMPARE(back.sync->replica().intent(theirs)->state, u"applied"_s);
        QVERIFY(front.sync->syncOnce());
        QCOMPARE(differences(*server, *front.db), QString());
        QCOMPARE(differences(*server, *back.db), QString());
        QCOMPARE(countOf(*server, u"SELECT COUNT(*) FROM appointments"_s), 2);
        QCOMPARE(countOf(*server, u"SELECT COUNT(*) FROM appointments WHERE status = 'booked'"_s), 1);
    }

    // The calendar tab's bookings by hand and moves, made at two desks: the shared store applies
    // them through the same booking service as a standalone desk, and a time taken meanwhile comes
    // back to the second desk as a conflict, never as a double booking.
    void desksBookAndMoveByHand()
    {
        Desk front = openDesk(u"front"_s);
        Desk back = openDesk(u"back"_s);
        QVERIFY(front.sync->syncOnce());
        QVERIFY(back.sync->syncOnce());
        StaffBooking walkIn;
        walkIn.technicianId = u"marcus"_s;
        walkIn.serviceId = u"maintenance"_s;
        walkIn.start = local(5, 10, 0);
        walkIn.phone = kCaller;
        walkIn.name = u"Dana Walker"_s;
        walkIn.channel = u"walk-in"_s;
        StaffBooking call = walkIn;
        call.start = local(5, 10, 30); // overlaps the walk-in
        call.phone = kOther;
        call.name = u"Sam Ortiz"_s;
        call.channel = u"phone"_s;
        const QString mine = front.sync->submit(Intention::staffBook(walkIn));
        const QString theirs = back.sync->submit(Intention::staffBook(call));
        QVERIFY(!mine.isEmpty() && !theirs.isEmpty());
        QVERIFY(front.sync->syncOnce());
        QVERIFY(back.sync->syncOnce());
        QCOMPARE(front.sync->replica().intent(mine)->state, u"applied"_s);
        const Intention refused = *back.sync->replica().intent(theirs);
        QCOMPARE(refused.state, u"conflict"_s);
        QVERIFY(!refused.error.isEmpty());

        auto server = openServer();
        const QList<Appointment> booked = AppointmentRepository(*server).all();
        QCOMPARE(booked.size(), 1);
        QCOMPARE(booked.constFirst().source, u"staff"_s);
        QCOMPARE(booked.constFirst().start, local(5, 10, 0).toUTC());
        QCOMPARE(booked.constFirst().end, local(5, 11, 0).toUTC()); // the service's length, from the server
        QVERIFY(booked.constFirst().title.contains(u"Dana Walker"_s));

        // The front desk moves its booking to the afternoon; the back desk's retry then goes through.
        const QString moved = front.sync->submit(Intention::reschedule(booked.constFirst().id, local(5, 14, 0), {}));
        QVERIFY(front.sync->syncOnce());
        QCOMPARE(front.sync->replica().intent(moved)->state, u"applied"_s);
        QVERIFY(back.sync->resolve(theirs, SyncClient::Resolution::Retry));
        QVERIFY(back.sync->syncOnce());
        QCOMPARE(back.sync->replica().intent(theirs)->state, u"applied"_s);
        QVERIFY(front.sync->syncOnce());
        QCOMPARE(countOf(*server, u"SELECT COUNT(*) FROM appointments WHERE status = 'booked'"_s), 2);
        QCOMPARE(AppointmentRepository(*front.db).byId(booked.constFirst().id)->start, local(5, 14, 0).toUTC());
        QCOMPARE(differences(*server, *front.db), QString());
        QCOMPARE(differences(*server, *back.db), QString());
    }

    // An admin at a team desk: the profile, integration settings and users go to the shared store
    // as intentions (nothing is written to the desk's copy first) and come back with the pull;
    // contacts are refused with the reason rather than kept on one desk.
    void adminChangesGoToTheSharedStore()
    {
        Desk front = openDesk(u"front"_s);
        QVERIFY(front.sync->syncOnce());
        Engine engine(*front.db, *m_clock);
        QVERIFY(engine.reloadProfile());
        AdminService admin(engine, nullptr);
        SyncSharedStoreWriter writer(*front.sync);
        admin.setSharedStore(&writer);
        QVERIFY(admin.isTeamDesk());
        const QString actor = u"staff:front"_s;

        BusinessProfile renamed = *engine.profile();
        renamed.name = u"Peach State Air"_s;
        AdminResult r = admin.saveProfile(actor, renamed);
        QVERIFY2(r.ok, qPrintable(r.error));
        r = admin.saveTwilioAccount(actor, {u"AC0123456789abcdef0123456789abcdef"_s, u"+14045550100"_s,
                                               u"https://api.twilio.com"_s}, {});
        QVERIFY2(r.ok, qPrintable(r.error));
        r = admin.addUser(actor, u"maria"_s, u"Maria Diaz"_s, Role::Receptionist, u"Front-desk-2026!"_s);
        QVERIFY2(r.ok, qPrintable(r.error));
        ContactImportResult imported;
        r = admin.importContacts(actor, {}, &imported);
        QVERIFY(!r.ok);
        QVERIFY2(r.error.contains(u"team desk"_s), qPrintable(r.error));
        // Nothing on the desk's copy yet: it is queued.
        QCOMPARE(SettingsRepository(*front.db).loadProfile()->name, engine.profile()->name);
        QVERIFY(!UserRepository(*front.db).find(u"maria"_s));

        QVERIFY(front.sync->syncOnce());
        auto server = openServer();
        QCOMPARE(SettingsRepository(*server).loadProfile()->name, u"Peach State Air"_s);
        QCOMPARE(SettingsRepository(*server).value(QString::fromLatin1(AdminService::TwilioNumberKey)).value_or(QString()),
            u"+14045550100"_s);
        const auto maria = UserRepository(*server).find(u"maria"_s);
        QVERIFY(maria);
        QCOMPARE(maria->role, u"receptionist"_s);
        QVERIFY(!maria->passwordHash.contains(u"Front-desk-2026!"_s));
        QVERIFY(countOf(*server, u"SELECT COUNT(*) FROM audit_log WHERE action = 'user_changed'"_s) == 1);
        // The pull brings it all back to the desk, which can now sign Maria in.
        QVERIFY(front.sync->syncOnce());
        QCOMPARE(SettingsRepository(*front.db).loadProfile()->name, u"Peach State Air"_s);
        QString error;
        QVERIFY2(admin.signIn(u"maria"_s, u"Front-desk-2026!"_s, &error), qPrintable(error));
        QCOMPARE(differences(*server, *front.db), QString());
    }

    void outboxReplayedTwice()
    {
        Desk front = openDesk(u"front"_s);
        {
            auto server = openServer();
            Engine engine(*server, *m_clock);
            engine.handleMissedCall(u"CA1"_s, kCaller, m_clock->now());
        }
        QVERIFY(front.sync->syncOnce());
        const QString thread = threadOf(*front.db, kCaller);
        QStringList ids {
            front.sync->submit(Intention::takeOver(thread)),
            front.sync->submit(Intention::staffMessage(thread, u"We can come tomorrow at 9"_s)),
            front.sync->submit(Intention::book(slot(thread, local(3, 9, 0)))),
            front.sync->submit(Intention::setting(u"desk.greeting"_s, u"Good morning"_s)),
        };
        QVERIFY(front.sync->syncOnce());
        auto server = openServer();
        const auto before = rowsOf(*server, u"messages"_s, u"id"_s, nullptr);
        const int changesBefore = countOf(*server, u"SELECT COUNT(*) FROM sync_changes"_s);
        // The answers were "lost": the desk sends the whole outbox again, twice.
        for (int round = 0; round < 2; ++round) {
            for (const QString &id : ids)
                QVERIFY(front.sync->replica().setIntentState(id, u"pending"_s, QString(), false));
            QVERIFY(front.sync->syncOnce());
            for (const QString &id : ids)
                QCOMPARE(front.sync->replica().intent(id)->state, u"applied"_s);
        }
        // And another desk replays the same ids.
        Desk back = openDesk(u"back"_s);
        QVERIFY(back.sync->syncOnce());
        for (const Intention &i : front.sync->replica().intents()) {
            Intention copy = i;
            QVERIFY(back.sync->replica().enqueue(copy));
        }
        QVERIFY(back.sync->syncOnce());
        QCOMPARE(back.sync->waitingCount(), 0);
        QCOMPARE(rowsOf(*server, u"messages"_s, u"id"_s, nullptr), before);
        QCOMPARE(countOf(*server, u"SELECT COUNT(*) FROM sync_changes"_s), changesBefore);
        QCOMPARE(countOf(*server, u"SELECT COUNT(*) FROM sync_applied_intents"_s), 4);
        QCOMPARE(countOf(*server, u"SELECT COUNT(*) FROM appointments"_s), 1);
        QCOMPARE(differences(*server, *front.db), QString());
        QCOMPARE(differences(*server, *back.db), QString());
    }

    void connectionErrorsSayWhatIsWrong()
    {
        QString error;
        OpenFailure failure = OpenFailure::None;
        PostgresTarget wrongPassword = m_pg.target(m_database);
        wrongPassword.password = u"not-the-password"_s;
        QVERIFY(!Database::openPostgres(wrongPassword, false, &error, &failure));
        QCOMPARE(failure, OpenFailure::AuthenticationFailed);
        QVERIFY2(error.contains(u"password"_s), qPrintable(error));
        QVERIFY(!error.contains(u"not-the-password"_s));

        PostgresTarget nowhere = m_pg.target(m_database);
        nowhere.port = 1; // nothing listens there
        QVERIFY(!Database::openPostgres(nowhere, false, &error, &failure));
        QCOMPARE(failure, OpenFailure::Unreachable);

        PostgresTarget noDatabase = m_pg.target(u"nosuchstore"_s);
        QVERIFY(!Database::openPostgres(noDatabase, false, &error, &failure));
        QCOMPARE(failure, OpenFailure::NoSuchDatabase);

        // A server an older FrontDesk left: the desk refuses it and leaves it as it is.
        QVERIFY2(
            m_pg.exec(m_database,
                u"UPDATE schema_meta SET value = '%1' WHERE key = 'version'"_s.arg(Database::latestSchemaVersion() - 1),
                &error),
            qPrintable(error));
        QVERIFY(!Database::openPostgres(m_pg.target(m_database), false, &error, &failure));
        QCOMPARE(failure, OpenFailure::OlderSchema);
        QVERIFY2(error.contains(u"older"_s), qPrintable(error));
        Desk desk = openDesk(u"front"_s);
        QSignalSpy failed(desk.sync.get(), &SyncClient::connectionFailed);
        QVERIFY(!desk.sync->syncOnce());
        QCOMPARE(failed.size(), 1);
        QCOMPARE(failed.first().at(0).value<OpenFailure>(), OpenFailure::OlderSchema);
        QVERIFY2(
            m_pg.exec(m_database,
                u"UPDATE schema_meta SET value = '%1' WHERE key = 'version'"_s.arg(Database::latestSchemaVersion()),
                &error),
            qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestTeamSync)
#include "tst_teamsync.moc"
