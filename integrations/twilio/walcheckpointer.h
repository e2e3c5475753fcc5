#pragma once

#include <QAtomicInteger>
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
// The WAL stays bounded under sustained load: a PASSIVE checkpoint cannot start the WAL over
// while writes keep coming, so when the WAL file passes `softLimitBytes` the worker runs a TRUNCATE
// checkpoint (it waits briefly for the engine's transaction to end, copies every frame back and
// empties the file), and it does the same whenever the store has been idle for one interval.
// journal_size_limit on the engine's connection caps what a reset leaves behind.
//
// (The store's own concern; it lives here with the headless engine that needs it until models/
// offers it.)
class WalCheckpointer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WalCheckpointer)
public:
    // `engineStore` is the engine's connection, whose automatic checkpoints are turned off.
    WalCheckpointer(
        Database &engineStore, int intervalMs, qint64 softLimitBytes = 4 * 1024 * 1024, QObject *parent = nullptr);
    ~WalCheckpointer() override;

    bool start(QString *error);
    void stop(); // a last checkpoint, then the thread ends

    int checkpoints() const { return m_checkpoints.loadRelaxed(); }
    int truncations() const { return m_truncations.loadRelaxed(); }
    // The WAL file's size as last seen (before its checkpoint), and the largest seen.
    qint64 walBytes() const { return m_walBytes.loadRelaxed(); }
    qint64 peakWalBytes() const { return m_peakWalBytes.loadRelaxed(); }

private:
    class Worker;
    Database &m_engineStore;
    QString m_path;
    int m_intervalMs;
    QThread m_thread;
    Worker *m_worker = nullptr;
    qint64 m_softLimitBytes;
    QAtomicInt m_checkpoints;
    QAtomicInt m_truncations;
    QAtomicInteger<qint64> m_walBytes;
    QAtomicInteger<qint64> m_peakWalBytes;
};

} // namespace FrontDesk
