// iCalendar through libical: recurrences across DST, all-day and floating times, transparency,
// cancelled instances; FrontDesk's own events; .ics import and export on a real store.
#include "integrations/caldav/icscodec.h"
#include "integrations/caldav/icsimport.h"
#include "models/database.h"
#include "models/repositories.h"

#include <QTemporaryDir>
#include <QTest>

using namespace FrontDesk;
using namespace Qt::StringLiterals;

namespace {
const QTimeZone kZone("America/New_York");
QDateTime ny(int month, int day, int hour, int minute = 0)
{
    return QDateTime(QDate(2026, month, day), QTime(hour, minute), kZone);
}
QByteArray calendar(const QByteArray &body)
{
    return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\n" + body + "END:VCALENDAR\r\n";
}
} // namespace

class TestIcsCodec : public QObject
{
    Q_OBJECT

private slots:
    void recurrenceAcrossDst()
    {
        // Built-in zone (TZID without VTIMEZONE): libical's own tz data.
        const QByteArray ics = calendar("BEGIN:VEVENT\r\nUID:r1\r\nDTSTAMP:20260101T000000Z\r\n"
                                        "DTSTART;TZID=America/New_York:20260306T080000\r\n"
                                        "DTEND;TZID=America/New_York:20260306T083000\r\n"
                                        "RRULE:FREQ=DAILY;UNTIL=20260310T235959Z\r\n"
                                        "EXDATE;TZID=America/New_York:20260309T080000\r\nEND:VEVENT\r\n");
        QList<CalendarOccurrence> occ;
        QString error;
        QVERIFY2(IcsCodec::occurrences(ics, ny(3, 1, 0), ny(3, 31, 0), kZone, &occ, &error), qPrintable(error));
        QCOMPARE(occ.size(), 4); // 6, 7, 8, 10 March (9 excluded)
        QCOMPARE(occ.at(0).start, ny(3, 6, 8).toUTC());
        QCOMPARE(occ.at(0).start.toUTC().time(), QTime(13, 0));
        QCOMPARE(occ.at(2).start, ny(3, 8, 8).toUTC()); // DST day: 08:00 EDT = 12:00 UTC
        QCOMPARE(occ.at(2).start.toUTC().time(), QTime(12, 0));
        QCOMPARE(occ.at(3).start, ny(3, 10, 8).toUTC());
        QVERIFY(occ.at(0).recurring);
        QCOMPARE(occ.at(0).end.toSecsSinceEpoch() - occ.at(0).start.toSecsSinceEpoch(), 30 * 60);
    }

    void allDayFloatingTransparentCancelled()
    {
        const QByteArray ics
            = calendar("BEGIN:VEVENT\r\nUID:a\r\nDTSTAMP:20260101T000000Z\r\nDTSTART;VALUE=DATE:20260308\r\n"
                       "DTEND;VALUE=DATE:20260310\r\nSUMMARY:Away\r\nEND:VEVENT\r\n"
                       "BEGIN:VEVENT\r\nUID:f\r\nDTSTAMP:20260101T000000Z\r\nDTSTART:20260312T150000\r\n"
                       "DURATION:PT45M\r\nEND:VEVENT\r\n"
                       "BEGIN:VEVENT\r\nUID:t\r\nDTSTAMP:20260101T000000Z\r\nDTSTART:20260313T150000Z\r\n"
                       "DTEND:20260313T160000Z\r\nTRANSP:TRANSPARENT\r\nEND:VEVENT\r\n"
                       "BEGIN:VEVENT\r\nUID:c\r\nDTSTAMP:20260101T000000Z\r\nDTSTART:20260314T150000Z\r\n"
                       "DTEND:20260314T160000Z\r\nSTATUS:CANCELLED\r\nEND:VEVENT\r\n");
        QList<CalendarOccurrence> occ;
        QString error;
        QVERIFY(IcsCodec::occurrences(ics, ny(3, 1, 0), ny(3, 31, 0), kZone, &occ, &error));
        QCOMPARE(occ.size(), 3);
        QVERIFY(occ.at(0).allDay);
        QCOMPARE(occ.at(0).start, ny(3, 8, 0).toUTC()); // two local days, across the DST change
        QCOMPARE(occ.at(0).end, ny(3, 10, 0).toUTC());
        QCOMPARE(occ.at(0).summary, u"Away"_s);
        QCOMPARE(occ.at(1).start, ny(3, 12, 15).toUTC()); // floating: the business's wall clock
        QCOMPARE(occ.at(1).end, ny(3, 12, 15, 45).toUTC());
        QVERIFY(occ.at(2).transparent);
        QVERIFY(!IcsCodec::occurrences("this is not a calendar", ny(3, 1, 0), ny(3, 2, 0), kZone, &occ, &error));
        QVERIFY(!error.isEmpty());
    }

