#include "app/scheduling/bookingservice.h"

#include "app/admin/accesspolicy.h"
#include "app/core/calendarprovider.h"
#include "models/calendaroutboxrepository.h"
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
    // The shared calendar's events are in the store (imported by its sync): nothing waits on the server.
    Q_UNUSED(exceptUid)
    return {};
}

bool BookingService::queueCalendarWrite(const QString &appointmentId, const QString &op)
{
    if (!m_calendar)
        return true;
    return CalendarOutboxRepository(m_db).enqueue(appointmentId, op, m_clock.now());
}

bool BookingService::allowed(const QString &action, const QString &subject, BookingOutcome &out)
{
    QString why;
    if (!m_access || m_access->allows(m_actor, Permission::Booking, &why))
        return true;
    out.error = why;
    audit(u"access_refused"_s, subject, action);
    return false;
}

void BookingService::announceWrites() const
{
    if (m_calendar && m_writesQueued)
        m_writesQueued();
}

BookingOutcome BookingService::book(const StaffBooking &booking)
{
    BookingOutcome out;
    if (!allowed(u"book"_s, booking.technicianId, out))
        return out;
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
    a.synced = !m_calendar; // no shared calendar: nothing to push
    {
        // The booking and its calendar write in one transaction; the calendar worker writes it after.
        Transaction tx(m_db);
        if (!appointments.book(a, m_profile->booking.bufferMin, &conflict)
            || !queueCalendarWrite(a.id, QString::fromLatin1(CalendarWriteOp::Create)) || !tx.commit()) {
            out.slotTaken = conflict;
            out.error = conflict ? tr("That time was just taken.") : tr("Not booked: %1").arg(appointments.lastError());
            return out;
        }
    }
    out.appointmentId = a.id;
    out.synced = a.synced;
    announceWrites();
    audit(u"booked"_s, a.id, a.title);
    out.ok = true;
    return out;
}

BookingOutcome BookingService::reschedule(
    const QString &appointmentId, const QDateTime &newStart, const QString &technicianId)
{
    BookingOutcome out;
    out.appointmentId = appointmentId;
    if (!allowed(u"reschedule"_s, appointmentId, out))
        return out;
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
    moved.synced = moved.synced && !m_calendar; // with a shared calendar: unsynced until the worker moves it there
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
        if (!appointments.update(moved) || !queueCalendarWrite(moved.id, QString::fromLatin1(CalendarWriteOp::Update))
            || !tx.commit()) {
            out.error = tr("Not moved: %1").arg(appointments.lastError());
            return out;
        }
    }
    out.synced = !m_calendar; // with a shared calendar: moved there by the calendar worker
    announceWrites();
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
    if (!allowed(u"cancel"_s, appointmentId, out))
        return out;
    // The removal from the shared calendar is queued with the cancellation; the calendar worker makes it.
    out.synced = !m_calendar;
    Transaction tx(m_db);
    if (!appointments.cancel(appointmentId)
        || !queueCalendarWrite(appointmentId, QString::fromLatin1(CalendarWriteOp::Delete)) || !tx.commit()) {
        out.error = appointments.lastError();
        return out;
    }
    announceWrites();
    audit(u"cancelled"_s, appointmentId, found->title);
    out.ok = true;
    return out;
}

} // namespace FrontDesk
