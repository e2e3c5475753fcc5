#pragma once

#include "app/core/clock.h"
#include "models/businessprofile.h"
#include "models/database.h"
#include "models/records.h"

#include <QDateTime>
#include <QString>
#include <functional>
#include <memory>

namespace FrontDesk {

class AccessPolicy;
class CalendarProvider;

// A booking made by a person at the desk (a phone call, a walk-in) rather than by the agent.
struct StaffBooking
{
    QString technicianId;
    QString serviceId;
    QDateTime start; // any zone; stored in UTC
    QString phone;
    QString name;
    QString channel = QStringLiteral("phone"); // phone | walk-in (kept in the title)
};

struct BookingOutcome
{
    bool ok = false;
    bool slotTaken = false; // the time is taken (here or on the shared calendar): choose another
    bool synced = false; // on the shared calendar already (false: kept here, pushed on the next sync)
    QString appointmentId;
    QString error; // one line, for the person at the desk
};

// Staff bookings, moves and cancellations with the same guarantees as the agent's: checked against
// the store (where the calendar sync keeps the shared calendar's busy times), booked atomically in
// the store (buffer included) together with the calendar write, which the calendar worker carries
// out after the commit; a time taken meanwhile on the server comes back to the engine as a conflict.
class BookingService
{
public:
    // `profile` must not be null; the service keeps this snapshot for its whole life.
    BookingService(Database &db, Clock &clock, std::shared_ptr<const BusinessProfile> profile,
        CalendarProvider *calendar, const QString &actor);

    // With a policy, every booking, move and cancellation needs the actor's Booking permission (a
    // refusal says why, and is audited). Not owned; null checks nothing.
    void setAccessPolicy(const AccessPolicy *policy) { m_access = policy; }
    // Called after each commit that queued a shared-calendar write (the engine wakes its calendar worker).
    void setCalendarWritesQueued(std::function<void()> queued) { m_writesQueued = std::move(queued); }

    BookingOutcome book(const StaffBooking &booking);
    // Moves an appointment (to another technician too, when `technicianId` is given).
    BookingOutcome reschedule(
        const QString &appointmentId, const QDateTime &newStart, const QString &technicianId = {});
    BookingOutcome cancel(const QString &appointmentId);

private:
    // The first busy time of the technician overlapping [start - buffer, end + buffer), other than
    // `exceptId`, from the store and the shared calendar; empty when free.
    QString takenBy(const QString &technicianId, const QDateTime &start, const QDateTime &end, const QString &exceptId,
        const QString &exceptUid);
    void audit(const QString &action, const QString &subject, const QString &details);
    // Queues the shared calendar's write (inside the caller's transaction) when a calendar is on.
    bool queueCalendarWrite(const QString &appointmentId, const QString &op);
    bool allowed(const QString &action, const QString &subject, BookingOutcome &out);
    void announceWrites() const;

    Database &m_db;
    Clock &m_clock;
    std::shared_ptr<const BusinessProfile> m_profile; // a snapshot: a profile saved meanwhile never frees it
    CalendarProvider *m_calendar; // never called: its presence means writes go to the calendar outbox
    QString m_actor;
    const AccessPolicy *m_access = nullptr;
    std::function<void()> m_writesQueued;
};

} // namespace FrontDesk
