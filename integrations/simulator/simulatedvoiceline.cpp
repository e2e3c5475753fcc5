#include "integrations/simulator/simulatedvoiceline.h"

#include "app/core/voiceagent.h"

#include <QTimer>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace FrontDesk {

SimulatedVoiceLine::SimulatedVoiceLine(VoiceAgent &agent, QObject *parent)
    : CallControl(parent)
    , m_agent(agent)
{
}

QString SimulatedVoiceLine::placeVoiceCall(const QString &from)
{
    const QString callSid = u"CA"_s + QUuid::createUuid().toString(QUuid::Id128);
    const VoiceStep step = m_agent.answerCall(callSid, from);
    if (step.actions.isEmpty())
        return {};
    m_calls.insert(callSid, from);
    // The caller hears the greeting once the call is through: on the next turn of the event loop.
    QTimer::singleShot(0, this, [this, callSid, step] {
        if (m_calls.contains(callSid))
            report(callSid, step);
    });
    return callSid;
}

void SimulatedVoiceLine::callerSays(const QString &callSid, const QString &words)
{
    if (!m_calls.contains(callSid))
        return;
    const auto state = m_agent.callState(callSid);
    if (!state || !state->live())
        return; // the agent is out of the call: the desk is talking with the caller
    report(callSid, m_agent.callEvent(callSid, VoiceEvent {VoiceEventKind::Speech, words}));
}

void SimulatedVoiceLine::hangUp(const QString &callSid)
{
    const QString phone = m_calls.take(callSid);
    if (phone.isEmpty())
        return;
    if (const auto state = m_agent.callState(callSid); state && state->phase != VoicePhase::Ended)
        m_agent.callEvent(callSid, VoiceEvent {VoiceEventKind::HangUp, {}});
    emit callEnded(callSid, phone);
}

void SimulatedVoiceLine::redirectCall(const QString &callSid, const QString &to)
{
    QTimer::singleShot(0, this, [this, callSid, to] {
        const auto it = m_calls.constFind(callSid);
        if (it == m_calls.cend()) {
            emit redirectFailed(callSid, tr("The call has ended"), true);
            return;
        }
        emit callRedirected(callSid, to);
        emit callPutThrough(callSid, *it, to);
    });
}

void SimulatedVoiceLine::report(const QString &callSid, const VoiceStep &step)
{
    QStringList said;
    bool listening = false;
    bool over = false;
    for (const auto &a : step.actions) {
        if (a.kind == VoiceActionKind::Say)
            said << a.text;
        else if (a.kind == VoiceActionKind::Gather)
            listening = true;
        else if (a.kind == VoiceActionKind::HangUp)
            over = true;
    }
    const QString phone = m_calls.value(callSid);
    emit agentTurn(callSid, phone, said, listening);
    if (over) {
        m_calls.remove(callSid);
        emit callEnded(callSid, phone);
    }
}

} // namespace FrontDesk
