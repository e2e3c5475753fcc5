// Property: however booking attempts, cancellations and other people's edits on the shared
// calendar interleave, FrontDesk never leaves two overlapping appointments for one technician.
// Two desks (two stores: two offices, or a desk and the engine) book into the same Radicale
// calendars; people add, move and delete events on the server at random, including in the very
// moment between a desk's check and its write. Fixed seed: a failure reproduces.
#include "app/core/clock.h"
#include "app/messaging/engine.h"
#include "app/scheduling/bookingservice.h"
#include "integrations/caldav/caldavcalendar.h"
#include "integrations/caldav/caldavclient.h"
#include "integrations/caldav/calendarsync.h"
#include "integrations/caldav/calendarwriter.h"
#include "integrations/caldav/icscodec.h"
#include "integrations/simulator/simulatedline.h"
#include "models/calendaroutboxrepository.h"
#include "models/database.h"
#include "models/repositories.h"
#include "tests/support/caldavserver.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

using namespace FrontDesk;
using namespace FrontDesk::Test;
using namespace Qt::StringLiterals;

namespace {

const QTimeZone kZone("America/New_York");

// Someone editing the shared calendar on their phone.
class Editor
{
public:
    Editor(CalDavClient &client, const QHash<QString, QUrl> &calendars, QRandomGenerator &random)
        : m_client(client)
        , m_calendars(calendars)
        , m_random(random)
    {
    }

    // Adds a busy event overlapping [start, end) of the technician (a time taken "meanwhile").
    void takeTime(const QString &technician, const QDateTime &start, const QDateTime &end)
    {
        const int shift = int(m_random.bounded(-30, 30));
        put(technician, start.addSecs(shift * 60), end.addSecs(shift * 60));
    }

    // A random edit: add an event, move one, delete one.
    void randomEdit(const QList<QDateTime> &days)
    {
        const QStringList techs = m_calendars.keys();
        const QString tech = techs.at(int(m_random.bounded(qsizetype(techs.size()))));
        const int roll = int(m_random.bounded(100));
        const int kind = roll < 30 ? 0 : roll < 60 ? 1 : 2; // add, move, delete
        QList<Event> &mine = m_events[tech];
        if (kind == 0 || mine.isEmpty()) {
            const QDateTime day = days.at(int(m_random.bounded(qsizetype(days.size()))));
            const QDateTime start = day.addSecs(qint64(m_random.bounded(8, 17)) * 3600 + m_random.bounded(4) * 900);
            put(tech, start, start.addSecs(qint64(m_random.bounded(1, 5)) * 1800));
        } else if (kind == 1) {
            Event &e = mine[int(m_random.bounded(qsizetype(mine.size())))];
            const qint64 move = qint64(m_random.bounded(-4, 5)) * 1800;
            e.start = e.start.addSecs(move);
            e.end = e.end.addSecs(move);
            CalDavError error;
            if (auto etag = m_client.put(e.url, ics(e), {}, &error); !etag) {
                // If-None-Match refuses: replace with the current ETag.
                if (auto current = m_client.get(e.url, &error))
                    m_client.put(e.url, ics(e), current->etag, &error);
            }
            ++edits;
        } else {
            const Event e = mine.takeAt(int(m_random.bounded(qsizetype(mine.size()))));
            CalDavError error;
            m_client.remove(e.url, {}, &error);
            ++edits;
        }
    }

    int edits = 0;

private:
    struct Event
    {
        QString uid;
        QUrl url;
        QDateTime start;
        QDateTime end;
    };
    static QByteArray ics(const Event &e)
    {
        Appointment a;
        a.id = e.uid;
        a.start = e.start.toUTC();
        a.end = e.end.toUTC();
        a.title = u"Office: blocked"_s;
        a.source = u"calendar"_s;
        return IcsCodec::eventFor(a, e.uid, QDateTime::currentDateTimeUtc());
    }
    void put(const QString &technician, const QDateTime &start, const QDateTime &end)
    {
        Event e;
        e.uid = u"office-%1"_s.arg(++m_n);
        e.url = m_calendars.value(technician).resolved(QUrl(e.uid + u".ics"_s));
        e.start = start;
        e.end = end;
        CalDavError error;
        if (m_client.put(e.url, ics(e), {}, &error)) {
            m_events[technician].append(e);
            ++edits;
        }
    }

