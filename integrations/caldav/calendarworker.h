#pragma once

#include "app/core/clock.h"
#include "integrations/caldav/caldavclient.h"
#include "models/database.h"

#include <QHash>
#include <QObject>
#include <QThread>
#include <QTimeZone>
#include <QTimer>
#include <QUrl>
#include <atomic>
#include <functional>
#include <memory>

namespace FrontDesk {

class CalDavCalendar;
class CalendarSync;
class CalendarWriter;
struct CalendarSyncReport;

// The shared calendar's worker: on a thread of its own, with its own connection to the store, it
// carries out the calendar outbox after each commit (CalendarWriter) and keeps the store's copy of
// the server's busy times fresh (CalendarSync), so the GUI thread and the engine's decisions never
// wait on the CalDAV server. What it finds comes back as queued signals.
class CalendarWorker final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CalendarWorker)
public:
    struct Setup
    {
        std::function<std::unique_ptr<Database>()> openStore; // called on the worker's thread
        QUrl serverUrl;
        QString user;
        QString password;
        QHash<QString, QUrl> calendars; // technician id → calendar URL
        QTimeZone zone;
        int bufferMin = 0;
        int horizonDays = 30;
        int syncIntervalSec = 30;
        int timeoutMs = 5000;
        bool useSyncCollection = true;
        CalDavClient::NetworkFactory network; // the tests' seam
        QDateTime simulatedNow; // valid: the worker's clock follows a simulated one (setNow)
    };

    explicit CalendarWorker(Setup setup);
    ~CalendarWorker() override;

    // Starts the thread, opens the store there and builds the client; false with *error when the
    // store cannot be opened. Writes and the first sync follow at once, off the caller's thread.
    bool start(QString *error);
    // Stops the thread (an answer being waited for ends within the client's timeout).
    void stop();

    // The worker's calendar provider, for the engine's "a shared calendar is on": the engine never
    // calls it (it lives on the worker's thread).
    CalDavCalendar *calendar() const { return m_calendar.get(); }

public slots:
    // Thread-safe (queued): carry out the outbox now (the engine's calendarWritesQueued).
    void wake();
    // Thread-safe (queued): sync now.
    void syncSoon();
    // Thread-safe (queued): the simulated time the engine lives in.
    void setNow(const QDateTime &now);

signals:
    void bookingTaken(const QString &appointmentId, const QString &detail);
    void appointmentsChanged();
    void writesDone(int written, int pending);
    void synced(bool ok, const QString &error);

private:
    void open(bool *ok, QString *error);
    void close();
    void runWrites();
    void runSync();

    Setup m_setup;
    std::atomic<bool> m_wakePending {false}; // one queued run at a time, however many commits asked
    QThread m_thread;
    QObject *m_home = nullptr; // lives on m_thread: the context of everything done there
    QTimer *m_retryTimer = nullptr;
    QTimer *m_syncTimer = nullptr;
    std::unique_ptr<Clock> m_clock;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<CalDavClient> m_client;
    std::unique_ptr<CalDavCalendar> m_calendar;
    std::unique_ptr<CalendarSync> m_sync;
    std::unique_ptr<CalendarWriter> m_writer;
};

} // namespace FrontDesk
