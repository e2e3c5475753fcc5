#include "integrations/caldav/caldavcalendar.h"

#include "models/appointmentrepository.h"
#include "models/calendarlinkrepository.h"

using namespace Qt::StringLiterals;

namespace FrontDesk {

CalDavCalendar::CalDavCalendar(
    Database &db, CalDavClient &client, const QHash<QString, QUrl> &calendarsByTechnician, const QTimeZone &zone)
    : m_db(db)
    , m_client(client)
    , m_calendars(calendarsByTechnician)
    , m_zone(zone)
{
}

QUrl CalDavCalendar::resourceFor(const QUrl &calendar, const QString &uid)
{
    QUrl base = calendar;
    if (!base.path().endsWith(u'/'))
        base.setPath(base.path() + u'/');
    QString name = uid;
    name.replace(u'/', u'_');
    return base.resolved(QUrl(QString::fromLatin1(QUrl::toPercentEncoding(name + u".ics"_s, "@"))));
}

bool CalDavCalendar::noteFailure(const CalDavError &error)
{
    m_lastError = error.message;
    if (error.kind == CalDavError::Kind::Unreachable) {
        m_reachable = false;
        m_retryAt = QDateTime::currentDateTimeUtc().addSecs(m_retryAfterSec);
    }
    return false;
}

bool CalDavCalendar::waitingToRetry()
{
    if (!m_retryAt.isValid() || QDateTime::currentDateTimeUtc() >= m_retryAt)
        return false;
    m_reachable = false;
    if (!m_lastError.contains(u"trying again"_s))
        m_lastError += u" (trying again at %1 UTC)"_s.arg(m_retryAt.toString(u"HH:mm:ss"_s));
    return true;
}

std::optional<QList<CalendarOccurrence>> CalDavCalendar::occurrences(
    const QUrl &calendar, const QDateTime &from, const QDateTime &to, const QString &exceptUid)
{
    CalDavError error;
    const auto objects = m_client.query(calendar, from, to, &error);
    if (!objects) {
        noteFailure(error);
        return std::nullopt;
    }
    m_reachable = true;
    m_retryAt = QDateTime();
    QList<CalendarOccurrence> list;
    for (const CalDavObject &o : *objects) {
        QList<CalendarOccurrence> found;
        QString parseError;
        if (!IcsCodec::occurrences(o.data, from, to, m_zone, &found, &parseError)) {
            qCWarning(lcCalDav) << "skipping unreadable event" << o.href << parseError;
            continue;
        }
        for (const CalendarOccurrence &occurrence : std::as_const(found)) {
            if (occurrence.transparent || (!exceptUid.isEmpty() && occurrence.uid == exceptUid))
                continue;
            list.append(occurrence);
        }
    }
    m_lastError.clear();
    return list;
}

std::optional<QList<BusyInterval>> CalDavCalendar::busy(const QDateTime &from, const QDateTime &to)
{
    if (waitingToRetry())
        return std::nullopt;
    QList<BusyInterval> busy;
    for (auto it = m_calendars.constBegin(); it != m_calendars.constEnd(); ++it) {
        const auto list = occurrences(it.value(), from, to);
        if (!list)
            return std::nullopt;
        for (const CalendarOccurrence &o : *list)
            busy.append({it.key(), o.start, o.end});
    }
    return busy;
}

std::optional<QString> CalDavCalendar::push(
    const Appointment &appointment, bool withdrawOnConflict, bool *conflict, QString *conflictWith)
{
    *conflict = false;
    const QUrl calendar = m_calendars.value(appointment.technicianId);
    const QString uid = appointment.externalUid.isEmpty() ? IcsCodec::uidFor(appointment) : appointment.externalUid;
    const QUrl resource = resourceFor(calendar, uid);
    const QByteArray ics = IcsCodec::eventFor(appointment, uid, appointment.createdAt);
    CalDavError error;
    std::optional<QString> etag = m_client.put(resource, ics, {}, &error);
    if (!etag && error.kind == CalDavError::Kind::PreconditionFailed) {
        // Something is at that name already: our own event from a push whose answer was lost, or not.
        CalDavError getError;
        const auto existing = m_client.get(resource, &getError);
        if (!existing) {
            noteFailure(getError);
            return std::nullopt;
        }
        if (!IcsCodec::uids(existing->data).contains(uid)) {
            *conflict = true;
            if (conflictWith)
                *conflictWith = u"another event has the same name on the server"_s;
            m_lastError = error.message;
            return std::nullopt;
        }
        // Ours: bring it to the appointment's current times.
        etag = m_client.put(resource, ics, existing->etag, &error);
    }
    if (!etag) {
        noteFailure(error);
        return std::nullopt;
    }
    m_reachable = true;
    if (etag->isEmpty()) {
        // Some servers send no ETag on PUT (the body may have been changed): read it.
        if (const auto again = m_client.get(resource, &error))
            etag = again->etag;
    }

    // The second check: did another busy event take this time between our check and our write?
    const qint64 buffer = qint64(m_bufferMin) * 60;
    const auto others = occurrences(calendar, appointment.start.addSecs(-buffer), appointment.end.addSecs(buffer), uid);
    if (others && !others->isEmpty()) {
        *conflict = true;
        if (conflictWith)
            *conflictWith = others->constFirst().summary.isEmpty() ? u"a busy event"_s : others->constFirst().summary;
        if (withdrawOnConflict) {
            CalDavError removeError;
            if (!m_client.remove(resource, *etag, &removeError))
                qCWarning(lcCalDav) << "could not withdraw a conflicting booking:" << removeError.message;
            return std::nullopt;
        }
    }
    CalendarLinkRepository links(m_db);
    CalendarLink link;
    link.appointmentId = appointment.id;
    link.calendarUrl = calendar.toString();
    link.href = resource.path(QUrl::FullyEncoded);
    link.etag = *etag;
    link.state = QString::fromLatin1(*conflict ? CalendarLinkState::Conflict : CalendarLinkState::Synced);
    if (*conflict && conflictWith)
        link.note = u"overlaps %1 on the server"_s.arg(*conflictWith);
    if (!links.save(link))
        qCWarning(lcCalDav) << "calendar link not stored:" << links.lastError();
    m_lastError.clear();
    return uid;
}

std::optional<QString> CalDavCalendar::create(const Appointment &appointment, bool *slotTaken)
{
    if (slotTaken)
        *slotTaken = false;
    if (!m_calendars.contains(appointment.technicianId))
        return QString(); // no calendar for this technician: nothing to write
    if (waitingToRetry())
        return std::nullopt; // kept unsynced; the sync pushes it
    bool conflict = false;
    QString with;
    auto uid = push(appointment, true, &conflict, &with);
    if (conflict) {
        if (slotTaken)
            *slotTaken = true;
        m_lastError = u"the slot was taken on the server meanwhile (%1)"_s.arg(with);
        qCInfo(lcCalDav) << m_lastError;
        return std::nullopt;
    }
    return uid;
}

bool CalDavCalendar::remove(const Appointment &appointment)
{
    CalendarLinkRepository links(m_db);
    const auto link = links.forAppointment(appointment.id);
    if (!link)
        return true; // never reached the server: nothing to remove there
    if (waitingToRetry()) {
        links.setState(appointment.id, QString::fromLatin1(CalendarLinkState::PendingDelete), m_lastError);
        return false;
    }
    const QUrl resource = QUrl(link->calendarUrl).resolved(QUrl(link->href)); // the href is a path on its host
    CalDavError error;
    bool removed = m_client.remove(resource, link->etag, &error);
    if (!removed && error.kind == CalDavError::Kind::PreconditionFailed) {
        // Someone edited it meanwhile; the cancellation still wins.
        if (const auto fresh = m_client.get(resource, &error))
            removed = m_client.remove(resource, fresh->etag, &error);
        else
            removed = error.kind == CalDavError::Kind::NotFound;
    }
    if (!removed) {
        noteFailure(error);
        links.setState(appointment.id, QString::fromLatin1(CalendarLinkState::PendingDelete), error.message);
        return false;
    }
    m_reachable = true;
    m_lastError.clear();
    links.remove(appointment.id);
    return true;
}

bool CalDavCalendar::update(const Appointment &appointment, bool *slotTaken)
{
    if (slotTaken)
        *slotTaken = false;
    CalendarLinkRepository links(m_db);
    const auto link = links.forAppointment(appointment.id);
    const QUrl calendar = m_calendars.value(appointment.technicianId);
    if (!calendar.isValid())
        return true; // no calendar for this technician
    if (link && link->calendarUrl == calendar.toString() && waitingToRetry()) {
        links.setState(appointment.id, QString::fromLatin1(CalendarLinkState::PendingUpdate), m_lastError);
        return false;
    }
    if (!link || link->calendarUrl != calendar.toString()) {
        // Not on the server yet, or moved to another technician's calendar: write it there anew.
        if (link && !remove(appointment)) {
            // The old event's removal waits for the next sync under a key of its own, and the
            // appointment goes back to unsynced so that the sync writes it to the new calendar.
            if (auto pending = links.forAppointment(appointment.id)) {
                pending->appointmentId
                    = appointment.id + u"#moved-"_s + QString::number(QDateTime::currentMSecsSinceEpoch());
                links.save(*pending);
                links.remove(appointment.id);
            }
            AppointmentRepository appointments(m_db);
            if (auto stored = appointments.byId(appointment.id)) {
                stored->synced = false;
                appointments.update(*stored);
            }
            return false;
        }
        bool conflict = false;
        QString with;
        Appointment fresh = appointment;
        if (link)
            fresh.externalUid.clear();
        const auto uid = push(fresh, true, &conflict, &with);
        if (conflict && slotTaken)
            *slotTaken = true;
        return uid.has_value() && !conflict;
    }
    // Is the new time free on the server (our own event aside)?
    const QString uid = appointment.externalUid.isEmpty() ? IcsCodec::uidFor(appointment) : appointment.externalUid;
    const qint64 buffer = qint64(m_bufferMin) * 60;
    const auto others = occurrences(calendar, appointment.start.addSecs(-buffer), appointment.end.addSecs(buffer), uid);
    if (!others) {
        links.setState(appointment.id, QString::fromLatin1(CalendarLinkState::PendingUpdate), m_lastError);
        return false;
    }
    if (!others->isEmpty()) {
        if (slotTaken)
            *slotTaken = true;
        m_lastError = u"the new time overlaps %1 on the server"_s.arg(others->constFirst().summary);
        return false;
    }
    const QUrl resource = QUrl(link->calendarUrl).resolved(QUrl(link->href)); // the href is a path on its host
    CalDavError error;
    const auto etag
        = m_client.put(resource, IcsCodec::eventFor(appointment, uid, appointment.createdAt), link->etag, &error);
    if (!etag) {
        noteFailure(error);
        const bool changed = error.kind == CalDavError::Kind::PreconditionFailed;
        links.setState(appointment.id,
            QString::fromLatin1(changed ? CalendarLinkState::Conflict : CalendarLinkState::PendingUpdate),
            changed ? u"changed on the server while it was moved here"_s : error.message);
        return false;
    }
    CalendarLink updated = *link;
    updated.etag = *etag;
    if (updated.etag.isEmpty()) {
        if (const auto again = m_client.get(resource, &error))
            updated.etag = again->etag;
    }
    updated.state = QString::fromLatin1(CalendarLinkState::Synced);
    updated.note.clear();
    links.save(updated);
    m_lastError.clear();
    return true;
}

} // namespace FrontDesk
