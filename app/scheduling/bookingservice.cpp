#include "app/scheduling/bookingservice.h"

#include "app/core/calendarprovider.h"
#include "models/repositories.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace FrontDesk {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("FrontDesk::BookingService", text);
}

} // namespace

BookingService::BookingService(Database &db, Clock &clock, std::shared_ptr<const BusinessProfile> profile,
    CalendarProvider *calendar, const QString &actor)
    : m_db(db)
    , m_clock(clock)
    , m_profile(std::move(profile))
    , m_calendar(calendar)
    , m_actor(actor)
{
}

void BookingService::audit(const QString &action, const QString &subject, const QString &details)
{
    AuditEntry e;
    e.at = m_clock.now();
    e.actor = m_actor;
    e.action = action;
    e.subject = subject;
    e.details = details;
    AuditRepository(m_db).append(e);
}

QString BookingService::takenBy(const QString &technicianId, const QDateTime &start, const QDateTime &end,
    const QString &exceptId, const QString &exceptUid)
{
    const qint64 buffer = qint64(qMax(0, m_profile->booking.bufferMin)) * 60;
    const QDateTime from = start.addSecs(-buffer);
    const QDateTime to = end.addSecs(buffer);
    const auto local = AppointmentRepository(m_db).overlapping(from, to);
    for (const Appointment &a : local) {
        if (a.technicianId == technicianId && a.id != exceptId)
            return a.title.isEmpty() ? u"another appointment"_s : a.title;
    }
    if (m_calendar) {
        if (const auto remote = m_calendar->busy(from, to)) {
            for (const BusyInterval &b : *remote) {
                if (b.technicianId != technicianId || !(b.start < to && from < b.end))
                    continue;
                // Our own event of the appointment being moved is no obstacle.
                if (!exceptUid.isEmpty()) {
                    const auto self = AppointmentRepository(m_db).byId(exceptId);
                    if (self && b.start == self->start && b.end == self->end)
                        continue;
                }
                return u"an event on the shared calendar"_s;
            }
        }
    }
    return {};
}

BookingOutcome BookingService::book(const StaffBooking &booking)
{
    BookingOutcome out;
    const TechnicianDef *tech = m_profile->technician(booking.technicianId);
    const ServiceDef *service = m_profile->service(booking.serviceId);
    if (!tech) {
        out.error = tr("Choose a technician.");
        return out;
    }
    if (!service) {
        out.error = tr("Choose a service.");
        return out;
    }
    if (!tech->services.contains(booking.serviceId)) {
        out.error = tr("%1 does not do %2.").arg(tech->name, service->name);
        return out;
    }
    if (!booking.start.isValid()) {
        out.error = tr("Choose a time.");
        return out;
    }
    if (booking.start < m_clock.now()) {
        out.error = tr("That time has passed.");
        return out;
    }
    const QString phone = booking.phone.trimmed();
    const QString name = booking.name.trimmed();
    if (phone.isEmpty() && name.isEmpty()) {
        out.error = tr("Enter the caller's name or phone number.");
        return out;
    }
    Appointment a;
    a.id = newId();
    a.technicianId = tech->id;
    a.serviceId = service->id;
    a.phone = phone;
    a.start = booking.start.toUTC();
    a.end = a.start.addSecs(qint64(service->durationMin) * 60);
    a.title = service->name + u" - "_s + (name.isEmpty() ? phone : name)
        + (booking.channel == u"walk-in"_s ? u" (walk-in)"_s : QString());
    a.source = u"staff"_s;
    a.value = service->jobValue;
    a.createdAt = m_clock.now();
    if (!phone.isEmpty()) {
        Contact c;
        c.id = newId();
        c.phone = phone;
        c.name = name;
        if (const auto id = ContactRepository(m_db).upsert(c))
            a.contactId = *id;
    }
    if (const QString other = takenBy(a.technicianId, a.start, a.end, {}, {}); !other.isEmpty()) {
        out.slotTaken = true;
        out.error = tr("That time is taken (%1).").arg(other);
        return out;
    }
    AppointmentRepository appointments(m_db);
    bool conflict = false;
    if (!appointments.book(a, m_profile->booking.bufferMin, &conflict)) {
        out.slotTaken = conflict;
        out.error = conflict ? tr("That time was just taken.") : tr("Not booked: %1").arg(appointments.lastError());
        return out;
    }
    out.appointmentId = a.id;
    if (m_calendar) {
        bool taken = false;
        if (const auto uid = m_calendar->create(a, &taken)) {
            a.externalUid = *uid;
            a.synced = true;
            appointments.update(a);
            out.synced = true;
        } else if (taken) {
            appointments.cancel(a.id);
            out.slotTaken = true;
            out.appointmentId.clear();
            out.error = tr("That time was just taken on the shared calendar.");
            return out;
        }
    } else {
        a.synced = true; // no shared calendar: nothing to push
        appointments.update(a);
        out.synced = true;
    }
    audit(u"booked"_s, a.id, a.title);
    out.ok = true;
    return out;
}

