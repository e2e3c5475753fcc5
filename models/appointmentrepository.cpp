#include "models/appointmentrepository.h"

#include "models/sqlsupport.h"

#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace FrontDesk {

namespace {

const QString kSelectAppointments
    = u"SELECT id, thread_id, contact_id, phone, service_id, technician_id, start_at, end_at, status, title, source, "
      "external_uid, synced, job_value, created_at FROM appointments "_s;

const QString kInsertAppointment
    = u"INSERT INTO appointments (id, thread_id, contact_id, phone, service_id, technician_id, start_at, end_at, "
      "status, title, source, external_uid, synced, job_value, created_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s;

Appointment readAppointment(const Statement &q)
{
    Appointment a;
    a.id = q.value(0).toString();
    a.threadId = q.value(1).toString();
    a.contactId = q.value(2).toString();
    a.phone = q.value(3).toString();
    a.serviceId = q.value(4).toString();
    a.technicianId = q.value(5).toString();
    a.start = Sql::toTime(q.value(6));
    a.end = Sql::toTime(q.value(7));
    a.status = q.value(8).toString();
    a.title = q.value(9).toString();
    a.source = q.value(10).toString();
    a.externalUid = q.value(11).toString();
    a.synced = q.value(12).toInt() != 0;
    a.value = q.value(13).toDouble();
    a.createdAt = Sql::toTime(q.value(14));
    return a;
}

QVariantList insertValues(const Appointment &a)
{
    return {a.id, Sql::textOrNull(a.threadId), Sql::textOrNull(a.contactId), Sql::text(a.phone), Sql::text(a.serviceId),
        Sql::text(a.technicianId), Sql::time(a.start), Sql::time(a.end), Sql::text(a.status), Sql::text(a.title),
        Sql::text(a.source), Sql::textOrNull(a.externalUid), Sql::flag(a.synced), a.value, Sql::time(a.createdAt)};
}

QString validate(const Appointment &a)
{
    if (a.id.isEmpty())
        return u"an appointment needs an id"_s;
    if (!a.start.isValid() || !a.end.isValid())
        return u"an appointment needs a start and an end"_s;
    if (a.end <= a.start)
        return u"an appointment must end after it starts"_s;
    return {};
}

} // namespace

bool AppointmentRepository::book(const Appointment &appointment, int bufferMin, bool *conflict)
{
    m_lastError.clear();
    if (conflict)
        *conflict = false;
    m_lastError = validate(appointment);
    if (!m_lastError.isEmpty())
        return false;
    const qint64 buffer = qint64(qMax(0, bufferMin)) * 60;

    // BEGIN IMMEDIATE on SQLite: the write lock is ours from the check to the insert.
    Transaction tx(m_db);
    if (!tx.ok()) {
        m_lastError = u"booking: cannot start a write transaction: "_s + m_db.lastError();
        return false;
    }
    Statement query(m_db);
    if (m_db.isPostgres()) {
        // PostgreSQL has no database write lock: serialise bookings per technician instead.
        if (!query.exec(u"booking", u"SELECT pg_advisory_xact_lock(hashtext(?))"_s,
                {QString(u"frontdesk.book:"_s + appointment.technicianId)}, &m_lastError))
            return false;
        query.finish();
    }
    // Conflict iff existing.start < new.end + buffer AND new.start < existing.end + buffer.
    if (!query.exec(u"booking: checking the technician's calendar",
            u"SELECT id FROM appointments WHERE technician_id = ? AND status = 'booked' "
            "AND start_at < ? AND end_at > ? LIMIT 1"_s,
            {Sql::text(appointment.technicianId), Sql::timeText(appointment.end.addSecs(buffer)),
                Sql::timeText(appointment.start.addSecs(-buffer))},
            &m_lastError))
        return false;
    if (query.next()) {
        const QString other = query.value(0).toString();
        query.finish();
        tx.commit(); // nothing was written: an enclosing transaction stays usable
        if (conflict)
            *conflict = true;
        m_lastError = u"the slot is taken: it overlaps appointment %1"_s.arg(other);
        return false;
    }
    query.finish();
    Appointment booked = appointment;
    booked.status = u"booked"_s;
    if (m_db.isPostgres()) {
        // Team mode (issue #9): the server's exclusion constraint is the last word on double
        // bookings. A savepoint keeps its refusal from aborting the caller's transaction.
        QSqlQuery control(m_db.connection());
        if (!Sql::execDirect(control, u"booking", u"SAVEPOINT frontdesk_book"_s, &m_lastError))
            return false;
        if (!query.exec(u"booking", kInsertAppointment, insertValues(booked), &m_lastError)) {
            query.finish();
            QString ignored;
            Sql::execDirect(control, u"booking", u"ROLLBACK TO SAVEPOINT frontdesk_book"_s, &ignored);
            if (m_lastError.contains(u"appointments_no_double_booking"_s)) {
                tx.commit();
                if (conflict)
                    *conflict = true;
                m_lastError = u"the slot is taken: the server refused a double booking"_s;
            }
            return false;
        }
        query.finish();
        if (!Sql::execDirect(control, u"booking", u"RELEASE SAVEPOINT frontdesk_book"_s, &m_lastError))
            return false;
    } else if (!query.exec(u"booking", kInsertAppointment, insertValues(booked), &m_lastError))
        return false;
    if (!tx.commit()) {
        m_lastError = u"booking: "_s + m_db.lastError();
        return false;
    }
    return true;
}

