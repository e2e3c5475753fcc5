#include "postgresfixture.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTcpServer>
#include <QThread>
#include <grp.h>
#include <pwd.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace FrontDesk::Test {

namespace {

const QString kBin = u"/usr/lib/postgresql/15/bin/"_s;

int freePort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        return 0;
    return probe.serverPort();
}

} // namespace

PostgresFixture::~PostgresFixture()
{
    stop();
}

bool PostgresFixture::available(QString *why)
{
    for (const char *tool : {"initdb", "postgres"}) {
        if (!QFile::exists(kBin + QLatin1String(tool))) {
            if (why)
                *why = u"PostgreSQL 15 is not installed (%1 missing)"_s.arg(kBin + QLatin1String(tool));
            return false;
        }
    }
    if (!QSqlDatabase::isDriverAvailable(u"QPSQL"_s)) {
        if (why)
            *why = u"the Qt PostgreSQL driver (QPSQL) is not installed"_s;
        return false;
    }
    return true;
}

void PostgresFixture::dropPrivileges(QProcess &process) const
{
    if (!m_asNobody)
        return;
    const uid_t uid = m_uid;
    const gid_t gid = m_gid;
    process.setChildProcessModifier([uid, gid] {
        // Runs in the child between fork and exec: only async-signal-safe calls.
        if (::setgroups(0, nullptr) != 0 || ::setgid(gid) != 0 || ::setuid(uid) != 0)
            ::_exit(126);
    });
}

bool PostgresFixture::run(const QString &program, const QStringList &arguments, QString *error)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    dropPrivileges(process);
    process.start(program, arguments);
    if (!process.waitForFinished(120000) || process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        if (error)
            *error = u"%1 failed: %2"_s.arg(program, QString::fromLocal8Bit(process.readAll()));
        return false;
    }
    return true;
}

QString PostgresFixture::log() const
{
    if (!m_dir)
        return {};
    QFile file(m_dir->filePath(u"server.log"_s));
    return file.open(QIODevice::ReadOnly) ? QString::fromLocal8Bit(file.readAll()) : QString();
}

bool PostgresFixture::start(QString *error)
{
    if (isRunning())
        return true;
    if (!available(error))
        return false;
    if (!m_initialised) {
        // The unprivileged user the server runs as (when we are root) must reach its folder: every
        // folder above it must be searchable, which /tmp is and a private TMPDIR may not be.
        m_dir = std::make_unique<QTemporaryDir>(
            ::geteuid() == 0 ? u"/tmp/frontdesk-pg-XXXXXX"_s : QDir::tempPath() + u"/frontdesk-pg-XXXXXX"_s);
        if (!m_dir->isValid()) {
            *error = u"cannot create a temporary folder: %1"_s.arg(m_dir->errorString());
            return false;
        }
        if (::geteuid() == 0) {
            const passwd *nobody = ::getpwnam("nobody");
            if (!nobody) {
                *error = u"running as root and there is no user 'nobody' to run PostgreSQL as"_s;
                return false;
            }
            m_asNobody = true;
            m_uid = nobody->pw_uid;
            m_gid = nobody->pw_gid;
            if (::chown(QFile::encodeName(m_dir->path()).constData(), m_uid, m_gid) != 0) {
                *error = u"cannot hand %1 to the user nobody"_s.arg(m_dir->path());
                return false;
            }
        }
        QFile pw(m_dir->filePath(u"pwfile"_s));
        if (!pw.open(QIODevice::WriteOnly) || pw.write(kPassword) < 0) {
            *error = u"cannot write the password file"_s;
            return false;
        }
        pw.close();
        if (m_asNobody) [[maybe_unused]]
            const int ignored = ::chown(QFile::encodeName(pw.fileName()).constData(), m_uid, m_gid);
        if (!run(kBin + u"initdb"_s,
                {u"-D"_s, m_dir->filePath(u"data"_s), u"-U"_s, QString::fromLatin1(kUser), u"--auth-local=trust"_s,
                    u"--auth-host=scram-sha-256"_s, u"--pwfile"_s, pw.fileName(), u"-E"_s, u"UTF8"_s, u"--no-sync"_s,
                    u"--locale=C"_s},
                error))
            return false;
        m_initialised = true;
        m_port = freePort();
        if (m_port == 0) {
            *error = u"no free loopback port"_s;
            return false;
        }
    }
    m_server = std::make_unique<QProcess>();
    m_server->setProcessChannelMode(QProcess::MergedChannels);
    m_server->setStandardOutputFile(m_dir->filePath(u"server.log"_s), QIODevice::Append);
    dropPrivileges(*m_server);
    m_server->start(kBin + u"postgres"_s,
        {u"-D"_s, m_dir->filePath(u"data"_s), u"-k"_s, m_dir->path(), u"-c"_s, u"listen_addresses=127.0.0.1"_s, u"-p"_s,
            QString::number(m_port), u"-F"_s, u"-c"_s, u"max_connections=60"_s});
    if (!m_server->waitForStarted(10000)) {
        *error = u"cannot start postgres: %1"_s.arg(m_server->errorString());
        return false;
    }
    return waitReady(error);
}

