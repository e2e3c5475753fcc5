#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QString>

#include <functional>

namespace FrontDesk {

class Database;

// A technician's schedule as a calendar file and back (iCalendar .ics: integrations/caldav).
// The composition root hands the implementation to the window, which stays off the outside world.
struct CalendarFiles
{
    // The technician's booked appointments in [from, to) (invalid: unbounded) as one file; empty
    // with *error when the technician is unknown or the store fails.
    std::function<QByteArray(Database &, const QString &technicianId, const QDateTime &from, const QDateTime &to,
        QString *error)>
        exportTechnician;
    // The file's busy events as the technician's appointments; how many were stored, or -1 with *error.
    std::function<int(Database &, const QString &technicianId, const QByteArray &file, QString *error)> importFile;

    bool isValid() const { return exportTechnician && importFile; }
};

} // namespace FrontDesk
