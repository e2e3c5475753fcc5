#pragma once

#include "app/sync/intentapplier.h"
#include "app/sync/intention.h"
#include "app/sync/replica.h"
#include "models/database.h"

#include <QObject>
#include <QTimer>
#include <memory>

namespace FrontDesk {

class Clock;

struct SyncSettings
{
    PostgresTarget server; // the password comes from the keychain (or FRONTDESK_SERVER_PASSWORD)
    QString deskName; // names the desk in the audit log ("staff:<deskName>")
    int retryMs = 3000; // how soon an offline desk tries the server again
    int pollMs = 2000; // a pull even without a notification: notices a lost server, covers a missed NOTIFY
    int batchSize = 2000; // changes per pull query and per local transaction
    int pushBatchSize = 200; // intentions per server transaction
};

// A desk's link to the shared store. It pulls the server's changes into the replica by sequence
// (a full copy the first time, with progress), woken at once by LISTEN frontdesk_changes, and
// pushes the desk's outbox of intentions in order, each applied by the server exactly once by its
// id. When the server is lost it says so and keeps trying; the replica stays readable and the
// outbox keeps filling.
class SyncClient final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SyncClient)
public:
    enum class State
    {
        Offline,
        Connecting,
        Syncing,
        Online
    };
    Q_ENUM(State)
    enum class Resolution
    {
        Retry,
        Force,
        Discard
    };

    SyncClient(Database &replica, Clock &clock, SyncSettings settings, QObject *parent = nullptr);
    ~SyncClient() override;

    // Connects and syncs now, then keeps at it (notifications, the poll, reconnects).
    void start();
    // Disconnects; the desk is offline until start().
    void stop();
    // One whole round now: connect if needed, full copy if needed, push, pull. False (lastError())
    // when the server could not be reached or failed on the way; nothing is lost either way.
    bool syncOnce();

    // Queues an intention (offline too) and pushes it at the next chance. Returns its id, or an
    // empty string when the replica could not store it (lastError()).
    QString submit(Intention intent);
    // A person's answer to a conflict or failure: try again as it was, apply it anyway (a takeover
    // or text on a conversation another desk holds), or drop it (kept, marked discarded).
    bool resolve(const QString &intentId, Resolution resolution);

    State state() const { return m_state; }
    int waitingCount() const { return m_replica.waitingCount(); }
    int conflictCount() const { return m_replica.conflictCount(); }
    QString lastError() const { return m_lastError; }
    OpenFailure lastFailure() const { return m_lastFailure; }
    Replica &replica() { return m_replica; }
    bool isConnected() const { return m_server != nullptr; }
    const SyncSettings &settings() const { return m_settings; }

    // "online", "offline", "syncing (3 waiting)" for the status bar.
    QString stateText() const;

signals:
    void stateChanged(FrontDesk::SyncClient::State state, int waiting);
    void fullSyncProgress(qint64 done, qint64 total);
    void changesPulled(int count, const QStringList &tables); // after each applied batch
    void changesApplied(const QList<FrontDesk::Change> &changes); // the same batch, row by row
    void fullCopyFinished(); // the replica was copied anew: whoever shows it reads it again
    void intentsChanged(); // an intention was queued, applied, refused or resolved
    void connectionFailed(FrontDesk::OpenFailure failure, const QString &message);

private:
    bool connectServer();
    void dropServer(const QString &why);
    bool fullCopy();
    bool push();
    bool pull();
    void setState(State state);
    void schedule(int ms);

    Database &m_replicaDb;
    Clock &m_clock;
    SyncSettings m_settings;
    Replica m_replica;
    std::unique_ptr<Database> m_server;
    std::unique_ptr<IntentApplier> m_applier;
    QString m_serverId;
    QTimer m_timer;
    State m_state = State::Offline;
    QString m_lastError;
    OpenFailure m_lastFailure = OpenFailure::None;
    bool m_running = false;
    bool m_inRound = false;
    bool m_again = false;
};

} // namespace FrontDesk
