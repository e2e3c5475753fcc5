#include "integrations/caldav/calendarsync.h"

#include "models/appointmentrepository.h"
#include "models/auditrepository.h"
#include "models/calendarlinkrepository.h"

#include <QSet>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace FrontDesk {

bool isOwn(const Appointment &a)
{
    return a.source == u"agent"_s || a.source == u"staff"_s;
}

namespace {

QString ownIdFromUid(const QString &uid)
{
    static const QString suffix = u"@frontdesk"_s;
    return uid.endsWith(suffix) ? uid.chopped(suffix.size()) : QString();
}

constexpr int kMultigetBatch = 50;

} // namespace

CalendarSync::CalendarSync(Database &db, CalDavCalendar &calendar, Clock &clock, QObject *parent)
    : QObject(parent)
    , m_db(db)
    , m_calendar(calendar)
    , m_clock(clock)
{
    qRegisterMetaType<FrontDesk::CalendarSyncReport>();
    m_timer.setInterval(30 * 1000);
    connect(&m_timer, &QTimer::timeout, this, &CalendarSync::tick);
}

void CalendarSync::setInterval(int seconds)
{
    m_timer.setInterval(qBound(5, seconds, 60) * 1000);
}

void CalendarSync::start()
{
    m_timer.start();
    syncNow();
}

void CalendarSync::stop()
{
    m_timer.stop();
}

void CalendarSync::tick()
{
    if (m_skipTicks > 0) {
        --m_skipTicks;
        return;
    }
    syncNow();
}

void CalendarSync::audit(const QString &action, const QString &subject, const QString &details)
{
    AuditEntry e;
    e.at = m_clock.now();
    e.actor = u"calendar"_s;
    e.action = action;
    e.subject = subject;
    e.details = details;
    AuditRepository(m_db).append(e);
}

CalendarSyncReport CalendarSync::syncNow()
{
    CalendarSyncReport report;
    if (m_running)
        return report; // a sync is already under way (a timer tick inside a nested event loop)
    m_running = true;
    m_calendar.retryNow(); // the sync always tries the server again
    push(report);
    if (report.ok) {
        const auto calendars = m_calendar.calendars();
        for (auto it = calendars.constBegin(); it != calendars.constEnd(); ++it) {
            if (!pull(it.key(), it.value(), report))
                break;
        }
    }
    m_running = false;
    if (!report.ok && !m_calendar.reachable()) {
        m_failures = qMin(m_failures + 1, 4);
        m_skipTicks = (1 << m_failures) / 2; // 1, 2, 4, 8 ticks
    } else {
        m_failures = 0;
        m_skipTicks = 0;
    }
    if (!report.ok)
        qCInfo(lcCalDav) << "calendar sync:" << report.error;
    emit synced(report);
    if (report.pushed || report.removed || report.moved || report.cancelled || report.imported || report.conflicts)
        emit appointmentsChanged();
    return report;
}

CalendarSyncReport CalendarSync::refresh()
{
    CalendarSyncReport report;
    if (m_running)
        return report;
    m_running = true;
    m_calendar.retryNow();
    const auto calendars = m_calendar.calendars();
    for (auto it = calendars.constBegin(); it != calendars.constEnd(); ++it) {
        if (!pull(it.key(), it.value(), report))
            break;
    }
    m_running = false;
    if (report.moved || report.cancelled || report.imported || report.conflicts)
        emit appointmentsChanged();
    return report;
}

