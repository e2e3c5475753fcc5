#pragma once

#include "app/core/clock.h"
#include "integrations/caldav/caldavcalendar.h"
#include "integrations/caldav/caldavclient.h"
#include "integrations/caldav/calendarsync.h"
#include "integrations/caldav/calendarworker.h"
#include "models/database.h"

#include <QHash>
#include <QObject>
#include <QUrl>
#include <memory>
#include <optional>

namespace FrontDesk {

class Engine;

// Where the shared calendar is, as the store's settings keep it. The password is never stored
// here: it comes from the keychain (or FRONTDESK_CALDAV_PASSWORD) and is passed in.
//   caldav.url                    the server (or principal, or calendar) URL
//   caldav.user                   the user name
//   caldav.sync_interval_sec      how often to sync (5 … 60, default 30)
//   caldav.calendar.<technician>  the calendar URL of each technician
struct CalDavSettings
{
    QUrl serverUrl;
    QString user;
    int syncIntervalSec = 30;
    QHash<QString, QUrl> calendars; // technician id → calendar URL

    // std::nullopt when no server is set (the shared calendar is off); *error when it is set wrong.
    static std::optional<CalDavSettings> load(Database &db, QString *error);
    bool save(Database &db, QString *error) const;
};

// The shared calendar at work: the calendar worker (client, provider, outbox writer and periodic
// sync on a thread of its own, with its own connection to the store) wired to the engine: the
// engine's queued writes wake it, the bookings it finds taken come back to the engine.
// Built by the composition root (the mains) from the settings.
class CalDavSession final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CalDavSession)
public:
    // Wires the calendar into the engine and starts syncing. nullptr with *error when the settings
    // are wrong or map no technician; the engine then works on its own store. `openStore` opens the
    // worker's own connection to the store, on the worker's thread; by default the SQLite file of `db`.
    // `network` is the tests' seam (the worker's client builds its QNetworkAccessManager with it).
    static std::unique_ptr<CalDavSession> open(Database &db, Engine &engine, Clock &clock,
        const CalDavSettings &settings, const QString &password, QString *error,
        std::function<std::unique_ptr<Database>()> openStore = {}, CalDavClient::NetworkFactory network = {});
    ~CalDavSession() override;

    // "Test connection" for the admin: discovers the calendars; on failure a one-line message
    // naming the cause (wrong user name or password, unreachable host, not a CalDAV server).
    static std::optional<QList<CalDavCalendarInfo>> testConnection(
        const QUrl &url, const QString &user, const QString &password, QString *error);

    CalendarWorker &worker() { return *m_worker; }

private:
    CalDavSession() = default;

    Engine *m_engine = nullptr;
    std::unique_ptr<CalendarWorker> m_worker;
};

} // namespace FrontDesk
