#include "integrations/caldav/icscodec.h"

#include <QHash>
#include <QSet>
#include <algorithm>
#include <libical/ical.h>
#include <memory>

using namespace Qt::StringLiterals;

namespace FrontDesk {

namespace {

struct ComponentDeleter
{
    void operator()(icalcomponent *c) const { icalcomponent_free(c); }
};
using ComponentPtr = std::unique_ptr<icalcomponent, ComponentDeleter>;

icaltimetype toIcalUtc(const QDateTime &t)
{
    return icaltime_from_timet_with_zone(time_t(t.toSecsSinceEpoch()), 0, icaltimezone_get_utc_timezone());
}

// libical turns floating times and dates into seconds as if they were UTC; read that wall-clock
// reading again in the business's zone.
QDateTime fromSpanTime(time_t t, bool wallClock, const QTimeZone &zone)
{
    const QDateTime utc = QDateTime::fromSecsSinceEpoch(qint64(t), Qt::UTC);
    if (!wallClock)
        return utc;
    return QDateTime(utc.date(), utc.time(), zone).toUTC();
}

struct Collector
{
    QList<icaltime_span> spans;
};

void collect(icalcomponent *, icaltime_span *span, void *data)
{
    static_cast<Collector *>(data)->spans.append(*span);
}

bool isTransparent(icalcomponent *event)
{
    icalproperty *p = icalcomponent_get_first_property(event, ICAL_TRANSP_PROPERTY);
    if (!p)
        return false;
    const icalproperty_transp t = icalproperty_get_transp(p);
    return t == ICAL_TRANSP_TRANSPARENT || t == ICAL_TRANSP_TRANSPARENTNOCONFLICT;
}

bool isCancelled(icalcomponent *event)
{
    return icalcomponent_get_first_property(event, ICAL_STATUS_PROPERTY)
        && icalcomponent_get_status(event) == ICAL_STATUS_CANCELLED;
}

bool hasRecurrence(icalcomponent *event)
{
    return icalcomponent_get_first_property(event, ICAL_RRULE_PROPERTY)
        || icalcomponent_get_first_property(event, ICAL_RDATE_PROPERTY);
}

QString text(const char *s)
{
    return s ? QString::fromUtf8(s) : QString();
}

// Seconds of an instance's identity (its RECURRENCE-ID or the master's occurrence start).
qint64 instanceKey(icaltimetype t, const QTimeZone &zone)
{
    const bool wall = icaltime_is_date(t) || (!icaltime_is_utc(t) && !t.zone);
    const time_t secs = icaltime_as_timet_with_zone(t, wall ? icaltimezone_get_utc_timezone() : t.zone);
    return fromSpanTime(secs, wall, zone).toSecsSinceEpoch();
}

void addEvent(icalcomponent *event, icaltimetype from, icaltimetype to, const QTimeZone &zone,
    const QSet<qint64> &overridden, QList<CalendarOccurrence> *out)
{
    const icaltimetype dtstart = icalcomponent_get_dtstart(event);
    if (icaltime_is_null_time(dtstart))
        return;
    const bool allDay = icaltime_is_date(dtstart);
    const bool wall = allDay || (!icaltime_is_utc(dtstart) && !dtstart.zone);
    Collector c;
    // Widen the window by a day each side: a floating or all-day instance is read as UTC by libical.
    icaltimetype wideFrom = icaltime_add(from, icaldurationtype_from_int(-2 * 86400));
    icaltimetype wideTo = icaltime_add(to, icaldurationtype_from_int(2 * 86400));
    icalcomponent_foreach_recurrence(event, wideFrom, wideTo, &collect, &c);
    const bool recurring = hasRecurrence(event);
    qint64 allDayLength = 1;
    if (allDay) {
        const icaltimetype dtend = icalcomponent_get_dtend(event);
        if (!icaltime_is_null_time(dtend)) {
            const QDate a(dtstart.year, dtstart.month, dtstart.day);
            const QDate b(dtend.year, dtend.month, dtend.day);
            allDayLength = qMax<qint64>(1, a.daysTo(b));
        }
    }
    const QString uid = text(icalcomponent_get_uid(event));
    const QString summary = text(icalcomponent_get_summary(event));
    const QString description = text(icalcomponent_get_description(event));
    const bool transparent = isTransparent(event);
    for (const icaltime_span &span : std::as_const(c.spans)) {
        CalendarOccurrence o;
        o.uid = uid;
        o.summary = summary;
        o.description = description;
        o.allDay = allDay;
        o.transparent = transparent;
        o.recurring = recurring;
        o.start = fromSpanTime(span.start, wall, zone);
        if (allDay) {
            // An all-day event lasts whole local days: as many as DTEND (exclusive) is after DTSTART.
            const QDate startDay = QDateTime::fromSecsSinceEpoch(qint64(span.start), Qt::UTC).date();
            o.start = QDateTime(startDay, QTime(0, 0), zone).toUTC();
            o.end = QDateTime(startDay.addDays(allDayLength), QTime(0, 0), zone).toUTC();
        } else {
            o.end = fromSpanTime(span.end, wall, zone);
        }
        if (o.end <= o.start)
            continue;
        if (recurring && overridden.contains(o.start.toSecsSinceEpoch()))
            continue; // this instance was moved or cancelled: its override says where it is
        out->append(o);
    }
}

void addSummary(icalcomponent *event, const Appointment &a, const QDateTime &stamp, const QString &uid)
{
    icalcomponent_set_uid(event, uid.toUtf8().constData());
    icalcomponent_add_property(
        event, icalproperty_new_dtstamp(toIcalUtc(stamp.isValid() ? stamp : QDateTime::currentDateTimeUtc())));
    icalcomponent_set_dtstart(event, toIcalUtc(a.start));
    icalcomponent_set_dtend(event, toIcalUtc(a.end));
    const QString summary = a.title.isEmpty() ? a.serviceId : a.title;
    icalcomponent_set_summary(event, summary.toUtf8().constData());
    QStringList details;
    if (!a.phone.isEmpty())
        details << u"Phone: "_s + a.phone;
    if (!a.serviceId.isEmpty())
        details << u"Service: "_s + a.serviceId;
    details << u"Booked by FrontDesk ("_s + a.source + u')';
    icalcomponent_set_description(event, details.join(u'\n').toUtf8().constData());
    icalcomponent_add_property(event, icalproperty_new_transp(ICAL_TRANSP_OPAQUE));
    icalproperty *tech = icalproperty_new_x(a.technicianId.toUtf8().constData());
    icalproperty_set_x_name(tech, "X-FRONTDESK-TECHNICIAN");
    icalcomponent_add_property(event, tech);
    icalproperty *id = icalproperty_new_x(a.id.toUtf8().constData());
    icalproperty_set_x_name(id, "X-FRONTDESK-APPOINTMENT");
    icalcomponent_add_property(event, id);
}

ComponentPtr newCalendar()
{
    ComponentPtr cal(icalcomponent_new(ICAL_VCALENDAR_COMPONENT));
    icalcomponent_add_property(cal.get(), icalproperty_new_version("2.0"));
    icalcomponent_add_property(cal.get(), icalproperty_new_prodid("-//FrontDesk//FrontDesk//EN"));
    return cal;
}

QByteArray serialize(icalcomponent *cal)
{
    char *s = icalcomponent_as_ical_string_r(cal);
    QByteArray out(s);
    icalmemory_free_buffer(s);
    return out;
}

} // namespace

bool IcsCodec::occurrences(const QByteArray &ics, const QDateTime &from, const QDateTime &to,
    const QTimeZone &localZone, QList<CalendarOccurrence> *out, QString *error)
{
    ComponentPtr root(icalparser_parse_string(ics.constData()));
    if (!root) {
        if (error)
            *error = u"not iCalendar data"_s;
        return false;
    }
    QList<icalcomponent *> events;
    if (icalcomponent_isa(root.get()) == ICAL_VEVENT_COMPONENT) {
        events.append(root.get());
    } else if (icalcomponent_isa(root.get()) == ICAL_VCALENDAR_COMPONENT) {
        for (icalcomponent *e = icalcomponent_get_first_component(root.get(), ICAL_VEVENT_COMPONENT); e;
             e = icalcomponent_get_next_component(root.get(), ICAL_VEVENT_COMPONENT))
            events.append(e);
    } else if (icalcomponent_isa(root.get()) == ICAL_XROOT_COMPONENT) {
        // Several VCALENDARs in one stream (a concatenated export).
        for (icalcomponent *cal = icalcomponent_get_first_component(root.get(), ICAL_VCALENDAR_COMPONENT); cal;
             cal = icalcomponent_get_next_component(root.get(), ICAL_VCALENDAR_COMPONENT))
            for (icalcomponent *e = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT); e;
                 e = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT))
                events.append(e);
    } else {
        if (error)
            *error = u"not iCalendar data: no VCALENDAR"_s;
        return false;
    }
    // Instances that an override (RECURRENCE-ID) replaces, per UID.
    QHash<QString, QSet<qint64>> overridden;
    for (icalcomponent *e : std::as_const(events)) {
        if (icalcomponent_get_first_property(e, ICAL_RECURRENCEID_PROPERTY))
            overridden[text(icalcomponent_get_uid(e))].insert(
                instanceKey(icalcomponent_get_recurrenceid(e), localZone));
    }
    const icaltimetype f = toIcalUtc(from);
    const icaltimetype t = toIcalUtc(to);
    QList<CalendarOccurrence> found;
    for (icalcomponent *e : std::as_const(events)) {
        if (isCancelled(e)) {
            continue;
        }
        const bool isOverride = icalcomponent_get_first_property(e, ICAL_RECURRENCEID_PROPERTY) != nullptr;
        addEvent(
            e, f, t, localZone, isOverride ? QSet<qint64>() : overridden.value(text(icalcomponent_get_uid(e))), &found);
    }
    found.removeIf([&](const CalendarOccurrence &o) { return o.end <= from || o.start >= to; });
    std::sort(found.begin(), found.end(),
        [](const CalendarOccurrence &a, const CalendarOccurrence &b) { return a.start < b.start; });
    out->append(found);
    return true;
}

