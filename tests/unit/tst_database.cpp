#include "models/database.h"
#include "models/repositories.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <latch>

using namespace FrontDesk;
using namespace Qt::StringLiterals;

namespace {

QByteArray fileBytes(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll();
}

// One statement on a plain connection of its own, outside FrontDesk's Database (to build files the
// way another program or an older FrontDesk left them).
class RawSqlite
{
public:
    explicit RawSqlite(const QString &path)
        : m_name(u"raw-"_s + QString::number(++s_counter))
    {
        m_db = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_name);
        m_db.setDatabaseName(path);
        m_ok = m_db.open();
    }
    ~RawSqlite()
    {
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_name);
    }
    bool ok() const { return m_ok; }
    bool exec(const QString &sql)
    {
        QSqlQuery q(m_db);
        if (!q.exec(sql)) {
            qWarning() << sql << q.lastError().text();
            return false;
        }
        return true;
    }

private:
    static inline int s_counter = 0;
    QString m_name;
    QSqlDatabase m_db;
    bool m_ok = false;
};

QVariant scalar(const Database &db, const QString &sql)
{
    QSqlQuery q(db.connection());
    if (!q.exec(sql) || !q.next())
        return {};
    return q.value(0);
}

QStringList objects(const Database &db, const QString &type)
{
    QSqlQuery q(db.connection());
    QStringList names;
    q.prepare(u"SELECT name FROM sqlite_master WHERE type = ? AND name NOT LIKE 'sqlite%' ORDER BY name"_s);
    q.addBindValue(type);
    if (q.exec()) {
        while (q.next())
            names.append(q.value(0).toString());
    }
    return names;
}

int countRows(const Database &db, const QString &table)
{
    return scalar(db, u"SELECT COUNT(*) FROM "_s + table).toInt();
}

QDateTime utc(int day, int hour, int minute = 0)
{
    return QDateTime(QDate(2026, 3, day), QTime(hour, minute), Qt::UTC);
}

} // namespace

