#include "integrations/twilio/walcheckpointer.h"

#include "models/database.h"

#include <QFileInfo>
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
    Worker(QString path, int intervalMs, qint64 softLimit, WalCheckpointer &owner)
        : m_path(std::move(path))
        , m_intervalMs(intervalMs)
        , m_softLimit(softLimit)
        , m_owner(owner)
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
        const qint64 wal = QFileInfo(m_path + u"-wal"_s).size();
        m_owner.m_walBytes.storeRelaxed(wal);
        if (wal > m_owner.m_peakWalBytes.loadRelaxed())
            m_owner.m_peakWalBytes.storeRelaxed(wal);
        // Over the soft limit, or idle since the last look (the WAL did not change): empty it.
        const bool idle = wal > 0 && wal == m_lastWal;
        const bool truncate = wal > m_softLimit || idle;
        m_lastWal = wal;
        QSqlQuery query(m_db->connection());
        // PRAGMA takes no bound parameters: fixed statements.
        if (!query.exec(truncate ? u"PRAGMA wal_checkpoint(TRUNCATE)"_s : u"PRAGMA wal_checkpoint(PASSIVE)"_s)) {
            qCWarning(lcCheckpoint) << "checkpoint failed:" << query.lastError().text();
            return;
        }
        const bool busy = query.next() && query.value(0).toInt() != 0;
        query.finish();
        m_owner.m_checkpoints.fetchAndAddRelaxed(1);
        if (truncate && !busy) {
            m_owner.m_truncations.fetchAndAddRelaxed(1);
            m_lastWal = QFileInfo(m_path + u"-wal"_s).size();
        } else if (truncate && wal > 4 * m_softLimit) {
            qCWarning(lcCheckpoint) << "the WAL is" << wal / (1024 * 1024) << "MB and a reader keeps it from emptying";
        }
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
    qint64 m_softLimit;
    WalCheckpointer &m_owner;
    qint64 m_lastWal = -1;
    QTimer *m_timer = nullptr;
    std::unique_ptr<Database> m_db;
};

WalCheckpointer::WalCheckpointer(Database &engineStore, int intervalMs, qint64 softLimitBytes, QObject *parent)
    : QObject(parent)
    , m_engineStore(engineStore)
    , m_path(engineStore.path())
    , m_intervalMs(std::max(50, intervalMs))
    , m_softLimitBytes(std::max<qint64>(64 * 1024, softLimitBytes))
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
    m_worker = new Worker(m_path, m_intervalMs, m_softLimitBytes, *this);
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
    // What a reset of the WAL may leave on disk: four times the soft limit (an integer formatted here).
    if (!query.exec(u"PRAGMA journal_size_limit = %1"_s.arg(4 * m_softLimitBytes)))
        qCWarning(lcCheckpoint) << "no journal size limit:" << query.lastError().text();
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