    CalDavClient &m_client;
    QHash<QString, QUrl> m_calendars;
    QRandomGenerator &m_random;
    QHash<QString, QList<Event>> m_events;
    int m_n = 0;
};

} // namespace

class TestCalendarProperty : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        // Thousands of refused writes are expected here: keep the log to the summary.
        QLoggingCategory::setFilterRules(u"frontdesk.caldav.info=false\nfrontdesk.store.debug=false"_s);
    }

    void neverTwoOverlappingAppointments()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        CalDavServer server(CalDavServer::Kind::Radicale);
        QString error;
        QVERIFY2(server.start(&error), qPrintable(error));
        CalDavClient client(server.rootUrl(), server.user(), server.password());

        ProfileError profileError;
        auto profile = BusinessProfile::fromFile(
            QStringLiteral(FRONTDESK_SHARED_DIR "/scenarios/profiles/hvac-atlanta.json"), &profileError);
        QVERIFY(profile);
        profile->booking.bufferMin = 0; // overlap itself is what is checked
        QHash<QString, QUrl> calendars;
        for (const TechnicianDef &t : profile->technicians) {
            const QUrl url = server.calendarUrl(t.id);
            CalDavError davError;
            QVERIFY2(client.makeCalendar(url, t.name, &davError), qPrintable(davError.message));
            calendars.insert(t.id, url);
        }

        QRandomGenerator random(20260308);
        Editor editor(client, calendars, random);
        SimulatedClock clock(QDateTime(QDate(2026, 3, 2), QTime(8, 0), kZone));

        // Two desks, each with its own store and its own connection to the server.
        struct Desk
        {
            std::unique_ptr<Database> db;
            std::unique_ptr<CalDavClient> client;
            std::unique_ptr<CalDavCalendar> calendar;
            std::unique_ptr<CalendarSync> sync; // keeps the desk's copy of the server's busy times
            std::unique_ptr<Engine> engine; // takes back a booking the calendar writer finds taken
            std::unique_ptr<CalendarWriter> writer; // the calendar worker's part, on this thread
            std::unique_ptr<BookingService> booking;
        };
        QList<std::shared_ptr<Desk>> desks;
        for (int i = 0; i < 2; ++i) {
            auto desk = std::make_shared<Desk>();
            desk->db = Database::openSqlite(dir.filePath(u"desk-%1.sqlite"_s.arg(i)), &error);
            QVERIFY2(desk->db, qPrintable(error));
            QVERIFY(SettingsRepository(*desk->db).saveProfile(*profile));
            desk->client = std::make_unique<CalDavClient>(server.rootUrl(), server.user(), server.password());
            desk->calendar = std::make_unique<CalDavCalendar>(*desk->db, *desk->client, calendars, kZone);
            desk->sync = std::make_unique<CalendarSync>(*desk->db, *desk->calendar, clock);
            desk->engine = std::make_unique<Engine>(*desk->db, clock);
            desk->engine->setCalendar(desk->calendar.get());
            desk->writer = std::make_unique<CalendarWriter>(*desk->db, *desk->calendar);
            Engine *engine = desk->engine.get();
            desk->writer->setConflictHandler(
                [engine](const QString &id, const QString &detail) { engine->handleCalendarConflict(id, detail); });
            desk->booking = std::make_unique<BookingService>(*desk->db, clock,
                std::make_shared<const BusinessProfile>(*profile), desk->calendar.get(), u"staff:desk"_s);
            desks.append(desk);
        }

        QList<QDateTime> days;
        for (int d = 0; d < 5; ++d)
            days << QDateTime(QDate(2026, 3, 3 + d), QTime(0, 0), kZone);
        const QStringList techs = calendars.keys();
        const QStringList services = {u"ac-repair"_s, u"furnace-repair"_s, u"maintenance"_s};

        const int attempts = qEnvironmentVariableIntValue("FRONTDESK_PROPERTY_ATTEMPTS") > 0
            ? qEnvironmentVariableIntValue("FRONTDESK_PROPERTY_ATTEMPTS")
            : 1500;
        int booked = 0, refused = 0, taken = 0, cancelled = 0, races = 0;
        const auto write = [](Desk &desk) { return desk.writer->runDue(QDateTime::currentDateTimeUtc()); };
        QElapsedTimer timer;
        timer.start();
        for (int i = 0; i < attempts; ++i) {
            Desk &desk = *desks.at(int(random.bounded(qsizetype(desks.size()))));
            const int roll = int(random.bounded(100));
            if (roll < 12) {
                editor.randomEdit(days);
                continue;
            }
            if (roll < 22) {
                const auto mine
                    = AppointmentRepository(*desk.db).overlapping(days.constFirst(), days.constLast().addDays(1));
                QList<Appointment> own;
                for (const Appointment &a : mine)
                    if (a.source == u"staff"_s)
                        own << a;
                if (!own.isEmpty()) {
                    QVERIFY(desk.booking->cancel(own.at(int(random.bounded(qsizetype(own.size())))).id).ok);
                    QCOMPARE(write(desk).written, 1);
                    ++cancelled;
                }
                continue;
            }
            // A caller (a conversation) wants a job at a random time with a technician who does it. The
            // desk's copy of the server's busy times is as fresh as its calendar sync keeps it.
            desk.sync->refresh();
            StaffBooking b;
            b.technicianId = techs.at(int(random.bounded(qsizetype(techs.size()))));
            const TechnicianDef *tech = profile->technician(b.technicianId);
            do {
                b.serviceId = services.at(int(random.bounded(qsizetype(services.size()))));
            } while (!tech->services.contains(b.serviceId));
            b.start = days.at(int(random.bounded(qsizetype(days.size()))))
                          .addSecs(qint64(random.bounded(8, 17)) * 3600 + random.bounded(2) * 1800);
            b.phone = u"+1404555%1"_s.arg(1000 + i % 9000);
            b.name = u"Caller %1"_s.arg(i);
            const BookingOutcome outcome = desk.booking->book(b);
            if (outcome.ok) {
                QVERIFY(!outcome.synced); // queued for the calendar worker
                // Between the booking and its write, someone may take the time on the server.
                if (random.bounded(100) < 30) {
                    const auto a = AppointmentRepository(*desk.db).byId(outcome.appointmentId);
                    editor.takeTime(a->technicianId, a->start, a->end);
                    ++races;
                }
                const CalendarWriteReport report = write(desk);
                if (report.conflicts) {
                    // Taken on the server: withdrawn there, cancelled here.
                    QCOMPARE(AppointmentRepository(*desk.db).byId(outcome.appointmentId)->status, u"cancelled"_s);
                    ++taken;
                    continue;
                }
                QCOMPARE(report.written, 1);
                ++booked;
                // At the moment it was written, nothing else on the server overlaps it.
                const auto a = AppointmentRepository(*desk.db).byId(outcome.appointmentId);
                QVERIFY(a);
                const auto others
                    = desk.calendar->occurrences(calendars.value(a->technicianId), a->start, a->end, a->externalUid);
                QVERIFY(others);
                QVERIFY2(others->isEmpty(),
                    qPrintable(u"attempt %1: %2 overlaps %3"_s.arg(i).arg(
                        a->title, others->isEmpty() ? QString() : others->constFirst().summary)));
            } else if (outcome.slotTaken) {
                ++taken;
                if (qEnvironmentVariableIsSet("FRONTDESK_PROPERTY_VERBOSE"))
                    QTextStream(stdout) << "taken: " << outcome.error << Qt::endl;
            } else {
                ++refused;
                QVERIFY2(false, qPrintable(outcome.error));
            }
        }
        // The invariant over both desks: FrontDesk's booked appointments never overlap per technician.
        QList<Appointment> all;
        for (const auto &desk : desks) {
            QCOMPARE(CalendarOutboxRepository(*desk->db).pendingCount(), 0);
            for (const Appointment &a : AppointmentRepository(*desk->db).all())
                if (a.status == u"booked"_s && a.source == u"staff"_s) // the server's events, imported, aside
                    all << a;
        }
        for (qsizetype i = 0; i < all.size(); ++i)
            for (qsizetype j = i + 1; j < all.size(); ++j) {
                const Appointment &x = all.at(i);
                const Appointment &y = all.at(j);
                QVERIFY2(!(x.technicianId == y.technicianId && x.start < y.end && y.start < x.end),
                    qPrintable(u"%1 and %2 overlap"_s.arg(x.title, y.title)));
            }
        // And on the server: FrontDesk's events are exactly the booked appointments (nothing left
        // behind by a cancellation or a withdrawn booking), and don't overlap each other.
        qsizetype ourEvents = 0;
        for (auto it = calendars.constBegin(); it != calendars.constEnd(); ++it) {
            const auto occ
                = desks.constFirst()->calendar->occurrences(it.value(), days.constFirst(), days.constLast().addDays(1));
            QVERIFY(occ);
            QList<CalendarOccurrence> ours;
            for (const CalendarOccurrence &o : *occ)
                if (o.uid.endsWith(u"@frontdesk"_s))
                    ours << o;
            for (qsizetype i = 0; i < ours.size(); ++i)
                for (qsizetype j = i + 1; j < ours.size(); ++j)
                    QVERIFY(!(ours.at(i).start < ours.at(j).end && ours.at(j).start < ours.at(i).end));
            ourEvents += ours.size();
        }
        QCOMPARE(ourEvents, all.size());
        QTextStream(stdout) << attempts << " attempts in " << timer.elapsed() << " ms: " << booked << " booked, "
                            << taken << " slot taken (" << races << " races injected between check and write), "
                            << cancelled << " cancelled, " << editor.edits << " server edits, " << all.size()
                            << " booked at the end" << Qt::endl;
        QVERIFY(booked > 50);
        QVERIFY(taken > 50);
        QVERIFY(races > 10);
        QCOMPARE(refused, 0);
    }

    // The agent's own path: conversations interleaved step by step through the engine; between an
    // offer and the caller's answer someone often takes the offered time on the shared calendar.
    void engineConversationsNeverDoubleBook()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        CalDavServer server(CalDavServer::Kind::Radicale);
        QString error;
        QVERIFY2(server.start(&error), qPrintable(error));
        CalDavClient client(server.rootUrl(), server.user(), server.password());
        auto db = Database::openSqlite(dir.filePath(u"engine.sqlite"_s), &error);
        QVERIFY2(db, qPrintable(error));
        ProfileError profileError;
        const auto profile = BusinessProfile::fromFile(
            QStringLiteral(FRONTDESK_SHARED_DIR "/scenarios/profiles/hvac-atlanta.json"), &profileError);
        QVERIFY(profile);
        QVERIFY(SettingsRepository(*db).saveProfile(*profile));
        QHash<QString, QUrl> calendars;
        for (const TechnicianDef &t : profile->technicians) {
            const QUrl url = server.calendarUrl(u"engine-"_s + t.id);
            CalDavError davError;
            QVERIFY2(client.makeCalendar(url, t.name, &davError), qPrintable(davError.message));
            calendars.insert(t.id, url);
        }
        // Existing customers, so every conversation runs the same three answers.
        const int conversations = 40;
        QStringList phones;
        for (int i = 0; i < conversations; ++i) {
            Contact c;
            c.id = newId();
            c.phone = u"+1404555%1"_s.arg(2000 + i);
            c.name = u"Customer %1"_s.arg(i);
            c.zip = u"30307"_s;
            const auto id = ContactRepository(*db).upsert(c);
            QVERIFY(id);
            ServiceRecord r;
            r.contactId = *id;
            r.serviceId = u"furnace-repair"_s;
            r.date = QDate(2025, 11, 20);
            r.value = 400;
            QVERIFY(ContactRepository(*db).addServiceRecord(r));
            phones << c.phone;
        }
        CalDavCalendar calendar(*db, client, calendars, kZone);
        calendar.setBufferMinutes(profile->booking.bufferMin);
        SimulatedClock clock(QDateTime(QDate(2026, 3, 2), QTime(9, 0), kZone));
        Engine engine(*db, clock);
        QVERIFY(engine.profile());
        SimulatedLine line(clock);
        engine.setGateway(&line);
        engine.setCalendar(&calendar);
        // This thread plays the calendar worker: after each turn, the queued writes go to the server and
        // a time taken there meanwhile comes back to the engine (cancel, new offer).
        CalendarSync sync(*db, calendar, clock);
        CalendarWriter writer(*db, calendar);
        writer.setRefresh([&] { sync.refresh(); });
        writer.setConflictHandler(
            [&](const QString &id, const QString &detail) { engine.handleCalendarConflict(id, detail); });
        int conflicts = 0;
        QRandomGenerator random(4242);
        Editor editor(client, calendars, random);

        const QStringList when = {u"tomorrow afternoon"_s, u"wednesday morning"_s, u"thursday"_s, u"friday afternoon"_s,
            u"tomorrow morning"_s};
        QStringList preferred;
        for (int i = 0; i < conversations; ++i)
            preferred << when.at(int(random.bounded(qsizetype(when.size()))));
        constexpr int kGiveUpAfter = 10; // answers to offers
        QList<int> step(conversations, -1);
        int taken = 0, offersAnswered = 0;
        bool anyLeft = true;
        while (anyLeft) {
            anyLeft = false;
            for (int i = 0; i < conversations; ++i) {
                const auto thread = ThreadRepository(*db).latestFor(phones.at(i));
                if (thread && thread->outcome == u"booked"_s)
                    continue;
                if (step.at(i) >= 2 + kGiveUpAfter)
                    continue;
                anyLeft = true;
                clock.advance(30 * 1000);
                if (step.at(i) < 0) {
                    line.placeMissedCall(phones.at(i));
                } else if (step.at(i) == 0) {
                    line.sendFromCaller(phones.at(i), u"yes the furnace is banging again"_s);
                } else if (step.at(i) == 1) {
                    line.sendFromCaller(phones.at(i), preferred.at(i));
                } else {
                    ++offersAnswered;
                    const QJsonArray offers = thread ? thread->agentState.value(u"offers"_s).toArray() : QJsonArray();
                    const int pick = offers.isEmpty() ? 0 : int(random.bounded(qsizetype(offers.size())));
                    // Between the offer and the answer, someone takes the chosen time (35 %).
                    if (!offers.isEmpty() && random.bounded(100) < 35) {
                        const QJsonObject chosen = offers.at(pick).toObject();
                        editor.takeTime(chosen.value(u"technician"_s).toString(),
                            QDateTime::fromString(chosen.value(u"start"_s).toString(), Qt::ISODate),
                            QDateTime::fromString(chosen.value(u"end"_s).toString(), Qt::ISODate));
                        ++taken;
                    }
                    line.sendFromCaller(phones.at(i), QString::number(pick + 1));
                }
                ++step[i];
                conflicts += writer.runDue(QDateTime::currentDateTimeUtc()).conflicts;
            }
        }
        QList<Appointment> booked;
        for (const Appointment &a : AppointmentRepository(*db).all())
            if (a.status == u"booked"_s && a.source == u"agent"_s)
                booked << a;
        for (qsizetype i = 0; i < booked.size(); ++i) {
            QVERIFY(booked.at(i).synced);
            for (qsizetype j = i + 1; j < booked.size(); ++j) {
                const Appointment &x = booked.at(i);
                const Appointment &y = booked.at(j);
                QVERIFY2(!(x.technicianId == y.technicianId && x.start < y.end && y.start < x.end),
                    qPrintable(u"%1 and %2 overlap"_s.arg(x.title, y.title)));
            }
        }
        QTextStream(stdout) << conversations << " conversations: " << booked.size() << " booked, " << offersAnswered
                            << " answers to offers, " << taken << " offered times taken on the server meanwhile, "
                            << conflicts << " bookings found taken when written" << Qt::endl;
        if (qEnvironmentVariableIsSet("FRONTDESK_PROPERTY_VERBOSE")) {
            for (int i = 0; i < 3; ++i) {
                const auto t = ThreadRepository(*db).latestFor(phones.at(i));
                for (const Message &m : ThreadRepository(*db).messages(t->id))
                    QTextStream(stdout) << i << " " << m.direction << ": " << m.body << Qt::endl;
            }
        }
        QVERIFY(booked.size() >= conversations / 3);
        QVERIFY(taken > 5);
    }
};

QTEST_GUILESS_MAIN(TestCalendarProperty)
#include "tst_calendarproperty.moc"