BookingOutcome BookingService::reschedule(
    const QString &appointmentId, const QDateTime &newStart, const QString &technicianId)
{
    BookingOutcome out;
    out.appointmentId = appointmentId;
    AppointmentRepository appointments(m_db);
    const auto found = appointments.byId(appointmentId);
    if (!found || found->status != u"booked"_s) {
        out.error = tr("That appointment is no longer booked.");
        return out;
    }
    if (found->source != u"agent"_s && found->source != u"staff"_s) {
        out.error = tr("Events from the shared calendar are moved there.");
        return out;
    }
    Appointment moved = *found;
    const QString tech = technicianId.isEmpty() ? found->technicianId : technicianId;
    const TechnicianDef *def = m_profile->technician(tech);
    if (!def || (!moved.serviceId.isEmpty() && !def->services.contains(moved.serviceId))) {
        out.error = tr("%1 does not do this job.").arg(def ? def->name : tech);
        return out;
    }
    if (newStart < m_clock.now()) {
        out.error = tr("That time has passed.");
        return out;
    }
    const qint64 length = found->start.secsTo(found->end);
    moved.technicianId = tech;
    moved.start = newStart.toUTC();
    moved.end = moved.start.addSecs(length);
    if (moved.start == found->start && moved.technicianId == found->technicianId) {
        out.ok = true;
        out.synced = found->synced;
        return out;
    }
    if (const QString other = takenBy(tech, moved.start, moved.end, found->id, found->externalUid); !other.isEmpty()) {
        out.slotTaken = true;
        out.error = tr("That time is taken (%1).").arg(other);
        return out;
    }
    {
        // Checked again inside the write transaction (as a booking is).
        Transaction tx(m_db);
        const qint64 buffer = qint64(qMax(0, m_profile->booking.bufferMin)) * 60;
        for (const Appointment &a : appointments.overlapping(moved.start.addSecs(-buffer), moved.end.addSecs(buffer))) {
            if (a.technicianId == tech && a.id != moved.id) {
                out.slotTaken = true;
                out.error = tr("That time was just taken.");
                return out;
            }
        }
        if (!appointments.update(moved) || !tx.commit()) {
            out.error = tr("Not moved: %1").arg(appointments.lastError());
            return out;
        }
    }
    if (m_calendar && found->synced) {
        bool taken = false;
        if (m_calendar->update(moved, &taken)) {
            out.synced = true;
        } else if (taken) {
            appointments.update(*found); // back where it was
            out.slotTaken = true;
            out.error = tr("That time was just taken on the shared calendar.");
            return out;
        }
        // Unreachable: the provider keeps the move and pushes it on its next sync.
    } else {
        out.synced = !m_calendar;
    }
    audit(u"rescheduled"_s, moved.id,
        u"%1 → %2 (%3)"_s.arg(found->start.toString(Qt::ISODate), moved.start.toString(Qt::ISODate), tech));
    out.ok = true;
    return out;
}

BookingOutcome BookingService::cancel(const QString &appointmentId)
{
    BookingOutcome out;
    out.appointmentId = appointmentId;
    AppointmentRepository appointments(m_db);
    const auto found = appointments.byId(appointmentId);
    if (!found || found->status != u"booked"_s) {
        out.error = tr("That appointment is no longer booked.");
        return out;
    }
    // The calendar provider keeps a removal it cannot make now and retries it on its next sync.
    out.synced = !m_calendar || m_calendar->remove(*found);
    if (!appointments.cancel(appointmentId)) {
        out.error = appointments.lastError();
        return out;
    }
    audit(u"cancelled"_s, appointmentId, found->title);
    out.ok = true;
    return out;
}

} // namespace FrontDesk
