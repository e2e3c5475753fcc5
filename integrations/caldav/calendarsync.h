#pragma once

#include "app/core/clock.h"
#include "integrations/caldav/caldavcalendar.h"
#include "models/database.h"

#include <QObject>
#include <QTimer>

namespace FrontDesk {

// A booking FrontDesk made (by the agent or by staff), which it writes to the shared calendar; the
// others are busy times it read there.
bool isOwn(const Appointment &a);

struct CalendarSyncReport
{
    bool ok = true;
    QString error; // one line, when not ok
    int pushed = 0; // appointments written to the server (created, moved)
    int removed = 0; // events deleted on the server
    int moved = 0; // FrontDesk appointments moved on the server, moved here
    int cancelled = 0; // FrontDesk appointments deleted on the server, cancelled here
    int imported = 0; // other people's busy events (instances) now known here
    int conflicts = 0; // appointments newly marked in conflict
};

// Two-way sync of the shared calendar, every interval (≤ 60 s) and on demand:
//  push — appointments booked while the server was away (unsynced), moves and removals left pending;
//  pull — per technician calendar, the changes since last time (sync-collection, RFC 6578, where
//         the server offers it; else the ctag, then the ETags): FrontDesk's own events moved or
//         deleted on the server move or cancel the appointment; other people's events become
//         "calendar" appointments (busy time, shown in the pane). An appointment that overlaps
//         another busy event of its technician is marked in conflict for a person to settle.
class CalendarSync final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CalendarSync)
public:
    CalendarSync(Database &db, CalDavCalendar &calendar, Clock &clock, QObject *parent = nullptr);

    void setInterval(int seconds); // clamped to 5..60 (default 30)
    void setHorizonDays(int days) { m_horizonDays = days; }
    // Off: compare ctag and ETags even where the server offers sync-collection (servers without it).
    void setUseSyncCollection(bool use) { m_useSyncCollection = use; }
    void start(); // syncs now, then every interval
    void stop();

    CalendarSyncReport syncNow();
    // The pull alone: the store's copy of the server's events (the busy times the engine offers from)
    // brought up to date, nothing pushed.
    CalendarSyncReport refresh();
    // How many timer ticks are skipped after the server could not be reached (1, 2, 4, … up to 8):
    // the requests block their caller, so a dead server is not asked every tick.
    int ticksToSkip() const { return m_skipTicks; }

signals:
    void synced(const FrontDesk::CalendarSyncReport &report);
    void appointmentsChanged();

private:
    void tick();
    void push(CalendarSyncReport &report);
    bool pull(const QString &technicianId, const QUrl &calendar, CalendarSyncReport &report);
    void apply(
        const QString &technicianId, const QUrl &calendar, const CalDavObject &object, CalendarSyncReport &report);
    void applyRemoved(const QUrl &calendar, const QString &href, CalendarSyncReport &report);
    void markConflicts(
        const QString &technicianId, const QDateTime &from, const QDateTime &to, CalendarSyncReport &report);
    void audit(const QString &action, const QString &subject, const QString &details);

    Database &m_db;
    CalDavCalendar &m_calendar;
    Clock &m_clock;
    QTimer m_timer;
    int m_horizonDays = 30;
    bool m_running = false;
    bool m_useSyncCollection = true;
    int m_failures = 0;
    int m_skipTicks = 0;
};

} // namespace FrontDesk

Q_DECLARE_METATYPE(FrontDesk::CalendarSyncReport)
