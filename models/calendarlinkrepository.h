#pragma once

#include "models/repository.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>
#include <optional>

namespace FrontDesk {

// How an appointment maps to an event on a CalDAV calendar.
struct CalendarLink
{
    QString appointmentId;
    QString calendarUrl;
    QString href;
    QString etag;
    QString state = QStringLiteral("synced"); // synced | conflict | pending_update | pending_delete
    QString note; // why it is in conflict, for a person
    QDateTime updatedAt;
};

namespace CalendarLinkState {
inline constexpr char Synced[] = "synced";
inline constexpr char Conflict[] = "conflict";
inline constexpr char PendingUpdate[] = "pending_update";
inline constexpr char PendingDelete[] = "pending_delete";
} // namespace CalendarLinkState

// The sync bookkeeping of the shared calendar: links, seen resources, sync tokens.
class CalendarLinkRepository : public Repository
{
public:
    using Repository::Repository;

    bool save(const CalendarLink &link); // insert or replace
    bool remove(const QString &appointmentId);
    std::optional<CalendarLink> forAppointment(const QString &appointmentId) const;
    QList<CalendarLink> forHref(const QString &calendarUrl, const QString &href) const;
    QList<CalendarLink> withState(const QString &state) const;
    bool setState(const QString &appointmentId, const QString &state, const QString &note = {});
    // The state of every linked appointment among `appointmentIds` (unlinked ones are left out).
    QHash<QString, QString> states(const QStringList &appointmentIds) const;

    // href → ETag of every event resource seen on the calendar.
    QHash<QString, QString> resources(const QString &calendarUrl) const;
    bool saveResource(const QString &calendarUrl, const QString &href, const QString &etag, const QString &uid);
    bool removeResource(const QString &calendarUrl, const QString &href);

    // FrontDesk's own bookings (agent, staff) that are booked and not on the calendar server yet.
    QStringList unsyncedAppointments() const;
    // Deletes the appointments imported from one event resource (source "calendar") and their links.
    bool deleteImported(const QString &calendarUrl, const QString &href);

    // Deletes the appointments an .ics import made (source "import") for these UIDs of the technician.
    bool deleteImportedUids(const QString &technicianId, const QStringList &uids);

    struct Collection
    {
        QString syncToken;
        QString ctag;
        QDateTime syncedAt;
    };
    std::optional<Collection> collection(const QString &calendarUrl) const;
    bool saveCollection(const QString &calendarUrl, const Collection &state);
};

} // namespace FrontDesk