class TestDatabase : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString path(const QString &name) const { return m_dir.filePath(name); }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(Database::latestSchemaVersion() >= 2);
        QVERIFY(!Database::migrationDescription(1).isEmpty());
        QVERIFY(!Database::migrationDescription(Database::latestSchemaVersion()).isEmpty());
        QVERIFY(Database::migrationDescription(Database::latestSchemaVersion() + 1).isEmpty());
    }

    void createsAFreshStore()
    {
        const QString file = path(u"fresh/nested/folder/store.sqlite"_s);
        QString error;
        auto db = Database::openSqlite(file, &error);
        QVERIFY2(db, qPrintable(error));
        QVERIFY(error.isEmpty());
        QVERIFY(QFileInfo::exists(file));
        QCOMPARE(db->path(), file);
        QVERIFY(!db->isPostgres());
        QCOMPARE(db->schemaVersion(), Database::latestSchemaVersion());
        QVERIFY(db->connectionName().startsWith(u"frontdesk-"_s));
        QVERIFY(QSqlDatabase::contains(db->connectionName()));

        QCOMPARE(scalar(*db, u"PRAGMA journal_mode"_s).toString(), u"wal"_s);
        QCOMPARE(scalar(*db, u"PRAGMA foreign_keys"_s).toInt(), 1);
        QCOMPARE(scalar(*db, u"PRAGMA synchronous"_s).toInt(), 1); // NORMAL
        QCOMPARE(scalar(*db, u"PRAGMA busy_timeout"_s).toInt(), 5000);
        QCOMPARE(scalar(*db, u"SELECT value FROM schema_meta WHERE key = 'version'"_s).toString(),
            QString::number(Database::latestSchemaVersion()));

        const QStringList tables = objects(*db, u"table"_s);
        for (const QString &table : {u"schema_meta"_s, u"settings"_s, u"services"_s, u"technicians"_s, u"contacts"_s,
                 u"service_records"_s, u"calls"_s, u"threads"_s, u"messages"_s, u"leads"_s, u"appointments"_s,
                 u"opt_outs"_s, u"outbox"_s, u"audit_log"_s})
            QVERIFY2(tables.contains(table), qPrintable(table));
        const QStringList indexes = objects(*db, u"index"_s);
        for (const QString &index : {u"messages_thread_at"_s, u"appointments_technician_start"_s,
                 u"outbox_status_due"_s, u"threads_activity"_s, u"audit_log_subject"_s})
            QVERIFY2(indexes.contains(index), qPrintable(index));

        const QString name = db->connectionName();
        db.reset();
        QVERIFY(!QSqlDatabase::contains(name)); // the destructor removed the connection
        QVERIFY(!QFileInfo::exists(file + u"-wal"_s)); // closed cleanly: the WAL was checkpointed away
    }

    void sortsThreadsThroughTheActivityIndex()
    {
        QString error;
        auto db = Database::openSqlite(path(u"plan.sqlite"_s), &error);
        QVERIFY2(db, qPrintable(error));
        QSqlQuery q(db->connection());
        QVERIFY(q.exec(u"EXPLAIN QUERY PLAN SELECT id FROM threads ORDER BY COALESCE(last_message_at, created_at) "
                       "DESC LIMIT 20"_s));
        QString plan;
        while (q.next())
            plan += q.value(3).toString() + u'\n';
        QVERIFY2(plan.contains(u"threads_activity"_s), qPrintable(plan));
        QVERIFY2(!plan.contains(u"TEMP B-TREE"_s), qPrintable(plan));
    }

    void opensInMemory()
    {
        QString error;
        auto a = Database::openSqlite(u":memory:"_s, &error);
        QVERIFY2(a, qPrintable(error));
        auto b = Database::openSqlite(u":memory:"_s, &error);
        QVERIFY2(b, qPrintable(error));
        QVERIFY(a->connectionName() != b->connectionName());
        QCOMPARE(a->schemaVersion(), Database::latestSchemaVersion());
        QCOMPARE(scalar(*a, u"PRAGMA journal_mode"_s).toString(), u"memory"_s);
        QCOMPARE(scalar(*a, u"PRAGMA foreign_keys"_s).toInt(), 1);
        // Two in-memory stores are two different databases.
        SettingsRepository(*a).setValue(u"k"_s, u"a"_s);
        QVERIFY(!SettingsRepository(*b).value(u"k"_s));
    }

    // A worker's second connection: the same file, opened on the worker's own thread; none for a
    // store in memory, which only its one connection can see.
    void opensAnotherConnectionOnAWorkerThread()
    {
        QString error;
        auto db = Database::openSqlite(path(u"another.sqlite"_s), &error);
        QVERIFY2(db, qPrintable(error));
        QVERIFY(SettingsRepository(*db).setValue(u"k"_s, u"seen"_s));
        const Database::Opener opener = db->anotherConnection();
        QString seen;
        std::unique_ptr<QThread> worker(QThread::create([&] {
            auto other = opener(&error);
            if (other)
                seen = SettingsRepository(*other).value(u"k"_s).value_or(QString());
        }));
        worker->start();
        QVERIFY(worker->wait(30000));
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(seen, u"seen"_s);

        auto memory = Database::openSqlite(u":memory:"_s, &error);
        QVERIFY2(memory, qPrintable(error));
        QVERIFY(!memory->anotherConnection()(&error));
        QVERIFY(error.contains(u"in-memory"_s));
    }

    void reopensWithItsData()
    {
        const QString file = path(u"reopen.sqlite"_s);
        QString error;
        {
            auto db = Database::openSqlite(file, &error);
            QVERIFY2(db, qPrintable(error));
            QVERIFY(SettingsRepository(*db).setValue(u"greeting"_s, u"hello"_s));
        }
        const QByteArray before = fileBytes(file);
        auto db = Database::openSqlite(file, &error);
        QVERIFY2(db, qPrintable(error));
        QCOMPARE(db->schemaVersion(), Database::latestSchemaVersion());
        QCOMPARE(SettingsRepository(*db).value(u"greeting"_s).value_or(QString()), u"hello"_s);
        QCOMPARE(countRows(*db, u"schema_meta"_s), 1);
        db.reset();
        QCOMPARE(fileBytes(file), before); // opening a current store migrates nothing
    }

    void upgradesFromVersion1()
    {
        const QString file = path(u"v1.sqlite"_s);
        QString error;
        {
            auto v1 = Database::openSqliteAt(file, 1, &error);
            QVERIFY2(v1, qPrintable(error));
            QCOMPARE(v1->schemaVersion(), 1);
            QVERIFY(!objects(*v1, u"table"_s).contains(u"audit_log"_s));
            // Rows as FrontDesk 1 wrote them (its own columns only).
            QSqlQuery q(v1->connection());
            const QStringList rows = {
                u"INSERT INTO contacts (id, phone, name, created_at) VALUES "
                "('c1', '+14045551234', 'José Núñez', '2026-01-05T10:00:00.000Z'), "
                "('c2', '+14045559999', 'Ann Lee', '2026-01-06T10:00:00.000Z')"_s,
                u"INSERT INTO service_records (id, contact_id, service_id, service_date, value) VALUES "
                "('r1', 'c1', 'maintenance', '2025-10-01', 129)"_s,
                u"INSERT INTO threads (id, phone, contact_id, state, outcome, created_at, last_message_at, "
                "last_message_preview, agent_state) VALUES "
                "('t1', '+14045551234', 'c1', 'ai', 'booked', '2026-03-02T14:00:00.000Z', '2026-03-02T14:05:00.000Z', "
                "'Booked!', '{\"offered\":[1,2]}'), "
                "('t2', '+14045559999', 'c2', 'ai', 'open', '2026-03-02T15:00:00.000Z', NULL, '', '{}')"_s,
                u"INSERT INTO messages (id, thread_id, seq, direction, author, body, at, status, provider_sid) VALUES "
                "('m1', 't1', 1, 'in', 'customer', 'my AC is out', '2026-03-02T14:01:00.000Z', 'received', 'SM1')"_s,
                u"INSERT INTO leads (thread_id, service, zip, urgency, name, when_text, existing_customer, in_area) "
                "VALUES ('t1', 'ac-repair', '30307', 'normal', 'José', 'tomorrow morning', 1, 1), "
                "('t2', 'maintenance', '30097', 'normal', 'Ann', '', 0, 0)"_s,
                u"INSERT INTO appointments (id, thread_id, contact_id, phone, service_id, technician_id, start_at, "
                "end_at, status) VALUES ('a1', 't1', 'c1', '+14045551234', 'ac-repair', 'marcus', "
                "'2026-03-03T13:00:00.000Z', '2026-03-03T15:00:00.000Z', 'booked')"_s,
            };
            for (const QString &sql : rows)
                QVERIFY2(q.exec(sql), qPrintable(q.lastError().text()));
        }

        auto db = Database::openSqlite(file, &error);
        QVERIFY2(db, qPrintable(error));
        QCOMPARE(db->schemaVersion(), Database::latestSchemaVersion());
        QCOMPARE(scalar(*db, u"PRAGMA journal_mode"_s).toString(), u"wal"_s);

        // v1 data kept.
        ContactRepository contacts(*db);
        QCOMPARE(contacts.count(), 2);
        const auto jose = contacts.findByPhone(u"+14045551234"_s);
        QVERIFY(jose);
        QCOMPARE(jose->name, u"José Núñez"_s);
        QCOMPARE(jose->history.size(), 1);
        QCOMPARE(jose->history.first().date, QDate(2025, 10, 1));
        ThreadRepository threads(*db);
        const auto t1 = threads.byId(u"t1"_s);
        QVERIFY(t1);
        QCOMPARE(t1->lastMessagePreview, u"Booked!"_s);
        QCOMPARE(t1->agentState.value(u"offered"_s).toArray().size(), 2);
        QCOMPARE(threads.messages(u"t1"_s).size(), 1);
        QVERIFY(AppointmentRepository(*db).activeForThread(u"t1"_s));

        // v2: the qualified flag, backfilled from the appointments.
        LeadRepository leads(*db);
        const auto lead1 = leads.byThread(u"t1"_s);
        const auto lead2 = leads.byThread(u"t2"_s);
        QVERIFY(lead1 && lead2);
        QVERIFY(lead1->qualified);
        QVERIFY(!lead2->qualified);
        QCOMPARE(lead1->when, u"tomorrow morning"_s);
        QVERIFY(!lead2->inArea);

        // v2: accent-insensitive search over the backfilled names.
        const auto found = contacts.search(u"jose nunez"_s, 10);
        QCOMPARE(found.size(), 1);
        QCOMPARE(found.first().id, u"c1"_s);

        // v2: the audit log and the indexes.
        AuditRepository audit(*db);
        QVERIFY2(
            audit.append({0, utc(2, 16), u"system"_s, u"upgraded"_s, u"store"_s, {}}), qPrintable(audit.lastError()));
        QCOMPARE(audit.recent(10).size(), 1);
        const QStringList indexes = objects(*db, u"index"_s);
        QVERIFY(indexes.contains(u"threads_activity"_s));
        QVERIFY(indexes.contains(u"contacts_search_name"_s));
        QVERIFY(indexes.contains(u"calls_at"_s));
    }

    void refusesANewerStoreUntouched_data()
    {
        QTest::addColumn<bool>("wal");
        QTest::newRow("rollback journal") << false;
        QTest::newRow("wal") << true;
    }
    void refusesANewerStoreUntouched()
    {
        QFETCH(bool, wal);
        const QString file = path(wal ? u"newer-wal.sqlite"_s : u"newer.sqlite"_s);
        const int newer = Database::latestSchemaVersion() + 3;
        {
            // As a later FrontDesk would leave it: its own schema_meta, a version we do not know.
            RawSqlite raw(file);
            QVERIFY(raw.ok());
            QVERIFY(raw.exec(wal ? u"PRAGMA journal_mode = WAL"_s : u"PRAGMA journal_mode = DELETE"_s));
            QVERIFY(raw.exec(u"CREATE TABLE schema_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)"_s));
            QVERIFY(raw.exec(u"CREATE TABLE future_things (id TEXT PRIMARY KEY)"_s));
            QVERIFY(raw.exec(u"INSERT INTO schema_meta VALUES ('version', '%1')"_s.arg(newer)));
        }
        const QByteArray before = fileBytes(file);
        QVERIFY(!before.isEmpty());
        QCOMPARE(int(before.at(18)), wal ? 2 : 1); // SQLite header: 1 = rollback journal, 2 = WAL
        // An hour in the past: any write by the open below would move it to now, no sleep needed.
        const QDateTime mtime = QDateTime::currentDateTimeUtc().addSecs(-3600);
        {
            QFile f(file);
            QVERIFY(f.open(QIODevice::ReadWrite));
            QVERIFY(f.setFileTime(mtime, QFileDevice::FileModificationTime));
        }

        QString error;
        auto db = Database::openSqlite(file, &error);
        QVERIFY(!db);
        QVERIFY2(
            error.contains(
                u"written by a newer FrontDesk (schema %1, this build knows up to %2); update FrontDesk"_s.arg(newer)
                    .arg(Database::latestSchemaVersion())),
            qPrintable(error));
        QCOMPARE(fileBytes(file), before);
        QCOMPARE(QFileInfo(file).lastModified().toUTC(), mtime);
        QVERIFY(!QFileInfo::exists(file + u"-wal"_s));
        QVERIFY(!QFileInfo::exists(file + u"-journal"_s));
    }

    void refusesAStoreNewerThanTheTarget()
    {
        const QString file = path(u"target.sqlite"_s);
        QString error;
        QVERIFY(Database::openSqlite(file, &error));
        QVERIFY(!Database::openSqliteAt(file, 1, &error));
        QVERIFY2(error.contains(u"schema %1, this build knows up to 1"_s.arg(Database::latestSchemaVersion())),
            qPrintable(error));
        QVERIFY(!Database::openSqliteAt(file, 0, &error));
        QVERIFY(!Database::openSqliteAt(file, Database::latestSchemaVersion() + 1, &error));
        QVERIFY2(error.contains(u"no schema version"_s), qPrintable(error));
    }

    void refusesWhatIsNotAStore_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("expected");
        QTest::newRow("text") << QByteArray("name,phone\nJane,+14045551234\n").repeated(40)
                              << u"not an SQLite database"_s;
        QByteArray garbage(8192, '\0');
        for (int i = 0; i < garbage.size(); ++i)
            garbage[i] = char((i * 131 + 7) % 251);
        QTest::newRow("binary") << garbage << u"not an SQLite database"_s;
    }
    void refusesWhatIsNotAStore()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, expected);
        const QString file = path(u"not-a-store-%1.bin"_s.arg(QString::fromLatin1(QTest::currentDataTag())));
        {
            QFile f(file);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(content);
        }
        QString error;
        auto db = Database::openSqlite(file, &error);
        QVERIFY(!db);
        QVERIFY2(error.contains(expected), qPrintable(error));
        QVERIFY2(error.contains(file), qPrintable(error));
        QCOMPARE(fileBytes(file), content);
    }

    void refusesAnotherProgramsDatabase()
    {
        const QString file = path(u"someone-else.sqlite"_s);
        {
            RawSqlite raw(file);
            QVERIFY(raw.ok());
            QVERIFY(raw.exec(u"CREATE TABLE recipes (id INTEGER PRIMARY KEY, name TEXT)"_s));
            QVERIFY(raw.exec(u"INSERT INTO recipes (name) VALUES ('pie')"_s));
        }
        const QByteArray before = fileBytes(file);
        QString error;
        QVERIFY(!Database::openSqlite(file, &error));
        QVERIFY2(error.contains(u"not a FrontDesk store"_s), qPrintable(error));
        QCOMPARE(fileBytes(file), before);
    }

    void refusesAFolderAndAnEmptyPath()
    {
        QString error;
        QVERIFY(!Database::openSqlite(m_dir.path(), &error));
        QVERIFY2(error.contains(u"folder"_s), qPrintable(error));
        QVERIFY(!Database::openSqlite(QString(), &error));
        QVERIFY(!error.isEmpty());
    }

    void nestedTransactionsCommitOnlyAtTheOutermost()
    {
        QString error;
        auto db = Database::openSqlite(path(u"tx.sqlite"_s), &error);
        QVERIFY2(db, qPrintable(error));
        SettingsRepository settings(*db);

        QVERIFY(db->begin());
        QVERIFY(db->begin());
        QCOMPARE(db->transactionDepth(), 2);
        QVERIFY(settings.setValue(u"a"_s, u"1"_s));
        QVERIFY(db->commit()); // inner: nothing reaches the database yet
        QCOMPARE(db->transactionDepth(), 1);
        {
            // Another connection does not see it before the outermost commit.
            auto other = Database::openSqlite(db->path(), &error);
            QVERIFY2(other, qPrintable(error));
            QVERIFY(!SettingsRepository(*other).value(u"a"_s));
        }
        QVERIFY(db->commit());
        QCOMPARE(db->transactionDepth(), 0);
        QCOMPARE(settings.value(u"a"_s).value_or(QString()), u"1"_s);

        QVERIFY(!db->commit()); // nothing open
        QVERIFY(!db->lastError().isEmpty());
        db->rollback(); // harmless
        QCOMPARE(db->transactionDepth(), 0);
    }

    void nestedRollbackMakesTheWholeTransactionRollbackOnly()
    {
        QString error;
        auto db = Database::openSqlite(path(u"rollback-only.sqlite"_s), &error);
        QVERIFY2(db, qPrintable(error));
        SettingsRepository settings(*db);

        QVERIFY(db->begin());
        QVERIFY(settings.setValue(u"outer"_s, u"1"_s));
        QVERIFY(db->begin());
        QVERIFY(settings.setValue(u"inner"_s, u"1"_s));
        db->rollback();
        QVERIFY(db->isRollbackOnly());
        QVERIFY(db->begin()); // a later nested part still runs …
        QVERIFY(!db->commit()); // … but its commit reports the doomed transaction
        QVERIFY(!db->commit()); // the outermost commit rolls everything back
        QCOMPARE(db->transactionDepth(), 0);
        QVERIFY(!db->isRollbackOnly());
        QVERIFY(!settings.value(u"outer"_s));
        QVERIFY(!settings.value(u"inner"_s));

        // The next transaction starts clean.
        QVERIFY(db->begin());
        QVERIFY(settings.setValue(u"after"_s, u"1"_s));
        QVERIFY(db->commit());
        QVERIFY(settings.value(u"after"_s));

        // The RAII guard rolls back what it did not commit.
        {
            Transaction tx(*db);
            QVERIFY(tx.ok());
            QVERIFY(settings.setValue(u"guarded"_s, u"1"_s));
        }
        QVERIFY(!settings.value(u"guarded"_s));
        {
            Transaction tx(*db);
            QVERIFY(settings.setValue(u"guarded"_s, u"2"_s));
            QVERIFY(tx.commit());
        }
        QCOMPARE(settings.value(u"guarded"_s).value_or(QString()), u"2"_s);
    }

    void outermostBeginTakesTheWriteLock()
    {
        QString error;
        auto a = Database::openSqlite(path(u"lock.sqlite"_s), &error);
        QVERIFY2(a, qPrintable(error));
        auto b = Database::openSqlite(a->path(), &error);
        QVERIFY2(b, qPrintable(error));
        QVERIFY(b->setBusyTimeout(50));

        QVERIFY(a->begin()); // BEGIN IMMEDIATE: locked before a's first write
        QVERIFY(!b->begin());
        QVERIFY2(
            b->lastError().contains(u"locked"_s) || b->lastError().contains(u"busy"_s), qPrintable(b->lastError()));
        QCOMPARE(b->transactionDepth(), 0);
        SettingsRepository bSettings(*b);
        QVERIFY(!bSettings.setValue(u"x"_s, u"b"_s));
        QVERIFY(bSettings.value(u"x"_s) == std::nullopt); // reading still works under WAL
        QVERIFY(a->commit());
        QVERIFY(b->begin());
        QVERIFY(bSettings.setValue(u"x"_s, u"b"_s));
        QVERIFY(b->commit());
    }

    void closingInsideATransactionRollsBack()
    {
        const QString file = path(u"close-open.sqlite"_s);
        QString error;
        {
            auto db = Database::openSqlite(file, &error);
            QVERIFY2(db, qPrintable(error));
            QVERIFY(db->begin());
            QVERIFY(SettingsRepository(*db).setValue(u"unfinished"_s, u"1"_s));
            QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"inside an open transaction"_s));
        }
        auto db = Database::openSqlite(file, &error);
        QVERIFY2(db, qPrintable(error));
        QVERIFY(!SettingsRepository(*db).value(u"unfinished"_s));
        QVERIFY(db->begin()); // and the file is not left locked
        QVERIFY(db->commit());
    }

    void concurrentFirstOpenMigratesOnce()
    {
        const QString file = path(u"race-open.sqlite"_s);
        constexpr int n = 4;
        std::latch start(n);
        QList<QString> errors(n);
        QList<int> versions(n, 0);
        QList<QThread *> threads;
        for (int i = 0; i < n; ++i) {
            threads.append(QThread::create([&, i] {
                start.arrive_and_wait();
                QString error;
                auto db = Database::openSqlite(file, &error);
                errors[i] = error;
                versions[i] = db ? db->schemaVersion() : -1;
            }));
            threads.last()->start();
        }
        for (QThread *t : threads) {
            QVERIFY(t->wait(60000));
            delete t;
        }
        for (int i = 0; i < n; ++i) {
            QVERIFY2(errors.at(i).isEmpty(), qPrintable(errors.at(i)));
            QCOMPARE(versions.at(i), Database::latestSchemaVersion());
        }
    }

    // Runs when FRONTDESK_TEST_PG_DB names a scratch PostgreSQL database (FRONTDESK_TEST_PG_HOST,
    // _PORT, _USER, _PASSWORD optional): the same migrations, version check and transactions there.
    void postgresStore()
    {
        if (!qEnvironmentVariableIsSet("FRONTDESK_TEST_PG_DB"))
            QSKIP("set FRONTDESK_TEST_PG_DB (a scratch database) to run against PostgreSQL");
        const auto open = [](QString *error) {
            return Database::openPostgres(qEnvironmentVariable("FRONTDESK_TEST_PG_HOST", u"127.0.0.1"_s),
                qEnvironmentVariableIntValue("FRONTDESK_TEST_PG_PORT"), qEnvironmentVariable("FRONTDESK_TEST_PG_DB"),
                qEnvironmentVariable("FRONTDESK_TEST_PG_USER"), qEnvironmentVariable("FRONTDESK_TEST_PG_PASSWORD"),
                error);
        };
        QString error;
        {
            auto db = open(&error);
            QVERIFY2(db, qPrintable(error));
            QSqlQuery q(db->connection());
            QVERIFY2(
                q.exec(u"DROP TABLE IF EXISTS audit_log, outbox, opt_outs, appointments, leads, messages, threads, "
                       "calls, service_records, contacts, technicians, services, settings, schema_meta CASCADE"_s),
                qPrintable(q.lastError().text()));
        }
        // Four connections create the schema at once: one migrates, the others wait and find it done.
        constexpr int n = 4;
        std::latch start(n);
        QList<QString> errors(n);
        QList<QThread *> threads;
        for (int i = 0; i < n; ++i) {
            threads.append(QThread::create([&, i] {
                start.arrive_and_wait();
                QString e;
                auto db = open(&e);
                errors[i] = db ? QString() : e;
            }));
            threads.last()->start();
        }
        for (QThread *t : threads) {
            QVERIFY(t->wait(60000));
            delete t;
        }
        for (const QString &e : errors)
            QVERIFY2(e.isEmpty(), qPrintable(e));

        auto db = open(&error);
        QVERIFY2(db, qPrintable(error));
        QVERIFY(db->isPostgres());
        QVERIFY(!db->path().contains(qEnvironmentVariable("FRONTDESK_TEST_PG_PASSWORD", u"\n"_s)));
        QCOMPARE(db->schemaVersion(), Database::latestSchemaVersion());
        QCOMPARE(scalar(*db, u"SELECT COUNT(*) FROM schema_meta"_s).toInt(), 1);

        // Nested transactions and rollback-only, as on SQLite.
        SettingsRepository settings(*db);
        QVERIFY(db->begin());
        QVERIFY(settings.setValue(u"outer"_s, u"1"_s));
        QVERIFY(db->begin());
        db->rollback();
        QVERIFY(!db->commit());
        QVERIFY(!settings.value(u"outer"_s));
        QVERIFY(settings.setValue(u"kept"_s, u"1"_s));

        // A newer schema is refused and left as it was.
        {
            QSqlQuery q(db->connection());
            QVERIFY(q.exec(u"UPDATE schema_meta SET value = '%1' WHERE key = 'version'"_s.arg(
                Database::latestSchemaVersion() + 1)));
        }
        QVERIFY(!open(&error));
        QVERIFY2(error.contains(u"written by a newer FrontDesk (schema %1"_s.arg(Database::latestSchemaVersion() + 1)),
            qPrintable(error));
        QCOMPARE(scalar(*db, u"SELECT value FROM schema_meta WHERE key = 'version'"_s).toInt(),
            Database::latestSchemaVersion() + 1);
        QCOMPARE(settings.value(u"kept"_s).value_or(QString()), u"1"_s);
        {
            QSqlQuery q(db->connection());
            QVERIFY(q.exec(
                u"UPDATE schema_meta SET value = '%1' WHERE key = 'version'"_s.arg(Database::latestSchemaVersion())));
        }
        QVERIFY2(open(&error), qPrintable(error));
    }

    void defaultPathIsInTheDataFolder()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(u"FrontDesk"_s);
        QCoreApplication::setApplicationName(u"FrontDesk"_s);
        const QString file = Database::defaultPath();
        QVERIFY(file.endsWith(u"/frontdesk.sqlite"_s));
        QVERIFY(file.startsWith(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)));
        QVERIFY(QFileInfo(file).absoluteDir().exists());
    }
};

QTEST_GUILESS_MAIN(TestDatabase)
#include "tst_database.moc"
