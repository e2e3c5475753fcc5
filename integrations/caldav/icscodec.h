#pragma once

#include "models/records.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QTimeZone>

namespace FrontDesk {

// One occurrence of a calendar event, in absolute time (a recurring event yields one per instance).
struct CalendarOccurrence
{
    QString uid;
    QString summary;
    QString description;
    QDateTime start; // UTC
    QDateTime end; // UTC
    bool allDay = false;
    bool transparent = false; // TRANSP:TRANSPARENT: shown as free, takes no time
    bool recurring = false;
};

// iCalendar (RFC 5545) through libical: reading events with their recurrences, VTIMEZONE, all-day
// and floating times; writing FrontDesk's appointments as events with UTC times.
class IcsCodec
{
public:
    // Every occurrence of the VEVENTs in `ics` overlapping [from, to), by start. Recurrences are
    // expanded (RRULE, RDATE, EXDATE, overridden instances by RECURRENCE-ID); cancelled events and
    // instances are left out. Floating times and all-day dates are read in `localZone`.
    // Returns false with *error set when `ics` is no iCalendar data.
    static bool occurrences(const QByteArray &ics, const QDateTime &from, const QDateTime &to,
        const QTimeZone &localZone, QList<CalendarOccurrence> *out, QString *error);

    // The UIDs of the VEVENTs in `ics` (empty when there are none or it doesn't parse).
    static QStringList uids(const QByteArray &ics);

    // One VCALENDAR holding the appointment as a VEVENT with `uid`, DTSTART/DTEND in UTC.
    static QByteArray eventFor(const Appointment &appointment, const QString &uid, const QDateTime &stamp);

    // One VCALENDAR with a VEVENT per appointment (a technician's schedule), named `calendarName`.
    static QByteArray calendarFor(
        const QList<Appointment> &appointments, const QString &calendarName, const QDateTime &stamp);

    // The UID a FrontDesk appointment's event gets.
    static QString uidFor(const Appointment &appointment);
};

} // namespace FrontDesk
