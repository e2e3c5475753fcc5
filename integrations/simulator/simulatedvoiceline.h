#pragma once

#include "app/core/callcontrol.h"
#include "app/core/clock.h"

#include <QHash>
#include <QStringList>

namespace FrontDesk {

class VoiceAgent;
struct VoiceStep;

// The voice side of the simulated line (issue 18): calls the agent answers, for the demo and the
// practice desk. A caller's call is answered by the voice agent (the engine, as the webhooks would
// have it); what the caller says goes to it and what it says back comes out as agentTurn; a hang-up
// ends the call. As a CallControl it puts a live call through to the desk's phone (Take call): the
// agent is out of the call and the simulated caller talks to the desk.
class SimulatedVoiceLine final : public CallControl
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SimulatedVoiceLine)
public:
    explicit SimulatedVoiceLine(VoiceAgent &agent, QObject *parent = nullptr);

    // A caller's actions. placeVoiceCall returns the CallSid (empty when the agent couldn't answer); the
    // greeting's agentTurn follows on the next turn of the event loop.
    QString placeVoiceCall(const QString &from);
    void callerSays(const QString &callSid, const QString &words);
    void hangUp(const QString &callSid);
    bool isLive(const QString &callSid) const { return m_calls.contains(callSid); }
    int liveCalls() const { return int(m_calls.size()); }

    // Take call: answered on the next turn of the event loop, as a provider's REST answer would be.
    void redirectCall(const QString &callSid, const QString &to) override;

signals:
    // What the agent said on the call, and whether it listens for the caller next (false: it put the
    // caller through, took a voicemail or hung up).
    void agentTurn(const QString &callSid, const QString &phone, const QStringList &said, bool listening);
    // The call is over (hung up, or the agent ended it).
    void callEnded(const QString &callSid, const QString &phone);
    // The call went to the desk's phone (Take call): the agent is out of it.
    void callPutThrough(const QString &callSid, const QString &phone, const QString &to);

private:
    void report(const QString &callSid, const VoiceStep &step);

    VoiceAgent &m_agent;
    QHash<QString, QString> m_calls; // live calls: CallSid → caller's phone
};

} // namespace FrontDesk
