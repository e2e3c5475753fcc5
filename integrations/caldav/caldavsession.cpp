#include "integrations/caldav/caldavsession.h"

#include "app/messaging/engine.h"
#include "models/repositories.h"

using namespace Qt::StringLiterals;

namespace FrontDesk {

namespace {
const QString kUrl = u"caldav.url"_s;
const QString kUser = u"caldav.user"_s;
const QString kInterval = u"caldav.sync_interval_sec"_s;
QString calendarKey(const QString &technicianId)
{
    return u"caldav.calendar."_s + technicianId;
}
} // namespace

std::optional<CalDavSettings> CalDavSettings::load(Database &db, QString *error)
{
    SettingsRepository settings(db);
    const QString url = settings.value(kUrl).value_or(QString()).trimmed();
    if (url.isEmpty())
        return std::nullopt;
    CalDavSettings s;
    s.serverUrl = QUrl(url);
    if (!s.serverUrl.isValid() || (s.serverUrl.scheme() != u"http"_s && s.serverUrl.scheme() != u"https"_s)) {
        *error = u"%1: '%2' is no http(s) URL"_s.arg(kUrl, url);
        return std::nullopt;
    }
    s.user = settings.value(kUser).value_or(QString());
    bool ok = true;
    const QString interval = settings.value(kInterval).value_or(u"30"_s);
    s.syncIntervalSec = interval.toInt(&ok);
    if (!ok || s.syncIntervalSec < 5 || s.syncIntervalSec > 60) {
        *error = u"%1: '%2' is not a number of seconds from 5 to 60"_s.arg(kInterval, interval);
        return std::nullopt;
    }
    if (const auto profile = settings.loadProfile()) {
        for (const TechnicianDef &t : profile->technicians) {
            const QString calendar = settings.value(calendarKey(t.id)).value_or(QString()).trimmed();
            if (!calendar.isEmpty())
                s.calendars.insert(t.id, s.serverUrl.resolved(QUrl(calendar)));
        }
    }
    return s;
}

bool CalDavSettings::save(Database &db, QString *error) const
{
    SettingsRepository settings(db);
    Transaction tx(db);
    bool ok = settings.setValue(kUrl, serverUrl.toString()) && settings.setValue(kUser, user)
        && settings.setValue(kInterval, QString::number(syncIntervalSec));
    for (auto it = calendars.constBegin(); ok && it != calendars.constEnd(); ++it)
        ok = settings.setValue(calendarKey(it.key()), it.value().toString());
    if (!ok || !tx.commit()) {
        *error = settings.lastError();
        return false;
    }
    return true;
}

std::unique_ptr<CalDavSession> CalDavSession::open(Database &db, Engine &engine, Clock &clock,
    const CalDavSettings &settings, const QString &password, QString *error,
    std::function<std::unique_ptr<Database>()> openStore, CalDavClient::NetworkFactory network)
{
    const auto profile = engine.profile();
    if (!profile) {
        *error = u"the shared calendar needs a business profile"_s;
        return nullptr;
    }
    if (settings.calendars.isEmpty()) {
        *error = u"the shared calendar maps no technician to a calendar (caldav.calendar.<technician>)"_s;
        return nullptr;
    }
    if (!openStore) {
        if (!db.isPostgres() && (db.path().isEmpty() || db.path() == u":memory:"_s)) {
            *error = u"the shared calendar's worker needs a store it can open a second connection to"_s;
            return nullptr;
        }
        // The worker's own connection to the same store: the SQLite file, or the team's server.
        openStore = [opener = db.anotherConnection()]() -> std::unique_ptr<Database> {
            QString openError;
            auto store = opener(&openError);
            if (!store)
                qCWarning(lcCalDav) << "the calendar worker cannot open the store:" << openError;
            return store;
        };
    }
    CalendarWorker::Setup setup;
    setup.openStore = std::move(openStore);
    setup.serverUrl = settings.serverUrl;
    setup.user = settings.user;
    setup.password = password;
    setup.calendars = settings.calendars;
    setup.zone = profile->timeZone();
    setup.bufferMin = profile->booking.bufferMin;
    setup.horizonDays = profile->booking.horizonDays;
    setup.syncIntervalSec = settings.syncIntervalSec;
    setup.network = std::move(network);
    auto *simulated = qobject_cast<SimulatedClock *>(&clock);
    if (simulated)
        setup.simulatedNow = simulated->now();

    std::unique_ptr<CalDavSession> session(new CalDavSession);
    session->m_engine = &engine;
    session->m_worker = std::make_unique<CalendarWorker>(std::move(setup));
    CalendarWorker *worker = session->m_worker.get();
    if (!worker->start(error))
        return nullptr;
    if (simulated)
        connect(simulated, &Clock::advanced, worker, &CalendarWorker::setNow);
    connect(&engine, &Engine::calendarWritesQueued, worker, &CalendarWorker::wake);
    connect(worker, &CalendarWorker::bookingTaken, &engine, &Engine::handleCalendarConflict);
    engine.setCalendar(worker->calendar()); // the engine queues; the worker writes
    return session;
}

CalDavSession::~CalDavSession()
{
    if (m_engine && m_worker && m_engine->calendar() == m_worker->calendar())
        m_engine->setCalendar(nullptr);
    m_worker.reset();
}

std::optional<QList<CalDavCalendarInfo>> CalDavSession::testConnection(
    const QUrl &url, const QString &user, const QString &password, QString *error)
{
    CalDavClient client(url, user, password);
    client.setTimeout(10000);
    CalDavError davError;
    auto calendars = client.discover(&davError);
    if (!calendars)
        *error = davError.message;
    return calendars;
}

} // namespace FrontDesk
