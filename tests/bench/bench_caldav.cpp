// Booking latency against a local Radicale: the availability check (busy times of every
// technician's calendar over the booking window, from the server) and a whole booking (check again,
// book in the store, write the event with If-None-Match, check the server once more), p50/p99.
#include "app/core/clock.h"
#include "app/scheduling/bookingservice.h"
#include "integrations/caldav/caldavcalendar.h"
#include "integrations/caldav/caldavclient.h"
#include "models/database.h"
#include "models/repositories.h"
#include "tests/support/caldavserver.h"

#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>

using namespace FrontDesk;
using namespace FrontDesk::Test;
using namespace Qt::StringLiterals;

namespace {

double percentile(QList<double> values, double p)
{
    std::sort(values.begin(), values.end());
    const qsizetype i = qMin(values.size() - 1, qsizetype(p * double(values.size())));
    return values.at(i);
}

} // namespace

class BenchCalDav : public QObject
{
    Q_OBJECT

private slots:
    void checkAndBookLatency()
    {
        QLoggingCategory::setFilterRules(u"frontdesk.store.debug=false\nfrontdesk.caldav.debug=false"_s);
        QTemporaryDir dir;
        CalDavServer server(CalDavServer::Kind::Radicale);
        QString error;
        QVERIFY2(server.start(&error), qPrintable(error));
        CalDavClient client(server.rootUrl(), server.user(), server.password());
        ProfileError profileError;
        const auto profile = BusinessProfile::fromFile(
            QStringLiteral(FRONTDESK_SHARED_DIR "/scenarios/profiles/hvac-atlanta.json"), &profileError);
        QVERIFY(profile);
        const QTimeZone zone = profile->timeZone();
        QHash<QString, QUrl> calendars;
        for (const TechnicianDef &t : profile->technicians) {
            const QUrl url = server.calendarUrl(t.id);
            CalDavError davError;
            QVERIFY2(client.makeCalendar(url, t.name, &davError), qPrintable(davError.message));
            calendars.insert(t.id, url);
        }
        auto db = Database::openSqlite(dir.filePath(u"bench.sqlite"_s), &error);
        QVERIFY2(db, qPrintable(error));
        QVERIFY(SettingsRepository(*db).saveProfile(*profile));
        CalDavCalendar calendar(*db, client, calendars, zone);
        calendar.setBufferMinutes(profile->booking.bufferMin);
        SimulatedClock clock(QDateTime(QDate(2026, 3, 2), QTime(8, 0), zone));
        BookingService booking(
            *db, clock, std::make_shared<const BusinessProfile>(*profile), &calendar, u"staff:bench"_s);

        const int rounds = qEnvironmentVariableIntValue("FRONTDESK_BENCH_ROUNDS") > 0
            ? qEnvironmentVariableIntValue("FRONTDESK_BENCH_ROUNDS")
            : 200;
        QList<double> checks, bookings;
        const QDateTime windowFrom = clock.now();
        const QDateTime windowTo = windowFrom.addDays(profile->booking.horizonDays);
        QElapsedTimer timer;
        for (int i = 0; i < rounds; ++i) {
            // 14 days × 2 technicians × 9 hourly starts: a fresh slot per round, the calendar filling up.
            const int day = i % 14;
            const int hour = 8 + (i / 14) % 9;
            const QString tech = profile->technicians.at((i / 126) % profile->technicians.size()).id;
            timer.start();
            const auto busy = calendar.busy(windowFrom, windowTo);
            checks << double(timer.nsecsElapsed()) / 1e6;
            QVERIFY(busy);
            StaffBooking b;
            b.technicianId = tech;
            b.serviceId = u"maintenance"_s;
            b.start = QDateTime(QDate(2026, 3, 3).addDays(day), QTime(hour, 0), zone);
            b.name = u"Caller %1"_s.arg(i);
            b.phone = u"+1404555%1"_s.arg(1000 + i);
            timer.start();
            const BookingOutcome outcome = booking.book(b);
            bookings << double(timer.nsecsElapsed()) / 1e6;
            QVERIFY2(outcome.ok || outcome.slotTaken, qPrintable(outcome.error));
            if (i % 3 == 2 && outcome.ok)
                QVERIFY(booking.cancel(outcome.appointmentId).ok); // some turnover, as in a real week
        }
        QTextStream(stdout) << "caldav check (busy of " << calendars.size() << " calendars over "
                            << profile->booking.horizonDays << " days, Radicale on loopback): p50 "
                            << percentile(checks, 0.5) << " ms, p99 " << percentile(checks, 0.99) << " ms\n"
                            << "caldav check + book (" << rounds << " bookings): p50 " << percentile(bookings, 0.5)
                            << " ms, p99 " << percentile(bookings, 0.99) << " ms" << Qt::endl;
    }
};

QTEST_GUILESS_MAIN(BenchCalDav)
#include "bench_caldav.moc"
