#pragma once

#include "models/records.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QString>
#include <optional>

namespace FrontDesk {

class CallControl;
class Engine;

// Take call (issue 18): a person at the desk takes a call the agent is on. The line's call-update API
// puts the live call through to the desk's phone; once the provider has done it, the engine takes the
// agent out of the call and gives the conversation to staff (Engine::takeCall). The request goes
// through the line's CallControl and never blocks: callTaken or takeCallFailed tells how it ended.
//
// The desk's phone is a setting of the store (Settings › Phone line, "Desk phone"); unset, the
// profile's voice.transfer_to, else the business's own phone.
class CallTakeover final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CallTakeover)
public:
    static constexpr auto DeskPhoneKey = "voice.desk_phone";

    explicit CallTakeover(Engine &engine, QObject *parent = nullptr);
    ~CallTakeover() override;

    // The line's call control (not owned); null: calls can't be taken on this line.
    void setCallControl(CallControl *control);
    bool canTakeCalls() const { return !m_control.isNull(); }

    // The number calls are put through to, E.164 (empty when nothing is set anywhere).
    QString deskPhone() const;
    // What Settings shows: the stored setting (empty: the default applies) and the default.
    QString storedDeskPhone() const;
    QString defaultDeskPhone() const;
    // Saves the desk's phone (empty: back to the default), as E.164 read in the business's region.
    // Needs the Settings permission. False and *error (the number's problem) when not saved.
    [[nodiscard]] bool saveDeskPhone(const QString &actor, const QString &raw, QString *error);
    // Reads a desk phone number as E.164 in the business's region; std::nullopt and *why when it isn't one.
    std::optional<QString> normalizedDeskPhone(const QString &raw, QString *why) const;

    // The conversation's live call (the agent is on it), if any.
    std::optional<Call> liveCall(const QString &threadId) const;
    // Whether a take of the conversation's call waits for the provider's answer.
    bool isPending(const QString &threadId) const;
    // Asks the line to put the conversation's live call through to the desk's phone. False and *error
    // when it can't even be asked (no live call, no call control, no desk phone, not allowed).
    [[nodiscard]] bool takeCall(const QString &actor, const QString &threadId, QString *error);

signals:
    void callTaken(const QString &threadId, const QString &deskPhone);
    void takeCallFailed(const QString &threadId, const QString &message);
    void pendingChanged(const QString &threadId);

private:
    struct Pending
    {
        QString threadId;
        QString actor;
    };
    void handleRedirected(const QString &callSid, const QString &to);
    void handleRedirectFailed(const QString &callSid, const QString &message, bool callEnded);

    Engine &m_engine;
    QPointer<CallControl> m_control;
    QHash<QString, Pending> m_pending; // by CallSid
};

} // namespace FrontDesk
