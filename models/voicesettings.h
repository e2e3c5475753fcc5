#pragma once

#include <QJsonObject>
#include <QJsonValue>
#include <QString>

namespace FrontDesk {

struct ProfileError;

// When the agent answers a call by voice (../shared/scenarios/FORMAT.md, "Voice calls").
enum class VoiceMode
{
    Off, // missed calls get the text-back (the default)
    AfterRing, // the agent answers once the staff line has rung ring_s seconds unanswered
    AfterHours, // the agent answers outside business hours; in hours the text-back as before
    Always, // the agent answers every call
};

QString voiceModeName(VoiceMode mode); // "off", "after_ring", "after_hours", "always"

// The profile's `voice` object: how the business's phone line is answered when nobody picks up.
struct VoiceSettings
{
    VoiceMode mode = VoiceMode::Off;
    int ringSec = 20; // how long the staff line rings before the agent answers (after_ring)
    QString transferTo; // the number a caller is put through to on request or in an emergency
    QString greeting; // {placeholders} like a template; empty: defaultGreeting()

    bool enabled() const { return mode != VoiceMode::Off; }
    QString greetingText() const { return greeting.isEmpty() ? defaultGreeting() : greeting; }
    static QString defaultGreeting();

    // Reads the `voice` value of a profile (absent or null: the defaults). On failure *error names
    // the field ("voice.mode") and the problem, and the result is false.
    static bool fromJson(const QJsonValue &value, VoiceSettings *out, ProfileError *error);
    QJsonObject toJson() const;
};

} // namespace FrontDesk