bool PostgresFixture::waitReady(QString *error)
{
    const QDeadlineTimer deadline(30000);
    QString last;
    while (!deadline.hasExpired()) {
        if (m_server->state() != QProcess::Running) {
            *error = u"postgres exited: %1"_s.arg(log());
            return false;
        }
        bool ready = false;
        {
            const QString name = u"frontdesk-fixture-probe"_s;
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QPSQL"_s, name);
            db.setHostName(u"127.0.0.1"_s);
            db.setPort(m_port);
            db.setUserName(QString::fromLatin1(kUser));
            db.setPassword(QString::fromLatin1(kPassword));
            db.setDatabaseName(u"postgres"_s);
            db.setConnectOptions(u"connect_timeout=2"_s);
            if (db.open()) {
                ready = true;
                if (!m_created) {
                    QSqlQuery query(db);
                    if (!query.exec(u"CREATE DATABASE %1"_s.arg(QString::fromLatin1(kDatabase)))) {
                        last = query.lastError().text();
                        ready = false;
                    } else {
                        m_created = true;
                    }
                }
                db.close();
            } else {
                last = db.lastError().text();
            }
            db = QSqlDatabase();
            QSqlDatabase::removeDatabase(name);
        }
        if (ready)
            return true;
        QThread::msleep(100);
    }
    *error = u"postgres did not become ready: %1\n%2"_s.arg(last, log());
    return false;
}

bool PostgresFixture::stop()
{
    if (!m_server)
        return true;
    if (m_server->state() == QProcess::Running) {
        ::kill(pid_t(m_server->processId()), SIGINT); // fast shutdown
        if (!m_server->waitForFinished(30000)) {
            ::kill(pid_t(m_server->processId()), SIGKILL);
            m_server->waitForFinished(5000);
        }
    }
    m_server.reset();
    return true;
}

bool PostgresFixture::kill()
{
    if (!m_server || m_server->state() != QProcess::Running)
        return false;
    ::kill(pid_t(m_server->processId()), SIGQUIT); // immediate shutdown: every backend dies at once
    const bool gone = m_server->waitForFinished(30000);
    m_server.reset();
    return gone;
}

bool PostgresFixture::createDatabase(const QString &name, QString *error)
{
    return exec(u"postgres"_s, u"CREATE DATABASE %1"_s.arg(name), error);
}

bool PostgresFixture::exec(const QString &database, const QString &sql, QString *error)
{
    const QString connection = u"frontdesk-fixture-admin"_s;
    bool ok = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QPSQL"_s, connection);
        db.setHostName(u"127.0.0.1"_s);
        db.setPort(m_port);
        db.setUserName(QString::fromLatin1(kUser));
        db.setPassword(QString::fromLatin1(kPassword));
        db.setDatabaseName(database);
        if (!db.open()) {
            *error = db.lastError().text();
        } else {
            QSqlQuery query(db);
            ok = query.exec(sql);
            if (!ok)
                *error = query.lastError().text();
            query.finish();
            db.close();
        }
    }
    QSqlDatabase::removeDatabase(connection);
    return ok;
}

PostgresTarget PostgresFixture::target(const QString &database) const
{
    PostgresTarget t;
    t.host = u"127.0.0.1"_s;
    t.port = m_port;
    t.database = database;
    t.user = QString::fromLatin1(kUser);
    t.password = QString::fromLatin1(kPassword);
    t.sslMode = u"disable"_s;
    t.connectTimeoutSec = 3;
    return t;
}

} // namespace FrontDesk::Test