void CalendarSync::push(CalendarSyncReport &report)
{
    CalendarLinkRepository links(m_db);
    AppointmentRepository appointments(m_db);
    const auto failed = [&] {
        report.ok = false;
        report.error = m_calendar.lastError();
    };

    for (const CalendarLink &link : links.withState(QString::fromLatin1(CalendarLinkState::PendingDelete))) {
        Appointment a;
        if (auto found = appointments.byId(link.appointmentId))
            a = *found;
        a.id = link.appointmentId;
        if (!m_calendar.remove(a)) {
            if (!m_calendar.reachable())
                return failed();
            continue;
        }
        ++report.removed;
    }
    for (const CalendarLink &link : links.withState(QString::fromLatin1(CalendarLinkState::PendingUpdate))) {
        const auto a = appointments.byId(link.appointmentId);
        if (!a || a->status != u"booked"_s) {
            links.remove(link.appointmentId);
            continue;
        }
        bool taken = false;
        if (m_calendar.update(*a, &taken)) {
            ++report.pushed;
        } else if (taken) {
            links.setState(a->id, QString::fromLatin1(CalendarLinkState::Conflict), m_calendar.lastError());
            ++report.conflicts;
        } else if (!m_calendar.reachable()) {
            return failed();
        }
    }
    for (const QString &id : links.unsyncedAppointments()) {
        auto a = appointments.byId(id);
        if (!a || !m_calendar.calendars().contains(a->technicianId))
            continue;
        bool conflict = false;
        QString with;
        const auto uid = m_calendar.push(*a, false, &conflict, &with);
        if (!uid) {
            if (!m_calendar.reachable())
                return failed();
            continue;
        }
        a->externalUid = *uid;
        a->synced = true;
        appointments.update(*a);
        ++report.pushed;
        if (conflict) {
            ++report.conflicts;
            audit(u"calendar_conflict"_s, a->id, u"booked while the calendar server was away; overlaps %1"_s.arg(with));
        }
    }
}

bool CalendarSync::pull(const QString &technicianId, const QUrl &calendar, CalendarSyncReport &report)
{
    CalendarLinkRepository links(m_db);
    const QString url = calendar.toString();
    CalDavClient &client = m_calendar.client();
    CalDavError error;
    const auto state = client.calendarState(calendar, &error);
    if (!state) {
        report.ok = false;
        report.error = error.message;
        return false;
    }
    const auto stored = links.collection(url);
    const QDateTime now = m_clock.now();
    // Once a day the window of imported instances moves on: expand every known event again.
    const bool newDay = !stored || !stored->syncedAt.isValid()
        || stored->syncedAt.toTimeZone(m_calendar.zone()).date() != now.toTimeZone(m_calendar.zone()).date();
    const QHash<QString, QString> known = links.resources(url);

    QStringList toFetch;
    QStringList removed;
    CalendarLinkRepository::Collection next {stored ? stored->syncToken : QString(), state->ctag, now};
    if (m_useSyncCollection && !state->syncToken.isEmpty()) {
        // RFC 6578: only what changed since our token.
        if (!stored || stored->syncToken != state->syncToken) {
            QString token = stored ? stored->syncToken : QString();
            auto changes = client.syncCollection(calendar, token, &error);
            if (!changes && error.kind == CalDavError::Kind::InvalidSyncToken) {
                token.clear();
                changes = client.syncCollection(calendar, token, &error);
            }
            if (!changes) {
                report.ok = false;
                report.error = error.message;
                return false;
            }
            QSet<QString> present;
            for (const CalDavObject &o : std::as_const(changes->changed)) {
                present.insert(o.href);
                if (known.value(o.href) != o.etag || o.etag.isEmpty())
                    toFetch << o.href;
            }
            removed = changes->removed;
            if (token.isEmpty()) {
                // A full listing: whatever we knew and it doesn't list is gone.
                for (auto it = known.constBegin(); it != known.constEnd(); ++it)
                    if (!present.contains(it.key()))
                        removed << it.key();
            }
            next.syncToken = changes->syncToken.isEmpty() ? state->syncToken : changes->syncToken;
        }
    } else if (!stored || state->ctag.isEmpty() || stored->ctag != state->ctag) {
        // No sync-collection: compare every resource's ETag with what we saw last time.
        const auto listing = client.etags(calendar, &error);
        if (!listing) {
            report.ok = false;
            report.error = error.message;
            return false;
        }
        QSet<QString> present;
        for (const CalDavObject &o : *listing) {
            present.insert(o.href);
            if (known.value(o.href) != o.etag || o.etag.isEmpty())
                toFetch << o.href;
        }
        for (auto it = known.constBegin(); it != known.constEnd(); ++it)
            if (!present.contains(it.key()))
                removed << it.key();
    }
    if (newDay) {
        for (auto it = known.constBegin(); it != known.constEnd(); ++it)
            if (!toFetch.contains(it.key()) && !removed.contains(it.key()))
                toFetch << it.key();
    }

    for (const QString &href : std::as_const(removed))
        applyRemoved(calendar, href, report);
    for (qsizetype i = 0; i < toFetch.size(); i += kMultigetBatch) {
        const auto objects = client.multiget(calendar, toFetch.mid(i, kMultigetBatch), &error);
        if (!objects) {
            report.ok = false;
            report.error = error.message;
            return false;
        }
        for (const CalDavObject &o : *objects)
            apply(technicianId, calendar, o, report);
    }
    const QDateTime from = now.addDays(-1);
    const QDateTime to = now.addDays(m_horizonDays + 2);
    markConflicts(technicianId, from, to, report);
    links.saveCollection(url, next);
    return true;
}

