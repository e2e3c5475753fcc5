#pragma once

#include <QString>
#include <memory>

namespace FrontDesk {

class Clock;
class Database;
class Engine;
class MainWindow;
class SecretStore;
class SyncClient;

// Team mode's composition for the `frontdesk` window: the desk's SQLite replica, the sync link to
// the shared PostgreSQL store (asking for the connection when the desk never synced or has no
// password), and an engine over the replica that only serves the window's reads: in team mode
// every decision is made by frontdesk-engine on the server, and the desk's actions are intentions.
class TeamDeskSession final
{
public:
    struct Options
    {
        QString replicaPath; // the desk's own copy
        QString serverUrl; // postgresql://user@host:5432/database?sslmode=…; empty: the saved one
        QString deskName; // empty: the saved one, else the computer's name
        bool askForConnection = false; // show the connection dialog even when everything is known
        SecretStore *secrets = nullptr; // where the password is kept between runs (the OS keychain); not owned
    };

    // Null with *error (or with *cancelled when the person closed the connection dialog).
    static std::unique_ptr<TeamDeskSession> open(const Options &options, QString *error, bool *cancelled);
    ~TeamDeskSession();
    TeamDeskSession(const TeamDeskSession &) = delete;
    TeamDeskSession &operator=(const TeamDeskSession &) = delete;

    Engine &engine() { return *m_engine; }
    SyncClient &sync() { return *m_sync; }
    QString modeText() const;
    // Hands the link to the window and starts syncing.
    void attach(MainWindow &window);

private:
    TeamDeskSession() = default;

    std::unique_ptr<Clock> m_clock;
    std::unique_ptr<Database> m_replica;
    std::unique_ptr<SyncClient> m_sync;
    std::unique_ptr<Engine> m_engine;
};

} // namespace FrontDesk
