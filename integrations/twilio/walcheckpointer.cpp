#include "integrations/twilio/walcheckpointer.h"

#include "models/database.h"

#include <QLoggingCategory>
#include <QSqlError>
#include <QSqlQuery>
#include <QTimer>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcCheckpoint, "frontdesk.store.checkpoint")

namespace FrontDesk {

// Lives on the checkpointer's thread, with its own connection to the store.
class WalCheckpointer::Worker final : public QObject
{
public:
    Worker(QString path, int intervalMs, QAtomicInt &count)
        : m_path(std::move(path))
        , m_intervalMs(intervalMs)
        , m_count(count)
    {
    }

    // On the worker's thread: the connection and the timer belong to it.
    bool open(QString *error)
    {
        m_db = Database::openSqlite(m_path, error);
        if (!m_db)
            return false;
        m_timer = new QTimer(this);
        m_timer->setInterval(m_intervalMs);
        connect(m_timer, &QTimer::timeout, this, &Worker::checkpoint);
        m_timer->start();
        return true;
    }

    void checkpoint()
    {
        if (!m_db)
            return;
        QSqlQuery query(m_db->connection());
        // PRAGMA takes no bound parameters: a fixed statement.
        if (!query.exec(u"PRAGMA wal_checkpoint(PASSIVE)"_s)) {
            qCWarning(lcCheckpoint) << "checkpoint failed:" << query.lastError().text();
            return;
        }
        m_count.fetchAndAddRelaxed(1);
    }

    void close()
    {
        if (m_timer)
            m_timer->stop();
        checkpoint();
        m_db.reset();
    }

private:
    QString m_path;
    int m_intervalMs;
    QAtomicInt &m_count;
    QTimer *m_timer = nullptr;
    std::unique_ptr<Database> m_db;
};

WalCheckpointer::WalCheckpointer(Database &engineStore, int intervalMs, QObject *parent)
    : QObject(parent)
    , m_engineStore(engineStore)
    , m_path(engineStore.path())
    , m_intervalMs(std::max(50, intervalMs))
{
    m_thread.setObjectName(u"store checkpoints"_s);
}

WalCheckpointer::~WalCheckpointer()
{
    stop();
}

bool WalCheckpointer::start(QString *error)
{
    if (m_engineStore.isPostgres() || m_path.isEmpty() || m_path == u":memory:"_s)
        return true; // nothing to do
    m_worker = new Worker(m_path, m_intervalMs, m_checkpoints);
    m_worker->moveToThread(&m_thread);
    m_thread.start();
    bool opened = false;
    QString openError;
    QMetaObject::invokeMethod(
        m_worker, [&] { opened = m_worker->open(&openError); }, Qt::BlockingQueuedConnection);
    if (!opened) {
        stop();
        if (error)
            *error = u"cannot open the store for checkpoints: "_s + openError;
        return false;
    }
    // Only now, with someone to do them: no automatic checkpoints in the engine's commits.
    QSqlQuery query(m_engineStore.connection());
    if (!query.exec(u"PRAGMA wal_autocheckpoint = 0"_s))
        qCWarning(lcCheckpoint) << "automatic checkpoints stay on:" << query.lastError().text();
    return true;
}

void WalCheckpointer::stop()
{
    if (!m_worker)
        return;
    QMetaObject::invokeMethod(
        m_worker, [this] { m_worker->close(); }, Qt::BlockingQueuedConnection);
    QMetaObject::invokeMethod(
        m_worker, [this] { delete m_worker; }, Qt::BlockingQueuedConnection);
    m_worker = nullptr;
    m_thread.quit();
    m_thread.wait();
    // Back to SQLite's default on the engine's connection, for whatever it writes last.
    QSqlQuery query(m_engineStore.connection());
    query.exec(u"PRAGMA wal_autocheckpoint = 1000"_s);
}

} // namespace FrontDesk
