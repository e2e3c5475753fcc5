#pragma once

#include "app/core/calendarprovider.h"
#include "integrations/caldav/caldavclient.h"
#include "integrations/caldav/icscodec.h"
#include "models/database.h"

#include <QHash>
#include <QTimeZone>
#include <QUrl>

namespace FrontDesk {

// The engine's calendar on a CalDAV server: one calendar per technician. Busy times are read live
// from the server (calendar-query over the window asked for); bookings are written with
// If-None-Match: *, moves and removals with If-Match on the ETag the store keeps (calendar_links).
// A booking is checked again on the server right after it is written: when another event took the
// time in between, the new event is withdrawn and the slot reported taken, so the caller gets a
// new offer instead of a double booking.
class CalDavCalendar final : public CalendarProvider
{
public:
    CalDavCalendar(
        Database &db, CalDavClient &client, const QHash<QString, QUrl> &calendarsByTechnician, const QTimeZone &zone);

    void setBufferMinutes(int minutes) { m_bufferMin = minutes; }
    const QHash<QString, QUrl> &calendars() const { return m_calendars; }
    QTimeZone zone() const { return m_zone; }
    CalDavClient &client() { return m_client; }
    // What the last failed call said (one line), empty after a success.
    QString lastError() const { return m_lastError; }
    // Whether the last call reached the server.
    bool reachable() const { return m_reachable; }
    // After the server could not be reached, the engine's calls fail at once for `seconds` (a
    // booking is not kept waiting on a dead server once per technician); the sync tries again.
    void setRetryAfter(int seconds) { m_retryAfterSec = seconds; }
    void retryNow() { m_retryAt = QDateTime(); }

    std::optional<QList<BusyInterval>> busy(const QDateTime &from, const QDateTime &to) override;
    std::optional<QString> create(const Appointment &appointment, bool *slotTaken) override;
    bool remove(const Appointment &appointment) override;
    bool update(const Appointment &appointment, bool *slotTaken) override;

    // Busy occurrences of one technician's calendar in [from, to), transparent ones left out,
    // without the events whose UID is `exceptUid`.
    std::optional<QList<CalendarOccurrence>> occurrences(
        const QUrl &calendar, const QDateTime &from, const QDateTime &to, const QString &exceptUid = {});

    // The resource an appointment's event has on `calendar` (UID-named, so a retry finds it again).
    static QUrl resourceFor(const QUrl &calendar, const QString &uid);

    // Writes the appointment's event: creates it, or finds it already there (a retried push).
    // Returns the UID; *conflict when another busy event overlaps it on the server afterwards.
    // `withdrawOnConflict` deletes it again in that case (a booking still being offered).
    std::optional<QString> push(
        const Appointment &appointment, bool withdrawOnConflict, bool *conflict, QString *conflictWith);

private:
    bool noteFailure(const CalDavError &error);
    bool waitingToRetry(); // true (and lastError set) while the server is treated as away

    Database &m_db;
    CalDavClient &m_client;
    QHash<QString, QUrl> m_calendars;
    QTimeZone m_zone;
    int m_bufferMin = 0;
    QString m_lastError;
    bool m_reachable = true;
    int m_retryAfterSec = 30;
    QDateTime m_retryAt;
};

} // namespace FrontDesk
