#pragma once

#include "app/admin/autoreplies.h"
#include "models/businessprofile.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <memory>

namespace FrontDesk {

class Database;
class Engine;
class SimulatedClock;
class SmsGateway;

// One text of the business in the sandbox, with who wrote it ("ai" or "system").
struct SandboxReply
{
    QString author;
    QString text;
};

// What one caller message did in the sandbox: the replies, and what the agent understood.
struct SandboxTurn
{
    QString callerText;
    QList<SandboxReply> replies;
    QJsonObject parsed; // the FORMAT.md `parse` object for this message (as the engine parsed it)
    QString awaiting; // the slot the agent now waits for ("zip", "when", …), empty when none
    QString outcome; // open, booked, declined, handed_off, opted_out
    QJsonObject lead; // service, zip, urgency, name, when, existing_customer, in_area, qualified
    QString appointment; // "Furnace repair with Marcus, Tuesday, March 3 at 1:00 PM" when one was booked
};

// "Try the agent": the real engine (the same path as `frontdesk-cli simulate`) on a private in-memory
// store holding only the settings being edited, with a simulated clock and a phone line that goes
// nowhere. It never reads or writes the business's own store, so no real thread is touched and no
// text leaves.
class AgentSandbox
{
public:
    AgentSandbox();
    ~AgentSandbox();
    AgentSandbox(const AgentSandbox &) = delete;
    AgentSandbox &operator=(const AgentSandbox &) = delete;

    static constexpr auto CallerPhone = "+12025550143";

    // Starts a conversation as if a call from the sample caller had just rung out at `now`; an existing
    // customer is a sample contact with one past job (the profile's first service). False and *error
    // when the profile cannot be used.
    bool start(const BusinessProfile &profile, const AutoReplies &autoReplies, const QDateTime &now,
        bool existingCustomer, QString *error);
    bool isRunning() const { return m_engine != nullptr; }

    QList<SandboxReply> openingTexts() const { return m_opening; }
    // The caller texts `text` a minute after the last message.
    SandboxTurn send(const QString &text);

private:
    QList<SandboxReply> newReplies();
    QJsonObject leadJson() const;

    std::unique_ptr<Database> m_db;
    std::unique_ptr<SimulatedClock> m_clock;
    std::unique_ptr<SmsGateway> m_gateway;
    std::unique_ptr<Engine> m_engine;
    std::unique_ptr<BusinessProfile> m_profile;
    QList<SandboxReply> m_opening;
    QString m_threadId;
    int m_seen = 0; // messages of the thread already reported
    int m_inbound = 0;
};

} // namespace FrontDesk