bool AppointmentRepository::insert(const Appointment &appointment)
{
    m_lastError = validate(appointment);
    if (!m_lastError.isEmpty())
        return false;
    Statement query(m_db);
    return query.exec(u"saving an appointment", kInsertAppointment, insertValues(appointment), &m_lastError);
}

bool AppointmentRepository::cancel(const QString &id)
{
    m_lastError.clear();
    Statement query(m_db);
    if (!query.exec(u"cancelling an appointment", u"UPDATE appointments SET status = 'cancelled' WHERE id = ?"_s, {id},
            &m_lastError))
        return false;
    if (query.numRowsAffected() == 0) {
        m_lastError = u"there is no appointment %1"_s.arg(id);
        return false;
    }
    return true;
}

bool AppointmentRepository::update(const Appointment &appointment)
{
    m_lastError = validate(appointment);
    if (!m_lastError.isEmpty())
        return false;
    Statement query(m_db);
    if (!query.exec(u"updating an appointment",
            u"UPDATE appointments SET thread_id = ?, contact_id = ?, phone = ?, service_id = ?, "
            "technician_id = ?, start_at = ?, end_at = ?, status = ?, title = ?, source = ?, external_uid = ?, "
            "synced = ?, job_value = ? WHERE id = ?"_s,
            {Sql::textOrNull(appointment.threadId), Sql::textOrNull(appointment.contactId),
                Sql::text(appointment.phone), Sql::text(appointment.serviceId), Sql::text(appointment.technicianId),
                Sql::time(appointment.start), Sql::time(appointment.end), Sql::text(appointment.status),
                Sql::text(appointment.title), Sql::text(appointment.source), Sql::textOrNull(appointment.externalUid),
                Sql::flag(appointment.synced), appointment.value, appointment.id},
            &m_lastError))
        return false;
    if (query.numRowsAffected() == 0) {
        m_lastError = u"there is no appointment %1"_s.arg(appointment.id);
        return false;
    }
    return true;
}

std::optional<Appointment> AppointmentRepository::byId(const QString &id) const
{
    m_lastError.clear();
    Statement query(m_db);
    if (!query.exec(u"reading an appointment", kSelectAppointments + u"WHERE id = ?"_s, {id}, &m_lastError)
        || !query.next())
        return std::nullopt;
    return readAppointment(query);
}

std::optional<Appointment> AppointmentRepository::activeForThread(const QString &threadId) const
{
    m_lastError.clear();
    if (threadId.isEmpty())
        return std::nullopt;
    Statement query(m_db);
    if (!query.exec(u"reading an appointment",
            kSelectAppointments
                + u"WHERE thread_id = ? AND status = 'booked' ORDER BY created_at DESC, start_at DESC LIMIT 1"_s,
            {threadId}, &m_lastError)
        || !query.next())
        return std::nullopt;
    return readAppointment(query);
}

QList<BusySpan> AppointmentRepository::busySpans(const QDateTime &from, const QDateTime &to) const
{
    m_lastError.clear();
    QList<BusySpan> list;
    Statement query(m_db);
    if (!query.exec(u"reading busy times",
            u"SELECT technician_id, start_at, end_at FROM appointments "
            "WHERE status = 'booked' AND start_at < ? AND end_at > ? ORDER BY start_at"_s,
            {Sql::upperBound(to), Sql::lowerBound(from)}, &m_lastError))
        return list;
    while (query.next())
        list.append({query.value(0).toString(), Sql::toTime(query.value(1)), Sql::toTime(query.value(2))});
    return list;
}

QList<Appointment> AppointmentRepository::overlapping(const QDateTime &from, const QDateTime &to) const
{
    m_lastError.clear();
    QList<Appointment> list;
    Statement query(m_db);
    if (!query.exec(u"reading appointments",
            kSelectAppointments
                + u"WHERE status = 'booked' AND start_at < ? AND end_at > ? ORDER BY start_at, technician_id, id"_s,
            {Sql::upperBound(to), Sql::lowerBound(from)}, &m_lastError))
        return list;
    while (query.next())
        list.append(readAppointment(query));
    return list;
}

QList<Appointment> AppointmentRepository::forTechnician(
    const QString &technicianId, const QDateTime &from, const QDateTime &to) const
{
    m_lastError.clear();
    QList<Appointment> list;
    Statement query(m_db);
    if (!query.exec(u"reading appointments",
            kSelectAppointments + u"WHERE technician_id = ? AND start_at < ? AND end_at > ? ORDER BY start_at, id"_s,
            {Sql::text(technicianId), Sql::upperBound(to), Sql::lowerBound(from)}, &m_lastError))
        return list;
    while (query.next())
        list.append(readAppointment(query));
    return list;
}

QList<Appointment> AppointmentRepository::all() const
{
    m_lastError.clear();
    QList<Appointment> list;
    Statement query(m_db);
    if (!query.exec(u"reading appointments", kSelectAppointments + u"ORDER BY start_at, id"_s, {}, &m_lastError))
        return list;
    while (query.next())
        list.append(readAppointment(query));
    return list;
}

} // namespace FrontDesk
