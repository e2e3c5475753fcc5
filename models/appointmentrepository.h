#pragma once

#include "models/records.h"
#include "models/repository.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <optional>

namespace FrontDesk {

class AppointmentRepository : public Repository
{
public:
    using Repository::Repository;
    // Books atomically: inside one write transaction, fails (false, *conflict = true) when any
    // booked appointment of the same technician overlaps [start - buffer, end + buffer).
    // A conflict writes nothing and does not spoil a caller's enclosing transaction.
    // Requires id and start < end.
    bool book(const Appointment &appointment, int bufferMin, bool *conflict = nullptr);
    bool insert(const Appointment &appointment); // no overlap check (imported calendar jobs)
    bool cancel(const QString &id); // false when there is no such appointment
    bool update(const Appointment &appointment); // every column but id and createdAt; no overlap check
    std::optional<Appointment> byId(const QString &id) const;
    std::optional<Appointment> activeForThread(const QString &threadId) const; // status booked, latest booked
    // Only who is taken when, for availability: booked appointments overlapping [from, to).
    QList<BusySpan> busySpans(const QDateTime &from, const QDateTime &to) const;
    QList<Appointment> overlapping(const QDateTime &from, const QDateTime &to) const; // booked only
    // Every status (cancelled ones too), overlapping [from, to), by start.
    QList<Appointment> forTechnician(const QString &technicianId, const QDateTime &from, const QDateTime &to) const;
    QList<Appointment> all() const; // by start
};

} // namespace FrontDesk
