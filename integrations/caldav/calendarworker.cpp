#include "integrations/caldav/calendarworker.h"

#include "integrations/caldav/caldavcalendar.h"
#include "integrations/caldav/calendarsync.h"
#include "integrations/caldav/calendarwriter.h"
#include "models/calendaroutboxrepository.h"

using namespace Qt::StringLiterals;

namespace FrontDesk {

CalendarWorker::CalendarWorker(Setup setup)
    : m_setup(std::move(setup))
{
    m_thread.setObjectName(u"calendar"_s);
}

CalendarWorker::~CalendarWorker()
{
    stop();
}

bool CalendarWorker::start(QString *error)
{
    if (m_thread.isRunning())
        return true;
    m_home = new QObject;
    m_home->moveToThread(&m_thread);
    QObject::connect(&m_thread, &QThread::finished, m_home, &QObject::deleteLater);
    m_thread.start();
    bool ok = false;
    // Opening a local store and building the client: no network here, only the store's open.
    QMetaObject::invokeMethod(
        m_home, [&] { open(&ok, error); }, Qt::BlockingQueuedConnection);
    if (!ok) {
        stop();
        return false;
    }
    wake();
    syncSoon();
    return true;
}

void CalendarWorker::stop()
{
    if (!m_thread.isRunning())
        return;
    QMetaObject::invokeMethod(
        m_home, [this] { close(); }, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
    m_home = nullptr;
}

void CalendarWorker::open(bool *ok, QString *error)
{
    m_db = m_setup.openStore ? m_setup.openStore() : nullptr;
    if (!m_db) {
        if (error && error->isEmpty())
            *error = u"the calendar worker could not open the store"_s;
        *ok = false;
        return;
    }
    if (m_setup.simulatedNow.isValid())
        m_clock = std::make_unique<SimulatedClock>(m_setup.simulatedNow);
    else
        m_clock = std::make_unique<SystemClock>();
    m_client = std::make_unique<CalDavClient>(m_setup.serverUrl, m_setup.user, m_setup.password, m_setup.network);
    m_client->setTimeout(m_setup.timeoutMs);
    m_calendar = std::make_unique<CalDavCalendar>(*m_db, *m_client, m_setup.calendars, m_setup.zone);
    m_calendar->setBufferMinutes(m_setup.bufferMin);
    m_sync = std::make_unique<CalendarSync>(*m_db, *m_calendar, *m_clock);
    m_sync->setInterval(m_setup.syncIntervalSec);
    m_sync->setHorizonDays(m_setup.horizonDays);
    m_sync->setUseSyncCollection(m_setup.useSyncCollection);
    QObject::connect(m_sync.get(), &CalendarSync::appointmentsChanged, m_home, [this] { emit appointmentsChanged(); });
    m_writer = std::make_unique<CalendarWriter>(*m_db, *m_calendar);
    m_writer->setRefresh([this] { m_sync->refresh(); });
    m_writer->setConflictHandler(
        [this](const QString &appointmentId, const QString &detail) { emit bookingTaken(appointmentId, detail); });
    m_retryTimer = new QTimer(m_home);
    m_retryTimer->setSingleShot(true);
    QObject::connect(m_retryTimer, &QTimer::timeout, m_home, [this] { runWrites(); });
    m_syncTimer = new QTimer(m_home);
    m_syncTimer->setInterval(qBound(5, m_setup.syncIntervalSec, 60) * 1000);
    QObject::connect(m_syncTimer, &QTimer::timeout, m_home, [this] { runSync(); });
    m_syncTimer->start();
    *ok = true;
}

void CalendarWorker::close()
{
    if (m_syncTimer)
        m_syncTimer->stop();
    if (m_retryTimer)
        m_retryTimer->stop();
    m_writer.reset();
    m_sync.reset();
    m_calendar.reset();
    m_client.reset();
    m_db.reset();
    m_clock.reset();
}

void CalendarWorker::wake()
{
    if (m_home && !m_wakePending.exchange(true))
        QMetaObject::invokeMethod(
            m_home,
            [this] {
                m_wakePending = false;
                runWrites();
            },
            Qt::QueuedConnection);
}

void CalendarWorker::syncSoon()
{
    if (m_home)
        QMetaObject::invokeMethod(
            m_home, [this] { runSync(); }, Qt::QueuedConnection);
}

void CalendarWorker::setNow(const QDateTime &now)
{
    if (m_home)
        QMetaObject::invokeMethod(
            m_home,
            [this, now] {
                if (auto *simulated = qobject_cast<SimulatedClock *>(m_clock.get()))
                    simulated->setNow(now);
            },
            Qt::QueuedConnection);
}

void CalendarWorker::runWrites()
{
    if (!m_writer)
        return;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const CalendarWriteReport report = m_writer->runDue(now);
    CalendarOutboxRepository outbox(*m_db);
    const int pending = outbox.pendingCount();
    if (report.written || report.conflicts)
        emit appointmentsChanged();
    emit writesDone(report.written, pending);
    if (pending > 0) {
        // The earliest retry: every write left is postponed (or queued meanwhile: wake() comes).
        QDateTime next;
        for (const CalendarWrite &w : outbox.due(now.addSecs(3600), 1000))
            if (w.nextAttemptAt.isValid() && (!next.isValid() || w.nextAttemptAt < next))
                next = w.nextAttemptAt;
        if (m_writer->awayUntil().isValid() && (!next.isValid() || next < m_writer->awayUntil()))
            next = m_writer->awayUntil();
        const qint64 ms = next.isValid() ? qMax<qint64>(0, now.msecsTo(next)) : 0;
        m_retryTimer->start(int(qMin<qint64>(ms, 300 * 1000)));
    }
}

void CalendarWorker::runSync()
{
    if (!m_sync)
        return;
    runWrites(); // what the engine queued goes first: the sync's push leaves those to the outbox
    if (m_writer->awayUntil().isValid() && QDateTime::currentDateTimeUtc() < m_writer->awayUntil())
        return; // the server is away: the sync waits for the next tick after the pause
    const CalendarSyncReport report = m_sync->syncNow();
    emit synced(report.ok, report.error);
}

} // namespace FrontDesk