void CalendarSync::apply(
    const QString &technicianId, const QUrl &calendar, const CalDavObject &object, CalendarSyncReport &report)
{
    CalendarLinkRepository links(m_db);
    AppointmentRepository appointments(m_db);
    const QString url = calendar.toString();
    const QDateTime now = m_clock.now();
    const QStringList uids = IcsCodec::uids(object.data);
    const QString uid = uids.value(0);

    // FrontDesk's own event? By its link, else by the UID FrontDesk gave it.
    std::optional<Appointment> own;
    for (const CalendarLink &link : links.forHref(url, object.href)) {
        if (auto a = appointments.byId(link.appointmentId); a && isOwn(*a))
            own = a;
    }
    if (!own && !ownIdFromUid(uid).isEmpty()) {
        if (auto a = appointments.byId(ownIdFromUid(uid)); a && isOwn(*a))
            own = a;
    }

    Transaction tx(m_db);
    if (own) {
        QList<CalendarOccurrence> found;
        QString parseError;
        IcsCodec::occurrences(object.data, now.addDays(-400), now.addDays(800), m_calendar.zone(), &found, &parseError);
        CalendarLink link;
        link.appointmentId = own->id;
        link.calendarUrl = url;
        link.href = object.href;
        link.etag = object.etag;
        if (found.isEmpty()) {
            // Cancelled (STATUS:CANCELLED) on the server.
            if (own->status == u"booked"_s) {
                appointments.cancel(own->id);
                audit(u"calendar_cancelled"_s, own->id, u"cancelled in the shared calendar"_s);
                ++report.cancelled;
            }
            links.remove(own->id);
        } else {
            const CalendarOccurrence &o = found.constFirst();
            Appointment a = *own;
            const bool moved
                = a.start != o.start || a.end != o.end || a.technicianId != technicianId || a.status != u"booked"_s;
            if (moved) {
                a.start = o.start;
                a.end = o.end;
                a.technicianId = technicianId;
                a.status = u"booked"_s;
                a.synced = true;
                a.externalUid = uid;
                appointments.update(a);
                audit(u"calendar_moved"_s, a.id,
                    u"moved in the shared calendar to %1"_s.arg(
                        o.start.toTimeZone(m_calendar.zone()).toString(Qt::ISODate)));
                ++report.moved;
            }
            const auto previous = links.forAppointment(own->id);
            link.state = previous && previous->state == QLatin1String(CalendarLinkState::Conflict)
                ? QString::fromLatin1(CalendarLinkState::Conflict)
                : QString::fromLatin1(CalendarLinkState::Synced);
            link.note = previous ? previous->note : QString();
            link.updatedAt = now;
            links.save(link);
        }
    } else {
        // Someone else's event: its busy instances in the window become "calendar" appointments.
        links.deleteImported(url, object.href);
        QList<CalendarOccurrence> found;
        QString parseError;
        if (!IcsCodec::occurrences(
                object.data, now.addDays(-1), now.addDays(m_horizonDays + 2), m_calendar.zone(), &found, &parseError))
            qCWarning(lcCalDav) << "unreadable event" << object.href << parseError;
        for (const CalendarOccurrence &o : std::as_const(found)) {
            if (o.transparent)
                continue;
            Appointment a;
            a.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
            a.technicianId = technicianId;
            a.start = o.start;
            a.end = o.end;
            a.title = o.summary.isEmpty() ? u"Busy"_s : o.summary;
            a.source = u"calendar"_s;
            a.externalUid = o.uid;
            a.synced = true;
            a.createdAt = now;
            if (!appointments.insert(a)) {
                qCWarning(lcCalDav) << "calendar event not stored:" << appointments.lastError();
                continue;
            }
            CalendarLink link;
            link.appointmentId = a.id;
            link.calendarUrl = url;
            link.href = object.href;
            link.etag = object.etag;
            link.updatedAt = now;
            links.save(link);
            ++report.imported;
        }
    }
    links.saveResource(url, object.href, object.etag, uid);
    tx.commit();
}

