#pragma once

#include "app/admin/autoreplies.h"
#include "app/admin/phonenormalizer.h"
#include "app/admin/role.h"
#include "app/agent/agent.h"
#include "app/agent/messageparser.h"
#include "app/core/clock.h"
#include "app/core/smsgateway.h"
#include "app/core/storecontactdirectory.h"
#include "app/messaging/compliancegate.h"
#include "app/messaging/fraudguard.h"
#include "app/scheduling/availability.h"
#include "app/voice/voicedialogue.h"
#include "models/businessprofile.h"
#include "models/database.h"
#include "models/repositories.h"

#include <QObject>
#include <QPointer>
#include <memory>

namespace FrontDesk {

class AccessPolicy;
class BookingService;
class CalendarProvider;

struct EngineSettings
{
    int dedupeWindowSec = 15 * 60; // repeat calls within this time of our last text get no new text
    int threadReuseDays = 7; // a new call reuses the number's open thread when it was active this recently
    int maxSendAttempts = 5; // fast retries (growing backoff); then slow retries every slowRetryIntervalSec
    int slowRetryIntervalSec = 10 * 60;
    // The freshness rule: how long after it was queued a text still makes sense. A missed-call
    // text-back or another automated template text (author "system") stays sensible for
    // textBackFreshSec; an agent's or a person's reply for retryForSec. A text not sent by then
    // fails for good, with a desk alert.
    int retryForSec = 24 * 3600;
    int textBackFreshSec = 12 * 3600;
    // Health: the provider refusing every text for this long, and the free space below which the
    // store's disk counts as nearly full.
    int providerAlarmSec = 120;
    qint64 minFreeDiskBytes = 100LL * 1024 * 1024;
    // The text-back fraud guard. Off for an engine on a simulated line (the demo, scenarios, tests:
    // nothing there costs money); every real provider line turns it on (TwilioSession's default,
    // hence frontdesk-engine and the desktop app on a real line).
    FraudGuardSettings fraud = [] {
        FraudGuardSettings f;
        f.enabled = false;
        return f;
    }();
};

// The engine: every decision about calls and texts. It turns provider events into threads,
// asks the agent, and writes each outbound text to the outbox in the same transaction as the
// decision that caused it, then hands it to the gateway.
class Engine final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Engine)
public:
    Engine(Database &db, Clock &clock, QObject *parent = nullptr);
    ~Engine() override;

    void setSettings(const EngineSettings &settings);
    const EngineSettings &settings() const { return m_settings; }
    // The gateway is not owned; the engine listens to its events and sends through it.
    void setGateway(SmsGateway *gateway);
    // The shared calendar. The engine never calls it: a booking, move or cancellation queues a write in
    // the calendar outbox in its own transaction, and the calendar worker (which owns the provider, on
    // a thread of its own) carries it out after the commit. Null: no shared calendar, nothing queued.
    void setCalendar(CalendarProvider *calendar) { m_calendar = calendar; }
    CalendarProvider *calendar() const { return m_calendar; }
    // Who a number belongs to; by default the store's own contacts. Not owned.
    void setContactDirectory(ContactDirectory *directory) { m_directory = directory ? directory : &m_storeDirectory; }

    // Reads the business profile from the store; false (and lastError) when none is stored. A new
    // profile is a new snapshot: whoever holds the previous one keeps it valid; profileChanged tells.
    bool reloadProfile();
    // The current profile, null when none is stored. Keep the snapshot, never a reference into it.
    std::shared_ptr<const BusinessProfile> profile() const { return m_profile; }
    QString lastError() const { return m_lastError; }

    Database &database() { return m_db; }
    Clock &clock() { return m_clock; }

    // What a receptionist does. Each is recorded in the audit log with `actor`.
    bool takeOver(const QString &threadId, const QString &actor);
    bool handBack(const QString &threadId, const QString &actor);
    bool sendStaffMessage(const QString &threadId, const QString &body, const QString &actor);
    bool acknowledge(const QString &threadId, const QString &actor);
    // Staff: the conversation's language ("en", "es"); the agent's replies and templates follow it
    // from now on, and the contact keeps it for the next conversation.
    bool setConversationLanguage(const QString &threadId, const QString &language, const QString &actor);

    // Admin: roles and keyword auto-replies.
    // With a policy, takeOver / handBack / sendStaffMessage / acknowledge refuse an actor whose role
    // does not allow it (lastError says why; the refusal is audited). Not owned; null checks nothing.
    void setAccessPolicy(const AccessPolicy *policy) { m_access = policy; }
    const AccessPolicy *accessPolicy() const { return m_access; }
    // Whether `actor` may; when not: lastError, and an "access_refused" audit entry naming `action`.
    bool checkAccess(const QString &actor, Permission permission, const QString &action, const QString &subject = {});
    // Reads the keyword auto-replies from the settings (reloadProfile does too).
    void reloadAutoReplies();
    const AutoReplies &autoReplies() const { return m_autoReplies; }

    // The one way a person books, moves and cancels (the desk, the Calendar tab): the current profile
    // snapshot, the shared calendar's outbox (the worker is woken after each commit) and the access
    // policy for `actor`. Null when no profile is stored. (app/messaging/enginecalendar.cpp)
    std::unique_ptr<BookingService> bookingService(const QString &actor);

    // Sends what is due in the outbox (called after every decision, and by a timer when live).
    void dispatchOutbox();

    // Why the engine is not fully well, one line per reason; empty when it is: the store cannot
    // write, its disk is nearly full, texts failed for good in the last 24 h, the provider has
    // refused every text for providerAlarmSec, text-backs are paused by the fraud guard.
    QStringList healthProblems();
    // A caller's number as the engine keeps it: E.164 in the business's region when it is a phone
    // number, else as received (trimmed), e.g. "anonymous" or "client:alice".
    QString normalizedNumber(const QString &raw) const;
    FraudGuard &fraudGuard() { return m_gate.fraudGuard(); }
    // After a restart: texts left "sending" by a crash go back to the queue.
    void recoverOutbox();

    // The voice receptionist (issue 18; app/messaging/enginevoice.cpp). Whether the agent answers a call
    // that comes in at `at` by voice (the profile's voice mode); the call it answers (the greeting);
    // each later event of that call (the caller's words, keys, silence, a recording, a hang-up), once
    // per CallSid and step. The step's actions are what the line does next; spoken turns are stored as
    // messages of the caller's thread on the "voice" channel.
    bool answersByVoice(const QDateTime &at) const;
    VoiceStep handleVoiceCall(const QString &callSid, const QString &from, const QDateTime &at);
    VoiceStep handleVoiceEvent(const QString &callSid, const VoiceEvent &event, const QDateTime &at);
    // Take call: the live call of a conversation (the agent is on it), if any; and, once the line put
    // it through to the desk's phone, the agent out of it: the conversation goes to staff (audited
    // "call_taken"), queued agent texts cancelled, and any later event of the call gets no agent turn.
    std::optional<Call> liveCall(const QString &threadId);
    bool takeCall(const QString &callSid, const QString &actor, const QString &deskPhone);

