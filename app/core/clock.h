#pragma once

#include <QDateTime>
#include <QObject>

namespace FrontDesk {

// Where the engine reads the time. Everything that needs "now" (the agent, scheduling, retries,
// "5 min ago") receives a Clock, so tests and simulations control time.
class Clock : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;
    virtual QDateTime now() const = 0; // always UTC

signals:
    // A simulated clock announces each jump so that timers waiting on simulated time can fire.
    void advanced(const QDateTime &now);
};

class SystemClock final : public Clock
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SystemClock)
public:
    using Clock::Clock;
    QDateTime now() const override { return QDateTime::currentDateTimeUtc(); }
};

class SimulatedClock final : public Clock
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SimulatedClock)
public:
    explicit SimulatedClock(const QDateTime &start, QObject *parent = nullptr)
        : Clock(parent), m_now(start.toUTC())
    {
    }
    QDateTime now() const override { return m_now; }
    void setNow(const QDateTime &moment)
    {
        m_now = moment.toUTC();
        emit advanced(m_now);
    }
    void advance(qint64 msecs) { setNow(m_now.addMSecs(msecs)); }

private:
    QDateTime m_now;
};

} // namespace FrontDesk
