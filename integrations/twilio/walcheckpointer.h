#pragma once

#include <QObject>
#include <QString>
#include <QThread>
#include <memory>

namespace FrontDesk {

class Database;

// Keeps SQLite's checkpoints off the engine's thread. A WAL store checkpoints by itself in the
// connection that commits, which then waits for the disk (fsync, ~10 ms and more on a busy disk):
// a missed call arriving at that moment waits too. The headless engine turns that automatic
// checkpoint off on its own connection and lets this object, on a thread and a connection of its
// own, checkpoint (PASSIVE: never blocks the engine's writes) every interval.
//
// (The store's own concern; it lives here with the headless engine that needs it until models/
// offers it.)
class WalCheckpointer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WalCheckpointer)
public:
    // `engineStore` is the engine's connection, whose automatic checkpoints are turned off.
    WalCheckpointer(Database &engineStore, int intervalMs, QObject *parent = nullptr);
    ~WalCheckpointer() override;

    bool start(QString *error);
    void stop(); // a last checkpoint, then the thread ends

    int checkpoints() const { return m_checkpoints.loadRelaxed(); }

private:
    class Worker;
    Database &m_engineStore;
    QString m_path;
    int m_intervalMs;
    QThread m_thread;
    Worker *m_worker = nullptr;
    QAtomicInt m_checkpoints;
};

} // namespace FrontDesk
