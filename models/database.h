#pragma once

#include <QSqlDatabase>
#include <QString>
#include <functional>
#include <memory>
#include <optional>

namespace FrontDesk {

class Statement;
class StatementCache;

// ---- Team mode (issue #9): where the shared PostgreSQL store is, and why opening it failed ----
struct PostgresTarget
{
    QString host;
    int port = 5432;
    QString database;
    QString user;
    QString password; // never logged, never part of an error message
    QString sslMode; // libpq sslmode: disable | allow | prefer | require | verify-ca | verify-full; empty: libpq's default
    int connectTimeoutSec = 10;
};

enum class OpenFailure {
    None,
    Unreachable, // no server answered at host:port (refused, timed out, unknown host)
    AuthenticationFailed, // wrong user or password
    NoSuchDatabase,
    OlderSchema, // the server's store is older than this build and was not to be migrated
    NewerSchema, // written by a newer FrontDesk
    Other,
};
// ---- end team mode ----

// One open store: a named Qt SQL connection, migrated to the latest schema on open.
// SQLite is the embedded default (WAL, foreign keys on); the same migrations are written so they
// run on PostgreSQL (QPSQL) as well.
//
// A Database is used from the thread that opened it (Qt SQL connections are per thread): give
// every thread its own Database; two Databases on one SQLite file are two connections and see
// each other's committed writes.
class Database final
{
public:
    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    // Opens (creating when missing) and migrates. `path` may be ":memory:".
    // A store written by a newer FrontDesk is refused with a message that says so, and left untouched.
    static std::unique_ptr<Database> openSqlite(const QString &path, QString *error);

    // As openSqlite, but migrates no further than `targetVersion` (1 … latestSchemaVersion()).
    // The seam tests and tools use to build a store as an older FrontDesk left it.
    static std::unique_ptr<Database> openSqliteAt(const QString &path, int targetVersion, QString *error);

    // The shared store of team mode (QPSQL driver). Same version check and migrations as SQLite.
    static std::unique_ptr<Database> openPostgres(const QString &host, int port, const QString &databaseName,
        const QString &user, const QString &password, QString *error);

    // Team mode (issue #9): the shared store. With `migrate` false (a desk), a store at an older
    // schema is refused (OlderSchema) and left as it is: the engine's host upgrades the server.
    // *failure tells the kinds of failure apart for the connection dialog.
    static std::unique_ptr<Database> openPostgres(
        const PostgresTarget &target, bool migrate, QString *error, OpenFailure *failure = nullptr);

    // The app's own store in the user's data folder (created on first use).
    static QString defaultPath();

    // The connection, for the item models' own reads; the repositories keep prepared statements on it.
    QSqlDatabase connection() const;
    QString connectionName() const { return m_connectionName; }
    QString path() const { return m_path; }
    bool isPostgres() const;
    // How to open a second connection to the same store (the SQLite file, or the PostgreSQL server as
    // the same user), for a worker thread: the returned function copies what it needs, so it may be
    // called on any thread, and the connection belongs to the thread that calls it. Not migrated (this
    // one already was). The function fails with *error for an in-memory store, which no one else can open.
    using Opener = std::function<std::unique_ptr<Database>(QString *error)>;
    Opener anotherConnection() const;

    int schemaVersion() const; // -1 when it cannot be read
    static int latestSchemaVersion();
    static QString migrationDescription(int version); // what migration `version` does; empty when unknown

    // Transactions nest: only the outermost begin/commit reaches the database; a rollback anywhere
    // rolls back the whole outermost transaction.
    // The outermost begin is "BEGIN IMMEDIATE" on SQLite: it takes the write lock at once (waiting up
    // to the busy timeout), so a check-then-write inside it is atomic across connections and processes.
    // A rollback inside a nested transaction marks the whole transaction rollback-only: the inner
    // commits still return false, and the outermost commit rolls back and returns false.
    bool begin();
    bool commit();
    void rollback();
    int transactionDepth() const { return m_depth; }
    bool isRollbackOnly() const { return m_rollbackOnly; }

    // Team mode (issue #9): savepoints inside the outermost transaction, so that one of many
    // operations in it can fail alone. rollbackToSavepoint() undoes what followed the savepoint,
    // including the rollback-only mark a failed nested transaction left after it.
    bool savepoint(const QString &name);
    bool rollbackToSavepoint(const QString &name);
    bool releaseSavepoint(const QString &name);

    // Why the last begin/commit failed.
    QString lastError() const { return m_lastError; }

    // How long a statement waits for another connection's lock (SQLite busy_timeout, PostgreSQL
    // lock_timeout; 5000 ms unless set).
    bool setBusyTimeout(int msecs);

private:
    friend class Statement; // takes its prepared statements from m_statements

    Database(QString connectionName, QString path);
    bool migrate(QString *error);
    bool migrate(int targetVersion, QString *error);
    // The stored schema version: 0 for an empty store, std::nullopt (with *error) when the store
    // cannot be read or is not a FrontDesk store.
    std::optional<int> readVersion(QString *error) const;
    bool tableExists(const QString &table, bool *exists, QString *error) const;
    bool execControl(const QString &sql, QString *error);
    static std::unique_ptr<Database> openChecked(std::unique_ptr<Database> db, int targetVersion, QString *error);

    QString m_connectionName;
    QString m_path;
    QSqlDatabase m_db;
    std::unique_ptr<StatementCache> m_statements;
    QString m_lastError;
    int m_depth = 0;
    bool m_rollbackOnly = false;
};

// Begins on construction; rolls back on destruction unless commit() was called.
class Transaction final
{
public:
    explicit Transaction(Database &db)
        : m_db(db)
    {
        m_ok = m_db.begin();
    }
    ~Transaction()
    {
        if (m_ok && !m_done)
            m_db.rollback();
    }
    Transaction(const Transaction &) = delete;
    Transaction &operator=(const Transaction &) = delete;
    bool ok() const { return m_ok; }
    bool commit()
    {
        m_done = true;
        return m_ok && m_db.commit();
    }

private:
    Database &m_db;
    bool m_ok = false;
    bool m_done = false;
};

} // namespace FrontDesk
