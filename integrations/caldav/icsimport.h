#pragma once

#include "app/core/calendarfiles.h"
#include "models/database.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>

namespace FrontDesk {

// A technician's schedule as an .ics file, and an .ics file's events as a technician's busy time.
class IcsImport
{
public:
    // The technician's booked appointments overlapping [from, to) (invalid: unbounded) as one
    // VCALENDAR. Empty with *error when the technician is unknown or the store fails.
    static QByteArray exportTechnician(
        Database &db, const QString &technicianId, const QDateTime &from, const QDateTime &to, QString *error);

    // Imports the busy (opaque, not cancelled) occurrences of the file's events from a day ago to a
    // year ahead of `now` as the technician's appointments (source "import"). Importing the same
    // file again replaces what it imported before (by UID). Returns how many occurrences were
    // stored, or -1 with *error (the file is no iCalendar data, the technician is unknown, the
    // store failed: "store: …").
    static int importFile(Database &db, const QString &technicianId, const QByteArray &ics, QString *error,
        const QDateTime &now = QDateTime::currentDateTimeUtc());

    // Both, for the calendar pane's Export / Import buttons.
    static CalendarFiles calendarFiles();
};

} // namespace FrontDesk