    void ownEventRoundTrips()
    {
        Appointment a;
        a.id = u"abc"_s;
        a.technicianId = u"marcus"_s;
        a.serviceId = u"ac-repair"_s;
        a.phone = u"+14045550100"_s;
        a.title = u"AC repair - Sam"_s;
        a.start = ny(3, 9, 13, 30).toUTC();
        a.end = ny(3, 9, 15).toUTC();
        const QByteArray ics = IcsCodec::eventFor(a, IcsCodec::uidFor(a), ny(3, 1, 0));
        QVERIFY(ics.contains("DTSTART:20260309T173000Z"));
        QCOMPARE(IcsCodec::uids(ics), QStringList {u"abc@frontdesk"_s});
        QList<CalendarOccurrence> occ;
        QString error;
        QVERIFY(IcsCodec::occurrences(ics, ny(3, 9, 0), ny(3, 10, 0), kZone, &occ, &error));
        QCOMPARE(occ.size(), 1);
        QCOMPARE(occ.constFirst().start, a.start);
        QCOMPARE(occ.constFirst().end, a.end);
        QCOMPARE(occ.constFirst().summary, a.title);
        QVERIFY(!occ.constFirst().transparent);
    }

    void importAndExport()
    {
        QTemporaryDir dir;
        QString error;
        auto db = Database::openSqlite(dir.filePath(u"s.sqlite"_s), &error);
        QVERIFY2(db, qPrintable(error));
        ProfileError profileError;
        const auto profile = BusinessProfile::fromFile(
            QStringLiteral(FRONTDESK_SHARED_DIR "/scenarios/profiles/hvac-atlanta.json"), &profileError);
        QVERIFY(profile);
        QVERIFY(SettingsRepository(*db).saveProfile(*profile));
        const QByteArray ics = calendar("BEGIN:VEVENT\r\nUID:w1\r\nDTSTAMP:20260101T000000Z\r\n"
                                        "DTSTART;TZID=America/New_York:20260303T090000\r\n"
                                        "DTEND;TZID=America/New_York:20260303T100000\r\n"
                                        "RRULE:FREQ=WEEKLY;COUNT=3\r\nSUMMARY:Dispatch\r\nEND:VEVENT\r\n"
                                        "BEGIN:VEVENT\r\nUID:t1\r\nDTSTAMP:20260101T000000Z\r\n"
                                        "DTSTART:20260304T150000Z\r\nDTEND:20260304T160000Z\r\n"
                                        "TRANSP:TRANSPARENT\r\nEND:VEVENT\r\n");
        const QDateTime now = ny(3, 2, 12);
        QCOMPARE(IcsImport::importFile(*db, u"marcus"_s, ics, &error, now), 3);
        // Again: replaced, not doubled.
        QCOMPARE(IcsImport::importFile(*db, u"marcus"_s, ics, &error, now), 3);
        const auto list = AppointmentRepository(*db).forTechnician(u"marcus"_s, QDateTime(), QDateTime());
        QCOMPARE(list.size(), 3);
        QCOMPARE(list.at(1).start, ny(3, 10, 9).toUTC());
        QCOMPARE(list.at(1).source, u"import"_s);
        QCOMPARE(IcsImport::importFile(*db, u"nobody"_s, ics, &error, now), -1);
        QVERIFY(error.contains(u"nobody"_s));
        QCOMPARE(IcsImport::importFile(*db, u"marcus"_s, "garbage", &error, now), -1);

        const QByteArray exported = IcsImport::exportTechnician(*db, u"marcus"_s, QDateTime(), QDateTime(), &error);
        QVERIFY(exported.contains("X-WR-CALNAME:Marcus"));
        QList<CalendarOccurrence> occ;
        QVERIFY(IcsCodec::occurrences(exported, ny(3, 1, 0), ny(4, 1, 0), kZone, &occ, &error));
        QCOMPARE(occ.size(), 3);
        QCOMPARE(IcsCodec::uids(exported).size(), 3); // each instance its own UID
        QCOMPARE(occ.at(2).start, ny(3, 17, 9).toUTC());
        QVERIFY(IcsImport::exportTechnician(*db, u"nobody"_s, QDateTime(), QDateTime(), &error).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestIcsCodec)
#include "tst_icscodec.moc"
