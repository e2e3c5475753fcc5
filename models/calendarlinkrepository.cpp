#include "models/calendarlinkrepository.h"

#include "models/sqlsupport.h"

using namespace Qt::StringLiterals;

namespace FrontDesk {

namespace {

const QString kSelectLinks
    = u"SELECT appointment_id, calendar_url, href, etag, state, note, updated_at FROM calendar_links "_s;

CalendarLink readLink(const Statement &q)
{
    CalendarLink l;
    l.appointmentId = q.value(0).toString();
    l.calendarUrl = q.value(1).toString();
    l.href = q.value(2).toString();
    l.etag = q.value(3).toString();
    l.state = q.value(4).toString();
    l.note = q.value(5).toString();
    l.updatedAt = Sql::toTime(q.value(6));
    return l;
}

} // namespace

bool CalendarLinkRepository::save(const CalendarLink &link)
{
    m_lastError.clear();
    Statement query(m_db);
    return query.exec(u"saving a calendar link",
        u"INSERT INTO calendar_links (appointment_id, calendar_url, href, etag, state, note, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (appointment_id) DO UPDATE SET calendar_url = excluded.calendar_url, "
        "href = excluded.href, etag = excluded.etag, state = excluded.state, note = excluded.note, "
        "updated_at = excluded.updated_at"_s,
        {link.appointmentId, Sql::text(link.calendarUrl), Sql::text(link.href), Sql::text(link.etag),
            Sql::text(link.state), Sql::text(link.note),
            Sql::time(link.updatedAt.isValid() ? link.updatedAt : QDateTime::currentDateTimeUtc())},
        &m_lastError);
}

bool CalendarLinkRepository::remove(const QString &appointmentId)
{
    m_lastError.clear();
    Statement query(m_db);
    return query.exec(u"removing a calendar link", u"DELETE FROM calendar_links WHERE appointment_id = ?"_s,
        {appointmentId}, &m_lastError);
}

std::optional<CalendarLink> CalendarLinkRepository::forAppointment(const QString &appointmentId) const
{
    m_lastError.clear();
    Statement query(m_db);
    if (!query.exec(
            u"reading a calendar link", kSelectLinks + u"WHERE appointment_id = ?"_s, {appointmentId}, &m_lastError)
        || !query.next())
        return std::nullopt;
    return readLink(query);
}

QList<CalendarLink> CalendarLinkRepository::forHref(const QString &calendarUrl, const QString &href) const
{
    m_lastError.clear();
    QList<CalendarLink> list;
    Statement query(m_db);
    if (!query.exec(u"reading calendar links", kSelectLinks + u"WHERE calendar_url = ? AND href = ?"_s,
            {calendarUrl, href}, &m_lastError))
        return list;
    while (query.next())
        list.append(readLink(query));
    return list;
}

QList<CalendarLink> CalendarLinkRepository::withState(const QString &state) const
{
    m_lastError.clear();
    QList<CalendarLink> list;
    Statement query(m_db);
    if (!query.exec(
            u"reading calendar links", kSelectLinks + u"WHERE state = ? ORDER BY updated_at"_s, {state}, &m_lastError))
        return list;
    while (query.next())
        list.append(readLink(query));
    return list;
}

bool CalendarLinkRepository::setState(const QString &appointmentId, const QString &state, const QString &note)
{
    m_lastError.clear();
    Statement query(m_db);
    return query.exec(u"marking a calendar link",
        u"UPDATE calendar_links SET state = ?, note = ?, updated_at = ? WHERE appointment_id = ?"_s,
        {state, Sql::text(note), Sql::time(QDateTime::currentDateTimeUtc()), appointmentId}, &m_lastError);
}

QHash<QString, QString> CalendarLinkRepository::states(const QStringList &appointmentIds) const
{
    m_lastError.clear();
    QHash<QString, QString> out;
    Statement query(m_db);
    // One statement per id keeps the SQL constant (prepared once); the pane asks for a day or a week.
    for (const QString &id : appointmentIds) {
        if (!query.exec(u"reading a calendar link", u"SELECT state FROM calendar_links WHERE appointment_id = ?"_s,
                {id}, &m_lastError))
            return out;
        if (query.next())
            out.insert(id, query.value(0).toString());
        query.finish();
    }
    return out;
}

QHash<QString, QString> CalendarLinkRepository::resources(const QString &calendarUrl) const
{
    m_lastError.clear();
    QHash<QString, QString> out;
    Statement query(m_db);
    if (!query.exec(u"reading calendar resources",
            u"SELECT href, etag FROM calendar_resources WHERE calendar_url = ?"_s, {calendarUrl}, &m_lastError))
        return out;
    while (query.next())
        out.insert(query.value(0).toString(), query.value(1).toString());
    return out;
}

bool CalendarLinkRepository::saveResource(
    const QString &calendarUrl, const QString &href, const QString &etag, const QString &uid)
{
    m_lastError.clear();
    Statement query(m_db);
    return query.exec(u"saving a calendar resource",
        u"INSERT INTO calendar_resources (calendar_url, href, etag, uid) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (calendar_url, href) DO UPDATE SET etag = excluded.etag, uid = excluded.uid"_s,
        {calendarUrl, href, Sql::text(etag), Sql::text(uid)}, &m_lastError);
}

bool CalendarLinkRepository::removeResource(const QString &calendarUrl, const QString &href)
{
    m_lastError.clear();
    Statement query(m_db);
    return query.exec(u"removing a calendar resource",
        u"DELETE FROM calendar_resources WHERE calendar_url = ? AND href = ?"_s, {calendarUrl, href}, &m_lastError);
}

QStringList CalendarLinkRepository::unsyncedAppointments() const
{
    m_lastError.clear();
    QStringList ids;
    Statement query(m_db);
    if (!query.exec(u"reading unsynced appointments",
            u"SELECT id FROM appointments WHERE synced = 0 AND status = 'booked' AND source IN ('agent', 'staff') "
            "AND id NOT IN (SELECT appointment_id FROM calendar_outbox) "
            "ORDER BY start_at"_s,
            {}, &m_lastError))
        return ids;
    while (query.next())
        ids << query.value(0).toString();
    return ids;
}

bool CalendarLinkRepository::deleteImported(const QString &calendarUrl, const QString &href)
{
    m_lastError.clear();
    Transaction tx(m_db);
    Statement query(m_db);
    if (!query.exec(u"removing imported calendar events",
            u"DELETE FROM appointments WHERE source = 'calendar' AND id IN "
            "(SELECT appointment_id FROM calendar_links WHERE calendar_url = ? AND href = ?)"_s,
            {calendarUrl, href}, &m_lastError))
        return false;
    if (!query.exec(u"removing imported calendar events",
            u"DELETE FROM calendar_links WHERE calendar_url = ? AND href = ? AND appointment_id NOT IN "
            "(SELECT id FROM appointments)"_s,
            {calendarUrl, href}, &m_lastError))
        return false;
    return tx.commit();
}

bool CalendarLinkRepository::deleteImportedUids(const QString &technicianId, const QStringList &uids)
{
    m_lastError.clear();
    Statement query(m_db);
    for (const QString &uid : uids) {
        if (!query.exec(u"replacing imported events",
                u"DELETE FROM appointments WHERE source = 'import' AND technician_id = ? AND external_uid = ?"_s,
                {technicianId, uid}, &m_lastError))
            return false;
    }
    return true;
}

std::optional<CalendarLinkRepository::Collection> CalendarLinkRepository::collection(const QString &calendarUrl) const
{
    m_lastError.clear();
    Statement query(m_db);
    if (!query.exec(u"reading a calendar's sync state",
            u"SELECT sync_token, ctag, synced_at FROM calendar_collections WHERE calendar_url = ?"_s, {calendarUrl},
            &m_lastError)
        || !query.next())
        return std::nullopt;
    return Collection {query.value(0).toString(), query.value(1).toString(), Sql::toTime(query.value(2))};
}

bool CalendarLinkRepository::saveCollection(const QString &calendarUrl, const Collection &state)
{
    m_lastError.clear();
    Statement query(m_db);
    return query.exec(u"saving a calendar's sync state",
        u"INSERT INTO calendar_collections (calendar_url, sync_token, ctag, synced_at) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (calendar_url) DO UPDATE SET sync_token = excluded.sync_token, ctag = excluded.ctag, "
        "synced_at = excluded.synced_at"_s,
        {calendarUrl, Sql::text(state.syncToken), Sql::text(state.ctag), Sql::time(state.syncedAt)}, &m_lastError);
}

} // namespace FrontDesk
