#pragma once

#include "app/core/voiceagent.h"

namespace FrontDesk {

class Engine;

// The engine as the provider side's voice agent: calls answered by the agent go through
// Engine::handleVoiceCall / handleVoiceEvent, replies are kept in the engine's store.
class EngineVoiceAgent final : public VoiceAgent
{
public:
    explicit EngineVoiceAgent(Engine &engine);

    Answering answering() override;
    QStringList speechHints() override;
    std::optional<VoiceCallState> callState(const QString &callSid) override;
    VoiceStep answerCall(const QString &callSid, const QString &from) override;
    VoiceStep callEvent(const QString &callSid, const VoiceEvent &event) override;
    std::optional<QByteArray> storedReply(const QString &callSid, int step) override;
    bool storeReply(const QString &callSid, int step, const QByteArray &reply) override;

private:
    Engine &m_engine;
};

} // namespace FrontDesk
