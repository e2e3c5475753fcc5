#include "integrations/caldav/calendarwriter.h"

#include "integrations/caldav/calendarsync.h"
#include "models/appointmentrepository.h"
#include "models/auditrepository.h"
#include "models/calendarlinkrepository.h"

using namespace Qt::StringLiterals;

namespace FrontDesk {

CalendarWriter::CalendarWriter(Database &db, CalDavCalendar &calendar)
    : m_db(db)
    , m_calendar(calendar)
{
}

int CalendarWriter::retryDelaySec(int attempts)
{
    return qMin(300, 5 << qBound(0, attempts, 6)); // 5, 10, 20, … 300 s
}

CalendarWriteReport CalendarWriter::runDue(const QDateTime &now)
{
    CalendarWriteReport report;
    if (m_awayUntil.isValid() && now < m_awayUntil)
        return report; // the server was away: one wait per pause, not one per queued write
    CalendarOutboxRepository outbox(m_db);
    m_calendar.retryNow(); // the worker decides when to try again, not the provider's own pause
    for (const CalendarWrite &write : outbox.due(now)) {
        QString error;
        if (carryOut(write, report, &error)) {
            if (!outbox.done(write))
                qCWarning(lcCalDav) << "calendar write done, not recorded:" << outbox.lastError();
            continue;
        }
        ++report.postponed;
        outbox.retryLater(write, now.addSecs(retryDelaySec(write.attempts)), error);
        if (!m_calendar.reachable()) {
            m_awayUntil = now.addSecs(retryDelaySec(m_awayCount++));
            return report; // the others would wait on the same dead server
        }
    }
    m_awayCount = 0;
    m_awayUntil = QDateTime();
    return report;
}

bool CalendarWriter::carryOut(const CalendarWrite &write, CalendarWriteReport &report, QString *error)
{
    AppointmentRepository appointments(m_db);
    auto found = appointments.byId(write.appointmentId);
    if (write.op == QLatin1String(CalendarWriteOp::Delete)) {
        Appointment a = found.value_or(Appointment());
        a.id = write.appointmentId;
        if (!m_calendar.remove(a)) {
            *error = m_calendar.lastError();
            return false;
        }
        ++report.written;
        return true;
    }
    if (!found || found->status != u"booked"_s || !isOwn(*found))
        return true; // cancelled meanwhile (its delete follows) or not ours to write
    if (!m_calendar.calendars().contains(found->technicianId)) {
        return true; // no calendar for this technician: nothing to write
    }
    const bool onServer = CalendarLinkRepository(m_db).forAppointment(found->id).has_value();
    if (write.op == QLatin1String(CalendarWriteOp::Update) && onServer) {
        bool taken = false;
        if (m_calendar.update(*found, &taken)) {
            ++report.written;
            return markSynced(found->id, found->externalUid, error);
        }
        if (taken) {
            // A move onto a time taken on the server: kept here, marked for a person to settle.
            CalendarLinkRepository(m_db).setState(
                found->id, QString::fromLatin1(CalendarLinkState::Conflict), m_calendar.lastError());
            ++report.conflicts;
            return true;
        }
        *error = m_calendar.lastError();
        return false;
    }
    // A create (or the move of an event not on the server yet): written under the appointment's UID.
    bool conflict = false;
    QString with;
    const auto uid = m_calendar.push(*found, true, &conflict, &with);
    if (conflict) {
        ++report.conflicts;
        AuditEntry e;
        e.at = QDateTime::currentDateTimeUtc();
        e.actor = u"calendar"_s;
        e.action = u"calendar_taken"_s;
        e.subject = found->id;
        e.details = u"the time was taken on the shared calendar (%1)"_s.arg(with);
        AuditRepository(m_db).append(e);
        if (m_refresh)
            m_refresh();
        if (m_onConflict)
            m_onConflict(found->id, with);
        return true;
    }
    if (!uid) {
        *error = m_calendar.lastError();
        return false;
    }
    if (!markSynced(found->id, *uid, error))
        return false; // tried again: the next push finds its event by UID
    ++report.written;
    return true;
}

bool CalendarWriter::markSynced(const QString &appointmentId, const QString &uid, QString *error)
{
    AppointmentRepository appointments(m_db);
    Transaction tx(m_db);
    if (auto stored = appointments.byId(appointmentId)) {
        if (!uid.isEmpty())
            stored->externalUid = uid;
        stored->synced = true;
        appointments.update(*stored);
    }
    if (!tx.commit()) {
        *error = m_db.lastError();
        return false;
    }
    return true;
}

} // namespace FrontDesk
