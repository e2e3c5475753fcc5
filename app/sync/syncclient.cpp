#include "app/sync/syncclient.h"

#include "app/core/clock.h"
#include "app/sync/changelog.h"

#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QSet>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcSync, "frontdesk.sync")

namespace FrontDesk {

namespace {

constexpr auto kChannel = "frontdesk_changes";
constexpr int kMaxServerFailures = 5;
constexpr int kPushBatch
    = 200; // intentions per server transaction // a store failure on the same intention this often: a person looks

} // namespace

SyncClient::SyncClient(Database &replica, Clock &clock, SyncSettings settings, QObject *parent)
    : QObject(parent)
    , m_replicaDb(replica)
    , m_clock(clock)
    , m_settings(std::move(settings))
    , m_replica(replica, clock)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, [this] { syncOnce(); });
}

SyncClient::~SyncClient()
{
    m_running = false;
    m_timer.stop();
    m_applier.reset();
    m_server.reset();
}

void SyncClient::start()
{
    m_running = true;
    schedule(0);
}

void SyncClient::stop()
{
    m_running = false;
    m_timer.stop();
    dropServer(QString());
    m_lastError.clear();
}

void SyncClient::schedule(int ms)
{
    if (!m_running)
        return;
    if (m_inRound) {
        m_again = true;
        return;
    }
    if (!m_timer.isActive() || m_timer.remainingTime() > ms)
        m_timer.start(ms);
}

QString SyncClient::stateText() const
{
    const int waiting = m_replica.waitingCount();
    switch (m_state) {
    case State::Online:
        return waiting > 0 ? tr("online (%n waiting)", nullptr, waiting) : tr("online");
    case State::Syncing:
    case State::Connecting:
        return waiting > 0 ? tr("syncing (%n waiting)", nullptr, waiting) : tr("syncing");
    case State::Offline:
        break;
    }
    return waiting > 0 ? tr("offline (%n waiting)", nullptr, waiting) : tr("offline");
}

void SyncClient::setState(State state)
{
    const bool changed = state != m_state;
    m_state = state;
    if (changed || state != State::Online)
        emit stateChanged(state, m_replica.waitingCount());
}

bool SyncClient::connectServer()
{
    if (m_server)
        return true;
    setState(State::Connecting);
    QString error;
    OpenFailure failure = OpenFailure::None;
    auto server = Database::openPostgres(m_settings.server, false, &error, &failure);
    if (!server) {
        m_lastError = error;
        m_lastFailure = failure;
        setState(State::Offline);
        emit connectionFailed(failure, error);
        return false;
    }
    QSqlQuery query(server->connection());
    if (!query.exec(u"SELECT value FROM schema_meta WHERE key = 'server_id'"_s) || !query.next()) {
        m_lastError = tr("the server's store has no identity: it was not set up for team mode");
        m_lastFailure = OpenFailure::Other;
        setState(State::Offline);
        emit connectionFailed(m_lastFailure, m_lastError);
        return false;
    }
    m_serverId = query.value(0).toString();
    query.finish();
    QSqlDriver *driver = server->connection().driver();
    if (!driver->subscribeToNotification(QString::fromLatin1(kChannel)))
        qCWarning(lcSync) << "cannot listen for changes; falling back to polling:" << driver->lastError().text();
    connect(driver, &QSqlDriver::notification, this, [this](const QString &name) {
        if (name == QLatin1String(kChannel))
            schedule(0);
    });
    m_server = std::move(server);
    m_applier = std::make_unique<IntentApplier>(*m_server, m_clock, u"desk:"_s + m_settings.deskName);
    m_lastFailure = OpenFailure::None;
    qCInfo(lcSync).noquote() << "connected to" << m_server->path();
    return true;
}

void SyncClient::dropServer(const QString &why)
{
    if (!m_server) {
        if (m_state != State::Offline)
            setState(State::Offline);
        return;
    }
    if (!why.isEmpty()) {
        m_lastError = why;
        qCWarning(lcSync).noquote() << "lost the server:" << why;
    }
    m_applier.reset();
    if (QSqlDriver *driver = m_server->connection().driver())
        driver->disconnect(this);
    m_server.reset();
    setState(State::Offline);
}

