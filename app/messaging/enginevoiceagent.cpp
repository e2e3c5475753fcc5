#include "app/messaging/enginevoiceagent.h"

#include "app/messaging/engine.h"
#include "models/voicereplyrepository.h"

#include <QJsonDocument>

namespace FrontDesk {

EngineVoiceAgent::EngineVoiceAgent(Engine &engine)
    : m_engine(engine)
{
}

VoiceAgent::Answering EngineVoiceAgent::answering()
{
    Answering a;
    const auto profile = m_engine.profile();
    a.byVoice = m_engine.answersByVoice(m_engine.clock().now());
    if (a.byVoice && profile && profile->voice.mode == VoiceMode::AfterRing)
        a.ringFirstSec = profile->voice.ringSec;
    return a;
}

QStringList EngineVoiceAgent::speechHints()
{
    const auto profile = m_engine.profile();
    return profile ? VoiceDialogue(*profile).speechHints() : QStringList();
}

std::optional<VoiceCallState> EngineVoiceAgent::callState(const QString &callSid)
{
    const auto call = CallRepository(m_engine.database()).bySid(callSid);
    if (!call || call->voiceState.isEmpty())
        return std::nullopt;
    return VoiceCallState::fromJson(QJsonDocument::fromJson(call->voiceState.toUtf8()).object());
}

VoiceStep EngineVoiceAgent::answerCall(const QString &callSid, const QString &from)
{
    return m_engine.handleVoiceCall(callSid, from, m_engine.clock().now());
}

VoiceStep EngineVoiceAgent::callEvent(const QString &callSid, const VoiceEvent &event)
{
    return m_engine.handleVoiceEvent(callSid, event, m_engine.clock().now());
}

std::optional<QByteArray> EngineVoiceAgent::storedReply(const QString &callSid, int step)
{
    return VoiceReplyRepository(m_engine.database()).find(callSid, step);
}

bool EngineVoiceAgent::storeReply(const QString &callSid, int step, const QByteArray &reply)
{
    return VoiceReplyRepository(m_engine.database()).save(callSid, step, reply);
}

} // namespace FrontDesk
