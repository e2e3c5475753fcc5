#pragma once

#include "app/agent/parsedmessage.h"
#include "models/businessprofile.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <memory>

namespace FrontDesk {

// A time a technician is already taken (a job, a booking, a calendar event), in absolute time.
struct BusyInterval
{
    QString technicianId;
    QDateTime start;
    QDateTime end;
};

struct Slot
{
    QString technicianId;
    QString serviceId;
    QDateTime start; // in the business's time zone
    QDateTime end;
    bool operator==(const Slot &other) const = default;
};

// Free slots from the profile's working hours, holidays, technicians and the services each does,
// durations, buffers, minimum lead time, horizon and slot step, against the jobs already booked.
// DST-correct in any IANA zone: slots are laid out on local wall-clock times.
class Availability
{
public:
    // Reads `profile`, which the caller keeps alive as long as this object.
    explicit Availability(const BusinessProfile &profile);
    // Shares the snapshot: a profile published meanwhile never frees what this one reads.
    explicit Availability(std::shared_ptr<const BusinessProfile> profile);

    // Up to `count` free slots that best fit `preferred` (empty: the earliest ones), spread across
    // technicians and times. When nothing free fits the preference, the nearest free slots after
    // (and then before) it.
    QList<Slot> offer(const QString &serviceId, const QDateTime &now, const QList<BusyInterval> &busy,
                      const QList<TimeWindow> &preferred, int count) const;

    // Every free slot of the service in [from, to), all technicians, ordered by start then technician.
    QList<Slot> freeSlots(const QString &serviceId, const QDateTime &now, const QList<BusyInterval> &busy,
                          const QDateTime &from, const QDateTime &to) const;

    // Whether the slot is still valid and free: inside hours, right technician, lead time, horizon,
    // not overlapping any busy interval of that technician (buffer included).
    bool isFree(const Slot &slot, const QDateTime &now, const QList<BusyInterval> &busy) const;

private:
    std::shared_ptr<const BusinessProfile> m_snapshot; // null when the caller owns the profile
    const BusinessProfile &m_profile; // *m_snapshot when there is one
};

} // namespace FrontDesk
