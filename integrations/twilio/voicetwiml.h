#pragma once

#include "app/voice/voicedialogue.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace FrontDesk {

// The TwiML of a call the agent answers (issue 18): a call dialogue's step as the provider runs it.
// Words said before listening go inside <Gather input="speech dtmf"> (the caller may talk over them);
// a transfer is a <Dial>, a voicemail a <Record>. Texts the step leads to are the engine's, not TwiML.
class VoiceTwiml
{
public:
    struct Urls
    {
        QString gather; // where the provider posts what it heard (SpeechResult / Digits, or nothing)
        QString recording; // where a voicemail recording ends
    };
    static QByteArray render(const VoiceStep &step, const Urls &urls, const QStringList &speechHints);
    // Rings the staff line first (the `after_ring` mode): <Dial timeout=ring_s action=…>.
    static QByteArray ringFirst(const QString &staffNumber, int ringSec, const QString &actionUrl);
    // Take call: the live call put through to the desk's phone, the agent's dialogue replaced.
    static QByteArray putThrough(const QString &number);
    static QString escaped(const QString &text);
};

} // namespace FrontDesk
