#pragma once

// A real PostgreSQL server for the team-mode tests: its own cluster in a temporary folder, on a free
// loopback port, started and stopped by the test. Password authentication over TCP (scram), so a
// wrong password is refused as it would be in a business. When the tests run as root (CI), the
// server runs as the unprivileged user "nobody": PostgreSQL refuses to run as root.

#include "models/database.h"

#include <QProcess>
#include <QString>
#include <QTemporaryDir>
#include <memory>

namespace FrontDesk::Test {

class PostgresFixture final
{
public:
    static constexpr auto kUser = "frontdesk";
    static constexpr auto kPassword = "desk-secret-42";
    static constexpr auto kDatabase = "frontdesk";

    PostgresFixture() = default;
    ~PostgresFixture();
    PostgresFixture(const PostgresFixture &) = delete;
    PostgresFixture &operator=(const PostgresFixture &) = delete;

    // initdb (the first time), start the server and create the database kDatabase.
    bool start(QString *error);
    // A clean (fast) shutdown.
    bool stop();
    // A crash: immediate shutdown (SIGQUIT), no checkpoint; the next start recovers from the WAL.
    bool kill();
    bool restart(QString *error) { return start(error); }
    bool isRunning() const { return m_server && m_server->state() == QProcess::Running; }

    // A fresh, empty database on the running server (each test its own).
    bool createDatabase(const QString &name, QString *error);
    // Runs one statement as the superuser on `database` (for what a test sets up behind the app's back).
    bool exec(const QString &database, const QString &sql, QString *error);

    int port() const { return m_port; }
    PostgresTarget target(const QString &database = QString::fromLatin1(kDatabase)) const;
    QString log() const; // the server's log so far, for a failing test's message

    static bool available(QString *why); // the PostgreSQL binaries are installed

private:
    bool run(const QString &program, const QStringList &arguments, QString *error);
    bool waitReady(QString *error);
    void dropPrivileges(QProcess &process) const;

    std::unique_ptr<QTemporaryDir> m_dir; // made at the first start (under /tmp when running as root)
    std::unique_ptr<QProcess> m_server;
    bool m_initialised = false;
    bool m_created = false;
    int m_port = 0;
    unsigned m_uid = 0;
    unsigned m_gid = 0;
    bool m_asNobody = false;
};

} // namespace FrontDesk::Test
