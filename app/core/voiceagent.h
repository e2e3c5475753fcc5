#pragma once

#include "app/voice/voicedialogue.h"

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <optional>

namespace FrontDesk {

// The voice receptionist as the provider side sees it (issue 18): whether a call is answered by the
// agent, the call dialogue's steps, and the reply kept for each step so that a webhook delivered twice
// gets the same answer. The engine implements it (EngineVoiceAgent); the webhook server calls it.
class VoiceAgent
{
public:
    virtual ~VoiceAgent() = default;

    struct Answering
    {
        bool byVoice = false; // the agent answers calls that come in now (else: the text-back as before)
        int ringFirstSec = 0; // ring the staff line this long first (after_ring); 0: answer at once
    };
    virtual Answering answering() = 0;
    virtual QStringList speechHints() = 0;
    // The state of a call the agent answered; nullopt for any other call.
    virtual std::optional<VoiceCallState> callState(const QString &callSid) = 0;
    // The agent answers (the greeting); an empty step when nothing could be stored.
    virtual VoiceStep answerCall(const QString &callSid, const QString &from) = 0;
    virtual VoiceStep callEvent(const QString &callSid, const VoiceEvent &event) = 0;
    // The reply the line got at a step of a call, when there was one.
    virtual std::optional<QByteArray> storedReply(const QString &callSid, int step) = 0;
    virtual bool storeReply(const QString &callSid, int step, const QByteArray &reply) = 0;
};

} // namespace FrontDesk
