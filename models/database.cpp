#include "models/database.h"

#include "models/migrations.h"
#include "models/sqlsupport.h"

#include <QDir>
#include <QFileInfo>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <atomic>

using namespace Qt::StringLiterals;

namespace FrontDesk {

namespace {

std::atomic<int> s_connectionCounter {0};

QString nextConnectionName()
{
    return u"frontdesk-"_s + QString::number(++s_connectionCounter);
}

constexpr int kDefaultBusyTimeoutMs = 5000;

// SQLite's primary result codes (the driver reports them as the native error code).
constexpr int kSqliteCorrupt = 11;
constexpr int kSqliteNotADatabase = 26;

bool isMemoryPath(const QString &path)
{
    return path == u":memory:"_s;
}

} // namespace

Database::Database(QString connectionName, QString path)
    : m_connectionName(std::move(connectionName))
    , m_path(std::move(path))
    , m_statements(std::make_unique<StatementCache>())
{
}

Database::~Database()
{
    if (m_db.isOpen()) {
        if (m_depth > 0) {
            qCWarning(lcStore).noquote() << u"closing %1 inside an open transaction: rolling it back"_s.arg(m_path);
            QString ignored;
            execControl(u"ROLLBACK"_s, &ignored);
            m_depth = 0;
        }
        m_statements->clear(); // every prepared statement goes before the connection
        m_db.close();
    }
    m_db = QSqlDatabase(); // the last handle must be gone before the connection is removed
    QSqlDatabase::removeDatabase(m_connectionName);
}

std::unique_ptr<Database> Database::openSqlite(const QString &path, QString *error)
{
    return openSqliteAt(path, latestSchemaVersion(), error);
}

std::unique_ptr<Database> Database::openSqliteAt(const QString &path, int targetVersion, QString *error)
{
    const auto fail = [error](const QString &message) -> std::unique_ptr<Database> {
        if (error)
            *error = message;
        return nullptr;
    };
    if (targetVersion < 1 || targetVersion > latestSchemaVersion())
        return fail(u"there is no schema version %1 (this build knows 1 to %2)"_s.arg(targetVersion)
                        .arg(latestSchemaVersion()));
    if (path.isEmpty())
        return fail(u"no path given for the FrontDesk store"_s);
    if (!isMemoryPath(path)) {
        const QFileInfo info(path);
        if (info.isDir())
            return fail(u"cannot open %1: it is a folder, not a FrontDesk store"_s.arg(path));
        if (!info.exists()) {
            const QString folder = info.absolutePath();
            if (!QDir().mkpath(folder))
                return fail(u"cannot create the folder %1 for the FrontDesk store"_s.arg(folder));
        }
    }
    if (!QSqlDatabase::isDriverAvailable(u"QSQLITE"_s))
        return fail(u"the Qt SQLite driver (QSQLITE) is not installed"_s);

    const QString name = nextConnectionName();
    std::unique_ptr<Database> db(new Database(name, path));
    db->m_db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
    db->m_db.setDatabaseName(path);
    db->m_db.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT=%1"_s.arg(kDefaultBusyTimeoutMs));
    if (!db->m_db.open())
        return fail(u"cannot open %1: %2"_s.arg(path, Sql::errorText(db->m_db.lastError())));
    return openChecked(std::move(db), targetVersion, error);
}

std::unique_ptr<Database> Database::openPostgres(const QString &host, int port, const QString &databaseName,
    const QString &user, const QString &password, QString *error)
{
    const auto fail = [error](const QString &message) -> std::unique_ptr<Database> {
        if (error)
            *error = message;
        return nullptr;
    };
    if (!QSqlDatabase::isDriverAvailable(u"QPSQL"_s))
        return fail(u"the Qt PostgreSQL driver (QPSQL) is not installed"_s);
    // The password never goes into the path, the logs or an error message.
    const QString where = u"postgresql://%1@%2:%3/%4"_s.arg(user, host.isEmpty() ? u"localhost"_s : host)
                              .arg(port > 0 ? port : 5432)
                              .arg(databaseName);
    const QString name = nextConnectionName();
    std::unique_ptr<Database> db(new Database(name, where));
    db->m_db = QSqlDatabase::addDatabase(u"QPSQL"_s, name);
    db->m_db.setHostName(host);
    if (port > 0)
        db->m_db.setPort(port);
    db->m_db.setDatabaseName(databaseName);
    db->m_db.setUserName(user);
    db->m_db.setPassword(password);
    db->m_db.setConnectOptions(u"connect_timeout=10"_s);
    if (!db->m_db.open())
        return fail(u"cannot connect to %1: %2"_s.arg(where, Sql::errorText(db->m_db.lastError())));
    return openChecked(std::move(db), latestSchemaVersion(), error);
}

// ---- Team mode (issue #9) ----
namespace {

OpenFailure classifyConnectError(const QSqlError &e)
{
    const QString text = e.databaseText() + u' ' + e.driverText();
    const QString code = e.nativeErrorCode();
    if (code == u"28P01"_s || code == u"28000"_s || text.contains(u"password authentication failed"_s)
        || text.contains(u"no password supplied"_s) || text.contains(u"authentication failed"_s))
        return OpenFailure::AuthenticationFailed;
    if (code == u"3D000"_s || (text.contains(u"database \""_s) && text.contains(u"does not exist"_s)))
        return OpenFailure::NoSuchDatabase;
    static const char *const unreachable[] = {"Connection refused", "could not connect", "timeout expired",
        "could not translate host name", "Network is unreachable", "No route to host", "server closed the connection",
        "Connection timed out", "connection to server"};
    for (const char *needle : unreachable) {
        if (text.contains(QLatin1String(needle), Qt::CaseInsensitive))
            return OpenFailure::Unreachable;
    }
    return OpenFailure::Other;
}

} // namespace

std::unique_ptr<Database> Database::openPostgres(
    const PostgresTarget &target, bool migrate, QString *error, OpenFailure *failure)
{
    const auto fail = [error, failure](OpenFailure kind, const QString &message) -> std::unique_ptr<Database> {
        if (error)
            *error = message;
        if (failure)
            *failure = kind;
        return nullptr;
    };
    if (failure)
        *failure = OpenFailure::None;
    if (!QSqlDatabase::isDriverAvailable(u"QPSQL"_s))
        return fail(OpenFailure::Other, u"the Qt PostgreSQL driver (QPSQL) is not installed"_s);
    const QString host = target.host.isEmpty() ? u"localhost"_s : target.host;
    const int port = target.port > 0 ? target.port : 5432;
    const QString where = u"postgresql://%1@%2:%3/%4"_s.arg(target.user, host).arg(port).arg(target.database);
    const QString name = nextConnectionName();
    std::unique_ptr<Database> db(new Database(name, where));
    db->m_db = QSqlDatabase::addDatabase(u"QPSQL"_s, name);
    db->m_db.setHostName(host);
    db->m_db.setPort(port);
    db->m_db.setDatabaseName(target.database);
    db->m_db.setUserName(target.user);
    db->m_db.setPassword(target.password);
    QString options = u"connect_timeout=%1"_s.arg(qMax(1, target.connectTimeoutSec));
    if (!target.sslMode.isEmpty())
        options += u";sslmode="_s + target.sslMode;
    db->m_db.setConnectOptions(options);
    if (!db->m_db.open()) {
        const QSqlError e = db->m_db.lastError();
        const OpenFailure kind = classifyConnectError(e);
        QString message;
        switch (kind) {
        case OpenFailure::AuthenticationFailed:
            message = u"the server %1 refused the user name or password"_s.arg(where);
            break;
        case OpenFailure::Unreachable:
            message = u"no FrontDesk server answers at %1:%2 (%3)"_s.arg(host).arg(port).arg(Sql::errorText(e));
            break;
        case OpenFailure::NoSuchDatabase:
            message = u"the server at %1:%2 has no database \"%3\""_s.arg(host).arg(port).arg(target.database);
            break;
        default:
            message = u"cannot connect to %1: %2"_s.arg(where, Sql::errorText(e));
        }
        return fail(kind, message);
    }
    if (!migrate) {
        QString problem;
        const std::optional<int> version = db->readVersion(&problem);
        if (!version)
            return fail(OpenFailure::Other, problem);
        if (*version < latestSchemaVersion())
            return fail(OpenFailure::OlderSchema,
                u"the server %1 holds a store at schema %2, older than this desk's %3: upgrade the server first "
                "(start the new frontdesk-engine on it once)"_s.arg(where)
                    .arg(*version)
                    .arg(latestSchemaVersion()));
        if (*version > latestSchemaVersion())
            return fail(OpenFailure::NewerSchema,
                u"the server %1 holds a store at schema %2, written by a newer FrontDesk (this desk knows up to %3): "
                "update FrontDesk on this desk"_s.arg(where)
                    .arg(*version)
                    .arg(latestSchemaVersion()));
    }
    QString problem;
    auto opened = openChecked(std::move(db), latestSchemaVersion(), &problem);
    if (!opened)
        return fail(problem.contains(u"newer FrontDesk"_s) ? OpenFailure::NewerSchema : OpenFailure::Other, problem);
    return opened;
}
// ---- end team mode ----

std::unique_ptr<Database> Database::openChecked(std::unique_ptr<Database> db, int targetVersion, QString *error)
{
    const auto fail = [error](const QString &message) -> std::unique_ptr<Database> {
        if (error)
            *error = message;
        return nullptr;
    };
    QString problem;
    if (!db->setBusyTimeout(kDefaultBusyTimeoutMs))
        return fail(u"cannot open %1: %2"_s.arg(db->m_path, db->m_lastError));

    // Read the version before anything writes: a store we refuse is left exactly as it was.
    const std::optional<int> version = db->readVersion(&problem);
    if (!version)
        return fail(problem);
    if (*version > targetVersion)
        return fail(u"cannot open %1: this store was written by a newer FrontDesk (schema %2, this build knows up "
                    "to %3); update FrontDesk"_s.arg(db->m_path)
                        .arg(*version)
                        .arg(targetVersion));

    if (!db->isPostgres()) {
        QSqlQuery query(db->m_db);
        if (!isMemoryPath(db->m_path)) {
            if (!Sql::execDirect(query, u"setting WAL mode", u"PRAGMA journal_mode = WAL"_s, &problem))
                return fail(u"cannot open %1: %2"_s.arg(db->m_path, problem));
            if (!query.next() || query.value(0).toString().compare(u"wal"_s, Qt::CaseInsensitive) != 0)
                qCWarning(lcStore).noquote() << u"%1 could not be switched to WAL mode; it stays in %2 mode"_s.arg(
                    db->m_path, query.value(0).toString());
            query.finish();
        }
        if (!Sql::execDirect(query, u"setting synchronous mode", u"PRAGMA synchronous = NORMAL"_s, &problem)
            || !Sql::execDirect(query, u"enabling foreign keys", u"PRAGMA foreign_keys = ON"_s, &problem))
            return fail(u"cannot open %1: %2"_s.arg(db->m_path, problem));
    }

    if (!db->migrate(targetVersion, &problem))
        return fail(u"cannot bring %1 to schema %2: %3"_s.arg(db->m_path).arg(targetVersion).arg(problem));
    return db;
}

QString Database::defaultPath()
{
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    if (!QDir().mkpath(folder))
        qCWarning(lcStore).noquote() << u"cannot create the data folder %1"_s.arg(folder);
    return folder + u"/frontdesk.sqlite"_s;
}

QSqlDatabase Database::connection() const
{
    return m_db;
}

bool Database::isPostgres() const
{
    return m_db.driverName() == u"QPSQL"_s;
}

Database::Opener Database::anotherConnection() const
{
    if (isPostgres()) {
        PostgresTarget target;
        target.host = m_db.hostName();
        target.port = m_db.port();
        target.database = m_db.databaseName();
        target.user = m_db.userName();
        target.password = m_db.password();
        const QStringList options = m_db.connectOptions().split(u';', Qt::SkipEmptyParts);
        for (const QString &option : options) {
            const QString key = option.section(u'=', 0, 0).trimmed();
            const QString value = option.section(u'=', 1).trimmed();
            if (key == u"sslmode"_s)
                target.sslMode = value;
            else if (key == u"connect_timeout"_s)
                target.connectTimeoutSec = qMax(1, value.toInt());
        }
        return [target](QString *error) { return openPostgres(target, /*migrate=*/false, error); };
    }
    if (m_path.isEmpty() || isMemoryPath(m_path)) {
        return [](QString *error) -> std::unique_ptr<Database> {
            if (error)
                *error = u"an in-memory store has no second connection"_s;
            return nullptr;
        };
    }
    return [path = m_path](QString *error) { return openSqlite(path, error); };
}

int Database::latestSchemaVersion()
{
    return schemaMigrations().constLast().version;
}

QString Database::migrationDescription(int version)
{
    for (const Migration &m : schemaMigrations()) {
        if (m.version == version)
            return m.description;
    }
    return {};
}

int Database::schemaVersion() const
{
    QString ignored;
    return readVersion(&ignored).value_or(-1);
}

bool Database::tableExists(const QString &table, bool *exists, QString *error) const
{
    QSqlQuery query(m_db);
    const QString sql = isPostgres()
        ? u"SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = ?"_s
        : u"SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = ?"_s;
    if (!Sql::exec(query, u"looking for a table", sql, {table}, error) || !query.next())
        return false;
    *exists = query.value(0).toInt() > 0;
    return true;
}

std::optional<int> Database::readVersion(QString *error) const
{
    const auto fail = [error](const QString &message) -> std::optional<int> {
        if (error)
            *error = message;
        return std::nullopt;
    };
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    // Counting the tables is the first read of the file: it tells an SQLite database from anything else.
    const QString countTables = isPostgres()
        ? u"SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema()"_s
        : u"SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"_s;
    if (!query.exec(countTables) || !query.next()) {
        const QSqlError e = query.lastError();
        const int code = e.nativeErrorCode().toInt();
        if (!isPostgres() && (code == kSqliteNotADatabase || e.databaseText().contains(u"not a database"_s)))
            return fail(
                u"cannot open %1: the file is not a FrontDesk store (it is not an SQLite database)"_s.arg(m_path));
        if (!isPostgres() && code == kSqliteCorrupt)
            return fail(u"cannot open %1: the store is damaged (%2)"_s.arg(m_path, Sql::errorText(e)));
        return fail(u"cannot read %1: %2"_s.arg(m_path, Sql::errorText(e)));
    }
    const int tables = query.value(0).toInt();
    query.finish();

    bool hasMeta = false;
    QString problem;
    if (!tableExists(u"schema_meta"_s, &hasMeta, &problem))
        return fail(u"cannot read %1: %2"_s.arg(m_path, problem));
    if (!hasMeta) {
        if (tables == 0)
            return 0; // a new, empty store
        return fail(u"cannot open %1: it is a database, but not a FrontDesk store (it has no schema_meta table); "
                    "FrontDesk leaves it alone"_s.arg(m_path));
    }
    if (!Sql::exec(query, u"reading the schema version", u"SELECT value FROM schema_meta WHERE key = ?"_s,
            {u"version"_s}, &problem))
        return fail(u"cannot read %1: %2"_s.arg(m_path, problem));
    if (!query.next())
        return fail(
            u"cannot open %1: the store has no schema version (schema_meta is empty); it may be damaged"_s.arg(m_path));
    bool ok = false;
    const int version = query.value(0).toString().toInt(&ok);
    if (!ok || version < 1)
        return fail(u"cannot open %1: the store's schema version '%2' is not a version"_s.arg(
            m_path, query.value(0).toString()));
    return version;
}

bool Database::migrate(QString *error)
{
    return migrate(latestSchemaVersion(), error);
}

bool Database::migrate(int targetVersion, QString *error)
{
    QString problem;
    std::optional<int> current = readVersion(&problem);
    if (!current) {
        if (error)
            *error = problem;
        return false;
    }
    const int startVersion = *current;
    for (const Migration &migration : schemaMigrations()) {
        if (migration.version > targetVersion)
            break;
        if (migration.version <= *current)
            continue;
        if (!begin()) {
            if (error)
                *error = u"cannot start the migration to schema %1: %2"_s.arg(migration.version).arg(m_lastError);
            return false;
        }
        if (isPostgres()) {
            // PostgreSQL's BEGIN takes no lock: serialise migrations explicitly.
            QSqlQuery lock(m_db);
            if (!Sql::execDirect(lock, u"locking the schema",
                    u"SELECT pg_advisory_xact_lock(hashtext('frontdesk.migrate'))"_s, &problem)) {
                rollback();
                if (error)
                    *error = problem;
                return false;
            }
        }
        // Under the write lock now: another connection may have migrated while we waited.
        current = readVersion(&problem);
        if (!current) {
            rollback();
            if (error)
                *error = problem;
            return false;
        }
        if (migration.version <= *current) {
            rollback();
            continue;
        }
        QSqlQuery query(m_db);
        const bool applied = migration.apply(*this, &problem)
            && Sql::exec(query, u"recording the schema version",
                u"INSERT INTO schema_meta (key, value) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value"_s,
                {u"version"_s, QString::number(migration.version)}, &problem);
        query.finish();
        if (!applied) {
            rollback();
            if (error)
                *error = u"migration %1 (%2) failed: %3"_s.arg(migration.version).arg(migration.description, problem);
            return false;
        }
        if (!commit()) {
            if (error)
                *error = u"migration %1 (%2) could not be committed: %3"_s.arg(migration.version)
                             .arg(migration.description, m_lastError);
            return false;
        }
        if (startVersion > 0)
            qCInfo(lcStore).noquote() << u"upgraded %1 from schema %2 to %3 (%4)"_s.arg(m_path)
                                             .arg(*current)
                                             .arg(migration.version)
                                             .arg(migration.description);
        current = migration.version;
    }
    if (startVersion == 0 && *current > 0)
        qCDebug(lcStore).noquote() << u"created %1 at schema %2"_s.arg(m_path).arg(*current);
    return true;
}

bool Database::execControl(const QString &sql, QString *error)
{
    if (isPostgres()) { // PostgreSQL cannot prepare transaction control or SET
        QSqlQuery query(m_db);
        return Sql::execDirect(query, u"transaction control", sql, error);
    }
    Statement statement(*this);
    return statement.exec(u"transaction control", sql, {}, error);
}

bool Database::begin()
{
    if (m_depth == 0) {
        if (!execControl(isPostgres() ? u"BEGIN"_s : u"BEGIN IMMEDIATE"_s, &m_lastError))
            return false;
        // Team mode (issue #9): PostgreSQL's BEGIN takes no lock; the store's one write lock makes it
        // behave as BEGIN IMMEDIATE does on SQLite, and keeps the change log's sequence in commit order.
        if (isPostgres() && !execControl(u"SELECT pg_advisory_xact_lock(hashtext('frontdesk.write'))"_s, &m_lastError)) {
            QString ignored;
            execControl(u"ROLLBACK"_s, &ignored);
            return false;
        }
        m_rollbackOnly = false;
    }
    ++m_depth;
    return true;
}

bool Database::commit()
{
    if (m_depth == 0) {
        m_lastError = u"commit without a transaction"_s;
        qCWarning(lcStore).noquote() << m_lastError;
        return false;
    }
    if (m_depth > 1) {
        --m_depth;
        if (m_rollbackOnly) {
            m_lastError = u"the transaction was rolled back inside and will not be committed"_s;
            return false;
        }
        return true;
    }
    m_depth = 0;
    if (m_rollbackOnly) {
        m_rollbackOnly = false;
        QString ignored;
        execControl(u"ROLLBACK"_s, &ignored);
        m_lastError = u"rolled back: a nested part of the transaction failed"_s;
        return false;
    }
    if (!execControl(u"COMMIT"_s, &m_lastError)) {
        QString ignored;
        execControl(u"ROLLBACK"_s, &ignored);
        return false;
    }
    return true;
}

void Database::rollback()
{
    if (m_depth == 0) {
        qCWarning(lcStore).noquote() << u"rollback without a transaction"_s;
        return;
    }
    --m_depth;
    if (m_depth > 0) {
        m_rollbackOnly = true;
        return;
    }
    m_rollbackOnly = false;
    QString problem;
    if (!execControl(u"ROLLBACK"_s, &problem))
        m_lastError = problem;
}

// ---- Team mode (issue #9) ----
namespace {

bool isSavepointName(const QString &name)
{
    if (name.isEmpty())
        return false;
    for (const QChar c : name) {
        if (!(c.isLetterOrNumber() && c.unicode() < 128) && c != u'_')
            return false;
    }
    return true;
}

} // namespace

bool Database::savepoint(const QString &name)
{
    if (m_depth == 0 || !isSavepointName(name)) {
        m_lastError = u"a savepoint needs an open transaction and a plain name"_s;
        return false;
    }
    return execControl(u"SAVEPOINT "_s + name, &m_lastError);
}

bool Database::rollbackToSavepoint(const QString &name)
{
    if (m_depth == 0 || !isSavepointName(name)) {
        m_lastError = u"a savepoint needs an open transaction and a plain name"_s;
        return false;
    }
    if (!execControl(u"ROLLBACK TO SAVEPOINT "_s + name, &m_lastError))
        return false;
    m_rollbackOnly = false;
    return true;
}

bool Database::releaseSavepoint(const QString &name)
{
    if (m_depth == 0 || !isSavepointName(name)) {
        m_lastError = u"a savepoint needs an open transaction and a plain name"_s;
        return false;
    }
    return execControl(u"RELEASE SAVEPOINT "_s + name, &m_lastError);
}
// ---- end team mode ----

bool Database::setBusyTimeout(int msecs)
{
    msecs = qMax(0, msecs);
    // Neither PRAGMA nor SET take bound parameters; the value is an integer formatted here.
    const QString sql = isPostgres() ? u"SET lock_timeout = %1"_s.arg(msecs) : u"PRAGMA busy_timeout = %1"_s.arg(msecs);
    return execControl(sql, &m_lastError);
}

} // namespace FrontDesk
