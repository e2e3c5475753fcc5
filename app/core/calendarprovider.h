#pragma once

#include "app/scheduling/availability.h"
#include "models/records.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

namespace FrontDesk {

// A shared calendar the business already lives in (CalDAV and the like). The engine asks it for
// busy times before offering and again before booking, and writes the bookings it makes.
class CalendarProvider
{
public:
    virtual ~CalendarProvider() = default;

    // Busy times of every mapped technician in [from, to); std::nullopt when the server can't be
    // reached (the engine then books on its local knowledge and marks the appointment unsynced).
    virtual std::optional<QList<BusyInterval>> busy(const QDateTime &from, const QDateTime &to) = 0;

    // Creates the event for a booked appointment; returns its UID, or std::nullopt when the slot is
    // taken on the server (the engine offers again) or the server can't be reached (see reachable).
    virtual std::optional<QString> create(const Appointment &appointment, bool *slotTaken) = 0;
    // Removes the appointment's event; false when it could not be done now (the provider keeps the
    // removal and retries it on its next sync).
    virtual bool remove(const Appointment &appointment) = 0;
    // Moves the appointment's event to its new start/end (a reschedule). false with *slotTaken when
    // the new time is taken on the server; false alone when the server can't be reached (the
    // provider pushes the move on its next sync).
    virtual bool update(const Appointment &appointment, bool *slotTaken) = 0;
};

} // namespace FrontDesk