bool SyncClient::syncOnce()
{
    if (m_inRound)
        return false;
    m_inRound = true;
    m_again = false;
    bool ok = connectServer();
    if (ok) {
        setState(State::Syncing);
        QElapsedTimer timer;
        timer.start();
        // A replica of another server, or one so far behind that the server pruned the changes it
        // misses, is copied anew.
        QString pruneError;
        const qint64 pruned = ChangeLog::prunedThrough(*m_server, &pruneError);
        if (pruned < 0)
            m_lastError = pruneError;
        ok = pruned >= 0 && ((m_replica.serverId() == m_serverId && m_replica.cursor() >= pruned) || fullCopy());
        const qint64 copied = timer.restart();
        const int waiting = m_replica.waitingCount();
        ok = ok && push();
        const qint64 pushed = timer.restart();
        const qint64 cursor = m_replica.cursor();
        ok = ok && pull();
        if (copied + pushed + timer.elapsed() > 500)
            qCInfo(lcSync).noquote() << u"sync round: first copy %1 ms, %2 intentions pushed in %3 ms, %4 changes "
                                        "pulled in %5 ms"_s.arg(copied)
                                            .arg(waiting - m_replica.waitingCount())
                                            .arg(pushed)
                                            .arg(m_replica.cursor() - cursor)
                                            .arg(timer.elapsed());
        if (ok) {
            m_lastError.clear();
            setState(State::Online);
        } else {
            // A server that no longer answers is the common case: the network or the server went.
            bool answers = false;
            if (m_server->connection().isOpen()) {
                QSqlQuery ping(m_server->connection());
                answers = ping.exec(u"SELECT 1"_s);
            }
            m_lastFailure = answers ? OpenFailure::Other : OpenFailure::Unreachable;
            dropServer(m_lastError);
        }
    }
    m_inRound = false;
    if (m_running)
        schedule(m_again ? 0 : (ok ? m_settings.pollMs : m_settings.retryMs));
    return ok;
}

bool SyncClient::fullCopy()
{
    QSqlDatabase pg = m_server->connection();
    QSqlQuery query(pg);
    query.setForwardOnly(true);
    const auto failed = [&](const QString &what) {
        m_lastError = what + u": "_s + query.lastError().text();
        QSqlQuery(pg).exec(u"ROLLBACK"_s);
        m_replica.abortFullCopy();
        return false;
    };
    // One snapshot for the rows and the sequence they are current at.
    if (!query.exec(u"BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"_s))
        return failed(u"starting the first sync"_s);
    if (!query.exec(u"SELECT COALESCE(MAX(seq), 0) FROM sync_changes"_s) || !query.next())
        return failed(u"reading the server's position"_s);
    // A pruned log may be empty: the copy is current at least as far as it was pruned.
    QString pruneError;
    const qint64 pruned = ChangeLog::prunedThrough(*m_server, &pruneError);
    if (pruned < 0)
        return failed(u"reading how far the change log was pruned"_s);
    const qint64 position = qMax(query.value(0).toLongLong(), pruned);
    qint64 total = 0;
    for (const auto &[table, key] : Replica::syncedTables()) {
        if (!query.exec(u"SELECT COUNT(*) FROM %1"_s.arg(table)) || !query.next())
            return failed(u"counting %1"_s.arg(table));
        total += query.value(0).toLongLong();
    }
    emit fullSyncProgress(0, total);
    if (!m_replica.beginFullCopy()) {
        m_lastError = m_replica.lastError();
        QSqlQuery(pg).exec(u"ROLLBACK"_s);
        return false;
    }
    qint64 done = 0;
    for (const auto &[table, key] : Replica::syncedTables()) {
        // Keyset pages in key order; keys compared as text so one query shape fits every table.
        QString after;
        bool first = true;
        for (;;) {
            query.prepare(u"SELECT to_jsonb(t)::text, (t.%2)::text FROM %1 t WHERE ? OR (t.%2)::text > ? "
                          "ORDER BY (t.%2)::text LIMIT %3"_s.arg(table, key)
                              .arg(m_settings.batchSize));
            query.addBindValue(first);
            query.addBindValue(after);
            if (!query.exec())
                return failed(u"copying %1"_s.arg(table));
            int rows = 0;
            while (query.next()) {
                if (!m_replica.upsertRow(table, query.value(0).toString())) {
                    m_lastError = m_replica.lastError();
                    m_replica.abortFullCopy();
                    QSqlQuery(pg).exec(u"ROLLBACK"_s);
                    return false;
                }
                after = query.value(1).toString();
                ++rows;
            }
            first = false;
            done += rows;
            emit fullSyncProgress(done, total);
            if (rows < m_settings.batchSize)
                break;
        }
    }
    query.exec(u"COMMIT"_s);
    if (!m_replica.finishFullCopy(m_serverId, position)) {
        m_lastError = m_replica.lastError();
        return false;
    }
    qCInfo(lcSync) << "first sync done:" << total << "rows at change" << position;
    emit fullCopyFinished();
    return true;
}