public slots:
    void handleMissedCall(const QString &callSid, const QString &from, const QDateTime &at);
    void handleInboundSms(const QString &messageSid, const QString &from, const QString &body, const QDateTime &at);
    // The calendar worker found the appointment's time taken on the shared calendar when it wrote it
    // (app/messaging/enginecalendar.cpp): the booking is cancelled here; an agent's caller is told and
    // offered new times, and the desk is alerted.
    void handleCalendarConflict(const QString &appointmentId, const QString &detail);

signals:
    void callRecorded(const QString &callId, const QString &threadId);
    void threadUpdated(const QString &threadId);
    void messageAdded(const QString &threadId, const QString &messageId);
    void messageStatusChanged(const QString &threadId, const QString &messageId);
    void alertRaised(const QString &threadId, const QString &reason, bool urgent);
    // The answer of healthProblems() changed (a store write failed or worked again, a text failed for
    // good, the provider started or stopped refusing, text-backs paused).
    void healthChanged();
    void appointmentBooked(const QString &appointmentId); // committed
    void appointmentCancelled(const QString &appointmentId); // committed (a calendar conflict)
    // Committed writes wait in the calendar outbox: the calendar worker's cue.
    void calendarWritesQueued();
    void profileChanged(); // a new profile snapshot is published (profile())

