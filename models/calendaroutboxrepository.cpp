#include "models/calendaroutboxrepository.h"

#include "models/sqlsupport.h"

using namespace Qt::StringLiterals;

namespace FrontDesk {

namespace {

const QString kSelectWrites = u"SELECT appointment_id, op, version, attempts, next_attempt_at, last_error, created_at "
                              "FROM calendar_outbox "_s;

CalendarWrite readWrite(const Statement &q)
{
    CalendarWrite w;
    w.appointmentId = q.value(0).toString();
    w.op = q.value(1).toString();
    w.version = q.value(2).toInt();
    w.attempts = q.value(3).toInt();
    w.nextAttemptAt = Sql::toTime(q.value(4));
    w.lastError = q.value(5).toString();
    w.createdAt = Sql::toTime(q.value(6));
    return w;
}

} // namespace

bool CalendarOutboxRepository::enqueue(const QString &appointmentId, const QString &op, const QDateTime &at)
{
    m_lastError.clear();
    Statement query(m_db);
    return query.exec(u"queueing a calendar write",
        u"INSERT INTO calendar_outbox (appointment_id, op, version, attempts, next_attempt_at, last_error, created_at) "
        "VALUES (?, ?, 1, 0, NULL, '', ?) ON CONFLICT (appointment_id) DO UPDATE SET "
        "op = CASE WHEN calendar_outbox.op = 'create' AND excluded.op = 'update' THEN 'create' ELSE excluded.op END, "
        "version = calendar_outbox.version + 1, attempts = 0, next_attempt_at = NULL, last_error = ''"_s,
        {appointmentId, op, Sql::time(at.isValid() ? at : QDateTime::currentDateTimeUtc())}, &m_lastError);
}

QList<CalendarWrite> CalendarOutboxRepository::due(const QDateTime &now, int limit) const
{
    m_lastError.clear();
    QList<CalendarWrite> list;
    Statement query(m_db);
    if (!query.exec(u"reading due calendar writes",
            kSelectWrites
                + u"WHERE next_attempt_at IS NULL OR next_attempt_at <= ? ORDER BY created_at, appointment_id LIMIT ?"_s,
            {Sql::time(now), limit}, &m_lastError))
        return list;
    while (query.next())
        list.append(readWrite(query));
    return list;
}

std::optional<CalendarWrite> CalendarOutboxRepository::forAppointment(const QString &appointmentId) const
{
    m_lastError.clear();
    Statement query(m_db);
    if (!query.exec(
            u"reading a calendar write", kSelectWrites + u"WHERE appointment_id = ?"_s, {appointmentId}, &m_lastError)
        || !query.next())
        return std::nullopt;
    return readWrite(query);
}

bool CalendarOutboxRepository::done(const CalendarWrite &write)
{
    m_lastError.clear();
    Statement query(m_db);
    return query.exec(u"finishing a calendar write",
        u"DELETE FROM calendar_outbox WHERE appointment_id = ? AND version = ?"_s, {write.appointmentId, write.version},
        &m_lastError);
}

bool CalendarOutboxRepository::retryLater(const CalendarWrite &write, const QDateTime &next, const QString &error)
{
    m_lastError.clear();
    Statement query(m_db);
    return query.exec(u"postponing a calendar write",
        u"UPDATE calendar_outbox SET attempts = attempts + 1, next_attempt_at = ?, last_error = ? "
        "WHERE appointment_id = ? AND version = ?"_s,
        {Sql::time(next), Sql::text(error), write.appointmentId, write.version}, &m_lastError);
}

int CalendarOutboxRepository::pendingCount() const
{
    m_lastError.clear();
    Statement query(m_db);
    if (!query.exec(u"counting calendar writes", u"SELECT COUNT(*) FROM calendar_outbox"_s, {}, &m_lastError)
        || !query.next())
        return -1;
    return query.value(0).toInt();
}

bool CalendarOutboxRepository::hasPending(const QString &appointmentId) const
{
    return forAppointment(appointmentId).has_value();
}

} // namespace FrontDesk
