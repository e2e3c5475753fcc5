#pragma once

#include "integrations/caldav/caldavcalendar.h"
#include "models/calendaroutboxrepository.h"
#include "models/database.h"

#include <QDateTime>
#include <QString>
#include <functional>

namespace FrontDesk {

struct CalendarWriteReport
{
    int written = 0; // events created, moved or deleted on the server
    int conflicts = 0; // bookings whose time was taken on the server
    int postponed = 0; // writes that failed for now (tried again later)
};

// Carries out the calendar outbox on a CalDAV calendar: the writes the engine and the booking
// service queued with their bookings, after the commit. Runs where its Database and calendar live
// (the calendar worker's thread; a test's own thread). Exactly once: an event is named by the
// appointment's UID and created with If-None-Match, so a create whose answer was lost is found again
// on the server, not doubled; a failed write is tried again with a growing pause (5 s … 5 min).
// A create that finds its time taken on the server is withdrawn there and reported through
// onConflict (the engine cancels the booking and makes a new offer).
class CalendarWriter
{
public:
    using ConflictHandler = std::function<void(const QString &appointmentId, const QString &detail)>;
    CalendarWriter(Database &db, CalDavCalendar &calendar);

    void setConflictHandler(ConflictHandler handler) { m_onConflict = std::move(handler); }
    // Before a conflict is reported: bring the store's busy times up to date (the calendar sync's
    // pull), so that the new offer leaves out what took the time.
    void setRefresh(std::function<void()> refresh) { m_refresh = std::move(refresh); }

    // The writes due at `now` (real time), until the server can't be reached.
    CalendarWriteReport runDue(const QDateTime &now);
    // The pause before attempt n + 1 of a write that failed n times.
    static int retryDelaySec(int attempts);
    // After the server could not be reached, runDue() leaves it alone until this moment (real time).
    QDateTime awayUntil() const { return m_awayUntil; }

private:
    bool carryOut(const CalendarWrite &write, CalendarWriteReport &report, QString *error);
    bool markSynced(const QString &appointmentId, const QString &uid, QString *error);

    Database &m_db;
    CalDavCalendar &m_calendar;
    ConflictHandler m_onConflict;
    std::function<void()> m_refresh;
    QDateTime m_awayUntil;
    int m_awayCount = 0; // unreachable in a row
};

} // namespace FrontDesk
