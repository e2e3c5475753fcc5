#pragma once

// The domain records FrontDesk stores. Ids are UUID strings made where the record is born,
// so that records made offline on a desk, by the engine or by a simulation merge without clashes.

#include <QDate>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace FrontDesk {

QString newId(); // a fresh UUID without braces

struct ServiceRecord
{
    QString id;
    QString contactId;
    QString serviceId; // a profile service id, or free text for history imported from elsewhere
    QDate date;
    double value = 0;
    QString notes;
};

struct Contact
{
    QString id;
    QString phone; // E.164
    QString name;
    QString zip;
    QString email;
    QString notes;
    QString language; // the language the contact writes in ("en", "es"), empty until known
    QDateTime createdAt; // UTC
    QList<ServiceRecord> history; // filled by ContactRepository::findByPhone / byId, newest first

    QString firstName() const;
    const ServiceRecord *lastService() const { return history.isEmpty() ? nullptr : &history.first(); }
};

struct Call
{
    QString id;
    QString providerSid; // CallSid; idempotency key (unique when non-empty)
    QString phone;
    QDateTime at; // UTC
    QString status; // "missed", "answered"
    QString threadId;
    bool deduplicated = false; // a repeat within the dedupe window: no new text went out
    bool afterHours = false;
    // A call the agent answered by voice: its dialogue state (VoiceCallState as JSON); empty otherwise.
    QString voiceState;

    bool answeredByAgent() const { return !voiceState.isEmpty(); }
    // The agent is on this call now (its phase is talking, offering a transfer or taking a voicemail).
    bool agentOnCall() const;
};

namespace ThreadState {
inline constexpr auto Ai = "ai";
inline constexpr auto Staff = "staff";
inline constexpr auto Closed = "closed";
} // namespace ThreadState

namespace Outcome {
inline constexpr auto Open = "open";
inline constexpr auto NoReply = "no_reply";
inline constexpr auto Booked = "booked";
inline constexpr auto Declined = "declined";
inline constexpr auto OptedOut = "opted_out";
inline constexpr auto HandedOff = "handed_off";
} // namespace Outcome

struct Thread
{
    QString id;
    QString phone;
    QString contactId; // empty for a new caller
    QString state = QString::fromLatin1(ThreadState::Ai);
    QString outcome = QString::fromLatin1(Outcome::NoReply);
    QString handoffReason; // human_requested | emergency | complaint | not_understood | empty
    QString awaiting; // the slot the agent asked for last (service, zip, when, choice, confirm, name, urgency)
    bool needsAttention = false;
    bool attentionAcknowledged = false;
    QDateTime createdAt; // UTC
    QDateTime updatedAt;
    QDateTime lastMessageAt;
    QString lastMessagePreview;
    QJsonObject agentState; // the dialogue's working memory (offered slots, misunderstandings, …)
    QString language; // the conversation's language ("en", "es"): every reply is written in it
};

namespace Author {
inline constexpr auto Ai = "ai";
inline constexpr auto Staff = "staff";
inline constexpr auto Customer = "customer";
inline constexpr auto System = "system";
} // namespace Author

struct Message
{
    QString id;
    QString threadId;
    QString direction; // "in" | "out"
    QString author; // ai | staff | customer | system
    QString body;
    QDateTime at; // UTC
    QString status; // in: "received"; out: "queued", "sending", "sent", "delivered", "undelivered", "failed", "cancelled"
    QString providerSid;
    QString error;
    QString channel = QStringLiteral("sms"); // "sms" or "voice" (a spoken turn of a call the agent answered)
};

// What the agent collected for one thread: the qualification slots.
struct Lead
{
    QString threadId;
    QString service;
    QString zip;
    QString urgency = QStringLiteral("normal");
    QString name;
    QString when; // the caller's words for the time they want
    bool existingCustomer = false;
    bool inArea = true;
    bool qualified = false;
    QDateTime updatedAt;
};

struct Appointment
{
    QString id;
    QString threadId;
    QString contactId;
    QString phone;
    QString serviceId;
    QString technicianId;
    QDateTime start; // UTC in storage; callers convert to the business's zone
    QDateTime end;
    QString status = QStringLiteral("booked"); // booked | cancelled
    QString title;
    QString source = QStringLiteral("agent"); // agent | staff | calendar | import | scenario
    QString externalUid; // the calendar event's UID, when synced
    bool synced = false;
    double value = 0; // the job value at booking time
    QDateTime createdAt;
};

// A technician's taken time, without the rest of the appointment (what availability needs).
struct BusySpan
{
    QString technicianId;
    QDateTime start; // UTC
    QDateTime end;
};

struct OutboxItem
{
    QString id;
    QString messageId;
    QString toPhone;
    QString body;
    QString status = QStringLiteral("pending"); // pending | sending | sent | failed | cancelled
    int attempts = 0;
    QDateTime nextAttemptAt; // UTC
    QString providerSid;
    QString lastError;
    QDateTime createdAt;
    QString kind = QStringLiteral("conversation"); // conversation | opt_out_confirmation | opt_in_confirmation
};

struct AuditEntry
{
    qint64 id = 0;
    QDateTime at;
    QString actor; // "agent", "staff:<desk or user>", "system", "admin"
    QString action; // "takeover", "handback", "opt_out", "booked", "profile_imported", …
    QString subject; // a thread id, a phone, …
    QString details;
};

} // namespace FrontDesk
