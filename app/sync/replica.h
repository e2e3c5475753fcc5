#pragma once

#include "app/sync/intention.h"

#include <QHash>
#include <QList>
#include <QSqlQuery>
#include <QString>
#include <QStringList>
#include <QVariant>
#include <memory>
#include <optional>

namespace FrontDesk {

class Clock;
class Database;

// One entry of the server's change log (sync_changes).
struct Change
{
    qint64 seq = 0;
    QString table;
    QString op; // "upsert" | "delete"
    QString key;
    QString data; // the row as JSON (upsert)
};

// The desk's local SQLite replica of the shared store: the UI reads it online and offline alike.
// It takes the server's rows (a full copy, then changes by sequence) and keeps the desk's outbox of
// intentions (sync_intents). Every batch of changes and the cursor that follows it are written in
// one transaction: a crash or a lost server in the middle leaves the replica at the batch before.
class Replica final
{
public:
    Replica(Database &db, Clock &clock);
    ~Replica();
    Replica(const Replica &) = delete;
    Replica &operator=(const Replica &) = delete;

    // The tables the server logs, in an order where a parent comes before its children, and the
    // key column of each.
    static const QList<std::pair<QString, QString>> &syncedTables();
    static QString keyColumn(const QString &table); // empty when the table is not synced

    Database &database() { return m_db; }
    QString lastError() const { return m_lastError; }

    qint64 cursor() const; // the last server sequence applied; 0 before the first sync
    QString serverId() const; // the server the replica mirrors; empty before the first sync

    // Applies changes (ordered by seq) and moves the cursor to `cursor`, in one transaction.
    bool applyChanges(const QList<Change> &changes, qint64 cursor);

    // The first full copy (or a copy from another server): begin() empties the synced tables inside
    // a transaction, upsertRow() takes the rows, finish() records the server and the cursor and
    // commits; abort() leaves the replica as it was before begin().
    bool beginFullCopy();
    bool upsertRow(const QString &table, const QString &json);
    bool finishFullCopy(const QString &serverId, qint64 cursor);
    void abortFullCopy();

    // The outbox of intentions.
    bool enqueue(Intention &intent); // assigns position, createdAt; the intent is pending
    QList<Intention> intents(const QStringList &states = {}) const; // by position
    std::optional<Intention> intent(const QString &id) const;
    int waitingCount() const; // pending
    int conflictCount() const; // conflict or failed: waiting for a person
    bool setIntentState(const QString &id, const QString &state, const QString &error, bool countAttempt);
    bool updatePayload(const QString &id, const QJsonObject &payload);

private:
    bool upsert(const QString &table, const QJsonObject &row);
    bool remove(const QString &table, const QString &key);
    bool setState(const QString &key, const QString &value);
    QStringList columnsOf(const QString &table);

    Database &m_db;
    Clock &m_clock;
    QString m_lastError;
    QHash<QString, QStringList> m_columns;
    QHash<QString, std::shared_ptr<QSqlQuery>> m_prepared; // by SQL text
    bool m_copying = false;
};

} // namespace FrontDesk