void CalendarSync::applyRemoved(const QUrl &calendar, const QString &href, CalendarSyncReport &report)
{
    CalendarLinkRepository links(m_db);
    AppointmentRepository appointments(m_db);
    const QString url = calendar.toString();
    Transaction tx(m_db);
    for (const CalendarLink &link : links.forHref(url, href)) {
        const auto a = appointments.byId(link.appointmentId);
        if (a && isOwn(*a)) {
            if (link.state == QLatin1String(CalendarLinkState::PendingDelete)) {
                links.remove(a->id); // we deleted it ourselves
                continue;
            }
            if (a->status == u"booked"_s) {
                appointments.cancel(a->id);
                audit(u"calendar_cancelled"_s, a->id, u"deleted from the shared calendar"_s);
                ++report.cancelled;
            }
            links.remove(a->id);
        }
    }
    links.deleteImported(url, href);
    links.removeResource(url, href);
    tx.commit();
}

void CalendarSync::markConflicts(
    const QString &technicianId, const QDateTime &from, const QDateTime &to, CalendarSyncReport &report)
{
    CalendarLinkRepository links(m_db);
    AppointmentRepository appointments(m_db);
    QList<Appointment> list = appointments.forTechnician(technicianId, from, to);
    list.removeIf([](const Appointment &a) { return a.status != u"booked"_s; });
    for (const Appointment &a : std::as_const(list)) {
        if (!isOwn(a))
            continue;
        const auto link = links.forAppointment(a.id);
        if (!link
            || (link->state != QLatin1String(CalendarLinkState::Synced)
                && link->state != QLatin1String(CalendarLinkState::Conflict)))
            continue;
        QString with;
        for (const Appointment &b : std::as_const(list)) {
            if (b.id != a.id && b.start < a.end && a.start < b.end) {
                with = b.title;
                break;
            }
        }
        const bool conflict = !with.isEmpty();
        const bool wasConflict = link->state == QLatin1String(CalendarLinkState::Conflict);
        if (conflict && !wasConflict) {
            links.setState(a.id, QString::fromLatin1(CalendarLinkState::Conflict), u"overlaps %1"_s.arg(with));
            audit(u"calendar_conflict"_s, a.id, u"overlaps %1 in the shared calendar"_s.arg(with));
            ++report.conflicts;
        } else if (!conflict && wasConflict) {
            links.setState(a.id, QString::fromLatin1(CalendarLinkState::Synced));
        }
    }
}

} // namespace FrontDesk