bool SyncClient::push()
{
    const QList<Intention> pending = m_replica.intents({QString::fromLatin1(IntentState::Pending)});
    const qsizetype batchSize = qMax(1, m_settings.pushBatchSize);
    for (qsizetype from = 0; from < pending.size(); from += batchSize) {
        const QList<Intention> batch = pending.mid(from, batchSize);
        QList<IntentApplier::Result> results;
        QString error;
        if (!m_applier->applyBatch(batch, &results, &error)) {
            // Nothing of the batch was committed: all of it stays pending.
            m_lastError = tr("the server could not take the queued changes: %1").arg(error);
            return false;
        }
        // If the desk dies before this is written, the batch is still pending here and its replay
        // is a no-op on the server.
        Transaction local(m_replicaDb);
        bool storeFailed = false;
        for (qsizetype i = 0; i < results.size(); ++i) {
            const Intention &intent = batch.at(i);
            const IntentApplier::Result &result = results.at(i);
            QString state;
            switch (result.outcome) {
            case IntentApplier::Outcome::Applied:
            case IntentApplier::Outcome::AlreadyApplied:
                state = QString::fromLatin1(IntentState::Applied);
                break;
            case IntentApplier::Outcome::Conflict:
                state = QString::fromLatin1(IntentState::Conflict);
                qCInfo(lcSync).noquote() << "conflict on" << intent.kind << intent.id << ":" << result.message;
                break;
            case IntentApplier::Outcome::Rejected:
                state = QString::fromLatin1(IntentState::Failed);
                break;
            case IntentApplier::Outcome::Failed:
                // The store failed: keep the order and try again with the next round; after several
                // failures the server itself reported, a person looks.
                state = intent.attempts + 1 >= kMaxServerFailures ? QString::fromLatin1(IntentState::Failed)
                                                                  : intent.state;
                storeFailed = true;
                m_lastError = tr("the server failed to apply a queued change: %1").arg(result.message);
                break;
            }
            if (!m_replica.setIntentState(intent.id, state, result.message, true)) {
                m_lastError = m_replica.lastError();
                return false;
            }
        }
        if (!local.commit()) {
            m_lastError = m_replicaDb.lastError();
            return false;
        }
        emit intentsChanged();
        if (storeFailed)
            return false;
    }
    return true;
}

bool SyncClient::pull()
{
    QSqlQuery query(m_server->connection());
    query.setForwardOnly(true);
    for (;;) {
        const qint64 from = m_replica.cursor();
        query.prepare(u"SELECT seq, table_name, op, row_key, row_data FROM sync_changes WHERE seq > ? "
                      "ORDER BY seq LIMIT ?"_s);
        query.addBindValue(from);
        query.addBindValue(m_settings.batchSize);
        if (!query.exec()) {
            m_lastError = tr("reading the server's changes: %1").arg(query.lastError().text());
            return false;
        }
        QList<Change> changes;
        QSet<QString> tables;
        while (query.next()) {
            Change c;
            c.seq = query.value(0).toLongLong();
            c.table = query.value(1).toString();
            c.op = query.value(2).toString();
            c.key = query.value(3).toString();
            c.data = query.value(4).toString();
            tables.insert(c.table);
            changes << c;
        }
        query.finish();
        if (changes.isEmpty())
            return true;
        if (!m_replica.applyChanges(changes, changes.constLast().seq)) {
            m_lastError = tr("applying the server's changes: %1").arg(m_replica.lastError());
            return false;
        }
        emit changesPulled(int(changes.size()), QStringList(tables.cbegin(), tables.cend()));
        emit changesApplied(changes);
        if (changes.size() < m_settings.batchSize)
            return true;
    }
}

QString SyncClient::submit(Intention intent)
{
    if (!m_replica.enqueue(intent)) {
        m_lastError = m_replica.lastError();
        return {};
    }
    emit intentsChanged();
    emit stateChanged(m_state, m_replica.waitingCount());
    schedule(0);
    return intent.id;
}

bool SyncClient::resolve(const QString &intentId, Resolution resolution)
{
    const auto intent = m_replica.intent(intentId);
    if (!intent) {
        m_lastError = tr("there is no such queued change");
        return false;
    }
    if (intent->state != QLatin1String(IntentState::Conflict) && intent->state != QLatin1String(IntentState::Failed)) {
        m_lastError = tr("this change is not waiting for a decision");
        return false;
    }
    bool ok = false;
    switch (resolution) {
    case Resolution::Discard:
        ok = m_replica.setIntentState(intentId, QString::fromLatin1(IntentState::Discarded), intent->error, false);
        break;
    case Resolution::Force: {
        QJsonObject payload = intent->payload;
        payload.insert(u"force"_s, true);
        ok = m_replica.updatePayload(intentId, payload)
            && m_replica.setIntentState(intentId, QString::fromLatin1(IntentState::Pending), QString(), false);
        break;
    }
    case Resolution::Retry:
        ok = m_replica.setIntentState(intentId, QString::fromLatin1(IntentState::Pending), QString(), false);
        break;
    }
    if (!ok) {
        m_lastError = m_replica.lastError();
        return false;
    }
    emit intentsChanged();
    emit stateChanged(m_state, m_replica.waitingCount());
    schedule(0);
    return true;
}

} // namespace FrontDesk