QStringList IcsCodec::uids(const QByteArray &ics)
{
    QStringList list;
    ComponentPtr root(icalparser_parse_string(ics.constData()));
    if (!root)
        return list;
    if (icalcomponent_isa(root.get()) == ICAL_VEVENT_COMPONENT) {
        list << text(icalcomponent_get_uid(root.get()));
        return list;
    }
    for (icalcomponent *e = icalcomponent_get_first_component(root.get(), ICAL_VEVENT_COMPONENT); e;
         e = icalcomponent_get_next_component(root.get(), ICAL_VEVENT_COMPONENT)) {
        const QString uid = text(icalcomponent_get_uid(e));
        if (!list.contains(uid))
            list << uid;
    }
    return list;
}

QByteArray IcsCodec::eventFor(const Appointment &appointment, const QString &uid, const QDateTime &stamp)
{
    ComponentPtr cal = newCalendar();
    icalcomponent *event = icalcomponent_new(ICAL_VEVENT_COMPONENT);
    addSummary(event, appointment, stamp, uid);
    icalcomponent_add_component(cal.get(), event);
    return serialize(cal.get());
}

QByteArray IcsCodec::calendarFor(
    const QList<Appointment> &appointments, const QString &calendarName, const QDateTime &stamp)
{
    ComponentPtr cal = newCalendar();
    icalproperty *name = icalproperty_new_x(calendarName.toUtf8().constData());
    icalproperty_set_x_name(name, "X-WR-CALNAME");
    icalcomponent_add_property(cal.get(), name);
    for (const Appointment &a : appointments) {
        if (a.status != u"booked"_s)
            continue;
        icalcomponent *event = icalcomponent_new(ICAL_VEVENT_COMPONENT);
        // Events imported from a server share their series' UID: each exported instance gets its own.
        const bool ownUid = !a.externalUid.isEmpty() && a.source != u"calendar"_s && a.source != u"import"_s;
        addSummary(event, a, stamp, ownUid ? a.externalUid : uidFor(a));
        icalcomponent_add_component(cal.get(), event);
    }
    return serialize(cal.get());
}

QString IcsCodec::uidFor(const Appointment &appointment)
{
    return appointment.id + u"@frontdesk"_s;
}

} // namespace FrontDesk
