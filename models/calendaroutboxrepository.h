#pragma once

#include "models/repository.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <optional>

namespace FrontDesk {

// A write the shared calendar still has to receive: an appointment's event to create, move or delete.
struct CalendarWrite
{
    QString appointmentId; // the idempotency key: one pending write per appointment
    QString op; // create | update | delete
    int version = 1; // grows with every write queued for the appointment
    int attempts = 0;
    QDateTime nextAttemptAt; // invalid: at once
    QString lastError;
    QDateTime createdAt;
};

namespace CalendarWriteOp {
inline constexpr char Create[] = "create";
inline constexpr char Update[] = "update";
inline constexpr char Delete[] = "delete";
} // namespace CalendarWriteOp

// The calendar outbox. The engine and the booking service queue a write in the same transaction as
// the booking it carries out; the calendar worker takes it after the commit, off the GUI thread, and
// removes it once the server has it (done(), only for the version it carried out).
class CalendarOutboxRepository : public Repository
{
public:
    using Repository::Repository;

    // Queues `op` for the appointment. A write already pending for it is merged: a move of an event
    // not yet created stays a create (the create writes the current times); anything else is replaced
    // by the newer write.
    bool enqueue(const QString &appointmentId, const QString &op, const QDateTime &at);
    // The writes due at `now` (real time: the worker's retries), oldest first.
    QList<CalendarWrite> due(const QDateTime &now, int limit = 50) const;
    std::optional<CalendarWrite> forAppointment(const QString &appointmentId) const;
    // The write is carried out: removed, unless a newer one was queued meanwhile.
    bool done(const CalendarWrite &write);
    // It failed for now: tried again at `next`.
    bool retryLater(const CalendarWrite &write, const QDateTime &next, const QString &error);
    int pendingCount() const; // -1 on failure
    // Whether the appointment has a write waiting (the calendar sync leaves it to the worker).
    bool hasPending(const QString &appointmentId) const;
};

} // namespace FrontDesk