private:
    // Each returns whether the event is durably stored (a repeat of a stored one counts as stored).
    bool storeMissedCall(const QString &callSid, const QString &from, const QDateTime &at);
    bool storeInboundSms(const QString &messageSid, const QString &from, const QString &body, const QDateTime &at);
    void noteStoreResult(bool stored, const QString &what);
    void noteProviderResult(bool refused, const QString &error);
    QDateTime freshUntil(const OutboxItem &item, const Message *message) const;
    // Marks a text failed for good: its message, a desk alert on its thread, the audit log, health.
    void failForGood(OutboxItem item, const QString &why);
    void handleSendAccepted(const QString &reference, const QString &providerSid);
    void handleSendFailed(const QString &reference, const QString &errorCode, const QString &message, bool permanent);
    void handleDeliveryStatus(const QString &providerSid, const QString &status, const QString &errorCode);

    // One turn of the agent on the caller's text `body` (inside the caller's transaction): books,
    // cancels, hands off and queues its replies; says whether to raise an alert once committed.
    // True when a reply was queued.
    bool agentTurn(Thread &thread, Lead &lead, const std::optional<Contact> &contact, const QString &body,
        const ParsedMessage &parsed, const QDateTime &at, bool &alert, bool &urgent, QString &alertReason,
        VoiceAgentTurn *voice = nullptr);
    // A spoken turn of a call, stored on the "voice" channel (inside the caller's transaction).
    bool recordSpoken(Thread &thread, const QString &direction, const QString &author, const QString &body,
        const QDateTime &at, const QString &sid = {});
    bool storeVoiceStep(Call &call, Thread &thread, const VoiceStep &step, const std::optional<Slot> &booked,
        const QDateTime &at, bool &alert, bool &urgent, QString &alertReason);
    // Writes an outbound message and its outbox item (inside the caller's transaction).
    bool queueText(Thread &thread, const QString &author, const QString &body, QString *messageId = nullptr);
    bool recordInbound(Thread &thread, const QString &sid, const QString &body, const QDateTime &at, bool *duplicate);
    Thread newThread(const QString &phone, const std::optional<Contact> &contact) const;
    Lead leadFor(const Thread &thread, const std::optional<Contact> &contact) const;
    QList<BusyInterval> busyIntervals();
    // Queues the appointment's calendar write (inside the caller's transaction) when a shared calendar
    // is on; false when it could not be stored.
    bool queueCalendarWrite(const QString &appointmentId, const QString &op);
    void audit(const QString &actor, const QString &action, const QString &subject, const QString &details = {});
    void restoreFraudGuard(); // the fraud guard's windows and pause, from the audit log
    void optOutNumber(const QString &phone, const QString &reason);
    void emitThread(const Thread &thread);

    Database &m_db;
    Clock &m_clock;
    QPointer<SmsGateway> m_gateway;
    CalendarProvider *m_calendar = nullptr;
    EngineSettings m_settings;
    std::shared_ptr<const BusinessProfile> m_profile; // the parser, agent and availability read this snapshot
    std::unique_ptr<MessageParser> m_parser;
    std::unique_ptr<Agent> m_agent;
    std::unique_ptr<Availability> m_availability;
    SettingsRepository m_settingsRepo;
    CallRepository m_calls;
    ThreadRepository m_threads;
    LeadRepository m_leads;
    AppointmentRepository m_appointments;
    OptOutRepository m_optOuts;
    OutboxRepository m_outbox;
    AuditRepository m_audit;
    ComplianceGate m_gate;
    StoreContactDirectory m_storeDirectory;
    ContactDirectory *m_directory = &m_storeDirectory;
    QStringList m_pendingSignals;
    QStringList m_pendingBooked; // appointments booked by the decision being stored: announced after commit
    bool m_calendarQueued = false; // the decision being stored queued calendar writes
    QString m_lastError;
    bool m_dispatching = false;
    bool m_cancelledInThread = false; // the current decision silenced queued texts
    // Admin: roles and keyword auto-replies.
    const AccessPolicy *m_access = nullptr;
    AutoReplies m_autoReplies;
    PhoneNormalizer m_normalizer;
    QString m_storeProblem; // the last event write failed: why (empty once one works again)
    QDateTime m_providerRefusingSince; // the first of an unbroken run of transient send failures
    QString m_providerLastError;
};

} // namespace FrontDesk
